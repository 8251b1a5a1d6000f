"""SQLite drops a table's triggers when a migration rebuilds the table; the index must survive."""

import pytest
from django.db import connection

from gongzhi.core.search import repair_sqlite_indexes, search
from gongzhi.needs.models import Need

from tests import factories

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="FTS5 triggers exist only on SQLite"
)


def _triggers() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


@sqlite_only
def test_every_searchable_table_has_its_triggers_after_migrate():
    assert {"needs_need_fts_ai", "needs_need_fts_ad", "needs_need_fts_au"} <= _triggers()


@sqlite_only
def test_repair_puts_back_dropped_triggers_and_reindexes_rows_written_meanwhile():
    with connection.cursor() as cursor:
        for name in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER needs_need_fts_{name}")
    factories.NeedFactory(title="河道垃圾长期无人清理", body="内河边堆满垃圾。")

    repair_sqlite_indexes()

    assert search(Need.objects.all(), "垃圾").count() == 1
    assert "needs_need_fts_au" in _triggers()
