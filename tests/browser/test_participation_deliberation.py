"""A deliberation in the browser: opinion map, voting with htmx, moderation, a routed conclusion."""

import pytest
from playwright.sync_api import Page, expect

from gongzhi.needs import actions as need_actions
from gongzhi.participation.actions import opinion as opinions
from gongzhi.participation.models import Comment, Deliberation
from gongzhi.results.models import Result

from tests import factories
from tests.browser.participation_steps import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATEMENTS = [
    ("加装电梯能让老人重新下楼", (1, 1)),
    ("电梯费用应按楼层分摊", (1, -1)),
    ("一楼住户不应出钱", (-1, 1)),
    ("政府应补贴一半费用", (1, 1)),
]


def crowd_votes(deliberation: Deliberation) -> None:
    """Two camps of twelve neighbours have voted already."""
    people = [factories.UserFactory() for _ in range(24)]
    made = [opinions.add_statement(deliberation, actor=people[0], text=t) for t, _ in STATEMENTS]
    for i, person in enumerate(people):
        for statement, (_text, leans) in zip(made, STATEMENTS, strict=True):
            opinions.cast(statement, actor=person, value=leans[i % 2])


def vote_on_the_card(page: Page, answer: str) -> None:
    """Vote on the statement shown; wait for the next card and for the map to redraw.

    Waiting for the redraw keeps the next vote from racing it: the test
    database is an in-memory SQLite that refuses a second writer at once
    instead of queueing it like the file database does.
    """
    shown = page.locator("#vote-card .vote-card__statement").first.inner_text()
    with (
        page.expect_response(lambda r: "/map/" in r.url),
        page.expect_response(lambda r: r.url.endswith("/vote/")),
    ):
        page.locator("#vote-card").first.get_by_role("button", name=answer, exact=True).click()
    expect(page.locator("#vote-card")).to_have_count(1)
    expect(page.locator("#vote-card")).not_to_contain_text(shown)


def test_staff_open_a_deliberation_residents_vote_and_talk_and_the_conclusion_goes_to_results(
    live_server, phone, screenshot
):
    community = factories.CommunityFactory(name="温泉社区")
    staff = factories.CommunityStaffFactory(
        user=factories.UserFactory(username="intake"), community=community
    ).user
    factories.UserFactory(username="resident", display_name="林晓", community=community)
    need = need_actions.submit(
        factories.UserFactory(),
        title="老旧小区加装电梯费用分摊难",
        body="六层老楼加装电梯，费用怎么分摊谈不拢。",
        place=community,
        field=factories.field("livable-homes"),
    )
    need_actions.accept(need, actor=staff)
    page = phone.new_page()
    base = live_server.url

    # Community staff put the need up for deliberation.
    log_in(page, base, "intake")
    page.goto(f"{base}/participation/deliberations/new/?need={need.pk}")
    page.get_by_label("议题").fill("加装电梯：费用怎么分摊才公平？")
    page.get_by_role("button", name="发起").click()
    expect(page.get_by_role("heading", name="加装电梯：费用怎么分摊才公平？")).to_be_visible()
    deliberation = Deliberation.objects.get(need=need)
    crowd_votes(deliberation)

    # A resident sees the map, votes on the statement in front of them, speaks.
    log_in(page, base, "resident")
    page.goto(f"{base}{deliberation.get_absolute_url()}")
    expect(page.locator("#opinion-map svg circle.group-0").first).to_be_visible()
    expect(page.locator("#opinion-map svg circle.group-1").first).to_be_visible()
    expect(page.get_by_role("heading", name="主要分歧")).to_be_visible()
    for answer in ("同意", "不同意", "不同意", "不同意"):
        vote_on_the_card(page, answer)
    expect(page.locator("#vote-card")).to_contain_text("您已对所有观点表态")
    page.reload()
    expect(page.locator("#opinion-map .opinion-map__me")).to_be_visible()
    page.get_by_role("button", name="支持", exact=True).click()
    page.get_by_label("反对", exact=True).check()
    page.get_by_label("发言").fill("隔壁那家就是不讲理，电话13800138000")
    page.get_by_role("button", name="发言", exact=True).click()
    expect(page.locator(".comment__body").first).to_contain_text("[电话已隐藏]")
    screenshot(page, "participation-deliberation")

    # Staff hide the remark and close with a conclusion for the results database.
    log_in(page, base, "intake")
    page.goto(f"{base}{deliberation.get_absolute_url()}#comments")
    remark = page.locator(".comment").first
    remark.locator("summary", has_text="屏蔽").click()
    remark.get_by_label("屏蔽理由").fill("人身攻击")
    remark.get_by_role("button", name="屏蔽").click()
    expect(page.locator(".comment")).to_have_count(0)
    close = page.locator("form[data-action=close]")
    close.get_by_label("议事结论").fill(
        "多数居民同意按楼层系数分摊，一楼不出资，政府补贴部分申请专项资金。"
    )
    close.get_by_label("报送成果库").check()
    close.get_by_role("button", name="结束议事并转办").click()
    expect(page.locator(".need__meta .status")).to_have_text("已形成结论")
    expect(page.get_by_role("link", name="成果 #")).to_be_visible()

    deliberation.refresh_from_db()
    assert (
        deliberation.support_count == 1 and deliberation.vote_count == 4 + 24 * 4 + 4
    )  # authoring, the crowd, the resident
    assert Comment.objects.get().is_hidden
    assert Result.objects.get(pk=deliberation.routed_result_id).source == deliberation
