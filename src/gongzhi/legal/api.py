"""JSON endpoints for legal services. They share the pages' queries, rules and actions.

Cases are listed only from `queries.visible_cases`, so the API shows a case
to its requester, its envoy and the station lead, and to nobody else.
Workstations, events and figures are public.
"""

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import django_auth

from gongzhi.core.privacy import redact
from gongzhi.legal import figures, queries
from gongzhi.legal.event_models import OutreachEvent
from gongzhi.legal.models import LegalCase, Workstation

router = Router(tags=["legal"])


class CaseOut(Schema):
    id: int
    kind: str
    mode: str
    status: str
    category: str
    station: str
    community: str
    envoy: str | None
    body: str
    answer: str
    outcome: str
    submitted_at: dt.datetime

    @staticmethod
    def build(case: LegalCase) -> "CaseOut":
        return CaseOut(
            id=case.pk,
            kind=case.kind,
            mode=case.mode,
            status=case.status,
            category=case.category,
            station=case.station.name,
            community=case.station.community.name,
            envoy=case.envoy.user.public_name if case.envoy_id else None,
            body=redact(case.body),
            answer=redact(case.answer),
            outcome=case.outcome,
            submitted_at=case.submitted_at,
        )


class StationOut(Schema):
    id: int
    name: str
    community: str
    address: str
    hours: str
    phone: str

    @staticmethod
    def build(station: Workstation) -> "StationOut":
        return StationOut(
            id=station.pk,
            name=station.name,
            community=station.community.name,
            address=station.address,
            hours=station.hours,
            phone=station.phone,
        )


class EventOut(Schema):
    id: int
    topic: str
    community: str
    form: str
    venue: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str
    attendance: int | None


class Counted(Schema):
    label: str
    count: int


class FiguresOut(Schema):
    services: int
    events: int
    attendance: int
    by_kind: list[Counted]
    by_mode: list[Counted]
    by_category: list[Counted]
    by_community: list[Counted]
    by_month: list[Counted]


@router.get("/cases/", response=list[CaseOut], auth=django_auth)
@paginate(PageNumberPagination, page_size=20)
def list_cases(request: HttpRequest, q: str = ""):
    """The caller's cases: their own requests, and those they handle or supervise."""
    cases = queries.search_cases(request.user, q) if q else queries.visible_cases(request.user)
    return [CaseOut.build(case) for case in cases]


@router.get("/cases/{case_id}", response=CaseOut, auth=django_auth)
def get_case(request: HttpRequest, case_id: int):
    return CaseOut.build(get_object_or_404(queries.visible_cases(request.user), pk=case_id))


@router.get("/stations/", response=list[StationOut])
def list_stations(request: HttpRequest):
    return [StationOut.build(station) for station in queries.workstations()]


@router.get("/events/", response=list[EventOut])
@paginate(PageNumberPagination, page_size=20)
def list_events(request: HttpRequest, upcoming: bool = False):
    events = OutreachEvent.objects.select_related("community")
    if upcoming:
        events = queries.upcoming_events(timezone.now())
    return [
        EventOut(
            id=e.pk,
            topic=e.topic,
            community=e.community.name,
            form=e.form,
            venue=e.venue,
            starts_at=e.starts_at,
            ends_at=e.ends_at,
            status=e.status,
            attendance=e.attendance,
        )
        for e in events
    ]


@router.get("/figures", response=FiguresOut)
def get_figures(request: HttpRequest):
    """Counts only: nothing in them names or describes a requester."""
    home = figures.home_figures()

    def rows(found):
        return [Counted(label=r.label, count=r.count) for r in found]

    return FiguresOut(
        services=home.services,
        events=home.events,
        attendance=home.attendance,
        by_kind=rows(figures.by_kind()),
        by_mode=rows(figures.by_mode()),
        by_category=rows(figures.by_category()),
        by_community=rows(figures.by_community()),
        by_month=rows(figures.by_month()),
    )
