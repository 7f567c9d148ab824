"""The database's own guard of the audit trail: UPDATE and DELETE on its rows are refused.

The hash chain finds an altered record afterwards; the triggers stop the application, a shell or
a careless script from altering one at all. Whoever owns the database can still drop them — that
is what the chain is for. TRUNCATE (the whole table at once, as `flush` and restores do on
PostgreSQL) is not refused; on SQLite, `flush` deletes row by row, so it lifts the guard while
it runs (see the `flush` command of this app).
"""
from contextlib import contextmanager

TABLE = "audit_auditrecord"
MESSAGE = "audit records are append-only"

INSTALL = {
    "postgresql": [
        f"""CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
END $$""",
        f"CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION audit_append_only()",
    ],
    "sqlite": [
        f"CREATE TRIGGER audit_no_update BEFORE UPDATE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
        f"CREATE TRIGGER audit_no_delete BEFORE DELETE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    ],
}

REMOVE = {
    "postgresql": [f"DROP TRIGGER IF EXISTS audit_append_only ON {TABLE}", "DROP FUNCTION IF EXISTS audit_append_only()"],
    "sqlite": ["DROP TRIGGER IF EXISTS audit_no_update", "DROP TRIGGER IF EXISTS audit_no_delete"],
}


def _run(connection, statements: dict) -> None:
    with connection.cursor() as cursor:
        for statement in statements.get(connection.vendor, []):
            cursor.execute(statement)


def guard_install(connection) -> None:
    _run(connection, INSTALL)


def guard_remove(connection) -> None:
    _run(connection, REMOVE)


def guard_installed(connection) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_append_only'")
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_no_update'")
        else:
            return False
        return cursor.fetchone()[0] > 0


@contextmanager
def guard_lifted(connection):
    """Run a whole-database operation (flush, restore) that must delete audit rows; the guard comes back after."""
    installed = guard_installed(connection)
    if installed:
        guard_remove(connection)
    try:
        yield
    finally:
        if installed:
            guard_install(connection)
