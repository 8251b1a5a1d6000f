"""Appointments: book a slot of an envoy's duty, cancel, remind, mark attended or no-show.

One slot, one booking, always. `book` locks the duty schedule's row, so two
bookings for the same envoy's schedule queue behind each other, and checks
the slot is free; the partial unique constraint on (envoy, start) of booked
appointments is the last word if anything slips past, for example a booking
of the same envoy through another station's schedule.
"""

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.calendar import SHANGHAI
from gongzhi.legal import rules
from gongzhi.legal.actions import record, tell
from gongzhi.legal.models import Appointment, AppointmentStatus, DutySchedule, LegalCase
from gongzhi.legal.slots import BOOKING_DAYS, BOOKING_LEAD, find_slot
from gongzhi.notices.actions import notify
from gongzhi.people.models import User

logger = logging.getLogger(__name__)

REMIND_AHEAD = dt.timedelta(hours=24)


class SlotTaken(ValidationError):
    """Someone else booked this slot first."""

    def __init__(self) -> None:
        super().__init__({"slot": _("这个时段刚刚被别人约走了，请换一个时段。")})


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _check_slot(case: LegalCase, schedule: DutySchedule, starts_at: dt.datetime):
    if schedule.station_id != case.station_id:
        raise ValidationError({"slot": _("请选择本工作站的时段。")})
    if case.envoy_id and schedule.envoy_id != case.envoy_id:
        raise ValidationError({"slot": _("请选择承办特派员的值班时段。")})
    slot = find_slot(schedule, starts_at)
    now = timezone.now()
    if slot is None or not (
        now + BOOKING_LEAD <= starts_at <= now + dt.timedelta(days=BOOKING_DAYS + 1)
    ):
        raise ValidationError({"slot": _("这个时段不可预约，请换一个时段。")})
    return slot


@transaction.atomic
def book(
    case: LegalCase, *, actor: User, schedule: DutySchedule, starts_at: dt.datetime
) -> Appointment:
    """Book the slot of `schedule` starting at `starts_at` for `case`; raises SlotTaken if gone."""
    case = (
        LegalCase.objects.select_for_update(of=("self",))
        .select_related("station__lead", "envoy")
        .get(pk=case.pk)
    )
    _require(rules.can_book(actor, case))
    # Every booking of this schedule waits here for the one before it.
    schedule = DutySchedule.objects.select_for_update().get(pk=schedule.pk)
    slot = _check_slot(case, schedule, starts_at)
    if Appointment.objects.filter(case=case, status=AppointmentStatus.BOOKED).exists():
        raise ValidationError({"slot": _("已有一个预约，如需改时间请先取消原预约。")})
    taken = Appointment.objects.filter(
        envoy_id=schedule.envoy_id, starts_at=slot.starts_at, status=AppointmentStatus.BOOKED
    )
    if taken.exists():
        raise SlotTaken
    try:
        with transaction.atomic():
            appointment = Appointment.objects.create(
                case=case,
                schedule=schedule,
                envoy_id=schedule.envoy_id,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                booked_by=actor,
            )
    except IntegrityError as error:
        raise SlotTaken from error
    record(
        case, "book", actor, case.status, appointment=appointment.pk, at=slot.starts_at.isoformat()
    )
    if case.envoy_id is None:
        case.envoy_id = schedule.envoy_id
        case.save(update_fields=["envoy", "updated_at"])
    case = LegalCase.objects.select_related("station__lead", "envoy").get(pk=case.pk)
    tell(_people(case), "legal_booked", _("%(kind)s #%(number)s 已预约见面时间。"), case, actor)
    logger.info("appointment %s booked for legal case %s", appointment.pk, case.pk)
    return appointment


def _people(case: LegalCase) -> list[int]:
    ids = [case.requester_id]
    if case.envoy_id:
        ids.append(case.envoy.user_id)
    return ids


def _locked(appointment: Appointment) -> Appointment:
    return (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("case__station__lead", "case__envoy", "envoy")
        .get(pk=appointment.pk)
    )


@transaction.atomic
def cancel(appointment: Appointment, *, actor: User, reason: str = "") -> Appointment:
    """The requester or the envoy calls the meeting off before it starts; the slot is free again."""
    appointment = _locked(appointment)
    _require(rules.can_cancel_appointment(actor, appointment))
    appointment.status = AppointmentStatus.CANCELLED
    appointment.cancelled_at = timezone.now()
    appointment.cancel_reason = reason.strip()[:200]
    appointment.save()
    case = appointment.case
    record(
        case,
        "cancel",
        actor,
        case.status,
        note=appointment.cancel_reason,
        appointment=appointment.pk,
    )
    tell(_people(case), "legal_cancelled", _("%(kind)s #%(number)s 的预约已取消。"), case, actor)
    return appointment


def _mark(appointment: Appointment, actor: User, status: str) -> Appointment:
    appointment = _locked(appointment)
    _require(rules.can_mark_attendance(actor, appointment))
    appointment.status = status
    appointment.save()
    record(appointment.case, status, actor, appointment.case.status, appointment=appointment.pk)
    return appointment


@transaction.atomic
def mark_attended(appointment: Appointment, *, actor: User) -> Appointment:
    """The envoy records that the requester came (or was at home for the visit)."""
    return _mark(appointment, actor, AppointmentStatus.ATTENDED)


@transaction.atomic
def mark_no_show(appointment: Appointment, *, actor: User) -> Appointment:
    """The envoy records that the requester did not come; the case stays open to book again."""
    appointment = _mark(appointment, actor, AppointmentStatus.NO_SHOW)
    case = appointment.case
    tell(
        [case.requester_id],
        "legal_no_show",
        _("%(kind)s #%(number)s 的预约您未到场，可重新预约。"),
        case,
    )
    return appointment


def send_due_reminders(now: dt.datetime | None = None, ahead: dt.timedelta = REMIND_AHEAD) -> int:
    """Remind requester and envoy of each booked meeting starting within `ahead`; once each.

    Safe to run from several workers at once: each appointment is claimed
    under its row lock, and a claimed one is skipped by the others.
    """
    now = now or timezone.now()
    due = Appointment.objects.filter(
        status=AppointmentStatus.BOOKED,
        reminded_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + ahead,
    )
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            appointment = (
                Appointment.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=pk, reminded_at__isnull=True)
                .select_related("case", "envoy")
                .first()
            )
            if appointment is None:
                continue
            appointment.reminded_at = now
            appointment.save(update_fields=["reminded_at"])
            _remind(appointment)
            sent += 1
    logger.info("appointment reminders sent: %s", sent)
    return sent


def _remind(appointment: Appointment) -> None:
    case = appointment.case
    when = appointment.starts_at.astimezone(SHANGHAI).strftime("%m-%d %H:%M")
    message = _("提醒：%(kind)s #%(number)s 约在 %(when)s 见面。") % {
        "kind": case.get_kind_display(),
        "number": case.pk,
        "when": when,
    }
    recipients = [case.requester_id, appointment.envoy.user_id]
    transaction.on_commit(
        lambda: notify(recipients, "legal_reminder", message, case.get_absolute_url())
    )
