from django.core.management.base import BaseCommand, CommandError

from mandate.accounts.models import User
from mandate.accounts.services import token_create


class Command(BaseCommand):
    help = "Print a new API token for USERNAME."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line")
        parser.add_argument("--days", type=int, default=90, help="days until the token expires (0: never)")

    def handle(self, *args, username: str, name: str, days: int, **options):
        import datetime as dt

        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user named '{username}'.") from None
        raw = token_create(actor=None, user=user, name=name, lifetime=dt.timedelta(days=days) if days else None)
        self.stdout.write(raw)
