"""`mandate reorganize merge-2025`: carry the open work of the provinces merged on 2025-07-01 to their successors."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from mandate.core.commands import OperatorCommand
from mandate.reorganizations.services import reorganization_apply_2025


class Command(OperatorCommand):
    help = gettext_lazy("Reorganizations run by the system. merge-2025: apply the 23 province mergers of 2025-07-01 to "
                        "open tasks (idempotent).")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["merge-2025"], help=gettext_lazy("merge-2025: the province mergers of 2025"))

    def handle(self, *args, action: str, **options):
        applied = reorganization_apply_2025(actor=None)
        if applied:
            self.stdout.write(ngettext("%(count)d merger of 2025-07-01 applied", "%(count)d mergers of 2025-07-01 applied",
                                       applied) % {"count": applied})
        else:
            self.stdout.write(_("The mergers of 2025 were already applied."))
