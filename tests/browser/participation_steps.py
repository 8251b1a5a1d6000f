"""Steps shared by the participation browser tests."""

from playwright.sync_api import Page

from tests.browser import session


def log_in(page: Page, base: str, username: str) -> None:
    """Switch persona without a logout click: the cookies go, then a fresh sign-in."""
    page.context.clear_cookies()
    session.log_in(page, base, username)


def open_panel(page: Page, summary: str) -> None:
    """Open a <details> panel by its summary text, unless it is open already."""
    panel = page.locator("details").filter(has=page.locator("summary", has_text=summary)).first
    if panel.get_attribute("open") is None:
        panel.locator("summary").first.click()
