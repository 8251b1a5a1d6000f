"""The portal's key figures equal the counts of the lists they summarise."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser

from gongzhi.dashboard.figures import member_figures, need_figures
from gongzhi.needs.models import Rating, Status
from gongzhi.needs.queries import visible_needs
from gongzhi.people.models import Body, Member

from tests import factories

SHANGHAI = ZoneInfo("Asia/Shanghai")
ROLES = ["anonymous", "resident", "community_staff", "department_staff", "district_admin"]


def persona(request, role: str):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


@pytest.fixture
def a_month_of_needs(
    resident, other_resident, community_a, community_b, department_d, time_machine
):
    """Needs of every status and rating, public and private, some of them overdue by now."""
    time_machine.move_to(dt.datetime(2024, 3, 1, 9, 0, tzinfo=SHANGHAI), tick=False)
    for is_public in (True, False):
        for submitter, place in ((resident, community_a), (other_resident, community_b)):
            common = {"submitter": submitter, "place": place, "is_public": is_public}
            kept = factories.NeedFactory(status=Status.SUBMITTED, **common)
            for status in Status.values[1:]:
                department = department_d if status in ("assigned", "replied", "closed") else None
                into = kept if status == Status.MERGED else None
                factories.NeedFactory(
                    status=status, department=department, merged_into=into, **common
                )
            for rating in Rating.values:
                factories.NeedFactory(
                    status=Status.CLOSED, rating=rating, department=department_d, **common
                )
    time_machine.move_to(dt.datetime(2024, 3, 20, 9, 0, tzinfo=SHANGHAI), tick=False)


@pytest.mark.parametrize("role", ROLES)
def test_need_figures_equal_the_counts_of_the_visible_list(request, a_month_of_needs, role):
    user = persona(request, role)
    listed = visible_needs(user)

    figures = need_figures(user)

    assert figures.received == listed.count()
    assert figures.replied == listed.filter(status__in=[Status.REPLIED, Status.CLOSED]).count()
    assert figures.closed == listed.filter(status=Status.CLOSED).count()
    assert figures.overdue == listed.filter(overdue=True).count() == listed.overdue().count()
    assert figures.rated == listed.exclude(rating="").count()
    assert (
        figures.satisfied
        == listed.filter(rating__in=[Rating.SATISFIED, Rating.BASICALLY_SATISFIED]).count()
    )


def test_the_district_figures_count_every_need(a_month_of_needs, district_admin):
    figures = need_figures(district_admin)

    # 4 groups (public/private x two communities) of 8 statuses and 3 ratings;
    # only the submitted need of each group is overdue, the archived one is not.
    assert (figures.received, figures.replied, figures.closed) == (44, 20, 16)
    assert (figures.overdue, figures.rated, figures.satisfied) == (4, 12, 8)


def test_an_anonymous_visitor_counts_only_public_needs(a_month_of_needs):
    figures = need_figures(AnonymousUser())

    # Two communities of public needs; the rejected one is not listed publicly.
    assert figures.received == 2 * (8 - 1 + 3)


def test_the_satisfaction_rate_counts_basically_satisfied_as_satisfied(db):
    for rating in ["satisfied", "satisfied", "basically_satisfied", "dissatisfied"]:
        factories.NeedFactory(status=Status.CLOSED, rating=rating)
    factories.NeedFactory(status=Status.CLOSED)

    figures = need_figures(AnonymousUser())

    assert figures.satisfaction_rate == 0.75


def test_there_is_no_satisfaction_rate_before_any_rating(db):
    factories.NeedFactory(status=Status.CLOSED)

    assert need_figures(AnonymousUser()).satisfaction_rate is None


def test_need_figures_take_one_query_once_the_role_is_known(
    a_month_of_needs, community_staff, django_assert_num_queries
):
    visible_needs(community_staff)

    with django_assert_num_queries(1):
        need_figures(community_staff)


def test_member_figures_count_active_members_in_their_term(db, time_machine):
    time_machine.move_to(dt.datetime(2024, 6, 1, 9, 0, tzinfo=SHANGHAI), tick=False)
    factories.ExpertFactory.create_batch(2)
    factories.CitizenMemberFactory()
    factories.EnvoyFactory(status=Member.Status.SUSPENDED)
    factories.EnvoyFactory(term_end=dt.date(2024, 5, 31))
    factories.EnvoyFactory(term_start=dt.date(2024, 6, 2))
    factories.EnvoyFactory(status=Member.Status.APPLIED)

    figures = member_figures()

    assert figures == {Body.EXPERT: 2, Body.CITIZEN: 1, Body.ENVOY: 0}
