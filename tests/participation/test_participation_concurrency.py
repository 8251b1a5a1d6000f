"""Many people at once: ballots within the cap and one per voter, no vote after closing, the talk-day cap.

Each thread has its own database connection, so the rows really race. This
needs PostgreSQL: SQLite lets one writer in at a time, so nothing would race.
"""

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from gongzhi.participation.actions import budget, talkday
from gongzhi.participation.models import Ballot, BallotChoice, BudgetRound, Registration, TalkDay

from tests import factories
from tests.factories_participation import TalkDayFactory, budget_round_with, verified

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite admits one writer at a time, so nothing can race",
    ),
]


def in_parallel(calls) -> list[str]:
    """Run every call at the same moment in its own thread and connection; return the outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call):
        from django.db import connection as own

        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except (ValidationError, PermissionDenied) as refused:
            outcomes.append(type(refused).__name__)
        finally:
            own.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_concurrent_ballots_stay_within_the_cap_one_per_voter_and_none_after_closing():
    community = factories.CommunityFactory()
    staff = factories.CommunityStaffFactory(community=community).user
    budget_round = budget_round_with(
        staff, community, [60_000, 50_000, 30_000, 20_000], cap=100_000
    )
    big, medium, small, tiny = budget_round.projects.order_by("pk")
    voters = [verified(f"voter{i}", community) for i in range(12)]
    calls = []
    for voter in voters:
        # Each voter fires a valid ballot, a changed one and one over the cap at once.
        calls.append(
            lambda v=voter: budget.cast_ballot(budget_round, actor=v, projects=[big, small])
        )
        calls.append(
            lambda v=voter: budget.cast_ballot(
                budget_round, actor=v, projects=[medium, small, tiny]
            )
        )
        calls.append(
            lambda v=voter: budget.cast_ballot(budget_round, actor=v, projects=[big, medium])
        )
    calls.append(lambda: budget.close_voting(budget_round, actor=staff))

    outcomes = in_parallel(calls)

    budget_round.refresh_from_db()
    ballots = Ballot.objects.filter(budget_round=budget_round)
    # Every over-cap ballot was refused, as over the cap or as too late.
    assert outcomes.count("ok") <= 2 * len(voters) + 1
    assert ballots.count() == len(set(ballots.values_list("voter_id", flat=True))) <= len(voters)
    assert budget_round.ballot_count == ballots.count()
    assert all(b.total_cost <= budget_round.cap for b in ballots)
    for ballot in ballots:
        picked = BallotChoice.objects.filter(ballot=ballot).values_list(
            "project__reviewed_cost", flat=True
        )
        assert sum(picked) == ballot.total_cost
    assert budget_round.status == BudgetRound.Status.CLOSED
    assert not ballots.filter(changed_at__gt=budget_round.closed_at).exists()


def test_concurrent_registrations_fill_exactly_the_places_there_are():
    talk_day = TalkDayFactory(capacity=5, starts_at=timezone.now() + dt.timedelta(days=2))
    people = [factories.UserFactory() for _ in range(16)]

    outcomes = in_parallel(
        [lambda p=p: talkday.register(talk_day, actor=p) for p in people]
        + [lambda: talkday.register(talk_day, actor=people[0])]
    )

    talk_day.refresh_from_db()
    assert outcomes.count("ok") == 5
    assert talk_day.registered_count == Registration.objects.filter(talk_day=talk_day).count() == 5
    assert TalkDay.objects.get(pk=talk_day.pk).places_left == 0
