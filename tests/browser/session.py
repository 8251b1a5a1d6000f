"""Signing in and out in the browser tests: every persona's password is "password"."""

from playwright.sync_api import Page, expect


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("button", name="退出")).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("button", name="退出")).to_have_count(0)
