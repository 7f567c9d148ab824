"""`mandate generate --tasks N --seed S`: fill the database with a deterministic country (see benchmarks.generator)."""
import datetime as dt
import json
import time

from django.core.management.base import BaseCommand

from mandate.benchmarks.generator import Plan, generate, plan_dict
from mandate.core import clock
from mandate.reorganizations.services import country_load

RATE_MEASURES = ("tasks divided by the wall time of the whole command: territory load, users, planning, COPY of "
                 "every table, rebuilding indexes and foreign keys, and the commit; only the interpreter start and "
                 "Django setup before the command are left out")


class Command(BaseCommand):
    help = "Load a deterministic national-scale workload in bulk (documents, tasks, reports, users)."

    def add_arguments(self, parser):
        parser.add_argument("--tasks", type=int, default=10000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                            help="the reference date the history ends on (default: today in Asia/Ho_Chi_Minh)")
        parser.add_argument("--reports-per-task", type=int, default=5)
        parser.add_argument("--months", type=int, default=18)
        parser.add_argument("--commune-user-share", type=float, default=0.1)
        parser.add_argument("--keep-indexes", action="store_true",
                            help="keep the indexes (and on PostgreSQL the foreign keys) during the load: slower, "
                                 "but PostgreSQL then takes no exclusive lock")
        parser.add_argument("--json", action="store_true", help="print the counts and timings as JSON")

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["tasks"] < 1:
            raise SystemExit("--tasks must be at least 1")
        country_load(actor=None)
        territory = time.perf_counter() - started
        plan = Plan(tasks=options["tasks"], seed=options["seed"], today=options["today"] or clock.today(),
                    reports_per_task=options["reports_per_task"], months=options["months"],
                    commune_user_share=options["commune_user_share"], defer_indexes=not options["keep_indexes"])
        result = generate(plan)
        wall = time.perf_counter() - started
        tasks = result.counts["tasks"]
        seconds = {"territory_load": territory, **result.seconds, "wall": wall}
        summary = {"plan": plan_dict(plan), "counts": result.counts,
                   "seconds": {k: (round(v, 3) if isinstance(v, float) else v) for k, v in seconds.items()},
                   "tasks_per_second": round(tasks / max(wall, 1e-9)),
                   "tasks_per_second_measures": RATE_MEASURES,
                   "task_table_rows_per_second": round(tasks / max(result.seconds["copy"].get("tasks_task", 0), 1e-9))}
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
        else:
            self.stdout.write(f"Generated {tasks:,} tasks, {result.counts['documents']:,} documents, "
                              f"{result.counts['reports']:,} progress reports in {wall:.1f} s: "
                              f"{summary['tasks_per_second']:,} tasks/s ({RATE_MEASURES}). The task table alone was "
                              f"drawn and copied at {summary['task_table_rows_per_second']:,} rows/s.")
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
