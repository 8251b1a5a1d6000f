"""Consultation objects restricted to what a user may see. Every list starts here."""

from django.db.models import Q, QuerySet

from gongzhi.consultation.models import Advice, Hearing, Study, Topic
from gongzhi.consultation.rules import is_expert
from gongzhi.needs.rules import is_district_admin, is_staff_user
from gongzhi.people.models import Staff, User


def visible_topics(user: User) -> QuerySet[Topic]:
    """Public topics for everyone; staff and experts see the internal ones too."""
    topics = Topic.objects.select_related("topic_list", "field", "department")
    if is_staff_user(user) or is_expert(user):
        return topics
    return topics.filter(is_public=True)


def hearings_of(topic: Topic, user: User) -> QuerySet[Hearing]:
    """A topic's hearings, for staff, experts and invitees; nobody else."""
    hearings = topic.hearings.all()
    if is_staff_user(user) or is_expert(user):
        return hearings
    return (
        hearings.filter(invitations__member__user=user)
        if user.is_authenticated
        else hearings.none()
    )


def studies_of(topic: Topic, user: User) -> QuerySet[Study]:
    studies = topic.studies.prefetch_related("experts__user")
    if is_staff_user(user) or is_expert(user):
        return studies
    return studies.filter(experts__user=user) if user.is_authenticated else studies.none()


def reviewable_advice(user: User) -> QuerySet[Advice]:
    """Advice a staff member reviews: their department's, or all for the district office."""
    advice = Advice.objects.select_related("author__user", "field", "department", "topic")
    if is_district_admin(user):
        return advice
    staff: Staff | None = getattr(user, "staff", None) if user.is_authenticated else None
    if staff and staff.kind == Staff.Kind.DEPARTMENT:
        return advice.filter(department_id=staff.department_id)
    return advice.none()


def my_advice(user: User) -> QuerySet[Advice]:
    advice = Advice.objects.select_related("field", "department", "topic")
    return advice.filter(author__user=user) if user.is_authenticated else advice.none()


def visible_advice(user: User) -> QuerySet[Advice]:
    return (reviewable_advice(user) | my_advice(user)).distinct()


def my_hearings(user: User) -> QuerySet[Hearing]:
    return Hearing.objects.filter(invitations__member__user=user).select_related("topic")


def my_studies(user: User) -> QuerySet[Study]:
    return Study.objects.filter(experts__user=user).select_related("topic")


def open_hearings_count(user: User) -> int:
    return my_hearings(user).filter(Q(status=Hearing.Status.OPEN)).count()
