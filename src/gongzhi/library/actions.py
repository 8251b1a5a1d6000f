"""Publishing to the information library."""

import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongzhi.library import rules
from gongzhi.library.models import Attachment, Item
from gongzhi.people.models import User

logger = logging.getLogger(__name__)


@transaction.atomic
def publish(
    *,
    actor: User,
    kind: str,
    title: str,
    body: str,
    field=None,
    department=None,
    is_public: bool = True,
    topics: Iterable = (),
    results: Iterable = (),
    files: Iterable = (),
) -> Item:
    """Publish an item with its attachments and its links to topics and results.

    Staff may publish any kind; legal envoys publish FAQs and event materials.
    """
    if not rules.can_publish(actor, kind):
        raise PermissionDenied
    item = Item.objects.create(
        kind=kind,
        title=title.strip(),
        body=body.strip(),
        field=field,
        department=department,
        is_public=is_public,
        created_by=actor,
    )
    item.topics.set(topics)
    item.results.set(results)
    for upload in files:
        Attachment.objects.create(item=item, file=upload, name=upload.name)
    logger.info("library item %s published by user %s", item.pk, actor.pk)
    return item
