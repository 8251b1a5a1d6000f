"""Demo data for legal services, generated through the real actions.

`load(stdout)` gives every demo community a workstation with a lead envoy,
envoys on fixed duty and on call, and weekly duty schedules; it files cases
in every state with questions resampled from the shipped legal question
corpus, books upcoming meetings, and plans and holds legal-education
events. It is idempotent: a second run finds everything there and adds
nothing. Everything it makes is marked `is_demo`.
"""

import csv
import datetime as dt
import random
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gongzhi.legal import actions, booking, outreach
from gongzhi.legal.categories import category_for_label
from gongzhi.legal.event_models import OutreachEvent
from gongzhi.legal.models import (
    CaseEntry,
    CaseStatus,
    DutySchedule,
    EnvoySpecialty,
    LegalCase,
    Mode,
    Outcome,
    Service,
    StationEnvoy,
    Workstation,
)
from gongzhi.legal.slots import free_slots
from gongzhi.legal.suggest import specialties_of
from gongzhi.people.models import Body, Member, Staff, User
from gongzhi.places.models import Place

SEED = 20240601
CASES = 80
# How the demo cases end up, as (status, outcome) and weight.
ENDINGS = [
    (CaseStatus.SUBMITTED, "", 10),
    (CaseStatus.ACCEPTED, "", 14),
    (CaseStatus.ANSWERED, "", 10),
    (CaseStatus.CLOSED, Outcome.ANSWERED, 22),
    (CaseStatus.CLOSED, Outcome.AGREEMENT, 12),
    (CaseStatus.CLOSED, Outcome.FAILED, 4),
    (CaseStatus.CLOSED, Outcome.COURT, 4),
    (CaseStatus.CLOSED, Outcome.LEGAL_AID, 3),
    (CaseStatus.WITHDRAWN, "", 3),
]
DUTY_HOURS = [(dt.time(9), dt.time(11, 30)), (dt.time(14, 30), dt.time(17))]
EVENT_TOPICS = [
    ("民法典进社区：婚姻家庭编解读", "talk"),
    ("防范养老诈骗法律知识讲座", "lecture"),
    ("劳动合同与工资权益咨询摊位", "stall"),
    ("物业纠纷怎么办：业主权利与义务", "talk"),
    ("线上直播：交通事故理赔常见问题", "online"),
    ("青少年法治教育课堂", "lecture"),
]
DEMO_ANSWER = (
    "（演示）根据您描述的情况，建议先收集并保存相关证据（合同、聊天记录、票据等），"
    "与对方协商；协商不成可申请人民调解，或依法向人民法院起诉。如需当面咨询，"
    "欢迎在值班时间到社区法务工作站。"
)
DISPUTES = ["neighbour", "family", "labour", "property", "debt", "consumer", "traffic"]


def load(stdout, cases: int = CASES) -> None:
    """Create the legal demo once; later runs report what is there and change nothing."""
    rng = random.Random(SEED)  # noqa: S311  seeded demo data, not security
    communities = list(Place.objects.filter(level=Place.Level.COMMUNITY, is_demo=True))
    if not communities:
        stdout.write("legal demo: no demo communities; run load-demo first")
        return
    with transaction.atomic():
        stations = [_station(community, rng) for community in communities]
    if not LegalCase.objects.filter(is_demo=True).exists():
        _cases(stations, rng, cases)
    if not OutreachEvent.objects.filter(is_demo=True).exists():
        _events(stations, rng)
    stdout.write(
        f"legal demo: {len(stations)} workstations, "
        f"{DutySchedule.objects.filter(station__is_demo=True).count()} duty schedules, "
        f"{LegalCase.objects.filter(is_demo=True).count()} cases, "
        f"{OutreachEvent.objects.filter(is_demo=True).count()} events"
    )


def _envoys_near(community: Place) -> list[Member]:
    envoys = Member.objects.active().filter(body=Body.ENVOY, user__is_demo=True)
    return list(envoys.filter(community=community).select_related("user").order_by("pk")[:6])


def _station(community: Place, rng: random.Random) -> Workstation:
    station = Workstation.objects.filter(community=community).first()
    if station is not None:
        return station
    envoys = _envoys_near(community)
    demo_envoy = Member.objects.filter(user__username="demo-envoy", body=Body.ENVOY).first()
    if demo_envoy and demo_envoy.community_id == community.pk:
        envoys = [demo_envoy, *[e for e in envoys if e.pk != demo_envoy.pk]]
    station = Workstation.objects.create(
        community=community,
        name=f"{community.name}法务特派员工作站",
        address=f"{community.name}党群服务中心一楼",
        hours="周一至周五 9:00-12:00，14:30-17:30",
        phone=f"0591-8{rng.randint(1000000, 9999999)}",
        lead=envoys[0] if envoys else None,
        is_demo=True,
    )
    for number, envoy in enumerate(envoys):
        on_call = number >= 4
        StationEnvoy.objects.create(
            station=station,
            envoy=envoy,
            service=Service.ON_DEMAND if on_call else Service.SCHEDULED,
        )
        if not on_call:
            starts, ends = DUTY_HOURS[number % 2]
            DutySchedule.objects.create(
                station=station,
                envoy=envoy,
                weekday=(number * 2 + rng.randint(0, 1)) % 5,
                starts=starts,
                ends=ends,
                valid_from=dt.date(2024, 1, 1),
            )
        _specialties(envoy)
    return station


def _specialties(envoy: Member) -> None:
    if envoy.specialties.exists():
        return
    EnvoySpecialty.objects.bulk_create(
        [EnvoySpecialty(envoy=envoy, category=c) for c in sorted(specialties_of(envoy))]
    )


def _questions(rng: random.Random, count: int) -> list[tuple[str, str]]:
    path = Path(settings.DATA_DIR) / "crimekg_legal_questions" / "train.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [(r["question"].strip(), r["label_en"]) for r in csv.DictReader(handle)]
    rows = [(q, label) for q, label in rows if 12 <= len(q) <= 120]
    return rng.sample(rows, count)


def _requesters() -> list[User]:
    residents = User.objects.filter(is_demo=True, username__startswith="demo-resident")
    return list(residents.order_by("username"))


def _cases(stations: list[Workstation], rng: random.Random, count: int) -> None:
    staffed = [s for s in stations if s.postings.exists()]
    requesters = _requesters()
    if not staffed or not requesters:
        return
    weights = [w for _s, _o, w in ENDINGS]
    home = next((s for s in staffed if s.lead and s.lead.user.username == "demo-envoy"), None)
    for number, (question, label) in enumerate(_questions(rng, count)):
        # The demo resident's own community gets a share, so its logins see cases.
        station = home if home and number % 4 == 0 else rng.choice(staffed)
        requester = requesters[0] if number % 7 == 0 else rng.choice(requesters)
        status, outcome, _w = rng.choices(ENDINGS, weights=weights)[0]
        with transaction.atomic():
            case = _one_case(station, requester, question, label, status, outcome, rng)
        _backdate(case, rng)


def _one_case(station, requester, question, label, status, outcome, rng) -> LegalCase:
    mediation = outcome in (Outcome.AGREEMENT, Outcome.FAILED) or rng.random() < 0.2
    mode = rng.choices([Mode.ONLINE, Mode.AT_STATION, Mode.HOME_VISIT], weights=[5, 3, 2])[0]
    case = actions.submit_request(
        requester,
        kind=LegalCase.Kind.MEDIATION if mediation else LegalCase.Kind.CONSULTATION,
        station=station,
        mode=mode,
        body=question,
        address="（演示）某小区某栋" if mode == Mode.HOME_VISIT else "",
        parties="（演示）对方当事人" if mediation else "",
        dispute_kind=rng.choice(DISPUTES) if mediation else "",
    )
    LegalCase.objects.filter(pk=case.pk).update(is_demo=True)
    if case.envoy is None:
        return case
    envoy = case.envoy.user
    category = category_for_label(label)
    if category and category != case.category:
        case = actions.categorise(case, actor=envoy, category=category)
    if case.is_offline and status in (CaseStatus.SUBMITTED, CaseStatus.ACCEPTED):
        _book(case, requester)
    if status == CaseStatus.SUBMITTED:
        return case
    if status == CaseStatus.WITHDRAWN:
        return actions.withdraw(case, actor=requester, reason="（演示）已自行协商解决")
    case = actions.accept(case, actor=envoy)
    if status == CaseStatus.ACCEPTED:
        return case
    if case.kind == LegalCase.Kind.MEDIATION:
        return _mediate(case, envoy, status, outcome)
    if outcome in (Outcome.COURT, Outcome.LEGAL_AID):
        return actions.conclude(case, actor=envoy, outcome=outcome, note="（演示）已告知办理途径。")
    case = actions.answer(case, actor=envoy, body=DEMO_ANSWER)
    if rng.random() < 0.4:
        case = actions.give_consent(case, actor=requester)
    if status == CaseStatus.ANSWERED:
        return case
    follow_up = timezone.localdate() + dt.timedelta(days=30)
    return actions.close(case, actor=envoy, follow_up_on=follow_up)


def _book(case: LegalCase, requester: User) -> None:
    schedules = case.station.schedules.filter(envoy=case.envoy)
    slots = free_slots(schedules)
    if slots:
        slot = slots[0]
        schedule = schedules.get(pk=slot.schedule_id)
        booking.book(case, actor=requester, schedule=schedule, starts_at=slot.starts_at)


def _mediate(case: LegalCase, envoy: User, status: str, outcome: str) -> LegalCase:
    actions.record_session(
        case,
        actor=envoy,
        held_at=timezone.now(),
        venue=case.station.name,
        participants="（演示）双方当事人",
        summary="（演示）双方陈述事实与诉求，特派员释法说理，提出调解方案。",
    )
    if status != CaseStatus.CLOSED:
        return case
    outcome = Outcome.AGREEMENT if outcome in ("", Outcome.ANSWERED) else outcome
    agreed = outcome == Outcome.AGREEMENT
    return actions.conclude(
        case,
        actor=envoy,
        outcome=outcome,
        agreement="（演示）双方同意分两期履行，一个月内付清。" if agreed else "",
        note="" if agreed else "（演示）已告知其他解决途径。",
        follow_up_on=timezone.localdate() + dt.timedelta(days=30),
    )


def _backdate(case: LegalCase, rng: random.Random) -> None:
    """Spread demo cases over the past year, so that the monthly figures have a shape."""
    if case.status == CaseStatus.SUBMITTED or case.appointments.exists():
        return
    shift = dt.timedelta(days=rng.randint(1, 330), hours=rng.randint(0, 8))
    LegalCase.objects.filter(pk=case.pk).update(
        submitted_at=F("submitted_at") - shift,
        accepted_at=F("accepted_at") - shift,
        answered_at=F("answered_at") - shift,
        closed_at=F("closed_at") - shift,
    )
    CaseEntry.objects.filter(case=case).update(at=F("at") - shift)


def _events(stations: list[Workstation], rng: random.Random) -> None:
    admin = User.objects.filter(staff__kind=Staff.Kind.DISTRICT, is_demo=True).first()
    residents = _requesters()
    if admin is None:
        return
    now = timezone.now()
    for number, station in enumerate(stations):
        speakers = list(station.envoys.all()[:2])
        for past in (True, False):
            topic, form = EVENT_TOPICS[(number * 2 + past) % len(EVENT_TOPICS)]
            days = -rng.randint(7, 300) if past else rng.randint(2, 30)
            starts = (now + dt.timedelta(days=days)).replace(
                hour=1, minute=30, second=0, microsecond=0
            )
            with transaction.atomic():
                event = outreach.plan_event(
                    actor=admin,
                    topic=topic,
                    community=station.community,
                    form=form,
                    venue="线上直播间" if form == "online" else f"{station.community.name}活动室",
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=2),
                    description="（演示）法务特派员讲解常见法律问题，现场答疑。",
                    capacity=rng.choice([None, 40, 60]),
                    organisers=speakers,
                )
                OutreachEvent.objects.filter(pk=event.pk).update(is_demo=True)
                if not past:
                    for resident in rng.sample(residents, min(3, len(residents))):
                        outreach.register(event, actor=resident)
                else:
                    outreach.hold(
                        event,
                        actor=admin,
                        attendance=rng.randint(15, 80),
                        summary="（演示）活动顺利举办。",
                    )
