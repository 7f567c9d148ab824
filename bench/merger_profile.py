"""Apply the 2025 merger in a transaction that is rolled back, statement by statement: where the time goes.

    DATABASE_URL=postgres://…/h_scale_200k SRC=src python bench/merger_profile.py

On a database `bench/reorganization_bench.py` built (whose merger it reverted: set the events' `applied_at` and
`reverted_at` back to NULL first). `SRC` is the source tree to import, so that two checkouts can be compared on the
same data. Prints the wall time, the CPU seconds of Python and of the server's process (PostgreSQL on this machine),
the deferred key checks, and the 25 costliest kinds of statement with their counts.
"""
import collections
import os
import re
import sys
import time

sys.path.insert(0, os.environ.get("SRC", "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
import django  # noqa: E402

django.setup()
from django.db import connection, transaction  # noqa: E402

from mandate.reorganizations.services import reorganization_apply_2025  # noqa: E402

totals = collections.defaultdict(lambda: [0, 0.0])

def key(sql):
    s = sql.lstrip()
    m = re.match(r'(SELECT|INSERT INTO|UPDATE|DELETE FROM|COPY|SET|SAVEPOINT|RELEASE)\s+("?[\w.]+"?)?', s)
    if m and m.group(1) == "SELECT":
        t = re.search(r'FROM\s+"?(\w+)"?', s)
        return "SELECT " + (t.group(1) if t else "?")
    return (m.group(1) + " " + (m.group(2) or "")) if m else s[:30]

def wrapper(execute, sql, params, many, context):
    start = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        k = key(sql)
        totals[k][0] += 1
        totals[k][1] += time.perf_counter() - start

def cpu():
    with connection.cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        pid = c.fetchone()[0]
    with open(f"/proc/{pid}/stat") as stat:
        f = stat.read().rsplit(")", 1)[1].split()
    return time.process_time(), (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
print("load", os.getloadavg())
c0 = cpu()
start = time.perf_counter()
with transaction.atomic():
    with connection.execute_wrapper(wrapper):
        reorganization_apply_2025(actor=None)
        t0 = time.perf_counter()
        with connection.cursor() as c:
            c.execute("SET CONSTRAINTS ALL IMMEDIATE")
        checks = time.perf_counter() - t0
    total = time.perf_counter() - start
    c1 = cpu()
    transaction.set_rollback(True)
print(f"cpu python {c1[0]-c0[0]:.2f} server {c1[1]-c0[1]:.2f}")
sql = sum(v[1] for v in totals.values())
print(f"total {total:.2f} s, SQL {sql:.2f} s, python {total - sql:.2f}, deferred checks {checks:.2f}")
for k, (n, s) in sorted(totals.items(), key=lambda kv: -kv[1][1])[:25]:
    print(f"{s:8.3f} s {n:6d}  {k}")
print("load", os.getloadavg())
