"""Every change in decision consultation, as one named action.

Each action checks permission, changes state inside a transaction, records
an `Event` on the topic's timeline, and notifies after commit. Hearings,
studies and taken-in advice each end by submitting a result through
`gongzhi.results.actions.submit_result`, with the topic as its source.
"""

import datetime as dt
import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.consultation import rules
from gongzhi.consultation.models import (
    Advice,
    ConflictDeclaration,
    ConsultationPolicy,
    Event,
    Hearing,
    Invitation,
    Milestone,
    Opinion,
    Study,
    Topic,
    TopicList,
)
from gongzhi.consultation.workflow import ADVICE, HEARING, STUDY, TOPIC
from gongzhi.core.calendar import working_days_after
from gongzhi.notices.actions import notify_after_commit
from gongzhi.people.models import Member, Staff, User
from gongzhi.results import actions as results
from gongzhi.results.models import Contribution, Kind, Result

logger = logging.getLogger(__name__)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _record(
    action: str,
    label: str,
    actor: User | None,
    topic: Topic | None,
    *,
    to_status: str = "",
    note: str = "",
    **owner,
) -> None:
    Event.objects.create(
        action=action,
        label=label,
        actor=actor,
        topic=topic,
        to_status=to_status,
        note=note,
        **owner,
    )


def _department_staff(department_id: int) -> list[int]:
    staff = Staff.objects.filter(kind=Staff.Kind.DEPARTMENT, department_id=department_id)
    return list(staff.values_list("user_id", flat=True))


def _tell(recipients: Iterable[int], kind: str, message: str, obj) -> None:
    notify_after_commit(recipients, kind, message, obj.get_absolute_url())


def _advance_topic(topic: Topic, name: str, actor: User) -> None:
    """Move the topic along when its work starts or ends; a topic already there stays."""
    if name not in TOPIC.allowed_from(topic.status):
        return
    topic.status = TOPIC[name].target
    topic.save(update_fields=["status"])
    _record(name, str(TOPIC[name].label), actor, topic, to_status=topic.status)


def _check_experts(experts: Iterable[Member]) -> list[Member]:
    experts = list(experts)
    if not experts:
        raise ValidationError({"experts": _("请至少选择一位专家。")})
    return experts


# Topic lists and topics -------------------------------------------------------


def topic_list_for(year: int) -> TopicList:
    """The topic list of `year`, created on first use."""
    topic_list, _created = TopicList.objects.get_or_create(
        year=year, defaults={"title": _("%(year)s年度决策咨询课题清单") % {"year": year}}
    )
    return topic_list


@transaction.atomic
def create_topic(
    *,
    actor: User,
    year: int,
    title: str,
    background: str,
    field,
    department,
    priority: str = Topic.Priority.NORMAL,
    is_public: bool = True,
    parties: str = "",
) -> Topic:
    """Put a topic on the year's list."""
    _require(rules.can_create_topic(actor))
    topic = Topic.objects.create(
        topic_list=topic_list_for(year),
        title=title.strip(),
        background=background.strip(),
        field=field,
        department=department,
        priority=priority,
        is_public=is_public,
        parties=parties.strip(),
        created_by=actor,
    )
    _record("create", _("列入课题清单"), actor, topic, to_status=topic.status)
    logger.info("topic %s created by user %s", topic.pk, actor.pk)
    return topic


@transaction.atomic
def declare_conflict(topic: Topic, *, actor: User, note: str) -> ConflictDeclaration:
    """An expert declares an interest in a topic; the matching will not suggest them for it."""
    member = rules.expert_of(actor)
    _require(member is not None)
    declaration, _created = ConflictDeclaration.objects.update_or_create(
        topic=topic, member=member, defaults={"note": note.strip()[:300]}
    )
    return declaration


# Hearings ---------------------------------------------------------------------


@transaction.atomic
def start_hearing(
    topic: Topic,
    *,
    actor: User,
    mode: str,
    question: str,
    experts: Iterable[Member],
    opinions_due: dt.datetime | None = None,
    meeting_at: dt.datetime | None = None,
    meeting_place: str = "",
    is_online: bool = False,
) -> Hearing:
    """Ask experts about a topic, in writing by a deadline or at a meeting."""
    _require(rules.can_manage_topic(actor, topic))
    experts = _check_experts(experts)
    if mode == Hearing.Mode.MEETING and not meeting_at:
        raise ValidationError({"meeting_at": _("会议咨询请填写会议时间。")})
    now = timezone.now()
    due = (
        opinions_due
        or meeting_at
        or working_days_after(now, ConsultationPolicy.current().opinion_within_days)
    )
    hearing = Hearing.objects.create(
        topic=topic,
        mode=mode,
        question=question.strip(),
        opinions_due=due,
        meeting_at=meeting_at,
        meeting_place=meeting_place.strip(),
        is_online=is_online,
        created_by=actor,
        created_at=now,
    )
    _record(
        "start_hearing", _("发起专题咨询"), actor, topic, hearing=hearing, to_status=hearing.status
    )
    _advance_topic(topic, "start", actor)
    _invite(hearing, experts, actor)
    return hearing


def _invite(hearing: Hearing, experts: list[Member], actor: User) -> None:
    invited = set(hearing.invitations.values_list("member_id", flat=True))
    new = [m for m in experts if m.pk not in invited]
    Invitation.objects.bulk_create([Invitation(hearing=hearing, member=m) for m in new])
    _record(
        "invite",
        _("邀请专家"),
        actor,
        hearing.topic,
        hearing=hearing,
        note="、".join(str(m.user) for m in new),
    )
    message = _("邀请您参加专题咨询：%(title)s") % {"title": hearing.topic.title}
    _tell([m.user_id for m in new], "hearing_invited", message, hearing)


@transaction.atomic
def invite(hearing: Hearing, *, actor: User, experts: Iterable[Member]) -> Hearing:
    """Invite more experts to an open hearing."""
    hearing = Hearing.objects.select_for_update().select_related("topic").get(pk=hearing.pk)
    _require(rules.can_manage_hearing(actor, hearing))
    HEARING.transition_for("invite", hearing.status)
    _invite(hearing, _check_experts(experts), actor)
    return hearing


@transaction.atomic
def give_opinion(hearing: Hearing, *, actor: User, body: str) -> Opinion:
    """An invited expert gives (or revises) their written opinion; a late one is marked late."""
    hearing = Hearing.objects.select_for_update().select_related("topic").get(pk=hearing.pk)
    _require(rules.is_invited(actor, hearing))
    HEARING.transition_for("opinion", hearing.status)
    if not body.strip():
        raise ValidationError({"body": _("请填写意见内容。")})
    member = hearing.invitations.get(member__user=actor).member
    now = timezone.now()
    opinion, _created = Opinion.objects.update_or_create(
        hearing=hearing,
        member=member,
        defaults={
            "body": body.strip(),
            "submitted_at": now,
            "on_time": now <= hearing.opinions_due,
        },
    )
    _record("opinion", _("提交书面意见"), actor, hearing.topic, hearing=hearing)
    message = _("专家提交了意见：%(title)s") % {"title": hearing.topic.title}
    _tell([hearing.created_by_id], "hearing_opinion", message, hearing)
    logger.info("hearing %s: opinion from member %s", hearing.pk, member.pk)
    return opinion


@transaction.atomic
def close_hearing(
    hearing: Hearing, *, actor: User, minutes: str = "", attended: Iterable[int] = ()
) -> Hearing:
    """Stop collecting opinions; for a meeting, record who came and the minutes."""
    hearing = Hearing.objects.select_for_update().select_related("topic").get(pk=hearing.pk)
    _require(rules.can_manage_hearing(actor, hearing))
    transition = HEARING.transition_for("close", hearing.status)
    if hearing.mode == Hearing.Mode.MEETING:
        came = set(attended)
        for invitation in hearing.invitations.all():
            invitation.attended = invitation.member_id in came
            invitation.save(update_fields=["attended"])
    hearing.minutes = minutes.strip()
    hearing.status = transition.target
    hearing.closed_at = timezone.now()
    hearing.save()
    _record(
        "close",
        str(transition.label),
        actor,
        hearing.topic,
        hearing=hearing,
        to_status=hearing.status,
    )
    return hearing


def _hearing_contributors(hearing: Hearing) -> list[tuple[User, str]]:
    members = {o.member for o in hearing.opinions.select_related("member__user")}
    members |= {
        i.member for i in hearing.invitations.filter(attended=True).select_related("member__user")
    }
    return [(m.user, Contribution.Role.MEMBER) for m in sorted(members, key=lambda m: m.pk)]


@transaction.atomic
def summarize_hearing(
    hearing: Hearing, *, actor: User, title: str, summary: str, is_public: bool = True
) -> Result:
    """Staff write the hearing's summary; it goes into the results database."""
    hearing = Hearing.objects.select_for_update().select_related("topic").get(pk=hearing.pk)
    _require(rules.can_manage_hearing(actor, hearing))
    transition = HEARING.transition_for("summarize", hearing.status)
    result = results.submit_result(
        kind=Kind.HEARING_SUMMARY,
        title=title,
        summary=summary,
        source=hearing.topic,
        contributors=_hearing_contributors(hearing),
        field=hearing.topic.field,
        actor=actor,
        is_public=is_public and hearing.topic.is_public,
    )
    hearing.summary = summary.strip()
    hearing.result = result
    hearing.status = transition.target
    hearing.save()
    _record(
        "summarize",
        str(transition.label),
        actor,
        hearing.topic,
        hearing=hearing,
        to_status=hearing.status,
    )
    _advance_topic(hearing.topic, "conclude", actor)
    return result


# Studies ------------------------------------------------------------------------


@transaction.atomic
def commission_study(
    topic: Topic,
    *,
    actor: User,
    brief: str,
    experts: Iterable[Member],
    plan_due=None,
    interim_due=None,
    final_due=None,
) -> Study:
    """Commission named experts to research a topic, with three milestone deadlines."""
    _require(rules.can_manage_topic(actor, topic))
    experts = _check_experts(experts)
    policy = ConsultationPolicy.current()
    now = timezone.now()
    study = Study.objects.create(
        topic=topic,
        brief=brief.strip(),
        created_by=actor,
        created_at=now,
        plan_due=plan_due or working_days_after(now, policy.plan_within_days),
        interim_due=interim_due or working_days_after(now, policy.interim_within_days),
        final_due=final_due or working_days_after(now, policy.final_within_days),
    )
    study.experts.set(experts)
    _record(
        "commission",
        _("委托调研"),
        actor,
        topic,
        study=study,
        to_status=study.status,
        note="、".join(str(m.user) for m in experts),
    )
    _advance_topic(topic, "start", actor)
    message = _("您受托开展调研：%(title)s") % {"title": topic.title}
    _tell([m.user_id for m in experts], "study_commissioned", message, study)
    return study


@transaction.atomic
def deliver(study: Study, *, actor: User, kind: str, document, note: str = "") -> Milestone:
    """A commissioned expert delivers the plan, the interim or the final report."""
    study = Study.objects.select_for_update().select_related("topic").get(pk=study.pk)
    _require(rules.can_deliver(actor, study))
    transition = STUDY.transition_for(kind, study.status)
    if not document:
        raise ValidationError({"document": _("请上传文件。")})
    now = timezone.now()
    milestone = Milestone.objects.create(
        study=study,
        kind=kind,
        document=document,
        note=note.strip(),
        submitted_by=actor,
        submitted_at=now,
        on_time=now <= study.current_due,
    )
    study.status = transition.target
    study.save(update_fields=["status"])
    _record(kind, str(transition.label), actor, study.topic, study=study, to_status=study.status)
    message = _("调研有新进展：%(title)s") % {"title": study.topic.title}
    _tell(
        [study.created_by_id, *_department_staff(study.topic.department_id)],
        "study_delivered",
        message,
        study,
    )
    return milestone


@transaction.atomic
def return_study(study: Study, *, actor: User, note: str) -> Study:
    """Send the final report back for revision, with what must change."""
    study = Study.objects.select_for_update().select_related("topic").get(pk=study.pk)
    _require(rules.can_review_study(actor, study))
    transition = STUDY.transition_for("return", study.status)
    if not note.strip():
        raise ValidationError({"note": _("请填写修改意见。")})
    study.milestones.filter(kind=Milestone.Kind.FINAL).update(review_note=note.strip())
    study.status = transition.target
    study.save(update_fields=["status"])
    _record(
        "return",
        str(transition.label),
        actor,
        study.topic,
        study=study,
        to_status=study.status,
        note=note.strip(),
    )
    message = _("调研报告需修改：%(title)s") % {"title": study.topic.title}
    _tell(study.experts.values_list("user_id", flat=True), "study_returned", message, study)
    return study


@transaction.atomic
def accept_study(study: Study, *, actor: User, summary: str, is_public: bool = True) -> Result:
    """Accept the final report; it goes into the results database with its document."""
    study = Study.objects.select_for_update().select_related("topic").get(pk=study.pk)
    _require(rules.can_review_study(actor, study))
    transition = STUDY.transition_for("accept", study.status)
    final = study.milestones.filter(kind=Milestone.Kind.FINAL).last()
    experts = list(study.experts.select_related("user").order_by("pk"))
    contributors = [
        (m.user, Contribution.Role.LEAD if i == 0 else Contribution.Role.MEMBER)
        for i, m in enumerate(experts)
    ]
    result = results.submit_result(
        kind=Kind.STUDY_REPORT,
        title=_("%(title)s调研报告") % {"title": study.topic.title},
        summary=summary,
        source=study.topic,
        contributors=contributors,
        field=study.topic.field,
        actor=actor,
        is_public=is_public and study.topic.is_public,
        document=final.document if final else None,
    )
    study.status = transition.target
    study.accepted_at = timezone.now()
    study.result = result
    study.save()
    _record(
        "accept", str(transition.label), actor, study.topic, study=study, to_status=study.status
    )
    _advance_topic(study.topic, "conclude", actor)
    message = _("调研已验收：%(title)s") % {"title": study.topic.title}
    _tell([m.user_id for m in experts], "study_accepted", message, study)
    return result


# Advice ---------------------------------------------------------------------------


@transaction.atomic
def give_advice(*, actor: User, title: str, body: str, field, department) -> Advice:
    """An expert puts forward a topic or proposal; the department has working days to review it."""
    member = rules.expert_of(actor)
    _require(member is not None)
    now = timezone.now()
    advice = Advice.objects.create(
        author=member,
        title=title.strip(),
        body=body.strip(),
        field=field,
        department=department,
        submitted_at=now,
        review_due=working_days_after(now, ConsultationPolicy.current().advice_review_within_days),
    )
    _record("advise", _("提交献策"), actor, None, advice=advice, to_status=advice.status)
    message = _("专家献策待审核：%(title)s") % {"title": advice.title}
    _tell(_department_staff(department.pk), "advice_submitted", message, advice)
    logger.info("advice %s submitted by member %s", advice.pk, member.pk)
    return advice


@transaction.atomic
def take_in_advice(
    advice: Advice,
    *,
    actor: User,
    year: int | None = None,
    priority: str = Topic.Priority.NORMAL,
    is_public: bool = True,
) -> Topic:
    """Take an expert's advice into the topic list; the advice becomes a result too."""
    advice = Advice.objects.select_for_update().select_related("author__user").get(pk=advice.pk)
    _require(rules.can_review_advice(actor, advice))
    transition = ADVICE.transition_for("take_in", advice.status)
    topic = Topic.objects.create(
        topic_list=topic_list_for(year or timezone.localdate().year),
        title=advice.title,
        background=advice.body,
        field=advice.field,
        department=advice.department,
        priority=priority,
        is_public=is_public,
        created_by=actor,
    )
    _record("create", _("由专家献策纳入课题清单"), actor, topic, to_status=topic.status)
    results.submit_result(
        kind=Kind.ADVICE,
        title=advice.title,
        summary=advice.body,
        source=topic,
        contributors=[(advice.author.user, Contribution.Role.AUTHOR)],
        field=advice.field,
        actor=actor,
        is_public=is_public,
    )
    advice.status = transition.target
    advice.reviewed_at = timezone.now()
    advice.topic = topic
    advice.save()
    _record("take_in", str(transition.label), actor, topic, advice=advice, to_status=advice.status)
    message = _("您的献策已纳入课题清单：%(title)s") % {"title": advice.title}
    _tell([advice.author.user_id], "advice_taken_in", message, advice)
    return topic


@transaction.atomic
def decline_advice(advice: Advice, *, actor: User, reason: str) -> Advice:
    """Decline an expert's advice, with a reason the expert sees."""
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    _require(rules.can_review_advice(actor, advice))
    transition = ADVICE.transition_for("decline", advice.status)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写未采用的理由。")})
    advice.status = transition.target
    advice.reviewed_at = timezone.now()
    advice.decline_reason = reason.strip()
    advice.save()
    _record(
        "decline",
        str(transition.label),
        actor,
        None,
        advice=advice,
        to_status=advice.status,
        note=reason.strip(),
    )
    message = _("您的献策未予采用：%(title)s") % {"title": advice.title}
    _tell([advice.author.user_id], "advice_declined", message, advice)
    return advice
