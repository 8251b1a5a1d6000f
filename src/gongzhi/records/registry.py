"""Member service records (履职档案) as a query layer over what members did elsewhere.

Nothing is copied into a table of its own: each module registers a
collector that, given members and a year, yields `Activity` rows from its
own models. A later module (deliberations, legal services) adds its kinds
in its `AppConfig.ready()`:

    from gongzhi.records.registry import Activity, register

    def deliberations(member_ids, year):
        for row in ...:
            yield Activity(row.member_id, "deliberation", row.title, row.at, row.get_absolute_url())

    register("deliberation", _("参加协商议事"), deliberations)

A kind whose pages not every reader of a record may open passes
`openable(viewer, activities)`, which returns the `ref`s of those the viewer
may open; the others are listed without a link instead of leading to a 404.
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Activity:
    """One thing a member did in their role, with a link to where it happened."""

    member_id: int
    kind: str
    title: str
    at: dt.datetime
    url: str = ""
    # The primary key of the linked object, for kinds that check who may open it.
    ref: int | None = None


Collector = Callable[[list[int], int | None], Iterable[Activity]]
Openable = Callable[[object, list[Activity]], set[int]]


@dataclass(frozen=True)
class Source:
    kind: str
    label: str
    collect: Collector
    openable: Openable | None = None


SOURCES: dict[str, Source] = {}


def register(kind: str, label: str, collect: Collector, openable: Openable | None = None) -> None:
    """Add a kind of service activity; registering a kind again replaces it."""
    SOURCES[kind] = Source(kind, label, collect, openable)


def linked_for(viewer, found: list[Activity]) -> list[Activity]:
    """`found` as `viewer` may follow it: links to pages they could not open are dropped."""
    by_kind: dict[str, list[Activity]] = defaultdict(list)
    for activity in found:
        by_kind[activity.kind].append(activity)
    allowed = {
        kind: SOURCES[kind].openable(viewer, rows)
        for kind, rows in by_kind.items()
        if kind in SOURCES and SOURCES[kind].openable
    }
    return [
        replace(a, url="") if a.kind in allowed and a.ref not in allowed[a.kind] else a
        for a in found
    ]


def activities(member_ids: list[int], year: int | None = None) -> list[Activity]:
    """Every registered activity of these members in `year` (all years if None), newest first."""
    found = [a for source in SOURCES.values() for a in source.collect(member_ids, year)]
    return sorted(found, key=lambda a: a.at, reverse=True)


def tallies(member_ids: list[int], year: int | None = None) -> dict[int, Counter]:
    """Per member, how many activities of each kind."""
    counts: dict[int, Counter] = {pk: Counter() for pk in member_ids}
    for activity in activities(member_ids, year):
        counts[activity.member_id][activity.kind] += 1
    return counts
