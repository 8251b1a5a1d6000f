"""Sending and reading notifications."""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from gongzhi.notices.models import Notification
from gongzhi.people.models import User

logger = logging.getLogger(__name__)


def notify(recipient_ids: Iterable[int], kind: str, message: str, link: str = "") -> int:
    """Create one notification per distinct recipient; returns how many were sent."""
    ids = sorted({pk for pk in recipient_ids if pk})
    Notification.objects.bulk_create(
        [Notification(recipient_id=pk, kind=kind, message=message[:300], link=link) for pk in ids]
    )
    logger.info("notification %s sent to %s recipients", kind, len(ids))
    return len(ids)


def notify_after_commit(
    recipient_ids: Iterable[int], kind: str, message: str, link: str = ""
) -> None:
    """Notify once the surrounding transaction commits, so nobody hears of a change that rolled back."""
    ids = list(recipient_ids)
    transaction.on_commit(lambda: notify(ids, kind, message, link))


def mark_read(user: User, notification_ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
