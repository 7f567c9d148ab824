#!/usr/bin/env python3
"""Benchmark the 2025 province merger applied to open tasks, and the tree of one province as of a date.

    python bench/reorganization_bench.py --tasks 200000 --database postgres://postgres@127.0.0.1:5432/mandate_reorg_bench
    python bench/reorganization_bench.py --tasks 50000            # SQLite in a temporary directory

The database is created from scratch (PostgreSQL: dropped and created again; SQLite: a new file),
migrated, loaded with the real country, and given N tasks on the bodies of the 52 old provinces
(bulk inserts, assigned 2025-03-01, 85 % open, 10 % with a coordinator), and the posts of every body with
their holders, as `mandate generate` writes them (`benchmarks.generator.posts_generate`: the old provinces'
bodies too, so that the merger hands their positions and people on; `--no-posts` leaves them out). Then:

1. `reorganization_apply_2025` — the 23 merge events through the same apply code as any event
   (handovers, timeline lines, audit records), in one transaction, commit included;
2. the floor: the same hand-over as bare SQL UPDATEs with nothing recorded, measured after reverting
   the merger and rolled back — one UPDATE of the tasks (lead and assigning unit together, each task
   rewritten once, as the apply does) and one of the coordinators; and, for comparison with earlier
   figures, the earlier floor of one UPDATE per column. On PostgreSQL each also with the deferred
   foreign-key checks of its UPDATEs run before the rollback, as a commit would run them (the apply's
   figure includes its commit);
3. the tree of one province (Phú Thọ, 25) as of 2025-08-01 and of old Phú Thọ as of 2025-06-30,
   `unit_tree` against one raw query over the placements.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _prepare_database(url: str | None) -> str:
    if url is None:
        directory = tempfile.mkdtemp(prefix="mandate-reorg-bench-")
        os.environ["MANDATE_DATA_DIR"] = directory
        os.environ.pop("DATABASE_URL", None)
        return f"sqlite:///{directory}/mandate.sqlite3"
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("MANDATE_DATA_DIR", tempfile.mkdtemp(prefix="mandate-reorg-bench-"))
    return url


def _timed(function, repeat: int = 1) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _cpu_seconds() -> tuple[float, float | None]:
    """CPU seconds used so far by this process and by its database server process (PostgreSQL on this machine,
    read from /proc), or None for the server where it cannot be read. On a shared machine the wall time of a
    phase grows with the other processes' load; the CPU time it costs does much less."""
    from django.db import connection

    mine = time.process_time()
    if connection.vendor != "postgresql":
        return mine, None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return mine, None
    return mine, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu_text(before, after) -> str:
    python = after[0] - before[0]
    if before[1] is None or after[1] is None:
        return f"CPU: Python {python:.2f} s"
    return f"CPU: Python {python:.2f} s + server {after[1] - before[1]:.2f} s = {python + after[1] - before[1]:.2f} s"


def _generate(count: int) -> None:
    import datetime as dt
    import random


    from mandate.accounts.models import User
    from mandate.documents.services import document_register
    from mandate.orgs.models import Unit
    from mandate.orgs.territory import OLD_PREFIX, PROVINCE_BODIES
    from mandate.tasks.models import Task, TaskCoordinator

    rng = random.Random(2025)
    leader = User.objects.create_user(username="bench.leader", full_name="Bench Leader")
    provinces = list(Unit.objects.filter(code__startswith=OLD_PREFIX, kind="province").values_list("code", flat=True))
    ids = dict(Unit.objects.filter(code__startswith=OLD_PREFIX).values_list("code", "id"))
    bodies = {p: [ids[f"{p}.{suffix}"] for suffix, *_ in PROVINCE_BODIES] for p in provinces}
    documents = {p: document_register(actor=None, issuing_unit=Unit.objects.get(code=f"{p}.TU.BTV"), type="KH",
                                      issued_on=dt.date(2025, 3, 1), title=f"Kế hoạch {p}") for p in provinces}
    moment = dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC)
    batch, coordinated = [], []
    for index in range(count):
        province = provinces[index % len(provinces)]
        lead = rng.choice(bodies[province])
        state = "assigned" if rng.random() < 0.85 else "completed"
        batch.append(Task(document=documents[province], title=f"Nhiệm vụ {index}", search_title=f" nhiem vu {index} ",
                          assigning_unit_id=ids[f"{province}.TU.BTV"], lead_unit_id=lead, leader=leader, product="Báo cáo",
                          assigned_on=dt.date(2025, 3, 1), deadline=dt.date(2025, 9, 30), original_deadline=dt.date(2025, 9, 30),
                          state=state, completed_on=dt.date(2025, 5, 1) if state == "completed" else None,
                          created_at=moment, updated_at=moment))
        if len(batch) == 10000:
            Task.objects.bulk_create(batch, batch_size=10000)
            batch = []
    Task.objects.bulk_create(batch, batch_size=10000)
    for task_id, lead in Task.objects.values_list("id", "lead_unit_id").order_by("id"):
        if task_id % 10 == 0:
            choices = [b for b in next(v for v in bodies.values() if lead in v) if b != lead]
            coordinated.append(TaskCoordinator(task_id=task_id, unit_id=rng.choice(choices)))
    TaskCoordinator.objects.bulk_create(coordinated, batch_size=10000)


def _floor(*, rewrites: int) -> tuple[float, float]:
    """The same hand-over as bare UPDATEs, nothing recorded; measured inside a transaction that is rolled back,
    without and with the foreign-key checks that PostgreSQL defers to the commit (SQLite runs them as it goes).

    `rewrites=1` sets a task's lead and assigning units in one UPDATE, rewriting each open task once as the
    apply does; `rewrites=2` is the earlier floor, one UPDATE per column (each task rewritten twice)."""
    from django.db import connection, transaction

    from mandate.orgs.models import Unit
    from mandate.orgs.territory import PROVINCE_BODIES, merger_successors

    codes = {}
    for old, new in merger_successors().items():
        codes[old] = new
        codes.update({f"{old}.{s}": f"{new}.{s}" for s, *_ in PROVINCE_BODIES})
    ids = dict(Unit.objects.filter(code__in=[*codes, *codes.values()]).values_list("code", "id"))
    mapping = {ids[old]: ids[new] for old, new in codes.items() if old in ids and new in ids}
    cases = " ".join(f"WHEN {old} THEN {new}" for old, new in mapping.items())
    keys = ", ".join(str(old) for old in mapping)
    open_states = "('assigned', 'in_progress', 'submitted', 'returned')"
    if rewrites == 1:
        tasks = [f"UPDATE tasks_task SET lead_unit_id = CASE WHEN lead_unit_id IN ({keys}) THEN CASE lead_unit_id {cases} END "
                 f"ELSE lead_unit_id END, assigning_unit_id = CASE WHEN assigning_unit_id IN ({keys}) "
                 f"THEN CASE assigning_unit_id {cases} END ELSE assigning_unit_id END "
                 f"WHERE (lead_unit_id IN ({keys}) OR assigning_unit_id IN ({keys})) AND state IN {open_states}"]
    else:
        tasks = [f"UPDATE tasks_task SET lead_unit_id = CASE lead_unit_id {cases} END "
                 f"WHERE lead_unit_id IN ({keys}) AND state IN {open_states}",
                 f"UPDATE tasks_task SET assigning_unit_id = CASE assigning_unit_id {cases} END "
                 f"WHERE assigning_unit_id IN ({keys}) AND state IN {open_states}"]
    start = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            for statement in tasks:
                cursor.execute(statement)
            cursor.execute(f"UPDATE tasks_taskcoordinator SET unit_id = CASE unit_id {cases} END WHERE unit_id IN ({keys}) "
                           f"AND task_id IN (SELECT id FROM tasks_task WHERE state IN {open_states})")
            elapsed = time.perf_counter() - start
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        checked = time.perf_counter() - start
        transaction.set_rollback(True)
    return elapsed, checked


def _tree_floor(code: str, day) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT p.path FROM orgs_placement p JOIN orgs_unit u ON u.id = p.unit_id WHERE u.code = %s "
                       "AND (p.valid_from IS NULL OR p.valid_from <= %s) AND (p.valid_to IS NULL OR p.valid_to > %s)", [code, day, day])
        (path,) = cursor.fetchone()
        cursor.execute("SELECT p.unit_id, p.parent_id, u.code, u.name FROM orgs_placement p JOIN orgs_unit u ON u.id = p.unit_id "
                       "WHERE p.path LIKE %s AND (p.valid_from IS NULL OR p.valid_from <= %s) "
                       "AND (p.valid_to IS NULL OR p.valid_to > %s) ORDER BY p.depth, u.code", [path + "%", day, day])
        return len(cursor.fetchall())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=20000)
    parser.add_argument("--database", default=None, help="a PostgreSQL URL (the database is dropped and created); SQLite if absent")
    parser.add_argument("--no-posts", action="store_true", help="no positions and holdings (the figures before they moved)")
    args = parser.parse_args()
    url = _prepare_database(args.database)
    sys.path.insert(0, str(REPO / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
    import datetime as dt

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from mandate.orgs.models import Unit
    from mandate.benchmarks.generator import posts_generate
    from mandate.reorganizations.models import HoldingHandover, Reorganization, StructureChange
    from mandate.tasks.models import CoordinationHandover, TaskHandover
    from mandate.reorganizations.services import MERGER_2025_BATCH, reorganization_apply_2025, reorganization_revert
    from mandate.orgs.selectors import unit_tree
    from mandate.reorganizations.services import country_load
    from mandate.tasks.models import Task, TaskEvent

    call_command("migrate", verbosity=0)
    country_load(actor=None)
    posts = {}

    def load():
        _generate(args.tasks)
        if not args.no_posts:
            posts.update(posts_generate(seed=1, today=dt.date.today()))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # as autovacuum leaves a table that has settled after a bulk load

    seconds, _ = _timed(load)
    open_tasks = Task.objects.filter(state="assigned").count()
    print(f"database: {connection.vendor} ({url.split('@')[-1]})")
    print(f"tasks: {args.tasks} on the bodies of the 52 old provinces ({open_tasks} open), {posts or 'no posts'}, "
          f"generated in {seconds:.1f} s")

    print("load average before the merger: {:.2f}, {:.2f}, {:.2f}".format(*os.getloadavg()))
    cpu = _cpu_seconds()
    applied_seconds, applied = _timed(lambda: reorganization_apply_2025(actor=None))
    applied_cpu = _cpu_text(cpu, _cpu_seconds())
    handovers, coordinations = TaskHandover.objects.count(), CoordinationHandover.objects.count()
    lines = TaskEvent.objects.filter(kind="reorganized").count()
    held = HoldingHandover.objects.count()
    carried = HoldingHandover.objects.filter(to_holding__isnull=False).count()
    closed = StructureChange.objects.filter(action="position_closed").count()
    opened = StructureChange.objects.filter(action="position_opened").count()
    print(f"merger applied: {applied} events, {handovers} task handovers, {coordinations} coordination handovers, "
          f"{lines} timeline lines, {closed} positions closed, {opened} opened, {held} holdings ended "
          f"({carried} carried on, {held - carried} to be arranged) in {applied_seconds:.2f} s ({applied_cpu})")

    events = list(Reorganization.objects.filter(batch=MERGER_2025_BATCH).order_by("-id"))
    cpu = _cpu_seconds()
    revert_seconds, _ = _timed(lambda: [reorganization_revert(actor=None, reorganization=e) for e in events])
    print(f"merger reverted: {len(events)} events in {revert_seconds:.2f} s ({_cpu_text(cpu, _cpu_seconds())})")
    for rewrites, label in ((1, "one UPDATE of the tasks' lead and assigning units, one of the coordinators"),
                            (2, "earlier floor: one UPDATE per column")):
        cpu = _cpu_seconds()
        floor, checked = _floor(rewrites=rewrites)
        print(f"floor ({label}): {floor:.2f} s, with their key checks {checked:.2f} s ({_cpu_text(cpu, _cpu_seconds())}) "
              f"— apply is {applied_seconds / floor:.1f}× the floor, {applied_seconds / checked:.1f}× with the checks")
    print("load average after the floors: {:.2f}, {:.2f}, {:.2f}".format(*os.getloadavg()))

    for code, day in (("25", dt.date(2025, 8, 1)), ("old-25", dt.date(2025, 6, 30))):
        root = Unit.objects.get(code=code)

        def size(node):
            return 1 + sum(size(child) for child in node.children)

        tree_seconds, tree = _timed(lambda root=root, day=day: unit_tree(root=root, as_of=day), repeat=15)
        floor_seconds, rows = _timed(lambda code=code, day=day: _tree_floor(code, day), repeat=15)
        print(f"tree of {code} as of {day}: {size(tree)} units in {tree_seconds * 1000:.1f} ms (floor {floor_seconds * 1000:.1f} ms, {rows} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
