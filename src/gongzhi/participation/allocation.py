"""How a budget round's money is shared out: the allocation rule, as a pure function.

The rule, as residents read it on the results page:

1. Projects are ranked by votes, most first. Equal votes: the cheaper project
   first (the same money serves more projects); then the earlier proposal.
2. Going down the ranking, a project is funded when its reviewed cost fits
   in what is left of the budget; one that does not fit is skipped, and the
   next ones still get their chance ("greedy by votes, skipping what no
   longer fits").
3. A project nobody voted for is not funded, however much money is left.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    project: int
    cost: int
    votes: int
    order: int  # proposal order, for the last tie-break


@dataclass(frozen=True)
class Decision:
    project: int
    rank: int
    votes: int
    cost: int
    funded: bool
    left_before: int
    reason: str  # "funded", "over_budget" or "no_votes"


def allocate(candidates: list[Candidate], cap: int) -> list[Decision]:
    """The decision on every candidate, in ranking order."""
    ranking = sorted(candidates, key=lambda c: (-c.votes, c.cost, c.order))
    left = cap
    decisions = []
    for rank, candidate in enumerate(ranking, start=1):
        if candidate.votes == 0:
            reason = "no_votes"
        elif candidate.cost <= left:
            reason = "funded"
        else:
            reason = "over_budget"
        decisions.append(
            Decision(
                candidate.project,
                rank,
                candidate.votes,
                candidate.cost,
                reason == "funded",
                left,
                reason,
            )
        )
        if reason == "funded":
            left -= candidate.cost
    return decisions
