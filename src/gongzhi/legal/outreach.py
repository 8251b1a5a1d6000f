"""Every change to a legal-education event (法治宣传), as one named action."""

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongzhi.core.calendar import SHANGHAI
from gongzhi.legal import rules
from gongzhi.legal.event_models import (
    EventMaterial,
    EventPhoto,
    EventRegistration,
    EventStatus,
    OutreachEvent,
)
from gongzhi.legal.workflow import EVENT_WORKFLOW
from gongzhi.notices.actions import notify_after_commit
from gongzhi.people.models import Member, User
from gongzhi.places.models import Place

logger = logging.getLogger(__name__)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _locked(event: OutreachEvent) -> OutreachEvent:
    return OutreachEvent.objects.select_for_update().select_related("community").get(pk=event.pk)


def _registrants(event: OutreachEvent) -> list[int]:
    return list(event.registrations.values_list("user_id", flat=True))


@transaction.atomic
def plan_event(
    *,
    actor: User,
    topic: str,
    community: Place,
    form: str,
    venue: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    description: str = "",
    capacity: int | None = None,
    organisers: list[Member] | tuple = (),
) -> OutreachEvent:
    """Put a legal-education event on the calendar; residents may register from now on."""
    _require(rules.can_plan_event(actor, community))
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("结束时间要晚于开始时间。")})
    if form not in OutreachEvent.Form.values:
        raise ValidationError({"form": _("请选择活动形式。")})
    event = OutreachEvent.objects.create(
        topic=topic.strip(),
        description=description.strip(),
        community=community,
        form=form,
        venue=venue.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        created_by=actor,
    )
    event.organisers.set(organisers)
    logger.info("outreach event %s planned by user %s", event.pk, actor.pk)
    return event


@transaction.atomic
def register(event: OutreachEvent, *, actor: User) -> EventRegistration:
    """A resident signs up; refused when the event is full, over or cancelled."""
    event = _locked(event)
    _require(rules.can_register(actor, event))
    existing = event.registrations.filter(user=actor).first()
    if existing:
        return existing
    if event.capacity is not None and event.registrations.count() >= event.capacity:
        raise ValidationError({"event": _("名额已满。")})
    try:
        with transaction.atomic():
            registration = EventRegistration.objects.create(event=event, user=actor)
    except IntegrityError:
        return event.registrations.get(user=actor)
    return registration


@transaction.atomic
def unregister(event: OutreachEvent, *, actor: User) -> None:
    event = _locked(event)
    if event.status != EventStatus.PLANNED:
        raise ValidationError({"event": _("活动已结束或取消。")})
    event.registrations.filter(user=actor).delete()


@transaction.atomic
def hold(
    event: OutreachEvent,
    *,
    actor: User,
    attendance: int,
    attended_ids: list[int] | tuple = (),
    summary: str = "",
) -> OutreachEvent:
    """Record that the event took place: who of the registered came, and the headcount."""
    event = _locked(event)
    _require(rules.can_manage_event(actor, event))
    EVENT_WORKFLOW.transition_for("hold", event.status)
    came = event.registrations.filter(user_id__in=list(attended_ids))
    came.update(attended=True)
    counted = came.count()
    if attendance < counted:
        raise ValidationError({"attendance": _("参加人数不能少于已签到的报名人数。")})
    event.status = EventStatus.HELD
    event.attendance = attendance
    event.summary = summary.strip()
    event.save()
    logger.info("outreach event %s held, attendance %s", event.pk, attendance)
    return event


@transaction.atomic
def cancel_event(event: OutreachEvent, *, actor: User, reason: str) -> OutreachEvent:
    """Call the event off and tell everyone who registered."""
    if not reason.strip():
        raise ValidationError({"reason": _("请填写取消原因。")})
    event = _locked(event)
    _require(rules.can_manage_event(actor, event))
    EVENT_WORKFLOW.transition_for("cancel", event.status)
    event.status = EventStatus.CANCELLED
    event.summary = reason.strip()
    event.save()
    notify_after_commit(
        _registrants(event),
        "legal_event_cancelled",
        _("您报名的法治宣传活动已取消：%(topic)s") % {"topic": event.topic},
        event.get_absolute_url(),
    )
    return event


@transaction.atomic
def add_photo(event: OutreachEvent, *, actor: User, image) -> EventPhoto:
    event = _locked(event)
    _require(rules.can_manage_event(actor, event))
    return EventPhoto.objects.create(event=event, image=image, uploaded_by=actor)


@transaction.atomic
def add_material(event: OutreachEvent, *, actor: User, title: str, file) -> EventMaterial:
    """Attach a handout to the event and hand it to the information library."""
    if not title.strip() or file is None:
        raise ValidationError({"file": _("请填写名称并选择文件。")})
    event = _locked(event)
    _require(rules.can_manage_event(actor, event))
    material = EventMaterial.objects.create(
        event=event, title=title.strip(), file=file, uploaded_by=actor
    )
    _publish_to_library(material, event, actor, file)
    return material


def _publish_to_library(material: EventMaterial, event: OutreachEvent, actor: User, file) -> None:
    """Hand the material to the information library when the uploader may publish there."""
    from gongzhi.library import actions as library
    from gongzhi.library import rules as library_rules
    from gongzhi.library.models import Item

    if not library_rules.can_publish(actor, Item.Kind.OTHER):
        logger.info("event material %s kept with the event: uploader cannot publish", material.pk)
        return
    item = library.publish(
        actor=actor,
        kind=Item.Kind.OTHER,
        title=_("法治宣传资料：%(title)s") % {"title": material.title},
        body=_("%(topic)s（%(community)s，%(date)s）")
        % {
            "topic": event.topic,
            "community": event.community.name,
            "date": event.starts_at.astimezone(SHANGHAI).strftime("%Y-%m-%d"),
        },
        files=[file],
    )
    material.library_ref = str(item.pk)
    material.save(update_fields=["library_ref"])
