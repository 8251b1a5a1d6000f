"""Needs restricted to what a user may see. Every list and figure starts here."""

from django.db.models import Q, QuerySet

from gongzhi.needs.models import Need, Reply, Status
from gongzhi.needs.rules import is_district_admin
from gongzhi.people.models import Staff, User


def _base() -> QuerySet[Need]:
    return Need.objects.select_related("field", "place__parent", "department", "submitter")


def public_needs() -> QuerySet[Need]:
    """What anyone, signed in or not, may list: public needs that were not turned down."""
    return _base().public().with_overdue_flag()


def visible_needs(user: User) -> QuerySet[Need]:
    """Public needs plus the private ones this user may see."""
    if not user.is_authenticated:
        return public_needs()
    if is_district_admin(user):
        return _base().with_overdue_flag()
    return (
        _base()
        .filter(Q(is_public=True) & ~Q(status=Status.REJECTED) | _scope(user))
        .with_overdue_flag()
    )


def _scope(user: User) -> Q:
    """The needs this user handles or filed, public or not."""
    mine = Q(submitter=user)
    staff: Staff | None = getattr(user, "staff", None)
    if staff is None:
        return mine
    if staff.kind == Staff.Kind.COMMUNITY:
        return mine | Q(place__path__startswith=staff.community.path)
    if staff.kind == Staff.Kind.DEPARTMENT:
        return mine | Q(department_id=staff.department_id)
    return Q(pk__isnull=False)


def inbox(user: User) -> QuerySet[Need]:
    """The needs in a staff member's scope: the workbench list. Empty for residents."""
    if is_district_admin(user):
        return _base().with_overdue_flag()
    staff: Staff | None = getattr(user, "staff", None)
    if staff is None:
        return Need.objects.none()
    scope = _scope(user) & ~Q(submitter=user)
    return _base().filter(scope).with_overdue_flag()


def my_needs(user: User) -> QuerySet[Need]:
    return _base().filter(submitter=user).with_overdue_flag()


def supervised_replies(user: User) -> QuerySet[Reply] | None:
    """The replies whose quality this user oversees; None for people who oversee none."""
    replies = Reply.objects.select_related("need", "department")
    if is_district_admin(user):
        return replies
    staff: Staff | None = getattr(user, "staff", None)
    if staff is not None and staff.kind == Staff.Kind.DEPARTMENT:
        return replies.filter(department_id=staff.department_id)
    return None
