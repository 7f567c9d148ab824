"""`mandate worker`: the background worker (django-tasks' database worker) with the hourly reminders scheduled.

It queues the first run of the reminders' schedule (`monitoring.jobs.remind_hour`) unless one waits already, then
runs `db_worker` until it is stopped (SIGTERM or Ctrl-C let the job in hand finish). Run one per site: `make demo`
starts it beside the server, production as the systemd unit of docs/operations.md.
"""
from django.core.management import call_command
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.core.commands import OperatorCommand, decimal_number
from mandate.monitoring.jobs import schedule_reminders


class Command(OperatorCommand):
    help = gettext_lazy("Run the background worker: the hourly reminders and digests, and any other queued job.")

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=decimal_number, default=5,
                            help=gettext_lazy("seconds between looks at the queue (default 5)"))

    def handle(self, *args, **options):
        if schedule_reminders():
            self.stdout.write(_("The reminders' schedule is queued: a first run now, then one every hour."))
        call_command("db_worker", interval=options["interval"], reload=False, startup_delay=False, verbosity=options["verbosity"])
