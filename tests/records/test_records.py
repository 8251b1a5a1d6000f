"""Service records: what a member did, per year, for them and for staff only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gongzhi.consultation import actions
from gongzhi.consultation.models import Hearing
from gongzhi.records.registry import tallies
from gongzhi.results import actions as results

from tests.factories_consultation import TopicFactory, expert

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_expert(district_admin, department_d):
    member = expert("busy", ["elderly-childcare"], "养老服务")
    topic = TopicFactory(department=department_d, created_by=district_admin)
    hearing = actions.start_hearing(
        topic,
        actor=district_admin,
        mode=Hearing.Mode.MEETING,
        question="问题",
        experts=[member],
        meeting_at=timezone.now(),
    )
    actions.give_opinion(hearing, actor=member.user, body="书面意见内容。")
    actions.close_hearing(hearing, actor=district_admin, attended=[member.pk])
    result = actions.summarize_hearing(hearing, actor=district_admin, title="综述", summary="内容")
    result = results.start_review(result, actor=district_admin)
    results.adopt(result, actor=district_admin, department=department_d, how="采纳")
    return member


def test_a_members_activities_are_counted_by_kind(busy_expert):
    counts = tallies([busy_expert.pk], timezone.localdate().year)[busy_expert.pk]

    assert counts == {"hearing_attended": 1, "opinion": 1, "result_adopted": 1}


def test_a_record_is_for_the_member_and_staff_only(client, busy_expert, resident, community_staff):
    url = reverse("records:record_detail", args=[busy_expert.pk])

    client.force_login(resident)
    assert client.get(url).status_code == 404
    client.force_login(busy_expert.user)
    assert "提交书面意见" in client.get(url).content.decode()
    client.force_login(community_staff)
    assert client.get(url).status_code == 200


def test_the_overview_is_staff_only_and_lists_totals(client, busy_expert, resident, district_admin):
    client.force_login(resident)
    assert client.get(reverse("records:record_overview")).status_code == 403

    client.force_login(district_admin)
    rows = client.get(reverse("records:record_overview")).context["rows"]

    assert [(m, total) for m, _counts, total in rows] == [(busy_expert, 3)]


def test_advice_is_linked_only_for_readers_who_may_open_it(
    client, busy_expert, department_d, department_e, community_staff
):
    from tests import factories

    advice = actions.give_advice(
        actor=busy_expert.user,
        title="建议研究社区嵌入式养老",
        body="老年人多的社区缺少日间照料。",
        field=factories.field("elderly-childcare"),
        department=department_e,
    )
    url = reverse("records:record_detail", args=[busy_expert.pk])
    link = f'href="{advice.get_absolute_url()}"'

    client.force_login(busy_expert.user)
    own = client.get(url).content.decode()
    client.force_login(community_staff)
    other = client.get(url).content.decode()

    assert link in own
    assert "建议研究社区嵌入式养老" in other and link not in other
    assert client.get(advice.get_absolute_url()).status_code == 404
