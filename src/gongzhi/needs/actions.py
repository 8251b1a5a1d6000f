"""Every change to a need, as one named action.

Each action checks permission, changes the need inside a transaction while
holding its row lock, writes a timeline entry with actor and time, and sends
notifications only after the transaction commits.
"""

import logging
from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.calendar import working_days_after
from gongzhi.needs import rules
from gongzhi.needs.intelligence import score_reply, suggest_field
from gongzhi.needs.models import (
    FieldCorrection,
    Follow,
    Need,
    NeedImage,
    NeedPolicy,
    Rating,
    Reply,
    Status,
    Support,
    TimelineEntry,
)
from gongzhi.needs.workflow import transition_for
from gongzhi.notices.actions import notify_after_commit
from gongzhi.people.models import Staff, User
from gongzhi.places.models import Department

logger = logging.getLogger(__name__)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _locked(need: Need) -> Need:
    # Lock only the need's row: the place is joined with an outer join (it is
    # optional), and PostgreSQL refuses FOR UPDATE on the nullable side of one.
    return Need.objects.select_for_update(of=("self",)).select_related("place").get(pk=need.pk)


def _record(
    need: Need, action: str, actor: User | None, from_status: str = "", note: str = "", **data
) -> None:
    TimelineEntry.objects.create(
        need=need,
        action=action,
        actor=actor,
        from_status=from_status,
        to_status=need.status,
        note=note,
        data=data,
    )


def _link(need: Need) -> str:
    return reverse("needs:need_detail", args=[need.pk])


def _tell(recipient_ids: Iterable[int], kind: str, message: str, need: Need) -> None:
    """Notify after commit with a message about `need`; `message` has a %(title)s slot."""
    notify_after_commit(recipient_ids, kind, message % {"title": need.title}, _link(need))


def _people_following(need: Need) -> list[int]:
    return [need.submitter_id, *need.follows.values_list("user_id", flat=True)]


def _department_staff(department: Department) -> list[int]:
    return list(department.staff.values_list("user_id", flat=True))


def _intake_staff(need: Need) -> list[int]:
    """The community desk of the need's place; the district desk when there is none."""
    if need.place_id:
        communities = [p for p in need.place.ancestors() + [need.place] if p.level == "community"]
        desk = Staff.objects.filter(kind=Staff.Kind.COMMUNITY, community__in=communities)
        # A community without staff must not swallow the need unannounced.
        user_ids = list(desk.values_list("user_id", flat=True))
        if user_ids:
            return user_ids
    district = Staff.objects.filter(kind=Staff.Kind.DISTRICT)
    return list(district.values_list("user_id", flat=True))


def _move(
    need: Need,
    name: str,
    actor: User,
    allowed: Callable[[User, Need], bool],
    note: str = "",
    change: Callable[[Need], None] | None = None,
    **data,
) -> Need:
    """Run one transition on a locked copy of `need`; the caller holds the transaction."""
    need = _locked(need)
    _require(allowed(actor, need))
    transition = transition_for(name, need.status)
    from_status = need.status
    if change:
        change(need)
    need.status = transition.target
    need.save()
    _record(need, name, actor, from_status, note, **data)
    logger.info("need %s: %s by user %s", need.pk, name, actor.pk)
    return need


@transaction.atomic
def submit(
    submitter: User,
    *,
    title: str,
    body: str,
    field=None,
    place=None,
    place_text: str = "",
    kind: str = Need.Kind.SUGGESTION,
    is_public: bool = True,
    is_anonymous: bool = False,
    images: Iterable = (),
) -> Need:
    """A resident files a need; its acceptance clock starts now.

    The field classifier proposes a field. When the resident left the field
    open and the classifier is sure enough, its field is taken; otherwise
    the need waits in the triage queue for a person to choose.
    """
    _require(submitter.is_authenticated)
    now = timezone.now()
    policy = NeedPolicy.current()
    suggestion = suggest_field(title, body)
    suggested = suggestion.field if suggestion else None
    if field is None and suggestion and suggestion.confidence >= policy.triage_threshold:
        field = suggested
    need = Need.objects.create(
        submitter=submitter,
        title=title.strip(),
        body=body.strip(),
        field=field,
        place=place,
        place_text=place_text.strip(),
        kind=kind,
        is_public=is_public,
        is_anonymous=is_anonymous,
        submitted_at=now,
        accept_due=working_days_after(now, policy.accept_within_days),
        suggested_field=suggested,
        suggestion_confidence=suggestion.confidence if suggestion else None,
        in_triage=field is None,
    )
    for upload in images:
        NeedImage.objects.create(need=need, image=upload)
    _record(need, "submit", submitter)
    _tell(_intake_staff(need), "need_submitted", _("新的需求待受理：%(title)s"), need)
    logger.info("need %s submitted", need.pk)
    return need


@transaction.atomic
def accept(need: Need, *, actor: User, field=None) -> Need:
    """Take a need in: the reply clock starts, in working days."""
    policy = NeedPolicy.current()

    def change(n: Need) -> None:
        n.accepted_at = timezone.now()
        n.reply_due = working_days_after(n.accepted_at, policy.reply_within_days)
        n.in_triage = False
        if field is not None:
            n.field = field
        # A person overruling the classifier is a lesson for its next training.
        if field is not None and n.suggested_field_id and field.pk != n.suggested_field_id:
            FieldCorrection.objects.create(
                need=n, suggested_id=n.suggested_field_id, chosen=field, actor=actor
            )

    need = _move(need, "accept", actor, rules.can_take_in, change=change)
    _tell(_people_following(need), "need_accepted", _("您的需求已受理：%(title)s"), need)
    return need


@transaction.atomic
def reject(need: Need, *, actor: User, reason: str) -> Need:
    """Decline a need, with a reason the resident sees."""
    if not reason.strip():
        raise ValidationError({"reason": _("请填写不予受理的理由。")})

    def change(n: Need) -> None:
        n.reject_reason = reason.strip()

    need = _move(need, "reject", actor, rules.can_take_in, note=reason.strip(), change=change)
    _tell(_people_following(need), "need_rejected", _("您的需求未予受理：%(title)s"), need)
    return need


@transaction.atomic
def merge(need: Need, *, into: Need, actor: User) -> Need:
    """Fold a duplicate into the need that is kept; its people follow the kept one from now on."""
    if into.pk == need.pk:
        raise ValidationError({"into": _("不能合并到该需求。")})
    # Lock both rows in id order, so two merges of the same pair cannot
    # deadlock, and judge the kept need by its state under the lock.
    locked = {n.pk: n for n in sorted([need, into], key=lambda n: n.pk) for n in [_locked(n)]}
    into = locked[into.pk]
    if into.status in (Status.MERGED, Status.REJECTED):
        raise ValidationError({"into": _("不能合并到该需求。")})
    _require(rules.can_take_in(actor, into))

    def change(n: Need) -> None:
        n.merged_into = into

    need = _move(need, "merge", actor, rules.can_take_in, change=change, into=into.pk)
    followers = _people_following(need)
    for user_id in set(followers):
        if user_id != into.submitter_id:
            Follow.objects.get_or_create(need=into, user_id=user_id)
    _record(into, "absorb", actor, into.status, merged=need.pk)
    _tell(followers, "need_merged", _("您的需求已与相同问题合并办理：%(title)s"), into)
    return need


@transaction.atomic
def assign(need: Need, *, department: Department, actor: User) -> Need:
    """Give an accepted need to the department that will answer it."""

    def change(n: Need) -> None:
        n.department = department

    need = _move(need, "assign", actor, rules.can_take_in, change=change, department=department.pk)
    _tell(_department_staff(department), "need_assigned", _("新分派的需求：%(title)s"), need)
    return need


@transaction.atomic
def transfer(need: Need, *, department: Department, actor: User, reason: str) -> Need:
    """Pass a need on to the right department when it was given to the wrong one."""
    if not reason.strip():
        raise ValidationError({"reason": _("请填写转办理由。")})
    if department.pk == need.department_id:
        raise ValidationError({"department": _("请选择另一个部门。")})
    previous = need.department_id

    def change(n: Need) -> None:
        n.department = department

    need = _move(
        need,
        "transfer",
        actor,
        rules.can_transfer,
        note=reason.strip(),
        change=change,
        department=department.pk,
        previous=previous,
    )
    _tell(_department_staff(department), "need_assigned", _("转办来的需求：%(title)s"), need)
    return need


@transaction.atomic
def reply(need: Need, *, body: str, actor: User) -> Need:
    """The department answers the resident."""
    if not body.strip():
        raise ValidationError({"body": _("请填写答复内容。")})

    def change(n: Need) -> None:
        n.replied_at = timezone.now()
        answer = Reply.objects.create(
            need=n,
            body=body.strip(),
            department=n.department,
            author=actor,
            created_at=n.replied_at,
        )
        # Supervisors see at once how well the reply answers the need.
        score_reply(answer)

    need = _move(need, "reply", actor, rules.can_reply, change=change)
    _tell(_people_following(need), "need_replied", _("您的需求已答复：%(title)s"), need)
    return need


@transaction.atomic
def close(need: Need, *, actor: User) -> Need:
    """Finish a replied need; the resident can now rate the answer."""

    def change(n: Need) -> None:
        n.closed_at = timezone.now()

    need = _move(need, "close", actor, rules.can_close, change=change)
    _tell([need.submitter_id], "need_closed", _("您的需求已办结，请评价：%(title)s"), need)
    return need


@transaction.atomic
def rate(need: Need, *, rating: str, actor: User, comment: str = "") -> Need:
    """The resident rates the answer; a dissatisfied rating reopens the need once."""
    if rating not in Rating.values:
        raise ValidationError({"rating": _("请选择满意度。")})
    locked = _locked(need)
    # Strangers are refused before they learn anything about the rating.
    _require(rules.can_rate(actor, locked))
    if (
        locked.rating
        and locked.rated_at
        and locked.closed_at
        and locked.rated_at >= locked.closed_at
    ):
        raise ValidationError({"rating": _("您已评价过本次办理结果。")})

    def change(n: Need) -> None:
        n.rating = rating
        n.rated_at = timezone.now()

    need = _move(
        locked, "rate", actor, rules.can_rate, note=comment.strip(), change=change, rating=rating
    )
    policy = NeedPolicy.current()
    if (
        rating == Rating.DISSATISFIED
        and need.reopen_count < policy.max_reopens
        and need.department_id
    ):
        need = _reopen(need, actor, policy)
    return need


def _reopen(need: Need, actor: User, policy: NeedPolicy) -> Need:
    def change(n: Need) -> None:
        n.reopen_count += 1
        n.reply_due = working_days_after(timezone.now(), policy.reply_within_days)
        n.closed_at = None

    need = _move(need, "reopen", actor, rules.can_rate, change=change)
    _tell(
        _department_staff(need.department),
        "need_reopened",
        _("群众不满意，需求重办：%(title)s"),
        need,
    )
    return need


@transaction.atomic
def support(need: Need, *, actor: User) -> bool:
    """Add the actor's support to a public need; returns False if they had supported it already."""
    _require(rules.can_support(actor, need))
    try:
        with transaction.atomic():
            Support.objects.create(need=need, user=actor)
    except IntegrityError:
        return False
    Need.objects.filter(pk=need.pk).update(support_count=F("support_count") + 1)
    Follow.objects.get_or_create(need=need, user=actor)
    return True
