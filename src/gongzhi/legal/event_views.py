"""Pages for legal-education events: public list and page, registration, the organisers' steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.legal import forms, outreach, rules
from gongzhi.legal.event_models import EventMaterial, EventPhoto, EventStatus, OutreachEvent
from gongzhi.legal.views import report_errors
from gongzhi.places.models import Place
from gongzhi.results.workflow import TransitionNotAllowed

PAGE_SIZE = 20


def _events():
    return OutreachEvent.objects.select_related("community").prefetch_related("organisers__user")


def event_list(request: HttpRequest) -> HttpResponse:
    """Public: coming events first, then past ones."""
    now = timezone.now()
    upcoming = (
        _events()
        .filter(ends_at__gte=now)
        .exclude(status=EventStatus.CANCELLED)
        .order_by("starts_at")
    )
    past = _events().filter(ends_at__lt=now).order_by("-starts_at")
    context = {
        "upcoming": upcoming[:30],
        "page": Paginator(past, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_plan": request.user.is_authenticated and _may_plan_somewhere(request.user),
    }
    return render(request, "legal/event_list.html", context)


def _may_plan_somewhere(user) -> bool:
    if rules.is_district_admin(user):
        return True
    staff = getattr(user, "staff", None)
    return bool(staff and staff.community_id) or rules.is_envoy(user)


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(_events(), pk=pk)
    user = request.user
    registrations = event.registrations.select_related("user")
    can_manage = user.is_authenticated and rules.can_manage_event(user, event)
    context = {
        "event": event,
        "registered": user.is_authenticated and event.registrations.filter(user=user).exists(),
        "registration_count": registrations.count(),
        "can_register": rules.can_register(user, event),
        "can_manage": can_manage,
        "registrations": registrations if can_manage else [],
        "hold_form": forms.HoldForm(prefix="hold", registrations=registrations)
        if can_manage and event.status == EventStatus.PLANNED
        else None,
        "cancel_form": forms.CancelEventForm(prefix="cancel")
        if can_manage and event.status == EventStatus.PLANNED
        else None,
        "photo_form": forms.PhotoForm(prefix="photo") if can_manage else None,
        "material_form": forms.MaterialForm(prefix="material") if can_manage else None,
    }
    return render(request, "legal/event_detail.html", context)


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    form = forms.EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = outreach.plan_event(actor=request.user, **data)
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(request, _("活动已发布，居民可以报名了。"))
            return redirect("legal:event_detail", pk=event.pk)
    elif request.method == "GET" and not _may_plan_somewhere(request.user):
        raise PermissionDenied
    community = (
        getattr(getattr(request.user, "staff", None), "community", None) or request.user.community
    )
    if community and not form.is_bound:
        form.initial["community"] = community.pk
    form.fields["community"].queryset = Place.objects.filter(level=Place.Level.COMMUNITY)
    return render(request, "legal/event_form.html", {"form": form})


@login_required
@require_POST
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(OutreachEvent, pk=pk)
    try:
        if request.POST.get("cancel"):
            outreach.unregister(event, actor=request.user)
            messages.success(request, _("已取消报名。"))
        else:
            outreach.register(event, actor=request.user)
            messages.success(request, _("报名成功，请按时参加。"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("legal:event_detail", pk=event.pk)


@login_required
@require_POST
def event_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """The organisers' steps: record the event held, cancel it, add photos and materials."""
    event = get_object_or_404(OutreachEvent, pk=pk)
    if not rules.can_manage_event(request.user, event):
        raise Http404
    user = request.user
    builders = {
        "hold": lambda: forms.HoldForm(
            request.POST, prefix="hold", registrations=event.registrations.select_related("user")
        ),
        "cancel": lambda: forms.CancelEventForm(request.POST, prefix="cancel"),
        "photo": lambda: forms.PhotoForm(request.POST, request.FILES, prefix="photo"),
        "material": lambda: forms.MaterialForm(request.POST, request.FILES, prefix="material"),
    }
    if name not in builders:
        raise Http404
    form = builders[name]()
    if not form.is_valid():
        report_errors(request, form)
        return redirect("legal:event_detail", pk=event.pk)
    data = form.cleaned_data
    calls = {
        "hold": lambda: outreach.hold(
            event,
            actor=user,
            attendance=data["attendance"],
            attended_ids=[int(i) for i in data["attended"]],
            summary=data["summary"],
        ),
        "cancel": lambda: outreach.cancel_event(event, actor=user, reason=data["reason"]),
        "photo": lambda: outreach.add_photo(event, actor=user, image=data["image"]),
        "material": lambda: outreach.add_material(
            event, actor=user, title=data["title"], file=data["file"]
        ),
    }
    try:
        calls[name]()
    except TransitionNotAllowed:
        messages.error(request, _("当前状态下不能执行该操作。"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已保存。"))
    return redirect("legal:event_detail", pk=event.pk)


def event_photo(request: HttpRequest, pk: int, photo_id: int) -> FileResponse:
    photo = get_object_or_404(EventPhoto, pk=photo_id, event_id=pk)
    return FileResponse(photo.image.open("rb"))


def event_material(request: HttpRequest, pk: int, material_id: int) -> FileResponse:
    material = get_object_or_404(EventMaterial, pk=material_id, event_id=pk)
    return FileResponse(material.file.open("rb"), as_attachment=True)
