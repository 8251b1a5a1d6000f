"""Micro-projects and participatory budgeting: review, ballots within the cap, allocation, acceptance."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from gongzhi.dashboard.figures import micro_project_figures
from gongzhi.participation.actions import budget as actions
from gongzhi.participation.allocation import Candidate, allocate
from gongzhi.participation.models import Ballot, BudgetRound, MicroProject
from gongzhi.results.models import Kind, Result

from tests import factories
from tests.factories_participation import MicroProjectFactory, budget_round_with, verified

pytestmark = pytest.mark.django_db

S = MicroProject.Status


@pytest.fixture
def budget_round(community_staff, community_a):
    return budget_round_with(
        community_staff, community_a, [60_000, 50_000, 30_000, 20_000], cap=100_000
    )


def projects_of(budget_round):
    return list(budget_round.projects.order_by("pk"))


def test_the_allocation_rule_funds_by_votes_and_skips_what_no_longer_fits():
    candidates = [
        Candidate(1, cost=60, votes=9, order=0),
        Candidate(2, cost=50, votes=7, order=1),  # does not fit after 1
        Candidate(3, cost=30, votes=5, order=2),
        Candidate(4, cost=20, votes=0, order=3),  # fits, but nobody voted
    ]

    decisions = allocate(candidates, cap=100)

    assert [(d.project, d.funded, d.reason, d.left_before) for d in decisions] == [
        (1, True, "funded", 100),
        (2, False, "over_budget", 40),
        (3, True, "funded", 40),
        (4, False, "no_votes", 10),
    ]


def test_equal_votes_favour_the_cheaper_then_the_earlier_project():
    decisions = allocate(
        [Candidate(1, 50, 3, 0), Candidate(2, 40, 3, 1), Candidate(3, 40, 3, 2)], cap=80
    )

    assert [d.project for d in decisions] == [2, 3, 1]
    assert [d.funded for d in decisions] == [True, True, False]


def test_staff_review_a_proposal_with_a_checked_cost_or_decline_it_with_a_reason(
    community_staff, community_a, resident
):
    project = actions.propose(
        actor=resident,
        title="楼道加装扶手",
        description="老人上下楼不便，需要扶手。",
        community=community_a,
        estimated_cost=8000,
    )

    with pytest.raises(PermissionDenied):
        actions.review(project, actor=resident, feasible=True, reviewed_cost=8000)
    with pytest.raises(ValidationError):
        actions.review(project, actor=community_staff, feasible=False)
    project = actions.review(project, actor=community_staff, feasible=True, reviewed_cost=9500)
    assert (project.status, project.cost) == (S.FEASIBLE, 9500)


def test_a_verified_resident_casts_a_ballot_within_the_cap_and_may_change_it(
    budget_round, community_a
):
    voter = verified("voter", community_a)
    big, medium, small, tiny = projects_of(budget_round)

    actions.cast_ballot(budget_round, actor=voter, projects=[big, small])
    ballot = actions.cast_ballot(budget_round, actor=voter, projects=[medium, small, tiny])

    assert Ballot.objects.filter(budget_round=budget_round, voter=voter).count() == 1
    assert set(ballot.choices.values_list("project_id", flat=True)) == {
        medium.pk,
        small.pk,
        tiny.pk,
    }
    assert ballot.total_cost == 100_000
    budget_round.refresh_from_db()
    assert budget_round.ballot_count == 1


def test_a_ballot_over_the_cap_is_refused_and_the_earlier_one_stays(budget_round, community_a):
    voter = verified("voter", community_a)
    big, medium, small, _tiny = projects_of(budget_round)
    actions.cast_ballot(budget_round, actor=voter, projects=[small])

    with pytest.raises(ValidationError):
        actions.cast_ballot(budget_round, actor=voter, projects=[big, medium])
    assert list(Ballot.objects.get(voter=voter).choices.values_list("project_id", flat=True)) == [
        small.pk
    ]


def test_the_database_refuses_an_over_cap_ballot_and_a_second_ballot(budget_round, community_a):
    voter = verified("voter", community_a)

    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(budget_round=budget_round, voter=voter, cap=100, total_cost=101)
    Ballot.objects.create(budget_round=budget_round, voter=voter, cap=100, total_cost=50)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(budget_round=budget_round, voter=voter, cap=100, total_cost=50)


def test_only_verified_residents_of_the_community_vote(
    budget_round, community_a, community_b, resident
):
    outsider = verified("outsider", community_b)
    project = projects_of(budget_round)[-1]

    for person in (resident, outsider):  # resident is not verified
        with pytest.raises(PermissionDenied):
            actions.cast_ballot(budget_round, actor=person, projects=[project])


def test_no_vote_after_closing_nor_after_the_deadline(budget_round, community_staff, community_a):
    voter = verified("voter", community_a)
    project = projects_of(budget_round)[-1]
    BudgetRound.objects.filter(pk=budget_round.pk).update(closes_at=timezone.now())
    budget_round.refresh_from_db()

    with pytest.raises(PermissionDenied):
        actions.cast_ballot(budget_round, actor=voter, projects=[project])
    BudgetRound.objects.filter(pk=budget_round.pk).update(closes_at=None)
    actions.close_voting(budget_round, actor=community_staff)
    with pytest.raises(PermissionDenied):
        actions.cast_ballot(budget_round, actor=voter, projects=[project])


def test_projects_from_elsewhere_cannot_be_picked(budget_round, community_a):
    voter = verified("voter", community_a)
    stranger = MicroProjectFactory(status=S.FEASIBLE)

    with pytest.raises(ValidationError):
        actions.cast_ballot(budget_round, actor=voter, projects=[stranger])


def test_a_whole_round_from_votes_to_funded_and_unfunded_projects_with_reasons(
    budget_round, community_staff, community_a
):
    big, medium, small, tiny = projects_of(budget_round)
    picks = [[big, small], [big, tiny], [big], [medium, small], [medium, small, tiny]]
    for number, projects in enumerate(picks):
        actions.cast_ballot(
            budget_round, actor=verified(f"v{number}", community_a), projects=projects
        )

    actions.close_voting(budget_round, actor=community_staff)
    actions.publish_allocation(budget_round, actor=community_staff)

    for project in (big, medium, small, tiny):
        project.refresh_from_db()
    # Equal votes rank the cheaper project first; the two front-runners use
    # 90,000 of 100,000 and neither 20,000 nor 50,000 fits in what is left.
    assert [(p.votes, p.allocation_rank, p.status) for p in (small, big, tiny, medium)] == [
        (3, 1, S.FUNDED),
        (3, 2, S.FUNDED),
        (2, 3, S.NOT_FUNDED),
        (2, 4, S.NOT_FUNDED),
    ]
    assert "超过剩余预算10000元" in medium.allocation_text
    assert "获得资助" in big.allocation_text
    assert medium.allocation_detail["reason"] == "over_budget"
    with translation.override("en"):
        assert "more than the remaining budget of 10000 yuan" in medium.allocation_text


def test_allocations_published_before_the_verdict_was_data_keep_their_words(db):
    project = MicroProject(allocation_reason="得票第2，获得资助。")

    assert project.allocation_text == "得票第2，获得资助。"


def test_allocation_waits_for_the_close(budget_round, community_staff):
    from gongzhi.results.workflow import TransitionNotAllowed

    with pytest.raises(TransitionNotAllowed):
        actions.publish_allocation(budget_round, actor=community_staff)


def test_a_funded_project_reports_milestones_and_becomes_a_result_when_accepted(
    community_staff, community_a
):
    project = MicroProjectFactory(
        community=community_a, status=S.FUNDED, field=factories.field("livable-homes")
    )

    actions.report_milestone(project, actor=community_staff, title="完成材料采购")
    with pytest.raises(PermissionDenied):
        actions.accept(project, actor=project.proposer, note="好")
    project = actions.accept(project, actor=community_staff, note="验收合格")

    result = Result.objects.get(pk=project.result_id)
    assert project.status == S.FINISHED and project.finished_at
    assert result.kind == Kind.MICRO_PROJECT and result.source == project
    assert project.proposer in result.contributors.all()


def test_the_home_figure_counts_funded_projects(community_staff, community_a, resident):
    for status in (S.PROPOSED, S.FEASIBLE, S.FUNDED, S.IN_PROGRESS, S.FINISHED, S.NOT_FUNDED):
        MicroProjectFactory(community=community_a, status=status)

    figures = micro_project_figures(resident)

    assert (figures.funded, figures.finished) == (3, 1)
