"""`mandate reorganize merge-2025`: carry the open work of the provinces merged on 2025-07-01 to their successors."""
from django.core.management.base import BaseCommand

from mandate.reorganizations.services import reorganization_apply_2025


class Command(BaseCommand):
    help = "Reorganizations run by the system. merge-2025: apply the 23 province mergers of 2025-07-01 to open tasks (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["merge-2025"])

    def handle(self, *args, action: str, **options):
        applied = reorganization_apply_2025(actor=None)
        self.stdout.write(f"{applied} merger event(s) of 2025-07-01 applied" if applied else "the 2025 mergers were already applied")
