"""Figures of legal services: counts by envoy, community, category, mode and month.

They count every case, confidential or not, and read nothing but the
dimension counted: never the requester, the text, or an address. A cell is
a number of cases, so nobody learns from a figure who asked what.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from gongzhi.core.calendar import SHANGHAI
from gongzhi.legal.categories import LegalCategory
from gongzhi.legal.event_models import EventStatus, OutreachEvent
from gongzhi.legal.models import CaseStatus, LegalCase, Mode

# Withdrawn requests were never served; every other case counts as a service.
SERVED = ~Q(status=CaseStatus.WITHDRAWN)


@dataclass(frozen=True)
class Row:
    label: str
    count: int


@dataclass(frozen=True)
class HomeFigures:
    services: int
    events: int
    attendance: int


def home_figures() -> HomeFigures:
    """The two legal figures on the portal home: services given and events held."""
    services = LegalCase.objects.filter(SERVED).count()
    held = OutreachEvent.objects.filter(status=EventStatus.HELD).aggregate(
        events=Count("id"), attendance=Sum("attendance")
    )
    return HomeFigures(services, held["events"], held["attendance"] or 0)


def _served():
    return LegalCase.objects.filter(SERVED)


def by_envoy() -> list[Row]:
    rows = (
        _served()
        .filter(envoy__isnull=False)
        .values("envoy__user__display_name", "envoy__user__username")
        .annotate(n=Count("id"))
        .order_by("-n", "envoy__user__username")
    )
    return [Row(r["envoy__user__display_name"] or r["envoy__user__username"], r["n"]) for r in rows]


def by_community() -> list[Row]:
    rows = _served().values("station__community__name").annotate(n=Count("id")).order_by("-n")
    return [Row(r["station__community__name"], r["n"]) for r in rows]


def by_category() -> list[Row]:
    rows = _served().values("category").annotate(n=Count("id")).order_by("-n")
    labels = dict(LegalCategory.choices)
    return [Row(str(labels.get(r["category"], _("未分类"))), r["n"]) for r in rows]


def by_mode() -> list[Row]:
    counts = dict(_served().values_list("mode").annotate(n=Count("id")))
    return [Row(str(label), counts.get(value, 0)) for value, label in Mode.choices]


def by_kind() -> list[Row]:
    counts = dict(_served().values_list("kind").annotate(n=Count("id")))
    return [Row(str(label), counts.get(value, 0)) for value, label in LegalCase.Kind.choices]


def by_month() -> list[Row]:
    rows = (
        _served()
        .annotate(month=TruncMonth("submitted_at", tzinfo=SHANGHAI))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return [Row(f"{r['month']:%Y-%m}", r["n"]) for r in rows]


def events_by_community() -> list[tuple[str, int, int]]:
    """Held events per community: (community, events, attendance)."""
    rows = (
        OutreachEvent.objects.filter(status=EventStatus.HELD)
        .values("community__name")
        .annotate(n=Count("id"), people=Sum("attendance"))
        .order_by("-n")
    )
    return [(r["community__name"], r["n"], r["people"] or 0) for r in rows]


def events_by_form() -> list[tuple[str, int, int]]:
    rows = dict(
        (r["form"], (r["n"], r["people"] or 0))
        for r in OutreachEvent.objects.filter(status=EventStatus.HELD)
        .values("form")
        .annotate(n=Count("id"), people=Sum("attendance"))
    )
    return [(str(label), *rows.get(value, (0, 0))) for value, label in OutreachEvent.Form.choices]
