"""Demo data for participation: deliberations with an opinion map, surveys, talk days, budgets, help.

`load(stdout)` builds everything through the real actions on top of the
base demo (its accounts, home community and departments), marks it
`is_demo`, and does nothing when run again. Extra demo neighbours, who can
never log in, cast the votes, ballots and answers.
"""

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gongzhi.needs import actions as need_actions
from gongzhi.needs.models import Need
from gongzhi.participation import opinion
from gongzhi.participation.actions import budget, deliberation, grid, help, survey, talkday
from gongzhi.participation.actions import opinion as opinions
from gongzhi.participation.actions.spaces import ensure_spaces, follow
from gongzhi.participation.models import (
    BudgetRound,
    Deliberation,
    Dispute,
    FieldSpace,
    GridPost,
    HelpPost,
    MicroProject,
    Survey,
    TalkDay,
)
from gongzhi.people.models import Body, Member, User
from gongzhi.places.models import Department, Field, Place

SEED = 5

# The opinion map's statements, and how each of three camps leans on them:
# +1 agree, -1 disagree, 0 no strong view (those vote at random).
STATEMENTS = [
    ("加装电梯能让楼里的老人重新下楼活动", (1, 1, 1)),
    ("电梯费用应按楼层高低分摊，住得越高出得越多", (1, -1, 1)),
    ("一楼住户不受益，不应承担任何费用", (-1, 1, 0)),
    ("政府补贴应覆盖一半以上的费用", (1, 1, 1)),
    ("施工期间噪音和采光损失应给低层住户补偿", (-1, 1, 1)),
    ("只要三分之二业主同意就应该动工", (1, -1, 0)),
    ("应先由社区组织全楼协商会再决定方案", (0, 1, 1)),
    ("加装电梯会降低一楼房价", (-1, 1, -1)),
    ("后期维保费用应纳入物业费统一收取", (1, -1, 1)),
    ("应优先在老人多的楼栋试点", (1, 1, 1)),
]
CAMPS = [34, 22, 14]  # people per camp: upper floors, ground floors, undecided

COMMENTS = [
    ("for", "我家住六楼，母亲腿脚不好，已经半年没下楼了，希望尽快加装。"),
    ("against", "一楼采光本来就差，电梯井建在窗前，谁来补偿？"),
    ("neutral", "建议社区先把几种分摊方案列出来，让大家比较。"),
    ("for", "隔壁小区已经装好了，按楼层系数分摊，大家都能接受。"),
]


def load(stdout) -> None:
    """Create the participation demo once; a second run reports and returns."""
    if Deliberation.objects.filter(is_demo=True).exists():
        stdout.write("participation demo: already loaded")
        return
    try:
        cast = _Cast.find()
    except (User.DoesNotExist, AttributeError):
        stdout.write("participation demo: load the base demo first")
        return
    with transaction.atomic():
        _Loader(cast, random.Random(SEED)).run()  # noqa: S311 seeded demo randomness
    stdout.write(
        f"participation demo: {Deliberation.objects.filter(is_demo=True).count()} deliberations, "
        f"{Survey.objects.filter(is_demo=True).count()} surveys, "
        f"{TalkDay.objects.filter(is_demo=True).count()} talk days, "
        f"{BudgetRound.objects.filter(is_demo=True).count()} budget rounds, "
        f"{MicroProject.objects.filter(is_demo=True).count()} micro-projects, "
        f"{HelpPost.objects.filter(is_demo=True).count()} help posts"
    )


class _Cast:
    """The base demo's people and places this demo acts with."""

    def __init__(self, **people) -> None:
        self.__dict__.update(people)

    @classmethod
    def find(cls) -> "_Cast":
        users = {u.username: u for u in User.objects.filter(username__startswith="demo-")}
        staff = users["demo-community"]
        home = staff.staff.community
        other = (
            Place.objects.filter(level=Place.Level.COMMUNITY, is_demo=True)
            .exclude(pk=home.pk)
            .order_by("path")
            .first()
        )
        return cls(
            admin=users["demo-admin"],
            staff=staff,
            resident=users["demo-resident"],
            citizen=users["demo-citizen"],
            home=home,
            other=other or home,
            department=Department.objects.filter(is_active=True).order_by("name").first(),
        )


class _Loader:
    def __init__(self, cast: _Cast, rng: random.Random) -> None:
        self.c = cast
        self.rng = rng

    def run(self) -> None:
        ensure_spaces()
        self.neighbours = self._neighbours(self.c.home, "h", 70)
        self.others = self._neighbours(self.c.other, "o", 24)
        self._spaces()
        self._deliberations()
        self._surveys()
        self._talk_days()
        self._budgets()
        self._help()
        self._grid()

    # People ------------------------------------------------------------------

    def _neighbours(self, community: Place, tag: str, count: int) -> list[User]:
        """Verified demo residents who vote and answer; they cannot log in."""
        unusable = make_password(None)
        surnames = "林陈黄张李王吴刘蔡郑杨许"
        made = User.objects.bulk_create(
            [
                User(
                    username=f"demo-neighbour-{tag}{n:02d}",
                    display_name=f"{self.rng.choice(surnames)}{'阿姨' if n % 3 else '师傅'}（演示）",
                    password=unusable,
                    community=community,
                    is_verified=True,
                    is_demo=True,
                )
                for n in range(count)
            ]
        )
        return list(User.objects.filter(pk__in=[u.pk for u in made]).order_by("pk"))

    def _need(self, title: str, body: str, field_code: str, place: Place | None = None) -> Need:
        need = need_actions.submit(
            self.c.resident,
            title=title,
            body=body,
            field=Field.objects.get(code=field_code),
            place=place or self.c.home,
        )
        Need.objects.filter(pk=need.pk).update(is_demo=True)
        return need_actions.accept(need, actor=self.c.staff)

    def _spaces(self) -> None:
        for code in ("livable-homes", "transport"):
            follow(FieldSpace.objects.get(field__code=code), actor=self.c.resident)

    # Deliberations -----------------------------------------------------------

    def _deliberations(self) -> None:
        elevator = self._need(
            "老旧小区加装电梯费用分摊难以谈拢",
            "我们楼是1990年代的六层老楼，住着十几位七十岁以上的老人。加装电梯申请了两年，"
            "卡在费用怎么分摊上，低层住户意见很大，希望社区组织大家商量出办法。",
            "livable-homes",
        )
        first = deliberation.open_deliberation(
            elevator, actor=self.c.citizen, question="老旧小区加装电梯：费用怎么分摊才公平？"
        )
        self._discuss(first)
        self._opinion_map(first)
        opinion.refresh(Deliberation.objects.get(pk=first.pk))

        parking = self._need(
            "三坊七巷周边夜间停车难",
            "晚上八点以后小区周边找不到车位，车辆只能停在消防通道，希望研究错时共享停车。",
            "transport",
        )
        second = deliberation.open_deliberation(parking, actor=self.c.staff)
        self._discuss(second, few=True)
        deliberation.close_deliberation(
            second,
            actor=self.c.staff,
            conclusion="经三次议事，居民同意推动周边机关单位夜间开放停车场，"
            "由社区牵头签订错时共享协议，报送成果库供交通部门采纳。",
            outcome=Deliberation.Outcome.RESULT,
        )

        rubbish = self._need(
            "垃圾分类投放点夏季异味严重",
            "小区东门垃圾投放点夏天异味很重，清运不及时，希望增加清运频次并加装除臭设备。",
            "ecology",
        )
        third = deliberation.open_deliberation(rubbish, actor=self.c.staff)
        self._discuss(third, few=True)
        deliberation.close_deliberation(
            third,
            actor=self.c.staff,
            conclusion="居民一致希望夏季每日清运两次并加装喷淋除臭，转请部门办理。",
            outcome=Deliberation.Outcome.NEED,
            department=self.c.department,
        )
        Deliberation.objects.filter(pk__in=[first.pk, second.pk, third.pk]).update(is_demo=True)

    def _discuss(self, subject: Deliberation, few: bool = False) -> None:
        people = self.neighbours[: 12 if few else 52]
        for person in people:
            side = "support" if self.rng.random() < 0.75 else "oppose"
            deliberation.take_stance(subject, actor=person, side=side)
            if self.rng.random() < 0.6:
                deliberation.rate(subject, actor=person, score=self.rng.choice([3, 4, 4, 5, 5]))
        remarks = [
            deliberation.comment(subject, actor=people[i], body=body, side=side)
            for i, (side, body) in enumerate(COMMENTS)
        ]
        deliberation.comment(
            subject,
            actor=people[5],
            body="可以参考隔壁小区的分摊表，一楼不出钱、二楼起按系数递增。",
            side="neutral",
            parent=remarks[1],
        )
        rude = deliberation.comment(
            subject, actor=people[6], body="楼上那几户就是自私，别理他们。", side="against"
        )
        deliberation.hide_comment(rude, actor=self.c.staff, reason="人身攻击，违反议事规则")

    def _opinion_map(self, subject: Deliberation) -> None:
        """Three camps vote on ten statements: a few hundred votes with some noise."""
        authors = self.neighbours[:4]
        statements = [
            opinions.add_statement(subject, actor=authors[i % 4], text=text)
            for i, (text, _leans) in enumerate(STATEMENTS)
        ]
        camp_of = [camp for camp, size in enumerate(CAMPS) for _ in range(size)]
        for person, camp in zip(self.neighbours, camp_of, strict=False):
            for statement, (_text, leans) in zip(statements, STATEMENTS, strict=True):
                if self.rng.random() < 0.3:
                    continue
                lean = leans[camp]
                value = lean if lean and self.rng.random() < 0.85 else self.rng.choice([-1, 0, 1])
                opinions.cast(statement, actor=person, value=value)

    # Surveys -----------------------------------------------------------------

    def _surveys(self) -> None:
        questions = [
            {
                "kind": "single",
                "text": "您是否支持本楼加装电梯？",
                "choices": ["支持", "反对", "无所谓"],
            },
            {
                "kind": "multiple",
                "text": "您最担心哪些问题？",
                "choices": ["费用分摊", "施工噪音", "采光遮挡", "后期维保"],
            },
            {"kind": "scale", "text": "您对目前社区协商工作的满意度", "scale_max": 5},
            {"kind": "text", "text": "其他意见和建议", "required": False},
        ]
        space = FieldSpace.objects.get(field__code="livable-homes")
        open_one = survey.create_survey(
            actor=self.c.staff,
            title="加装电梯居民意愿调查",
            intro="本调查匿名进行，结果将作为协商议事的参考。",
            questions=questions,
            audience=Survey.Audience.COMMUNITY,
            community=self.c.home,
            space=space,
            is_anonymous=True,
            closes_at=timezone.now() + dt.timedelta(days=14),
        )
        open_one = survey.publish(open_one, actor=self.c.staff)
        self._answer(open_one, self.neighbours[:38])

        parking = [
            {
                "kind": "single",
                "text": "您晚上回家后通常多久能找到车位？",
                "choices": ["5分钟内", "5到15分钟", "15分钟以上", "没有车"],
            },
            {
                "kind": "multiple",
                "text": "您愿意接受哪些办法？",
                "choices": ["错时共享停车", "路边限时停车", "立体车库", "提高临停收费"],
            },
            {"kind": "scale", "text": "停车问题对您生活的影响有多大", "scale_max": 5},
        ]
        closed_one = survey.create_survey(
            actor=self.c.admin, title="老城区停车需求调查", questions=parking
        )
        closed_one = survey.publish(closed_one, actor=self.c.admin)
        self._answer(closed_one, self.neighbours[10:62] + self.others[:10])
        survey.close(closed_one, actor=self.c.admin)
        Survey.objects.filter(pk__in=[open_one.pk, closed_one.pk]).update(is_demo=True)

    def _answer(self, subject: Survey, people: list[User]) -> None:
        questions = list(subject.questions.prefetch_related("choices"))
        texts = ["希望尽快推进", "费用要公开透明", "请多听听一楼住户的意见", ""]
        for person in people:
            answers = {}
            for q in questions:
                choices = [c.pk for c in q.choices.all()]
                if q.kind == "single":
                    answers[q.pk] = self.rng.choices(choices, weights=range(len(choices), 0, -1))[0]
                elif q.kind == "multiple":
                    answers[q.pk] = self.rng.sample(choices, self.rng.randint(1, 2))
                elif q.kind == "scale":
                    answers[q.pk] = self.rng.choice([2, 3, 4, 4, 5])
                else:
                    answers[q.pk] = self.rng.choice(texts)
            survey.respond(subject, actor=person, answers=answers)

    # Talk days -----------------------------------------------------------------

    def _talk_days(self) -> None:
        soon = timezone.now() + dt.timedelta(days=9)
        upcoming = talkday.schedule(
            actor=self.c.staff,
            community=self.c.home,
            topic="老旧小区改造居民恳谈会",
            venue="社区党群服务中心二楼会议室",
            starts_at=soon.replace(hour=19, minute=0, second=0, microsecond=0),
            ends_at=soon.replace(hour=21, minute=0, second=0, microsecond=0),
            capacity=40,
            officials="区住建局、街道办事处",
            intro="围绕加装电梯、管网改造、停车位规划听取居民意见。",
        )
        for person in self.neighbours[:14]:
            talkday.register(upcoming, actor=person)

        held = talkday.schedule(
            actor=self.c.staff,
            community=self.c.home,
            topic="夏季防汛与内涝点整治恳谈会",
            venue="社区居委会",
            starts_at=timezone.now() + dt.timedelta(hours=1),
            ends_at=timezone.now() + dt.timedelta(hours=3),
            capacity=25,
            officials="区水利局、区城管局",
        )
        attendees = self.neighbours[20:38]
        for person in attendees:
            talkday.register(held, actor=person)
        talkday.mark_attendance(held, actor=self.c.staff, present=[p.pk for p in attendees[:15]])
        talkday.record_concern(
            held,
            actor=self.c.staff,
            title="东街口雨后积水严重",
            body="每次大雨后东街口积水没过脚踝，老人孩子出行困难，希望疏通排水管。",
            raised_by=attendees[0],
            field=Field.objects.filter(code="ecology").first(),
        )
        talkday.record_concern(
            held,
            actor=self.c.staff,
            title="地下车库入口缺少挡水板",
            body="小区地下车库入口没有挡水板，去年汛期车库进水，希望加装。",
            raised_by=attendees[1],
        )
        talkday.hold(
            held,
            actor=self.c.staff,
            minutes="到会居民15人。区水利局介绍了今年汛期预案；居民提出两项诉求，"
            "已登记为诉求并按流程办理；下次恳谈会通报办理情况。",
        )
        last_week = timezone.now() - dt.timedelta(days=6)
        TalkDay.objects.filter(pk=held.pk).update(
            starts_at=last_week, ends_at=last_week + dt.timedelta(hours=2)
        )
        TalkDay.objects.filter(pk__in=[upcoming.pk, held.pk]).update(is_demo=True)

    # Micro-projects and budget rounds -------------------------------------------

    def _budgets(self) -> None:
        finished = self._round(
            self.c.home,
            self.neighbours,
            "2025年三坊七巷社区微实事",
            150_000,
            [
                ("楼道加装扶手", "为12栋老楼的楼道加装不锈钢扶手，方便老人上下楼。", 36_000),
                ("社区小花园改造", "把东门闲置空地改造成带座椅和遮阳棚的小花园。", 58_000),
                ("路灯补盲", "在北巷增设8盏太阳能路灯，消除夜间照明盲区。", 24_000),
                ("儿童游乐角", "在活动中心旁铺设软垫，增设滑梯和沙池。", 72_000),
                ("电动车充电棚", "建设带消防喷淋的集中充电棚，杜绝飞线充电。", 66_000),
            ],
            declined=("小区大门更换为智能门禁", "涉及全体业主共有部分改造，应由业主大会决定。"),
            ballots=46,
            close=True,
        )
        funded = list(
            finished.projects.filter(status=MicroProject.Status.FUNDED).order_by("allocation_rank")
        )
        if funded:
            budget.report_milestone(funded[0], actor=self.c.staff, title="完成材料采购与施工队进场")
            budget.report_milestone(funded[0], actor=self.c.staff, title="施工完成")
            budget.accept(funded[0], actor=self.c.staff, note="经居民代表现场验收，质量合格。")
        if len(funded) > 1:
            budget.report_milestone(funded[1], actor=self.c.staff, title="方案公示结束，开始施工")
        self._round(
            self.c.other,
            self.others,
            f"2026年{self.c.other.name}微实事",
            100_000,
            [
                ("老年食堂添置餐桌椅", "为社区老年食堂添置20套餐桌椅。", 18_000),
                ("健身步道修补", "修补滨河健身步道破损路面约300米。", 45_000),
                ("楼道应急照明", "为8栋楼加装感应式应急照明灯。", 22_000),
                ("共享工具屋", "设置共享工具屋，居民可借用维修工具。", 15_000),
            ],
            ballots=16,
            close=False,
        )
        pending = budget.propose(
            actor=self.c.resident,
            title="单元门口增设雨棚",
            description="3号楼单元门口没有雨棚，雨天老人进出容易滑倒。",
            community=self.c.home,
            estimated_cost=9_000,
        )
        MicroProject.objects.filter(pk=pending.pk).update(is_demo=True)

    def _round(self, community, voters, title, cap, ideas, *, declined=None, ballots, close):
        actor = self.c.staff if community == self.c.home else self.c.admin
        for name, text, cost in ideas:
            project = budget.propose(
                actor=self.rng.choice(voters),
                title=name,
                description=text,
                community=community,
                estimated_cost=cost,
            )
            checked = int(cost * self.rng.choice([0.9, 1.0, 1.0, 1.1]))
            budget.review(
                project, actor=actor, feasible=True, reviewed_cost=checked, note="费用已核定。"
            )
        if declined:
            project = budget.propose(
                actor=voters[0],
                title=declined[0],
                description=declined[0],
                community=community,
                estimated_cost=80_000,
            )
            budget.review(project, actor=actor, feasible=False, note=declined[1])
        closes_at = None if close else timezone.now() + dt.timedelta(days=10)
        budget_round = budget.create_round(
            actor=actor, community=community, title=title, cap=cap, closes_at=closes_at
        )
        budget_round = budget.open_voting(budget_round, actor=actor)
        projects = list(budget_round.projects.all())
        popular = {p.pk: self.rng.random() for p in projects}
        for person in voters[:ballots]:
            self._ballot(budget_round, person, projects, popular)
        if close:
            budget.close_voting(budget_round, actor=actor)
            budget.publish_allocation(budget_round, actor=actor)
        BudgetRound.objects.filter(pk=budget_round.pk).update(is_demo=True)
        MicroProject.objects.filter(community=community).update(is_demo=True)
        return BudgetRound.objects.get(pk=budget_round.pk)

    def _ballot(self, budget_round, person, projects, popular) -> None:
        """Pick projects by personal taste weighted towards the popular, within the cap."""
        order = sorted(projects, key=lambda p: -(popular[p.pk] + self.rng.random()))
        picked, total = [], 0
        for project in order:
            if total + project.cost <= budget_round.cap and self.rng.random() < 0.7:
                picked.append(project)
                total += project.cost
        budget.cast_ballot(budget_round, actor=person, projects=picked or order[-1:])

    # Neighbour help and grid service ---------------------------------------------

    def _help(self) -> None:
        posts = [
            ("request", "companionship", "周末想请人陪我母亲在公园散步"),
            ("request", "errands", "腿脚不便，想请邻居帮忙代取药品"),
            ("offer", "repairs", "退休电工，可以帮忙修理灯具和插座"),
            ("offer", "childcare", "周三下午可以帮忙照看放学的孩子"),
            ("request", "repairs", "厨房水龙头漏水，求会修的邻居帮忙"),
            ("offer", "errands", "每天早上去菜市场，可以帮忙带菜"),
        ]
        made = [
            help.post(actor=self.neighbours[40 + i], direction=d, kind=k, title=t)
            for i, (d, k, t) in enumerate(posts)
        ]
        match = help.answer(
            made[1], actor=self.neighbours[50], note="我每天下班路过药店，可以帮您带。"
        )
        help.mark_done(match, actor=made[1].author)
        help.thank(match, actor=made[1].author, words="谢谢小伙子，药送得很及时！")
        help.pair(made[4], made[2], actor=made[4].author)
        HelpPost.objects.filter(community=self.c.home).update(is_demo=True)

    def _grid(self) -> None:
        member = Member.objects.filter(user=self.c.citizen, body=Body.CITIZEN).first()
        cell = (
            Place.objects.filter(level=Place.Level.GRID, path__startswith=self.c.home.path)
            .order_by("path")
            .first()
        )
        if member is None or cell is None:
            return
        GridPost.objects.get_or_create(member=member, grid=cell)
        need = self._need(
            "网格内井盖松动",
            "巷口的井盖踩上去会晃动，晚上看不清，担心有人摔倒。",
            "urban-construction",
            place=cell,
        )
        grid.add_finding(
            need, actor=self.c.citizen, note="现场查看：井盖一角破损，已放置警示锥，建议尽快更换。"
        )
        dispute = grid.report_dispute(
            actor=self.c.citizen,
            grid=cell,
            title="楼上漏水引发邻里纠纷",
            summary="502卫生间漏水导致402天花板发霉，两家协商维修费用未果。",
            parties="5栋502住户与402住户",
        )
        grid.help_with(
            dispute, actor=self.c.citizen, note="上门了解情况，双方同意先请物业检测漏点。"
        )
        Dispute.objects.filter(pk=dispute.pk).update(is_demo=True)
