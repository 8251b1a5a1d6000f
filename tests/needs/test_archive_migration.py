"""Migration 0006 archives the imported messages that nobody took in, and only those."""

import importlib

import pytest
from django.apps import apps

from gongzhi.needs.models import Need, Status, TimelineEntry

from tests import factories

pytestmark = pytest.mark.django_db

migration = importlib.import_module("gongzhi.needs.migrations.0006_archived_status")


def test_untouched_imported_needs_become_archived_with_a_timeline_entry():
    waiting = factories.NeedFactory(source=Need.Source.IMPORT, status=Status.SUBMITTED)
    taken_in = factories.NeedFactory(source=Need.Source.IMPORT, status=Status.ACCEPTED)
    filed_here = factories.NeedFactory(status=Status.SUBMITTED)

    migration.archive_imported_backlog(apps, None)

    waiting.refresh_from_db()
    assert (waiting.status, waiting.accept_due) == (Status.ARCHIVED, None)
    assert Need.objects.get(pk=taken_in.pk).status == Status.ACCEPTED
    assert Need.objects.get(pk=filed_here.pk).status == Status.SUBMITTED
    entry = TimelineEntry.objects.get()
    assert (entry.need_id, entry.action, entry.to_status) == (waiting.pk, "archive", "archived")
    assert not Need.objects.overdue().filter(pk=waiting.pk).exists()
