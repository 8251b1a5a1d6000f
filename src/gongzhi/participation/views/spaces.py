"""The participation hub and the field spaces."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.participation import queries, rules
from gongzhi.participation.actions import spaces as actions
from gongzhi.participation.models import BudgetRound, Deliberation, FieldSpace, Survey, TalkDay
from gongzhi.participation.views.common import run
from gongzhi.people.models import Body, Member


def index(request: HttpRequest) -> HttpResponse:
    """Public: what is open for residents to join right now."""
    user = request.user
    context = {
        "spaces": FieldSpace.objects.select_related("field").filter(field__is_active=True),
        "deliberations": queries.visible_deliberations(user).filter(
            status=Deliberation.Status.OPEN
        )[:5],
        "surveys": queries.visible_surveys(user).filter(status=Survey.Status.OPEN)[:5],
        "talk_days": queries.visible_talk_days(user).filter(status=TalkDay.Status.SCHEDULED)[:5],
        "rounds": queries.visible_rounds(user).exclude(status=BudgetRound.Status.DRAFT)[:5],
        "help": queries.visible_help(user)[:5],
        "grids": rules.grids_of(user),
    }
    return render(request, "participation/index.html", context)


def space_detail(request: HttpRequest, code: str) -> HttpResponse:
    space = get_object_or_404(FieldSpace.objects.select_related("field"), field__code=code)
    user = request.user
    members = (
        Member.objects.active().filter(body=Body.CITIZEN, fields=space.field).select_related("user")
    )
    context = {
        "space": space,
        "members": members[:60],
        "member_count": members.count(),
        "deliberations": queries.visible_deliberations(user).filter(space=space)[:20],
        "surveys": queries.visible_surveys(user).filter(space=space)[:20],
        "projects": queries.visible_projects(user).filter(field=space.field)[:20],
        "following": user.is_authenticated and space.follows.filter(user=user).exists(),
        "follower_count": space.follows.count(),
        "is_member": rules.is_space_member(user, space),
        "can_create_survey": rules.can_create_survey(user, space),
    }
    return render(request, "participation/space_detail.html", context)


@login_required
@require_POST
def space_follow(request: HttpRequest, code: str) -> HttpResponse:
    space = get_object_or_404(FieldSpace, field__code=code)
    follow = request.POST.get("follow") == "1"
    run(
        request,
        lambda: actions.follow(space, actor=request.user, follow=follow),
        _("已关注。") if follow else _("已取消关注。"),
    )
    return redirect(space)
