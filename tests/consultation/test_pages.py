"""Consultation pages: who sees what, and Chinese search over topics."""

import pytest
from django.urls import reverse

from gongzhi.consultation import actions

from tests.factories_consultation import TopicFactory

pytestmark = pytest.mark.django_db


def _hearing_post(expert, **extra) -> dict:
    """The topic page's "start a hearing" form as staff would send it."""
    return {
        "hearing-mode": "written",
        "hearing-question": "如何补齐助餐服务短板？",
        "hearing-experts": [expert.pk],
        **extra,
    }


def test_internal_topics_are_404_for_residents_and_visible_to_experts(
    client, resident, elder_expert, topic
):
    topic.is_public = False
    topic.save()
    url = reverse("consultation:topic_detail", args=[topic.pk])

    assert client.get(url).status_code == 404
    client.force_login(resident)
    assert client.get(url).status_code == 404
    client.force_login(elder_expert.user)
    assert client.get(url).status_code == 200


def test_search_finds_topics_by_chinese_words(client, topic, department_d, district_admin):
    TopicFactory(
        title="老城区停车难治理研究",
        background="错时共享停车位",
        department=department_d,
        created_by=district_admin,
    )

    page = client.get(reverse("consultation:topic_list"), {"q": "停车"})

    assert [t.title for t in page.context["page"]] == ["老城区停车难治理研究"]


def test_suggestions_are_shown_to_the_owning_department_only(
    client, topic, department_staff, other_department_staff, elder_expert
):
    url = reverse("consultation:topic_detail", args=[topic.pk])

    client.force_login(other_department_staff)
    assert client.get(url).context["suggestions"] == []
    client.force_login(department_staff)
    assert client.get(url).context["suggestions"][0].member == elder_expert


def test_hearings_are_404_for_residents(client, resident, written_hearing):
    client.force_login(resident)

    url = reverse("consultation:hearing_detail", args=[written_hearing.pk])
    assert client.get(url).status_code == 404


def test_staff_start_a_hearing_from_the_topic_page(client, topic, department_staff, elder_expert):
    client.force_login(department_staff)

    response = client.post(
        reverse("consultation:topic_start", args=[topic.pk, "hearing"]),
        _hearing_post(elder_expert),
    )

    hearing = topic.hearings.get()
    assert response.url == reverse("consultation:hearing_detail", args=[hearing.pk])
    assert list(hearing.invitations.values_list("member", flat=True)) == [elder_expert.pk]


def test_advice_is_404_for_other_experts(client, elder_expert, traffic_expert, department_d):
    from tests import factories

    advice = actions.give_advice(
        actor=elder_expert.user,
        title="建议",
        body="一条足够长的建议内容用于测试。",
        field=factories.field(),
        department=department_d,
    )
    client.force_login(traffic_expert.user)

    assert client.get(advice.get_absolute_url()).status_code == 404


def test_an_opinion_with_errors_comes_back_with_what_the_expert_typed(
    client, written_hearing, elder_expert
):
    hearing = written_hearing
    client.force_login(elder_expert.user)
    too_long = "意见" * 4001  # 8,002 characters; the limit is 8,000

    response = client.post(
        reverse("consultation:hearing_act", args=[hearing.pk, "opinion"]),
        {"opinion-body": too_long},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert too_long in page
    assert 'class="error"' in page
    assert not hearing.opinions.exists()


def test_a_hearing_with_a_past_deadline_is_refused_with_the_question_kept(
    client, topic, department_staff, elder_expert
):
    client.force_login(department_staff)

    response = client.post(
        reverse("consultation:topic_start", args=[topic.pk, "hearing"]),
        _hearing_post(elder_expert, **{"hearing-opinions_due": "2020-01-01"}),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "如何补齐助餐服务短板？" in page and "意见截止日期不能早于今天。" in page
    assert not topic.hearings.exists()
