"""`mandate audit verify` and `mandate audit checkpoint`: the audit trail checked whole, and its end signed off the database."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.audit.checkpoints import (
    CheckpointError, audit_check, checkpoint_sign, checkpoint_write, checkpoints_read, private_key_load, public_key_load,
)
from mandate.core import clock
from mandate.core.commands import OperatorCommand


class Command(OperatorCommand):
    help = gettext_lazy("`mandate audit verify [--checkpoints DIR --public-key PUB.pem]` exits non-zero and names every "
                        "record that was altered, the records missing from the tail, and every signed checkpoint the "
                        "chain no longer agrees with; "
                        "`mandate audit checkpoint --key PRIVATE.pem [--out DIR]` signs the chain's end into a new file.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "checkpoint"],
                            help=gettext_lazy("verify: check the chain; checkpoint: sign its end"))
        parser.add_argument("--checkpoints", type=Path, help=gettext_lazy("verify: a directory of signed checkpoint files"))
        parser.add_argument("--public-key", type=Path, help=gettext_lazy("verify: the Ed25519 public key (PEM) the checkpoints are signed with"))
        parser.add_argument("--key", type=Path, help=gettext_lazy("checkpoint: the Ed25519 private key (PEM); the database never holds it"))
        parser.add_argument("--out", type=Path, help=gettext_lazy("checkpoint: the directory to write into (default $MANDATE_DATA_DIR/audit-checkpoints)"))

    def handle(self, *args, action: str, **options):
        try:
            if action == "checkpoint":
                return self._checkpoint(options)
            return self._verify(options)
        except CheckpointError as error:
            raise CommandError(str(error)) from error

    def _checkpoint(self, options) -> None:
        if not options["key"]:
            raise CommandError(_("give the private key: --key PRIVATE.pem"))
        signed = checkpoint_sign(key=private_key_load(options["key"]), now=clock.now())
        path = checkpoint_write(signed=signed, directory=options["out"] or Path(settings.DATA_DIR) / "audit-checkpoints")
        checkpoint = signed["checkpoint"]
        self.stdout.write(_("checkpoint of %(count)d records (last record %(id)s) written to %(path)s; copy it off this machine")
                          % {"count": checkpoint["count"], "id": checkpoint["last_id"], "path": path})

    def _verify(self, options) -> None:
        checkpoints, problems = [], []
        if bool(options["checkpoints"]) != bool(options["public_key"]):
            raise CommandError(_("give both --checkpoints DIR and --public-key PUB.pem, or neither"))
        if options["checkpoints"]:
            checkpoints, problems = checkpoints_read(directory=options["checkpoints"], key=public_key_load(options["public_key"]))
        report = audit_check(checkpoints)
        for chain_break in report.breaks:
            self.stderr.write(_("audit record %(id)s: %(reason)s") % {"id": chain_break.record_id, "reason": _(chain_break.reason)})
        for problem in [*problems, *report.problems]:
            self.stderr.write(problem)
        if report.breaks or problems or report.problems:
            raise CommandError(_("the audit trail was altered: %(records)d record(s) do not match, %(missing)d missing, "
                                 "%(problems)d other problem(s)") % {
                "records": len(report.breaks), "missing": report.missing, "problems": len(problems) + len(report.problems)})
        self.stdout.write(_("audit trail intact: %(count)d records, %(checkpoints)d checkpoint(s) agree")
                          % {"count": report.count, "checkpoints": len(checkpoints)})
