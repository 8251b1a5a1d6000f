"""Legal cases restricted to what a user may see. Every list, search and export starts here.

Figures are the one exception, on purpose: they count every case, but only
by envoy, community, category, mode and month (`figures.py`), never reading
the requester or the text.
"""

from django.db.models import Count, Q, QuerySet

from gongzhi.core.search import search
from gongzhi.legal.event_models import OutreachEvent
from gongzhi.legal.models import OPEN, LegalCase, Workstation
from gongzhi.legal.rules import envoy_of
from gongzhi.people.models import Body, Member, User


def _base() -> QuerySet[LegalCase]:
    return LegalCase.objects.select_related(
        "station__community", "station__lead", "envoy__user", "requester"
    )


def visible_cases(user: User) -> QuerySet[LegalCase]:
    """The requester's own cases, the envoy's cases, and the cases of the station they lead."""
    if not user.is_authenticated:
        return LegalCase.objects.none()
    scope = Q(requester=user)
    member = envoy_of(user)
    if member is not None:
        scope |= Q(envoy=member) | Q(station__lead=member)
    return _base().filter(scope)


def my_requests(user: User) -> QuerySet[LegalCase]:
    if not user.is_authenticated:
        return LegalCase.objects.none()
    return _base().filter(requester=user)


def envoy_workbench(user: User) -> QuerySet[LegalCase]:
    """The cases an envoy handles or supervises; empty for everyone else."""
    member = envoy_of(user)
    if member is None:
        return LegalCase.objects.none()
    return _base().filter(Q(envoy=member) | Q(station__lead=member))


def search_cases(user: User, text: str) -> QuerySet[LegalCase]:
    """Chinese full-text search, only ever inside the cases this user may see."""
    return search(visible_cases(user), text)


def workstations() -> QuerySet[Workstation]:
    return Workstation.objects.select_related("community", "lead__user").order_by("community__path")


def station_envoys(station: Workstation) -> QuerySet[Member]:
    """Active envoys posted to a station."""
    return (
        Member.objects.active()
        .filter(body=Body.ENVOY, postings__station=station)
        .select_related("user")
        .distinct()
    )


def with_open_load(envoys: QuerySet[Member]) -> QuerySet[Member]:
    """Envoys annotated with `open_cases`: how many cases wait on each now."""
    return envoys.annotate(
        open_cases=Count("legal_cases", filter=Q(legal_cases__status__in=OPEN), distinct=True)
    )


def upcoming_events(now) -> QuerySet[OutreachEvent]:
    return (
        OutreachEvent.objects.filter(ends_at__gte=now)
        .exclude(status="cancelled")
        .select_related("community")
        .order_by("starts_at")
    )
