"""Pages for needs. Views parse input, call actions or restricted queries, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Avg, Case, Count, F, Prefetch, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.needs import actions, forms, intelligence, queries, rules
from gongzhi.needs.extensions import need_links
from gongzhi.needs.filters import filter_needs
from gongzhi.needs.models import (
    WAITING_FOR_ACCEPTANCE,
    WAITING_FOR_REPLY,
    HotIssue,
    Need,
    NeedImage,
    NeedPolicy,
    Status,
    TimelineEntry,
)
from gongzhi.needs.workflow import TRANSITIONS, TransitionNotAllowed, allowed_from

PAGE_SIZE = 20


def _page(request: HttpRequest, needs):
    return Paginator(needs, PAGE_SIZE).get_page(request.GET.get("page"))


def _list(request: HttpRequest, needs, template: str, extra: dict | None = None) -> HttpResponse:
    form = forms.NeedFilterForm(request.GET or None)
    if form.is_valid():
        needs = filter_needs(needs, form.cleaned_data)
    context = {"form": form, "page": _page(request, needs), **(extra or {})}
    if request.htmx:
        return render(request, "needs/_need_results.html", context)
    return render(request, template, context)


def need_list(request: HttpRequest) -> HttpResponse:
    """Public: every need this visitor may see, with filters and Chinese search."""
    return _list(request, queries.visible_needs(request.user), "needs/need_list.html")


@login_required
def need_mine(request: HttpRequest) -> HttpResponse:
    return _list(request, queries.my_needs(request.user), "needs/need_mine.html")


@login_required
def need_inbox(request: HttpRequest) -> HttpResponse:
    """The staff workbench: needs in the user's scope, oldest deadline first."""
    if not rules.is_staff_user(request.user):
        raise PermissionDenied
    needs = queries.inbox(request.user)
    tab = request.GET.get("tab", "open")
    finished = [Status.CLOSED, Status.REJECTED, Status.MERGED]
    tabs = {
        # Archived history is nobody's to-do; it has a tab of its own.
        "open": needs.exclude(status__in=[*finished, Status.ARCHIVED]),
        "submitted": needs.filter(status=Status.SUBMITTED),
        "triage": needs.filter(status=Status.SUBMITTED, in_triage=True),
        "handling": needs.filter(status__in=[Status.ACCEPTED, Status.ASSIGNED]),
        "replied": needs.filter(status=Status.REPLIED),
        "overdue": needs.filter(overdue=True),
        "done": needs.filter(status__in=finished),
        "archived": needs.filter(status=Status.ARCHIVED),
    }
    selected = tabs.get(tab, tabs["open"])
    if tab not in ("done", "archived"):
        # The step each need waits on has one deadline; the nearest comes first.
        due = Case(
            When(status__in=WAITING_FOR_ACCEPTANCE, then=F("accept_due")),
            When(status__in=WAITING_FOR_REPLY, then=F("reply_due")),
        )
        selected = selected.annotate(due=due).order_by(F("due").asc(nulls_last=True), "id")
    counts = {name: qs.count() for name, qs in tabs.items()}
    extra = {"tab": tab, "counts": counts, "show_department": True, "show_due": True}
    return _list(request, selected, "needs/need_inbox.html", extra)


def _visible_need_or_404(request: HttpRequest, pk: int) -> Need:
    need = get_object_or_404(queries.visible_needs(request.user), pk=pk)
    # A private need is answered with 404, not 403, so that nobody learns it exists.
    if not rules.can_view(request.user, need):
        raise Http404
    return need


def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = _visible_need_or_404(request, pk)
    timeline = TimelineEntry.objects.filter(need=need).select_related("actor")
    need = (
        Need.objects.with_overdue_flag()
        .select_related("field", "place", "department", "submitter", "merged_into")
        .prefetch_related("images", Prefetch("replies"))
        .get(pk=need.pk)
    )
    user = request.user
    context = {
        "need": need,
        "timeline": timeline,
        "show_submitter": rules.can_see_submitter(user, need),
        "can_support": rules.can_support(user, need),
        "has_supported": user.is_authenticated and need.supports.filter(user=user).exists(),
        "action_forms": _action_forms(user, need),
        "rate_form": forms.RateForm() if _can_rate_now(user, need) else None,
        "duplicates": _duplicates(user, need),
        # A finished need is listed with its duplicates but can no longer be merged away.
        "can_merge": "merge" in allowed_from(need.status),
        "show_quality": rules.can_supervise_replies(user, need),
        "extra_links": need_links(user, need),
    }
    return render(request, "needs/need_detail.html", context)


ACTION_FORMS = {
    "accept": (forms.AcceptForm, rules.can_take_in),
    "reject": (forms.RejectForm, rules.can_take_in),
    "merge": (forms.MergeForm, rules.can_take_in),
    "assign": (forms.AssignForm, rules.can_take_in),
    "transfer": (forms.TransferForm, rules.can_transfer),
    "reply": (forms.ReplyForm, rules.can_reply),
    "close": (forms.CloseForm, rules.can_close),
}


# The usual next step first: the first panel is open, and merging or
# rejecting should never be the one a hurried click lands on.
ACTION_ORDER = ["accept", "assign", "reply", "close", "transfer", "reject", "merge"]


def _action_forms(user, need: Need) -> list[tuple[str, str, object]]:
    """The workflow actions this user may take on this need now, each with an empty form."""
    result = []
    allowed = allowed_from(need.status)
    for name in [name for name in ACTION_ORDER if name in allowed]:
        if name in ACTION_FORMS and ACTION_FORMS[name][1](user, need):
            form_class = ACTION_FORMS[name][0]
            initial = _initial(name, need)
            result.append((name, TRANSITIONS[name].label, form_class(initial=initial, prefix=name)))
    return result


def _duplicates(user, need: Need) -> list[tuple[Need, float]]:
    """Likely duplicates, for the staff who could merge them."""
    if not rules.can_take_in(user, need) or need.status in (Status.MERGED, Status.REJECTED):
        return []
    return intelligence.likely_duplicates(queries.inbox(user), need)


def _initial(name: str, need: Need) -> dict:
    """Pre-fill what the platform already knows: the suggested field, the department that answers it."""
    if name == "accept":
        return {"field": need.field_id or need.suggested_field_id}
    if name in ("assign", "transfer") and need.field_id:
        department = need.field.departments.filter(is_active=True).exclude(pk=need.department_id)
        return {"department": department.values_list("pk", flat=True).first()}
    return {}


def _can_rate_now(user, need: Need) -> bool:
    if not rules.can_rate(user, need) or need.status != Status.CLOSED:
        return False
    return not (need.rated_at and need.closed_at and need.rated_at >= need.closed_at)


def _run(request: HttpRequest, need: Need, name: str, form) -> None:
    data = form.cleaned_data
    user = request.user
    calls = {
        "accept": lambda: actions.accept(need, actor=user, field=data.get("field")),
        "reject": lambda: actions.reject(need, actor=user, reason=data["reason"]),
        "merge": lambda: actions.merge(need, into=data["into"], actor=user),
        "assign": lambda: actions.assign(need, department=data["department"], actor=user),
        "transfer": lambda: actions.transfer(
            need, department=data["department"], actor=user, reason=data["reason"]
        ),
        "reply": lambda: actions.reply(need, body=data["body"], actor=user),
        "close": lambda: actions.close(need, actor=user),
        "rate": lambda: actions.rate(
            need, rating=data["rating"], comment=data.get("comment", ""), actor=user
        ),
    }
    calls[name]()


@login_required
@require_POST
def need_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Run one workflow action from the detail page."""
    need = _visible_need_or_404(request, pk)
    if name == "rate":
        form, allowed = forms.RateForm(request.POST), rules.can_rate
    elif name in ACTION_FORMS:
        form_class, allowed = ACTION_FORMS[name]
        form = form_class(request.POST, prefix=name)
    else:
        raise Http404
    # Who may act is settled before what they typed is looked at, so a
    # stranger learns nothing from validation messages.
    if not allowed(request.user, need):
        raise PermissionDenied
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("needs:need_detail", pk=need.pk)
    try:
        _run(request, need, name, form)
    except TransitionNotAllowed:
        messages.error(request, _("当前状态下不能执行该操作。"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已完成：%(action)s") % {"action": TRANSITIONS[name].label})
    return redirect("needs:need_detail", pk=need.pk)


@login_required
@require_POST
def need_support(request: HttpRequest, pk: int) -> HttpResponse:
    need = _visible_need_or_404(request, pk)
    actions.support(need, actor=request.user)
    need.refresh_from_db(fields=["support_count"])
    context = {"need": need, "can_support": False, "has_supported": True}
    if request.htmx:
        return render(request, "needs/_need_support.html", context)
    return redirect("needs:need_detail", pk=need.pk)


def need_image(request: HttpRequest, pk: int, image_id: int) -> FileResponse:
    """Serve a photo only to those who may see its need; media is never a public folder."""
    need = _visible_need_or_404(request, pk)
    image = get_object_or_404(NeedImage, pk=image_id, need=need)
    return FileResponse(image.image.open("rb"))


def need_hints(request: HttpRequest) -> HttpResponse:
    """While a resident types: the likely field and the most similar public needs."""
    title = request.GET.get("title", "")[:200]
    body = request.GET.get("body", "")[:2000]
    similar = intelligence.similar_needs(queries.public_needs(), title, body)
    text_is_long_enough = len(title) + len(body) >= 8
    suggestion = intelligence.suggest_field(title, body) if text_is_long_enough else None
    # The hint promises the field's department; below the triage threshold a
    # person decides the field instead, so the hint says nothing.
    if suggestion and suggestion.confidence < NeedPolicy.current().triage_threshold:
        suggestion = None
    context = {"similar": similar, "suggestion": suggestion}
    return render(request, "needs/_need_hints.html", context)


def need_grids(request: HttpRequest) -> HttpResponse:
    """The grid options of one community, swapped into the submit form's grid select."""
    choices = forms.grid_choices(request.GET.get("place") or None)
    return render(request, "needs/_grid_options.html", {"choices": choices})


@login_required
def need_create(request: HttpRequest) -> HttpResponse:
    form = forms.NeedForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        need = form.submit(request.user)
        messages.success(request, _("提交成功，我们会在1个工作日内受理。"))
        return redirect("needs:need_detail", pk=need.pk)
    return render(request, "needs/need_form.html", {"form": form})


def hotissue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One hot issue and the needs it groups, as far as this visitor may see them."""
    issue = get_object_or_404(HotIssue, pk=pk)
    needs = queries.visible_needs(request.user).filter(hot_issues=issue).order_by("submitted_at")
    return render(request, "needs/hotissue_detail.html", {"issue": issue, "needs": needs})


@login_required
def reply_list(request: HttpRequest) -> HttpResponse:
    """Supervisors' view of reply quality: the weakest replies first."""
    replies = queries.supervised_replies(request.user)
    if replies is None:
        raise PermissionDenied
    scored = replies.filter(quality__isnull=False)
    summary = scored.aggregate(average=Avg("quality"), count=Count("id"))
    page = Paginator(scored.order_by("quality", "-created_at"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "needs/reply_list.html", {"page": page, "summary": summary})
