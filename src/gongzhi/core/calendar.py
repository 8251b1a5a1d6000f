"""Working-day arithmetic in Asia/Shanghai, for deadlines."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar date of `moment` in Shanghai."""
    return timezone.localtime(moment, SHANGHAI).date()


def is_working_day(day: dt.date, exceptions: dict[dt.date, bool]) -> bool:
    if day in exceptions:
        return exceptions[day]
    return day.weekday() < 5


def _exceptions(start: dt.date, end: dt.date) -> dict[dt.date, bool]:
    from gongzhi.core.models import Holiday

    rows = Holiday.objects.filter(date__gte=start, date__lte=end)
    return dict(rows.values_list("date", "is_working_day"))


def working_days_after(moment: dt.datetime, days: int) -> dt.datetime:
    """The deadline `days` working days after `moment`.

    Counting starts on the day after `moment`'s Shanghai date, whatever the
    hour: a need that arrives on Friday at 23:50 and one that arrives at 08:00
    both get Monday as their first working day. The deadline is the end of
    the last counted day, so staff always have whole days.
    """
    start = local_date(moment)
    # Two calendar weeks per working week, plus slack for the Spring
    # Festival and National Day golden weeks, is always enough.
    exceptions = _exceptions(start, start + dt.timedelta(days=days * 2 + 30))
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day, exceptions):
            counted += 1
    next_midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI)
    return next_midnight - dt.timedelta(microseconds=1)
