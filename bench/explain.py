"""EXPLAIN (ANALYZE, BUFFERS) of the main reads and of their floors, on the database of DATABASE_URL.

usage: DATABASE_URL=postgres://…/mandate_bench_1000000 .venv/bin/python bench/explain.py [--as-of 2026-11-23] > plans.txt
"""
import argparse
import datetime as dt
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings_dev")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from mandate.benchmarks import scenarios as s  # noqa: E402
from mandate.orgs.models import Unit  # noqa: E402
from mandate.tasks.selectors import TaskFilters, tasks_list  # noqa: E402


def explain_sql(sql: str, params: dict) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 23))
    args = parser.parse_args()
    context = s.Context(as_of=args.as_of, repeat=1)
    province, nation = Unit.objects.get(code="01"), Unit.objects.get(code="VN")
    admin = context.admin
    params = s._params(context, root=province.pk)
    cases = []
    for label, root in (("province 01", province), ("nation", nation)):
        filters = TaskFilters(as_of=args.as_of, lead_unit=root, subtree=True)
        query = tasks_list(user=admin, filters=filters).order_by().values("status").annotate(n=Count("id"))
        cases.append((f"status_counts, subtree of {label} (application)", lambda q=query: q.explain(analyze=True, buffers=True)))
        floor = (f"SELECT s, COUNT(*) FROM (SELECT {s.status_case_sql()} AS s FROM tasks_task t JOIN orgs_unit u ON u.id = t.lead_unit_id "
                 f"WHERE t.assigned_on <= %(as_of)s AND {s.subtree_sql()}) AS x GROUP BY s")
        cases.append((f"status_counts, subtree of {label} (floor)",
                      lambda f=floor, r=root: explain_sql(f, {**params, "root": r.pk})))
    for label, root in (("province 01", province), ("nation", None)):
        filters = TaskFilters(as_of=args.as_of, status="overdue", lead_unit=root, subtree=root is not None)
        query = tasks_list(user=admin, filters=filters)[:50]
        cases.append((f"first page of overdue tasks, {label} (application)", lambda q=query: q.explain(analyze=True, buffers=True)))
        where = f" AND {s.subtree_sql()}" if root else ""
        floor = ("SELECT t.id FROM tasks_task t WHERE t.assigned_on <= %(as_of)s AND " + s.OVERDUE_SQL + where +
                 " ORDER BY t.deadline, t.id LIMIT 50")
        cases.append((f"first page of overdue tasks, {label} (floor)", lambda f=floor: explain_sql(f, params)))
    for title, run in cases:
        print(f"### {title}\n\n```\n{run()}\n```\n")


main()
