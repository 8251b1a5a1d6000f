"""A need's whole life, clicked through in a phone-sized browser."""

import re

import pytest
from playwright.sync_api import Page, expect

from gongzhi.needs.models import Need, Rating, Status

from tests.browser.session import log_in, log_out
from tests.factories import (
    CommunityFactory,
    CommunityStaffFactory,
    DepartmentFactory,
    DepartmentStaffFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def act(page: Page, action: str) -> None:
    """Open one workflow action's panel on the detail page, unless it is open already."""
    panel = page.locator("details.action").filter(has=page.locator(f"form[data-action={action}]"))
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()


def test_resident_and_staff_take_a_need_from_submission_to_rating(live_server, phone, screenshot):
    community = CommunityFactory(name="温泉社区")
    department = DepartmentFactory(name="区城管局", fields=["livable-homes"])
    UserFactory(username="resident")
    CommunityStaffFactory(user=UserFactory(username="intake"), community=community)
    DepartmentStaffFactory(user=UserFactory(username="handler"), department=department)
    page = phone.new_page()
    base = live_server.url

    # The resident files a need; a first try without a place keeps what was typed.
    log_in(page, base, "resident")
    page.goto(f"{base}/needs/new/")
    page.get_by_label("标题").fill("温泉社区门口路灯不亮")
    page.get_by_label("内容").fill(
        "温泉社区东门外的三盏路灯已经一个星期不亮了，晚上老人出门很危险。"
    )
    # While typing, the platform guesses the field (htmx, on input).
    expect(page.locator("#need-hints")).to_contain_text("看起来属于")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_text("请选择社区或填写详细地址。")).to_be_visible()
    expect(page.get_by_label("标题")).to_have_value("温泉社区门口路灯不亮")
    page.get_by_label("所在社区").select_option(label="温泉社区")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("heading", name="温泉社区门口路灯不亮")).to_be_visible()
    need = Need.objects.get(title="温泉社区门口路灯不亮")
    screenshot(page, "need-submitted")
    log_out(page)

    # Community staff accept it and give it to the department.
    log_in(page, base, "intake")
    page.goto(f"{base}/needs/inbox/")
    page.get_by_role("link", name="温泉社区门口路灯不亮").click()
    act(page, "accept")
    page.locator("form[data-action=accept]").get_by_label("领域").select_option(label="宜居家园")
    page.locator("form[data-action=accept]").get_by_role("button", name="受理").click()
    expect(page.locator(".need__meta .status")).to_have_text("已受理")
    act(page, "assign")
    page.locator("form[data-action=assign]").get_by_label("承办部门").select_option(
        label="区城管局"
    )
    page.locator("form[data-action=assign]").get_by_role("button", name="分派").click()
    expect(page.locator(".need__meta .status")).to_have_text("办理中")
    log_out(page)

    # The department replies and closes it.
    log_in(page, base, "handler")
    page.goto(f"{base}/needs/inbox/")
    page.get_by_role("link", name="温泉社区门口路灯不亮").click()
    act(page, "reply")
    page.locator("form[data-action=reply]").get_by_label("答复内容").fill(
        "已派维修班组更换东门外三盏路灯的灯具，12月5日起恢复照明。"
    )
    page.locator("form[data-action=reply]").get_by_role("button", name="答复").click()
    expect(page.locator(".need__meta .status")).to_have_text("已答复")
    act(page, "close")
    page.locator("form[data-action=close]").get_by_role("button", name="办结").click()
    expect(page.locator(".need__meta .status")).to_have_text("已办结")
    log_out(page)

    # The resident is told, opens the need from the notification, and rates it.
    log_in(page, base, "resident")
    page.goto(f"{base}/notices/")
    page.get_by_role("link", name=re.compile("已办结，请评价")).click()
    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    expect(page.locator(".facts")).to_contain_text("满意")
    screenshot(page, "need-rated")

    need.refresh_from_db()
    assert need.status == Status.CLOSED
    assert need.rating == Rating.SATISFIED
    assert need.department == department
    actions = list(need.timeline.values_list("action", flat=True))
    assert actions == ["submit", "accept", "assign", "reply", "close", "rate"]
