"""Bookable slots, cut from the duty schedules in Asia/Shanghai wall-clock time.

A slot is not stored: it is a schedule's weekday and hours on one date, cut
into pieces of `slot_minutes`. Only a booking is stored (`Appointment`), and
the database allows one booking per envoy and start time.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from gongzhi.core.calendar import SHANGHAI, local_date
from gongzhi.legal.models import Appointment, AppointmentStatus, DutySchedule

# How far ahead residents may book, and how soon before a slot booking closes.
BOOKING_DAYS = 14
BOOKING_LEAD = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Slot:
    schedule_id: int
    envoy_id: int
    station_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime

    @property
    def key(self) -> str:
        """How a form names this slot: the schedule and the start, in UTC."""
        return f"{self.schedule_id}@{self.starts_at.astimezone(dt.UTC):%Y%m%dT%H%M}"

    @property
    def local_start(self) -> dt.datetime:
        return self.starts_at.astimezone(SHANGHAI)


def parse_key(key: str) -> tuple[int, dt.datetime] | None:
    """The schedule id and start time a slot key names; None for anything malformed."""
    schedule, _sep, start = key.partition("@")
    try:
        moment = dt.datetime.strptime(start, "%Y%m%dT%H%M").replace(tzinfo=dt.UTC)
        return int(schedule), moment
    except ValueError:
        return None


def applies_on(schedule: DutySchedule, day: dt.date) -> bool:
    """Whether the schedule has duty on this Shanghai date (its weekday, within its validity)."""
    return (
        schedule.is_active
        and day.weekday() == schedule.weekday
        and schedule.valid_from <= day
        and (schedule.valid_until is None or day <= schedule.valid_until)
    )


def slots_on(schedule: DutySchedule, day: dt.date) -> list[Slot]:
    """Every slot of `schedule` on the Shanghai date `day`, whether booked or not."""
    if not applies_on(schedule, day):
        return []
    step = dt.timedelta(minutes=schedule.slot_minutes)
    start = dt.datetime.combine(day, schedule.starts, tzinfo=SHANGHAI)
    end = dt.datetime.combine(day, schedule.ends, tzinfo=SHANGHAI)
    slots = []
    while start + step <= end:
        slots.append(Slot(schedule.pk, schedule.envoy_id, schedule.station_id, start, start + step))
        start += step
    return slots


def _closed_days(first: dt.date, last: dt.date) -> set[dt.date]:
    from gongzhi.core.models import Holiday

    # Stations close on public holidays; a swapped working weekend does not
    # add duty, because duty days are the envoys' own weekdays.
    rows = Holiday.objects.filter(date__gte=first, date__lte=last, is_working_day=False)
    return set(rows.values_list("date", flat=True))


def _booked(envoy_ids: Iterable[int], first: dt.datetime, last: dt.datetime) -> set:
    rows = Appointment.objects.filter(
        envoy_id__in=list(envoy_ids),
        status=AppointmentStatus.BOOKED,
        starts_at__gte=first,
        starts_at__lt=last,
    )
    return set(rows.values_list("envoy_id", "starts_at"))


def free_slots(
    schedules: QuerySet[DutySchedule] | list[DutySchedule],
    *,
    now: dt.datetime | None = None,
    days: int = BOOKING_DAYS,
) -> list[Slot]:
    """The slots of these schedules still free to book in the next `days` days, soonest first."""
    now = now or timezone.now()
    schedules = list(schedules)
    first_day = local_date(now)
    last_day = first_day + dt.timedelta(days=days)
    closed = _closed_days(first_day, last_day)
    candidates = [
        slot
        for offset in range(days + 1)
        if (day := first_day + dt.timedelta(days=offset)) not in closed
        for schedule in schedules
        for slot in slots_on(schedule, day)
        if slot.starts_at >= now + BOOKING_LEAD
    ]
    if not candidates:
        return []
    booked = _booked(
        {s.envoy_id for s in candidates},
        min(s.starts_at for s in candidates),
        max(s.starts_at for s in candidates) + dt.timedelta(seconds=1),
    )
    free = [s for s in candidates if (s.envoy_id, s.starts_at) not in booked]
    return sorted(free, key=lambda s: (s.starts_at, s.envoy_id))


def find_slot(schedule: DutySchedule, starts_at: dt.datetime) -> Slot | None:
    """The slot of `schedule` that starts at `starts_at`, if there is one (booked or not)."""
    day = local_date(starts_at)
    if day in _closed_days(day, day):
        return None
    return next((s for s in slots_on(schedule, day) if s.starts_at == starts_at), None)
