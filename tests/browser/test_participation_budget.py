"""A whole budget round in the browser: proposals, review, voting within the cap, results, acceptance."""

import pytest
from playwright.sync_api import Page, expect

from gongzhi.participation.actions import budget
from gongzhi.participation.models import BudgetRound, MicroProject
from gongzhi.results.models import Result

from tests import factories
from tests.browser.participation_steps import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def propose(page: Page, base: str, title: str, cost: int) -> None:
    page.goto(f"{base}/participation/projects/new/")
    page.get_by_label("项目名称").fill(title)
    page.get_by_label("项目内容").fill(f"{title}，方便居民日常生活。")
    page.locator("#id_community").select_option(label="温泉社区")
    page.get_by_label("估算费用（元）").fill(str(cost))
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def review(page: Page, base: str, title: str) -> None:
    page.goto(f"{base}/participation/projects/?status=proposed")
    page.get_by_role("link", name=title).click()
    page.locator("form[data-action=review]").get_by_label("可行", exact=True).check()
    page.locator("form[data-action=review]").get_by_role("button", name="保存审核结果").click()
    expect(page.locator(".need__meta .status")).to_have_text("审核通过")


def vote(page: Page, base: str, username: str, round_url: str, titles: list[str]) -> None:
    log_in(page, base, username)
    page.goto(f"{base}{round_url}")
    for title in titles:
        page.locator(".ballot__list li", has_text=title).get_by_role("checkbox").check()
    page.get_by_role("button", name="提交选票").click()
    expect(page.get_by_text("选票已保存")).to_be_visible()


def test_a_budget_round_from_proposals_to_funded_projects_and_a_result(
    live_server, phone, screenshot
):
    community = factories.CommunityFactory(name="温泉社区")
    factories.CommunityStaffFactory(
        user=factories.UserFactory(username="intake"), community=community
    )
    for name in ("resident", "voter1", "voter2", "voter3"):
        factories.UserFactory(username=name, community=community, is_verified=True)
    factories.UserFactory(username="unverified", community=community)
    page = phone.new_page()
    base = live_server.url

    # Residents propose; staff check the costs and accept the proposals.
    log_in(page, base, "resident")
    propose(page, base, "楼道加装扶手", 30000)
    propose(page, base, "小区花园改造", 50000)
    propose(page, base, "北巷路灯补盲", 20000)
    log_in(page, base, "intake")
    for title in ("楼道加装扶手", "小区花园改造", "北巷路灯补盲"):
        review(page, base, title)

    # Staff set up the round with a cap of 60,000 and open voting.
    page.goto(f"{base}/participation/rounds/new/")
    page.get_by_label("名称").fill("2026年温泉社区微实事")
    page.locator("#id_community").select_option(label="温泉社区")
    page.get_by_label("预算总额（元）").fill("60000")
    page.get_by_role("button", name="创建").click()
    page.locator("form[data-action=open]").get_by_role("button").click()
    expect(page.locator(".need__meta .status")).to_have_text("投票中")
    round_url = BudgetRound.objects.get().get_absolute_url()

    # A ballot over the cap is refused (the page warns first); ballots within it count.
    log_in(page, base, "voter1")
    page.goto(f"{base}{round_url}")
    page.locator(".ballot__list li", has_text="楼道加装扶手").get_by_role("checkbox").check()
    page.locator(".ballot__list li", has_text="小区花园改造").get_by_role("checkbox").check()
    expect(page.locator(".ballot__total")).to_have_class("ballot__total is-over")
    page.get_by_role("button", name="提交选票").click()
    expect(page.locator(".message--error")).to_contain_text("超过预算总额60000元")
    page.locator(".ballot__list li", has_text="小区花园改造").get_by_role("checkbox").check()
    page.get_by_role("button", name="提交选票").click()
    expect(page.get_by_text("选票已保存")).to_be_visible()
    vote(page, base, "voter2", round_url, ["小区花园改造"])
    vote(page, base, "voter3", round_url, ["楼道加装扶手", "北巷路灯补盲"])
    log_in(page, base, "unverified")
    page.goto(f"{base}{round_url}")
    expect(page.get_by_text("只有本社区已核实居住地的居民可以投票")).to_be_visible()

    # Staff close voting and publish: the rule explains every win and loss.
    log_in(page, base, "intake")
    page.goto(f"{base}{round_url}")
    page.locator("form[data-action=close]").get_by_role("button").click()
    page.locator("form[data-action=allocate]").get_by_role("button").click()
    rows = page.locator(".allocation__row")
    expect(rows.nth(0)).to_contain_text("小区花园改造")
    expect(rows.nth(0)).to_contain_text("获得资助")
    expect(rows.nth(1)).to_contain_text("超过剩余预算10000元")
    screenshot(page, "participation-budget-results")

    # The winner is carried out and accepted; it becomes a result.
    rows.nth(0).get_by_role("link").click()
    milestone = page.locator("form[data-action=milestone]")
    milestone.get_by_label("进展").fill("施工完成")
    milestone.get_by_role("button", name="发布进展").click()
    page.locator("summary").get_by_text("验收", exact=True).click()
    page.locator("form[data-action=accept]").get_by_label("验收意见").fill("居民代表验收合格。")
    page.locator("form[data-action=accept]").get_by_role("button").click()
    expect(page.locator(".need__meta .status")).to_have_text("已验收")

    garden = MicroProject.objects.get(title="小区花园改造")
    assert garden.status == MicroProject.Status.FINISHED and garden.votes == 2
    assert Result.objects.get(pk=garden.result_id).source == garden
    assert MicroProject.objects.get(title="楼道加装扶手").status == MicroProject.Status.NOT_FUNDED
    assert budget.tally(BudgetRound.objects.get())  # ballots are all there to recount
