"""Steps shared by the participation browser tests."""

from playwright.sync_api import Page, expect


def log_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("button", name="退出")).to_be_visible()


def open_panel(page: Page, summary: str) -> None:
    """Open a <details> panel by its summary text, unless it is open already."""
    panel = page.locator("details").filter(has=page.locator("summary", has_text=summary)).first
    if panel.get_attribute("open") is None:
        panel.locator("summary").first.click()
