"""Hot issues on the dashboard and reply quality for supervisors."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongzhi.needs import actions
from gongzhi.needs.intelligence import refresh_hot_issues, score_unscored_replies
from gongzhi.needs.models import HotIssue, Need, Reply, Status

pytestmark = pytest.mark.django_db

FUMES = "魅力之城小区楼下餐馆油烟扰民，晚上烧烤噪音很大，居民无法休息"


def _fumes_needs(residents, place, count=4):
    for number in range(count):
        actions.submit(
            residents[number % len(residents)],
            place=place,
            title=f"A5区魅力之城小区餐馆油烟扰民{number}",
            body=FUMES,
        )


def test_needs_about_one_problem_at_one_place_become_one_hot_issue(
    resident, other_resident, community_a
):
    _fumes_needs([resident, other_resident], community_a)
    actions.submit(
        resident, place=community_a, title="学校门口交通拥堵", body="上下学时段车辆乱停。"
    )

    [issue] = refresh_hot_issues(top=5)

    assert issue.size == 4
    assert "魅力之城" in issue.title
    assert issue.needs.count() == 4


def test_private_needs_never_join_a_public_hot_issue(resident, other_resident, community_a):
    _fumes_needs([resident, other_resident], community_a, count=2)
    actions.submit(
        resident, place=community_a, title="A5区魅力之城小区油烟", body=FUMES, is_public=False
    )

    [issue] = refresh_hot_issues(top=5)

    assert issue.size == 2


def test_hot_issue_page_lists_its_needs(client, resident, other_resident, community_a):
    _fumes_needs([resident, other_resident], community_a, count=3)
    [issue] = refresh_hot_issues(top=5)

    response = client.get(reverse("needs:hotissue_detail", args=[issue.pk]))

    assert response.status_code == 200
    assert len(response.context["needs"]) == 3


def test_a_hot_issue_keeps_its_link_when_the_list_is_refreshed(
    client, resident, other_resident, community_a
):
    _fumes_needs([resident, other_resident], community_a, count=3)
    [before] = refresh_hot_issues(top=5)
    _fumes_needs([other_resident, resident], community_a, count=2)

    [after] = refresh_hot_issues(top=5)

    assert after.pk == before.pk
    assert after.size == 5
    assert HotIssue.objects.count() == 1
    assert client.get(reverse("needs:hotissue_detail", args=[before.pk])).status_code == 200


def test_a_hot_issue_that_cooled_down_leaves_the_list(resident, other_resident, community_a):
    _fumes_needs([resident, other_resident], community_a, count=3)
    refresh_hot_issues(top=5)
    for need in Need.objects.all():
        need.is_public = False
        need.save(update_fields=["is_public"])

    assert refresh_hot_issues(top=5) == []
    assert not HotIssue.objects.exists()


def test_every_reply_is_scored_when_it_is_given(need_at):
    need = need_at(Status.REPLIED)

    reply = need.replies.get()

    assert 0 <= reply.quality <= 100
    assert set(reply.quality_detail) >= {"relevance", "completeness", "grounding", "timeliness"}


def test_unscored_replies_are_scored_once(need_at):
    need_at(Status.REPLIED)
    Reply.objects.update(quality=None, quality_detail={})

    first = score_unscored_replies()
    second = score_unscored_replies()

    assert (first, second) == (1, 0)


def test_score_replies_all_judges_every_reply_again(need_at):
    need_at(Status.REPLIED)
    Reply.objects.update(quality_detail={"reasons": ["旧的理由"]})
    out = io.StringIO()

    call_command("score_replies", "--all", stdout=out)

    assert out.getvalue().strip() == "scored 1 replies"
    assert "reason_codes" in Reply.objects.get().quality_detail


def test_supervisors_see_the_weakest_replies_first_and_residents_cannot(
    client, need_at, district_admin, resident
):
    weak = need_at(Status.REPLIED)
    Reply.objects.filter(need=weak).update(quality=12)
    strong = need_at(Status.REPLIED)
    Reply.objects.filter(need=strong).update(quality=88)

    client.force_login(resident)
    refused = client.get(reverse("needs:reply_list"))
    client.force_login(district_admin)
    page = client.get(reverse("needs:reply_list"))

    assert refused.status_code == 403
    assert [r.quality for r in page.context["page"].object_list] == [12, 88]


def test_department_staff_see_only_their_departments_replies(
    client, need_at, department_staff, department_e
):
    need_at(Status.REPLIED)
    need_at(Status.REPLIED, department=department_e)
    client.force_login(department_staff)

    page = client.get(reverse("needs:reply_list"))

    assert page.context["summary"]["count"] == 1


def test_reply_score_is_shown_to_the_department_but_not_to_the_public(client, need_at):
    need = need_at(Status.REPLIED)

    page = client.get(reverse("needs:need_detail", args=[need.pk])).content.decode()

    assert "答复质量" not in page
    assert HotIssue.objects.count() == 0


def test_reply_reasons_read_in_the_interface_language(client, need_at, district_admin):
    need_at(Status.REPLIED)
    client.force_login(district_admin)

    chinese = client.get(reverse("needs:reply_list")).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(reverse("needs:reply_list")).content.decode()

    assert "未提供联系方式" in chinese
    assert "Gives no contact" in english and "未提供联系方式" not in english


def test_scores_kept_before_reason_codes_show_their_stored_reasons(need_at):
    need = need_at(Status.REPLIED)
    Reply.objects.filter(need=need).update(quality_detail={"reasons": ["未提供联系方式"]})

    assert Reply.objects.get(need=need).quality_reasons == ["未提供联系方式"]
