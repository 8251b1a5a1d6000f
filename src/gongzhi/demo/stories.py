"""Fresh demo needs in every workflow state, made through the real actions.

Each story submits a need as a demo resident and walks it through the
actions in `gongzhi.needs.actions`, so its timeline, replies and
notifications are the ones the platform writes. The actions stamp "now";
afterwards `backdate` spreads each story over the last 30 days and
recomputes the deadlines from the new times, as the actions would have.
Texts are real messages from the shipped labelled set, re-dated.
"""

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from gongzhi.core.calendar import working_days_after
from gongzhi.needs import actions
from gongzhi.needs.importer import Message, Parser, RowError, read_rows
from gongzhi.needs.intelligence import score_reply
from gongzhi.needs.models import Need, NeedPolicy, Rating, Reply, TimelineEntry
from gongzhi.people.models import User
from gongzhi.places.demo import department_for
from gongzhi.places.models import Department, Place


@dataclass(frozen=True)
class Plan:
    """How many needs end in one state, and how many days ago they were submitted."""

    state: str
    count: int
    days_ago: tuple[int, int]
    steps: tuple[str, ...]


PLANS = [
    Plan("submitted", 5, (0, 0), ()),
    Plan("submitted-overdue", 4, (4, 9), ()),
    Plan("rejected", 4, (2, 20), ("reject",)),
    Plan("accepted", 4, (0, 3), ("accept",)),
    Plan("accepted-overdue", 2, (25, 29), ("accept",)),
    Plan("assigned", 5, (1, 10), ("accept", "assign")),
    Plan("transferred", 2, (2, 10), ("accept", "assign-wrong", "transfer")),
    Plan("assigned-overdue", 3, (26, 30), ("accept", "assign")),
    Plan("replied", 7, (5, 20), ("accept", "assign", "reply")),
    Plan("closed", 6, (8, 25), ("accept", "assign", "reply", "close")),
    Plan("satisfied", 8, (10, 30), ("accept", "assign", "reply", "close", "rate-satisfied")),
    Plan(
        "basically-satisfied", 3, (10, 30), ("accept", "assign", "reply", "close", "rate-basically")
    ),
    Plan("reopened", 3, (12, 30), ("accept", "assign", "reply", "close", "rate-dissatisfied")),
    Plan("merged", 4, (1, 15), ("merge",)),
]

REJECT_REASONS = [
    "该事项已进入司法程序，请通过诉讼途径解决。",
    "反映的问题不属于本区管辖范围，已告知向有关单位反映。",
    "留言内容不完整，无法核实，请补充具体地点后重新提交。",
]
REPLY_TEMPLATES = [
    "您好！关于您反映的“{title}”，我单位已安排工作人员到现场核实，并责成相关单位限期整改，整改情况将持续跟踪。感谢您对我区工作的关心和支持！",
    "您好！您反映的“{title}”已收悉。经核查，情况基本属实，我单位已约谈相关责任方并制定处理方案，预计两周内完成。如有疑问，请在平台继续留言。",
    "您好！针对“{title}”，我单位会同街道、社区进行了实地调查，现已协调解决。欢迎您继续监督。",
]
TRANSFER_REASON = "经核实，该事项属于其他部门职责范围，现予转办。"


@dataclass
class Cast:
    """Who plays the staff parts in the stories."""

    admin: User
    community: Place
    community_staff: User
    departments: dict[str, Department]
    department_staff: dict[int, User]

    def intake(self, need: Need) -> User:
        inside = need.place and need.place.path.startswith(self.community.path)
        return self.community_staff if inside else self.admin

    def answerer(self, need: Need) -> User:
        return self.department_staff.get(need.department_id, self.admin)


def sample_messages(path: Path, count: int, rng: random.Random) -> list[Message]:
    """`count` real labelled messages with a title and a field, to re-use as demo texts."""
    parser = Parser()
    messages = []
    for number, row in read_rows(path):
        try:
            message = parser.parse(number, row)
        except RowError:
            continue
        if row.get("message_id") and message.field:
            messages.append(message)
    return rng.sample(messages, min(count, len(messages)))


def tell_stories(
    cast: Cast, residents: list[User], messages: list[Message], rng: random.Random, count: int
) -> list[Need]:
    """Create `count` demo needs spread over the plans; merges come last, into earlier needs."""
    plans = [plan for plan in PLANS for _ in range(plan.count)]
    rng.shuffle(plans)
    plans = sorted(plans[:count], key=lambda plan: plan.state == "merged")
    needs: list[Need] = []
    for plan, message in zip(plans, messages, strict=False):
        submitter = rng.choice(residents)
        if plan.state == "merged":
            need = _merged_story(cast, submitter, needs, rng)
        else:
            need = _story(cast, plan, submitter, message, rng)
        if need:
            needs.append(need)
    return needs


def _story(cast: Cast, plan: Plan, submitter: User, message: Message, rng: random.Random) -> Need:
    need = actions.submit(
        submitter,
        title=message.title,
        body=message.body,
        field=message.field,
        place=_grid_of(submitter, rng),
        kind=rng.choice(Need.Kind.values),
        is_anonymous=rng.random() < 0.15,
    )
    Need.objects.filter(pk=need.pk).update(is_demo=True)
    for step in plan.steps:
        need = _step(cast, need, step, rng)
    submitted_at = _start(plan, rng)
    backdate(need, submitted_at, rng)
    return need


def _merged_story(
    cast: Cast, submitter: User, needs: list[Need], rng: random.Random
) -> Need | None:
    # A second resident posts the same problem again; the intake desk merges
    # the repeat into the need that is being handled.
    targets = [
        n for n in needs if n.status in ("accepted", "assigned") and n.submitter_id != submitter.pk
    ]
    if not targets:
        return None
    target = Need.objects.get(pk=rng.choice(targets).pk)
    need = actions.submit(
        submitter, title=target.title, body=target.body, field=target.field, place=target.place
    )
    Need.objects.filter(pk=need.pk).update(is_demo=True)
    need = actions.merge(need, into=target, actor=cast.intake(target))
    # The repeat arrives while the kept need is being handled: after its last step.
    handled_until = max(target.timeline.exclude(action="absorb").values_list("at", flat=True))
    posted = handled_until + (timezone.now() - handled_until) * rng.uniform(0.1, 0.6)
    backdate(need, posted, rng)
    merged_at = need.timeline.get(action="merge").at
    target.timeline.filter(action="absorb", data__merged=need.pk).update(at=merged_at)
    return need


def _step(cast: Cast, need: Need, step: str, rng: random.Random) -> Need:
    right = department_for(cast.departments, need.field)
    if step == "accept":
        return actions.accept(need, actor=cast.intake(need))
    if step == "reject":
        return actions.reject(need, actor=cast.intake(need), reason=rng.choice(REJECT_REASONS))
    if step == "assign":
        return actions.assign(need, department=right, actor=cast.intake(need))
    if step == "assign-wrong":
        wrong = next(d for d in cast.departments.values() if d != right)
        return actions.assign(need, department=wrong, actor=cast.intake(need))
    if step == "transfer":
        return actions.transfer(
            need, department=right, actor=cast.answerer(need), reason=TRANSFER_REASON
        )
    if step == "reply":
        body = rng.choice(REPLY_TEMPLATES).format(title=need.title)
        return actions.reply(need, body=body, actor=cast.answerer(need))
    if step == "close":
        return actions.close(need, actor=cast.answerer(need))
    rating = {
        "rate-satisfied": Rating.SATISFIED,
        "rate-basically": Rating.BASICALLY_SATISFIED,
        "rate-dissatisfied": Rating.DISSATISFIED,
    }[step]
    return actions.rate(need, rating=rating, actor=need.submitter)


def _grid_of(user: User, rng: random.Random) -> Place | None:
    grids = list(Place.objects.filter(parent=user.community, level=Place.Level.GRID))
    return rng.choice(grids) if grids else user.community


def _start(plan: Plan, rng: random.Random) -> dt.datetime:
    days = rng.randint(*plan.days_ago)
    hours = rng.uniform(1, 6) if days == 0 else rng.uniform(0, 10)
    return timezone.now() - dt.timedelta(days=days, hours=hours)


def backdate(need: Need, submitted_at: dt.datetime, rng: random.Random) -> None:
    """Move a story that the actions stamped "now" so that it starts at `submitted_at`.

    Steps follow each other 2 to 72 hours apart, squeezed if needed so the
    last one is still in the past. The need's own times and its deadlines
    are then recomputed from the timeline, by the same rules the actions use.
    """
    entries = list(TimelineEntry.objects.filter(need=need).order_by("id"))
    times = [submitted_at]
    for _entry in entries[1:]:
        times.append(times[-1] + dt.timedelta(hours=rng.uniform(2, 72)))
    room = (timezone.now() - submitted_at) * 0.9
    span = times[-1] - submitted_at
    if span > room:
        times = [submitted_at + (moment - submitted_at) * (room / span) for moment in times]
    for entry, moment in zip(entries, times, strict=True):
        entry.at = moment
    TimelineEntry.objects.bulk_update(entries, ["at"])

    at = {entry.action: entry.at for entry in entries}
    Need.objects.filter(pk=need.pk).update(**_times_from(at, submitted_at))
    if "reply" in at:
        Reply.objects.filter(need=need).update(created_at=at["reply"])
        # The reply was scored when given, at the moment the story was made;
        # judge its timeliness again on the dates the story now shows.
        for reply in Reply.objects.filter(need=need).select_related("need"):
            score_reply(reply)


def _times_from(at: dict[str, dt.datetime], submitted_at: dt.datetime) -> dict:
    policy = NeedPolicy.current()
    times = {
        "submitted_at": submitted_at,
        "accept_due": working_days_after(submitted_at, policy.accept_within_days),
    }
    if "accept" in at:
        times["accepted_at"] = at["accept"]
        clock = at.get("reopen", at["accept"])
        times["reply_due"] = working_days_after(clock, policy.reply_within_days)
    if "reply" in at:
        times["replied_at"] = at["reply"]
    if "close" in at and "reopen" not in at:
        times["closed_at"] = at["close"]
    if "rate" in at:
        times["rated_at"] = at["rate"]
    return times
