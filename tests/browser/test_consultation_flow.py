"""One topic from the list, through a hearing with two experts' opinions, to a result that is
adopted and then implemented; the home figures move with it."""

import pytest
from playwright.sync_api import Page, expect

from gongzhi.results.models import Result, Status

from tests.browser.session import log_in, log_out
from tests.factories import (
    DepartmentFactory,
    DepartmentStaffFactory,
    DistrictAdminFactory,
    UserFactory,
)
from tests.factories_consultation import TopicFactory, expert

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def act(page: Page, action: str) -> None:
    """Open one action's panel on a detail page, unless it is open already."""
    panel = page.locator("details.action").filter(has=page.locator(f"form[data-action={action}]"))
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()


def figures(page: Page, base: str) -> tuple[str, str]:
    page.goto(base + "/")
    adopted = page.locator("[data-figure=results-adopted]").inner_text()
    implemented = page.locator("[data-figure=results-implemented]").inner_text()
    return adopted, implemented


def give_opinion(page: Page, base: str, username: str, text: str) -> None:
    log_in(page, base, username)
    page.goto(f"{base}/notices/")
    page.get_by_role("link", name="邀请您参加专题咨询：社区助餐服务体系建设研究").click()
    page.locator("form[data-action=opinion]").get_by_label("意见内容").fill(text)
    page.locator("form[data-action=opinion]").get_by_role("button", name="提交意见").click()
    expect(page.locator(".opinion").filter(has_text=text)).to_be_visible()
    log_out(page)


def test_a_topic_is_heard_summarized_adopted_and_implemented(live_server, phone, screenshot):
    department = DepartmentFactory(name="区民政局", fields=["elderly-childcare"])
    DepartmentStaffFactory(
        user=UserFactory(username="civil", display_name="民政局王科长"), department=department
    )
    DistrictAdminFactory(user=UserFactory(username="office", display_name="区委办李主任"))
    expert(
        "zhang",
        ["elderly-childcare"],
        "养老服务体系、社区助餐、长期护理",
        affiliation="福建师范大学",
    )
    expert(
        "chen", ["elderly-childcare", "health"], "老年医学、医养结合", affiliation="福建医科大学"
    )
    TopicFactory(
        title="社区助餐服务体系建设研究",
        department=department,
        background="全区60岁以上老人占比超过20%，社区助餐点覆盖不均，部分助餐点运营难以为继。",
    )
    page = phone.new_page()
    base = live_server.url
    assert figures(page, base) == ("0", "0")

    # The department opens the topic from the list and consults the suggested experts.
    log_in(page, base, "civil")
    page.goto(f"{base}/consultation/")
    page.get_by_role("link", name="社区助餐服务体系建设研究").click()
    expect(page.locator(".match").first).to_contain_text("领域相符")
    screenshot(page, "consultation-topic")
    form = page.locator("form[data-action=hearing]")
    form.get_by_label("征询问题").fill(
        "如何让社区助餐点既方便老人又能持续运营？请于截止日前提交书面意见。"
    )
    for box in form.locator("input[name=hearing-experts]").all():
        box.check()
    form.get_by_role("button", name="发起专题咨询").click()
    expect(page.locator(".need__meta .status")).to_have_text("征询中")
    log_out(page)

    # Both experts answer from their notifications.
    give_opinion(
        page, base, "zhang", "建议按街道建设中央厨房，社区助餐点只做配送和堂食，降低运营成本。"
    )
    give_opinion(page, base, "chen", "助餐应与健康管理结合，为慢病老人提供低盐低糖餐。")

    # The department closes the hearing and writes the summary, which becomes a result.
    log_in(page, base, "civil")
    page.goto(f"{base}/consultation/")
    page.get_by_role("link", name="社区助餐服务体系建设研究").click()
    page.locator(".need-card__title").filter(has_text="书面征询").click()
    act(page, "close")
    page.locator("form[data-action=close]").get_by_role("button", name="结束征询").click()
    expect(page.locator(".need__meta .status")).to_have_text("待综述")
    act(page, "summarize")
    summary = page.locator("form[data-action=summarize]")
    summary.get_by_label("综述标题").fill("社区助餐服务专题咨询综述")
    summary.get_by_label("综述内容").fill("专家建议：中央厨房加社区配送；助餐与健康管理结合。")
    summary.get_by_role("button", name="撰写综述").click()
    screenshot(page, "consultation-hearing")
    page.get_by_role("link", name="社区助餐服务专题咨询综述").click()
    expect(page.locator(".result__source")).to_have_text("社区助餐服务体系建设研究")
    log_out(page)

    # The district office puts it under review; the department adopts it, then reports it done.
    log_in(page, base, "office")
    page.goto(f"{base}/results/")
    page.get_by_role("link", name="社区助餐服务专题咨询综述").click()
    page.locator("form[data-action=review]").get_by_role("button", name="开始审阅").click()
    expect(page.locator(".need__meta .status")).to_have_text("审阅中")
    log_out(page)
    log_in(page, base, "civil")
    page.goto(f"{base}/results/")
    page.get_by_role("link", name="社区助餐服务专题咨询综述").click()
    act(page, "adopt")
    page.locator("form[data-action=adopt]").get_by_label("采纳方式").fill(
        "写入《鼓楼区老年助餐服务提升三年行动方案》"
    )
    page.locator("form[data-action=adopt]").get_by_role("button", name="采纳").click()
    expect(page.locator(".need__meta .status")).to_have_text("已采纳")
    assert figures(page, base) == ("1", "0")
    page.goto(f"{base}/results/")
    page.get_by_role("link", name="社区助餐服务专题咨询综述").click()
    act(page, "implement")
    page.locator("form[data-action=implement]").get_by_label("落地情况").fill(
        "已建成3个街道中央厨房，覆盖42个社区助餐点。"
    )
    page.locator("form[data-action=implement]").get_by_role("button", name="确认落地").click()
    expect(page.locator(".need__meta .status")).to_have_text("已落地")
    screenshot(page, "consultation-result")
    assert figures(page, base) == ("1", "1")
    screenshot(page, "consultation-home")

    result = Result.objects.get()
    assert result.status == Status.IMPLEMENTED
    assert result.department == department
    assert result.contributors.count() == 2
