"""Talk days: scheduling, registration within the cap, attendance, minutes, concerns as needs."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from gongzhi.needs import actions as need_actions
from gongzhi.notices.actions import notify_after_commit
from gongzhi.participation import rules
from gongzhi.participation.actions.common import locked, logger, move, record, require
from gongzhi.participation.models import Concern, Event, Registration, TalkDay
from gongzhi.participation.workflow import TALK_DAY
from gongzhi.people.models import User
from gongzhi.places.models import Field, Place


def _registrants(talk_day: TalkDay) -> list[int]:
    return list(talk_day.registrations.values_list("user_id", flat=True))


@transaction.atomic
def schedule(
    *,
    actor: User,
    community: Place,
    topic: str,
    venue: str,
    starts_at,
    ends_at,
    capacity: int,
    officials: str = "",
    intro: str = "",
) -> TalkDay:
    """Put a talk day in the community's calendar; registration opens at once."""
    require(rules.can_organise_talk_day(actor, community))
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("结束时间应晚于开始时间。")})
    if capacity < 1:
        raise ValidationError({"capacity": _("名额至少为1。")})
    talk_day = TalkDay.objects.create(
        community=community,
        topic=topic.strip(),
        venue=venue.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        officials=officials.strip(),
        intro=intro.strip(),
        organiser=actor,
    )
    record(talk_day, Event.Action.OPEN, actor)
    logger.info("talk day %s scheduled by user %s", talk_day.pk, actor.pk)
    return talk_day


@transaction.atomic
def register(talk_day: TalkDay, *, actor: User) -> Registration:
    """Take one of the places; refused when none is left, twice, or after the start.

    The talk day's row is locked while the place is counted, and the
    database refuses a count above the cap, so two residents taking the last
    place at the same moment cannot both get it.
    """
    talk_day = locked(talk_day)
    require(rules.can_register(actor, talk_day))
    if Registration.objects.filter(talk_day=talk_day, user=actor).exists():
        raise ValidationError({"talk_day": _("您已报名。")})
    if talk_day.registered_count >= talk_day.capacity:
        raise ValidationError({"talk_day": _("名额已满。")})
    registration = Registration.objects.create(talk_day=talk_day, user=actor)
    TalkDay.objects.filter(pk=talk_day.pk).update(registered_count=F("registered_count") + 1)
    return registration


@transaction.atomic
def unregister(talk_day: TalkDay, *, actor: User) -> None:
    """Give a place back before the meeting starts."""
    talk_day = locked(talk_day)
    require(rules.can_register(actor, talk_day))
    deleted, _rows = Registration.objects.filter(talk_day=talk_day, user=actor).delete()
    if deleted:
        TalkDay.objects.filter(pk=talk_day.pk).update(registered_count=F("registered_count") - 1)


@transaction.atomic
def mark_attendance(talk_day: TalkDay, *, actor: User, present: Iterable[int]) -> int:
    """Record who came, by user id; returns how many registrants were there."""
    require(rules.can_manage_talk_day(actor, talk_day))
    present = set(present)
    registrations = Registration.objects.filter(talk_day=talk_day)
    registrations.update(attended=False)
    count = registrations.filter(user_id__in=present).update(attended=True)
    record(talk_day, Event.Action.ATTEND, actor, present=count)
    return count


@transaction.atomic
def hold(talk_day: TalkDay, *, actor: User, minutes: str) -> TalkDay:
    """Close the meeting with its minutes; those registered are told where to read them."""
    if not minutes.strip():
        raise ValidationError({"minutes": _("请填写会议纪要。")})

    def change(t: TalkDay) -> None:
        t.minutes = minutes.strip()

    talk_day = move(
        talk_day,
        TALK_DAY,
        "hold",
        actor,
        rules.can_manage_talk_day,
        action=Event.Action.MINUTES,
        change=change,
    )
    message = _("恳谈日会议纪要已发布：%(topic)s") % {"topic": talk_day.topic}
    notify_after_commit(
        _registrants(talk_day), "talkday_minutes", message, talk_day.get_absolute_url()
    )
    return talk_day


@transaction.atomic
def cancel(talk_day: TalkDay, *, actor: User, reason: str) -> TalkDay:
    if not reason.strip():
        raise ValidationError({"reason": _("请填写取消原因。")})
    talk_day = move(
        talk_day,
        TALK_DAY,
        "cancel",
        actor,
        rules.can_manage_talk_day,
        action=Event.Action.CANCEL,
        note=reason.strip(),
    )
    message = _("恳谈日已取消：%(topic)s") % {"topic": talk_day.topic}
    notify_after_commit(
        _registrants(talk_day), "talkday_cancelled", message, talk_day.get_absolute_url()
    )
    return talk_day


@transaction.atomic
def record_concern(
    talk_day: TalkDay,
    *,
    actor: User,
    title: str,
    body: str,
    raised_by: User | None = None,
    field: Field | None = None,
) -> Concern:
    """Turn a concern raised at the meeting into a need, filed in the resident's name when known."""
    require(rules.can_manage_talk_day(actor, talk_day))
    if talk_day.status == TalkDay.Status.CANCELLED:
        raise ValidationError({"talk_day": _("恳谈日已取消。")})
    need = need_actions.submit(
        raised_by or actor,
        title=title,
        body=body,
        field=field,
        place=talk_day.community,
        place_text=talk_day.venue,
    )
    concern = Concern.objects.create(talk_day=talk_day, need=need, raised_by=raised_by)
    record(talk_day, Event.Action.CONCERN, actor, need=need.pk)
    return concern
