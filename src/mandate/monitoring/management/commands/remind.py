"""`mandate remind [--date D]`: the day's reminders and escalations, for cron. Running it twice sends nothing twice."""
from django.core.management.base import BaseCommand, CommandError

from mandate.core import clock
from mandate.core.dates import parse_iso_date
from mandate.core.errors import DomainError
from mandate.monitoring.services import digests_deliver, reminders_run


class Command(BaseCommand):
    help = "Record today's due-soon, overdue and escalation reminders (one digest per person) and e-mail them."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to remind for, YYYY-MM-DD (default: today in Asia/Ho_Chi_Minh)")
        parser.add_argument("--no-email", action="store_true", help="record the digests without sending them")

    def handle(self, *args, **options):
        try:
            day = parse_iso_date(options["date"], field_name="date") or clock.today()
        except DomainError as error:
            raise CommandError(str(error)) from None
        run = reminders_run(day=day)
        sent = 0 if options["no_email"] else digests_deliver(day=day)
        self.stdout.write(f"{day.isoformat()}: {run.digests} digests ({run.notifications} notifications) recorded, "
                          f"{sent} e-mails sent")
