"""Who may see and do what in decision consultation: small named predicates, one rule per action."""

from gongzhi.consultation.models import Advice, Hearing, Study, Topic
from gongzhi.needs.rules import is_district_admin, is_staff_user
from gongzhi.people.models import Body, Member, Staff, User


def expert_of(user: User) -> Member | None:
    """The user's active membership of the expert committee, if any."""
    if not user.is_authenticated:
        return None
    return Member.objects.active().filter(user=user, body=Body.EXPERT).first()


def is_expert(user: User) -> bool:
    return expert_of(user) is not None


def is_department_staff_of(user: User, department_id: int | None) -> bool:
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return bool(
        staff and staff.kind == Staff.Kind.DEPARTMENT and staff.department_id == department_id
    )


def can_view_topic(user: User, topic: Topic) -> bool:
    """Public topics for everyone; internal ones for staff and the expert committee."""
    return topic.is_public or is_staff_user(user) or is_expert(user)


def can_create_topic(user: User) -> bool:
    """The district office and department staff put topics on the list."""
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return is_district_admin(user) or bool(staff and staff.kind == Staff.Kind.DEPARTMENT)


def can_manage_topic(user: User, topic: Topic) -> bool:
    """Start hearings and studies on a topic: its department or the district office."""
    return is_district_admin(user) or is_department_staff_of(user, topic.department_id)


def can_manage_hearing(user: User, hearing: Hearing) -> bool:
    return can_manage_topic(user, hearing.topic)


def is_invited(user: User, hearing: Hearing) -> bool:
    return user.is_authenticated and hearing.invitations.filter(member__user=user).exists()


def can_view_hearing(user: User, hearing: Hearing) -> bool:
    return can_view_topic(user, hearing.topic) and (
        is_invited(user, hearing) or is_staff_user(user) or is_expert(user)
    )


def can_give_opinion(user: User, hearing: Hearing) -> bool:
    return hearing.status == Hearing.Status.OPEN and is_invited(user, hearing)


def is_commissioned(user: User, study: Study) -> bool:
    return user.is_authenticated and study.experts.filter(user=user).exists()


def can_view_study(user: User, study: Study) -> bool:
    return can_view_topic(user, study.topic) and (
        is_commissioned(user, study) or is_staff_user(user) or is_expert(user)
    )


def can_deliver(user: User, study: Study) -> bool:
    return is_commissioned(user, study)


def can_review_study(user: User, study: Study) -> bool:
    return can_manage_topic(user, study.topic)


def can_give_advice(user: User) -> bool:
    return is_expert(user)


def can_view_advice(user: User, advice: Advice) -> bool:
    return (user.is_authenticated and advice.author.user_id == user.pk) or can_review_advice(
        user, advice
    )


def can_review_advice(user: User, advice: Advice) -> bool:
    """The department the expert addressed, or the district office."""
    return is_district_admin(user) or is_department_staff_of(user, advice.department_id)
