"""Field spaces: following one, and making sure every field has one."""

from django.db import transaction

from gongzhi.participation.actions.common import require
from gongzhi.participation.models import FieldSpace, SpaceFollow
from gongzhi.people.models import User
from gongzhi.places.models import Field


@transaction.atomic
def follow(space: FieldSpace, *, actor: User, follow: bool = True) -> bool:
    """Follow (or stop following) a space; returns whether the actor follows it now."""
    require(actor.is_authenticated)
    if follow:
        SpaceFollow.objects.get_or_create(space=space, user=actor)
    else:
        SpaceFollow.objects.filter(space=space, user=actor).delete()
    return follow


def ensure_spaces() -> int:
    """Give every field a space; fields added in the admin get theirs here. Returns how many were made."""
    missing = Field.objects.filter(space__isnull=True)
    made = FieldSpace.objects.bulk_create([FieldSpace(field=f) for f in missing])
    return len(made)
