"""`mandate restore PATH`: put back the database and the media folder of a `mandate backup`."""
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from mandate.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = ("Replace the database and $MEDIA_ROOT with a backup written by `mandate backup`, then verify the audit "
            "trail. Stop the application server first.")

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the backup directory")
        parser.add_argument("--no-verify", action="store_true", help="skip `mandate audit verify` afterwards")

    def handle(self, *args, path: Path, no_verify: bool, **options):
        try:
            manifest = backup_restore(path=path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored {path} (taken {manifest['created_at']}, {manifest['media_files']} media files)")
        if not no_verify:
            call_command("audit", "verify", stdout=self.stdout, stderr=self.stderr)
