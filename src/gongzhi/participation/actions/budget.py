"""Micro-projects and budget rounds: proposal, review, ballots, allocation, implementation, acceptance."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.notices.actions import notify_after_commit
from gongzhi.participation import rules
from gongzhi.participation.actions.common import locked, logger, move, record, require
from gongzhi.participation.allocation import Candidate, allocate
from gongzhi.participation.models import (
    Ballot,
    BallotChoice,
    BudgetRound,
    Event,
    MicroProject,
    Milestone,
    ProjectImage,
)
from gongzhi.participation.workflow import PROJECT, ROUND
from gongzhi.people.models import User
from gongzhi.places.models import Field, Place

# Proposals -------------------------------------------------------------------


@transaction.atomic
def propose(
    *,
    actor: User,
    title: str,
    description: str,
    community: Place,
    estimated_cost: int,
    place_text: str = "",
    field: Field | None = None,
    images: Iterable = (),
) -> MicroProject:
    """A resident proposes a small project for a community; its staff are asked to review it."""
    require(rules.can_propose(actor))
    if community.level != Place.Level.COMMUNITY:
        raise ValidationError({"community": _("请选择社区。")})
    if not title.strip() or not description.strip():
        raise ValidationError({"title": _("请填写项目名称和内容。")})
    if not estimated_cost or estimated_cost < 1:
        raise ValidationError({"estimated_cost": _("请填写估算费用。")})
    project = MicroProject.objects.create(
        title=title.strip(),
        description=description.strip(),
        community=community,
        estimated_cost=estimated_cost,
        place_text=place_text.strip(),
        field=field,
        proposer=actor,
    )
    for upload in images:
        ProjectImage.objects.create(project=project, image=upload)
    record(project, Event.Action.PROPOSE, actor)
    staff = community.staff.values_list("user_id", flat=True)
    message = _("新的微实事提案待审核：%(title)s") % {"title": project.title}
    notify_after_commit(staff, "project_proposed", message, project.get_absolute_url())
    logger.info("micro-project %s proposed by user %s", project.pk, actor.pk)
    return project


@transaction.atomic
def review(
    project: MicroProject,
    *,
    actor: User,
    feasible: bool,
    reviewed_cost: int | None = None,
    note: str = "",
) -> MicroProject:
    """Staff check the cost and accept the proposal, or decline it with a reason."""
    if not feasible and not note.strip():
        raise ValidationError({"note": _("请填写不通过的理由。")})
    if feasible and not reviewed_cost:
        raise ValidationError({"reviewed_cost": _("请填写核定费用。")})

    def change(p: MicroProject) -> None:
        p.review_note = note.strip()
        if feasible:
            p.reviewed_cost = reviewed_cost

    name = "approve" if feasible else "decline"
    project = move(
        project,
        PROJECT,
        name,
        actor,
        rules.can_review_project,
        action=Event.Action.REVIEW,
        note=note.strip(),
        change=change,
    )
    message = _("您的微实事提案已审核：%(title)s") % {"title": project.title}
    notify_after_commit(
        [project.proposer_id], "project_reviewed", message, project.get_absolute_url()
    )
    return project


# Budget rounds -----------------------------------------------------------------


@transaction.atomic
def create_round(
    *, actor: User, community: Place, title: str, cap: int, closes_at=None
) -> BudgetRound:
    """Set up a community's budget round; it stays a draft until voting opens."""
    require(rules.can_organise_talk_day(actor, community))
    if cap < 1:
        raise ValidationError({"cap": _("预算总额至少为1元。")})
    budget_round = BudgetRound.objects.create(
        community=community, title=title.strip(), cap=cap, closes_at=closes_at, created_by=actor
    )
    record(budget_round, Event.Action.OPEN, actor, cap=cap)
    return budget_round


@transaction.atomic
def open_voting(budget_round: BudgetRound, *, actor: User) -> BudgetRound:
    """Put every accepted proposal of the community on the ballot and open voting."""
    candidates = MicroProject.objects.filter(
        community=budget_round.community, status=MicroProject.Status.FEASIBLE, budget_round=None
    )
    if not candidates.exists():
        raise ValidationError({"round": _("没有审核通过的提案，无法开始投票。")})

    def change(r: BudgetRound) -> None:
        r.opened_at = timezone.now()
        candidates.update(budget_round=r)

    budget_round = move(
        budget_round,
        ROUND,
        "open",
        actor,
        rules.can_manage_round,
        action=Event.Action.PUBLISH,
        change=change,
    )
    residents = budget_round.community.residents.filter(is_verified=True).values_list(
        "pk", flat=True
    )
    message = _("参与式预算开始投票：%(title)s") % {"title": budget_round.title}
    notify_after_commit(residents, "round_opened", message, budget_round.get_absolute_url())
    return budget_round


def _lock_round(budget_round: BudgetRound) -> BudgetRound:
    # Every ballot and the closing take this lock: a ballot cast while the
    # round closes either lands before the close or is refused after it.
    return locked(budget_round)


@transaction.atomic
def cast_ballot(
    budget_round: BudgetRound, *, actor: User, projects: Iterable[MicroProject]
) -> Ballot:
    """Cast or change the actor's one ballot; the picks must fit within the round's cap."""
    budget_round = _lock_round(budget_round)
    require(rules.can_vote(actor, budget_round))
    picked = {p.pk for p in projects}
    on_ballot = {p.pk: p for p in budget_round.projects.filter(pk__in=picked)}
    if not picked or set(on_ballot) != picked:
        raise ValidationError({"projects": _("请从本轮项目中选择。")})
    total = sum(p.cost for p in on_ballot.values())
    if total > budget_round.cap:
        raise ValidationError(
            {
                "projects": _("所选项目合计%(total)s元，超过预算总额%(cap)s元。")
                % {"total": total, "cap": budget_round.cap}
            }
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            ballot, created = Ballot.objects.update_or_create(
                budget_round=budget_round,
                voter=actor,
                defaults={"cap": budget_round.cap, "total_cost": total, "changed_at": now},
            )
    except IntegrityError:
        raise ValidationError({"projects": _("选票未能保存，请重试。")}) from None
    ballot.choices.all().delete()
    BallotChoice.objects.bulk_create([BallotChoice(ballot=ballot, project_id=pk) for pk in picked])
    if created:
        BudgetRound.objects.filter(pk=budget_round.pk).update(ballot_count=F("ballot_count") + 1)
    return ballot


@transaction.atomic
def close_voting(budget_round: BudgetRound, *, actor: User) -> BudgetRound:
    """End voting; from this moment no ballot is taken or changed."""

    def change(r: BudgetRound) -> None:
        r.closed_at = timezone.now()

    return move(
        budget_round,
        ROUND,
        "close",
        actor,
        rules.can_manage_round,
        action=Event.Action.CLOSE,
        change=change,
    )


def tally(budget_round: BudgetRound) -> list[Candidate]:
    counts = dict(
        BallotChoice.objects.filter(ballot__budget_round=budget_round)
        .values_list("project_id")
        .annotate(n=Count("id"))
    )
    projects = budget_round.projects.order_by("proposed_at", "id")
    return [Candidate(p.pk, p.cost, counts.get(p.pk, 0), i) for i, p in enumerate(projects)]


@transaction.atomic
def publish_allocation(budget_round: BudgetRound, *, actor: User) -> BudgetRound:
    """Count the ballots, fund projects by the rule in `allocation.py`, and say why each won or lost."""
    budget_round = move(
        budget_round, ROUND, "allocate", actor, rules.can_manage_round, action=Event.Action.ALLOCATE
    )
    projects = {p.pk: p for p in budget_round.projects.all()}
    for decision in allocate(tally(budget_round), budget_round.cap):
        project = projects[decision.project]
        project.votes = decision.votes
        project.allocation_rank = decision.rank
        project.allocation_detail = {
            "reason": decision.reason,
            "rank": decision.rank,
            "cost": decision.cost,
            "left": decision.left_before,
        }
        # The words as published, in the publisher's language, for the timeline.
        project.allocation_reason = project.allocation_text
        project.save(
            update_fields=["votes", "allocation_rank", "allocation_reason", "allocation_detail"]
        )
        name = "fund" if decision.funded else "not_fund"
        move(
            project,
            PROJECT,
            name,
            actor,
            lambda user, p: True,
            action=Event.Action.ALLOCATE,
            note=project.allocation_reason,
        )
    voters = Ballot.objects.filter(budget_round=budget_round).values_list("voter_id", flat=True)
    proposers = [p.proposer_id for p in projects.values()]
    message = _("参与式预算结果已公布：%(title)s") % {"title": budget_round.title}
    notify_after_commit(
        [*voters, *proposers], "round_allocated", message, budget_round.get_absolute_url()
    )
    return budget_round


# Implementation ----------------------------------------------------------------


@transaction.atomic
def report_milestone(
    project: MicroProject, *, actor: User, title: str, note: str = "", images: Iterable = ()
) -> Milestone:
    """Report a step of a funded project's work, with photos."""
    if not title.strip():
        raise ValidationError({"title": _("请填写进展。")})
    project = move(
        project,
        PROJECT,
        "milestone",
        actor,
        rules.can_report_progress,
        action=Event.Action.MILESTONE,
        note=title.strip(),
    )
    milestone = Milestone.objects.create(
        project=project, title=title.strip(), note=note.strip(), reported_by=actor
    )
    for upload in images:
        ProjectImage.objects.create(project=project, milestone=milestone, image=upload)
    return milestone


@transaction.atomic
def accept(project: MicroProject, *, actor: User, note: str) -> MicroProject:
    """Accept the finished work; the project enters the results database."""
    from gongzhi.results import actions as results
    from gongzhi.results.models import Contribution, Kind

    if not note.strip():
        raise ValidationError({"note": _("请填写验收意见。")})

    def change(p: MicroProject) -> None:
        p.finished_at = timezone.now()

    project = move(
        project,
        PROJECT,
        "accept",
        actor,
        rules.can_accept_project,
        action=Event.Action.ACCEPT,
        note=note.strip(),
        change=change,
    )
    project.result = results.submit_result(
        kind=Kind.MICRO_PROJECT,
        title=project.title,
        summary=_("%(description)s\n\n验收意见：%(note)s")
        % {"description": project.description, "note": note.strip()},
        source=project,
        contributors=[(project.proposer, Contribution.Role.LEAD)],
        field=project.field,
        actor=actor,
    )
    project.save(update_fields=["result"])
    return project
