"""Pages of a deliberation: the discussion, the opinion map and the moderator's and closer's tools."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.core.search import search
from gongzhi.needs.models import Need
from gongzhi.participation import forms, opinion, queries, rules, svg
from gongzhi.participation.actions import deliberation as actions
from gongzhi.participation.actions import opinion as opinion_actions
from gongzhi.participation.models import Comment, Deliberation, Statement, Vote
from gongzhi.participation.views.common import events, run, submit


def deliberation_list(request: HttpRequest) -> HttpResponse:
    """Public: deliberations on the needs this visitor may see, open ones first."""
    deliberations = queries.visible_deliberations(request.user).order_by("status", "-opened_at")
    q = request.GET.get("q", "").strip()
    if q:
        deliberations = search(deliberations, q)
    page = Paginator(deliberations, 20).get_page(request.GET.get("page"))
    context = {"page": page, "q": q, "can_create": rules.may_open_deliberations(request.user)}
    return render(request, "participation/deliberation_list.html", context)


@login_required
def deliberation_create(request: HttpRequest) -> HttpResponse:
    if not rules.may_open_deliberations(request.user):
        raise PermissionDenied
    form = forms.OpenDeliberationForm(
        request.POST or None, initial={"need": request.GET.get("need")}
    )
    # A form that could only end in a refusal is refused at once.
    need_id = request.GET.get("need", "")
    asked = Need.objects.filter(pk=int(need_id)).first() if need_id.isdigit() else None
    if request.method == "GET" and asked and not rules.can_open_deliberation(request.user, asked):
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        need = form.cleaned_data["need"]
        if not rules.can_open_deliberation(request.user, need):
            raise PermissionDenied
        created = run(
            request,
            lambda: actions.open_deliberation(
                need, actor=request.user, question=form.cleaned_data["question"]
            ),
            _("议事已发起。"),
        )
        if created:
            return redirect(created)
    return render(request, "participation/deliberation_form.html", {"form": form})


def _visible_or_404(request: HttpRequest, pk: int) -> Deliberation:
    # A deliberation on a need this visitor may not see answers 404, not 403.
    return get_object_or_404(queries.visible_deliberations(request.user), pk=pk)


def _thread(deliberation: Deliberation) -> list[tuple[Comment, list[Comment]]]:
    """Top-level remarks with their answers, in one query; answers to hidden remarks stand alone."""
    shown = list(queries.shown_comments(deliberation))
    ids = {c.pk for c in shown}
    replies: dict[int, list[Comment]] = {}
    for c in shown:
        if c.parent_id in ids:
            replies.setdefault(c.parent_id, []).append(c)
    return [(c, replies.get(c.pk, [])) for c in shown if c.parent_id not in ids]


def _next_statement(deliberation: Deliberation, user) -> Statement | None:
    if not user.is_authenticated:
        return None
    voted = Vote.objects.filter(deliberation=deliberation, user=user).values("statement_id")
    return queries.shown_statements(deliberation).exclude(pk__in=voted).order_by("?").first()


def map_context(deliberation: Deliberation, user) -> dict:
    """The opinion map and its statement lists as the template draws them."""
    opinion_map, updating = opinion.current_map(deliberation)
    data = opinion_map.data if opinion_map else {}
    texts = dict(queries.shown_statements(deliberation).values_list("pk", "text"))
    tallies = {t["statement"]: t for t in data.get("tallies", []) if t["statement"] in texts}
    groups = data.get("group_sizes", [])

    def rows(ids):
        return [_statement_row(i, texts, tallies) for i in ids if i in texts]

    return {
        "can_moderate": rules.can_moderate(user, deliberation),
        "opinion_map": opinion_map,
        "map_updating": updating,
        "picture": svg.opinion_picture(data, me=user.pk if user.is_authenticated else None),
        "groups": [
            {
                "name": svg.GROUP_NAMES[g],
                "index": g,
                "size": n,
                "statements": rows(data["representative"][g]),
            }
            for g, n in enumerate(groups)
        ],
        "consensus": rows(data.get("consensus", [])),
        "divisive": rows(data.get("divisive", [])),
        "all_statements": sorted(
            (_statement_row(i, texts, tallies) for i in texts), key=lambda r: -r["seen"]
        ),
    }


def _statement_row(pk: int, texts: dict, tallies: dict) -> dict:
    tally = tallies.get(pk, {"agree": 0, "disagree": 0, "passed": 0, "groups": []})
    seen = tally["agree"] + tally["disagree"] + tally["passed"]
    return {
        "pk": pk,
        "text": texts[pk],
        "seen": seen,
        "agree": svg.percent(tally["agree"], seen),
        "disagree": svg.percent(tally["disagree"], seen),
        "bar": svg.split_bar(tally["agree"], tally["disagree"], seen),
        "groups": [
            {
                "name": svg.GROUP_NAMES[g],
                "index": g,
                "bar": svg.split_bar(t["agree"], t["disagree"], t["seen"]),
                "agree": svg.percent(t["agree"], t["seen"]),
            }
            for g, t in enumerate(tally["groups"])
        ],
    }


def deliberation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deliberation = _visible_or_404(request, pk)
    user = request.user
    context = {
        "deliberation": deliberation,
        "need": deliberation.need,
        "thread": _thread(deliberation),
        "can_take_part": rules.can_take_part(user, deliberation),
        "can_close": deliberation.is_open and rules.can_close_deliberation(user, deliberation),
        "my_stance": deliberation.stances.filter(user=user).values_list("side", flat=True).first()
        if user.is_authenticated
        else None,
        "my_rating": deliberation.ratings.filter(user=user).values_list("score", flat=True).first()
        if user.is_authenticated
        else None,
        "next_statement": _next_statement(deliberation, user),
        "comment_form": forms.CommentForm(),
        "statement_form": forms.StatementForm(),
        "close_form": forms.CloseDeliberationForm(),
        "rating_form": forms.RatingForm(),
        "timeline": events(deliberation),
        **map_context(deliberation, user),
    }
    return render(request, "participation/deliberation_detail.html", context)


def deliberation_map(request: HttpRequest, pk: int) -> HttpResponse:
    """The opinion map alone, for htmx to refresh after a vote."""
    deliberation = _visible_or_404(request, pk)
    context = {"deliberation": deliberation, **map_context(deliberation, request.user)}
    return render(request, "participation/_opinion_map.html", context)


@login_required
@require_POST
def deliberation_stance(request: HttpRequest, pk: int) -> HttpResponse:
    deliberation = _visible_or_404(request, pk)
    submit(
        request,
        forms.StanceForm(request.POST),
        lambda d: actions.take_stance(deliberation, actor=request.user, side=d["side"]),
        _("已表明立场。"),
    )
    return redirect(deliberation)


@login_required
@require_POST
def deliberation_rate(request: HttpRequest, pk: int) -> HttpResponse:
    deliberation = _visible_or_404(request, pk)
    submit(
        request,
        forms.RatingForm(request.POST),
        lambda d: actions.rate(deliberation, actor=request.user, score=d["score"]),
        _("已评分。"),
    )
    return redirect(deliberation)


def _comment(deliberation: Deliberation, user, data: dict) -> Comment:
    parent = None
    if data.get("parent"):
        # A reply to a remark that is not in this deliberation is refused,
        # not quietly posted as a new top-level remark.
        parent = deliberation.comments.filter(pk=data["parent"]).first()
        if parent is None:
            raise ValidationError({"parent": _("无法回复该发言。")})
    return actions.comment(
        deliberation, actor=user, body=data["body"], side=data["side"], parent=parent
    )


@login_required
@require_POST
def deliberation_comment(request: HttpRequest, pk: int) -> HttpResponse:
    deliberation = _visible_or_404(request, pk)
    remark = submit(
        request,
        forms.CommentForm(request.POST),
        lambda d: _comment(deliberation, request.user, d),
        _("发言已发布。"),
    )
    anchor = f"#comment-{remark.pk}" if isinstance(remark, Comment) else "#comments"
    return redirect(deliberation.get_absolute_url() + anchor)


@login_required
@require_POST
def comment_hide(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    deliberation = _visible_or_404(request, pk)
    remark = get_object_or_404(deliberation.comments, pk=comment_id)
    submit(
        request,
        forms.HideForm(request.POST),
        lambda d: actions.hide_comment(remark, actor=request.user, reason=d["reason"]),
        _("已屏蔽。"),
    )
    return redirect(deliberation.get_absolute_url() + "#comments")


@login_required
@require_POST
def statement_create(request: HttpRequest, pk: int) -> HttpResponse:
    deliberation = _visible_or_404(request, pk)
    submit(
        request,
        forms.StatementForm(request.POST),
        lambda d: opinion_actions.add_statement(deliberation, actor=request.user, text=d["text"]),
        _("观点已提出。"),
    )
    return redirect(deliberation.get_absolute_url() + "#vote")


@login_required
@require_POST
def statement_vote(request: HttpRequest, pk: int, statement_id: int) -> HttpResponse:
    """Agree, disagree or pass; htmx swaps in the next statement to vote on."""
    deliberation = _visible_or_404(request, pk)
    statement = get_object_or_404(queries.shown_statements(deliberation), pk=statement_id)
    raw = request.POST.get("value", "")
    # Anything but a number is just another wrong choice, answered as one.
    value = int(raw) if raw.lstrip("-").isdigit() else None
    run(
        request,
        lambda: opinion_actions.cast(statement, actor=request.user, value=value),
        _("已表态。"),
    )
    if request.htmx:
        deliberation.refresh_from_db()
        context = {
            "deliberation": deliberation,
            "next_statement": _next_statement(deliberation, request.user),
            "can_take_part": True,
        }
        response = render(request, "participation/_vote_card.html", context)
        # The opinion map listens for this event and redraws itself.
        response["HX-Trigger"] = "voted"
        return response
    return redirect(deliberation.get_absolute_url() + "#vote")


@login_required
@require_POST
def statement_hide(request: HttpRequest, pk: int, statement_id: int) -> HttpResponse:
    deliberation = _visible_or_404(request, pk)
    statement = get_object_or_404(deliberation.statements, pk=statement_id)
    submit(
        request,
        forms.HideForm(request.POST),
        lambda d: opinion_actions.hide_statement(statement, actor=request.user, reason=d["reason"]),
        _("已屏蔽。"),
    )
    return redirect(deliberation.get_absolute_url() + "#map")


@login_required
@require_POST
def deliberation_close(request: HttpRequest, pk: int) -> HttpResponse:
    deliberation = _visible_or_404(request, pk)
    submit(
        request,
        forms.CloseDeliberationForm(request.POST),
        lambda d: actions.close_deliberation(
            deliberation,
            actor=request.user,
            conclusion=d["conclusion"],
            outcome=d["outcome"],
            department=d.get("department"),
            estimated_cost=d.get("estimated_cost"),
        ),
        _("议事已形成结论。"),
    )
    return redirect(deliberation)
