"""Deliberation on a public need: opening, taking part, moderating, closing with a routed conclusion."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.needs import actions as need_actions
from gongzhi.needs.models import Need
from gongzhi.notices.actions import notify_after_commit
from gongzhi.participation import rules
from gongzhi.participation.actions.common import locked, logger, move, record, require
from gongzhi.participation.models import (
    Comment,
    Deliberation,
    DeliberationRating,
    Event,
    FieldSpace,
    MicroProject,
    Stance,
)
from gongzhi.participation.workflow import DELIBERATION
from gongzhi.people.models import User
from gongzhi.places.models import Department

MAX_COMMENT = 2000


def _space_followers(space: FieldSpace | None) -> list[int]:
    return list(space.follows.values_list("user_id", flat=True)) if space else []


def _need_followers(need: Need) -> list[int]:
    return [need.submitter_id, *need.follows.values_list("user_id", flat=True)]


def _participants(deliberation: Deliberation) -> list[int]:
    commenters = deliberation.comments.shown().values_list("author_id", flat=True)
    stances = deliberation.stances.values_list("user_id", flat=True)
    return [deliberation.opened_by_id, *commenters, *stances]


@transaction.atomic
def open_deliberation(need: Need, *, actor: User, question: str = "") -> Deliberation:
    """Put a public need up for deliberation; its followers and its field space are told."""
    require(rules.can_open_deliberation(actor, need))
    if Deliberation.objects.filter(need=need).exists():
        raise ValidationError({"need": _("该诉求已在议事中。")})
    space = FieldSpace.objects.filter(field_id=need.field_id).first() if need.field_id else None
    deliberation = Deliberation.objects.create(
        need=need, space=space, question=(question.strip() or need.title)[:200], opened_by=actor
    )
    record(deliberation, Event.Action.OPEN, actor)
    message = _("新的协商议事：%(question)s") % {"question": deliberation.question}
    link = deliberation.get_absolute_url()
    notify_after_commit(
        [*_need_followers(need), *_space_followers(space)], "deliberation_opened", message, link
    )
    logger.info("deliberation %s opened on need %s by user %s", deliberation.pk, need.pk, actor.pk)
    return deliberation


def _recount(deliberation: Deliberation) -> None:
    stances = deliberation.stances.aggregate(
        support=Count("id", filter=Q(side=Stance.Side.SUPPORT)),
        oppose=Count("id", filter=Q(side=Stance.Side.OPPOSE)),
    )
    ratings = deliberation.ratings.aggregate(n=Count("id"), total=Sum("score"))
    Deliberation.objects.filter(pk=deliberation.pk).update(
        support_count=stances["support"],
        oppose_count=stances["oppose"],
        rating_count=ratings["n"],
        rating_total=ratings["total"] or 0,
    )


@transaction.atomic
def take_stance(deliberation: Deliberation, *, actor: User, side: str) -> Stance:
    """Support or oppose; a second call changes the person's stance rather than adding one."""
    deliberation = locked(deliberation)
    require(rules.can_take_part(actor, deliberation))
    if side not in Stance.Side.values:
        raise ValidationError({"side": _("请选择支持或反对。")})
    stance, _created = Stance.objects.update_or_create(
        deliberation=deliberation, user=actor, defaults={"side": side}
    )
    _recount(deliberation)
    return stance


@transaction.atomic
def rate(deliberation: Deliberation, *, actor: User, score: int) -> DeliberationRating:
    """Rate, one to five, how much the matter deserves action; a second rating replaces the first."""
    deliberation = locked(deliberation)
    require(rules.can_take_part(actor, deliberation))
    if not 1 <= int(score) <= 5:
        raise ValidationError({"score": _("评分应在1到5之间。")})
    rating, _created = DeliberationRating.objects.update_or_create(
        deliberation=deliberation, user=actor, defaults={"score": int(score)}
    )
    _recount(deliberation)
    return rating


@transaction.atomic
def comment(
    deliberation: Deliberation,
    *,
    actor: User,
    body: str,
    side: str = Comment.Side.NEUTRAL,
    parent: Comment | None = None,
) -> Comment:
    """Say something for or against, or answer someone; the answered person is told."""
    deliberation = locked(deliberation)
    require(rules.can_take_part(actor, deliberation))
    body = body.strip()
    if not body or len(body) > MAX_COMMENT:
        raise ValidationError({"body": _("请填写发言内容（不超过2000字）。")})
    if side not in Comment.Side.values:
        raise ValidationError({"side": _("请选择观点。")})
    if parent is not None:
        parent = deliberation.comments.shown().filter(pk=parent.pk).first()
        if parent is None:
            raise ValidationError({"parent": _("无法回复该发言。")})
    remark = Comment.objects.create(
        deliberation=deliberation, author=actor, body=body, side=side, parent=parent
    )
    if parent is not None and parent.author_id != actor.pk:
        # The notification names the deliberation, never the words of either
        # remark: a remark hidden later must not live on in someone's inbox.
        message = _("有人回复了您在议事中的发言：%(question)s") % {
            "question": deliberation.question
        }
        link = f"{deliberation.get_absolute_url()}#comment-{remark.pk}"
        notify_after_commit([parent.author_id], "comment_replied", message, link)
    return remark


def _hide(item, actor: User, reason: str) -> None:
    item.is_hidden = True
    item.hidden_reason = reason
    item.hidden_by = actor
    item.hidden_at = timezone.now()
    item.save()


@transaction.atomic
def hide_comment(remark: Comment, *, actor: User, reason: str) -> Comment:
    """Hide a remark with a reason; its text leaves every list, search, export and notification."""
    remark = locked(remark)
    require(rules.can_moderate(actor, remark.deliberation))
    if not reason.strip():
        raise ValidationError({"reason": _("请填写屏蔽理由。")})
    if not remark.is_hidden:
        _hide(remark, actor, reason.strip())
        record(
            remark.deliberation, Event.Action.HIDE, actor, note=reason.strip(), comment=remark.pk
        )
        message = _("您在议事中的一条发言已被屏蔽：%(reason)s") % {"reason": reason.strip()}
        notify_after_commit(
            [remark.author_id], "comment_hidden", message, remark.deliberation.get_absolute_url()
        )
    return remark


@transaction.atomic
def close_deliberation(
    deliberation: Deliberation,
    *,
    actor: User,
    conclusion: str,
    outcome: str = Deliberation.Outcome.NONE,
    department: Department | None = None,
    estimated_cost: int | None = None,
) -> Deliberation:
    """Record the conclusion and route it: to a department as a need, to a micro-project, or to results."""
    conclusion = conclusion.strip()
    if not conclusion:
        raise ValidationError({"conclusion": _("请填写议事结论。")})
    if outcome not in Deliberation.Outcome.values:
        raise ValidationError({"outcome": _("请选择结论去向。")})
    if outcome == Deliberation.Outcome.NEED and department is None:
        raise ValidationError({"department": _("转部门办理时请选择承办部门。")})
    if outcome == Deliberation.Outcome.PROPOSAL and not estimated_cost:
        raise ValidationError({"estimated_cost": _("形成微实事提案时请填写估算费用。")})

    def change(d: Deliberation) -> None:
        d.conclusion = conclusion
        d.outcome = outcome
        d.closed_at = timezone.now()

    deliberation = move(
        deliberation,
        DELIBERATION,
        "close",
        actor,
        rules.can_close_deliberation,
        action=Event.Action.CLOSE,
        note=conclusion,
        change=change,
        outcome=outcome,
    )
    _route(deliberation, actor, department, estimated_cost)
    message = _("协商议事已形成结论：%(question)s") % {"question": deliberation.question}
    notify_after_commit(
        _participants(deliberation), "deliberation_closed", message, deliberation.get_absolute_url()
    )
    return deliberation


def _route(deliberation: Deliberation, actor: User, department, estimated_cost) -> None:
    outcome = deliberation.outcome
    if outcome == Deliberation.Outcome.NEED:
        deliberation.routed_need = _route_to_department(deliberation, actor, department)
    elif outcome == Deliberation.Outcome.PROPOSAL:
        deliberation.routed_project = _route_to_proposal(deliberation, actor, estimated_cost)
    elif outcome == Deliberation.Outcome.RESULT:
        deliberation.routed_result = _route_to_results(deliberation, actor)
    else:
        return
    deliberation.save(update_fields=["routed_need", "routed_project", "routed_result"])
    record(deliberation, Event.Action.ROUTE, actor, outcome=outcome)


def _route_to_department(deliberation: Deliberation, actor: User, department: Department) -> Need:
    source = deliberation.need
    need = need_actions.submit(
        actor,
        title=_("议事结论：%(question)s") % {"question": deliberation.question},
        body=deliberation.conclusion,
        field=source.field,
        place=source.place,
        place_text=source.place_text,
    )
    need = need_actions.accept(need, actor=actor)
    return need_actions.assign(need, department=department, actor=actor)


def _route_to_proposal(
    deliberation: Deliberation, actor: User, estimated_cost: int
) -> MicroProject:
    from gongzhi.participation.actions.budget import propose

    place = deliberation.need.place
    community = place.community() if place else None
    if community is None:
        raise ValidationError({"outcome": _("该诉求没有所属社区，无法形成微实事提案。")})
    return propose(
        actor=actor,
        title=deliberation.question[:120],
        description=deliberation.conclusion,
        community=community,
        estimated_cost=estimated_cost,
        field=deliberation.need.field,
    )


def _route_to_results(deliberation: Deliberation, actor: User):
    from gongzhi.results import actions as results
    from gongzhi.results.models import Contribution, Kind

    people = User.objects.filter(pk__in=set(_participants(deliberation)) - {actor.pk})
    return results.submit_result(
        kind=Kind.DELIBERATION,
        title=deliberation.question,
        summary=deliberation.conclusion,
        source=deliberation,
        contributors=[(actor, Contribution.Role.LEAD), *people],
        field=deliberation.need.field,
        actor=actor,
        is_public=deliberation.need.is_public,
    )
