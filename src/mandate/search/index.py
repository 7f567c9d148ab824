"""The full-text index and the triggers that keep it current, in the database itself.

Every write of a document, attachment, task, progress report, meeting or draft version — by a service, a bulk load,
a reorganization's SQL or an import — changes `search_entry` in the same transaction through a trigger on the
source table (the apps below do not know of search, and no service has to remember to call it). The entry's
words go to the engine's own index:

- SQLite: an FTS5 table `search_fts` (contentless; rowid = the entry's id) with the `unicode61` tokenizer, which
  folds case and every Latin diacritic (`remove_diacritics 2`, right for ệ, ở, ữ); "đ" is no diacritic to it, so
  the triggers write it as "d" first.
- PostgreSQL: a stored tsvector column `search_entry.vector` (title weighted A, body B) of the text folded by
  `mandate_words()`, plain SQL functions (lower(translate(...))) made from `core.text.fold` letter by letter, with
  a GIN index. No extension (`unaccent` needs one installed by a superuser) and the same folding as SQLite's for
  every Vietnamese letter (tested).

A query is folded by the same engine that folded the text (`query_words` only cuts it into words), so the two
sides always agree. `rebuild()` (`mandate reindex`) lays everything again and re-reads every source row.
"""
from __future__ import annotations

import string
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection as default_connection
from django.db import connections, transaction

from mandate.core.text import fold

ENTRY = "search_entry"
PUNCTUATION = string.punctuation
FTS = "search_fts"


@dataclass(frozen=True)
class Source:
    """A table whose rows are searchable: what its entry is made of, as SQL over the row `{r}`."""

    table: str
    kind: str
    owner: str
    title: str
    body: str


SOURCES = [
    Source("documents_document", "document", "{r}.id", "COALESCE({r}.number_text, '') || ' ' || COALESCE({r}.title, '')",
           "COALESCE({r}.signer, '') || ' ' || COALESCE({r}.text, '')"),
    Source("documents_attachment", "attachment", "{r}.document_id", "COALESCE({r}.name, '')", "COALESCE({r}.text, '')"),
    Source("tasks_task", "task", "{r}.id", "COALESCE({r}.title, '')",
           "COALESCE({r}.description, '') || ' ' || COALESCE({r}.product, '')"),
    Source("tasks_progressreport", "progress", "{r}.task_id", "''", "COALESCE({r}.text, '')"),
    Source("meetings_meeting", "meeting", "{r}.id", "COALESCE({r}.title, '')", "COALESCE({r}.place, '')"),
    Source("meetings_draftversion", "draft", "(SELECT i.meeting_id FROM meetings_draft d JOIN meetings_agendaitem i "
           "ON i.id = d.item_id WHERE d.id = {r}.draft_id)",
           "COALESCE((SELECT d.title FROM meetings_draft d WHERE d.id = {r}.draft_id), '')", "COALESCE({r}.text, '')"),
]


# The folding, as SQL

def fold_table() -> tuple[str, str]:
    """Every letter `core.text.fold` changes into one other letter (Vietnamese, Latin, Cyrillic), as the two strings
    of SQL's translate(): "Ệ" → "e", "Đ" → "d", "Й" → "и"."""
    source, target = [], []
    # translate() looks each character up in this list, so it holds what Vietnamese, its neighbours in Latin-1 and
    # Latin Extended-A, and Russian and Ukrainian write — not all of Unicode.
    for code in [*range(0xC0, 0x180), 0x1A0, 0x1A1, 0x1AF, 0x1B0, *range(0x1EA0, 0x1EFA), *range(0x400, 0x460), 0x490, 0x491]:
        letter = chr(code)
        folded = fold(letter)
        if folded != letter and len(folded) == 1:
            source.append(letter)
            target.append(folded)
    return "".join(source), "".join(target)


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _fold_d(sql: str) -> str:
    """SQLite's half of the folding (the tokenizer does the rest): đ, which is a letter and not a mark, to d."""
    return f"replace(replace({sql}, 'đ', 'd'), 'Đ', 'D')"


# What is laid in the database

def _sqlite_statements() -> list[str]:
    statements = [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(title, body, content='', prefix='2 3 4', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"DROP TRIGGER IF EXISTS {ENTRY}_ai", f"DROP TRIGGER IF EXISTS {ENTRY}_ad", f"DROP TRIGGER IF EXISTS {ENTRY}_au",
        f"CREATE TRIGGER {ENTRY}_ai AFTER INSERT ON {ENTRY} BEGIN "
        f"INSERT INTO {FTS}(rowid, title, body) VALUES (new.id, {_fold_d('new.title')}, {_fold_d('new.body')}); END",
        f"CREATE TRIGGER {ENTRY}_ad AFTER DELETE ON {ENTRY} BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, title, body) VALUES ('delete', old.id, {_fold_d('old.title')}, {_fold_d('old.body')}); END",
        f"CREATE TRIGGER {ENTRY}_au AFTER UPDATE ON {ENTRY} BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, title, body) VALUES ('delete', old.id, {_fold_d('old.title')}, {_fold_d('old.body')}); "
        f"INSERT INTO {FTS}(rowid, title, body) VALUES (new.id, {_fold_d('new.title')}, {_fold_d('new.body')}); END",
    ]
    for source in SOURCES:
        name = f"search_{source.table}"
        put = _put(source, "new")
        statements += [
            f"DROP TRIGGER IF EXISTS {name}_ai", f"DROP TRIGGER IF EXISTS {name}_au", f"DROP TRIGGER IF EXISTS {name}_ad",
            f"CREATE TRIGGER {name}_ai AFTER INSERT ON {source.table} BEGIN {put}; END",
            f"CREATE TRIGGER {name}_au AFTER UPDATE ON {source.table} BEGIN {put}; END",
            f"CREATE TRIGGER {name}_ad AFTER DELETE ON {source.table} BEGIN "
            f"DELETE FROM {ENTRY} WHERE kind = '{source.kind}' AND object_id = old.id; END",
        ]
    return statements


def _put(source: Source, row: str) -> str:
    """Write (or rewrite) the entry of the row `row` of `source`."""
    return (f"INSERT INTO {ENTRY} (kind, object_id, owner_id, title, body) VALUES ('{source.kind}', {row}.id, "
            f"{source.owner.format(r=row)}, {source.title.format(r=row)}, {source.body.format(r=row)}) "
            "ON CONFLICT (kind, object_id) DO UPDATE SET owner_id = excluded.owner_id, title = excluded.title, "
            "body = excluded.body")


def _postgresql_statements() -> list[str]:
    source_letters, target_letters = fold_table()
    statements = [
        "CREATE OR REPLACE FUNCTION mandate_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS "
        f"$$ SELECT lower(translate($1, {_quoted(source_letters)}, {_quoted(target_letters)})) $$",
        # The words of a text as SQLite's unicode61 cuts them: every punctuation mark apart, so that PostgreSQL's
        # parser sees no path in "15-CT/TU", no e-mail and no hyphenated word, only 15, ct and tu.
        "CREATE OR REPLACE FUNCTION mandate_words(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS "
        f"$$ SELECT translate(public.mandate_fold($1), {_quoted(PUNCTUATION)}, {_quoted(' ' * len(PUNCTUATION))}) $$",
        f"ALTER TABLE {ENTRY} ADD COLUMN IF NOT EXISTS vector tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('simple'::regconfig, mandate_words(title)), 'A') || "
        "setweight(to_tsvector('simple'::regconfig, mandate_words(body)), 'B')) STORED",
        f"CREATE INDEX IF NOT EXISTS {ENTRY}_vector ON {ENTRY} USING gin (vector)",
    ]
    for source in SOURCES:
        function = f"search_{source.table}"
        statements += [
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP = 'DELETE' THEN DELETE FROM {ENTRY} WHERE kind = '{source.kind}' AND object_id = OLD.id; RETURN OLD; END IF; "
            f"{_put(source, 'NEW')}; RETURN NEW; END $$",
            f"DROP TRIGGER IF EXISTS search_index ON {source.table}",
            f"CREATE TRIGGER search_index AFTER INSERT OR UPDATE OR DELETE ON {source.table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        ]
    return statements


def statements(vendor: str) -> list[str]:
    return _postgresql_statements() if vendor == "postgresql" else _sqlite_statements()


def install(connection=default_connection) -> None:
    """Lay the index and the triggers (idempotent: what is there is laid again)."""
    with connection.cursor() as cursor:
        for statement in statements(connection.vendor):
            cursor.execute(statement)


def install_after_migrate(sender=None, using: str = "default", **kwargs) -> None:
    connection = connections[using]
    if ENTRY in connection.introspection.table_names():  # not after `migrate search zero`
        install(connection)


def migration_install(apps, schema_editor) -> None:
    """The migration's step: the rows a database already holds are indexed as it is upgraded."""
    rebuild(schema_editor.connection)


def _drop_sqlite_index(cursor) -> None:
    """SQLite: the FTS table and the entry's triggers that fill it."""
    cursor.execute(f"DROP TABLE IF EXISTS {FTS}")
    for name in (f"{ENTRY}_ai", f"{ENTRY}_ad", f"{ENTRY}_au"):
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def migration_uninstall(apps, schema_editor) -> None:
    """The migration's step backwards: nothing of the index stays on the source tables, which outlive it (a trigger
    naming a dropped table would refuse every later write to them)."""
    connection = schema_editor.connection
    _drop_source_triggers(connection)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for source in SOURCES:
                cursor.execute(f"DROP FUNCTION IF EXISTS search_{source.table}()")
            cursor.execute(f"ALTER TABLE {ENTRY} DROP COLUMN IF EXISTS vector")
            cursor.execute("DROP FUNCTION IF EXISTS mandate_words(text)")
            cursor.execute("DROP FUNCTION IF EXISTS mandate_fold(text)")
        else:
            _drop_sqlite_index(cursor)


def _drop_source_triggers(connection) -> None:
    with connection.cursor() as cursor:
        for source in SOURCES:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS search_index ON {source.table}")
            else:
                for event in ("ai", "au", "ad"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS search_{source.table}_{event}")


@contextmanager
def paused(connection=default_connection) -> Iterator[None]:
    """For a bulk load inside one transaction: no trigger per row while it writes, then one `rebuild` (a set-wise
    INSERT … SELECT per table, several times faster), before the transaction commits."""
    _drop_source_triggers(connection)
    yield
    rebuild(connection)


def rebuild(connection=default_connection) -> int:
    """Empty the index and make it again from every source row, in one transaction; the number of entries made."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The GIN index is built once over all rows, several times faster than kept row by row.
            cursor.execute(f"DROP INDEX IF EXISTS {ENTRY}_vector")
            cursor.execute(f"TRUNCATE {ENTRY}")
        else:
            _drop_sqlite_index(cursor)
            cursor.execute(f"DELETE FROM {ENTRY}")
            install(connection)  # on SQLite the entry's own triggers fill the FTS table as the rows go in
        for source in SOURCES:
            cursor.execute(f"INSERT INTO {ENTRY} (kind, object_id, owner_id, title, body) SELECT '{source.kind}', s.id, "
                           f"{source.owner.format(r='s')}, {source.title.format(r='s')}, {source.body.format(r='s')} "
                           f"FROM {source.table} s")
        if connection.vendor == "postgresql":
            install(connection)
        cursor.execute(f"SELECT COUNT(*) FROM {ENTRY}")
        return cursor.fetchone()[0]
