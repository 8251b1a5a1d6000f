"""Pages for joining the three bodies and for the roster's make-up."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.membership import actions, forms, rules
from gongzhi.membership.models import Application
from gongzhi.membership.roster import make_up
from gongzhi.needs.workflow import TransitionNotAllowed
from gongzhi.people.models import Body, Member


@login_required
def application_create(request: HttpRequest) -> HttpResponse:
    form = forms.ApplicationForm(request.POST or None, initial={"body": request.GET.get("body")})
    if request.method == "POST" and form.is_valid():
        try:
            application = actions.apply(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("申请已提交，区里审核后会通知您。"))
            return redirect(application)
    return render(request, "membership/application_form.html", {"form": form})


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    """Staff: applications waiting for review; everyone: their own."""
    mine = Application.objects.filter(user=request.user)
    pending = (
        Application.objects.filter(status=Application.Status.SUBMITTED).select_related("user")
        if rules.can_review(request.user)
        else []
    )
    return render(request, "membership/application_list.html", {"mine": mine, "pending": pending})


def _application_or_404(request: HttpRequest, pk: int) -> Application:
    application = get_object_or_404(Application.objects.select_related("user", "community"), pk=pk)
    if not rules.can_view_application(request.user, application):
        raise Http404
    return application


@login_required
def application_detail(request: HttpRequest, pk: int, bound=None) -> HttpResponse:
    """One application; `bound` is (name, form) of a review step that came back with errors."""
    application = _application_or_404(request, pk)
    bound_name, bound_form = bound or ("", None)
    action_forms = []
    if rules.can_review(request.user) and application.status == Application.Status.SUBMITTED:
        today = timezone.localdate()
        initial = {"term_start": today, "term_end": today.replace(year=today.year + 3)}
        action_forms = [
            (
                "appoint",
                _("聘任"),
                bound_form
                if bound_name == "appoint"
                else forms.AppointForm(initial=initial, prefix="appoint"),
                reverse("membership:application_act", args=[pk, "appoint"]),
            ),
            (
                "decline",
                _("不予通过"),
                bound_form if bound_name == "decline" else forms.DeclineForm(prefix="decline"),
                reverse("membership:application_act", args=[pk, "decline"]),
            ),
        ]
    return render(
        request,
        "membership/application_detail.html",
        {"application": application, "action_forms": action_forms},
    )


@login_required
@require_POST
def application_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    application = _application_or_404(request, pk)
    form_class = {"appoint": forms.AppointForm, "decline": forms.DeclineForm}.get(name)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, prefix=name)
    if not form.is_valid():
        messages.error(request, _("提交未成功，请按提示修改后再提交。"))
        return application_detail(request, application.pk, bound=(name, form))
    try:
        if name == "appoint":
            actions.appoint(application, actor=request.user, **form.cleaned_data)
        else:
            actions.decline(application, actor=request.user, reason=form.cleaned_data["reason"])
    except (ValidationError, TransitionNotAllowed) as error:
        messages.error(request, getattr(error, "messages", [_("当前状态下不能执行该操作。")])[0])
    else:
        messages.success(request, _("已完成审核。"))
    return redirect(application)


@login_required
def roster(request: HttpRequest) -> HttpResponse:
    """Staff: who is on a body's roster, by age, sector, field and subdistrict; terms ending soon."""
    if not rules.can_view_roster(request.user):
        raise PermissionDenied
    body = request.GET.get("body") if request.GET.get("body") in Body.values else Body.EXPERT
    soon = timezone.localdate() + dt.timedelta(days=90)
    ending = (
        Member.objects.active()
        .filter(body=body, term_end__lte=soon)
        .select_related("user")
        .order_by("term_end")
    )
    context = {
        "body": body,
        "bodies": Body.choices,
        "breakdowns": make_up(body),
        "total": Member.objects.active().filter(body=body).count(),
        "ending": ending,
        "renew_form": forms.RenewForm() if rules.can_review(request.user) else None,
    }
    return render(request, "membership/roster.html", context)


@login_required
@require_POST
def member_renew(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(Member, pk=pk)
    form = forms.RenewForm(request.POST)
    if not rules.can_review(request.user):
        raise Http404
    if form.is_valid():
        try:
            actions.renew(member, actor=request.user, term_end=form.cleaned_data["term_end"])
            messages.success(request, _("已续聘。"))
        except ValidationError as error:
            messages.error(request, error.messages[0])
    return redirect(f"{reverse('membership:roster')}?body={member.body}")
