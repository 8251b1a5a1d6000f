"""Who may read a member's service record."""

from gongzhi.needs.rules import is_staff_user
from gongzhi.people.models import Member, User


def can_view_record(user: User, member: Member) -> bool:
    """The member themselves and staff; a record is personal, not public."""
    return user.is_authenticated and (member.user_id == user.pk or is_staff_user(user))


def can_view_overview(user: User) -> bool:
    return is_staff_user(user)
