"""Errors speak the site's language and keep its layout, and never show debug details."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_a_chinese_404_in_the_site_layout(client):
    response = client.get("/no-such-page/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "找不到这个页面" in page
    assert 'class="site-header"' in page
    assert "URLconf" not in page


def test_a_forbidden_page_explains_itself_in_chinese(client, resident):
    client.force_login(resident)

    response = client.get(reverse("needs:need_inbox"))

    assert response.status_code == 403
    assert "您没有权限做这件事" in response.content.decode()


def test_a_stale_form_says_to_refresh_instead_of_a_csrf_error(resident):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(resident)

    response = browser.post(reverse("needs:need_create"), {"title": "路灯不亮"})

    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
