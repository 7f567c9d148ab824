"""`mandate demo`: build the demo data (or reuse it) and print the demo users with fresh passwords."""
import os
import time

from django.core.management.base import BaseCommand

from mandate.core import clock
from mandate.demo.build import demo_build
from mandate.demo.users import LOGINS, people_ensure, passwords_reset
from mandate.tasks.selectors import TaskFilters, status_counts

STATUS_ORDER = ("completed_on_time", "completed_late", "overdue", "due_soon", "within_deadline")


class Command(BaseCommand):
    help = "Build the demo: the country, the facts of the seed reports and a generated year of work; print the logins."

    def add_arguments(self, parser):
        parser.add_argument("--tasks", type=int, default=3000, help="how many tasks the generated workload holds (default 3000)")
        parser.add_argument("--seed", type=int, default=2025, help="seed of the generated workload; the same seed gives the same work")
        parser.add_argument("--no-workload", action="store_true", help="only the country and the facts of the seed reports")
        parser.add_argument("--quiet", action="store_true", help="print only the table of logins")

    def handle(self, *args, tasks: int, seed: int, no_workload: bool, quiet: bool, **options):
        say = (lambda message: None) if quiet else (lambda message: self.stdout.write(message))
        started, cpu = time.perf_counter(), time.process_time()
        result = demo_build(tasks=tasks, seed=seed, workload=not no_workload, log=say)
        if not result.seeds_built and not result.workload_built:
            say("The demo data is already there; reusing it.")
        people = people_ensure(LOGINS)
        passwords = passwords_reset([people[person.username] for person in LOGINS])
        say(f"Done in {time.perf_counter() - started:.1f} s ({time.process_time() - cpu:.1f} s of processor time).")
        if not quiet:
            counts = status_counts(user=None, filters=TaskFilters(as_of=clock.today()))
            self.stdout.write("Tasks as of today: " + ", ".join(f"{name} {counts[name]}" for name in (*STATUS_ORDER, "assigned")))
        self._table(passwords)

    def _table(self, passwords: dict[str, str]) -> None:
        url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/"
        rows = [("URL", "username", "role", "unit", "password")]
        for person in LOGINS:
            code, role = person.memberships[0]
            rows.append((url, person.username, role, code, passwords[person.username]))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for index, row in enumerate(rows):
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
            if index == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
