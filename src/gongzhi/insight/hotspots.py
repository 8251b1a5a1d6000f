"""Hot issues (热点难点): group messages about one problem at one place, rank by heat.

How it works:

1. Each message's place is found in its subject line, or in its opening
   lines (`places.main_place`). Place names that contain a shorter known
   place name of at least four characters are folded into it
   (万科魅力之城 -> 魅力之城), so spellings of one place meet.
2. Within each place, messages are linked when their problem texts (subject
   and opening, with the place and district names removed) are similar
   enough and were posted within `window_days` of each other; linked
   messages form one group (single linkage). Messages without a place are
   linked only when they are near repeats of each other.
3. Each group gets a heat index (see `heat_index`) and a one-line title:
   the place, then the problem as stated by the group's most typical
   message.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

from gongzhi.insight.normalize import normalize
from gongzhi.insight.places import PlaceMention, main_place

# Cosine of problem texts above which two messages about the same place are
# about the same problem; without a shared place a text must nearly repeat.
SAME_PLACE_SIMILARITY = 0.08
NO_PLACE_SIMILARITY = 0.5
_CHUNK = 2000
_OPENING_CHARS = 120
_BODY_SEARCH_CHARS = 400
_PARALLEL_FROM = 20_000
_BATCH = 10_000
_JOBS = 2
# Hashing needs no vocabulary, so batches can be vectorised in separate processes.
_HASHER = HashingVectorizer(
    analyzer="char", ngram_range=(2, 2), n_features=1 << 20, alternate_sign=False, norm=None
)
# In a large block, bigrams in more than this share of its texts are left out
# when looking for candidate pairs; the pairs found are then scored in full.
_COMMON_SHARE = 0.01
_LARGE_BLOCK = 5000
# Groups compared with hotter ones for merging: this many times `top`.
_RELATED_POOL = 5
_RELATED_SHARE = 0.3
_NO_PLACE_FACTOR = 0.5
_MERGE_SAMPLE = 40


@dataclass(frozen=True)
class Message:
    """One resident message, as the hot-issue finder needs it."""

    id: str
    user_id: str
    title: str
    body: str
    posted_at: datetime
    likes: int = 0
    dislikes: int = 0


@dataclass
class Hotspot:
    """A group of messages about one problem at one place, with its heat and title."""

    rank: int
    heat: float
    size: int
    place: str
    title: str
    message_ids: list[str]
    first_at: datetime
    last_at: datetime
    users: int = 0
    likes: int = 0
    members: list[Message] = field(default_factory=list, repr=False)


def heat_index(group: list[Message], window_days: int) -> float:
    """How hot a group is: many people, many supports, close together in time, growing.

    heat = 10 x volume x concentration x growth, where

    * volume = 2 ln(1 + distinct people) + ln(1 + messages) + 0.5 ln(1 + net supports);
      people count twice so one person re-posting does not make an issue hot;
      supports are likes minus half the dislikes (never below 0);
    * concentration = 0.6 + 0.4 / (1 + span / window): a burst weighs more than
      the same number of messages spread over a year;
    * growth = 1 + 0.2 g, g in [-1, 1] = share of messages in the later half of
      the group's span minus the share in the earlier half.
    """
    people = len({message.user_id for message in group})
    supports = max(0.0, sum(m.likes for m in group) - 0.5 * sum(m.dislikes for m in group))
    volume = 2 * math.log1p(people) + math.log1p(len(group)) + 0.5 * math.log1p(supports)
    times = sorted(message.posted_at for message in group)
    span_days = (times[-1] - times[0]).total_seconds() / 86400
    concentration = 0.6 + 0.4 / (1 + span_days / window_days)
    growth = 1 + 0.2 * _growth(times)
    return round(10 * volume * concentration * growth, 1)


def _growth(times: list[datetime]) -> float:
    if len(times) < 3 or times[-1] == times[0]:
        return 0.0
    middle = times[0] + (times[-1] - times[0]) / 2
    later = sum(time > middle for time in times)
    return (2 * later - len(times)) / len(times)


class _UnionFind:
    def __init__(self, size: int):
        self.parent = np.arange(size)

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _fold_aliases(keys: set[str]) -> dict[str, str]:
    """Map each place key to the shortest known proper key (of 3+ characters) inside it."""
    folded = {}
    for key in keys:
        inner = [
            key[i:j]
            for i in range(len(key))
            for j in range(i + 3, len(key) + 1)
            if (i, j) != (0, len(key)) and key[i:j] in keys
        ]
        folded[key] = min(inner, key=len) if inner else key
    return folded


def _keys_from_bodies(
    messages: list[Message], keys: list[str | None], aliases: dict[str, str]
) -> list[str | None]:
    """Give a message without a proper place the first known place its body names.

    A generic subject ("小区附近搅拌站噪音扰民") often names the compound only
    in the body; only places that other messages name in their subject count,
    so a passing mention of some street does not move a message.
    """
    known = sorted({key for key in keys if key and len(key) >= 3}, key=len, reverse=True)
    if not known:
        return keys
    pattern = "|".join(map(re.escape, known))
    unplaced = [i for i, key in enumerate(keys) if key is None]
    bodies = [messages[i].body[:_BODY_SEARCH_CHARS] for i in unplaced]
    found = list(keys)
    for index, name in zip(unplaced, _in_parallel(_search_batch, bodies, pattern), strict=True):
        found[index] = aliases.get(name, name) if name else None
    return found


def _search_batch(bodies: list[str], pattern: str) -> list[str | None]:
    compiled = re.compile(pattern)
    matches = [compiled.search(normalize(body)) for body in bodies]
    return [match.group() if match else None for match in matches]


def _problem_text(message: Message, place: PlaceMention | None) -> str:
    text = normalize(f"{message.title} {message.body[:_OPENING_CHARS]}")
    if place:
        text = text.replace(place.name, " ").replace(place.key, " ")
    return re.sub(r"[A-Z]\d{0,2}[省市区县]|西地省|\s+", "", text)


def _link(
    matrix: sp.csr_matrix,
    rows: np.ndarray,
    days: np.ndarray,
    threshold: float,
    window_days: int,
    groups: _UnionFind,
) -> None:
    """Union the rows whose cosine reaches `threshold` and whose dates are close."""
    block = matrix[rows]
    probe = _without_common_features(block) if len(rows) > _LARGE_BLOCK else block
    # Leaving features out can only lower a score, so probe with a lower bar
    # and keep the pairs whose full score reaches the threshold.
    bar = threshold / 2 if probe is not block else threshold
    probe_t = probe.T.tocsr()
    for start in range(0, len(rows), _CHUNK):
        scores = (probe[start : start + _CHUNK] @ probe_t).tocoo()
        keep = scores.data >= bar
        left, right = scores.row[keep] + start, scores.col[keep]
        close = (left < right) & (np.abs(days[rows[left]] - days[rows[right]]) <= window_days)
        left, right = left[close], right[close]
        if probe is not block:
            full = np.asarray(block[left].multiply(block[right]).sum(axis=1)).ravel()
            left, right = left[full >= threshold], right[full >= threshold]
        for a, b in zip(rows[left], rows[right], strict=True):
            groups.union(int(a), int(b))


def _without_common_features(block: sp.csr_matrix) -> sp.csr_matrix:
    df = np.bincount(block.indices, minlength=block.shape[1])
    pruned = block.copy()
    pruned.data[df[pruned.indices] > _COMMON_SHARE * block.shape[0]] = 0
    pruned.eliminate_zeros()
    return pruned


def _in_parallel(function, items: list, *args) -> list:
    """`function(batch, *args)` over batches of `items`, in two processes when there are many.

    The per-message work (segmenting, tagging, matching) is pure Python, so
    two processes on a two-core machine nearly halve the wait.
    """
    batches = [items[i : i + _BATCH] for i in range(0, len(items), _BATCH)]
    if len(items) < _PARALLEL_FROM:
        done = [function(batch, *args) for batch in batches]
    else:
        done = Parallel(n_jobs=_JOBS)(delayed(function)(batch, *args) for batch in batches)
    return [result for batch in done for result in batch]


def _read_batch(messages: list[Message]) -> list[tuple[PlaceMention | None, str]]:
    found = []
    for message in messages:
        place = main_place(message.title, message.body)
        found.append((place, _problem_text(message, place)))
    return found


def places_of(messages: list[Message]) -> list[PlaceMention | None]:
    """The main place of every message."""
    return [place for place, _ in _in_parallel(_read_batch, messages)]


def _hash_batch(texts: list[str]) -> sp.csr_matrix:
    return _HASHER.transform(texts)


def _read(messages: list[Message]) -> tuple[list[PlaceMention | None], sp.csr_matrix]:
    """Places and problem-text vectors (TF-IDF of character bigrams, unit length)."""
    read = _in_parallel(_read_batch, messages)
    texts = [text for _, text in read]
    batches = [texts[i : i + _BATCH] for i in range(0, len(texts), _BATCH)]
    if len(texts) < _PARALLEL_FROM:
        counts = [_hash_batch(batch) for batch in batches]
    else:
        counts = Parallel(n_jobs=_JOBS)(delayed(_hash_batch)(batch) for batch in batches)
    matrix = sp.vstack(counts, format="csr") if counts else sp.csr_matrix((0, _HASHER.n_features))
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(matrix)
    return [place for place, _ in read], tfidf.astype(np.float32).tocsr()


def group_messages(
    messages: list[Message],
    window_days: int = 60,
    places: list[PlaceMention | None] | None = None,
    matrix: sp.csr_matrix | None = None,
) -> list[list[int]]:
    """Indices of messages grouped by place and problem (every message is in one group)."""
    if places is None or matrix is None:
        places, matrix = _read(messages)
    aliases = _fold_aliases({place.key for place in places if place and place.proper})
    keys = [aliases[place.key] if place and place.proper else None for place in places]
    keys = _keys_from_bodies(messages, keys, aliases)
    days = np.array([m.posted_at.timestamp() / 86400 for m in messages])

    blocks: dict[str | None, list[int]] = {}
    for index, key in enumerate(keys):
        blocks.setdefault(key, []).append(index)
    groups = _UnionFind(len(messages))
    for key, rows in blocks.items():
        threshold = NO_PLACE_SIMILARITY if key is None else SAME_PLACE_SIMILARITY
        _link(matrix, np.array(rows), days, threshold, window_days, groups)

    members: dict[int, list[int]] = {}
    for index in range(len(messages)):
        members.setdefault(groups.find(index), []).append(index)
    return list(members.values())


_FILLER = re.compile(
    r"^(?:关于|有关|投诉|反映|举报|建议|希望|请求|恳请|请问|咨询|强烈|再次|要求|请|对|的|在|和|、|:|,|-|\s)+"
)
_TAIL = re.compile(r"(?:的问题|问题|的投诉|的建议|的反映|[!?！？。,，、:：.\s])+$")
_DISTRICT_WORD = re.compile(r"[A-Z]\d{0,2}[省市区县]|西地省")
_TITLE_CHARS = 24


def _centrality(matrix: sp.csr_matrix, rows: list[int]) -> np.ndarray:
    """For each member, its summed similarity to the others: the most typical one is highest."""
    block = matrix[rows]
    return np.asarray((block @ block.T).sum(axis=1)).ravel()


def _problem_phrase(title: str, place: str) -> str:
    """What a subject line says is wrong, without the place and the polite openings."""
    at = title.find(place) if place else -1
    rest = title[at + len(place) :] if at >= 0 else title
    if len(rest) < 4:
        rest = title
    rest = _TAIL.sub("", _FILLER.sub("", _DISTRICT_WORD.sub("", rest)))
    # Keep whole clauses: the first one, and the next while they fit.
    clauses = [c for c in re.split(r"[,，。!！?？;；]", rest) if c]
    phrase = clauses[0] if clauses else rest
    for clause in clauses[1:]:
        if len(phrase) + len(clause) + 1 > _TITLE_CHARS:
            break
        phrase = f"{phrase}，{clause}"
    return phrase[:_TITLE_CHARS]


def _district(places: list[PlaceMention]) -> str:
    counts = Counter(p.district for p in places if p.district.endswith(("区", "县")))
    counts = counts or Counter(p.district for p in places if p.district)
    return counts.most_common(1)[0][0] if counts else ""


def _describe(
    group: list[Message], places: list[PlaceMention | None], centrality: np.ndarray
) -> tuple[str, str]:
    """The group's place label and its one-line title."""
    named = [place for place in places if place]
    name = Counter(place.name for place in named).most_common(1)[0][0] if named else ""
    district = _district(named)
    order = np.argsort(-centrality, kind="stable")
    # The most typical message that names the place states the problem best.
    key = named[0].key if named else ""
    titles = [normalize(group[i].title) for i in order]
    best = next((t for t in titles if name and (name in t or key in t)), titles[0])
    problem = _problem_phrase(best, name if name in best else key)
    place_label = f"{district}{name}" if name else district
    return place_label, f"{place_label}：{problem}" if place_label else problem


def find_hotspots(
    messages: Iterable[Message], top: int = 10, window_days: int = 60, min_size: int = 2
) -> list[Hotspot]:
    """The `top` hottest groups of messages, hottest first.

    Groups smaller than `min_size` are left out: one message, however liked,
    is not yet a shared problem.
    """
    messages = list(messages)
    if not messages:
        return []
    places, matrix = _read(messages)
    groups = [rows for rows in group_messages(messages, window_days, places, matrix)]
    groups = [rows for rows in groups if len(rows) >= min_size]
    groups.sort(key=lambda rows: -heat_index([messages[i] for i in rows], window_days))
    groups = _merge_related(groups[: _RELATED_POOL * top], messages, places, window_days)
    candidates = []
    for rows in groups:
        group = [messages[i] for i in rows]
        heat = heat_index(group, window_days)
        # A group of near repeats without a named place is not yet "one place".
        if not _has_proper_place([places[i] for i in rows]):
            heat = round(heat * _NO_PLACE_FACTOR, 1)
        candidates.append((heat, rows, group))
    candidates.sort(key=lambda item: (-item[0], item[1][0]))
    return [
        _hotspot(rank, heat, group, [places[i] for i in rows], _centrality(matrix, rows))
        for rank, (heat, rows, group) in enumerate(candidates[:top], start=1)
    ]


def _has_proper_place(places: list[PlaceMention | None]) -> bool:
    """Whether the place most members name is a proper name (not 幼儿园 or 搅拌站)."""
    named = Counter(place.name for place in places if place)
    if not named:
        return False
    name = named.most_common(1)[0][0]
    return any(place.proper for place in places if place and place.name == name)


def _merge_related(
    groups: list[list[int]],
    messages: list[Message],
    places: list[PlaceMention | None],
    window_days: int,
) -> list[list[int]]:
    """Fold a group into a hotter one when many of its messages name the hotter one's place.

    Residents name the same problem after different things: a housing estate,
    its developer, the employer that sold the flats. When at least
    `_RELATED_SHARE` of a group's messages mention the place of a hotter group
    that overlaps it in time, both are one problem.
    """
    kept: list[list[int]] = []
    for rows in groups:
        target = next(
            (
                k
                for k in kept
                if _mentions_share(k, rows, messages, places, window_days) >= _RELATED_SHARE
            ),
            None,
        )
        if target is None:
            kept.append(list(rows))
        else:
            target.extend(rows)
    return kept


def _mentions_share(
    hotter: list[int],
    rows: list[int],
    messages: list[Message],
    places: list[PlaceMention | None],
    window_days: int,
) -> float:
    named = Counter(places[i].key for i in hotter if places[i] and places[i].proper)
    if not named:
        return 0.0
    key = named.most_common(1)[0][0]
    start = min(messages[i].posted_at for i in hotter) - timedelta(days=window_days)
    end = max(messages[i].posted_at for i in hotter) + timedelta(days=window_days)
    if not any(start <= messages[i].posted_at <= end for i in rows):
        return 0.0
    # An estimate from a sample is enough to tell 30 % from none.
    sample = rows[:: max(1, len(rows) // _MERGE_SAMPLE)]
    hits = sum(
        key in normalize(messages[i].title + messages[i].body[:_BODY_SEARCH_CHARS]) for i in sample
    )
    return hits / len(sample)


def _hotspot(
    rank: int,
    heat: float,
    group: list[Message],
    places: list[PlaceMention | None],
    centrality: np.ndarray,
) -> Hotspot:
    place, title = _describe(group, places, centrality)
    group = sorted(group, key=lambda m: m.posted_at)
    return Hotspot(
        rank=rank,
        heat=heat,
        size=len(group),
        place=place,
        title=title,
        message_ids=[m.id for m in group],
        first_at=group[0].posted_at,
        last_at=group[-1].posted_at,
        users=len({m.user_id for m in group}),
        likes=sum(m.likes for m in group),
        members=group,
    )
