"""Talk days: registration within the cap, attendance, minutes, and concerns that become needs."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongzhi.needs.models import Need, Status
from gongzhi.notices.models import Notification
from gongzhi.participation.actions import talkday as actions
from gongzhi.participation.models import TalkDay

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk_day(community_staff, community_a):
    starts = timezone.now() + dt.timedelta(days=3)
    return actions.schedule(
        actor=community_staff,
        community=community_a,
        topic="停车难问题恳谈会",
        venue="社区会议室",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        capacity=2,
        officials="区交通局",
    )


def test_staff_of_another_community_cannot_schedule_here(other_community_staff, community_a):
    starts = timezone.now() + dt.timedelta(days=3)

    with pytest.raises(PermissionDenied):
        actions.schedule(
            actor=other_community_staff,
            community=community_a,
            topic="t",
            venue="v",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            capacity=5,
        )


def test_registration_stops_at_the_cap(talk_day, resident, other_resident):
    actions.register(talk_day, actor=resident)
    actions.register(talk_day, actor=other_resident)

    with pytest.raises(ValidationError):
        actions.register(talk_day, actor=factories.UserFactory())
    talk_day.refresh_from_db()
    assert talk_day.registered_count == 2 and talk_day.places_left == 0


def test_nobody_registers_twice_and_a_place_given_back_is_free_again(
    talk_day, resident, other_resident
):
    actions.register(talk_day, actor=resident)

    with pytest.raises(ValidationError):
        actions.register(talk_day, actor=resident)
    actions.unregister(talk_day, actor=resident)
    actions.register(talk_day, actor=other_resident)
    talk_day.refresh_from_db()
    assert talk_day.registered_count == 1


def test_the_database_refuses_a_count_above_the_cap(talk_day):
    with pytest.raises(IntegrityError), transaction.atomic():
        TalkDay.objects.filter(pk=talk_day.pk).update(registered_count=3)


def test_no_registration_once_the_meeting_has_started(talk_day, resident):
    TalkDay.objects.filter(pk=talk_day.pk).update(
        starts_at=timezone.now() - dt.timedelta(minutes=1)
    )
    talk_day.refresh_from_db()

    with pytest.raises(PermissionDenied):
        actions.register(talk_day, actor=resident)


def test_attendance_minutes_and_notifications(
    talk_day, community_staff, resident, other_resident, django_capture_on_commit_callbacks
):
    actions.register(talk_day, actor=resident)
    actions.register(talk_day, actor=other_resident)

    present = actions.mark_attendance(talk_day, actor=community_staff, present=[resident.pk, 999])
    with django_capture_on_commit_callbacks(execute=True):
        talk_day = actions.hold(talk_day, actor=community_staff, minutes="与会居民提出三项诉求。")

    assert present == 1
    assert talk_day.status == TalkDay.Status.HELD
    assert Notification.objects.filter(kind="talkday_minutes").count() == 2


def test_a_concern_becomes_a_need_in_the_residents_name_tracked_like_any_other(
    talk_day, community_staff, resident, community_a
):
    actions.register(talk_day, actor=resident)

    concern = actions.record_concern(
        talk_day,
        actor=community_staff,
        title="小区夜间停车位不足",
        body="晚上八点以后小区内找不到车位，车辆只能停在消防通道。",
        raised_by=resident,
    )

    need = Need.objects.get(pk=concern.need_id)
    assert need.submitter == resident and need.place == community_a
    assert need.status == Status.SUBMITTED and need.accept_due is not None
    assert list(need.timeline.values_list("action", flat=True)) == ["submit"]


def test_a_resident_cannot_record_concerns_or_minutes(talk_day, resident):
    with pytest.raises(PermissionDenied):
        actions.record_concern(
            talk_day, actor=resident, title="停车难问题", body="小区晚上停车很难很难。"
        )
    with pytest.raises(PermissionDenied):
        actions.hold(talk_day, actor=resident, minutes="纪要")


def test_cancelling_tells_those_registered(
    talk_day, community_staff, resident, django_capture_on_commit_callbacks
):
    actions.register(talk_day, actor=resident)

    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel(talk_day, actor=community_staff, reason="台风预警")

    assert Notification.objects.filter(recipient=resident, kind="talkday_cancelled").exists()
