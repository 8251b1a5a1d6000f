"""Pages for legal services: workstations, requests, confidential case files and figures.

Views parse input, call actions or restricted queries, and render. A case
nobody may see answers 404, so that nobody learns it exists.
"""

import csv
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.core.calendar import SHANGHAI
from gongzhi.legal import actions, booking, figures, forms, queries, rules
from gongzhi.legal.categories import CategoryGuess
from gongzhi.legal.models import (
    AppointmentStatus,
    CaseDocument,
    CaseStatus,
    DutySchedule,
    LegalCase,
    Workstation,
)
from gongzhi.legal.similar import similar_questions
from gongzhi.legal.slots import free_slots, parse_key
from gongzhi.legal.workflow import CASE_WORKFLOW
from gongzhi.results.workflow import TransitionNotAllowed

PAGE_SIZE = 20
BOOKING_DAYS_SHOWN = 5


def legal_home(request: HttpRequest) -> HttpResponse:
    """Public: what legal services offer, every workstation, the next events."""
    stations = list(queries.workstations())
    mine = None
    if request.user.is_authenticated and request.user.community_id:
        mine = next((s for s in stations if s.community_id == request.user.community_id), None)
    context = {
        "stations": stations,
        "my_station": mine,
        "events": queries.upcoming_events(timezone.now())[:5],
        "figures": figures.home_figures(),
    }
    return render(request, "legal/legal_home.html", context)


def workstation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Public: a station's hours, contact, envoys and weekly duty."""
    station = get_object_or_404(queries.workstations(), pk=pk)
    postings = station.postings.select_related("envoy__user").order_by(
        "service", "envoy__user__display_name"
    )
    schedules = station.schedules.filter(is_active=True).select_related("envoy__user")
    context = {
        "station": station,
        "postings": postings,
        "schedules": schedules,
        "events": queries.upcoming_events(timezone.now()).filter(community=station.community_id)[
            :5
        ],
        "can_manage": rules.can_manage_station(request.user, station),
    }
    return render(request, "legal/workstation_detail.html", context)


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.user.community_id:
        station = Workstation.objects.filter(community_id=request.user.community_id).first()
        initial["station"] = station.pk if station else None
    if request.GET.get("kind") in LegalCase.Kind.values:
        initial["kind"] = request.GET["kind"]
    form = forms.RequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.submit_request(request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("提交成功，特派员接单后会通过平台消息告诉您。"))
            return redirect("legal:case_detail", pk=case.pk)
    return render(request, "legal/case_form.html", {"form": form})


def _add_errors(form, error: ValidationError) -> None:
    for name, errors in error.message_dict.items():
        for message in errors:
            form.add_error(name if name in form.fields else None, message)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """My requests and, for envoys, the cases they handle or supervise; searchable."""
    cases = queries.visible_cases(request.user)
    form = forms.CaseFilterForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["q"]:
        cases = queries.search_cases(request.user, form.cleaned_data["q"])
    tab = request.GET.get("tab", "all")
    tabs = {
        "all": cases,
        "waiting": cases.filter(status=CaseStatus.SUBMITTED),
        "handling": cases.filter(status__in=[CaseStatus.ACCEPTED, CaseStatus.ANSWERED]),
        "done": cases.filter(status__in=[CaseStatus.CLOSED, CaseStatus.WITHDRAWN]),
    }
    selected = tabs.get(tab, cases)
    context = {
        "form": form,
        "tab": tab,
        "counts": {name: qs.count() for name, qs in tabs.items()},
        "page": Paginator(selected, PAGE_SIZE).get_page(request.GET.get("page")),
        "is_envoy": rules.is_envoy(request.user),
    }
    if request.htmx:
        return render(request, "legal/_case_results.html", context)
    return render(request, "legal/case_list.html", context)


@login_required
def case_export(request: HttpRequest) -> HttpResponse:
    """CSV of the cases this user may see, without who asked or what they wrote."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="legal-cases.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("编号"),
            _("类型"),
            _("法律类别"),
            _("服务方式"),
            _("社区"),
            _("状态"),
            _("承办特派员"),
            _("申请时间"),
            _("办理结果"),
        ]
    )
    for case in queries.visible_cases(request.user).order_by("pk"):
        writer.writerow(
            [
                case.pk,
                case.get_kind_display(),
                case.get_category_display(),
                case.get_mode_display(),
                case.station.community.name,
                case.get_status_display(),
                case.envoy.user.public_name if case.envoy_id else "",
                case.submitted_at.astimezone(SHANGHAI).strftime("%Y-%m-%d"),
                case.get_outcome_display(),
            ]
        )
    return response


def report_errors(request: HttpRequest, form) -> None:
    """Show a step's form errors as messages on the page it was posted from."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _visible_case_or_404(request: HttpRequest, pk: int) -> LegalCase:
    case = get_object_or_404(queries.visible_cases(request.user), pk=pk)
    if not rules.can_view_case(request.user, case):
        raise Http404
    return case


ACTION_FORMS = {
    "accept": (forms.AcceptForm, rules.can_accept),
    "pass_on": (forms.PassOnForm, rules.can_pass_on),
    "reassign": (forms.ReassignForm, rules.can_reassign),
    "answer": (forms.AnswerForm, rules.can_handle),
    "close": (forms.CloseForm, rules.can_handle),
    "conclude": (forms.ConcludeForm, rules.can_handle),
    "withdraw": (forms.WithdrawForm, rules.can_withdraw),
}
# Steps that change no status, offered whenever their rule allows.
EXTRA_FORMS = {
    "categorise": (
        forms.CategoriseForm,
        lambda u, c: rules.can_view_case(u, c) and not rules.is_requester(u, c) and c.is_open,
    ),
    "session": (
        forms.SessionForm,
        lambda u, c: rules.can_handle(u, c) and c.kind == LegalCase.Kind.MEDIATION and c.is_open,
    ),
    "document": (
        forms.DocumentForm,
        lambda u, c: (
            (rules.can_handle(u, c) or rules.is_requester(u, c))
            and c.status != CaseStatus.WITHDRAWN
        ),
    ),
    "follow_up": (
        forms.FollowUpForm,
        lambda u, c: (
            rules.can_follow_up(u, c) and c.closed_at is not None and c.status == CaseStatus.CLOSED
        ),
    ),
}


def _form(name: str, case: LegalCase, data=None, files=None):
    form_class = {**ACTION_FORMS, **EXTRA_FORMS}[name][0]
    kwargs = {"prefix": name}
    if name == "reassign":
        kwargs["station"] = case.station
    if name == "categorise":
        kwargs["initial"] = {"category": case.category}
    return form_class(data, files, **kwargs)


def _action_forms(user, case: LegalCase, bound=None) -> list[tuple[str, str, object]]:
    """The steps this user may take on this case now, each with an empty form.

    `bound` is (name, form) of a step whose form came back with errors; it is
    shown again with what the user typed.
    """

    def form_for(name: str):
        return bound[1] if bound and bound[0] == name else _form(name, case)

    offered = []
    for name in CASE_WORKFLOW.allowed_from(case.status):
        if name == "answer" and case.kind != LegalCase.Kind.CONSULTATION:
            continue
        if name in ACTION_FORMS and ACTION_FORMS[name][1](user, case):
            offered.append((name, CASE_WORKFLOW[name].label, form_for(name)))
    labels = {
        "categorise": _("确定法律类别"),
        "session": _("记录一次调解"),
        "document": _("上传材料"),
        "follow_up": _("记录回访"),
    }
    for name, (_form_class, allowed) in EXTRA_FORMS.items():
        if allowed(user, case):
            offered.append((name, labels[name], form_for(name)))
    return offered


def case_detail(request: HttpRequest, pk: int, bound=None) -> HttpResponse:
    case = _visible_case_or_404(request, pk)
    user = request.user
    internal = rules.can_see_internal_notes(user, case)
    notes = case.notes.select_related("author")
    if not internal:
        notes = notes.filter(is_internal=False)
    appointment = case.appointments.filter(status=AppointmentStatus.BOOKED).first()
    offer = case.timeline.filter(action="offer").order_by("-at", "-id").first()
    context = {
        "case": case,
        "is_requester": rules.is_requester(user, case),
        "is_handler": not rules.is_requester(user, case),
        # A runner-up the model gives under 1 % is noise, not a suggestion.
        "guesses": [CategoryGuess(c, p) for c, p in case.suggested_categories if p >= 0.01],
        "offer_reasons": offer.note if offer and internal else "",
        "timeline": case.timeline.select_related("actor"),
        "notes": notes,
        "documents": case.documents.all(),
        "sessions": case.sessions.all(),
        "appointment": appointment,
        "past_appointments": case.appointments.exclude(status=AppointmentStatus.BOOKED),
        "can_book": rules.can_book(user, case) and appointment is None,
        "can_cancel": appointment is not None and rules.can_cancel_appointment(user, appointment),
        "can_mark": appointment is not None and rules.can_mark_attendance(user, appointment),
        "note_form": forms.NoteForm(prefix="note") if rules.can_write_note(user, case) else None,
        "show_internal_box": internal,
        "can_consent": rules.can_consent(user, case)
        and case.status in (CaseStatus.ANSWERED, CaseStatus.CLOSED)
        and not case.publish_consent,
        "action_forms": _action_forms(user, case, bound),
        "similar": similar_questions(case.body, exclude_case=case.pk)
        if internal and case.kind == LegalCase.Kind.CONSULTATION
        else [],
    }
    return render(request, "legal/case_detail.html", context)


def _run(request: HttpRequest, case: LegalCase, name: str, data: dict) -> None:
    user = request.user
    calls = {
        "accept": lambda: actions.accept(case, actor=user),
        "pass_on": lambda: actions.pass_on(case, actor=user, reason=data["reason"]),
        "reassign": lambda: actions.reassign(
            case, actor=user, to=data["to"], reason=data["reason"]
        ),
        "answer": lambda: actions.answer(case, actor=user, body=data["body"]),
        "close": lambda: actions.close(case, actor=user, follow_up_on=data.get("follow_up_on")),
        "conclude": lambda: actions.conclude(
            case,
            actor=user,
            outcome=data["outcome"],
            note=data.get("note", ""),
            agreement=data.get("agreement", ""),
            follow_up_on=data.get("follow_up_on"),
        ),
        "withdraw": lambda: actions.withdraw(case, actor=user, reason=data.get("reason", "")),
        "categorise": lambda: actions.categorise(case, actor=user, category=data["category"]),
        "session": lambda: actions.record_session(case, actor=user, **data),
        "document": lambda: actions.add_document(
            case, actor=user, title=data["title"], file=data["file"]
        ),
        "follow_up": lambda: actions.record_follow_up(case, actor=user, note=data["note"]),
        "note": lambda: actions.add_note(
            case, actor=user, body=data["body"], is_internal=data.get("is_internal", False)
        ),
        "consent": lambda: actions.give_consent(case, actor=user),
    }
    calls[name]()


@login_required
@require_POST
def case_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Run one step on a case from its page."""
    case = _visible_case_or_404(request, pk)
    if name == "note":
        form = forms.NoteForm(request.POST, prefix="note")
    elif name == "consent":
        form = forms.ConsentForm(request.POST)
    elif name in ACTION_FORMS or name in EXTRA_FORMS:
        form = _form(name, case, request.POST, request.FILES)
    else:
        raise Http404
    if not form.is_valid():
        if name in ACTION_FORMS or name in EXTRA_FORMS:
            # Back on the case page with the errors beside their fields and the input kept.
            messages.error(request, _("提交未成功，请按提示修改后再提交。"))
            return case_detail(request, case.pk, bound=(name, form))
        report_errors(request, form)
        return redirect("legal:case_detail", pk=case.pk)
    try:
        _run(request, case, name, form.cleaned_data)
    except TransitionNotAllowed:
        messages.error(request, _("当前状态下不能执行该操作。"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已保存。"))
    if not rules.can_view_case(
        request.user, LegalCase.objects.select_related("station", "envoy").get(pk=case.pk)
    ):
        # Passing a case on ends this envoy's access to it.
        return redirect("legal:case_list")
    return redirect("legal:case_detail", pk=case.pk)


@login_required
def case_book(request: HttpRequest, pk: int) -> HttpResponse:
    """Pick a free slot of the case's envoy at its station, grouped by day."""
    case = _visible_case_or_404(request, pk)
    if not rules.can_book(request.user, case):
        raise PermissionDenied
    schedules = DutySchedule.objects.filter(station=case.station, is_active=True)
    if case.envoy_id:
        schedules = schedules.filter(envoy_id=case.envoy_id)
    if request.method == "POST":
        form = forms.BookForm(request.POST)
        parsed = parse_key(form.data.get("slot", ""))
        schedule = schedules.filter(pk=parsed[0]).first() if parsed else None
        if schedule is None:
            messages.error(request, _("请选择一个时段。"))
        else:
            try:
                booking.book(case, actor=request.user, schedule=schedule, starts_at=parsed[1])
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("预约成功，见面前一天会提醒您。"))
                return redirect("legal:case_detail", pk=case.pk)
    slots = free_slots(schedules.select_related("envoy__user"))
    days = [(day, list(group)) for day, group in groupby(slots, key=lambda s: s.local_start.date())]
    # A short list is easier to read on a phone; later days open up as these fill.
    days = days[:BOOKING_DAYS_SHOWN]
    return render(request, "legal/case_book.html", {"case": case, "days": days})


@login_required
@require_POST
def appointment_act(request: HttpRequest, pk: int, appointment_id: int, name: str) -> HttpResponse:
    """Cancel an appointment, or mark it attended or missed."""
    case = _visible_case_or_404(request, pk)
    appointment = get_object_or_404(case.appointments, pk=appointment_id)
    calls = {
        "cancel": lambda: booking.cancel(
            appointment, actor=request.user, reason=request.POST.get("reason", "")
        ),
        "attended": lambda: booking.mark_attended(appointment, actor=request.user),
        "no_show": lambda: booking.mark_no_show(appointment, actor=request.user),
    }
    if name not in calls:
        raise Http404
    calls[name]()
    messages.success(request, _("已保存。"))
    return redirect("legal:case_detail", pk=case.pk)


@login_required
def case_document(request: HttpRequest, pk: int, document_id: int) -> FileResponse:
    """Serve a case document only to the three who may see the case."""
    case = _visible_case_or_404(request, pk)
    document = get_object_or_404(CaseDocument, pk=document_id, case=case)
    return FileResponse(document.file.open("rb"), as_attachment=True)


def figure_page(request: HttpRequest) -> HttpResponse:
    """Public: services by community, category, mode and month; events; per envoy for staff."""
    context = {
        "home": figures.home_figures(),
        "by_kind": figures.by_kind(),
        "by_mode": figures.by_mode(),
        "by_category": figures.by_category(),
        "by_community": figures.by_community(),
        "by_month": figures.by_month(),
        "by_envoy": figures.by_envoy() if rules.can_see_figures_by_envoy(request.user) else None,
        "events_by_community": figures.events_by_community(),
        "events_by_form": figures.events_by_form(),
    }
    return render(request, "legal/figures.html", context)
