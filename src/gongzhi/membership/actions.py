"""Applying, appointing, declining, renewing and ending terms, as named actions."""

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.membership import rules
from gongzhi.membership.models import Application
from gongzhi.needs.workflow import TransitionNotAllowed
from gongzhi.notices.actions import notify_after_commit
from gongzhi.people.models import Member, Staff, User

logger = logging.getLogger(__name__)

PROFILE = ["expertise", "sector", "affiliation", "title", "birth_year", "community"]


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def apply(*, actor: User, body: str, fields, **profile) -> Application:
    """Apply to join a body; the district office is told."""
    _require(rules.can_apply(actor))
    if Member.objects.filter(user=actor, body=body, status=Member.Status.ACTIVE).exists():
        raise ValidationError({"body": _("您已是该组织的在任成员。")})
    if Application.objects.filter(
        user=actor, body=body, status=Application.Status.SUBMITTED
    ).exists():
        raise ValidationError({"body": _("您已提交过申请，请等待审核。")})
    application = Application.objects.create(user=actor, body=body, **profile)
    application.fields.set(fields)
    office = Staff.objects.filter(kind=Staff.Kind.DISTRICT).values_list("user_id", flat=True)
    notify_after_commit(
        office,
        "membership_applied",
        _("新的入会申请：%(body)s") % {"body": application.get_body_display()},
        application.get_absolute_url(),
    )
    logger.info("membership application %s submitted", application.pk)
    return application


def _reviewable(application: Application, actor: User) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require(rules.can_review(actor))
    if application.status != Application.Status.SUBMITTED:
        raise TransitionNotAllowed("review", application.status)
    return application


@transaction.atomic
def appoint(
    application: Application, *, actor: User, term_start: dt.date, term_end: dt.date
) -> Member:
    """Appoint the applicant for a term: they become (again) an active member of the body."""
    application = _reviewable(application, actor)
    if term_end <= term_start:
        raise ValidationError({"term_end": _("任期结束须晚于开始。")})
    values = {name: getattr(application, name) for name in PROFILE}
    member, _created = Member.objects.update_or_create(
        user=application.user,
        body=application.body,
        defaults={
            **values,
            "status": Member.Status.ACTIVE,
            "term_start": term_start,
            "term_end": term_end,
        },
    )
    member.fields.set(application.fields.all())
    application.status = Application.Status.APPOINTED
    application.reviewed_by, application.reviewed_at, application.member = (
        actor,
        timezone.now(),
        member,
    )
    application.save()
    notify_after_commit(
        [application.user_id],
        "membership_appointed",
        _("您已受聘为%(body)s成员。") % {"body": application.get_body_display()},
        application.get_absolute_url(),
    )
    logger.info("application %s: member %s appointed", application.pk, member.pk)
    return member


@transaction.atomic
def decline(application: Application, *, actor: User, reason: str) -> Application:
    application = _reviewable(application, actor)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写未通过的理由。")})
    application.status = Application.Status.DECLINED
    application.reviewed_by, application.reviewed_at = actor, timezone.now()
    application.decline_reason = reason.strip()
    application.save()
    notify_after_commit(
        [application.user_id],
        "membership_declined",
        _("您的入会申请未通过。"),
        application.get_absolute_url(),
    )
    return application


@transaction.atomic
def renew(member: Member, *, actor: User, term_end: dt.date) -> Member:
    """Extend an active member's term."""
    _require(rules.can_review(actor))
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status != Member.Status.ACTIVE or (member.term_end and term_end <= member.term_end):
        raise ValidationError({"term_end": _("续聘的任期须晚于当前任期。")})
    member.term_end = term_end
    member.save(update_fields=["term_end"])
    logger.info("member %s renewed", member.pk)
    return member


@transaction.atomic
def end_terms(*, today: dt.date | None = None) -> int:
    """Members whose term has passed leave office; returns how many. Run daily."""
    today = today or timezone.localdate()
    ended = Member.objects.filter(status=Member.Status.ACTIVE, term_end__lt=today)
    count = ended.update(status=Member.Status.ENDED)
    logger.info("%s member terms ended", count)
    return count
