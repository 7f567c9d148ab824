"""`mandate demo`: build the demo data (or reuse it) and print the demo users with fresh passwords."""
import os
import time

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.accounts.models import Role
from mandate.core import clock
from mandate.core.commands import OperatorCommand, whole_number
from mandate.demo.build import demo_build
from mandate.demo.users import LOGINS, people_ensure, passwords_reset
from mandate.orgs.models import Unit
from mandate.tasks.selectors import TaskFilters, status_counts

STATUSES = (("completed_on_time", gettext_lazy("Completed on time")), ("completed_late", gettext_lazy("Completed late")),
            ("overdue", gettext_lazy("Overdue")), ("due_soon", gettext_lazy("Due soon")),
            ("within_deadline", gettext_lazy("Within deadline")), ("assigned", gettext_lazy("Assigned")))


class Command(OperatorCommand):
    help = gettext_lazy("Build the demo: the country, the facts of the seed reports and a generated year of work; "
                        "print the logins.")

    def add_arguments(self, parser):
        parser.add_argument("--tasks", type=whole_number(minimum=0), default=3000,
                            help=gettext_lazy("how many tasks the generated workload holds (default 3000)"))
        parser.add_argument("--seed", type=whole_number(), default=2025,
                            help=gettext_lazy("seed of the generated workload; the same seed gives the same work"))
        parser.add_argument("--no-workload", action="store_true",
                            help=gettext_lazy("only the country and the facts of the seed reports"))
        parser.add_argument("--quiet", action="store_true", help=gettext_lazy("print only the table of logins"))

    def handle(self, *args, tasks: int, seed: int, no_workload: bool, quiet: bool, **options):
        say = (lambda message: None) if quiet else (lambda message: self.stdout.write(message))
        started, cpu = time.perf_counter(), time.process_time()
        result = demo_build(tasks=tasks, seed=seed, workload=not no_workload, log=say)
        if not result.seeds_built and not result.workload_built:
            say(_("The demo data is already there; reusing it."))
        people = people_ensure(LOGINS)
        passwords = passwords_reset([people[person.username] for person in LOGINS])
        say(_("Done in %(wall).1f s (%(cpu).1f s of processor time).")
            % {"wall": time.perf_counter() - started, "cpu": time.process_time() - cpu})
        if not quiet:
            counts = status_counts(user=None, filters=TaskFilters(as_of=clock.today()))
            self.stdout.write(_("Tasks as of today: %(counts)s") % {
                "counts": ", ".join(f"{label} {counts[name]}" for name, label in STATUSES)})
        self._table(passwords)

    def _table(self, passwords: dict[str, str]) -> None:
        """URL, user name and password first (scripts read those three), then the role and the unit by its name."""
        url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/"
        names = dict(Unit.objects.filter(code__in=[p.memberships[0][0] for p in LOGINS]).values_list("code", "name"))
        rows = [(_("URL"), _("user name"), _("password"), _("role"), _("unit"))]
        for person in LOGINS:
            code, role = person.memberships[0]
            rows.append((url, person.username, passwords[person.username], str(Role(role).label), names.get(code, code)))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for index, row in enumerate(rows):
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
            if index == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
