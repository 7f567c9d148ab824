"""`mandate backup [PATH]`: the database and the media folder, into one new directory."""
import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mandate.core.backup import BackupError, backup_create, default_backup_path


class Command(BaseCommand):
    help = ("Back up the database (SQLite: online backup API; PostgreSQL: pg_dump -Fc) and $MEDIA_ROOT (media.tar) "
            "into a new directory, by default $MANDATE_DATA_DIR/backups/mandate-<UTC time>. Safe while the server runs.")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, help="a new or empty directory")

    def handle(self, *args, path: Path | None, **options):
        now = dt.datetime.now(dt.UTC)
        try:
            result = backup_create(path=path or default_backup_path(now=now), now=now)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"backup written to {result.path} ({result.database_file}, {result.media_files} media files)")
