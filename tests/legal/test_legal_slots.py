"""Bookable slots cut from duty schedules in Asia/Shanghai, and the envoy suggestion ranking."""

import datetime as dt

import pytest
import time_machine

from gongzhi.core.calendar import SHANGHAI
from gongzhi.legal.models import Service
from gongzhi.legal.slots import find_slot, free_slots, parse_key
from gongzhi.legal.suggest import rank_envoys

from tests.factories import EnvoyFactory, HolidayFactory, UserFactory
from tests.factories_legal import (
    DutyScheduleFactory,
    EnvoySpecialtyFactory,
    LegalCaseFactory,
    StationEnvoyFactory,
)

pytestmark = pytest.mark.django_db

# Sunday 5 January 2031, 10:00 in Shanghai: the coming week starts tomorrow.
SUNDAY_MORNING = dt.datetime(2031, 1, 5, 10, 0, tzinfo=SHANGHAI)


def local(slot) -> str:
    return slot.local_start.strftime("%a %H:%M")


@time_machine.travel(SUNDAY_MORNING, tick=False)
def test_monday_duty_from_nine_to_eleven_gives_four_half_hour_slots(station, envoy_member):
    slots = free_slots(station.schedules.all(), days=6)

    assert [local(s) for s in slots] == ["Mon 09:00", "Mon 09:30", "Mon 10:00", "Mon 10:30"]
    assert slots[0].starts_at == dt.datetime(2031, 1, 6, 1, 0, tzinfo=dt.UTC)


@time_machine.travel(SUNDAY_MORNING, tick=False)
def test_slots_follow_each_weekday_of_the_schedules(station, envoy_member):
    DutyScheduleFactory(
        station=station, envoy=envoy_member, weekday=2, starts=dt.time(14), ends=dt.time(15)
    )
    DutyScheduleFactory(
        station=station,
        envoy=envoy_member,
        weekday=5,
        starts=dt.time(9),
        ends=dt.time(10),
        slot_minutes=60,
    )

    slots = free_slots(station.schedules.all(), days=7)

    assert [local(s) for s in slots] == [
        "Mon 09:00", "Mon 09:30", "Mon 10:00", "Mon 10:30",
        "Wed 14:00", "Wed 14:30",
        "Sat 09:00",
    ]  # fmt: skip


@time_machine.travel(SUNDAY_MORNING, tick=False)
def test_an_early_duty_falls_on_the_shanghai_weekday_not_the_utc_one(station, envoy_member):
    DutyScheduleFactory(
        station=station, envoy=envoy_member, weekday=1, starts=dt.time(7), ends=dt.time(7, 30)
    )

    [early] = [s for s in free_slots(station.schedules.all(), days=6) if s.local_start.hour == 7]

    assert early.local_start.weekday() == 1
    assert early.starts_at.astimezone(dt.UTC).weekday() == 0
    assert early.starts_at.astimezone(dt.UTC).hour == 23


@time_machine.travel(dt.datetime(2031, 1, 6, 9, 20, tzinfo=SHANGHAI), tick=False)
def test_slots_starting_within_the_hour_are_no_longer_offered(station, envoy_member):
    slots = free_slots(station.schedules.all(), days=0)

    assert [local(s) for s in slots] == ["Mon 10:30"]


@time_machine.travel(SUNDAY_MORNING, tick=False)
def test_public_holidays_close_the_station(station, envoy_member):
    HolidayFactory(date=dt.date(2031, 1, 6), name="测试假日", is_working_day=False)

    slots = free_slots(station.schedules.all(), days=6)

    assert slots == []


@time_machine.travel(SUNDAY_MORNING, tick=False)
def test_a_schedule_ends_on_its_last_valid_day(station, envoy_member):
    station.schedules.update(valid_until=dt.date(2031, 1, 10))

    slots = free_slots(station.schedules.all(), days=14)

    assert {s.local_start.date() for s in slots} == {dt.date(2031, 1, 6)}


@time_machine.travel(SUNDAY_MORNING, tick=False)
def test_a_slot_key_names_the_schedule_and_the_start(station, envoy_member):
    slot = free_slots(station.schedules.all(), days=6)[0]
    schedule = station.schedules.get()

    assert parse_key(slot.key) == (schedule.pk, slot.starts_at)
    assert find_slot(schedule, slot.starts_at) == slot
    assert find_slot(schedule, slot.starts_at + dt.timedelta(minutes=10)) is None
    assert parse_key("12@not-a-time") is None


# Envoy suggestion ------------------------------------------------------------


def test_a_specialist_on_duty_ranks_first_with_reasons(station, envoy_member, other_envoy_member):
    ranked = rank_envoys(station, "labor_dispute")

    assert [s.envoy for s in ranked][:2] == [envoy_member, other_envoy_member]
    assert ranked[0].reasons[:2] == ["擅长劳动纠纷", "在本站定期值班"]


def test_load_lowers_an_envoy_of_equal_fit(station):
    busy, free = EnvoyFactory(), EnvoyFactory()
    for member in (busy, free):
        StationEnvoyFactory(station=station, envoy=member, service=Service.SCHEDULED)
    LegalCaseFactory.create_batch(3, station=station, envoy=busy)

    ranked = rank_envoys(station, "")

    order = [s.envoy for s in ranked if s.envoy in (busy, free)]
    assert order == [free, busy]
    assert next(s for s in ranked if s.envoy == busy).open_cases == 3


def test_a_busy_specialist_still_beats_an_idle_generalist(station):
    specialist, generalist = EnvoyFactory(), EnvoyFactory()
    for member in (specialist, generalist):
        StationEnvoyFactory(station=station, envoy=member, service=Service.SCHEDULED)
    EnvoySpecialtyFactory(envoy=specialist, category="traffic_accident")
    LegalCaseFactory.create_batch(2, station=station, envoy=specialist)

    ranked = rank_envoys(station, "traffic_accident")

    assert ranked[0].envoy == specialist


def test_written_expertise_counts_when_no_specialty_was_entered(station):
    member = EnvoyFactory(expertise="婚姻家庭纠纷、继承")
    StationEnvoyFactory(station=station, envoy=member, service=Service.ON_DEMAND)

    ranked = rank_envoys(station, "marriage_family")

    assert ranked[0].envoy == member


@time_machine.travel(SUNDAY_MORNING, tick=False)
def test_in_person_requests_prefer_an_envoy_with_free_slots(station, envoy_member):
    other = EnvoyFactory(user=UserFactory(username="no_slots"))
    StationEnvoyFactory(station=station, envoy=other, service=Service.SCHEDULED)
    EnvoySpecialtyFactory(envoy=other, category="labor_dispute")

    ranked = rank_envoys(station, "labor_dispute", in_person=True)

    assert ranked[0].envoy == envoy_member
    assert "近7天有空余时段" in ranked[0].reasons


def test_envoys_who_ended_their_term_are_not_suggested(station):
    gone = EnvoyFactory(status="ended")
    StationEnvoyFactory(station=station, envoy=gone)

    assert gone not in [s.envoy for s in rank_envoys(station, "")]
