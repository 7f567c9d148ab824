"""`mandate bench [SCENARIO ...] --json [--repeat N]`: each scenario against its floor on the current database."""
import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from mandate.audit.models import AuditRecord
from mandate.benchmarks.harness import database_label, machine
from mandate.benchmarks.scenarios import REGISTRY, Context, run
from mandate.core import clock
from mandate.tasks.models import Task


def _generated_today() -> dt.date | None:
    """The reference date of the last `mandate generate`, so that statuses read as the generator meant them."""
    record = AuditRecord.objects.filter(action="generate").order_by("-pk").first()
    try:
        return dt.date.fromisoformat(record.after["today"]) if record else None
    except (KeyError, TypeError, ValueError):
        return None


class Command(BaseCommand):
    help = "Run benchmark scenarios (all by default) and compare each with its hand-written floor."

    def add_arguments(self, parser):
        parser.add_argument("scenarios", nargs="*", help=f"any of: {', '.join(REGISTRY)}")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--repeat", type=int, default=5, help="timed runs per path (after one warm-up)")
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None,
                            help="date of reckoning (default: the --today of the last generate, else today)")
        parser.add_argument("--province", default="01")
        parser.add_argument("--unit", default="01.UBND")
        parser.add_argument("--concurrency", type=int, default=8)
        parser.add_argument("--requests", type=int, default=5, help="requests per client in the API scenario")
        parser.add_argument("--list", action="store_true", help="list the scenarios and exit")

    def handle(self, *args, **options):
        if options["list"]:
            for entry in REGISTRY.values():
                self.stdout.write(f"{entry.name:30} {entry.kind:10} {entry.describe}")
            return
        names = options["scenarios"] or list(REGISTRY)
        unknown = [n for n in names if n not in REGISTRY]
        if unknown:
            raise CommandError(f"unknown scenario(s): {', '.join(unknown)}; known: {', '.join(REGISTRY)}")
        if options["repeat"] < 1:
            raise CommandError("--repeat must be at least 1")
        context = Context(as_of=options["as_of"] or _generated_today() or clock.today(), repeat=options["repeat"],
                          province_code=options["province"], unit_code=options["unit"],
                          concurrency=options["concurrency"], requests_per_client=options["requests"])
        report = {"database": database_label(), "tasks": Task.objects.count(), "as_of": context.as_of.isoformat(),
                  "repeat": context.repeat, "machine": machine(), "scenarios": run(names, context)}
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            return
        self.stdout.write(f"{report['database']} · {report['tasks']:,} tasks · as of {report['as_of']} · repeat {context.repeat}")
        self.stdout.write(f"{'scenario':30} {'p50 ms':>10} {'p95 ms':>10} {'floor ms':>10} {'ratio':>7}")
        for row in report["scenarios"]:
            if "skipped" in row:
                self.stdout.write(f"{row['name']:30} skipped: {row['skipped']}")
                continue
            floor = "" if row.get("floor_p50_ms") is None else f"{row['floor_p50_ms']:10.2f}"
            ratio = "" if row.get("ratio") is None else f"{row['ratio']:7.2f}"
            self.stdout.write(f"{row['name']:30} {row['p50_ms']:10.2f} {row['p95_ms']:10.2f} {floor:>10} {ratio:>7}")
