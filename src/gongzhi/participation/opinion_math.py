"""Opinion groups from a vote matrix: pure numerical code, no Django.

Input is a list of votes `(participant, statement, value)` with value 1
(agree), -1 (disagree) or 0 (pass). The method follows Polis in spirit:

1. Build the participant x statement matrix; a cell nobody filled takes the
   statement's mean vote, so silence neither agrees nor disagrees.
2. Centre each column and project everyone onto the first two principal
   components (a thin SVD). A participant who voted on few statements is
   pushed out by sqrt(statements / votes cast), so sparse voters are not all
   piled up in the middle.
3. Cluster the projected points with k-means for k = 2..5 and keep the k with
   the best silhouette score, leaving out splits with a group smaller than
   3% of the participants (or than two people).
4. Tally every statement within each group. A statement is *consensus* when
   every group agrees with it (smoothed agree rate >= 0.6); it is *divisive*
   when the groups' agree rates are far apart (spread >= 0.3). Each group's
   *representative* statements are those it agrees with much more than the
   rest do.
"""

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits

MIN_VOTES = 3
MIN_PARTICIPANTS = 6
MAX_GROUPS = 5
# No group smaller than this share of the participants (and never under two).
MIN_GROUP_SHARE = 0.03
CONSENSUS_RATE = 0.6
DIVISIVE_SPREAD = 0.3
SILHOUETTE_SAMPLE = 1500
LIST_LENGTH = 5


@dataclass
class Tally:
    statement: int
    agree: int
    disagree: int
    passed: int
    groups: list[dict] = field(default_factory=list)


@dataclass
class OpinionGroups:
    participants: int
    points: list[tuple[int, float, float, int]]
    group_sizes: list[int]
    tallies: list[Tally]
    consensus: list[int]
    divisive: list[int]
    representative: list[list[int]]
    silhouette: float | None

    def as_dict(self) -> dict:
        return asdict(self)


def _matrix(votes: Iterable[tuple[int, int, int]]):
    rows = np.asarray(list(votes), dtype=np.int64).reshape(-1, 3)
    people, person_index = np.unique(rows[:, 0], return_inverse=True)
    statements, statement_index = np.unique(rows[:, 1], return_inverse=True)
    values = np.zeros((len(people), len(statements)), dtype=np.float32)
    seen = np.zeros_like(values, dtype=bool)
    values[person_index, statement_index] = rows[:, 2]
    seen[person_index, statement_index] = True
    return people, statements, values, seen


def _project(values: np.ndarray, seen: np.ndarray) -> np.ndarray:
    counts = seen.sum(axis=0)
    means = np.divide(
        values.sum(axis=0), counts, out=np.zeros(values.shape[1], np.float32), where=counts > 0
    )
    filled = np.where(seen, values, means)
    centred = (filled - filled.mean(axis=0)).astype(np.float64)
    # The principal axes are the top eigenvectors of the small statements x
    # statements covariance matrix: far cheaper than an SVD of the whole
    # matrix when there are many more participants than statements.
    _eigenvalues, eigenvectors = np.linalg.eigh(centred.T @ centred)
    components = eigenvectors[:, ::-1][:, :2].T
    # An SVD may flip a component's sign between runs; fixing it keeps the
    # map from mirroring itself every time a vote arrives.
    signs = np.sign(components[np.arange(len(components)), np.abs(components).argmax(axis=1)])
    coords = centred @ (components * signs[:, None]).T
    if coords.shape[1] < 2:
        coords = np.hstack([coords, np.zeros((coords.shape[0], 2 - coords.shape[1]))])
    cast = seen.sum(axis=1)
    coords *= np.sqrt(values.shape[1] / np.maximum(cast, 1))[:, None]
    return coords


def _cluster(coords: np.ndarray) -> tuple[np.ndarray, float | None]:
    best_labels, best_score = np.zeros(len(coords), dtype=int), None
    sample = min(SILHOUETTE_SAMPLE, len(coords))
    # People who voted exactly alike share a point; k-means cannot make more
    # groups than there are distinct points.
    distinct = len(np.unique(coords.round(6), axis=0))
    smallest = max(2, int(np.ceil(MIN_GROUP_SHARE * len(coords))))
    for k in range(2, min(MAX_GROUPS, distinct, len(coords) - 1) + 1):
        labels = KMeans(n_clusters=k, n_init=3, random_state=0).fit_predict(coords)
        # A "group" of one or two outliers says nothing about opinion groups.
        if len(set(labels)) < 2 or np.bincount(labels).min() < smallest:
            continue
        score = silhouette_score(coords, labels, sample_size=sample, random_state=0)
        if best_score is None or score > best_score:
            best_labels, best_score = labels, float(score)
    # Groups are numbered by size, largest first, so "group A" means the
    # same thing as long as the camps keep their relative size.
    order = np.argsort(-np.bincount(best_labels), kind="stable")
    relabel = np.empty_like(order)
    relabel[order] = np.arange(len(order))
    return relabel[best_labels], best_score


def _rate(agree: np.ndarray, seen: np.ndarray) -> np.ndarray:
    return (agree + 1) / (seen + 2)


def compute(votes: Iterable[tuple[int, int, int]]) -> OpinionGroups:
    """The opinion groups, per-group tallies and consensus/divisive statements of these votes."""
    # The matrices are small; spreading them over threads costs more than it
    # gains, and under a busy web server it multiplies the load.
    with threadpool_limits(1):
        return _compute(votes)


def _compute(votes: Iterable[tuple[int, int, int]]) -> OpinionGroups:
    people, statements, values, seen = _matrix(votes)
    agree_all = ((values > 0) & seen).sum(axis=0)
    disagree_all = ((values < 0) & seen).sum(axis=0)
    tallies = [
        Tally(int(s), int(a), int(d), int(n - a - d))
        for s, a, d, n in zip(statements, agree_all, disagree_all, seen.sum(axis=0), strict=True)
    ]
    active = seen.sum(axis=1) >= min(MIN_VOTES, len(statements))
    if active.sum() < MIN_PARTICIPANTS or len(statements) < 2:
        return OpinionGroups(int(active.sum()), [], [], tallies, [], [], [], None)

    values, seen, people = values[active], seen[active], people[active]
    coords = _project(values, seen)
    labels, score = _cluster(coords)
    scale = float(np.abs(coords).max()) or 1.0
    coords = coords / scale
    points = [
        (int(p), round(float(x), 4), round(float(y), 4), int(g))
        for p, (x, y), g in zip(people, coords, labels, strict=True)
    ]
    groups = int(labels.max()) + 1
    agree = np.stack([((values > 0) & seen)[labels == g].sum(axis=0) for g in range(groups)])
    disagree = np.stack([((values < 0) & seen)[labels == g].sum(axis=0) for g in range(groups)])
    shown = np.stack([seen[labels == g].sum(axis=0) for g in range(groups)])
    rates = _rate(agree, shown)
    for i, tally in enumerate(tallies):
        tally.groups = [
            {
                "agree": int(agree[g, i]),
                "disagree": int(disagree[g, i]),
                "seen": int(shown[g, i]),
                "rate": round(float(rates[g, i]), 3),
            }
            for g in range(groups)
        ]
    return OpinionGroups(
        participants=len(people),
        points=points,
        group_sizes=[int(n) for n in np.bincount(labels, minlength=groups)],
        tallies=tallies,
        consensus=_consensus(statements, rates, shown),
        divisive=_divisive(statements, rates, shown),
        representative=_representative(statements, agree, shown),
        silhouette=score,
    )


def _consensus(statements, rates, shown) -> list[int]:
    lowest = np.where((shown > 0).all(axis=0), rates.min(axis=0), 0)
    order = np.argsort(-lowest, kind="stable")
    return [int(statements[i]) for i in order[:LIST_LENGTH] if lowest[i] >= CONSENSUS_RATE]


def _divisive(statements, rates, shown) -> list[int]:
    spread = np.where((shown > 0).all(axis=0), rates.max(axis=0) - rates.min(axis=0), 0)
    order = np.argsort(-spread, kind="stable")
    return [int(statements[i]) for i in order[:LIST_LENGTH] if spread[i] >= DIVISIVE_SPREAD]


def _representative(statements, agree, shown) -> list[list[int]]:
    """For each group, the statements it agrees with most beyond what the others do."""
    result = []
    for g in range(len(agree)):
        inside = _rate(agree[g], shown[g])
        outside = _rate(agree.sum(axis=0) - agree[g], shown.sum(axis=0) - shown[g])
        lift = np.where(inside >= 0.5, inside - outside, -1)
        order = np.argsort(-lift, kind="stable")
        result.append([int(statements[i]) for i in order[:3] if lift[i] > 0.1])
    return result
