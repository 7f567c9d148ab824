import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from mandate.accounts.models import ApiToken, User
from mandate.accounts.services import token_create, token_revoke


class Command(BaseCommand):
    help = "Print a new API token for USERNAME, or revoke a token by its prefix (--revoke PREFIX)."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?")
        parser.add_argument("--name", default="command line")
        parser.add_argument("--days", type=int, default=90, help="days until the token expires (0: never)")
        parser.add_argument("--revoke", metavar="PREFIX", help="revoke the live token whose first characters are PREFIX")

    def handle(self, *args, username: str | None, name: str, days: int, revoke: str | None, **options):
        if revoke:
            self._revoke(revoke, username)
            return
        if not username:
            raise CommandError("Give a USERNAME to issue a token for, or --revoke PREFIX.")
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user named '{username}'.") from None
        raw = token_create(actor=None, user=user, name=name, lifetime=dt.timedelta(days=days) if days else None)
        self.stdout.write(raw)

    def _revoke(self, prefix: str, username: str | None) -> None:
        tokens = ApiToken.objects.select_related("user").filter(prefix=prefix[:8], revoked_at__isnull=True)
        if username:
            tokens = tokens.filter(user__username=username)
        tokens = list(tokens)
        if not tokens:
            raise CommandError(f"No live token starts with '{prefix}'.")
        if len(tokens) > 1:
            owners = ", ".join(sorted(t.user.username for t in tokens))
            raise CommandError(f"{len(tokens)} live tokens start with '{prefix}' ({owners}); name the USERNAME too.")
        token_revoke(actor=None, token=tokens[0])
        self.stdout.write(f"revoked token {tokens[0].prefix} of {tokens[0].user.username}")
