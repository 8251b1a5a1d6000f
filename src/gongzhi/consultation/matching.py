"""Suggest experts for a topic, each suggestion explained in one line.

The score adds up, with the weights below: whether the expert works in the
topic's field; how close the topic's text is to the expert's stated
expertise and past work (TF-IDF over segmented Chinese words, cosine
similarity); how much the expert already has on hand; and how often they
delivered on time. An expert who declared an interest in the topic, or who
works for one of its stake-holding organisations, is not ranked: they are
listed last with the reason.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from gongzhi.consultation.models import Hearing, Milestone, Opinion, Study, Topic
from gongzhi.insight.segment import words
from gongzhi.people.models import Body, Member

FIELD_WEIGHT = 0.35
TEXT_WEIGHT = 0.45
PUNCTUALITY_WEIGHT = 0.2
# Each task on hand takes this much off the score, up to three tasks.
WORKLOAD_PENALTY = 0.07
MAX_COUNTED_LOAD = 3


@dataclass(frozen=True)
class Suggestion:
    member: Member
    score: float
    reason: str
    conflict: str = ""


def _profile_texts(members: list[Member]) -> dict[int, str]:
    """Each expert's stated expertise plus the topics they worked on before."""
    texts = {m.pk: " ".join(filter(None, [m.title, m.expertise])) for m in members}
    past = [
        *Opinion.objects.filter(member__in=members).values_list(
            "member_id", "hearing__topic__title", "body"
        ),
        *Study.experts.through.objects.filter(member__in=members).values_list(
            "member_id", "study__topic__title", "study__brief"
        ),
    ]
    for member_id, title, body in past:
        texts[member_id] += f" {title} {body[:300]}"
    return texts


def _similarities(topic: Topic, texts: dict[int, str]) -> dict[int, float]:
    ids = list(texts)
    documents = [f"{topic.title} {topic.background}", *(texts[pk] for pk in ids)]
    vectorizer = TfidfVectorizer(analyzer=words)
    try:
        matrix = vectorizer.fit_transform(documents)
    except ValueError:  # every document empty of words
        return dict.fromkeys(ids, 0.0)
    scores = cosine_similarity(matrix[0], matrix[1:]).ravel()
    return {pk: float(score) for pk, score in zip(ids, scores, strict=True)}


def _workloads(members: list[Member]) -> dict[int, int]:
    """Open hearings and unfinished studies each expert is in."""
    open_hearings = Count(
        "invitations", filter=Q(invitations__hearing__status=Hearing.Status.OPEN), distinct=True
    )
    open_studies = Count("studies", filter=~Q(studies__status=Study.Status.ACCEPTED), distinct=True)
    rows = Member.objects.filter(pk__in=[m.pk for m in members]).annotate(
        h=open_hearings, s=open_studies
    )
    return {row.pk: row.h + row.s for row in rows}


def _punctuality(members: list[Member]) -> dict[int, float | None]:
    """Share of opinions and study milestones delivered by their deadline; None without history."""
    counts: dict[int, list[int]] = {m.pk: [0, 0] for m in members}
    for member_id, on_time in Opinion.objects.filter(member__in=members).values_list(
        "member_id", "on_time"
    ):
        counts[member_id][0] += on_time
        counts[member_id][1] += 1
    milestones = Milestone.objects.filter(study__experts__in=members).values_list(
        "study__experts", "on_time"
    )
    for member_id, on_time in milestones:
        if member_id in counts:
            counts[member_id][0] += on_time
            counts[member_id][1] += 1
    return {pk: (done / total if total else None) for pk, (done, total) in counts.items()}


def _conflict(topic: Topic, member: Member, declared: dict[int, str]) -> str:
    if member.pk in declared:
        return _("本人申报利益冲突：%(note)s") % {"note": declared[member.pk]}
    for party in topic.party_list:
        if member.affiliation and (party in member.affiliation or member.affiliation in party):
            return _("利益冲突：工作单位“%(affiliation)s”与课题相关单位相同") % {
                "affiliation": member.affiliation
            }
    return ""


def _reason(field_match: bool, similarity: float, load: int, punctuality: float | None) -> str:
    parts = [_("领域相符") if field_match else _("领域不同")]
    parts.append(_("专长与课题相近度 %(value).2f") % {"value": similarity})
    parts.append(_("在办任务 %(count)s 项") % {"count": load})
    if punctuality is None:
        parts.append(_("暂无履职记录"))
    else:
        parts.append(_("按时率 %(rate)s%%") % {"rate": round(punctuality * 100)})
    return "；".join(parts)


def suggest_experts(topic: Topic, limit: int = 10) -> list[Suggestion]:
    """Active experts ranked by fit for `topic`, best first; conflicted experts last, flagged."""
    members = list(
        Member.objects.active()
        .filter(body=Body.EXPERT)
        .select_related("user")
        .prefetch_related("fields")
    )
    if not members:
        return []
    declared = dict(topic.conflicts.values_list("member_id", "note"))
    similarity = _similarities(topic, _profile_texts(members))
    loads = _workloads(members)
    punctuality = _punctuality(members)
    ranked, flagged = [], []
    for member in members:
        conflict = _conflict(topic, member, declared)
        field_match = any(f.pk == topic.field_id for f in member.fields.all())
        load = loads.get(member.pk, 0)
        on_time = punctuality[member.pk]
        score = (
            FIELD_WEIGHT * field_match
            + TEXT_WEIGHT * similarity[member.pk]
            + PUNCTUALITY_WEIGHT * (1.0 if on_time is None else on_time)
            - WORKLOAD_PENALTY * min(load, MAX_COUNTED_LOAD)
        )
        suggestion = Suggestion(
            member,
            round(score, 3),
            _reason(field_match, similarity[member.pk], load, on_time),
            conflict,
        )
        (flagged if conflict else ranked).append(suggestion)
    ranked.sort(key=lambda s: (-s.score, s.member.pk))
    return ranked[:limit] + flagged
