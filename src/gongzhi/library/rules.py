"""Who may see and publish library items."""

from gongzhi.library.models import Item
from gongzhi.needs.rules import is_staff_user
from gongzhi.people.models import Body, User


def can_view(user: User, item: Item) -> bool:
    """Public items for everyone; internal ones for staff only."""
    return item.is_public or is_staff_user(user)


# Legal envoys publish what their work produces: anonymised FAQs from
# consultations and the materials of legal-education events.
ENVOY_KINDS = {Item.Kind.FAQ, Item.Kind.OTHER}


def is_active_envoy(user: User) -> bool:
    return user.is_authenticated and user.memberships.active().filter(body=Body.ENVOY).exists()


def can_publish(user: User, kind: str | None = None) -> bool:
    """Staff publish anything; an active legal envoy publishes FAQs and event materials."""
    if is_staff_user(user):
        return True
    return kind in ENVOY_KINDS and is_active_envoy(user)
