"""The make-up of a body's active roster, so gaps in who is represented show."""

from collections import Counter
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.people.models import Member
from gongzhi.places.models import Field, Place

AGE_BANDS = [
    (0, 35, _("35岁以下")),
    (35, 50, _("35-49岁")),
    (50, 65, _("50-64岁")),
    (65, 200, _("65岁及以上")),
]


@dataclass(frozen=True)
class Breakdown:
    title: str
    rows: list[tuple[str, int]]  # (label, count), a zero count is a gap

    @property
    def largest(self) -> int:
        return max((count for _label, count in self.rows), default=0) or 1


def _age_band(birth_year: int | None, year: int) -> str:
    if not birth_year:
        return str(_("未填"))
    age = year - birth_year
    return next(str(label) for low, high, label in AGE_BANDS if low <= age < high)


def make_up(body: str) -> list[Breakdown]:
    """Active members of `body` by age band, sector, field and subdistrict."""
    members = list(
        Member.objects.active()
        .filter(body=body)
        .select_related("community")
        .prefetch_related("fields")
    )
    year = timezone.localdate().year
    ages = Counter(_age_band(m.birth_year, year) for m in members)
    sectors = Counter(m.get_sector_display() for m in members if m.sector)
    fields = Counter(f.name for m in members for f in m.fields.all())
    subdistrict_of = _subdistricts()
    places = Counter(
        subdistrict_of.get(m.community.path.split("/")[2], "") if m.community else ""
        for m in members
    )
    return [
        Breakdown(str(_("年龄")), [(str(label), ages[str(label)]) for _l, _h, label in AGE_BANDS]),
        Breakdown(
            str(_("界别")),
            [(str(label), sectors[str(label)]) for _v, label in Member.Sector.choices],
        ),
        Breakdown(
            str(_("特色领域")),
            [(str(f), fields[f.name]) for f in Field.objects.filter(is_active=True)],
        ),
        Breakdown(str(_("街道")), [(name, places[name]) for name in subdistrict_of.values()]),
    ]


def _subdistricts() -> dict[str, str]:
    """Subdistrict code -> name; a community's path is /district/subdistrict/community/."""
    return dict(Place.objects.filter(level=Place.Level.SUBDISTRICT).values_list("code", "name"))
