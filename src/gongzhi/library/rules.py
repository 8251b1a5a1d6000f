"""Who may see and publish library items."""

from gongzhi.library.models import Item
from gongzhi.needs.rules import is_staff_user
from gongzhi.people.models import User


def can_view(user: User, item: Item) -> bool:
    """Public items for everyone; internal ones for staff only."""
    return item.is_public or is_staff_user(user)


def can_publish(user: User) -> bool:
    return is_staff_user(user)
