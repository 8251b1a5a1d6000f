"""Deadlines in working days, counted in Asia/Shanghai, and the overdue flag that follows them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from gongzhi.core.calendar import local_date, working_days_after
from gongzhi.needs import actions
from gongzhi.needs.models import Need, Status

from tests import factories

SHANGHAI = ZoneInfo("Asia/Shanghai")
UTC = dt.UTC


def at(*args) -> dt.datetime:
    """A moment on the Shanghai wall clock."""
    return dt.datetime(*args, tzinfo=SHANGHAI)


def end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.max, tzinfo=SHANGHAI)


@pytest.fixture
def national_day_2024(db):
    """The 2024 National Day week: 1-7 October off, Sunday 29 September and Saturday 12 October worked."""
    for day in range(1, 8):
        factories.HolidayFactory(date=dt.date(2024, 10, day), name="国庆节")
    for day in (dt.date(2024, 9, 29), dt.date(2024, 10, 12)):
        factories.HolidayFactory(date=day, name="国庆调休", is_working_day=True)


# The arithmetic ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "days", "due"),
    [
        pytest.param(at(2024, 3, 4, 10, 0), 1, dt.date(2024, 3, 5), id="monday-to-tuesday"),
        pytest.param(at(2024, 3, 8, 10, 0), 1, dt.date(2024, 3, 11), id="friday-to-monday"),
        pytest.param(at(2024, 3, 8, 23, 50), 1, dt.date(2024, 3, 11), id="friday-late-evening"),
        pytest.param(
            at(2024, 3, 9, 0, 10), 1, dt.date(2024, 3, 11), id="saturday-just-after-midnight"
        ),
        pytest.param(at(2024, 3, 10, 18, 0), 1, dt.date(2024, 3, 11), id="sunday-to-monday"),
        pytest.param(at(2024, 3, 4, 10, 0), 15, dt.date(2024, 3, 25), id="fifteen-from-monday"),
        pytest.param(at(2024, 3, 8, 16, 0), 15, dt.date(2024, 3, 29), id="fifteen-from-friday"),
        pytest.param(at(2024, 3, 9, 9, 0), 15, dt.date(2024, 3, 29), id="fifteen-from-saturday"),
    ],
)
def test_deadline_is_the_end_of_the_last_counted_working_day(db, moment, days, due):
    deadline = working_days_after(moment, days)

    assert deadline == end_of(due)


def test_just_after_midnight_in_shanghai_counts_from_the_shanghai_date_not_the_utc_one(db):
    # 00:30 on Tuesday in Shanghai is still 16:30 on Monday in UTC.
    moment = dt.datetime(2024, 3, 4, 16, 30, tzinfo=UTC)

    deadline = working_days_after(moment, 1)

    assert local_date(moment) == dt.date(2024, 3, 5)
    assert deadline == end_of(dt.date(2024, 3, 6))


def test_a_friday_evening_in_shanghai_is_friday_although_utc_says_friday_afternoon(db):
    # Friday 23:50 in Shanghai and Saturday 00:10 straddle midnight locally
    # but both fall on Friday in UTC; only the Shanghai date decides.
    friday_late = dt.datetime(2024, 3, 8, 15, 50, tzinfo=UTC)
    saturday_early = dt.datetime(2024, 3, 8, 16, 10, tzinfo=UTC)

    deadlines = {working_days_after(friday_late, 1), working_days_after(saturday_early, 1)}

    assert deadlines == {end_of(dt.date(2024, 3, 11))}


def test_public_holidays_are_skipped(national_day_2024):
    deadline = working_days_after(at(2024, 9, 30, 10, 0), 1)

    assert deadline == end_of(dt.date(2024, 10, 8))


def test_a_swapped_working_saturday_counts(national_day_2024):
    deadline = working_days_after(at(2024, 10, 11, 10, 0), 1)

    assert deadline == end_of(dt.date(2024, 10, 12))


def test_a_swapped_working_sunday_counts(national_day_2024):
    deadline = working_days_after(at(2024, 9, 28, 10, 0), 1)

    assert deadline == end_of(dt.date(2024, 9, 29))


def test_fifteen_working_days_across_the_golden_week(national_day_2024):
    # From 27 September: 29 and 30 September, 8-12 October, 14-18 October, 21-23 October.
    deadline = working_days_after(at(2024, 9, 27, 10, 0), 15)

    assert deadline == end_of(dt.date(2024, 10, 23))


def test_the_deadline_is_stored_as_the_same_instant_in_utc(db):
    deadline = working_days_after(at(2024, 3, 4, 10, 0), 1)

    assert deadline.astimezone(UTC) == dt.datetime(2024, 3, 5, 15, 59, 59, 999999, tzinfo=UTC)


# Deadlines set by the actions ------------------------------------------------------


def test_a_need_submitted_late_on_friday_must_be_accepted_by_monday(resident, time_machine):
    time_machine.move_to(at(2024, 3, 8, 23, 50), tick=False)

    need = actions.submit(resident, title="噪音扰民", body="工地夜间施工。")

    assert need.accept_due == end_of(dt.date(2024, 3, 11))


def test_a_need_accepted_before_the_golden_week_is_due_after_it(
    need_at, district_admin, national_day_2024, time_machine
):
    time_machine.move_to(at(2024, 9, 27, 10, 0), tick=False)
    need = need_at(Status.SUBMITTED)

    need = actions.accept(need, actor=district_admin)

    assert need.reply_due == end_of(dt.date(2024, 10, 23))


def test_changed_policy_moves_both_deadlines(need_at, district_admin, time_machine):
    factories.set_policy(accept_within_days=3, reply_within_days=5)
    time_machine.move_to(at(2024, 3, 4, 10, 0), tick=False)

    need = need_at(Status.SUBMITTED)
    need = actions.accept(need, actor=district_admin)

    assert need.accept_due == end_of(dt.date(2024, 3, 7))
    assert need.reply_due == end_of(dt.date(2024, 3, 11))


# The overdue flag ----------------------------------------------------------------


def overdue_three_ways(now: dt.datetime) -> tuple[set[str], set[str], set[str]]:
    """Overdue needs by title, by the queryset filter, the annotation and the property."""
    by_filter = set(Need.objects.overdue(now).values_list("title", flat=True))
    flagged = Need.objects.with_overdue_flag(now)
    by_flag = {n.title for n in flagged if n.overdue}
    by_property = {n.title for n in Need.objects.all() if n.is_overdue}
    return by_filter, by_flag, by_property


@pytest.fixture
def needs_of_a_monday(db, time_machine):
    """One need in each status, all submitted on Monday 4 March 2024 at 10:00."""
    time_machine.move_to(at(2024, 3, 4, 10, 0), tick=False)
    kept = factories.NeedFactory(title=Status.SUBMITTED, status=Status.SUBMITTED)
    for status in Status.values[1:]:
        into = kept if status == Status.MERGED else None
        factories.NeedFactory(title=status, status=status, merged_into=into)
    return time_machine


@pytest.mark.parametrize(
    ("now", "overdue"),
    [
        pytest.param(at(2024, 3, 5, 23, 59), set(), id="before-the-accept-deadline"),
        pytest.param(at(2024, 3, 6, 0, 0), {"submitted"}, id="after-the-accept-deadline"),
        pytest.param(at(2024, 3, 25, 23, 0), {"submitted"}, id="before-the-reply-deadline"),
        pytest.param(
            at(2024, 3, 26, 0, 0),
            {"submitted", "accepted", "assigned"},
            id="after-the-reply-deadline",
        ),
    ],
)
def test_overdue_filter_annotation_and_property_agree(needs_of_a_monday, now, overdue):
    needs_of_a_monday.move_to(now, tick=False)

    by_filter, by_flag, by_property = overdue_three_ways(now)

    assert by_filter == by_flag == by_property == overdue


def test_replied_closed_rejected_and_merged_needs_are_never_overdue(needs_of_a_monday):
    needs_of_a_monday.move_to(at(2025, 1, 1, 0, 0), tick=False)

    finished = Need.objects.exclude(status__in=[Status.SUBMITTED, Status.ACCEPTED, Status.ASSIGNED])

    assert not finished.overdue().exists()
    assert not any(n.is_overdue for n in finished)


def test_a_need_without_deadlines_is_not_overdue(db):
    need = factories.NeedFactory(accept_due=None)

    assert not need.is_overdue
    assert not Need.objects.overdue().exists()
