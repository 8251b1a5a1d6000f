"""The needs pages: what each role sees and may do, by URL, and at what query cost."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from gongzhi.needs.models import Need, Status

from tests import factories

pytestmark = pytest.mark.django_db


def detail(need: Need) -> str:
    return reverse("needs:need_detail", args=[need.pk])


def act(need: Need, name: str) -> str:
    return reverse("needs:need_act", args=[need.pk, name])


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_list_shows_public_needs_but_not_another_residents_private_one(
    client, need_at, other_resident
):
    need_at(Status.SUBMITTED, title="公开的路灯问题")
    need_at(Status.SUBMITTED, title="私下反映的邻里问题", is_public=False)
    client.force_login(other_resident)

    page = client.get(reverse("needs:need_list")).content.decode()

    assert "公开的路灯问题" in page
    assert "私下反映的邻里问题" not in page


def test_public_pages_mask_phone_and_id_numbers(client, need_at):
    need = need_at(
        Status.SUBMITTED,
        title="噪音扰民请联系13912345678",
        body="我的身份证号是35010219800101123X，电话0591-87654321。",
    )

    listing = client.get(reverse("needs:need_list")).content.decode()
    page = client.get(detail(need)).content.decode()

    for text in (listing, page):
        assert "13912345678" not in text
    assert "35010219800101123X" not in page
    assert "87654321" not in page


def test_anonymous_submitter_is_not_named_to_the_public(client, need_at):
    need = need_at(Status.SUBMITTED, is_anonymous=True)

    page = client.get(detail(need)).content.decode()

    assert "林晓" not in page
    assert "匿名" in page


def test_search_finds_a_word_inside_a_chinese_sentence(client, need_at):
    need_at(Status.SUBMITTED, title="小区地下车库漏水严重", body="每逢下雨车库就积水，车辆被泡。")
    need_at(Status.SUBMITTED, title="学校门口交通拥堵", body="上下学时段车辆乱停乱放。")

    page = client.get(reverse("needs:need_list"), {"q": "漏水"}).content.decode()

    assert "小区地下车库漏水严重" in page
    assert "学校门口交通拥堵" not in page


def test_htmx_filter_request_returns_only_the_results_fragment(client, need_at):
    need_at(Status.SUBMITTED)

    response = client.get(
        reverse("needs:need_list"), {"status": "submitted"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'id="need-results"' in response.content


def test_private_need_is_404_for_other_residents_and_other_communities(
    client, need_at, other_resident, other_community_staff, community_staff, resident
):
    need = need_at(Status.SUBMITTED, is_public=False)

    outcomes = {}
    for user in (other_resident, other_community_staff, community_staff, resident):
        client.force_login(user)
        outcomes[user.username] = client.get(detail(need)).status_code

    assert outcomes == {
        "other_resident": 404,
        "other_community_staff": 404,
        "community_staff": 200,
        "resident": 200,
    }


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("resident", False),
        ("other_resident", False),
        ("other_community_staff", False),
        ("department_staff", False),
        ("community_staff", True),
        ("district_admin", True),
    ],
)
def test_only_the_intake_desk_may_accept(client, request, need_at, persona, allowed):
    need = need_at(Status.SUBMITTED)
    client.force_login(request.getfixturevalue(persona))

    response = client.post(act(need, "accept"), {"accept-field": ""})

    need.refresh_from_db()
    assert response.status_code == (302 if allowed else 403)
    assert need.status == (Status.ACCEPTED if allowed else Status.SUBMITTED)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("resident", False),
        ("community_staff", False),
        ("other_department_staff", False),
        ("department_staff", True),
        ("district_admin", True),
    ],
)
def test_only_the_assigned_department_may_reply(client, request, need_at, persona, allowed):
    need = need_at(Status.ASSIGNED)
    client.force_login(request.getfixturevalue(persona))

    response = client.post(act(need, "reply"), {"reply-body": "已安排人员现场查看并处理完毕。"})

    need.refresh_from_db()
    assert response.status_code == (302 if allowed else 403)
    assert need.status == (Status.REPLIED if allowed else Status.ASSIGNED)


def test_an_action_not_allowed_in_the_current_state_is_refused_with_a_message(
    client, need_at, district_admin
):
    need = need_at(Status.CLOSED)
    client.force_login(district_admin)

    response = client.post(act(need, "accept"), {"accept-field": ""}, follow=True)

    need.refresh_from_db()
    assert need.status == Status.CLOSED
    assert "当前状态下不能执行该操作" in response.content.decode()


def test_unknown_action_name_is_404(client, need_at, district_admin):
    need = need_at(Status.SUBMITTED)
    client.force_login(district_admin)

    assert client.post(act(need, "delete")).status_code == 404


def test_resident_rates_a_closed_need_and_dissatisfaction_reopens_it(client, need_at, resident):
    need = need_at(Status.CLOSED)
    client.force_login(resident)

    client.post(act(need, "rate"), {"rating": "dissatisfied", "comment": "路灯还是不亮"})

    need.refresh_from_db()
    assert need.status == Status.ASSIGNED
    assert need.reopen_count == 1


def test_invalid_submission_keeps_what_was_typed_and_says_what_is_wrong(client, resident):
    client.force_login(resident)

    response = client.post(
        reverse("needs:need_create"),
        {
            "kind": "suggestion",
            "title": "路灯",
            "body": "东门外路灯坏了一周了，请尽快修理。",
            "is_public": "on",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "东门外路灯坏了一周了，请尽快修理。" in page
    assert "请选择社区或填写详细地址" in page
    assert re.search(r"至少.*4|at least 4", page)
    assert not Need.objects.exists()


def test_submission_with_a_photo_creates_the_need_and_only_allowed_people_see_the_photo(
    client, resident, other_resident, community_a
):
    client.force_login(resident)

    response = client.post(
        reverse("needs:need_create"),
        {
            "kind": "complaint",
            "title": "楼道堆放杂物堵塞消防通道",
            "body": "三号楼一单元楼道长期堆放杂物，消防通道被堵，存在安全隐患。",
            "place": community_a.pk,
            "images": [png()],
        },
    )

    need = Need.objects.get()
    image = need.images.get()
    url = reverse("needs:need_image", args=[need.pk, image.pk])
    assert response.status_code == 302
    assert need.is_public is False  # an unticked box means private
    assert client.get(url).status_code == 200
    client.force_login(other_resident)
    assert client.get(url).status_code == 404


def test_submit_page_requires_login(client):
    response = client.get(reverse("needs:need_create"))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_residents_cannot_open_the_workbench(client, resident):
    client.force_login(resident)

    assert client.get(reverse("needs:need_inbox")).status_code == 403


def test_workbench_lists_only_the_department_s_needs(
    client, need_at, department_staff, department_e
):
    need_at(Status.ASSIGNED, title="本部门的诉求")
    need_at(Status.ASSIGNED, title="别的部门的诉求", department=department_e)
    client.force_login(department_staff)

    page = client.get(reverse("needs:need_inbox")).content.decode()

    assert "本部门的诉求" in page
    assert "别的部门的诉求" not in page


def test_support_counts_once_per_person(client, need_at, other_resident):
    need = need_at(Status.ACCEPTED)
    client.force_login(other_resident)
    url = reverse("needs:need_support", args=[need.pk])

    client.post(url, HTTP_HX_REQUEST="true")
    client.post(url, HTTP_HX_REQUEST="true")

    need.refresh_from_db()
    assert need.support_count == 1


def test_list_page_query_count_does_not_grow_with_the_number_of_needs(
    client, district_admin, django_assert_max_num_queries
):
    factories.NeedFactory.create_batch(3, status=Status.ASSIGNED)
    client.force_login(district_admin)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("needs:need_list"))
    factories.NeedFactory.create_batch(15, status=Status.ASSIGNED)

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("needs:need_list"))


def test_detail_page_query_count_does_not_grow_with_the_timeline(
    client, need_at, district_admin, django_assert_max_num_queries
):
    need = need_at(Status.CLOSED, rating="satisfied")
    client.force_login(district_admin)

    with django_assert_max_num_queries(25):
        response = client.get(detail(need))

    assert response.status_code == 200


def test_home_figures_equal_the_lists_they_link_to(client, need_at, district_admin):
    need_at(Status.SUBMITTED)
    need_at(Status.REPLIED)
    need_at(Status.CLOSED, rating="satisfied")
    need_at(Status.REJECTED)

    home = client.get(reverse("dashboard:home")).content.decode()
    figures = dict(re.findall(r'data-figure="(\w+)">([^<]+)<', home))
    listed = client.get(reverse("needs:need_list")).context["page"].paginator.count
    answered = (
        client.get(reverse("needs:need_list"), {"answered": "on"}).context["page"].paginator.count
    )

    assert int(figures["received"]) == listed == 3  # the rejected one is not public
    assert int(figures["replied"]) == answered == 2
    assert figures["satisfaction"] == "100%"


def test_choosing_a_community_offers_only_its_grids(client, grid_a, community_b):
    own = client.get(reverse("needs:need_grids"), {"place": grid_a.parent_id}).content.decode()
    other = client.get(reverse("needs:need_grids"), {"place": community_b.pk}).content.decode()
    garbage = client.get(reverse("needs:need_grids"), {"place": "1 or 1=1"})

    assert "第一网格" in own
    assert "第一网格" not in other
    assert garbage.status_code == 200


def test_a_need_placed_in_a_grid_lands_in_that_grid(client, resident, grid_a):
    client.force_login(resident)

    client.post(
        reverse("needs:need_create"),
        {
            "kind": "suggestion",
            "title": "网格内井盖松动",
            "body": "三号楼前的井盖松动，踩上去会翻，很危险。",
            "place": grid_a.parent_id,
            "grid": grid_a.pk,
            "is_public": "on",
        },
    )

    assert Need.objects.get().place == grid_a


def test_a_grid_of_another_community_is_refused(client, resident, grid_a, community_b):
    client.force_login(resident)

    response = client.post(
        reverse("needs:need_create"),
        {
            "kind": "suggestion",
            "title": "网格内井盖松动",
            "body": "三号楼前的井盖松动，踩上去会翻，很危险。",
            "place": community_b.pk,
            "grid": grid_a.pk,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["grid"]
    assert not Need.objects.exists()


def test_a_stranger_gets_403_before_any_validation_message(client, need_at, other_resident):
    need = need_at(Status.ASSIGNED)
    client.force_login(other_resident)

    response = client.post(act(need, "reply"), {"reply-body": "短"})

    assert response.status_code == 403


def test_staff_find_a_button_to_open_a_deliberation_on_a_public_need(
    client, need_at, community_staff, other_resident
):
    need = need_at(Status.ACCEPTED)
    client.force_login(community_staff)
    staff_page = client.get(detail(need)).content.decode()
    client.force_login(other_resident)
    resident_page = client.get(detail(need)).content.decode()

    assert f"deliberations/new/?need={need.pk}" in staff_page
    assert "deliberations/new/" not in resident_page


def test_workbench_lists_the_nearest_deadline_first_whatever_the_step(
    client, need_at, district_admin
):
    waiting_reply = need_at(Status.ASSIGNED, title="已分派等待答复")
    waiting_intake = need_at(Status.SUBMITTED, title="刚提交等待受理")
    client.force_login(district_admin)

    page = client.get(reverse("needs:need_inbox"))

    listed = [need.pk for need in page.context["page"].object_list]
    assert listed == [waiting_intake.pk, waiting_reply.pk]


def test_archived_history_has_its_own_inbox_tab_and_is_nobodys_to_do(
    client, need_at, district_admin
):
    live = need_at(Status.SUBMITTED)
    archived = need_at(Status.ARCHIVED)
    client.force_login(district_admin)

    counts = client.get(reverse("needs:need_inbox")).context["counts"]
    listed = client.get(reverse("needs:need_inbox"), {"tab": "archived"})

    assert (counts["open"], counts["archived"], counts["done"]) == (1, 1, 0)
    assert [n.pk for n in listed.context["page"].object_list] == [archived.pk]
    assert live.pk != archived.pk
