"""The web side of the text core: field suggestions, similar needs, duplicates,
reply quality and hot issues.

`gongzhi.insight` knows nothing of Django; this module feeds it needs from
the database and turns its labels back into `Field` rows. Everything here is
advice: a failure to load a model must never stop a resident from filing a
need, so callers get an empty answer and the failure goes to the log.
"""

import logging
import threading
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from gongzhi.insight import classify, hotspots, replies
from gongzhi.insight.features import model_text
from gongzhi.insight.similar import DUPLICATE_THRESHOLD, SimilarityIndex
from gongzhi.needs import queries
from gongzhi.needs.models import FieldCorrection, HotIssue, Need, Reply, Status
from gongzhi.places.models import Field

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FieldSuggestion:
    """The field the classifier proposes for a text, how sure it is, and the runners-up."""

    field: Field | None
    confidence: float
    alternatives: list[tuple[Field, float]]


def _fields_by_label() -> dict[str, Field]:
    fields = list(Field.objects.filter(is_active=True))
    by_label = {field.name: field for field in fields}
    for field in fields:
        for alias in field.alias_list:
            by_label.setdefault(alias, field)
    return by_label


def suggest_field(title: str, body: str) -> FieldSuggestion | None:
    """Ask the field classifier; None when no model could be used."""
    try:
        [prediction] = classify.load("field").predict([title], [body])
    except Exception:
        logger.exception("field classifier unavailable")
        return None
    by_label = _fields_by_label()
    alternatives = [(by_label[label], p) for label, p in prediction.top if label in by_label]
    return FieldSuggestion(
        field=by_label.get(prediction.label),
        confidence=prediction.confidence,
        alternatives=alternatives,
    )


# Below this cosine a "similar" need shares little more than common characters
# with what the resident typed (measured on the demo's 10,700 needs: gibberish
# and markup reach 0.02-0.06, a short real complaint 0.09-0.19).
MIN_SIMILARITY = 0.05

# Needs that can still be joined: a resident may support them, staff may merge into them.
_OPEN_TO_JOIN = ~Q(status__in=[Status.MERGED, Status.REJECTED])


class _NeedIndex:
    """One similarity index per process over all joinable needs, grown as new needs arrive.

    Results are filtered through the caller's restricted queryset, so a
    private need is found only by those who may see it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: SimilarityIndex | None = None
        self._last_id = 0

    def _rows(self, after: int):
        rows = Need.objects.filter(_OPEN_TO_JOIN, pk__gt=after).order_by("pk")
        return rows.values_list("pk", "title", "body").iterator(chunk_size=2000)

    def current(self, wait: bool = True) -> SimilarityIndex | None:
        """The index, brought up to date; None if `wait` is false and another thread is at it."""
        if not self._lock.acquire(blocking=wait):
            return None
        try:
            if self._index is None:
                docs = [(pk, model_text(title, body)) for pk, title, body in self._rows(0)]
                self._index = SimilarityIndex(docs)
                self._last_id = max((pk for pk, _ in docs), default=0)
                logger.info("similarity index built over %s needs", len(docs))
            else:
                for pk, title, body in self._rows(self._last_id):
                    self._index.add(pk, model_text(title, body))
                    self._last_id = pk
            return self._index
        finally:
            self._lock.release()

    def reset(self) -> None:
        with self._lock:
            self._index = None
            self._last_id = 0


need_index = _NeedIndex()


def warm_up() -> None:
    """Load the field model and build the similarity index before anyone asks.

    Building the index over ten thousand needs takes seconds; a server calls
    this in a background thread at start-up so the first resident typing a
    need, or the first staff member opening one, does not wait for it.
    """
    try:
        classify.load("field")
        index = need_index.current()
        logger.info("warm-up done: field model loaded, %s needs indexed", len(index))
    except Exception:
        logger.exception("warm-up failed; the caches will be built on first use")


def similar_needs(needs, title: str, body: str = "", k: int = 5) -> list[tuple[Need, float]]:
    """The `k` needs in the restricted queryset `needs` that read most like the text."""
    text = model_text(title, body)
    if len(text) < 4:
        return []
    # While the server is still building the index, say nothing rather than
    # keep the resident waiting; the next keystroke asks again.
    index = need_index.current(wait=False)
    if index is None:
        return []
    # Ask for more than needed: some hits may be invisible to this user.
    hits = [(pk, score) for pk, score in index.query(text, k=k * 4) if score >= MIN_SIMILARITY]
    return _visible(needs, hits)[:k]


def likely_duplicates(needs, need: Need, k: int = 5) -> list[tuple[Need, float]]:
    """Needs in `needs` that are probably the same problem filed again."""
    # Staff decide merges on this list, so it waits for the index to be ready.
    index = need_index.current()
    try:
        hits = index.duplicates_of(need.pk, threshold=DUPLICATE_THRESHOLD, k=k * 4)
    except KeyError:
        # Merged and rejected needs are not in the index.
        return []
    return _visible(needs.filter(_OPEN_TO_JOIN), hits)[:k]


def _visible(needs, hits: list[tuple[int, float]]) -> list[tuple[Need, float]]:
    by_id = needs.in_bulk([pk for pk, _ in hits])
    return [(by_id[pk], score) for pk, score in hits if pk in by_id]


def score_reply(reply: Reply) -> Reply:
    """Judge an official reply and keep the score on it."""
    need = reply.need
    score = replies.score_reply(
        need.title, need.body, reply.body, need.submitted_at, reply.created_at
    )
    reply.quality = score.total
    reply.quality_detail = {
        "relevance": score.relevance,
        "completeness": score.completeness,
        "grounding": score.grounding,
        "timeliness": score.timeliness,
        "delay_days": score.delay_days,
        "reasons": score.reasons,
        "reason_codes": score.reason_codes,
    }
    reply.save(update_fields=["quality", "quality_detail"])
    return reply


def score_unscored_replies(rescore: bool = False) -> int:
    """Score every reply that has no score yet (imports, replies from before scoring existed).

    `rescore` judges every reply again, for when the scoring rules changed.
    """
    count = 0
    chosen = Reply.objects.all() if rescore else Reply.objects.filter(quality__isnull=True)
    for reply in chosen.select_related("need").iterator(chunk_size=500):
        score_reply(reply)
        count += 1
    return count


def refresh_hot_issues(top: int = 10, window_days: int = 60) -> list[HotIssue]:
    """Group the public needs into hot issues again and replace the stored snapshot.

    Only public needs take part, so a hot issue's title and list never
    reveal a private need.
    """
    needs = queries.public_needs().exclude(status=Status.MERGED)
    rows = needs.values_list(
        "pk", "submitter_id", "title", "body", "submitted_at", "support_count", "oppose_count"
    )
    messages = [
        hotspots.Message(str(pk), str(user), title, body, at, likes, dislikes)
        for pk, user, title, body, at, likes, dislikes in rows.iterator(chunk_size=2000)
    ]
    found = hotspots.find_hotspots(messages, top=top, window_days=window_days)
    # Only the swap of snapshots is one transaction: readers never see an
    # empty list, and the write lock is not held while the groups are found.
    with transaction.atomic():
        # A problem still hot at the same place keeps its row, so links to it
        # (on the home page, in a leader's report) outlive the refresh.
        earlier = {_hot_key(issue.place, issue.title): issue for issue in HotIssue.objects.all()}
        issues = []
        for spot in found:
            issue = earlier.pop(_hot_key(spot.place, spot.title), None) or HotIssue()
            issue.rank = spot.rank
            issue.heat = spot.heat
            issue.title = spot.title[:200]
            issue.place = spot.place[:100]
            issue.size = spot.size
            issue.first_at = spot.first_at
            issue.last_at = spot.last_at
            issue.save()
            issue.needs.set([int(pk) for pk in spot.message_ids])
            issues.append(issue)
        HotIssue.objects.filter(pk__in=[issue.pk for issue in earlier.values()]).delete()
    logger.info("hot issues refreshed: %s groups from %s needs", len(issues), len(messages))
    return issues


def _hot_key(place: str, title: str) -> str:
    """What makes two snapshots' hot issues the same one: the place, else the title."""
    return place[:100] or title[:200]


def correction_rows() -> list[tuple[str, str, str]]:
    """Staff corrections as labelled rows (title, body, label) for the next training.

    A field that stands for one of the classifier's labels is written as that
    label, so corrections teach the shipped label set; a field without one
    becomes a label of its own name.
    """
    rows = []
    corrections = FieldCorrection.objects.select_related("need", "chosen")
    for correction in corrections.order_by("pk"):
        field = correction.chosen
        label = field.alias_list[0] if field.alias_list else field.name
        rows.append((correction.need.title, correction.need.body, label))
    return rows
