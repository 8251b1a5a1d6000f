"""Neighbour help: posting an offer or a request, pairing them, marking done, saying thanks."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.notices.actions import notify_after_commit
from gongzhi.participation import rules
from gongzhi.participation.actions.common import locked, logger, move, record, require
from gongzhi.participation.models import Event, HelpMatch, HelpPost
from gongzhi.participation.workflow import HELP
from gongzhi.people.models import User

Direction = HelpPost.Direction


@transaction.atomic
def post(*, actor: User, direction: str, kind: str, title: str, body: str = "") -> HelpPost:
    """Offer or ask for help in the actor's own community."""
    require(rules.can_post_help(actor))
    if direction not in Direction.values or kind not in HelpPost.Kind.values:
        raise ValidationError({"kind": _("请选择互助类别。")})
    if not title.strip():
        raise ValidationError({"title": _("请填写标题。")})
    item = HelpPost.objects.create(
        direction=direction,
        kind=kind,
        community_id=actor.community_id,
        author=actor,
        title=title.strip(),
        body=body.strip(),
    )
    record(item, Event.Action.OPEN, actor)
    logger.info("help post %s by user %s", item.pk, actor.pk)
    return item


def _pair(request: HelpPost, offer: HelpPost, actor: User) -> HelpMatch:
    if request.kind != offer.kind or request.community_id != offer.community_id:
        raise ValidationError({"post": _("只能与同社区、同类别的互助信息结对。")})
    request = move(request, HELP, "match", actor, lambda user, p: True, action=Event.Action.MATCH)
    offer = move(offer, HELP, "match", actor, lambda user, p: True, action=Event.Action.MATCH)
    match = HelpMatch.objects.create(request=request, offer=offer)
    message = _("邻里互助已结对：%(title)s") % {"title": request.title}
    others = {request.author_id, offer.author_id} - {actor.pk}
    notify_after_commit(others, "help_matched", message, request.get_absolute_url())
    return match


@transaction.atomic
def answer(item: HelpPost, *, actor: User, note: str = "") -> HelpMatch:
    """Answer a neighbour's post: the actor's own counterpart post is made and the two are paired."""
    item = locked(item)
    require(rules.can_answer_help(actor, item))
    direction = Direction.OFFER if item.direction == Direction.REQUEST else Direction.REQUEST
    counterpart = HelpPost.objects.create(
        direction=direction,
        kind=item.kind,
        community_id=item.community_id,
        author=actor,
        title=item.title,
        body=note.strip(),
    )
    if item.direction == Direction.REQUEST:
        return _pair(item, counterpart, actor)
    return _pair(counterpart, item, actor)


@transaction.atomic
def pair(mine: HelpPost, theirs: HelpPost, *, actor: User) -> HelpMatch:
    """Pair the actor's open post with a suggested open post of the opposite direction."""
    require(rules.is_help_author(actor, mine) and rules.can_answer_help(actor, theirs))
    if mine.direction == theirs.direction or mine.status != HelpPost.Status.OPEN:
        raise ValidationError({"post": _("只能把“我能帮”和“我需要”结对。")})
    request, offer = (mine, theirs) if mine.direction == Direction.REQUEST else (theirs, mine)
    return _pair(request, offer, actor)


def _fresh(match: HelpMatch) -> HelpMatch:
    return (
        HelpMatch.objects.select_for_update(of=("self",))
        .select_related("request", "offer")
        .get(pk=match.pk)
    )


@transaction.atomic
def mark_done(match: HelpMatch, *, actor: User) -> HelpMatch:
    """The person who asked says the help was given."""
    match = _fresh(match)
    require(rules.is_help_author(actor, match.request))
    for item in (match.request, match.offer):
        if item.status == HelpPost.Status.MATCHED:
            move(item, HELP, "done", actor, lambda user, p: True, action=Event.Action.DONE)
    match.done_at = timezone.now()
    match.save(update_fields=["done_at"])
    return match


@transaction.atomic
def thank(match: HelpMatch, *, actor: User, words: str) -> HelpMatch:
    """Thank the helper once the help is done; they are told."""
    match = _fresh(match)
    require(rules.is_help_author(actor, match.request))
    if match.done_at is None:
        raise ValidationError({"thanks": _("请先确认互助已完成。")})
    if not words.strip():
        raise ValidationError({"thanks": _("请写下感谢的话。")})
    match.thanks = words.strip()[:200]
    match.thanked_at = timezone.now()
    match.save(update_fields=["thanks", "thanked_at"])
    record(match.request, Event.Action.THANK, actor)
    message = _("邻居感谢您的帮助：%(title)s") % {"title": match.request.title}
    notify_after_commit(
        [match.offer.author_id], "help_thanked", message, match.request.get_absolute_url()
    )
    return match


@transaction.atomic
def withdraw(item: HelpPost, *, actor: User) -> HelpPost:
    return move(item, HELP, "withdraw", actor, rules.is_help_author, action=Event.Action.CANCEL)
