"""Scorecard selector vs a raw SQL floor, on generated tasks.

    MANDATE_DATA_DIR=/tmp/bench-scorecards python bench/scorecard_bench.py --tasks 200000
    DATABASE_URL=postgres://… python bench/scorecard_bench.py --tasks 200000

Loads the country, writes `--tasks` tasks spread over every province's bodies (bulk, no services:
this measures reads), then times, best of `--repeat`: the scorecard of the nation with its subtree
(`monitoring.selectors.scorecard`), the 34 provinces side by side (`scorecards_side_by_side`), and
a hand-written GROUP BY over the same rows with the status CASE inlined — the floor.
"""
import argparse
import datetime as dt
import os
import random
import sys
import time

import django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from mandate.accounts.models import User
    from mandate.documents.models import Document
    from mandate.monitoring import selectors
    from mandate.orgs.models import Unit
    from mandate.reorganizations.services import country_load
    from mandate.tasks.models import Task
    from mandate.tasks.selectors import TaskFilters

    call_command("migrate", verbosity=0)
    country_load(actor=None)
    as_of = dt.date(2025, 12, 31)
    if Task.objects.count() < args.tasks:
        rng = random.Random(1)
        leads = list(Unit.objects.valid_on(as_of).filter(tier="province", kind__in=["organization_committee", "office", "peoples_committee"])
                     .values_list("pk", flat=True))
        leader, _ = User.objects.get_or_create(username="bench-leader")
        now = timezone.now()
        document = Document.objects.create(registered=False, system="party", number_text="1-KL/TW", number_key="1-KL/TW",
                                           created_at=now)
        batch = []
        for i in range(args.tasks - Task.objects.count()):
            assigned = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 330))
            deadline = assigned + dt.timedelta(days=rng.randint(5, 90))
            done = assigned + dt.timedelta(days=rng.randint(0, 120)) if rng.random() < 0.6 else None
            batch.append(Task(document=document, title=f"t{i}", search_title=f"t{i}", assigning_unit_id=leads[0],
                              lead_unit_id=rng.choice(leads), leader=leader, product="p", assigned_on=assigned,
                              deadline=deadline, original_deadline=deadline, state="completed" if done else "assigned",
                              completed_on=done, created_at=now, updated_at=now))
            if len(batch) == 5000:
                Task.objects.bulk_create(batch)
                batch = []
        Task.objects.bulk_create(batch)
    nation = Unit.objects.get(code="VN")
    provinces = list(Unit.objects.filter(kind="province").valid_on(as_of))
    filters = TaskFilters(as_of=as_of, lead_unit=nation, subtree=True)

    def best(fn) -> float:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times) * 1000

    floor_sql = """
        SELECT CASE WHEN completed_on IS NOT NULL AND completed_on <= %s AND completed_on <= deadline THEN 'on_time'
                    WHEN completed_on IS NOT NULL AND completed_on <= %s THEN 'late'
                    WHEN deadline < %s THEN 'overdue' ELSE 'open' END AS s, COUNT(*)
        FROM tasks_task WHERE assigned_on <= %s AND (cancelled_on IS NULL OR cancelled_on > %s) GROUP BY s"""

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(floor_sql, [as_of] * 5)
            return cursor.fetchall()

    results = {
        "raw SQL floor (GROUP BY status)": best(floor),
        "scorecard(nation, subtree)": best(lambda: selectors.scorecard(user=None, filters=filters)),
        "34 provinces side by side": best(lambda: selectors.scorecards_side_by_side(user=None, units=provinces, filters=filters)),
    }
    print(f"{connection.vendor}, {Task.objects.count():,} tasks, best of {args.repeat}")
    for name, ms in results.items():
        print(f"  {name:40s} {ms:9.1f} ms")
    card = selectors.scorecard(user=None, filters=filters)
    assert card.assigned == sum(n for _, n in floor()), "the selector and the floor count the same tasks"


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
    main()
