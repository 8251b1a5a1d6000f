"""The two other consultation paths, clicked through in a phone-sized browser: a study that the
department commissions from a named expert and accepts into the results database, and an expert's
advice that the department takes into the topic list."""

import pytest
from playwright.sync_api import Page, expect

from gongzhi.consultation.models import Advice, Study, Topic
from gongzhi.results.models import Contribution, Kind, Result

from tests.browser.session import log_in, log_out
from tests.factories import (
    DepartmentFactory,
    DepartmentStaffFactory,
    ExpertFactory,
    UserFactory,
)
from tests.factories_consultation import TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOPIC = "老旧小区加装电梯推进机制研究"


def act(page: Page, action: str) -> None:
    """Open one action's panel on a detail page, unless it is open already."""
    panel = page.locator("details.action").filter(has=page.locator(f"form[data-action={action}]"))
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    expect(panel.locator(f"form[data-action={action}]")).to_be_visible()


def status(page: Page):
    return page.locator(".need__meta .status")


def people():
    """The elderly-care department with one staff member, and two experts on the committee."""
    department = DepartmentFactory(name="区民政局", fields=["elderly-childcare"])
    DepartmentStaffFactory(
        user=UserFactory(username="civil", display_name="民政局王科长"), department=department
    )
    ExpertFactory(
        user=UserFactory(username="zhang", display_name="张教授"),
        fields=["elderly-childcare"],
        expertise="养老服务体系、适老化改造",
        affiliation="福建师范大学",
    )
    ExpertFactory(
        user=UserFactory(username="chen", display_name="陈研究员"),
        fields=["elderly-childcare"],
        expertise="老年医学",
        affiliation="福建医科大学",
    )
    return department


def deliver(page: Page, step: str, label: str, filename: str, note: str, after: str) -> None:
    act(page, step)
    form = page.locator(f"form[data-action={step}]")
    form.get_by_label("文件").set_input_files(
        files=[{"name": filename, "mimeType": "application/pdf", "buffer": b"%PDF-1.4 demo"}]
    )
    form.get_by_label("说明").fill(note)
    form.get_by_role("button", name=label).click()
    expect(status(page)).to_have_text(after)


def test_a_study_is_commissioned_delivered_accepted_and_filed(live_server, phone, screenshot):
    department = people()
    TopicFactory(
        title=TOPIC,
        department=department,
        background="全区有一千余个老旧小区单元具备加装电梯条件，但居民意见难统一、资金分摊难。",
    )
    page = phone.new_page()
    base = live_server.url

    # The department opens the topic and commissions 张教授 by name.
    log_in(page, base, "civil")
    page.goto(f"{base}/consultation/")
    page.get_by_role("link", name=TOPIC).click()
    act(page, "study")
    form = page.locator("form[data-action=study]")
    form.get_by_label("调研要求").fill("摸清加装电梯的主要阻力，提出资金分摊和协商议事的可行办法。")
    form.get_by_label("张教授（福建师范大学）").check()
    form.get_by_role("button", name="委托调研").click()
    expect(status(page)).to_have_text("待交方案")
    expect(page.locator(".facts")).to_contain_text("张教授")
    expect(page.locator(".facts")).not_to_contain_text("陈研究员")
    log_out(page)

    # The expert finds the study under "my consultations" and delivers the three milestones.
    log_in(page, base, "zhang")
    page.goto(f"{base}/consultation/advice/")
    page.get_by_role("link", name=TOPIC).click()
    expect(status(page)).to_have_text("待交方案")
    deliver(page, "plan", "提交调研方案", "plan.pdf", "走访十个小区。", "待交中期报告")
    deliver(page, "interim", "提交中期报告", "interim.pdf", "已完成问卷。", "待交最终报告")
    deliver(page, "final", "提交最终报告", "final.pdf", "最终报告定稿。", "待验收")
    milestones = page.locator(".need-list .need-card__title")
    expect(milestones).to_have_text(["调研方案", "中期报告", "最终报告"])
    expect(page.locator("form[data-action]")).to_have_count(0)
    screenshot(page, "consultation-study-delivered")
    log_out(page)

    # The department accepts the final report; it becomes a study report in the results database.
    log_in(page, base, "civil")
    page.goto(f"{base}/consultation/")
    page.get_by_role("link", name=TOPIC).click()
    page.locator(".need-card__title").filter(has_text="摸清加装电梯的主要阻力").click()
    expect(status(page)).to_have_text("待验收")
    act(page, "accept")
    accept = page.locator("form[data-action=accept]")
    accept.get_by_label("成果摘要").fill("建议按楼层系数分摊费用，由社区议事会协商低层住户补偿。")
    accept.get_by_role("button", name="验收通过").click()
    expect(status(page)).to_have_text("已验收")
    report = f"{TOPIC}调研报告"
    expect(page.locator(".facts").get_by_role("link", name=report)).to_be_visible()
    log_out(page)

    # Anyone finds it in the results database, with its source and the report to download.
    page.goto(f"{base}/results/")
    page.get_by_role("link", name=report).click()
    expect(page.locator(".result__source")).to_have_text(TOPIC)
    expect(page.get_by_role("link", name="下载成果文件")).to_be_visible()
    expect(page.locator(".people-list")).to_contain_text("张教授")
    screenshot(page, "consultation-study-result")

    study = Study.objects.get()
    assert study.status == Study.Status.ACCEPTED
    assert study.milestones.count() == 3
    result = Result.objects.get()
    assert result.kind == Kind.STUDY_REPORT
    assert study.result == result
    assert list(result.contributions.values_list("user__username", "role")) == [
        ("zhang", Contribution.Role.LEAD)
    ]
    assert Topic.objects.get().status == Topic.Status.CONCLUDED


def test_an_experts_advice_is_taken_into_the_topic_list(live_server, phone, screenshot):
    people()
    title = "建立社区嵌入式养老服务综合体"
    page = phone.new_page()
    base = live_server.url

    # The expert puts the advice forward, addressed to the elderly-care department.
    log_in(page, base, "zhang")
    page.goto(f"{base}/consultation/advice/")
    page.get_by_role("link", name="荐题献策").click()
    page.get_by_label("标题").fill(title)
    page.get_by_label("内容").fill(
        "建议利用社区闲置用房建设嵌入式养老服务综合体，集助餐、日间照料、康复护理于一体。"
    )
    page.get_by_label("领域").select_option(label="养老托育")
    page.get_by_label("建议承办部门").select_option(label="区民政局")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(status(page)).to_have_text("待审核")
    expect(page.locator("form[data-action]")).to_have_count(0)
    log_out(page)

    # The department reviews it from its list and takes it into this year's topic list.
    log_in(page, base, "civil")
    page.goto(f"{base}/consultation/advice/")
    page.get_by_role("link", name=title).click()
    act(page, "take_in")
    page.locator("form[data-action=take_in]").get_by_role("button", name="纳入课题清单").click()
    expect(status(page)).to_have_text("已纳入课题清单")
    screenshot(page, "consultation-advice-taken-in")
    page.locator(".facts").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(status(page)).to_have_text("待开展")
    expect(page.locator(".facts")).to_contain_text("张教授 专家献策")
    expect(page.locator(".result-card").get_by_role("link", name=title)).to_be_visible()
    log_out(page)

    # The topic is on the public list, and the advice is in the results database.
    page.goto(f"{base}/consultation/")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    page.goto(f"{base}/results/")
    page.get_by_role("link", name=title).click()
    expect(page.locator(".result__source")).to_have_text(title)
    expect(page.locator(".people-list")).to_contain_text("张教授")

    # The expert sees the outcome on their own list.
    log_in(page, base, "zhang")
    page.goto(f"{base}/consultation/advice/")
    card = page.locator(".need-card").filter(has_text=title)
    expect(card.locator(".status")).to_have_text("已纳入课题清单")
    screenshot(page, "consultation-advice-mine")

    advice = Advice.objects.get()
    assert advice.status == Advice.Status.TAKEN_IN
    assert advice.topic.title == title
    result = Result.objects.get()
    assert result.kind == Kind.ADVICE
    assert list(result.contributions.values_list("user__username", "role")) == [
        ("zhang", Contribution.Role.AUTHOR)
    ]
