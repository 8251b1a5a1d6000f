"""A home-visit mediation, clicked through in a phone-sized browser: request, booking, session, agreement."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from gongzhi.core.calendar import SHANGHAI
from gongzhi.legal.models import Appointment, CaseStatus, LegalCase, Outcome, Service
from gongzhi.results.models import Result

from tests.browser.session import log_in, log_out
from tests.factories import CommunityFactory, EnvoyFactory, UserFactory
from tests.factories_legal import (
    DutyScheduleFactory,
    EnvoySpecialtyFactory,
    StationEnvoyFactory,
    WorkstationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_step(page: Page, action: str) -> None:
    panel = page.locator("details.action").filter(has=page.locator(f"form[data-action={action}]"))
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()


def test_resident_books_a_home_visit_and_the_envoy_records_the_agreement(
    live_server, phone, screenshot
):
    community = CommunityFactory(name="温泉社区")
    lead = EnvoyFactory(user=UserFactory(username="lead", display_name="周站长"))
    station = WorkstationFactory(community=community, lead=lead, name="温泉社区法务工作站")
    envoy = EnvoyFactory(user=UserFactory(username="envoy", display_name="郑律师"))
    # Duty every weekday, so that there is always a slot in the coming days.
    for weekday in range(7):
        DutyScheduleFactory(
            station=station, envoy=envoy, weekday=weekday, starts=dt.time(9), ends=dt.time(17)
        )
    StationEnvoyFactory(station=station, envoy=lead, service=Service.ON_DEMAND)
    EnvoySpecialtyFactory(envoy=envoy, category="tort")
    UserFactory(username="resident", display_name="林阿姨", community=community)
    page = phone.new_page()
    base = live_server.url

    # The resident asks for a mediation at home.
    log_in(page, base, "resident")
    page.goto(f"{base}/legal/")
    screenshot(page, "legal-home")
    page.get_by_role("link", name="我要申请调解纠纷").click()
    page.get_by_label("所在社区的工作站").select_option(label="温泉社区法务工作站")
    page.get_by_label("上门服务").check()
    page.get_by_label("问题或经过").fill(
        "楼上邻居装修时把水管弄破，漏水泡坏了我家天花板和衣柜，找他赔偿一直推脱。"
    )
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_text("上门服务请填写地址。")).to_be_visible()
    # A full-page screenshot taken after typing swallowed the next click in
    # headless Chromium, so the form is pictured here, with its hints.
    screenshot(page, "legal-request-form")
    page.get_by_label("上门地址").fill("温泉路12号3栋502")
    page.get_by_label("对方当事人").fill("楼上602住户")
    page.get_by_label("纠纷类型").select_option(label="邻里纠纷")
    page.get_by_label("涉及金额（元）").fill("6000")
    page.get_by_role("button", name="提交申请").click()

    expect(page.locator(".need__meta .status")).to_have_text("待接单")
    case = LegalCase.objects.get()
    assert case.envoy == envoy

    # ... and books the first free time for the visit.
    page.get_by_role("link", name="预约时间").click()
    screenshot(page, "legal-booking")
    page.locator("button.slot").first.click()
    expect(page.locator("[data-appointment]")).to_contain_text("郑律师")
    log_out(page)

    # The envoy accepts, visits, records the session and the agreement.
    log_in(page, base, "envoy")
    page.goto(f"{base}/legal/cases/")
    page.get_by_role("link", name=f"矛盾纠纷调解 #{case.pk}", exact=False).click()
    open_step(page, "accept")
    page.locator("form[data-action=accept]").get_by_role("button", name="接单").click()
    expect(page.locator(".need__meta .status")).to_have_text("办理中")
    open_step(page, "session")
    session = page.locator("form[data-action=session]")
    session.get_by_label("调解时间").fill(dt.datetime.now(SHANGHAI).strftime("%Y-%m-%dT%H:%M"))
    session.get_by_label("地点").fill("申请人家中")
    session.get_by_label("参加人员").fill("申请人、602住户、物业经理")
    session.get_by_label("调解情况").fill("现场查看漏水痕迹，双方对维修费用达成一致意见。")
    session.get_by_role("button", name="记录一次调解").click()
    expect(page.locator(".session")).to_contain_text("申请人家中")
    open_step(page, "conclude")
    conclude = page.locator("form[data-action=conclude]")
    conclude.get_by_label("达成调解协议").check()
    conclude.get_by_label("调解协议内容").fill("602住户于两周内赔偿维修费4500元，并承担衣柜修理。")
    conclude.get_by_role("button", name="记录办理结果").click()
    expect(page.locator(".need__meta .status")).to_have_text("已办结")
    expect(page.locator("[data-agreement]")).to_contain_text("4500元")
    screenshot(page, "legal-case-agreement")
    log_out(page)

    # The resident sees the agreement in their case.
    log_in(page, base, "resident")
    page.goto(f"{base}/legal/cases/{case.pk}/")
    expect(page.locator("[data-outcome]")).to_have_text("达成调解协议")

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.outcome == Outcome.AGREEMENT
    assert Appointment.objects.get(case=case).envoy == envoy
    assert Result.objects.get().source == case
    steps = list(case.timeline.values_list("action", flat=True))
    assert steps[:4] == ["submit", "offer", "book", "accept"]
    assert "session" in steps and "conclude" in steps
