"""What every participation action shares: the permission check, the row lock, the log entry."""

import logging
from collections.abc import Callable
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models

from gongzhi.participation.models import Event
from gongzhi.people.models import User
from gongzhi.results.workflow import Workflow

logger = logging.getLogger("gongzhi.participation")

M = TypeVar("M", bound=models.Model)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def locked(obj: M) -> M:
    """A fresh copy of `obj` holding its row lock until the transaction ends."""
    return type(obj).objects.select_for_update(of=("self",)).get(pk=obj.pk)


def record(
    subject: models.Model,
    action: str,
    actor: User | None,
    *,
    from_status: str = "",
    note: str = "",
    **data,
) -> Event:
    """Write one entry in the activity log of `subject`."""
    return Event.objects.create(
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        action=action,
        actor=actor if actor and actor.is_authenticated else None,
        from_status=from_status,
        to_status=getattr(subject, "status", ""),
        note=note,
        data=data,
    )


def move(
    obj: M,
    workflow: Workflow,
    name: str,
    actor: User,
    allowed: Callable[[User, M], bool],
    *,
    action: str | None = None,
    note: str = "",
    change: Callable[[M], None] | None = None,
    **data,
) -> M:
    """Run one transition on a locked copy of `obj`; the caller holds the transaction."""
    obj = locked(obj)
    require(allowed(actor, obj))
    transition = workflow.transition_for(name, obj.status)
    from_status = obj.status
    if change:
        change(obj)
    obj.status = transition.target
    obj.save()
    record(obj, action or name, actor, from_status=from_status, note=note, **data)
    logger.info("%s %s: %s by user %s", obj._meta.model_name, obj.pk, name, actor.pk)
    return obj
