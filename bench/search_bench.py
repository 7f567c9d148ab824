"""Search over generated data: the index rebuilt, and queries as the system administrator and as a commune user.

    MANDATE_DATA_DIR=/tmp/bench-search python bench/search_bench.py --tasks 100000
    DATABASE_URL=postgres://…/bench_search python bench/search_bench.py --tasks 100000

Migrates, generates `--tasks` tasks with their documents and progress reports (`mandate generate`, which indexes
them set-wise at the end), then times, best of `--repeat`: `mandate reindex` once, and for each query the counts of
the three groups plus the first page of 20 hits (`search_counts` + `search_hits`), as an administrator (everything
visible) and as a user of one commune (the permission subqueries cut most rows).
"""
import argparse
import io
import os
import time

import django

QUERIES = ["bao cao", "chuyen doi so", "ke hoach trien khai", "ra soat", "zzzz", "01-KH/TU"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings_dev")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from mandate.accounts.models import Membership, User
    from mandate.search.index import rebuild
    from mandate.search.models import Entry
    from mandate.search.selectors import search_counts, search_hits
    from mandate.tasks.models import Task

    call_command("migrate", verbosity=0)
    if Task.objects.count() < args.tasks:
        started = time.perf_counter()
        call_command("generate", tasks=args.tasks - Task.objects.count(), stdout=io.StringIO())
        print(f"generated in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    entries = rebuild()
    print(f"{connection.vendor}: {Task.objects.count():,} tasks, {entries:,} entries; reindex {time.perf_counter() - started:.1f} s")
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser("bench-search-admin")
    commune = User.objects.get(pk=Membership.objects.filter(unit__tier="commune").values_list("user_id", flat=True)[0])
    for who, user in (("administrator", admin), ("commune user", commune)):
        for query in QUERIES:
            best, found = float("inf"), 0
            for _ in range(args.repeat):
                started = time.perf_counter()
                results = search_counts(user=user, query=query)
                search_hits(user=user, words=results.words, limit=20)
                best = min(best, time.perf_counter() - started)
                found = results.count
            print(f"| {connection.vendor} | {who} | `{query}` | {found:,} | {best * 1000:.0f} ms |")
    assert Entry.objects.count() == entries


if __name__ == "__main__":
    main()
