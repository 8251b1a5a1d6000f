"""Grid service: on-site findings on needs, neighbour disputes, hand-offs to legal envoys.

Every action here is logged with the member as actor; those log entries are
the grid work that counts in the member's service record (see
`queries.grid_service`).
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from gongzhi.legal import actions as legal_actions
from gongzhi.legal.models import LegalCase, Mode, Workstation
from gongzhi.needs import actions as need_actions
from gongzhi.needs.actions import _intake_staff
from gongzhi.needs.models import Need
from gongzhi.notices.actions import notify_after_commit
from gongzhi.participation import rules
from gongzhi.participation.actions.common import locked, logger, move, record, require
from gongzhi.participation.models import Dispute, Event, Finding, FindingImage
from gongzhi.participation.workflow import DISPUTE
from gongzhi.people.models import User
from gongzhi.places.models import Place

# Marks the needs that stand in for a legal case where a community has no
# legal workstation yet; staff can search for it.
LEGAL_MARKER = "【移交法务特派员】"


@transaction.atomic
def add_finding(need: Need, *, actor: User, note: str, images: Iterable = ()) -> Finding:
    """A grid member reports what they saw on site; the need's intake desk is told."""
    require(rules.can_add_finding(actor, need))
    if not note.strip():
        raise ValidationError({"note": _("请填写现场情况。")})
    finding = Finding.objects.create(need=need, author=actor, note=note.strip())
    for upload in images:
        FindingImage.objects.create(finding=finding, image=upload)
    record(need, Event.Action.FINDING, actor, finding=finding.pk)
    message = _("网格委员提交了现场核实：%(title)s") % {"title": need.title}
    notify_after_commit(
        _intake_staff(need), "finding_added", message, reverse("needs:need_detail", args=[need.pk])
    )
    logger.info("finding %s on need %s by user %s", finding.pk, need.pk, actor.pk)
    return finding


@transaction.atomic
def report_dispute(
    *, actor: User, grid: Place, title: str, summary: str, parties: str = ""
) -> Dispute:
    """A grid member writes down a neighbour dispute they are helping with."""
    require(rules.serves_grid(actor, grid))
    if not title.strip() or not summary.strip():
        raise ValidationError({"summary": _("请填写纠纷和经过。")})
    dispute = Dispute.objects.create(
        grid=grid,
        reported_by=actor,
        title=title.strip(),
        summary=summary.strip(),
        parties=parties.strip(),
    )
    record(dispute, Event.Action.DISPUTE, actor)
    return dispute


@transaction.atomic
def help_with(dispute: Dispute, *, actor: User, note: str) -> Event:
    """Log one round of talking the neighbours round."""
    dispute = locked(dispute)
    require(rules.can_handle_dispute(actor, dispute))
    if dispute.status != Dispute.Status.OPEN:
        raise ValidationError({"note": _("该纠纷已结束调处。")})
    if not note.strip():
        raise ValidationError({"note": _("请填写调处情况。")})
    return record(dispute, Event.Action.HELP, actor, note=note.strip())


@transaction.atomic
def resolve(dispute: Dispute, *, actor: User, outcome: str) -> Dispute:
    if not outcome.strip():
        raise ValidationError({"outcome": _("请填写调处结果。")})

    def change(d: Dispute) -> None:
        d.outcome = outcome.strip()

    return move(
        dispute,
        DISPUTE,
        "resolve",
        actor,
        rules.can_handle_dispute,
        action=Event.Action.RESOLVE,
        note=outcome.strip(),
        change=change,
    )


@transaction.atomic
def hand_to_legal(dispute: Dispute, *, actor: User, note: str, parties: str = "") -> Dispute:
    """Hand a dispute that needs a legal envoy to the community's legal workstation.

    The member files a mediation request there on the neighbours' behalf; a
    community without a workstation gets a private request need, marked with
    LEGAL_MARKER, that its intake desk routes on.
    """
    if not note.strip():
        raise ValidationError({"note": _("请说明需要法务特派员做什么。")})
    parties = (parties or dispute.parties).strip()
    if not parties:
        raise ValidationError({"parties": _("请填写纠纷当事人。")})
    body = _("%(summary)s\n\n网格委员说明：%(note)s") % {
        "summary": dispute.summary,
        "note": note.strip(),
    }
    station = Workstation.objects.filter(community=dispute.grid.community()).first()
    case = need = None
    if station is not None:
        case = legal_actions.submit_request(
            actor,
            kind=LegalCase.Kind.MEDIATION,
            station=station,
            mode=Mode.AT_STATION,
            body=body,
            parties=parties,
            dispute_kind=LegalCase.DisputeKind.NEIGHBOUR,
        )
    else:
        need = need_actions.submit(
            actor,
            title=f"{LEGAL_MARKER}{dispute.title}"[:200],
            body=body,
            kind=Need.Kind.REQUEST,
            place=dispute.grid,
            is_public=False,
        )

    def change(d: Dispute) -> None:
        d.parties = parties
        d.legal_case = case
        d.legal_need = need

    return move(
        dispute,
        DISPUTE,
        "hand_off",
        actor,
        rules.can_handle_dispute,
        action=Event.Action.HAND_OFF,
        note=note.strip(),
        change=change,
        case=case.pk if case else None,
        need=need.pk if need else None,
    )
