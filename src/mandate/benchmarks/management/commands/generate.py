"""`mandate generate --tasks N --seed S`: fill the database with a deterministic country (see benchmarks.generator)."""
import json
import time

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.benchmarks.generator import Plan, generate, plan_dict
from mandate.core import clock
from mandate.core.commands import OperatorCommand, calendar_date, decimal_number, whole_number
from mandate.reorganizations.services import country_load

RATE_MEASURES = ("tasks divided by the wall time of the whole command: territory load, users, planning, COPY of "
                 "every table, rebuilding indexes and foreign keys, and the commit; only the interpreter start and "
                 "Django setup before the command are left out")


class Command(OperatorCommand):
    help = gettext_lazy("Load a deterministic national-scale workload in bulk (documents, tasks, reports, users).")

    def add_arguments(self, parser):
        parser.add_argument("--tasks", type=whole_number(minimum=1), default=10000,
                            help=gettext_lazy("how many tasks to load (default 10000)"))
        parser.add_argument("--seed", type=whole_number(), default=1,
                            help=gettext_lazy("the seed; the same seed loads the same data"))
        parser.add_argument("--today", type=calendar_date, default=None,
                            help=gettext_lazy("the reference date the history ends on (default: today in "
                                              "Asia/Ho_Chi_Minh)"))
        parser.add_argument("--reports-per-task", type=whole_number(minimum=0), default=5,
                            help=gettext_lazy("progress reports per task (default 5)"))
        parser.add_argument("--months", type=whole_number(minimum=1), default=18,
                            help=gettext_lazy("months of history (default 18)"))
        parser.add_argument("--commune-user-share", type=decimal_number, default=0.1,
                            help=gettext_lazy("the share of communes given a user (default 0.1)"))
        parser.add_argument("--keep-indexes", action="store_true",
                            help=gettext_lazy("keep the indexes (and on PostgreSQL the foreign keys) during the load: "
                                              "slower, but PostgreSQL then takes no exclusive lock"))
        parser.add_argument("--json", action="store_true", help=gettext_lazy("print the counts and timings as JSON"))

    def handle(self, *args, **options):
        started = time.perf_counter()
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
            self.stdout.write(_("Generated %(tasks)d tasks, %(documents)d documents, %(reports)d progress reports in "
                                "%(wall).1f s: %(rate)d tasks/s over the whole command's wall time. The task table "
                                "alone was drawn and copied at %(rows)d rows/s.") % {
                "tasks": tasks, "documents": result.counts["documents"], "reports": result.counts["reports"], "wall": wall,
                "rate": summary["tasks_per_second"], "rows": summary["task_table_rows_per_second"]})
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
