"""Who may see and move a result: small named predicates, one rule per action."""

from gongzhi.needs.rules import is_district_admin, is_staff_user
from gongzhi.people.models import Staff, User
from gongzhi.results.models import Result

__all__ = [
    "can_adopt",
    "can_decline",
    "can_implement",
    "can_review",
    "can_view",
    "is_contributor",
    "is_district_admin",
    "is_staff_user",
]


def is_contributor(user: User, result: Result) -> bool:
    if not user.is_authenticated:
        return False
    return result.submitted_by_id == user.pk or result.contributions.filter(user=user).exists()


def is_department_staff(user: User) -> bool:
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return bool(staff and staff.kind == Staff.Kind.DEPARTMENT)


def is_adopting_department_staff(user: User, result: Result) -> bool:
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return bool(
        staff
        and staff.kind == Staff.Kind.DEPARTMENT
        and result.department_id
        and staff.department_id == result.department_id
    )


def can_view(user: User, result: Result) -> bool:
    """Public results for everyone; internal ones for staff and the people who made them."""
    return result.is_public or is_staff_user(user) or is_contributor(user, result)


def can_review(user: User, result: Result) -> bool:
    """Putting a result before the departments is the district office's job."""
    return is_district_admin(user)


def can_adopt(user: User, result: Result) -> bool:
    """A department adopts for itself; the district office may record any adoption."""
    return is_district_admin(user) or is_department_staff(user)


def can_decline(user: User, result: Result) -> bool:
    return can_adopt(user, result)


def can_implement(user: User, result: Result) -> bool:
    """Only the department that adopted a result, or the district office, reports it done."""
    return is_district_admin(user) or is_adopting_department_staff(user, result)
