"""Statements and votes of a deliberation's opinion map."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from gongzhi.participation import rules
from gongzhi.participation.actions.common import locked, record, require
from gongzhi.participation.actions.deliberation import _hide
from gongzhi.participation.models import Deliberation, Event, Statement, Vote
from gongzhi.people.models import User

MAX_STATEMENT = 140


@transaction.atomic
def add_statement(deliberation: Deliberation, *, actor: User, text: str) -> Statement:
    """Put up a short opinion for the others to vote on; its author agrees with it."""
    deliberation = locked(deliberation)
    require(rules.can_take_part(actor, deliberation))
    text = " ".join(text.split())
    if not 4 <= len(text) <= MAX_STATEMENT:
        raise ValidationError({"text": _("观点请写4到140个字。")})
    if deliberation.statements.shown().filter(text=text).exists():
        raise ValidationError({"text": _("已有相同的观点。")})
    statement = Statement.objects.create(deliberation=deliberation, author=actor, text=text)
    cast(statement, actor=actor, value=Vote.Value.AGREE)
    return statement


@transaction.atomic
def cast(statement: Statement, *, actor: User, value: int | None) -> Vote:
    """Agree, disagree or pass on a statement; voting again changes the vote."""
    # The lock orders this vote against the closing of the deliberation: no
    # vote lands after the close.
    deliberation = locked(statement.deliberation)
    require(rules.can_take_part(actor, deliberation))
    statement = Statement.objects.get(pk=statement.pk)
    if statement.is_hidden:
        raise ValidationError({"statement": _("该观点已被屏蔽。")})
    if value not in Vote.Value.values:
        raise ValidationError({"value": _("请选择同意、不同意或跳过。")})
    vote, _created = Vote.objects.update_or_create(
        statement=statement,
        user=actor,
        defaults={"value": int(value), "deliberation_id": statement.deliberation_id},
    )
    # Any change of vote makes the stored map stale; the counter is what the
    # map remembers it was computed for.
    Deliberation.objects.filter(pk=deliberation.pk).update(vote_count=F("vote_count") + 1)
    return vote


@transaction.atomic
def hide_statement(statement: Statement, *, actor: User, reason: str) -> Statement:
    """Hide a statement with a reason: it leaves the map, the lists and the exports."""
    statement = locked(statement)
    require(rules.can_moderate(actor, statement.deliberation))
    if not reason.strip():
        raise ValidationError({"reason": _("请填写屏蔽理由。")})
    if not statement.is_hidden:
        _hide(statement, actor, reason.strip())
        Deliberation.objects.filter(pk=statement.deliberation_id).update(
            vote_count=F("vote_count") + 1
        )
        record(
            statement.deliberation,
            Event.Action.HIDE,
            actor,
            note=reason.strip(),
            statement=statement.pk,
        )
    return statement
