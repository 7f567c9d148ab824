"""`mandate remind [--date D]`: the day's reminders and escalations, for cron. Running it twice sends nothing twice."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.core import clock
from mandate.core.commands import OperatorCommand, calendar_date
from mandate.monitoring.services import digests_deliver, reminders_run


class Command(OperatorCommand):
    help = gettext_lazy("Record today's due-soon, overdue and escalation reminders (one digest per person) and e-mail them.")

    def add_arguments(self, parser):
        parser.add_argument("--date", type=calendar_date,
                            help=gettext_lazy("the day to remind for, YYYY-MM-DD (default: today in Asia/Ho_Chi_Minh)"))
        parser.add_argument("--no-email", action="store_true", help=gettext_lazy("record the digests without sending them"))

    def handle(self, *args, **options):
        day = options["date"] or clock.today()
        run = reminders_run(day=day)
        sent = 0 if options["no_email"] else digests_deliver(day=day)
        self.stdout.write(_("%(day)s: %(digests)d digests (%(notifications)d notifications) recorded, %(sent)d e-mails sent")
                          % {"day": day.isoformat(), "digests": run.digests, "notifications": run.notifications,
                             "sent": sent})
