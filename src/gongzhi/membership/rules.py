"""Who may apply, review applications, and see the roster's make-up."""

from gongzhi.membership.models import Application
from gongzhi.needs.rules import is_district_admin, is_staff_user
from gongzhi.people.models import User


def can_apply(user: User) -> bool:
    return user.is_authenticated


def can_review(user: User) -> bool:
    """Appointing members is the district office's job."""
    return is_district_admin(user)


def can_view_application(user: User, application: Application) -> bool:
    return user.is_authenticated and (application.user_id == user.pk or can_review(user))


def can_view_roster(user: User) -> bool:
    return is_staff_user(user)
