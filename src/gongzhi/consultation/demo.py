"""Demo data for decision consultation, the results database, the library and membership.

`load(stdout)` builds, through the real actions, a topic list for 鼓楼区 for
this year and last: topics in every state, worked by hearing, study and
advice, results at every step of adoption, library items and membership
applications. Everything is marked `is_demo`. Running it again does nothing.
"""

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gongzhi.consultation import actions
from gongzhi.consultation.models import Event, Hearing, Milestone, Opinion, Study, Topic, TopicList
from gongzhi.library import actions as library
from gongzhi.library.models import Item
from gongzhi.membership import actions as membership
from gongzhi.people.models import Body, Member, Staff, User
from gongzhi.places.demo import get_department
from gongzhi.places.models import Field
from gongzhi.results import actions as results
from gongzhi.results.models import Result, ResultEvent

# (field code, department, subject, problem, aim): a topic's title and
# background are composed from these, so every topic reads differently.
SUBJECTS = [
    (
        "elderly-childcare",
        "区民政局",
        "社区助餐服务体系",
        "60岁以上老人占比逾两成，助餐点分布不均、运营依赖补贴",
        "形成可持续的“中央厨房+社区助餐点”网络",
    ),
    (
        "livable-homes",
        "区住建局",
        "老旧小区加装电梯",
        "加装电梯意见协调难、审批链条长、管线迁改费用高",
        "提出简化流程和费用分摊的办法",
    ),
    (
        "transport",
        "区交通运输局",
        "老城区停车难治理",
        "三坊七巷周边夜间停车位缺口大，违停投诉居高不下",
        "研究错时共享停车和智慧停车诱导",
    ),
    (
        "mindu-culture",
        "区文旅局",
        "历史文化街区活化利用",
        "部分古厝空置，业态同质化，居民与游客诉求冲突",
        "探索保护与利用并重的运营模式",
    ),
    (
        "ecology",
        "区生态环境局",
        "内河水系综合治理长效机制",
        "雨季内河溢流、部分河段水质反复",
        "建立河长制与社区共治的长效机制",
    ),
    (
        "business-environment",
        "区商务局",
        "夜间经济规范发展",
        "夜市占道经营与噪声扰民矛盾突出",
        "提出分时分区的管理方案",
    ),
    (
        "education-sports",
        "区教育局",
        "学校体育场馆错时开放",
        "居民健身场地不足，学校场馆开放意愿低",
        "设计安全、保险和管理责任的分担机制",
    ),
    (
        "health",
        "区卫健局",
        "家庭医生签约服务提质",
        "签约率高但履约率低，居民获得感不强",
        "优化签约服务包和考核方式",
    ),
    (
        "employment-social-security",
        "区人社局",
        "灵活就业人员社会保障",
        "外卖骑手等灵活就业人员参保率低",
        "提出参保激励和服务下沉的举措",
    ),
    (
        "social-governance",
        "区民政局",
        "社区工作者减负增效",
        "社区台账多、考核多，服务群众时间被挤占",
        "梳理清单并提出数字化减负办法",
    ),
    (
        "public-safety-law",
        "区司法局",
        "物业纠纷多元化解",
        "物业费、公共收益纠纷数量持续上升",
        "建立调解、仲裁、诉讼衔接的化解机制",
    ),
    (
        "urban-construction",
        "区住建局",
        "城市更新中的居民参与",
        "更新项目前期征求意见流于形式",
        "设计贯穿全过程的居民参与程序",
    ),
    (
        "elderly-childcare",
        "区教育局",
        "普惠托育服务供给",
        "0-3岁托位缺口大，价格偏高",
        "测算需求并提出普惠托位扩容路径",
    ),
    (
        "transport",
        "区公安分局",
        "电动自行车安全管理",
        "电动车进楼入户充电隐患多",
        "推进集中充电设施建设和管理",
    ),
    (
        "livable-homes",
        "区城管局",
        "生活垃圾分类精细化管理",
        "分类投放准确率不高，督导依赖志愿者",
        "提出激励与督导相结合的办法",
    ),
    (
        "social-governance",
        "区民政局",
        "社区社会组织培育",
        "社区社会组织数量少、活跃度低",
        "建立孵化、评估与购买服务的闭环",
    ),
    (
        "health",
        "区卫健局",
        "社区心理健康服务",
        "青少年和独居老人心理服务需求上升",
        "构建社区心理服务网络",
    ),
    (
        "business-environment",
        "区市场监管局",
        "老字号品牌保护与发展",
        "老字号经营困难，传承人断档",
        "提出扶持和品牌推广的政策建议",
    ),
]

# What happens to each topic, in order; the list is walked round.
SCENARIOS = [
    "implemented_hearing",
    "adopted_study",
    "declined_hearing",
    "review_hearing",
    "open_hearing",
    "meeting_to_summarize",
    "study_interim",
    "study_reviewing",
    "planned",
    "implemented_study",
    "submitted_hearing",
    "planned",
]

DEMO_EXPERTS = [
    (
        "demo-expert-a",
        "郑立言",
        ["elderly-childcare", "health"],
        "养老服务体系、医养结合、长期护理保险",
        "福建医科大学",
    ),
    (
        "demo-expert-b",
        "许嘉禾",
        ["urban-construction", "livable-homes"],
        "城市更新、老旧小区改造、社区规划",
        "福州大学",
    ),
    ("demo-expert-c", "吴若川", ["transport"], "城市交通规划、停车管理", "福州市规划设计研究院"),
    (
        "demo-expert-d",
        "林清远",
        ["mindu-culture", "education-sports"],
        "历史街区保护、文旅融合",
        "福建师范大学",
    ),
    (
        "demo-expert-e",
        "黄一鸣",
        ["social-governance", "public-safety-law"],
        "基层治理、物业纠纷、社会组织",
        "中共福州市委党校",
    ),
    (
        "demo-expert-f",
        "陈书宁",
        ["business-environment", "employment-social-security"],
        "营商环境、灵活就业、社会保障",
        "福建江夏学院",
    ),
    ("demo-expert-g", "蔡文澜", ["ecology"], "水环境治理、河长制", "福建农林大学"),
]


def load(stdout) -> None:
    """Create the consultation demo once; a second run reports and returns."""
    if TopicList.objects.filter(is_demo=True).exists():
        stdout.write("consultation demo: already loaded")
        return
    with transaction.atomic():
        _Loader(random.Random(2025)).run()  # noqa: S311 seeded demo randomness
    stdout.write(
        f"consultation demo: {Topic.objects.filter(is_demo=True).count()} topics, "
        f"{Result.objects.filter(is_demo=True).count()} results, "
        f"{Item.objects.filter(is_demo=True).count()} library items"
    )


def _backdate(topic: Topic, shift: dt.timedelta) -> None:
    """Move a topic's whole history back in time, so last year's list reads as last year's."""
    moves = [
        (Topic.objects.filter(pk=topic.pk), ["created_at"]),
        (Event.objects.filter(topic=topic), ["at"]),
        (
            Hearing.objects.filter(topic=topic),
            ["created_at", "opinions_due", "meeting_at", "closed_at"],
        ),
        (Opinion.objects.filter(hearing__topic=topic), ["submitted_at"]),
        (
            Study.objects.filter(topic=topic),
            ["created_at", "plan_due", "interim_due", "final_due", "accepted_at"],
        ),
        (Milestone.objects.filter(study__topic=topic), ["submitted_at"]),
        (
            Result.objects.filter(source_id=topic.pk, source_type__model="topic"),
            ["submitted_at", "adopted_at", "implemented_at"],
        ),
        (
            ResultEvent.objects.filter(
                result__source_id=topic.pk, result__source_type__model="topic"
            ),
            ["at"],
        ),
    ]
    for queryset, fields in moves:
        queryset.update(**{name: F(name) - shift for name in fields})


def _demo_user(username: str, display_name: str) -> User:
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={"display_name": display_name, "is_demo": True, "password": make_password(None)},
    )
    return user


class _Loader:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.today = timezone.localdate()
        self.office = self._office()
        self.experts = self._experts()

    def _office(self) -> User:
        staff = Staff.objects.filter(kind=Staff.Kind.DISTRICT).select_related("user").first()
        if staff:
            return staff.user
        user = _demo_user("demo-consultation-office", "区决策咨询办")
        Staff.objects.create(user=user, kind=Staff.Kind.DISTRICT, title="决策咨询办")
        return user

    def _experts(self) -> list[Member]:
        for username, name, codes, expertise, affiliation in DEMO_EXPERTS:
            user = _demo_user(username, name)
            member, created = Member.objects.get_or_create(
                user=user,
                body=Body.EXPERT,
                defaults={
                    "status": Member.Status.ACTIVE,
                    "term_start": dt.date(self.today.year - 2, 1, 1),
                    "term_end": dt.date(self.today.year + 1, 12, 31),
                    "sector": Member.Sector.ACADEMIA,
                    "affiliation": affiliation,
                    "expertise": expertise,
                    "title": "教授",
                    "birth_year": self.rng.randint(1960, 1988),
                },
            )
            if created:
                member.fields.set(Field.objects.filter(code__in=codes))
        experts = Member.objects.active().filter(body=Body.EXPERT, user__is_demo=True)
        return list(experts.select_related("user").prefetch_related("fields"))

    def _fitting(self, topic: Topic, count: int) -> list[Member]:
        fitting = [m for m in self.experts if any(f.pk == topic.field_id for f in m.fields.all())]
        others = [m for m in self.experts if m not in fitting]
        self.rng.shuffle(others)
        chosen = (fitting[:count] + others)[:count]
        login_expert = next((m for m in self.experts if m.user.username == "demo-expert"), None)
        if login_expert and login_expert not in chosen and self.rng.random() < 0.5:
            chosen[-1] = login_expert
        return chosen

    def run(self) -> None:
        topics = []
        for year, subjects in (
            (self.today.year - 1, SUBJECTS[12:]),
            (self.today.year, SUBJECTS[:12]),
        ):
            TopicList.objects.get_or_create(
                year=year, defaults={"title": f"{year}年度决策咨询课题清单"}
            )
            for i, subject in enumerate(subjects):
                scenario = (
                    SCENARIOS[i]
                    if year == self.today.year
                    else [
                        "implemented_study",
                        "implemented_hearing",
                        "adopted_study",
                        "declined_hearing",
                        "implemented_hearing",
                        "adopted_study",
                    ][i]
                )
                topics.append(self._topic(year, i, subject, scenario))
        TopicList.objects.filter(year__in=[self.today.year - 1, self.today.year]).update(
            is_demo=True
        )
        self._advice()
        self._library(topics)
        self._applications()
        Result.objects.filter(
            source_id__in=[t.pk for t in topics], source_type__model="topic"
        ).update(is_demo=True)

    def _topic(self, year: int, i: int, subject: tuple, scenario: str) -> Topic:
        code, department_name, name, problem, aim = subject
        department = get_department(department_name)
        topic = actions.create_topic(
            actor=self.office,
            year=year,
            title=f"{name}研究",
            field=Field.objects.get(code=code),
            department=department,
            priority="high" if i % 3 == 0 else "normal",
            is_public=i % 5 != 4,
            background=f"当前鼓楼区{problem}。本课题拟在调查研究基础上，{aim}，为区委区政府决策提供参考。",
            parties="鼓楼区颐年养老服务中心" if code == "elderly-childcare" else "",
        )
        Topic.objects.filter(pk=topic.pk).update(is_demo=True)
        self._work(topic, scenario, name)
        if year < self.today.year:
            _backdate(topic, dt.timedelta(days=365))
        return topic

    def _work(self, topic: Topic, scenario: str, name: str) -> None:
        if scenario == "planned":
            return
        if "study" in scenario:
            self._study(topic, scenario, name)
        else:
            self._hearing(topic, scenario, name)

    def _hearing(self, topic: Topic, scenario: str, name: str) -> None:
        meeting = scenario == "meeting_to_summarize" or self.rng.random() < 0.3
        experts = self._fitting(topic, 3)
        hearing = actions.start_hearing(
            topic,
            actor=self.office,
            mode=Hearing.Mode.MEETING if meeting else Hearing.Mode.WRITTEN,
            question=f"围绕{name}，当前最突出的问题是什么？有哪些可操作的改进办法？",
            experts=experts,
            meeting_at=timezone.now() + dt.timedelta(days=2) if meeting else None,
            meeting_place="鼓楼区政府第三会议室" if meeting else "",
        )
        writers = experts if scenario != "open_hearing" else experts[:1]
        for member in writers:
            actions.give_opinion(hearing, actor=member.user, body=self._opinion(name))
        if scenario == "open_hearing":
            return
        actions.close_hearing(
            hearing,
            actor=self.office,
            minutes=f"会议围绕{name}进行了讨论，专家一致认为应先摸清底数。" if meeting else "",
            attended=[m.pk for m in experts[:2]],
        )
        if scenario == "meeting_to_summarize":
            return
        result = actions.summarize_hearing(
            hearing,
            actor=self.office,
            title=f"关于{name}的专题咨询综述",
            summary=f"专家围绕{name}提出三方面建议：一是摸清需求底数；二是完善部门协同机制；三是引入居民参与和第三方评估。",
            is_public=topic.is_public,
        )
        self._adoption(result, topic, scenario)

    def _study(self, topic: Topic, scenario: str, name: str) -> None:
        experts = self._fitting(topic, 2)
        study = actions.commission_study(
            topic,
            actor=self.office,
            brief=f"请就{name}开展实地调研，形成调研报告和政策建议。",
            experts=experts,
        )
        steps = {
            "study_interim": ["plan", "interim"],
            "study_reviewing": ["plan", "interim", "final"],
        }.get(scenario, ["plan", "interim", "final"])
        for kind in steps:
            document = ContentFile(f"{name}{kind}（演示文件）\n".encode(), name=f"{kind}.txt")
            actions.deliver(
                study,
                actor=experts[0].user,
                kind=kind,
                document=document,
                note=f"{name}{dict(plan='调研方案', interim='中期报告', final='最终报告')[kind]}",
            )
        if scenario in ("study_interim", "study_reviewing"):
            return
        result = actions.accept_study(
            study,
            actor=self.office,
            summary=f"报告梳理了{name}的现状与成因，提出了分阶段实施的政策建议。",
            is_public=topic.is_public,
        )
        Study.objects.filter(pk=study.pk).update(accepted_at=timezone.now())
        self._adoption(result, topic, scenario)

    def _adoption(self, result: Result, topic: Topic, scenario: str) -> None:
        if scenario.startswith("submitted"):
            return
        result = results.start_review(result, actor=self.office)
        if scenario.startswith("review"):
            return
        if scenario.startswith("declined"):
            results.decline(
                result, actor=self.office, reason="相关工作已纳入市级统筹安排，本区暂不单独推进。"
            )
            return
        result = results.adopt(
            result,
            actor=self.office,
            department=topic.department,
            how=f"纳入{topic.department.name}年度重点工作，并写入相关实施方案。",
        )
        if scenario.startswith("implemented"):
            results.implement(
                result,
                actor=self.office,
                evidence="相关措施已全部落实，群众反映良好，形成了可复制的经验做法。",
            )

    def _opinion(self, name: str) -> str:
        openings = ["建议", "从调研情况看，", "结合外地经验，", "我认为"]
        ideas = [
            "先做需求摸底再定标准",
            "把社区和物业纳入协同机制",
            "引入第三方评估",
            "设立试点街道先行先试",
            "用好数字化手段减少重复填报",
        ]
        return f"{self.rng.choice(openings)}{name}应{self.rng.choice(ideas)}，同时{self.rng.choice(ideas)}。"

    def _advice(self) -> None:
        proposals = [
            ("建议开展社区“一老一小”融合服务研究", "elderly-childcare", "区民政局", "take_in"),
            ("关于建设城市口袋公园的建议", "ecology", "区城管局", "decline"),
            ("建议研究鼓楼区数字化社区治理平台建设", "social-governance", "区民政局", "pending"),
        ]
        for i, (title, code, department_name, outcome) in enumerate(proposals):
            member = self.experts[i % len(self.experts)]
            department = get_department(department_name)
            advice = actions.give_advice(
                actor=member.user,
                title=title,
                field=Field.objects.get(code=code),
                department=department,
                body=f"{title}。目前相关服务分散在多个部门，群众办事需要多头跑。建议由{department_name}牵头，联合街道社区开展专题研究。",
            )
            if outcome == "take_in":
                topic = actions.take_in_advice(advice, actor=self.office, year=self.today.year)
                Topic.objects.filter(pk=topic.pk).update(is_demo=True)
            elif outcome == "decline":
                actions.decline_advice(
                    advice,
                    actor=self.office,
                    reason="该事项已列入市级城市更新计划统筹实施，本区不再单独立题。",
                )

    def _library(self, topics: list[Topic]) -> None:
        kinds = ["policy", "notice", "minutes", "report", "faq", "policy", "report", "notice"]
        for i, topic in enumerate(topics[:8]):
            kind = kinds[i]
            label = dict(Item.Kind.choices)[kind]
            item = library.publish(
                actor=self.office,
                kind=kind,
                title=f"{topic.title.removesuffix('研究')}{label}",
                body=f"本{label}涉及{topic.title.removesuffix('研究')}。{topic.background}",
                field=topic.field,
                department=topic.department,
                is_public=i != 2,
                topics=[topic],
                results=list(Result.objects.filter(source_id=topic.pk, source_type__model="topic")),
                files=[
                    ContentFile(
                        f"{topic.title}{label}（演示附件）".encode(), name=f"{kind}-{i}.txt"
                    )
                ],
            )
            Item.objects.filter(pk=item.pk).update(is_demo=True)

    def _applications(self) -> None:
        from gongzhi.membership.models import Application

        people = [
            (
                "demo-applicant-1",
                "周海宁",
                Body.EXPERT,
                Member.Sector.ACADEMIA,
                "闽江学院",
                1979,
                "submitted",
            ),
            (
                "demo-applicant-2",
                "李春燕",
                Body.CITIZEN,
                Member.Sector.COMMUNITY,
                "",
                1966,
                "submitted",
            ),
            (
                "demo-applicant-3",
                "杨志远",
                Body.ENVOY,
                Member.Sector.LAW_FIRM,
                "福建三山律师事务所",
                1985,
                "appointed",
            ),
            (
                "demo-applicant-4",
                "魏晓东",
                Body.CITIZEN,
                Member.Sector.BUSINESS,
                "个体工商户",
                1990,
                "declined",
            ),
        ]
        for username, name, body, sector, affiliation, born, outcome in people:
            user = _demo_user(username, name)
            application = membership.apply(
                actor=user,
                body=body,
                fields=Field.objects.order_by("?")[:2],
                sector=sector,
                affiliation=affiliation,
                title="",
                birth_year=born,
                community=None,
                expertise=f"{name}长期关注社区事务，愿意为鼓楼区治理贡献力量。",
            )
            Application.objects.filter(pk=application.pk).update(is_demo=True)
            if outcome == "appointed":
                membership.appoint(
                    application,
                    actor=self.office,
                    term_start=self.today,
                    term_end=self.today.replace(year=self.today.year + 3),
                )
            elif outcome == "declined":
                membership.decline(
                    application, actor=self.office, reason="本届名额已满，欢迎下届再申请。"
                )
