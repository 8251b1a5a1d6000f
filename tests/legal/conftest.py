"""Legal-service personas on top of the shared ones, and `case_at`.

三坊七巷社区 (community_a) has a workstation led by 周站长 (`station_lead`, the
supervisor). 郑律师 (`envoy`) has Monday duty there from 9:00 to 11:00 and
handles labour disputes; 吴律师 (`other_envoy`) serves the station on call.
Requests go through the real actions; the legal classifier is replaced by a
small keyword stub so that tests neither load a model nor depend on it.
"""

from collections.abc import Callable

import pytest

from gongzhi.legal import actions
from gongzhi.legal.categories import CategoryGuess
from gongzhi.legal.models import CaseStatus, LegalCase, Mode, Service, Workstation
from gongzhi.people.models import Member, User

from tests.factories import EnvoyFactory, UserFactory
from tests.factories_legal import (
    DutyScheduleFactory,
    EnvoySpecialtyFactory,
    StationEnvoyFactory,
    WorkstationFactory,
)

STUB_WORDS = {"工资": "labor_dispute", "离婚": "marriage_family", "车": "traffic_accident"}


def stub_categories(text: str, top: int = 2) -> list[CategoryGuess]:
    hits = [c for word, c in STUB_WORDS.items() if word in text]
    guesses = [CategoryGuess(hits[0], 0.8)] if hits else []
    return guesses + [CategoryGuess("contract_dispute", 0.1)]


@pytest.fixture(autouse=True)
def _stub_classifier(monkeypatch):
    monkeypatch.setattr(actions, "suggest_categories", stub_categories)


@pytest.fixture
def station(community_a) -> Workstation:
    lead = EnvoyFactory(user=UserFactory(username="station_lead", display_name="周站长"))
    return WorkstationFactory(community=community_a, lead=lead, name="三坊七巷法务工作站")


@pytest.fixture
def station_lead(station) -> User:
    return station.lead.user


@pytest.fixture
def envoy_member(station) -> Member:
    member = EnvoyFactory(user=UserFactory(username="envoy", display_name="郑律师"))
    DutyScheduleFactory(station=station, envoy=member, weekday=0)
    EnvoySpecialtyFactory(envoy=member, category="labor_dispute")
    return member


@pytest.fixture
def envoy(envoy_member) -> User:
    return envoy_member.user


@pytest.fixture
def other_envoy_member(station) -> Member:
    member = EnvoyFactory(user=UserFactory(username="other_envoy", display_name="吴律师"))
    StationEnvoyFactory(station=station, envoy=member, service=Service.ON_DEMAND)
    return member


@pytest.fixture
def other_envoy(other_envoy_member) -> User:
    return other_envoy_member.user


CaseAt = Callable[..., LegalCase]


@pytest.fixture
def case_at(resident, station, envoy, other_envoy) -> CaseAt:
    """Bring a new request to `status` through the real actions.

    `case_at(CaseStatus.CLOSED, kind="mediation")` files a mediation as
    `resident` at the station; it is offered to 郑律师, who accepts it and
    records an agreement. Consultations are answered, then closed.
    """

    def bring(
        status: str, *, kind: str = LegalCase.Kind.CONSULTATION, mode: str = Mode.ONLINE, **extra
    ) -> LegalCase:
        extra.setdefault("body", "公司拖欠我三个月工资，老板一直推脱，我该怎么办？")
        if kind == LegalCase.Kind.MEDIATION:
            extra.setdefault("parties", "某餐饮公司")
            extra.setdefault("dispute_kind", LegalCase.DisputeKind.LABOUR)
        if mode == Mode.HOME_VISIT:
            extra.setdefault("address", "南后街88号")
        case = actions.submit_request(resident, kind=kind, station=station, mode=mode, **extra)
        if status == CaseStatus.SUBMITTED:
            return case
        if status == CaseStatus.WITHDRAWN:
            return actions.withdraw(case, actor=resident, reason="已自行解决")
        case = actions.accept(case, actor=envoy)
        if status == CaseStatus.ACCEPTED:
            return case
        if kind == LegalCase.Kind.MEDIATION:
            return actions.conclude(
                case, actor=envoy, outcome="agreement", agreement="公司分两期支付工资。"
            )
        case = actions.answer(case, actor=envoy, body="可先向劳动监察大队投诉，或申请劳动仲裁。")
        if status == CaseStatus.ANSWERED:
            return case
        return actions.close(case, actor=envoy)

    return bring
