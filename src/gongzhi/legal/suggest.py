"""Which envoy should take a request: by specialty, community, availability and load.

Each candidate gets points, and a reason for each point, so the requester
and the lead envoy can see why someone was proposed:

* specialty: the request's category is one of the envoy's specialties
  (`EnvoySpecialty`, or a word of their written expertise);
* community: posted to the request's station on fixed duty days, on call
  there, or living in the community;
* availability: for an in-person request, a free slot at the station soon;
* load: fewer open cases is better, as a penalty per case.
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from gongzhi.legal.categories import LegalCategory
from gongzhi.legal.models import DutySchedule, Service, Workstation
from gongzhi.legal.queries import with_open_load
from gongzhi.legal.slots import free_slots
from gongzhi.people.models import Body, Member

SPECIALTY_POINTS = 3.0
SCHEDULED_POINTS = 2.0
ON_DEMAND_POINTS = 1.0
NEIGHBOUR_POINTS = 1.0
AVAILABLE_POINTS = 1.0
# Each open case costs a little, so a free envoy beats a busy one of equal
# fit, while a specialist with a few cases still beats an idle generalist.
LOAD_PENALTY = 0.3
AVAILABILITY_DAYS = 7

# Words of an envoy's written expertise that stand for a category, for envoys
# whose specialties were never entered one by one.
EXPERTISE_WORDS = {
    LegalCategory.MARRIAGE_FAMILY: ["婚姻", "家庭", "继承", "赡养"],
    LegalCategory.LABOR_DISPUTE: ["劳动", "工资", "社保"],
    LegalCategory.TRAFFIC_ACCIDENT: ["交通"],
    LegalCategory.DEBT_CREDIT: ["债", "借贷", "欠款"],
    LegalCategory.CRIMINAL_DEFENSE: ["刑事"],
    LegalCategory.CONTRACT_DISPUTE: ["合同", "消费"],
    LegalCategory.REAL_ESTATE_DISPUTE: ["房屋", "物业", "租赁", "房产"],
    LegalCategory.TORT: ["侵权", "邻里"],
    LegalCategory.COMPANY_LAW: ["公司", "企业"],
    LegalCategory.MEDICAL_DISPUTE: ["医疗"],
    LegalCategory.DEMOLITION_RESETTLEMENT: ["拆迁", "征收"],
    LegalCategory.ADMINISTRATIVE_LITIGATION: ["行政"],
    LegalCategory.CONSTRUCTION_ENGINEERING: ["工程", "建设"],
}


@dataclass
class Suggestion:
    envoy: Member
    score: float = 0.0
    open_cases: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: float, reason: str) -> None:
        self.score += points
        self.reasons.append(reason)


def specialties_of(envoy: Member) -> set[str]:
    """The categories an envoy handles: entered ones, else those their expertise names."""
    entered = {s.category for s in envoy.specialties.all()}
    if entered:
        return entered
    return {c for c, words in EXPERTISE_WORDS.items() if any(w in envoy.expertise for w in words)}


def _candidates(station: Workstation) -> QuerySet[Member]:
    """Active envoys posted to the station or living in its community, with their load."""
    nearby = Q(postings__station=station) | Q(community=station.community_id)
    ids = Member.objects.filter(nearby, body=Body.ENVOY).values("pk")
    return (
        with_open_load(Member.objects.active().filter(pk__in=ids))
        .select_related("user")
        .prefetch_related("specialties", "postings")
    )


def _available(station: Workstation, envoy_ids: set[int]) -> set[int]:
    schedules = DutySchedule.objects.filter(station=station, envoy_id__in=envoy_ids, is_active=True)
    return {slot.envoy_id for slot in free_slots(schedules, days=AVAILABILITY_DAYS)}


def rank_envoys(
    station: Workstation,
    category: str = "",
    *,
    in_person: bool = False,
    exclude: set[int] = frozenset(),
) -> list[Suggestion]:
    """Envoys who could take a request at `station`, best first, each with the reasons."""
    envoys = [e for e in _candidates(station) if e.pk not in exclude]
    available = _available(station, {e.pk for e in envoys}) if in_person else set()
    suggestions = []
    for envoy in envoys:
        suggestion = Suggestion(envoy, open_cases=envoy.open_cases)
        if category and category in specialties_of(envoy):
            label = LegalCategory(category).label
            suggestion.add(SPECIALTY_POINTS, _("擅长%(category)s") % {"category": label})
        services = {p.service for p in envoy.postings.all() if p.station_id == station.pk}
        if Service.SCHEDULED in services:
            suggestion.add(SCHEDULED_POINTS, _("在本站定期值班"))
        elif Service.ON_DEMAND in services:
            suggestion.add(ON_DEMAND_POINTS, _("可随时到本站服务"))
        if envoy.community_id == station.community_id:
            suggestion.add(NEIGHBOUR_POINTS, _("联系本社区"))
        if envoy.pk in available:
            suggestion.add(AVAILABLE_POINTS, _("近7天有空余时段"))
        suggestion.score -= LOAD_PENALTY * envoy.open_cases
        suggestion.reasons.append(_("在办%(count)s件") % {"count": envoy.open_cases})
        suggestions.append(suggestion)
    return sorted(suggestions, key=lambda s: (-s.score, s.open_cases, s.envoy.pk))
