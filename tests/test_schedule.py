"""`gongzhi schedule` enqueues the periodic tasks; the tasks do their work."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from gongzhi.needs.models import HotIssue
from gongzhi.needs.tasks import refresh_hot_issues

pytestmark = pytest.mark.django_db


def test_once_enqueues_every_periodic_task_one_time():
    out = io.StringIO()

    call_command("schedule", "--once", stdout=out)

    queued = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == [
        "gongzhi.legal.tasks.send_reminders",
        "gongzhi.needs.tasks.refresh_hot_issues",
    ]
    assert out.getvalue().count("enqueued") == 2


@override_settings(PERIODIC_TASKS=[("gongzhi.needs.tasks.no_such_task", 60)])
def test_an_unknown_task_path_is_an_error_before_anything_is_enqueued():
    with pytest.raises(ImportError):
        call_command("schedule", "--once", stdout=io.StringIO())

    assert not DBTaskResult.objects.exists()


def test_the_hot_issue_task_groups_repeated_needs(resident, community_a):
    from gongzhi.needs import actions

    for body in (
        "楼下烧烤摊油烟很大，晚上噪音扰民",
        "烧烤摊油烟直排，噪音到凌晨",
        "烧烤摊油烟噪音扰民严重",
    ):
        actions.submit(resident, place=community_a, title="幸福小区烧烤摊油烟扰民", body=body)

    found = refresh_hot_issues.call()

    assert found == HotIssue.objects.count() >= 1
    assert "烧烤" in HotIssue.objects.order_by("rank").first().title


def test_the_worker_starts_again_after_a_long_sqlite_lock(monkeypatch):
    from django.db import OperationalError
    from django_tasks_db.management.commands import db_worker as library

    from gongzhi.core.management.commands import db_worker

    calls = []

    def library_handle(self, *args, **options):
        calls.append(options["batch"])
        if len(calls) == 1:
            raise OperationalError("database is locked")

    monkeypatch.setattr(library.Command, "handle", library_handle)
    monkeypatch.setattr(db_worker, "RETRY_AFTER", 0)

    call_command("db_worker", "--batch")

    assert calls == [True, True]


def test_the_worker_still_stops_on_other_database_errors(monkeypatch):
    from django.db import OperationalError
    from django_tasks_db.management.commands import db_worker as library

    def library_handle(self, *args, **options):
        raise OperationalError("no such table: django_tasks_database_dbtaskresult")

    monkeypatch.setattr(library.Command, "handle", library_handle)

    with pytest.raises(OperationalError, match="no such table"):
        call_command("db_worker", "--batch")


# The worker closes and reopens connections between tasks, as a process of its
# own would; that needs committed data, not the test's open transaction.
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_queued_tasks(resident, community_a):
    call_command("schedule", "--once", stdout=io.StringIO())

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    states = set(DBTaskResult.objects.values_list("status", flat=True))
    assert states == {"SUCCESSFUL"}


@pytest.mark.django_db(transaction=True)
def test_grouping_hot_issues_holds_no_transaction_open(monkeypatch, resident, community_a):
    # On SQLite a transaction takes the write lock at BEGIN; grouping takes
    # seconds, and every login and vote would wait behind it.
    from django.db import connection

    from gongzhi.needs import intelligence

    seen = []
    real = intelligence.hotspots.find_hotspots

    def watched(*args, **kwargs):
        seen.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    monkeypatch.setattr(intelligence.hotspots, "find_hotspots", watched)

    refresh_hot_issues.call()

    assert seen == [False]
