"""`mandate backup [PATH]`: the database and the media folder, into one new directory."""
import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mandate.core.backup import BackupError, backup_create, backups_prune, default_backup_path


class Command(BaseCommand):
    help = ("Back up the database (SQLite: online backup API; PostgreSQL: pg_dump -Fc) and $MEDIA_ROOT (media.tar) "
            "into a new directory, by default $MANDATE_DATA_DIR/backups/mandate-<UTC time>. Safe while the server runs.")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, help="a new or empty directory")
        parser.add_argument("--keep-days", type=int, default=None,
                            help="then remove the backups beside it taken more than this many days ago (the newest "
                                 "is always kept)")

    def handle(self, *args, path: Path | None, keep_days: int | None, **options):
        now = dt.datetime.now(dt.UTC)
        try:
            result = backup_create(path=path or default_backup_path(now=now), now=now)
            self.stdout.write(f"backup written to {result.path} ({result.database_file}, {result.media_files} media files)")
            if keep_days is not None:
                for removed in backups_prune(folder=result.path.parent, keep_days=keep_days, now=now):
                    self.stdout.write(f"removed {removed} (older than {keep_days} days)")
        except BackupError as error:
            raise CommandError(str(error)) from error
