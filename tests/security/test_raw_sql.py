"""Raw SQL lives in a few reviewed modules only; a new one must be reviewed (values bound as parameters, never
formatted in) and added here.

Reviewed 2026-11: the f-strings in these modules interpolate only table and column names taken from the
models or from constants of the module, and placeholder lists (`%s, %s, …`); every value is a bound parameter.
"""
import re
from pathlib import Path

import mandate

REVIEWED = {
    "audit/guard.py",              # the append-only triggers: fixed DDL
    "audit/services.py",           # the first free shard head (FOR UPDATE SKIP LOCKED): fixed statement, values bound
    "core/commands.py",            # BaseCommand.execute, no SQL (the pattern matches the method's name)
    "benchmarks/generator.py",     # bulk load: table names from models, values bound
    "benchmarks/harness.py",       # SHOW server_version
    "benchmarks/scenarios.py",     # benchmark queries: named parameters
    "core/backup.py",              # PRAGMA integrity_check
    "health.py",                   # SELECT 1: is the database there
    "reorganizations/handing.py",  # hand-over in bulk: table and column names from models, values bound
    "reorganizations/services.py",  # revert in bulk: the same statements, values bound
    "orgs/migrations/0005_handover_per_task.py",
    "search/index.py",             # the index's triggers and rebuild: fixed DDL, table names from models
    "search/selectors.py",         # the match: the words and the permitted subqueries bound as parameters
    "tasks/tallies.py",            # the tallies' rebuild: fixed statements, table names from models, values bound
}
RAW = re.compile(r"\.execute\(|RawSQL\(|\.raw\(|\.extra\(")


def test_raw_sql_appears_only_in_reviewed_modules():
    root = Path(mandate.__file__).parent
    found = {str(path.relative_to(root)) for path in root.rglob("*.py") if RAW.search(path.read_text(encoding="utf-8"))}
    assert found - REVIEWED == set()
