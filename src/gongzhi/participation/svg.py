"""Geometry for the pictures drawn on the server as SVG: the opinion map and bar charts.

Templates only place shapes at the numbers computed here; nothing is drawn
by JavaScript and nothing needs an inline style, so the strict CSP holds.
"""

import math
from collections import Counter
from dataclasses import dataclass

SIZE = 320
PAD = 18
BINS = 48
GROUP_NAMES = "ABCDE"


@dataclass(frozen=True)
class Dot:
    cx: float
    cy: float
    r: float
    group: int
    count: int


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    name: str
    size: int
    group: int


@dataclass(frozen=True)
class MapPicture:
    size: int
    dots: list[Dot]
    labels: list[Label]
    me: tuple[float, float] | None


def _place(value: float) -> float:
    return round(PAD + (value + 1) / 2 * (SIZE - 2 * PAD), 1)


def opinion_picture(data: dict, me: int | None = None) -> MapPicture | None:
    """Participants as dots, binned so that two thousand people stay a light picture."""
    points = data.get("points") or []
    if not points:
        return None
    bins: Counter = Counter()
    sums: dict[int, list[float]] = {}
    mine = None
    for person, x, y, group in points:
        cell = (round((x + 1) / 2 * BINS), round((1 - (y + 1) / 2) * BINS), group)
        bins[cell] += 1
        total = sums.setdefault(group, [0.0, 0.0, 0])
        total[0] += x
        total[1] += y
        total[2] += 1
        if person == me:
            mine = (_place(x), _place(-y))
    step = (SIZE - 2 * PAD) / BINS
    dots = [
        Dot(
            round(PAD + bx * step, 1),
            round(PAD + by * step, 1),
            round(min(2.5 + math.sqrt(n) * 1.4, 12), 1),
            g,
            n,
        )
        for (bx, by, g), n in sorted(bins.items())
    ]
    # Labels sit above their group's centre, so they do not cover its dots.
    labels = [
        Label(_place(sx / n), max(_place(-sy / n) - 18, PAD), GROUP_NAMES[g], n, g)
        for g, (sx, sy, n) in sorted(sums.items())
    ]
    return MapPicture(SIZE, dots, labels, mine)


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    kind: str  # agree, disagree or pass


def split_bar(agree: int, disagree: int, seen: int, width: float = 100) -> list[Segment]:
    """A bar cut into agree / disagree / pass by their share of `seen` votes."""
    if not seen:
        return []
    shares = [("agree", agree), ("disagree", disagree), ("pass", seen - agree - disagree)]
    segments, x = [], 0.0
    for kind, count in shares:
        w = round(width * count / seen, 2)
        if w:
            segments.append(Segment(round(x, 2), w, kind))
        x += w
    return segments


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0
