"""The information library: Chinese search, public and internal items, attachments."""

import pytest
from django.urls import reverse

from gongzhi.library import actions

from tests.factories_consultation import document

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(district_admin):
    def make(title: str, body: str, **extra):
        return actions.publish(actor=district_admin, kind="policy", title=title, body=body, **extra)

    return make


def test_search_finds_chinese_words_in_title_and_body(client, publish):
    publish("鼓楼区老旧小区改造实施方案", "加装电梯、管网改造、停车位增设。")
    publish("社区助餐服务管理办法", "助餐点建设标准和补贴办法。")

    page = client.get(reverse("library:item_list"), {"q": "加装电梯"})

    assert [i.title for i in page.context["page"]] == ["鼓楼区老旧小区改造实施方案"]


def test_internal_items_are_404_to_residents_and_open_to_staff(
    client, publish, resident, community_staff
):
    item = publish("内部工作纪要", "仅供内部参考。", is_public=False)
    url = reverse("library:item_detail", args=[item.pk])

    client.force_login(resident)
    assert client.get(url).status_code == 404
    client.force_login(community_staff)
    assert client.get(url).status_code == 200


def test_attachments_are_served_to_those_who_may_see_the_item(client, publish):
    item = publish("政策解读", "正文", files=[document("解读.pdf")])
    attachment = item.attachments.get()

    response = client.get(reverse("library:attachment_download", args=[item.pk, attachment.pk]))

    assert response.status_code == 200


def test_residents_cannot_publish(client, resident):
    client.force_login(resident)

    assert client.get(reverse("library:item_create")).status_code == 403


def test_an_item_links_to_its_topic(client, publish, department_d, district_admin):
    from tests.factories_consultation import TopicFactory

    topic = TopicFactory(department=department_d, created_by=district_admin)
    item = publish("课题背景材料", "相关政策汇编。", topics=[topic])

    page = client.get(reverse("library:item_detail", args=[item.pk]))

    assert list(page.context["topics"]) == [topic]


def test_search_finds_an_item_by_the_name_of_its_field(client, publish):
    from tests import factories

    publish(
        "社区助餐服务体系研究报告",
        "调查了二十个社区的助餐点。",
        field=factories.field("elderly-childcare"),
    )
    publish("老旧小区改造实施方案", "加装电梯、管网改造。")

    page = client.get(reverse("library:item_list"), {"q": "养老"})

    assert [i.title for i in page.context["page"]] == ["社区助餐服务体系研究报告"]
