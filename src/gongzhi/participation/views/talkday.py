"""Pages of talk days: the calendar, registration, and the organiser's attendance, minutes and concerns."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.participation import forms, queries, rules
from gongzhi.participation.actions import talkday as actions
from gongzhi.participation.models import TalkDay
from gongzhi.participation.views.common import events, form_errors, run
from gongzhi.people.models import User


def talkday_list(request: HttpRequest) -> HttpResponse:
    talk_days = queries.visible_talk_days(request.user)
    page = Paginator(talk_days, 20).get_page(request.GET.get("page"))
    context = {"page": page, "can_create": rules.is_organiser(request.user)}
    return render(request, "participation/talkday_list.html", context)


@login_required
def talkday_create(request: HttpRequest) -> HttpResponse:
    if not rules.is_organiser(request.user):
        raise PermissionDenied
    form = forms.TalkDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = run(
            request,
            lambda: actions.schedule(actor=request.user, **data),
            _("恳谈日已发布，居民可以报名了。"),
        )
        if created:
            return redirect(created)
    return render(request, "participation/talkday_form.html", {"form": form})


def _concern_form(talk_day: TalkDay, data=None) -> forms.ConcernForm:
    form = forms.ConcernForm(data, prefix="concern")
    people = talk_day.registrations.select_related("user")
    form.fields["raised_by"].widget.choices = [
        ("", _("工作人员代为提交")),
        *((r.user_id, r.user.public_name) for r in people),
    ]
    return form


def talkday_detail(request: HttpRequest, pk: int) -> HttpResponse:
    talk_day = get_object_or_404(queries.visible_talk_days(request.user), pk=pk)
    user = request.user
    manage = rules.can_manage_talk_day(user, talk_day)
    context = {
        "talk_day": talk_day,
        "registered": user.is_authenticated and talk_day.registrations.filter(user=user).exists(),
        "can_register": rules.can_register(user, talk_day),
        "can_manage": manage,
        "registrations": talk_day.registrations.select_related("user") if manage else None,
        "concerns": talk_day.concerns.select_related("need"),
        "minutes_form": forms.MinutesForm(),
        "concern_form": _concern_form(talk_day) if manage else None,
        "cancel_form": forms.ReasonForm(),
        "timeline": events(talk_day),
    }
    return render(request, "participation/talkday_detail.html", context)


@login_required
@require_POST
def talkday_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    talk_day = get_object_or_404(queries.visible_talk_days(request.user), pk=pk)
    user = request.user
    post = request.POST
    if name == "register":
        run(request, lambda: actions.register(talk_day, actor=user), _("报名成功。"))
    elif name == "unregister":
        run(request, lambda: actions.unregister(talk_day, actor=user), _("已取消报名。"))
    elif name == "attendance":
        present = [int(v) for v in post.getlist("present") if v.isdigit()]
        run(
            request,
            lambda: actions.mark_attendance(talk_day, actor=user, present=present),
            _("签到已保存。"),
        )
    elif name == "hold":
        run(
            request,
            lambda: actions.hold(talk_day, actor=user, minutes=post.get("minutes", "")),
            _("会议纪要已发布。"),
        )
    elif name == "cancel":
        run(
            request,
            lambda: actions.cancel(talk_day, actor=user, reason=post.get("reason", "")),
            _("恳谈日已取消。"),
        )
    elif name == "concern":
        _record_concern(request, talk_day)
    else:
        raise Http404
    return redirect(talk_day)


def _record_concern(request: HttpRequest, talk_day: TalkDay) -> None:
    form = _concern_form(talk_day, request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return
    data = form.cleaned_data
    raised_by = None
    if data.get("raised_by"):
        raised_by = get_object_or_404(
            User, pk=data["raised_by"], pk__in=talk_day.registrations.values("user_id")
        )
    run(
        request,
        lambda: actions.record_concern(
            talk_day,
            actor=request.user,
            title=data["title"],
            body=data["body"],
            raised_by=raised_by,
            field=data.get("field"),
        ),
        _("诉求已登记，将按诉求办理流程跟踪。"),
    )
