"""Nobody but the requester, the assigned envoy and the station lead reaches a case.

Every persona tries every way in: the page by URL, the list, the search,
the CSV export, the JSON API, a document, the booking page and a workflow
step. The figures count the case but name nobody.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongzhi.legal import actions
from gongzhi.legal.models import CaseStatus, LegalCase, Mode

pytestmark = pytest.mark.django_db

ALLOWED = {"resident", "envoy", "station_lead"}
PERSONAS = [
    "resident",
    "envoy",
    "station_lead",
    "other_envoy",
    "other_resident",
    "community_staff",
    "department_staff",
    "district_admin",
]
SECRET = "我和丈夫闹离婚，他转移了存款二十万，电话13912345678"


@pytest.fixture
def case(case_at, envoy) -> LegalCase:
    case = case_at(CaseStatus.ACCEPTED, mode=Mode.AT_STATION, body=SECRET)
    actions.add_document(
        case, actor=envoy, title="存款流水", file=SimpleUploadedFile("a.txt", b"bank")
    )
    return case


def login(client, request, persona: str):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    return user


@pytest.mark.parametrize("persona", PERSONAS)
def test_case_page_answers_only_the_three(client, request, case, persona):
    login(client, request, persona)

    response = client.get(reverse("legal:case_detail", args=[case.pk]))

    assert response.status_code == (200 if persona in ALLOWED else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_case_is_listed_and_found_only_for_the_three(client, request, case, persona):
    login(client, request, persona)
    marker = f"#{case.pk} ·"

    listing = client.get(reverse("legal:case_list")).content.decode()
    found = client.get(reverse("legal:case_list"), {"q": "离婚"}).content.decode()

    assert (marker in listing) == (persona in ALLOWED)
    assert (marker in found) == (persona in ALLOWED)


@pytest.mark.parametrize("persona", PERSONAS)
def test_export_holds_the_case_only_for_the_three_and_never_the_requester(
    client, request, case, resident, persona
):
    login(client, request, persona)

    rows = client.get(reverse("legal:case_export")).content.decode().splitlines()[1:]

    assert any(row.startswith(f"{case.pk},") for row in rows) == (persona in ALLOWED)
    assert not any(resident.display_name in row or "离婚" in row for row in rows)


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_returns_the_case_only_to_the_three(client, request, case, persona):
    login(client, request, persona)

    one = client.get(f"/api/legal/cases/{case.pk}")
    listed = client.get("/api/legal/cases/", {"q": "离婚"}).json()["items"]

    assert one.status_code == (200 if persona in ALLOWED else 404)
    assert ([c["id"] for c in listed] == [case.pk]) == (persona in ALLOWED)
    if persona in ALLOWED:
        assert "13912345678" not in one.content.decode()


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - ALLOWED))
def test_documents_booking_and_steps_are_404_for_everyone_else(client, request, case, persona):
    login(client, request, persona)
    document = case.documents.get()

    urls = [
        reverse("legal:case_document", args=[case.pk, document.pk]),
        reverse("legal:case_book", args=[case.pk]),
    ]
    posts = [
        reverse("legal:case_act", args=[case.pk, "note"]),
        reverse("legal:case_act", args=[case.pk, "withdraw"]),
    ]

    for url in urls:
        assert client.get(url).status_code == 404
    for url in posts:
        assert client.post(url, {"note-body": "看看"}).status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED


def test_anonymous_visitors_get_404_and_the_api_refuses_them(client, case):
    page = client.get(reverse("legal:case_detail", args=[case.pk]))
    api = client.get(f"/api/legal/cases/{case.pk}")

    assert page.status_code == 404
    assert api.status_code == 401


def test_figures_count_the_case_but_name_nobody(client, case, resident):
    page = client.get(reverse("legal:figures")).content.decode()
    data = client.get("/api/legal/figures").content.decode()

    for text in (page, data):
        assert resident.display_name not in text
        assert "离婚" not in text
    assert client.get("/api/legal/figures").json()["services"] == 1


def test_an_envoy_who_passed_a_case_on_no_longer_sees_it(client, case_at, envoy):
    case = case_at(CaseStatus.SUBMITTED)
    actions.pass_on(case, actor=envoy, reason="回避：与当事人相识")
    client.force_login(envoy)

    response = client.get(reverse("legal:case_detail", args=[case.pk]))

    assert response.status_code == 404


def test_requester_does_not_see_internal_notes(client, case, resident, envoy):
    actions.add_note(case, actor=envoy, body="内部判断：证据不足", is_internal=True)
    actions.add_note(case, actor=envoy, body="请带上结婚证", is_internal=False)
    client.force_login(resident)

    page = client.get(reverse("legal:case_detail", args=[case.pk])).content.decode()

    assert "请带上结婚证" in page
    assert "证据不足" not in page
