"""Who may do what in legal services: small named predicates, one rule per action.

A case is confidential. Exactly three people see it:

* the requester who filed it;
* the assigned envoy (the one it is offered to, then the one handling it);
* the supervisor: the lead envoy (站长) of the workstation it was filed with.
  The lead envoy knows the station's envoys and their load, and is a lawyer
  bound by professional secrecy; district and community staff are not, so
  they see only figures, never a case.
"""

from django.utils import timezone

from gongzhi.legal.event_models import EventStatus, OutreachEvent
from gongzhi.legal.models import (
    OPEN,
    Appointment,
    CaseStatus,
    LegalCase,
    Workstation,
)
from gongzhi.needs.rules import is_district_admin
from gongzhi.people.models import Body, Member, Staff, User
from gongzhi.places.models import Place


def envoy_of(user: User) -> Member | None:
    """The user's active envoy membership, if they are a legal envoy."""
    if not user.is_authenticated:
        return None
    cached = getattr(user, "_legal_envoy", False)
    if cached is False:
        cached = Member.objects.active().filter(user=user, body=Body.ENVOY).first()
        user._legal_envoy = cached
    return cached


def is_envoy(user: User) -> bool:
    return envoy_of(user) is not None


def is_requester(user: User, case: LegalCase) -> bool:
    return user.is_authenticated and case.requester_id == user.pk


def is_assigned_envoy(user: User, case: LegalCase) -> bool:
    member = envoy_of(user)
    return bool(member and case.envoy_id == member.pk)


def is_supervisor(user: User, case: LegalCase) -> bool:
    return is_station_lead(user, case.station)


def is_station_lead(user: User, station: Workstation) -> bool:
    member = envoy_of(user)
    return bool(member and station.lead_id == member.pk)


def can_view_case(user: User, case: LegalCase) -> bool:
    return is_requester(user, case) or is_assigned_envoy(user, case) or is_supervisor(user, case)


def can_see_internal_notes(user: User, case: LegalCase) -> bool:
    return is_assigned_envoy(user, case) or is_supervisor(user, case)


def can_accept(user: User, case: LegalCase) -> bool:
    return is_assigned_envoy(user, case)


def can_pass_on(user: User, case: LegalCase) -> bool:
    return is_assigned_envoy(user, case)


def can_reassign(user: User, case: LegalCase) -> bool:
    return is_supervisor(user, case)


def can_handle(user: User, case: LegalCase) -> bool:
    """Answer, record sessions and outcomes, upload documents: the envoy who accepted the case."""
    return is_assigned_envoy(user, case) and case.status != CaseStatus.SUBMITTED


def can_write_note(user: User, case: LegalCase) -> bool:
    return can_view_case(user, case) and case.status not in (CaseStatus.WITHDRAWN,)


def can_withdraw(user: User, case: LegalCase) -> bool:
    return is_requester(user, case)


def can_consent(user: User, case: LegalCase) -> bool:
    return is_requester(user, case) and case.kind == LegalCase.Kind.CONSULTATION


def can_follow_up(user: User, case: LegalCase) -> bool:
    return is_assigned_envoy(user, case) or is_supervisor(user, case)


def can_book(user: User, case: LegalCase) -> bool:
    """Book a meeting: the requester or the envoy, for an open case served in person."""
    allowed = is_requester(user, case) or is_assigned_envoy(user, case)
    return allowed and case.is_offline and case.status in OPEN


def can_cancel_appointment(user: User, appointment: Appointment) -> bool:
    case = appointment.case
    allowed = is_requester(user, case) or is_assigned_envoy(user, case)
    return (
        allowed
        and case.is_open
        and appointment.is_booked
        and appointment.starts_at > timezone.now()
    )


def can_mark_attendance(user: User, appointment: Appointment) -> bool:
    """Attended or no-show: the envoy, once the meeting's time has come."""
    return (
        is_assigned_envoy(user, appointment.case)
        and appointment.is_booked
        and appointment.starts_at <= timezone.now()
    )


def can_manage_station(user: User, station: Workstation) -> bool:
    return is_district_admin(user) or is_station_lead(user, station)


# Events ----------------------------------------------------------------------


def _community_staff_of(user: User, community: Place) -> bool:
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return bool(staff and staff.kind == Staff.Kind.COMMUNITY and staff.community_id == community.pk)


def _serves_community(user: User, community: Place) -> bool:
    member = envoy_of(user)
    return bool(member and member.postings.filter(station__community=community).exists())


def can_plan_event(user: User, community: Place) -> bool:
    """The district office, the community's staff, and envoys posted to its station."""
    return (
        is_district_admin(user)
        or _community_staff_of(user, community)
        or _serves_community(user, community)
    )


def can_manage_event(user: User, event: OutreachEvent) -> bool:
    member = envoy_of(user)
    return (
        can_plan_event(user, event.community)
        or event.created_by_id == user.pk
        or bool(member and event.organisers.filter(pk=member.pk).exists())
    )


def can_register(user: User, event: OutreachEvent) -> bool:
    return (
        user.is_authenticated
        and event.status == EventStatus.PLANNED
        and event.starts_at > timezone.now()
    )


def can_see_figures_by_envoy(user: User) -> bool:
    """Service counts per named envoy: staff and envoys, not the general public."""
    return is_district_admin(user) or is_envoy(user) or getattr(user, "staff", None) is not None
