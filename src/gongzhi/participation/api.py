"""JSON endpoints for participation. They share the pages' queries, rules and actions."""

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import django_auth

from gongzhi.core.privacy import redact
from gongzhi.participation import opinion, queries
from gongzhi.participation.actions import budget
from gongzhi.participation.actions import opinion as opinion_actions
from gongzhi.participation.models import Deliberation, MicroProject

router = Router(tags=["participation"])


class DeliberationOut(Schema):
    id: int
    question: str
    status: str
    field: str | None
    need: int
    support_count: int
    oppose_count: int
    vote_count: int
    opened_at: datetime

    @staticmethod
    def build(d: Deliberation) -> "DeliberationOut":
        return DeliberationOut(
            id=d.pk,
            question=redact(d.question),
            status=d.status,
            field=d.space.field.name if d.space_id else None,
            need=d.need_id,
            support_count=d.support_count,
            oppose_count=d.oppose_count,
            vote_count=d.vote_count,
            opened_at=d.opened_at,
        )


class StatementOut(Schema):
    id: int
    text: str
    agree: int
    disagree: int
    passed: int
    group_agree_rates: list[float]


class OpinionMapOut(Schema):
    participants: int
    group_sizes: list[int]
    consensus: list[int]
    divisive: list[int]
    statements: list[StatementOut]
    computed_at: datetime | None
    updating: bool


class VoteIn(Schema):
    value: int


class BallotIn(Schema):
    projects: list[int]


class ProjectOut(Schema):
    id: int
    title: str
    status: str
    cost: int
    votes: int
    rank: int | None
    reason: str

    @staticmethod
    def build(p: MicroProject) -> "ProjectOut":
        return ProjectOut(
            id=p.pk,
            title=redact(p.title),
            status=p.status,
            cost=p.cost,
            votes=p.votes,
            rank=p.allocation_rank,
            reason=p.allocation_text,
        )


@router.get("/deliberations", response=list[DeliberationOut])
@paginate(PageNumberPagination, page_size=20)
def list_deliberations(request: HttpRequest):
    """Deliberations on the needs the caller may see, newest first."""
    return [DeliberationOut.build(d) for d in queries.visible_deliberations(request.user)]


@router.get("/deliberations/{deliberation_id}/map", response=OpinionMapOut)
def opinion_map(request: HttpRequest, deliberation_id: int):
    """The opinion groups, consensus and divisive statements; hidden statements are left out."""
    deliberation = get_object_or_404(
        queries.visible_deliberations(request.user), pk=deliberation_id
    )
    stored, updating = opinion.current_map(deliberation)
    data = stored.data if stored else {}
    texts = dict(queries.shown_statements(deliberation).values_list("pk", "text"))
    statements = [
        StatementOut(
            id=t["statement"],
            text=redact(texts[t["statement"]]),
            agree=t["agree"],
            disagree=t["disagree"],
            passed=t["passed"],
            group_agree_rates=[g["rate"] for g in t["groups"]],
        )
        for t in data.get("tallies", [])
        if t["statement"] in texts
    ]
    return OpinionMapOut(
        participants=data.get("participants", 0),
        group_sizes=data.get("group_sizes", []),
        consensus=[pk for pk in data.get("consensus", []) if pk in texts],
        divisive=[pk for pk in data.get("divisive", []) if pk in texts],
        statements=statements,
        computed_at=stored.computed_at if stored else None,
        updating=updating,
    )


@router.post("/deliberations/{deliberation_id}/statements/{statement_id}/vote", auth=django_auth)
def vote(request: HttpRequest, deliberation_id: int, statement_id: int, payload: VoteIn):
    """Agree (1), disagree (-1) or pass (0) as the signed-in user."""
    deliberation = get_object_or_404(
        queries.visible_deliberations(request.user), pk=deliberation_id
    )
    statement = get_object_or_404(queries.shown_statements(deliberation), pk=statement_id)
    opinion_actions.cast(statement, actor=request.user, value=payload.value)
    return {"value": payload.value}


@router.get("/rounds/{round_id}/projects", response=list[ProjectOut])
def round_projects(request: HttpRequest, round_id: int):
    """The projects of a budget round; after allocation, in rank order with the reason for each."""
    budget_round = get_object_or_404(queries.visible_rounds(request.user), pk=round_id)
    projects = budget_round.projects.order_by("allocation_rank", "pk")
    return [ProjectOut.build(p) for p in projects]


@router.post("/rounds/{round_id}/ballot", auth=django_auth)
def cast_ballot(request: HttpRequest, round_id: int, payload: BallotIn):
    """Cast or change the signed-in resident's ballot; refused over the cap or after closing."""
    budget_round = get_object_or_404(queries.visible_rounds(request.user), pk=round_id)
    picked = list(budget_round.projects.filter(pk__in=payload.projects))
    ballot = budget.cast_ballot(budget_round, actor=request.user, projects=picked)
    return {"total_cost": ballot.total_cost, "cap": ballot.cap}
