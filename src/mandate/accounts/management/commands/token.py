import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.accounts.models import ApiToken, User
from mandate.accounts.services import token_create, token_revoke
from mandate.core.commands import OperatorCommand, argument_error, whole_number


class Command(OperatorCommand):
    help = gettext_lazy("Print a new API token for USERNAME, or revoke a token by its prefix (--revoke PREFIX).")

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help=gettext_lazy("the user name the token is issued to"))
        parser.add_argument("--name", default=None, help=gettext_lazy("what the token is for (default: command line)"))
        parser.add_argument("--days", type=whole_number(minimum=0), default=90,
                            help=gettext_lazy("days until the token expires (0: never)"))
        parser.add_argument("--revoke", metavar="PREFIX",
                            help=gettext_lazy("revoke the live token whose first characters are PREFIX"))

    def handle(self, *args, username: str | None, name: str | None, days: int, revoke: str | None, **options):
        if revoke:
            self._revoke(revoke, username)
            return
        if not username:
            raise argument_error("USERNAME", _("give the user name to issue a token for, or --revoke PREFIX"))
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise argument_error("USERNAME", _("no user is named “%(username)s”") % {"username": username}) from None
        raw = token_create(actor=None, user=user, name=name or _("command line"),
                           lifetime=dt.timedelta(days=days) if days else None)
        self.stdout.write(raw)

    def _revoke(self, prefix: str, username: str | None) -> None:
        tokens = ApiToken.objects.select_related("user").filter(prefix=prefix[:8], revoked_at__isnull=True)
        if username:
            tokens = tokens.filter(user__username=username)
        tokens = list(tokens)
        if not tokens:
            raise argument_error("--revoke", _("no live token starts with “%(prefix)s”") % {"prefix": prefix})
        if len(tokens) > 1:
            owners = ", ".join(sorted(t.user.username for t in tokens))
            raise argument_error("--revoke", _("%(count)d live tokens start with “%(prefix)s” (%(owners)s); give the "
                                               "USERNAME too") % {"count": len(tokens), "prefix": prefix, "owners": owners})
        token_revoke(actor=None, token=tokens[0])
        self.stdout.write(_("token %(prefix)s of %(username)s revoked")
                          % {"prefix": tokens[0].prefix, "username": tokens[0].user.username})
