"""A survey in the browser: drawn up, published, answered once, closed, read as charts, exported."""

import pytest
from playwright.sync_api import expect

from gongzhi.participation.models import Response, Survey

from tests import factories
from tests.browser.participation_steps import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTIONS = "单选|您是否支持加装电梯？|支持/反对/无所谓\n多选|您最担心什么？|费用/噪音/采光\n打分|您对社区协商的满意度\n填空|其他意见"


def test_staff_run_an_anonymous_survey_that_residents_answer_once(live_server, phone, screenshot):
    community = factories.CommunityFactory(name="温泉社区")
    factories.CommunityStaffFactory(
        user=factories.UserFactory(username="intake"), community=community
    )
    factories.UserFactory(username="resident", display_name="林晓", community=community)
    factories.UserFactory(username="neighbour", display_name="陈明", community=community)
    page = phone.new_page()
    base = live_server.url

    # Staff draw the survey up as an anonymous one for their community and publish it.
    log_in(page, base, "intake")
    page.goto(f"{base}/participation/surveys/new/")
    page.get_by_label("标题").fill("加装电梯意愿调查")
    page.get_by_label("调查对象").select_option(label="本社区居民")
    page.get_by_label("社区", exact=True).select_option(label="温泉社区")
    page.get_by_label("匿名调查").check()
    page.get_by_label("题目").fill(QUESTIONS)
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_role("heading", name="加装电梯意愿调查")).to_be_visible()
    page.get_by_role("button", name="发布").click()
    expect(page.locator(".need__meta .status")).to_have_text("征集中")
    survey = Survey.objects.get()

    # Two residents answer; a second visit finds the survey already answered.
    for username, choice in (("resident", "支持"), ("neighbour", "反对")):
        log_in(page, base, username)
        page.goto(f"{base}{survey.get_absolute_url()}")
        page.get_by_label(choice, exact=True).check()
        page.get_by_label("费用", exact=True).check()
        page.get_by_label("采光", exact=True).check()
        page.locator(".question").nth(2).get_by_label("4").check()
        page.get_by_label("其他意见").fill("希望费用公开透明")
        page.get_by_role("button", name="提交答卷").click()
        expect(page.get_by_text("您已参加过本次调查")).to_be_visible()
    page.goto(f"{base}{survey.get_absolute_url()}")
    expect(page.get_by_role("button", name="提交答卷")).to_have_count(0)

    # Staff close it; the results are charts, and the export names nobody.
    log_in(page, base, "intake")
    page.goto(f"{base}{survey.get_absolute_url()}")
    page.get_by_role("button", name="结束征集").click()
    page.get_by_role("link", name="查看结果").click()
    expect(page.locator(".chart__row").first).to_contain_text("支持")
    expect(page.locator(".chart__row").first).to_contain_text("1（50%）")
    screenshot(page, "participation-survey-results")
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 CSV").click()
    exported = open(download.value.path(), encoding="utf-8-sig").read()

    assert "林晓" not in exported and "陈明" not in exported and "希望费用公开透明" in exported
    assert Response.objects.filter(respondent__isnull=False).count() == 0
    assert Survey.objects.get().response_count == 2
