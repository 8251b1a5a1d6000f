"""The participation API: what it lists, the opinion map without hidden text, votes and ballots."""

import pytest

from gongzhi.needs.models import Status
from gongzhi.participation.actions import opinion as opinions

from tests import factories
from tests.factories_participation import budget_round_with, open_on, verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliberation(need_at, community_staff):
    return open_on(need_at(Status.ACCEPTED), community_staff)


def test_the_map_lists_statements_without_hidden_ones(
    client, deliberation, resident, community_staff
):
    kept = opinions.add_statement(deliberation, actor=resident, text="先开业主大会再决定")
    hidden = opinions.add_statement(deliberation, actor=resident, text="某某就是个骗子")
    opinions.hide_statement(hidden, actor=community_staff, reason="人身攻击")

    body = client.get(f"/api/participation/deliberations/{deliberation.pk}/map").json()

    assert [s["id"] for s in body["statements"]] == [kept.pk]
    assert "骗子" not in str(body)


def test_votes_need_a_session_and_are_stored(client, deliberation, resident, other_resident):
    statement = opinions.add_statement(deliberation, actor=resident, text="先开业主大会再决定")
    url = f"/api/participation/deliberations/{deliberation.pk}/statements/{statement.pk}/vote"

    anonymous = client.post(url, {"value": 1}, content_type="application/json")
    client.force_login(other_resident)
    voted = client.post(url, {"value": -1}, content_type="application/json")
    invalid = client.post(url, {"value": 7}, content_type="application/json")

    assert (anonymous.status_code, voted.status_code, invalid.status_code) == (401, 200, 422)
    assert statement.votes.get(user=other_resident).value == -1


def test_a_ballot_over_the_cap_is_refused_through_the_api(client, community_staff, community_a):
    budget_round = budget_round_with(community_staff, community_a, [30_000, 20_000], cap=40_000)
    ids = list(budget_round.projects.values_list("pk", flat=True))
    client.force_login(verified("voter", community_a))
    url = f"/api/participation/rounds/{budget_round.pk}/ballot"

    over = client.post(url, {"projects": ids}, content_type="application/json")
    fits = client.post(url, {"projects": ids[:1]}, content_type="application/json")

    assert (over.status_code, fits.status_code) == (422, 200)
    listed = client.get(f"/api/participation/rounds/{budget_round.pk}/projects").json()
    assert {p["id"] for p in listed} == set(ids)


def test_deliberations_on_private_needs_are_not_listed(client, deliberation):
    type(deliberation.need).objects.filter(pk=deliberation.need_id).update(is_public=False)
    client.force_login(factories.UserFactory())

    listed = client.get("/api/participation/deliberations").json()

    assert listed["count"] == 0
    assert client.get(f"/api/participation/deliberations/{deliberation.pk}/map").status_code == 404
