"""Keeping a deliberation's opinion map in step with its votes.

The map is stored with the vote counter it was computed for. Reading it
(`current_map`) recomputes it there and then when votes arrived since and
the matrix is small; a large matrix is recomputed by a background task and
the page shows the previous map, marked as being updated, meanwhile.
"""

import logging
import time

from django.db import transaction
from django.utils import timezone

from gongzhi.participation.models import Deliberation, OpinionMap, Statement, Vote
from gongzhi.participation.opinion_math import compute

logger = logging.getLogger(__name__)

# Up to this many votes a recompute takes well under a second (see
# benchmarks/bench_opinion_map.py), so it can run inside the request.
RECOMPUTE_IN_REQUEST = 50_000


def votes_of(deliberation: Deliberation) -> list[tuple[int, int, int]]:
    """The vote matrix as (user, statement, value) rows, without hidden statements."""
    hidden = Statement.objects.filter(deliberation=deliberation, is_hidden=True).values("pk")
    rows = Vote.objects.filter(deliberation=deliberation).exclude(statement_id__in=hidden)
    return list(rows.values_list("user_id", "statement_id", "value"))


def refresh(deliberation: Deliberation) -> OpinionMap:
    """Recompute and store the map from the votes as they are now."""
    counter = Deliberation.objects.values_list("vote_count", flat=True).get(pk=deliberation.pk)
    started = time.perf_counter()
    groups = compute(votes_of(deliberation))
    seconds = time.perf_counter() - started
    opinion_map, _created = OpinionMap.objects.update_or_create(
        deliberation=deliberation,
        defaults={
            "vote_count": counter,
            "participant_count": groups.participants,
            "data": groups.as_dict(),
            "computed_at": timezone.now(),
            "seconds": seconds,
        },
    )
    logger.info(
        "opinion map of deliberation %s: %s participants in %.2f s",
        deliberation.pk,
        groups.participants,
        seconds,
    )
    return opinion_map


def current_map(deliberation: Deliberation) -> tuple[OpinionMap | None, bool]:
    """The map to show and whether it is still catching up with newer votes."""
    stored = OpinionMap.objects.filter(deliberation=deliberation).first()
    if stored is not None and stored.vote_count == deliberation.vote_count:
        return stored, False
    if deliberation.vote_count <= RECOMPUTE_IN_REQUEST or stored is None:
        return refresh(deliberation), False
    from gongzhi.participation.tasks import refresh_opinion_map

    transaction.on_commit(lambda: refresh_opinion_map.enqueue(deliberation.pk))
    return stored, True
