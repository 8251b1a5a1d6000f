"""Appointments: booking, one booking per slot under concurrency, cancellation, no-show, reminders."""

import datetime as dt
import threading
import time

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import OperationalError, close_old_connections, connection

from gongzhi.core.calendar import SHANGHAI
from gongzhi.legal import actions, booking
from gongzhi.legal.booking import SlotTaken
from gongzhi.legal.models import Appointment, AppointmentStatus, CaseStatus, LegalCase, Mode
from gongzhi.legal.slots import free_slots
from gongzhi.notices.models import Notification

from tests.factories import UserFactory

SUNDAY_MORNING = dt.datetime(2031, 1, 5, 10, 0, tzinfo=SHANGHAI)
MONDAY_NINE = dt.datetime(2031, 1, 6, 9, 0, tzinfo=SHANGHAI)


def first_slot(case: LegalCase):
    return free_slots(case.station.schedules.filter(envoy=case.envoy))[0]


def book_first(case: LegalCase, actor):
    slot = first_slot(case)
    schedule = case.station.schedules.get(pk=slot.schedule_id)
    return booking.book(case, actor=actor, schedule=schedule, starts_at=slot.starts_at)


@pytest.mark.django_db
@time_machine.travel(SUNDAY_MORNING, tick=False)
def test_a_home_visit_is_booked_on_the_envoys_first_free_slot(case_at, resident):
    case = case_at(CaseStatus.SUBMITTED, mode=Mode.HOME_VISIT)

    appointment = book_first(case, resident)

    assert appointment.starts_at == MONDAY_NINE
    assert appointment.envoy == case.envoy
    assert appointment.status == AppointmentStatus.BOOKED
    assert first_slot(case).starts_at == MONDAY_NINE + dt.timedelta(minutes=30)
    assert list(case.timeline.values_list("action", flat=True))[-1] == "book"


@pytest.mark.django_db
@time_machine.travel(SUNDAY_MORNING, tick=False)
def test_a_second_booking_of_the_same_slot_is_refused(
    case_at, resident, other_resident, station, envoy
):
    first = case_at(CaseStatus.SUBMITTED, mode=Mode.AT_STATION)
    second = actions.submit_request(
        other_resident,
        kind="consultation",
        station=station,
        mode=Mode.AT_STATION,
        body="拖欠工资怎么办",
    )
    schedule = station.schedules.get(envoy__user=envoy)
    booking.book(first, actor=resident, schedule=schedule, starts_at=MONDAY_NINE)

    with pytest.raises(SlotTaken):
        booking.book(second, actor=other_resident, schedule=schedule, starts_at=MONDAY_NINE)


@pytest.mark.django_db
@time_machine.travel(SUNDAY_MORNING, tick=False)
def test_a_case_holds_one_booking_at_a_time(case_at, resident, station, envoy):
    case = case_at(CaseStatus.SUBMITTED, mode=Mode.AT_STATION)
    schedule = station.schedules.get(envoy__user=envoy)
    booking.book(case, actor=resident, schedule=schedule, starts_at=MONDAY_NINE)

    with pytest.raises(ValidationError):
        booking.book(
            case,
            actor=resident,
            schedule=schedule,
            starts_at=MONDAY_NINE + dt.timedelta(minutes=30),
        )


@pytest.mark.django_db
@time_machine.travel(SUNDAY_MORNING, tick=False)
def test_a_time_that_is_no_slot_is_refused(case_at, resident, station, envoy):
    case = case_at(CaseStatus.SUBMITTED, mode=Mode.AT_STATION)
    schedule = station.schedules.get(envoy__user=envoy)

    for wrong in (MONDAY_NINE + dt.timedelta(minutes=10), MONDAY_NINE + dt.timedelta(hours=2)):
        with pytest.raises(ValidationError):
            booking.book(case, actor=resident, schedule=schedule, starts_at=wrong)


@pytest.mark.django_db
@time_machine.travel(SUNDAY_MORNING, tick=False)
def test_online_cases_and_strangers_cannot_book(case_at, resident, other_resident, station, envoy):
    online = case_at(CaseStatus.SUBMITTED, mode=Mode.ONLINE)
    offline = case_at(CaseStatus.SUBMITTED, mode=Mode.AT_STATION)
    schedule = station.schedules.get(envoy__user=envoy)

    with pytest.raises(PermissionDenied):
        booking.book(online, actor=resident, schedule=schedule, starts_at=MONDAY_NINE)
    with pytest.raises(PermissionDenied):
        booking.book(offline, actor=other_resident, schedule=schedule, starts_at=MONDAY_NINE)


@pytest.mark.django_db
@time_machine.travel(SUNDAY_MORNING, tick=False)
def test_cancelling_frees_the_slot_for_someone_else(
    case_at, resident, other_resident, station, envoy
):
    case = case_at(CaseStatus.SUBMITTED, mode=Mode.AT_STATION)
    appointment = book_first(case, resident)

    booking.cancel(appointment, actor=resident, reason="临时有事")
    other = actions.submit_request(
        other_resident,
        kind="consultation",
        station=station,
        mode=Mode.AT_STATION,
        body="公司拖欠工资怎么办",
    )
    rebooked = book_first(other, other_resident)

    assert rebooked.starts_at == appointment.starts_at
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED


@pytest.mark.django_db
def test_the_envoy_marks_a_no_show_once_the_time_has_come(case_at, resident, envoy):
    with time_machine.travel(SUNDAY_MORNING, tick=False):
        case = case_at(CaseStatus.ACCEPTED, mode=Mode.AT_STATION)
        appointment = book_first(case, resident)
        with pytest.raises(PermissionDenied):
            booking.mark_no_show(appointment, actor=envoy)

    with time_machine.travel(MONDAY_NINE + dt.timedelta(minutes=20), tick=False):
        with pytest.raises(PermissionDenied):
            booking.mark_no_show(appointment, actor=resident)
        with pytest.raises(PermissionDenied):
            booking.cancel(appointment, actor=resident)
        booking.mark_no_show(appointment, actor=envoy)

    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.NO_SHOW


@pytest.mark.django_db
def test_passing_a_case_on_gives_its_booking_back(case_at, resident, envoy):
    with time_machine.travel(SUNDAY_MORNING, tick=False):
        case = case_at(CaseStatus.SUBMITTED, mode=Mode.AT_STATION)
        appointment = book_first(case, resident)

        actions.pass_on(case, actor=envoy, reason="回避")

    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED


@pytest.mark.django_db(transaction=True)
def test_reminders_go_out_once_for_meetings_within_a_day(case_at, resident, envoy):
    with time_machine.travel(SUNDAY_MORNING, tick=False):
        case = case_at(CaseStatus.ACCEPTED, mode=Mode.HOME_VISIT)
        book_first(case, resident)

        call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    reminders = Notification.objects.filter(kind="legal_reminder")
    assert sorted(reminders.values_list("recipient", flat=True)) == sorted([resident.pk, envoy.pk])
    assert "01-06 09:00" in reminders.first().message


# Concurrency -----------------------------------------------------------------

RACERS = 12


def _retrying(step):
    """Run `step`, again while SQLite reports a lock.

    SQLite's shared in-memory test database answers a held lock at once
    with "database table is locked" instead of waiting as a file database
    does; the racer tries again, exactly as a waiting connection would.
    """
    while True:
        try:
            return step()
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.01)


def _race_once(case_id: int, user_id: int, schedule_id: int, starts_at, barrier, outcomes, lock):
    """One racer in its own thread, hence its own database connection."""
    from gongzhi.legal.models import DutySchedule
    from gongzhi.people.models import User

    def attempt() -> str:
        # A try can commit its booking and then meet the lock in the
        # notification sent after the commit; the retry must not book again.
        if Appointment.objects.filter(case_id=case_id, status=AppointmentStatus.BOOKED).exists():
            return "won"
        try:
            booking.book(case, actor=user, schedule=schedule, starts_at=starts_at)
        except SlotTaken:
            return "refused"
        return "won"

    try:
        case = _retrying(lambda: LegalCase.objects.get(pk=case_id))
        user = _retrying(lambda: User.objects.get(pk=user_id))
        schedule = _retrying(lambda: DutySchedule.objects.get(pk=schedule_id))
        barrier.wait()
        outcome = _retrying(attempt)
    except Exception as error:  # noqa: BLE001  any other failure is reported, not hidden
        outcome = f"error: {error!r}"
    finally:
        connection.close()
    with lock:
        outcomes.append(outcome)


@pytest.mark.django_db(transaction=True)
def test_many_simultaneous_bookings_of_one_slot_leave_exactly_one(station, envoy_member):
    requesters = [UserFactory(username=f"racer{i}") for i in range(RACERS)]
    cases = [
        actions.submit_request(
            user,
            kind="consultation",
            station=station,
            mode=Mode.AT_STATION,
            body="公司拖欠工资怎么办",
        )
        for user in requesters
    ]
    slot = free_slots(station.schedules.filter(envoy=envoy_member))[0]
    barrier = threading.Barrier(RACERS)
    outcomes: list[str] = []
    lock = threading.Lock()
    threads = [
        threading.Thread(
            target=_race_once,
            args=(
                case.pk,
                case.requester_id,
                slot.schedule_id,
                slot.starts_at,
                barrier,
                outcomes,
                lock,
            ),
        )
        for case in cases
    ]

    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.perf_counter() - started
    close_old_connections()

    booked = Appointment.objects.filter(starts_at=slot.starts_at, status=AppointmentStatus.BOOKED)
    print(
        f"\nconcurrency [{connection.vendor}]: {RACERS} racers, {outcomes.count('won')} won, "
        f"{outcomes.count('refused')} refused, {booked.count()} booked row(s), {elapsed:.2f}s"
    )
    assert sorted(set(outcomes)) == ["refused", "won"], outcomes
    assert outcomes.count("won") == 1
    assert booked.count() == 1


@pytest.mark.django_db(transaction=True)
@time_machine.travel(SUNDAY_MORNING, tick=False)
def test_a_reassigned_case_tells_the_resident_their_booking_was_cancelled(
    case_at, resident, station_lead, other_envoy_member
):
    case = case_at(CaseStatus.SUBMITTED, mode=Mode.AT_STATION)
    appointment = book_first(case, resident)

    actions.reassign(case, actor=station_lead, to=other_envoy_member, reason="特派员出差")

    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    told = Notification.objects.filter(recipient=resident, kind="legal_moved").get()
    assert "原预约已取消，请重新预约" in told.message
