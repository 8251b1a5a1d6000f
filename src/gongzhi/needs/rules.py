"""Who may do what to a need: small named predicates, combined into one rule per action."""

from gongzhi.needs.models import Need, Status
from gongzhi.people.models import Staff, User


def _staff(user: User) -> Staff | None:
    if not user.is_authenticated:
        return None
    return getattr(user, "staff", None)


def is_district_admin(user: User) -> bool:
    staff = _staff(user)
    return bool(
        user.is_authenticated
        and (user.is_superuser or (staff and staff.kind == Staff.Kind.DISTRICT))
    )


def is_community_staff_of(user: User, need: Need) -> bool:
    staff = _staff(user)
    return bool(
        staff
        and staff.kind == Staff.Kind.COMMUNITY
        and need.place_id
        and need.place.path.startswith(staff.community.path)
    )


def is_department_staff_of(user: User, need: Need) -> bool:
    staff = _staff(user)
    return bool(
        staff
        and staff.kind == Staff.Kind.DEPARTMENT
        and need.department_id
        and need.department_id == staff.department_id
    )


def is_submitter(user: User, need: Need) -> bool:
    return user.is_authenticated and need.submitter_id == user.pk


def is_staff_user(user: User) -> bool:
    return is_district_admin(user) or _staff(user) is not None


def can_view(user: User, need: Need) -> bool:
    if need.is_public and need.status != Status.REJECTED:
        return True
    return (
        is_submitter(user, need)
        or is_district_admin(user)
        or is_community_staff_of(user, need)
        or is_department_staff_of(user, need)
    )


def can_take_in(user: User, need: Need) -> bool:
    """Accept, reject, merge and assign: the intake desk of the need's community, or the district."""
    return is_district_admin(user) or is_community_staff_of(user, need)


def can_transfer(user: User, need: Need) -> bool:
    return can_take_in(user, need) or is_department_staff_of(user, need)


def can_reply(user: User, need: Need) -> bool:
    return is_district_admin(user) or is_department_staff_of(user, need)


def can_close(user: User, need: Need) -> bool:
    return can_take_in(user, need) or is_department_staff_of(user, need)


def can_rate(user: User, need: Need) -> bool:
    return is_submitter(user, need)


def can_support(user: User, need: Need) -> bool:
    return (
        user.is_authenticated
        and need.is_public
        and not is_submitter(user, need)
        and need.status not in (Status.REJECTED, Status.MERGED)
    )


def can_see_submitter(user: User, need: Need) -> bool:
    """Anonymous submitters are named to nobody but the staff handling the need and themselves."""
    if not need.is_anonymous:
        return True
    return is_submitter(user, need) or can_transfer(user, need) or can_reply(user, need)


def can_supervise_replies(user: User, need: Need) -> bool:
    """Reply scores are for the district and the answering department, not for the public."""
    return is_district_admin(user) or is_department_staff_of(user, need)
