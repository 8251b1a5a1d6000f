"""Pages of neighbour help: offers and requests, suggested pairs, done and thanks."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.participation import forms, queries, rules
from gongzhi.participation.actions import help as actions
from gongzhi.participation.models import HelpMatch, HelpPost
from gongzhi.participation.views.common import run, submit


def help_list(request: HttpRequest) -> HttpResponse:
    posts = queries.visible_help(request.user)
    kind = request.GET.get("kind", "")
    if kind in HelpPost.Kind.values:
        posts = posts.filter(kind=kind)
    if (
        request.user.is_authenticated
        and request.user.community_id
        and request.GET.get("all") != "1"
    ):
        posts = posts.filter(community_id=request.user.community_id)
    page = Paginator(posts, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "participation/help_list.html",
        {"page": page, "kind": kind, "kinds": HelpPost.Kind.choices},
    )


@login_required
def help_create(request: HttpRequest) -> HttpResponse:
    if not rules.can_post_help(request.user):
        raise PermissionDenied
    form = forms.HelpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = run(
            request, lambda: actions.post(actor=request.user, **form.cleaned_data), _("已发布。")
        )
        if created:
            return redirect(created)
    return render(request, "participation/help_form.html", {"form": form})


def _post_or_404(request: HttpRequest, pk: int) -> HelpPost:
    return get_object_or_404(queries.visible_help(request.user), pk=pk)


def _match_of(post: HelpPost) -> HelpMatch | None:
    if post.direction == HelpPost.Direction.REQUEST:
        return HelpMatch.objects.filter(request=post).select_related("offer__author").first()
    return (
        HelpMatch.objects.filter(offer=post)
        .select_related("request__author")
        .order_by("-matched_at")
        .first()
    )


def help_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(HelpPost.objects.select_related("author", "community"), pk=pk)
    user = request.user
    match = _match_of(post)
    involved = user.is_authenticated and (
        post.author_id == user.pk
        or (match and user.pk in (match.request.author_id, match.offer.author_id))
    )
    # A closed post stays readable only to the two neighbours it concerns.
    if post.status != HelpPost.Status.OPEN and not involved:
        raise Http404
    mine = rules.is_help_author(user, post)
    context = {
        "post": post,
        "match": match if involved else None,
        "can_answer": rules.can_answer_help(user, post),
        "is_author": mine,
        "suggestions": queries.matches_for(post)[:5]
        if mine and post.status == HelpPost.Status.OPEN
        else [],
        "note_form": forms.NoteForm(),
        "thanks_form": forms.ThanksForm(),
    }
    return render(request, "participation/help_detail.html", context)


@login_required
@require_POST
def help_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    post = get_object_or_404(HelpPost, pk=pk)
    user = request.user
    match = _match_of(post)
    if name == "answer":
        run(
            request,
            lambda: actions.answer(
                _post_or_404(request, pk), actor=user, note=request.POST.get("note", "")
            ),
            _("已结对，请与邻居联系。"),
        )
    elif name == "pair":
        theirs = get_object_or_404(queries.matches_for(post), pk=request.POST.get("with"))
        run(request, lambda: actions.pair(post, theirs, actor=user), _("已结对。"))
    elif name == "done" and match:
        run(request, lambda: actions.mark_done(match, actor=user), _("已标记完成。"))
    elif name == "thank" and match:
        submit(
            request,
            forms.ThanksForm(request.POST),
            lambda d: actions.thank(match, actor=user, words=d["words"]),
            _("感谢已送达。"),
        )
    elif name == "withdraw":
        run(request, lambda: actions.withdraw(post, actor=user), _("已撤回。"))
    else:
        raise Http404
    return redirect(post)
