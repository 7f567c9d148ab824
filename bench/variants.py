"""Measured effect of the proposed fixes (docs/benchmarks.md, "Proposed"), on a scratch copy at 1M tasks.

usage: DATABASE_URL=postgres://…/mandate_bench_1m .venv/bin/python bench/variants.py
Each line: the median of 5 runs of the application's status_counts / first overdue page, then variants:
  jit=off                     the same query with PostgreSQL's JIT off for the session
  no-handover                 the lead-unit filter as `lead_unit IN (subtree)` without the reorganization OR EXISTS
  no-handover, jit=off        both
"""
import datetime as dt
import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings_dev")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from mandate.benchmarks.scenarios import Context  # noqa: E402
from mandate.orgs.models import Unit  # noqa: E402
from mandate.orgs.selectors import unit_subtree_ids  # noqa: E402
from mandate.tasks.selectors import TaskFilters, status_counts, tasks_list, tasks_with_status  # noqa: E402

AS_OF = dt.date(2026, 11, 23)
context = Context(as_of=AS_OF, repeat=5)
admin = context.admin


def median_ms(function, runs=5):
    function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def jit(on: bool):
    with connection.cursor() as cursor:
        cursor.execute(f"SET jit = {'on' if on else 'off'}")


def without_handover(unit, subtree, status=None):
    tasks = tasks_with_status(as_of=AS_OF)
    tasks = tasks.filter(status__in=["overdue"]) if status else tasks.exclude(status="cancelled")
    units = unit_subtree_ids(unit=unit, as_of=AS_OF) if subtree else [unit]
    return tasks.filter(lead_unit__in=units)


for label, code, subtree in (("unit 01.UBND", "01.UBND", False), ("province 01", "01", True), ("nation", "VN", True)):
    unit = Unit.objects.get(code=code)
    app = lambda unit=unit, subtree=subtree: status_counts(user=admin, filters=TaskFilters(as_of=AS_OF, lead_unit=unit, subtree=subtree))  # noqa: E731
    old = lambda unit=unit, subtree=subtree: list(without_handover(unit, subtree).order_by().values("status").annotate(n=Count("id")))  # noqa: E731
    page = lambda unit=unit, subtree=subtree: list(tasks_list(user=admin, filters=TaskFilters(as_of=AS_OF, status="overdue", lead_unit=unit,  # noqa: E731
                                                                   subtree=subtree))[:50])
    old_page = lambda unit=unit, subtree=subtree: list(without_handover(unit, subtree, "overdue").order_by("deadline", "id")[:50])  # noqa: E731
    jit(True)
    row = {"counts": median_ms(app), "counts no-handover": median_ms(old), "page": median_ms(page),
           "page no-handover": median_ms(old_page)}
    jit(False)
    row.update({"counts jit=off": median_ms(app), "counts no-handover jit=off": median_ms(old),
                "page jit=off": median_ms(page), "page no-handover jit=off": median_ms(old_page)})
    jit(True)
    print(label, row, flush=True)
