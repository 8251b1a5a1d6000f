"""Every change to a legal case, as one named action.

Each action checks permission, changes the case inside a transaction while
holding its row lock, writes a timeline entry, and notifies only after the
transaction commits. Notifications and log lines name a case by its number,
never by what the requester wrote: the case is confidential.
Appointments are in `booking.py`, events in `outreach.py`.
"""

import datetime as dt
import logging
from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.privacy import redact
from gongzhi.legal import rules
from gongzhi.legal.categories import LegalCategory, suggest_categories
from gongzhi.legal.models import (
    OFFLINE,
    Appointment,
    AppointmentStatus,
    CaseDocument,
    CaseEntry,
    CaseNote,
    LegalCase,
    MediationSession,
    Mode,
    Outcome,
    Workstation,
)
from gongzhi.legal.suggest import rank_envoys
from gongzhi.legal.workflow import CASE_WORKFLOW
from gongzhi.notices.actions import notify_after_commit
from gongzhi.people.models import Body, Member, User

logger = logging.getLogger(__name__)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _locked(case: LegalCase) -> LegalCase:
    # Lock only the case's row: the envoy is joined with an outer join (it is
    # optional), and PostgreSQL refuses FOR UPDATE on the nullable side of one.
    return (
        LegalCase.objects.select_for_update(of=("self",))
        .select_related("station__community", "station__lead__user", "envoy__user")
        .get(pk=case.pk)
    )


def record(
    case: LegalCase, action: str, actor: User | None, from_status: str = "", note: str = "", **data
) -> None:
    """Write one timeline entry for `case`; every action in this app calls it."""
    CaseEntry.objects.create(
        case=case,
        action=action,
        actor=actor,
        from_status=from_status,
        to_status=case.status,
        note=note,
        data=data,
    )


def people_of(case: LegalCase) -> list[int]:
    """The three people a case concerns: requester, assigned envoy, station lead."""
    ids = [case.requester_id]
    if case.envoy_id:
        ids.append(case.envoy.user_id)
    if case.station.lead_id:
        ids.append(case.station.lead.user_id)
    return ids


def tell(
    recipients: list[int], kind: str, message: str, case: LegalCase, actor: User | None = None
) -> None:
    """Notify after commit, leaving out the person who acted."""
    skip = actor.pk if actor is not None else None
    notify_after_commit(
        [pk for pk in recipients if pk != skip],
        kind,
        message % {"number": case.pk, "kind": case.get_kind_display()},
        case.get_absolute_url(),
    )


def _move(
    case: LegalCase,
    name: str,
    actor: User,
    allowed: Callable[[User, LegalCase], bool],
    note: str = "",
    change: Callable[[LegalCase], None] | None = None,
    **data,
) -> LegalCase:
    """Run one transition on a locked copy of `case`; the caller holds the transaction."""
    case = _locked(case)
    _require(allowed(actor, case))
    transition = CASE_WORKFLOW.transition_for(name, case.status)
    from_status = case.status
    if change:
        change(case)
    case.status = transition.target
    case.save()
    record(case, name, actor, from_status, note, **data)
    logger.info("legal case %s: %s by user %s", case.pk, name, actor.pk)
    return case


def _check_request(kind: str, mode: str, body: str, address: str, parties: str) -> None:
    errors = {}
    if kind not in LegalCase.Kind.values:
        errors["kind"] = _("请选择咨询或调解。")
    if mode not in Mode.values:
        errors["mode"] = _("请选择服务方式。")
    if len(body.strip()) < 5:
        errors["body"] = _("请写清楚您的问题或事情经过。")
    if mode == Mode.HOME_VISIT and not address.strip():
        errors["address"] = _("上门服务请填写地址。")
    if kind == LegalCase.Kind.MEDIATION and not parties.strip():
        errors["parties"] = _("调解请填写对方当事人。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def submit_request(
    requester: User,
    *,
    kind: str,
    station: Workstation,
    mode: str,
    body: str,
    address: str = "",
    parties: str = "",
    dispute_kind: str = "",
    amount: Decimal | None = None,
    requester_type: str = LegalCase.RequesterType.RESIDENT,
    business_name: str = "",
) -> LegalCase:
    """A resident or business asks for help; the category is guessed and an envoy is offered it."""
    _require(requester.is_authenticated)
    _check_request(kind, mode, body, address, parties)
    guesses = suggest_categories(body)
    case = LegalCase.objects.create(
        requester=requester,
        kind=kind,
        station=station,
        mode=mode,
        body=body.strip(),
        address=address.strip() if mode == Mode.HOME_VISIT else "",
        parties=parties.strip(),
        dispute_kind=dispute_kind,
        amount=amount,
        requester_type=requester_type,
        business_name=business_name.strip(),
        category=guesses[0].category if guesses else "",
        suggested_categories=[[g.category, round(g.probability, 4)] for g in guesses],
    )
    record(case, "submit", requester)
    _offer(case)
    logger.info("legal case %s submitted", case.pk)
    return case


def _offer(case: LegalCase, exclude: set[int] = frozenset()) -> None:
    """Offer the case to the best-ranked envoy; without one, the station lead must assign it.

    The platform does the matching, so the timeline names no person for it.
    """
    ranked = rank_envoys(
        case.station, case.category, in_person=case.mode in OFFLINE, exclude=exclude
    )
    if not ranked:
        case.envoy = None
        case.save(update_fields=["envoy", "updated_at"])
        record(case, "offer", None, note=_("暂无合适的特派员，等待站长指派。"))
        if case.station.lead_id:
            tell(
                [case.station.lead.user_id],
                "legal_unassigned",
                _("%(kind)s #%(number)s 暂无特派员，请指派。"),
                case,
            )
        return
    best = ranked[0]
    case.envoy = best.envoy
    case.save(update_fields=["envoy", "updated_at"])
    record(case, "offer", None, note="；".join(best.reasons), envoy=best.envoy.pk)
    tell([best.envoy.user_id], "legal_offered", _("新的%(kind)s #%(number)s 待您接单。"), case)


@transaction.atomic
def accept(case: LegalCase, *, actor: User) -> LegalCase:
    """The offered envoy takes the case on."""

    def change(c: LegalCase) -> None:
        c.accepted_at = timezone.now()

    case = _move(case, "accept", actor, rules.can_accept, change=change)
    tell(
        people_of(case),
        "legal_accepted",
        _("您的%(kind)s #%(number)s 已有特派员接单。"),
        case,
        actor,
    )
    return case


def _cancel_booking_on_change(case: LegalCase, actor: User, reason: str = "") -> int:
    """Give back booked slots when the case moves to another envoy or ends; returns how many.

    A booking belongs to the envoy's duty, so the requester books anew.
    """
    cancelled = 0
    for appointment in case.appointments.filter(status=AppointmentStatus.BOOKED):
        appointment.status = AppointmentStatus.CANCELLED
        appointment.cancelled_at = timezone.now()
        appointment.cancel_reason = reason or _("承办特派员变更")
        appointment.save()
        record(case, "cancel", actor, note=appointment.cancel_reason, appointment=appointment.pk)
        cancelled += 1
    return cancelled


def _hand_over(
    case: LegalCase, name: str, actor: User, allowed, to: Member | None, reason: str
) -> LegalCase:
    if not reason.strip():
        raise ValidationError({"reason": _("请填写转交理由。")})
    if to is not None and (
        to.body != Body.ENVOY or not Member.objects.active().filter(pk=to.pk).exists()
    ):
        raise ValidationError({"to": _("请选择在任的法务特派员。")})
    previous = case.envoy_id
    cancelled = []

    def change(c: LegalCase) -> None:
        cancelled.append(_cancel_booking_on_change(c, actor))

    case = _move(case, name, actor, allowed, note=reason.strip(), change=change, previous=previous)
    if to is None:
        _offer(case, exclude={previous} if previous else set())
    else:
        case.envoy = to
        case.save(update_fields=["envoy", "updated_at"])
        record(case, "offer", actor, envoy=to.pk)
        tell([to.user_id], "legal_offered", _("新的%(kind)s #%(number)s 待您接单。"), case)
    moved = _("您的%(kind)s #%(number)s 已转给另一位特派员。")
    if any(cancelled):
        # The resident would otherwise find out at the door.
        moved = _("您的%(kind)s #%(number)s 已转给另一位特派员，原预约已取消，请重新预约。")
    tell([case.requester_id], "legal_moved", moved, case)
    return case


@transaction.atomic
def pass_on(case: LegalCase, *, actor: User, reason: str, to: Member | None = None) -> LegalCase:
    """The offered envoy cannot take it: pass it to `to`, or to the next best envoy."""
    return _hand_over(case, "pass_on", actor, rules.can_pass_on, to, reason)


@transaction.atomic
def reassign(case: LegalCase, *, actor: User, to: Member, reason: str) -> LegalCase:
    """The station lead gives the case to another envoy, who must accept it again."""
    return _hand_over(case, "reassign", actor, rules.can_reassign, to, reason)


@transaction.atomic
def categorise(case: LegalCase, *, actor: User, category: str) -> LegalCase:
    """The envoy confirms or corrects the legal category the classifier suggested."""
    if category not in LegalCategory.values:
        raise ValidationError({"category": _("请选择法律类别。")})
    case = _locked(case)
    _require(rules.is_assigned_envoy(actor, case) or rules.is_supervisor(actor, case))
    previous = case.category
    case.category = category
    case.save(update_fields=["category", "updated_at"])
    record(case, "categorise", actor, case.status, category=category, previous=previous)
    return case


@transaction.atomic
def answer(case: LegalCase, *, actor: User, body: str) -> LegalCase:
    """The envoy answers a consultation in writing; the requester reads it in the case."""
    if not body.strip():
        raise ValidationError({"body": _("请填写答复内容。")})

    def change(c: LegalCase) -> None:
        c.answer = body.strip()
        c.answered_at = timezone.now()

    case = _move(case, "answer", actor, rules.can_handle, change=change)
    tell([case.requester_id], "legal_answered", _("您的%(kind)s #%(number)s 已答复。"), case)
    _publish_faq(case)
    return case


@transaction.atomic
def close(case: LegalCase, *, actor: User, follow_up_on: dt.date | None = None) -> LegalCase:
    """Finish an answered consultation."""

    def change(c: LegalCase) -> None:
        c.outcome = Outcome.ANSWERED
        c.closed_at = timezone.now()
        c.follow_up_on = follow_up_on
        _cancel_booking_on_change(c, actor, _("案件已办结"))

    case = _move(case, "close", actor, rules.can_handle, change=change)
    tell([case.requester_id], "legal_closed", _("您的%(kind)s #%(number)s 已办结。"), case)
    return case


@transaction.atomic
def conclude(
    case: LegalCase,
    *,
    actor: User,
    outcome: str,
    note: str = "",
    agreement: str = "",
    follow_up_on: dt.date | None = None,
) -> LegalCase:
    """Record how a mediation (or a referred consultation) ended; an agreement becomes a result."""
    if outcome not in Outcome.values or outcome == Outcome.ANSWERED:
        raise ValidationError({"outcome": _("请选择办理结果。")})
    if outcome == Outcome.AGREEMENT and not agreement.strip():
        raise ValidationError({"agreement": _("请填写调解协议的主要内容。")})

    def change(c: LegalCase) -> None:
        c.outcome = outcome
        c.outcome_note = note.strip()
        c.agreement = agreement.strip() if outcome == Outcome.AGREEMENT else ""
        c.follow_up_on = follow_up_on
        c.closed_at = timezone.now()
        _cancel_booking_on_change(c, actor, _("案件已办结"))

    case = _move(
        case, "conclude", actor, rules.can_handle, note=note.strip(), change=change, outcome=outcome
    )
    if outcome == Outcome.AGREEMENT and case.kind == LegalCase.Kind.MEDIATION:
        _submit_agreement(case, actor)
    tell([case.requester_id], "legal_closed", _("您的%(kind)s #%(number)s 已办结。"), case)
    return case


def _submit_agreement(case: LegalCase, actor: User) -> None:
    """Put the agreement into the results database, without anything that names the parties."""
    from gongzhi.places.models import Field
    from gongzhi.results import actions as results
    from gongzhi.results.models import Contribution, Kind

    dispute = case.get_dispute_kind_display() or _("矛盾纠纷")
    community = case.station.community.name
    result = results.submit_result(
        kind=Kind.MEDIATION,
        title=_("%(community)s成功调解一起%(dispute)s")
        % {"community": community, "dispute": dispute},
        summary=_(
            "%(community)s法务特派员工作站受理一起%(dispute)s，经调解双方达成协议，纠纷化解在基层。"
        )
        % {"community": community, "dispute": dispute},
        source=case,
        contributors=[(case.envoy.user, Contribution.Role.LEAD)],
        field=Field.objects.filter(code="public-safety-law").first(),
        actor=actor,
        is_public=True,
    )
    record(case, "result", actor, case.status, result=result.pk)


@transaction.atomic
def withdraw(case: LegalCase, *, actor: User, reason: str = "") -> LegalCase:
    """The requester no longer needs help; any booking is given back."""

    def change(c: LegalCase) -> None:
        c.closed_at = timezone.now()
        _cancel_booking_on_change(c, actor)

    case = _move(case, "withdraw", actor, rules.can_withdraw, note=reason.strip(), change=change)
    tell(
        people_of(case), "legal_withdrawn", _("%(kind)s #%(number)s 已由申请人撤回。"), case, actor
    )
    return case


@transaction.atomic
def add_note(case: LegalCase, *, actor: User, body: str, is_internal: bool = False) -> CaseNote:
    """A message in the case's written exchange, or an internal note for the envoys."""
    if not body.strip():
        raise ValidationError({"body": _("请填写内容。")})
    case = _locked(case)
    _require(rules.can_write_note(actor, case))
    if is_internal:
        _require(rules.can_see_internal_notes(actor, case))
    note = CaseNote.objects.create(
        case=case, author=actor, body=body.strip(), is_internal=is_internal
    )
    record(case, "note", actor, case.status, internal=is_internal)
    audience = people_of(case) if not is_internal else people_of(case)[1:]
    tell(audience, "legal_note", _("%(kind)s #%(number)s 有新留言。"), case, actor)
    return note


@transaction.atomic
def add_document(case: LegalCase, *, actor: User, title: str, file) -> CaseDocument:
    """Put a document into the case file: the requester's evidence or the envoy's papers."""
    if not title.strip() or file is None:
        raise ValidationError({"file": _("请填写名称并选择文件。")})
    case = _locked(case)
    _require(rules.can_handle(actor, case) or rules.is_requester(actor, case))
    document = CaseDocument.objects.create(
        case=case, title=title.strip(), file=file, uploaded_by=actor
    )
    record(case, "document", actor, case.status, document=document.pk)
    return document


@transaction.atomic
def record_session(
    case: LegalCase,
    *,
    actor: User,
    held_at: dt.datetime,
    venue: str,
    participants: str,
    summary: str,
) -> MediationSession:
    """The envoy writes down one sitting of a mediation."""
    if not (venue.strip() and participants.strip() and summary.strip()):
        raise ValidationError({"summary": _("请填写地点、参加人员和调解情况。")})
    case = _locked(case)
    _require(
        rules.can_handle(actor, case) and case.kind == LegalCase.Kind.MEDIATION and case.is_open
    )
    session = MediationSession.objects.create(
        case=case,
        held_at=held_at,
        venue=venue.strip(),
        participants=participants.strip(),
        summary=summary.strip(),
        recorded_by=actor,
    )
    record(case, "session", actor, case.status, session=session.pk)
    tell([case.requester_id], "legal_session", _("%(kind)s #%(number)s 已记录一次调解。"), case)
    return session


@transaction.atomic
def give_consent(case: LegalCase, *, actor: User) -> LegalCase:
    """The requester agrees that the answered question be published, anonymised, as an FAQ."""
    case = _locked(case)
    _require(rules.can_consent(actor, case))
    if case.publish_consent:
        return case
    case.publish_consent = True
    case.save(update_fields=["publish_consent", "updated_at"])
    record(case, "consent", actor, case.status)
    _publish_faq(case)
    return case


def _publish_faq(case: LegalCase) -> None:
    """Once a consultation is both answered and consented to, its envoy publishes it as an FAQ.

    Only the question and the answer leave the case, with personal numbers
    masked and the requester's own names replaced; who asked, where and when
    stay in the confidential file.
    """
    from gongzhi.library import actions as library
    from gongzhi.library.models import Item

    ready = case.kind == LegalCase.Kind.CONSULTATION and case.publish_consent and case.answer
    if not ready or case.faq_item_id or case.envoy_id is None:
        return
    question, answer = anonymise(case.body, case.requester), anonymise(case.answer, case.requester)
    item = library.publish(
        actor=case.envoy.user,
        kind=Item.Kind.FAQ,
        title=_("常见问题：%(question)s") % {"question": question[:40]},
        body=_("问：%(question)s\n\n答：%(answer)s") % {"question": question, "answer": answer},
    )
    case.faq_item = item
    case.save(update_fields=["faq_item", "updated_at"])
    record(case, "faq", case.envoy.user, case.status, item=item.pk)


def anonymise(text: str, requester: User) -> str:
    """`text` with personal numbers masked and the requester's names replaced by 当事人."""
    text = redact(text)
    for name in {requester.display_name, requester.username, requester.get_full_name()}:
        if name and len(name) >= 2:
            text = text.replace(name, "当事人")
    return text


@transaction.atomic
def record_follow_up(case: LegalCase, *, actor: User, note: str) -> LegalCase:
    """The envoy or the lead calls the requester back after the case ended."""
    if not note.strip():
        raise ValidationError({"note": _("请填写回访情况。")})
    case = _locked(case)
    _require(rules.can_follow_up(actor, case) and case.closed_at is not None)
    case.followed_up_at = timezone.now()
    case.save(update_fields=["followed_up_at", "updated_at"])
    record(case, "follow_up", actor, case.status, note=note.strip())
    return case


def appointment_of(case: LegalCase) -> Appointment | None:
    """The case's booked appointment, if any."""
    return case.appointments.filter(status=AppointmentStatus.BOOKED).first()
