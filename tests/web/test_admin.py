"""The Django admin: every model page opens for the district admin, in Chinese."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(district_admin):
    district_admin.is_staff = district_admin.is_superuser = True
    district_admin.save()
    return district_admin


def test_every_registered_model_list_opens(client, superuser):
    client.force_login(superuser)

    failures = []
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        if client.get(url).status_code != 200:
            failures.append(url)

    assert failures == []


def test_the_admin_speaks_chinese(client, superuser):
    client.force_login(superuser)

    page = client.get(reverse("admin:index")).content.decode()

    assert "需求库" in page
    assert "站点管理" in page or "共治" in page


def test_workflow_fields_and_the_timeline_are_read_only_in_the_admin(client, superuser, need_at):
    from gongzhi.needs.models import Status

    need = need_at(Status.ASSIGNED)
    client.force_login(superuser)

    client.post(
        reverse("admin:needs_need_change", args=[need.pk]),
        {"title": need.title, "body": need.body, "status": "closed", "support_count": 999},
    )

    need.refresh_from_db()
    assert need.status == Status.ASSIGNED
    assert need.support_count == 0
    entry = need.timeline.first()
    assert client.get(reverse("admin:needs_timelineentry_add")).status_code == 403
    assert (
        client.get(reverse("admin:needs_timelineentry_delete", args=[entry.pk])).status_code == 403
    )
