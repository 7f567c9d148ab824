"""The scorecards of `mandate bench` read live from the tasks and from the tallies (`tasks.tallies`), side by side.

    DATABASE_URL=postgres://…/db PYTHONPATH=src python bench/tallies_bench.py --repeat 5 [--json]

On a generated database (`mandate generate`, which fills the tallies; `mandate migrate` fills them for a database
loaded before). For each scope — the unit 01.UBND, the province 01 with its subtree (read by the administrator and by
its leader, who is cleared to level 1), the nation, the 14 provinces of the benchmark's cluster side by side — it times
the live count (`status_counts` / `cluster_scorecards`, as `mandate bench` does) and the same answer from the tallies,
asserts both are equal, and prints the medians with the load average. Alternates the two, as the harness does.
"""
import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time

import django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--as-of", type=dt.date.fromisoformat)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
    django.setup()
    from collections import defaultdict

    from mandate.accounts.models import User
    from mandate.benchmarks.management.commands.bench import _generated_today
    from mandate.benchmarks.scenarios import Context, _cluster
    from mandate.core import clock
    from mandate.monitoring.selectors import Tally, _paths, cluster_scorecards, tally_of_rows
    from mandate.orgs.selectors import unit_subtree_ids
    from mandate.tasks.models import Task
    from mandate.tasks.selectors import TaskFilters, status_counts
    from mandate.tasks.status import OFFICIAL_TOTALS, official_totals
    from mandate.tasks.tallies import tally_counts, tally_rows

    as_of = args.as_of or _generated_today() or clock.today()
    context = Context(as_of=as_of, repeat=args.repeat)
    admin = context.admin
    leader = User.objects.get(username="leader.01")
    unit, province, nation = context.unit("01.UBND"), context.unit("01"), context.unit("VN")

    def live(scope, subtree, user=admin):
        return lambda: status_counts(user=user, filters=TaskFilters(as_of=as_of, lead_unit=scope, subtree=subtree))

    def kept(scope, subtree, clearance=None):
        def read():
            units = unit_subtree_ids(unit=scope, as_of=as_of) if subtree else [scope.pk]
            return official_totals(tally_counts(units=units, as_of=as_of, clearance=clearance))
        return read

    cluster = _cluster(context)
    members = list(cluster.members.valid_on(as_of).order_by("code"))

    def cluster_live():
        ranked = cluster_scorecards(user=admin, cluster=cluster, filters=TaskFilters(as_of=as_of, subtree=True))
        return {row.unit.code: {name: getattr(row.scorecard, name) for name in OFFICIAL_TOTALS} for row in ranked}

    def cluster_kept():
        # One GROUP BY unit over the members' subtrees, then each lead unit credited to the member above it.
        paths = _paths([m.pk for m in members], as_of)
        per_unit = defaultdict(list)
        from django.db.models import Q

        from mandate.orgs.selectors import placements_on
        scope = Q()
        for path in paths.values():
            scope |= Q(path__startswith=path)
        for unit_id, *row in tally_rows(units=placements_on(as_of).filter(scope).values("unit_id"), as_of=as_of,
                                        by_unit=True):
            per_unit[unit_id].append(row)
        lead_paths = _paths(list(per_unit), as_of)
        totals = {m.pk: Tally() for m in members}
        by_path = {path: unit_id for unit_id, path in paths.items()}
        for unit_id, rows in per_unit.items():
            tally = tally_of_rows(rows, as_of=as_of)
            path, prefix = lead_paths.get(unit_id, ""), "/"
            for part in path.strip("/").split("/"):
                prefix += part + "/"
                if prefix in by_path:
                    totals[by_path[prefix]].add(tally)
        return {m.code: official_totals(totals[m.pk].counts) for m in members}

    scenarios = [
        ("scorecard_unit", live(unit, False), kept(unit, False)),
        ("scorecard_province", live(province, True), kept(province, True)),
        ("scorecard_province_as_leader", live(province, True, leader), kept(province, True, leader.clearance)),
        ("scorecard_nation", live(nation, True), kept(nation, True)),
        ("scorecard_cluster", cluster_live, cluster_kept),
    ]
    rows = []
    for name, app, tallied in scenarios:
        first_app, first_kept = app(), tallied()
        assert first_app == first_kept, (name, first_app, first_kept)
        times = {"live": [], "tallies": []}
        for _ in range(args.repeat):
            for label, function in (("live", app), ("tallies", tallied)):
                started = time.perf_counter()
                function()
                times[label].append((time.perf_counter() - started) * 1000)
        rows.append({"name": name, "live_p50_ms": round(statistics.median(times["live"]), 2),
                     "tallies_p50_ms": round(statistics.median(times["tallies"]), 2),
                     "load_1m": round(os.getloadavg()[0], 2)})
    report = {"tasks": Task.objects.count(), "as_of": as_of.isoformat(), "repeat": args.repeat, "rows": rows}
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
        return
    print(f"{report['tasks']} tasks · as of {report['as_of']} · repeat {args.repeat}")
    for row in rows:
        print(f"{row['name']:32} live {row['live_p50_ms']:10.2f} ms   tallies {row['tallies_p50_ms']:8.2f} ms   "
              f"load {row['load_1m']}")


if __name__ == "__main__":
    main()
