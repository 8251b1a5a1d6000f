"""Applying to a body, appointment for a term, renewal, end of term, and the roster's make-up."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongzhi.membership import actions
from gongzhi.membership.roster import make_up
from gongzhi.people.models import Body, Member

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(resident, community_a):
    return actions.apply(
        actor=resident,
        body=Body.CITIZEN,
        fields=[factories.field("livable-homes")],
        expertise="小区业委会主任，熟悉物业管理。",
        sector=Member.Sector.COMMUNITY,
        affiliation="",
        title="",
        birth_year=1980,
        community=community_a,
    )


def test_an_appointed_applicant_becomes_an_active_member(application, district_admin, resident):
    member = actions.appoint(
        application,
        actor=district_admin,
        term_start=dt.date(2025, 1, 1),
        term_end=dt.date(2099, 12, 31),
    )

    assert member.user == resident and member.status == Member.Status.ACTIVE
    assert list(member.fields.values_list("code", flat=True)) == ["livable-homes"]
    assert member in Member.objects.active()


def test_only_the_district_office_appoints(application, community_staff):
    with pytest.raises(PermissionDenied):
        actions.appoint(
            application,
            actor=community_staff,
            term_start=dt.date(2025, 1, 1),
            term_end=dt.date(2027, 12, 31),
        )


def test_applying_twice_is_refused(application, resident):
    with pytest.raises(ValidationError):
        actions.apply(
            actor=resident,
            body=Body.CITIZEN,
            fields=[],
            expertise="再次申请",
            sector="community",
            birth_year=1980,
        )


def test_terms_end_and_can_be_renewed(district_admin):
    lapsing = factories.CitizenMemberFactory(term_end=dt.date(2025, 6, 30))
    renewed = factories.CitizenMemberFactory(term_end=dt.date(2025, 6, 30))
    actions.renew(renewed, actor=district_admin, term_end=dt.date(2028, 6, 30))

    ended = actions.end_terms(today=dt.date(2025, 7, 1))

    lapsing.refresh_from_db()
    assert ended == 1 and lapsing.status == Member.Status.ENDED


def test_the_roster_shows_gaps_in_fields(community_a):
    factories.ExpertFactory(fields=["transport"], birth_year=1970)

    fields = {b.title: dict(b.rows) for b in make_up(Body.EXPERT)}["特色领域"]

    assert sum(fields.values()) == 1
    assert list(fields.values()).count(0) == len(fields) - 1


def test_the_roster_is_staff_only(client, resident):
    client.force_login(resident)

    assert client.get(reverse("membership:roster")).status_code == 403


def test_an_appointment_without_a_term_end_comes_back_with_what_was_typed(
    client, application, district_admin
):
    client.force_login(district_admin)

    response = client.post(
        reverse("membership:application_act", args=[application.pk, "appoint"]),
        {"appoint-term_start": "2027-01-01"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="2027-01-01"' in page and 'class="error"' in page
    application.refresh_from_db()
    assert application.status == application.Status.SUBMITTED
