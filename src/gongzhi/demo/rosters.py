"""Generated rosters of the three bodies at their real sizes, marked as demo data.

Names come from Faker('zh_CN') with a fixed seed, so every demo database has
the same people. Roster members cannot log in: their passwords are unusable,
which also spares hashing some 2,400 passwords.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from faker import Faker

from gongzhi.people.models import Body, Member, User
from gongzhi.places.models import Field, Place

Sector = Member.Sector

EXPERT_PROFILES = [
    # (sector, share, affiliations, titles)
    (
        Sector.ACADEMIA,
        40,
        ["福州大学", "福建师范大学", "福建农林大学", "闽江学院", "福建江夏学院", "福建医科大学"],
        ["教授", "副教授", "研究员"],
    ),
    (
        Sector.GOVERNMENT,
        15,
        ["中共福州市委党校", "福建社会科学院", "福州市规划设计研究院"],
        ["研究员", "高级规划师", "副院长"],
    ),
    (Sector.JUDICIARY, 10, ["福州市中级人民法院", "福州市鼓楼区人民检察院"], ["审判员", "检察官"]),
    (
        Sector.LAW_FIRM,
        10,
        ["福建闽天律师事务所", "福建融城律师事务所", "福建三山律师事务所"],
        ["高级合伙人", "律师"],
    ),
    (
        Sector.BUSINESS,
        10,
        ["福建建工集团", "福州地铁集团", "福州水务集团"],
        ["高级工程师", "总工程师"],
    ),
    (
        Sector.SOCIAL,
        15,
        ["福州市社会工作协会", "鼓楼区社会组织服务中心", "福州市养老服务协会"],
        ["理事长", "高级社工师", "秘书长"],
    ),
]
ENVOY_PROFILES = [
    (
        Sector.LAW_FIRM,
        60,
        [
            "福建闽天律师事务所",
            "福建融城律师事务所",
            "福建三山律师事务所",
            "福建左海律师事务所",
            "福建冶城律师事务所",
        ],
        ["律师", "合伙人律师", "执业律师"],
    ),
    (Sector.JUDICIARY, 12, ["福州市鼓楼区人民法院"], ["法官", "员额法官"]),
    (Sector.JUDICIARY, 10, ["福州市鼓楼区人民检察院"], ["检察官", "员额检察官"]),
    (
        Sector.SOCIAL,
        18,
        ["鼓楼区法律援助中心", "福州大学法学院法律诊所", "鼓楼区人民调解委员会"],
        ["法律志愿者", "人民调解员"],
    ),
]
CITIZEN_PROFILES = [
    (Sector.COMMUNITY, 70, ["", "退休"], ["居民代表", "楼道长", "志愿者", "业委会委员"]),
    (Sector.BUSINESS, 10, ["个体工商户", "物业服务企业", "小微企业"], ["店主", "经理"]),
    (Sector.SOCIAL, 10, ["社区社会组织", "志愿服务队"], ["负责人", "队长"]),
    (Sector.OTHER, 10, ["学校", "医院", "企事业单位"], ["教师", "医生", "职工"]),
]
ENVOY_SPECIALTIES = [
    "婚姻家庭纠纷",
    "劳动争议",
    "物业纠纷",
    "房屋买卖与租赁",
    "合同纠纷",
    "交通事故赔偿",
    "邻里纠纷调解",
    "刑事辩护",
    "行政复议与诉讼",
    "消费者权益保护",
]


@dataclass(frozen=True)
class RosterSizes:
    experts: int = 70
    citizens: int = 1800
    envoys: int = 500

    def without_demo_accounts(self) -> "RosterSizes":
        """The generated part: each body also has one demo login among its members."""
        return RosterSizes(
            max(self.experts - 1, 0), max(self.citizens - 1, 0), max(self.envoys - 1, 0)
        )


@dataclass(frozen=True)
class Terms:
    """The current term and the one before it, around `today`."""

    today: dt.date

    @property
    def start(self) -> dt.date:
        return dt.date(self.today.year - 1, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.today.year + 1, 12, 31)

    def for_status(self, status: str) -> tuple[dt.date, dt.date | None]:
        if status == Member.Status.ENDED:
            return dt.date(self.start.year - 3, 1, 1), self.start - dt.timedelta(days=1)
        if status == Member.Status.APPLIED:
            return self.today + dt.timedelta(days=30), None
        return self.start, self.end


class RosterBuilder:
    """Builds the users and members of one body at a time, then stores them in bulk."""

    def __init__(self, rng: random.Random, communities: list[Place], terms: Terms) -> None:
        self.rng = rng
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(rng.randint(0, 2**31))
        self.communities = communities
        self.terms = terms
        self.fields = list(Field.objects.filter(is_active=True))
        self.unusable = make_password(None)

    def create(self, sizes: RosterSizes) -> dict[str, int]:
        self._create_body(Body.EXPERT, sizes.experts, EXPERT_PROFILES, self._expert_fields)
        self._create_body(Body.CITIZEN, sizes.citizens, CITIZEN_PROFILES, self._some_fields)
        self._create_body(Body.ENVOY, sizes.envoys, ENVOY_PROFILES, self._envoy_fields)
        return {"expert": sizes.experts, "citizen": sizes.citizens, "envoy": sizes.envoys}

    def _create_body(self, body: str, size: int, profiles, pick_fields) -> None:
        users, members, field_lists = [], [], []
        for number in range(1, size + 1):
            user = self._user(body, number)
            sector, affiliations, titles = self._profile(profiles)
            chosen = pick_fields(number)
            status = self._status()
            term_start, term_end = self.terms.for_status(status)
            members.append(
                Member(
                    user=user,
                    body=body,
                    community=None
                    if body == Body.EXPERT
                    else self.communities[number % len(self.communities)],
                    status=status,
                    term_start=term_start,
                    term_end=term_end,
                    sector=sector,
                    affiliation=self.rng.choice(affiliations),
                    title=self.rng.choice(titles),
                    expertise=self._expertise(body, chosen),
                    birth_year=self.rng.randint(1955, 1998 if body == Body.CITIZEN else 1990),
                )
            )
            users.append(user)
            field_lists.append(chosen)
        User.objects.bulk_create(users)
        for member in members:
            member.user_id = member.user.pk
        Member.objects.bulk_create(members)
        links = [
            Member.fields.through(member_id=member.pk, field_id=field.pk)
            for member, fields in zip(members, field_lists, strict=True)
            for field in fields
        ]
        Member.fields.through.objects.bulk_create(links)

    def _user(self, body: str, number: int) -> User:
        community = (
            self.communities[number % len(self.communities)] if body != Body.EXPERT else None
        )
        return User(
            username=f"demo-{body}-{number:04d}",
            display_name=f"{self.fake.name()}（演示）",
            password=self.unusable,
            community=community,
            is_verified=body == Body.CITIZEN,
            is_demo=True,
        )

    def _profile(self, profiles) -> tuple[str, list[str], list[str]]:
        weights = [share for _sector, share, _aff, _titles in profiles]
        sector, _share, affiliations, titles = self.rng.choices(profiles, weights=weights)[0]
        return sector, affiliations, titles

    def _status(self) -> str:
        roll = self.rng.random()
        if roll < 0.04:
            return Member.Status.ENDED
        if roll < 0.07:
            return Member.Status.APPLIED
        return Member.Status.ACTIVE

    def _expert_fields(self, number: int) -> list[Field]:
        # Going round the fields in order guarantees each has experts.
        first = self.fields[(number - 1) % len(self.fields)]
        return self._with_maybe_another(first)

    def _some_fields(self, number: int) -> list[Field]:
        return self._with_maybe_another(self.rng.choice(self.fields))

    def _envoy_fields(self, number: int) -> list[Field]:
        law = next((f for f in self.fields if f.code == "public-safety-law"), self.fields[0])
        return self._with_maybe_another(law)

    def _with_maybe_another(self, first: Field) -> list[Field]:
        if self.rng.random() < 0.4:
            second = self.rng.choice(self.fields)
            if second != first:
                return [first, second]
        return [first]

    def _expertise(self, body: str, fields: list[Field]) -> str:
        if body == Body.ENVOY:
            return "、".join(self.rng.sample(ENVOY_SPECIALTIES, 2))
        names = "、".join(field.name for field in fields)
        if body == Body.EXPERT:
            return f"长期从事{names}领域的研究与实践。"
        return f"关注{names}方面的社区事务。"
