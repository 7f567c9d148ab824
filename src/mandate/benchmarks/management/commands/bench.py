"""`mandate bench [SCENARIO ...] --json [--repeat N]`: each scenario against its floor on the current database."""
import datetime as dt
import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.audit.models import AuditRecord
from mandate.benchmarks.harness import database_label, machine
from mandate.benchmarks.scenarios import REGISTRY, Context, run
from mandate.core import clock
from mandate.core.commands import OperatorCommand, argument_error, calendar_date, whole_number
from mandate.tasks.models import Task


def _generated_today() -> dt.date | None:
    """The reference date of the last `mandate generate`, so that statuses read as the generator meant them."""
    record = AuditRecord.objects.filter(action="generate").order_by("-pk").first()
    try:
        return dt.date.fromisoformat(record.after["today"]) if record else None
    except (KeyError, TypeError, ValueError):
        return None


class Command(OperatorCommand):
    help = gettext_lazy("Run benchmark scenarios (all by default) and compare each with its hand-written floor.")

    def add_arguments(self, parser):
        parser.add_argument("scenarios", nargs="*", help=gettext_lazy("scenario names (--list shows them)"))
        parser.add_argument("--json", action="store_true", help=gettext_lazy("print one JSON object"))
        parser.add_argument("--repeat", type=whole_number(minimum=1), default=5,
                            help=gettext_lazy("timed runs per path (after one warm-up)"))
        parser.add_argument("--as-of", type=calendar_date, default=None,
                            help=gettext_lazy("date of reckoning (default: the --today of the last generate, else today)"))
        parser.add_argument("--province", default="01", help=gettext_lazy("the province's code (default 01)"))
        parser.add_argument("--unit", default="01.UBND", help=gettext_lazy("the unit's code (default 01.UBND)"))
        parser.add_argument("--concurrency", type=whole_number(minimum=1), default=8,
                            help=gettext_lazy("clients at once in the API scenario (default 8)"))
        parser.add_argument("--requests", type=whole_number(minimum=1), default=5,
                            help=gettext_lazy("requests per client in the API scenario"))
        parser.add_argument("--list", action="store_true", help=gettext_lazy("list the scenarios and exit"))

    def handle(self, *args, **options):
        if options["list"]:
            for entry in REGISTRY.values():
                self.stdout.write(f"{entry.name:30} {entry.kind:10} {entry.describe}")
            return
        names = options["scenarios"] or list(REGISTRY)
        unknown = [n for n in names if n not in REGISTRY]
        if unknown:
            raise argument_error("SCENARIO", _("unknown: %(unknown)s; known: %(known)s") % {
                "unknown": ", ".join(unknown), "known": ", ".join(REGISTRY)})
        context = Context(as_of=options["as_of"] or _generated_today() or clock.today(), repeat=options["repeat"],
                          province_code=options["province"], unit_code=options["unit"],
                          concurrency=options["concurrency"], requests_per_client=options["requests"])
        report = {"database": database_label(), "tasks": Task.objects.count(), "as_of": context.as_of.isoformat(),
                  "repeat": context.repeat, "machine": machine(), "scenarios": run(names, context)}
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            return
        self.stdout.write(_("%(database)s · %(tasks)d tasks · as of %(as_of)s · repeat %(repeat)d") % {
            "database": report["database"], "tasks": report["tasks"], "as_of": report["as_of"], "repeat": context.repeat})
        self.stdout.write(f"{_('scenario'):30} {_('p50 ms'):>10} {_('p95 ms'):>10} {_('floor ms'):>10} {_('ratio'):>7}")
        for row in report["scenarios"]:
            if "skipped" in row:
                self.stdout.write(_("%(name)s skipped: %(reason)s") % {"name": f"{row['name']:30}", "reason": row["skipped"]})
                continue
            floor = "" if row.get("floor_p50_ms") is None else f"{row['floor_p50_ms']:10.2f}"
            ratio = "" if row.get("ratio") is None else f"{row['ratio']:7.2f}"
            self.stdout.write(f"{row['name']:30} {row['p50_ms']:10.2f} {row['p95_ms']:10.2f} {floor:>10} {ratio:>7}")
