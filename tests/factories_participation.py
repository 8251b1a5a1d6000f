"""Factories and helpers for the participation module, built on `tests.factories`.

Objects that have a lifecycle are brought to their state through the real
actions (`open_deliberation`, `budget_round_with`, ...), so that tests see
the same rows a user would have made.
"""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from gongzhi.participation.actions import budget, deliberation, survey
from gongzhi.participation.models import BudgetRound, GridPost, HelpPost, MicroProject, TalkDay
from gongzhi.people.models import User
from gongzhi.places.models import Place

from tests import factories


def space_member(username: str, field_code: str = "livable-homes", **kwargs) -> User:
    """An active citizens' committee member of one field."""
    return factories.CitizenMemberFactory(
        user__username=username, fields=[field_code], **kwargs
    ).user


def verified(username: str, community: Place) -> User:
    return factories.UserFactory(username=username, community=community, is_verified=True)


def open_on(need, actor, question: str = ""):
    return deliberation.open_deliberation(need, actor=actor, question=question)


class TalkDayFactory(DjangoModelFactory):
    class Meta:
        model = TalkDay

    topic = "老旧小区改造恳谈会"
    community = factory.SubFactory(factories.CommunityFactory)
    venue = "社区党群服务中心二楼会议室"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    capacity = 30
    organiser = factory.SubFactory(factories.UserFactory)


class MicroProjectFactory(DjangoModelFactory):
    """A proposal written straight in a status; `reviewed_cost` follows `estimated_cost`."""

    class Meta:
        model = MicroProject

    title = factory.Sequence(lambda n: f"小区健身角改造{n}")
    description = "在小区空地增设健身器材和休息座椅，方便老人和孩子活动。"
    community = factory.SubFactory(factories.CommunityFactory)
    estimated_cost = 20000
    reviewed_cost = factory.LazyAttribute(
        lambda o: o.estimated_cost if o.status != MicroProject.Status.PROPOSED else None
    )
    proposer = factory.SubFactory(factories.UserFactory)
    status = MicroProject.Status.PROPOSED


class HelpPostFactory(DjangoModelFactory):
    class Meta:
        model = HelpPost

    direction = HelpPost.Direction.REQUEST
    kind = HelpPost.Kind.ERRANDS
    community = factory.SubFactory(factories.CommunityFactory)
    author = factory.SubFactory(factories.UserFactory)
    title = "帮忙取一下快递"


def grid_member(username: str, grid: Place) -> User:
    member = factories.CitizenMemberFactory(user__username=username, community=grid.community())
    GridPost.objects.create(member=member, grid=grid)
    return member.user


def budget_round_with(staff: User, community: Place, costs: list[int], cap: int) -> BudgetRound:
    """A round open for voting in `community`, with one accepted project per cost."""
    for cost in costs:
        MicroProjectFactory(
            community=community, estimated_cost=cost, status=MicroProject.Status.FEASIBLE
        )
    budget_round = budget.create_round(
        actor=staff, community=community, title="2025年微实事", cap=cap
    )
    return budget.open_voting(budget_round, actor=staff)


def three_question_survey(actor: User, **kwargs):
    """A published survey: one single choice, one multiple choice, one scale, one text."""
    questions = [
        {"kind": "single", "text": "您是否支持加装电梯？", "choices": ["支持", "反对", "无所谓"]},
        {"kind": "multiple", "text": "您最关心哪些方面？", "choices": ["费用", "噪音", "采光"]},
        {"kind": "scale", "text": "您对现状的满意度", "scale_max": 5},
        {"kind": "text", "text": "其他意见", "required": False},
    ]
    drafted = survey.create_survey(
        actor=actor, title="加装电梯意愿调查", questions=questions, **kwargs
    )
    return survey.publish(drafted, actor=actor)
