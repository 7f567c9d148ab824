"""`mandate backup [PATH]`: the database and the media folder, into one new directory."""
import datetime as dt
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.core.backup import BackupError, backup_create, backups_prune, default_backup_path
from mandate.core.commands import OperatorCommand, whole_number


class Command(OperatorCommand):
    help = gettext_lazy("Back up the database (SQLite: online backup API; PostgreSQL: pg_dump -Fc) and $MEDIA_ROOT "
                        "(media.tar) into a new directory, by default $MANDATE_DATA_DIR/backups/mandate-<UTC time>. "
                        "Safe while the server runs.")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, help=gettext_lazy("a new or empty directory"))
        parser.add_argument("--keep-days", type=whole_number(minimum=1), default=None,
                            help=gettext_lazy("then remove the backups beside it taken more than this many days ago "
                                              "(the newest is always kept)"))

    def handle(self, *args, path: Path | None, keep_days: int | None, **options):
        now = dt.datetime.now(dt.UTC)
        try:
            result = backup_create(path=path or default_backup_path(now=now), now=now)
            self.stdout.write(_("backup written to %(path)s (%(database)s, %(count)d media files)") % {
                "path": result.path, "database": result.database_file, "count": result.media_files})
            if keep_days is not None:
                for removed in backups_prune(folder=result.path.parent, keep_days=keep_days, now=now):
                    self.stdout.write(_("removed %(path)s (older than %(days)d days)") % {"path": removed, "days": keep_days})
        except BackupError as error:
            raise CommandError(str(error)) from error
