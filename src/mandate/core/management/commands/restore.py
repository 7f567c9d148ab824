"""`mandate restore PATH`: put back the database and the media folder of a `mandate backup`."""
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.core.backup import BackupError, backup_restore
from mandate.core.commands import OperatorCommand


class Command(OperatorCommand):
    help = gettext_lazy("Replace the database and $MEDIA_ROOT with a backup written by `mandate backup`, then verify "
                        "the audit trail. Stop the application server first.")

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help=gettext_lazy("the backup directory"))
        parser.add_argument("--no-verify", action="store_true", help=gettext_lazy("skip `mandate audit verify` afterwards"))

    def handle(self, *args, path: Path, no_verify: bool, **options):
        try:
            manifest = backup_restore(path=path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("restored %(path)s (taken %(taken)s, %(count)d media files)") % {
            "path": path, "taken": manifest["created_at"], "count": manifest["media_files"]})
        if not no_verify:
            call_command("audit", "verify", language=translation.get_language(), stdout=self.stdout, stderr=self.stderr)
