from django.core.management.base import BaseCommand, CommandError

from mandate.audit.models import AuditRecord
from mandate.audit.selectors import audit_verify


class Command(BaseCommand):
    help = "Check the audit trail: `mandate audit verify` exits non-zero and names every record that was altered."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action: str, **options):
        breaks = list(audit_verify())
        for chain_break in breaks:
            self.stderr.write(f"audit record {chain_break.record_id}: {chain_break.reason}")
        if breaks:
            raise CommandError(f"the audit trail was altered: {len(breaks)} record(s) do not match")
        self.stdout.write(f"audit trail intact: {AuditRecord.objects.count()} records")
