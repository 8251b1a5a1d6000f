"""Chinese full-text search over segmented words, on SQLite FTS5 and PostgreSQL.

A searchable model keeps its text segmented into words in a `search_words`
column (space separated, written by the model's save path). PostgreSQL
indexes `to_tsvector('simple', search_words)` with GIN; SQLite keeps an FTS5
table in step through triggers. Queries are segmented by the same function,
and every query word must match. No `LIKE '%…%'` anywhere: it cannot use an
index and it does not know where Chinese words begin and end.
"""

from django.apps import apps
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection, connections, migrations
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from gongzhi.insight.segment import search_terms

SEARCH_CONFIG = "simple"


def index_text(*parts: str) -> str:
    """The `search_words` value for a row made of these text parts."""
    return " ".join(search_terms(" ".join(part for part in parts if part)))


def search_vector(column: str = "search_words") -> SearchVector:
    """The expression PostgreSQL indexes and queries; both must be identical."""
    return SearchVector(column, config=SEARCH_CONFIG)


def _fts_table(queryset: QuerySet) -> str:
    return f"{queryset.model._meta.db_table}_fts"


def _fts5_match(terms: list[str]) -> str:
    # Each word becomes a quoted FTS5 string, so punctuation and operators
    # typed by a user are searched for, never interpreted.
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Restrict `queryset` to rows whose segmented words contain every word of `text`."""
    terms = search_terms(text)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.annotate(search_match=search_vector()).filter(
            search_match=SearchQuery(" ".join(terms), config=SEARCH_CONFIG, search_type="plain")
        )
    table = _fts_table(queryset)
    matching = RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [_fts5_match(terms)])
    return queryset.filter(pk__in=matching)


def _sqlite_statements(table: str) -> tuple[list[str], list[str]]:
    fts = f"{table}_fts"
    create = [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} "
        f"USING fts5(search_words, content='{table}', content_rowid='id')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_words) VALUES (new.id, new.search_words); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_words) VALUES ('delete', old.id, old.search_words); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF search_words ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_words) VALUES ('delete', old.id, old.search_words); "
        f"INSERT INTO {fts}(rowid, search_words) VALUES (new.id, new.search_words); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]
    drop = [
        f"DROP TRIGGER IF EXISTS {fts}_ai",
        f"DROP TRIGGER IF EXISTS {fts}_ad",
        f"DROP TRIGGER IF EXISTS {fts}_au",
        f"DROP TABLE IF EXISTS {fts}",
    ]
    return create, drop


def repair_sqlite_indexes(using: str = "default", **kwargs) -> None:
    """Re-create FTS5 triggers that a later migration dropped, and rebuild those indexes.

    To alter a table, Django's SQLite backend builds a new one, copies the
    rows and drops the old one, and the triggers go with it. Run after every
    migrate, this puts them back and re-reads the rows, so search never
    silently goes stale.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in cursor.fetchall()}
        for model in apps.get_models():
            table = model._meta.db_table
            if not _has_search_words(model) or f"{table}_fts_au" in triggers:
                continue
            for statement in _sqlite_statements(table)[0]:
                cursor.execute(statement)


def _has_search_words(model) -> bool:
    return any(field.name == "search_words" for field in model._meta.local_fields)


def _postgresql_statements(table: str) -> tuple[list[str], list[str]]:
    # The indexed expression must be exactly what `search_vector()` renders,
    # or PostgreSQL will not use the index for a query.
    create = [
        f"CREATE INDEX {table}_search_gin ON {table} "
        f"USING gin (to_tsvector('{SEARCH_CONFIG}'::regconfig, COALESCE(search_words, '')))"
    ]
    drop = [f"DROP INDEX IF EXISTS {table}_search_gin"]
    return create, drop


def search_index_operation(table: str) -> migrations.RunPython:
    """A migration step that indexes `table.search_words`: FTS5 on SQLite, GIN on PostgreSQL."""
    builders = {"sqlite": _sqlite_statements, "postgresql": _postgresql_statements}

    def run(which: int):
        def apply(apps, schema_editor) -> None:
            builder = builders.get(schema_editor.connection.vendor)
            if builder is None:
                return
            for statement in builder(table)[which]:
                schema_editor.execute(statement)

        return apply

    return migrations.RunPython(run(0), run(1))
