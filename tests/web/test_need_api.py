"""The needs API answers with exactly what the pages would show the same person."""

import pytest

from gongzhi.needs.models import Need, Status

pytestmark = pytest.mark.django_db


def test_api_lists_public_needs_with_numbers_masked_and_anonymous_names_hidden(client, need_at):
    need_at(Status.SUBMITTED, title="路灯坏了请回电13912345678", is_anonymous=True)
    need_at(Status.SUBMITTED, title="私下反映的问题", is_public=False)

    body = client.get("/api/needs/").json()

    titles = [item["title"] for item in body["items"]]
    assert body["count"] == 1
    assert titles == ["路灯坏了请回电[电话已隐藏]"]
    assert body["items"][0]["submitter"] is None


def test_api_detail_of_a_private_need_is_404_for_others_and_200_for_the_submitter(
    client, need_at, resident, other_resident
):
    need = need_at(Status.SUBMITTED, is_public=False)

    client.force_login(other_resident)
    hidden = client.get(f"/api/needs/{need.pk}")
    client.force_login(resident)
    shown = client.get(f"/api/needs/{need.pk}")

    assert hidden.status_code == 404
    assert shown.status_code == 200
    assert shown.json()["submitter"] == "林晓"


def test_api_search_uses_chinese_words(client, need_at):
    need_at(Status.SUBMITTED, title="小区地下车库漏水严重")
    need_at(Status.SUBMITTED, title="学校门口交通拥堵")

    body = client.get("/api/needs/", {"q": "漏水"}).json()

    assert [item["title"] for item in body["items"]] == ["小区地下车库漏水严重"]


def test_api_submit_needs_a_session_and_validates_input(client, resident, community_a):
    payload = {
        "title": "楼道灯坏了",
        "body": "三号楼楼道灯坏了两周，晚上上下楼很危险。",
        "place": community_a.pk,
    }

    anonymous = client.post("/api/needs/", payload, content_type="application/json")
    client.force_login(resident)
    too_short = client.post(
        "/api/needs/", {**payload, "title": "灯"}, content_type="application/json"
    )
    created = client.post("/api/needs/", payload, content_type="application/json")

    assert anonymous.status_code == 401
    assert too_short.status_code == 422
    assert created.status_code == 201
    assert Need.objects.get().submitter == resident


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"title": "     ", "body": "          "}, ["title", "body"]),
        ({"title": "楼道灯坏了\x00"}, ["title"]),
        ({"place": "district"}, ["place"]),
        ({"place": 999999}, ["place"]),
        ({"field": 999999}, ["field"]),
    ],
    ids=["blank", "nul-character", "whole-district", "unknown-place", "unknown-field"],
)
def test_api_submit_refuses_what_the_web_form_refuses(
    client, resident, community_a, district, change, fields
):
    payload = {
        "title": "楼道灯坏了",
        "body": "三号楼楼道灯坏了两周，晚上上下楼很危险。",
        "place": community_a.pk,
    }
    if change.get("place") == "district":
        change = {"place": district.pk}
    client.force_login(resident)

    response = client.post("/api/needs/", {**payload, **change}, content_type="application/json")

    assert response.status_code == 422
    assert [error["loc"][-1] for error in response.json()["detail"]] == fields
    assert not Need.objects.exists()


def test_api_submit_places_a_need_in_a_grid(client, resident, grid_a):
    client.force_login(resident)
    payload = {"title": "楼道灯坏了", "body": "三号楼楼道灯坏了两周，晚上上下楼很危险。"}

    response = client.post(
        "/api/needs/", {**payload, "place": grid_a.pk}, content_type="application/json"
    )

    assert response.status_code == 201
    assert Need.objects.get().place == grid_a
