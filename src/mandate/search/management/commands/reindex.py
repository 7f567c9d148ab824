"""`mandate reindex`: make the search index again from every document, task and meeting (after a restore, or when
the triggers were off)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.core.commands import OperatorCommand
from mandate.search.index import rebuild


class Command(OperatorCommand):
    help = gettext_lazy("Rebuild the search index of documents, attachments, tasks, progress reports, meetings and drafts.")

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(_("The search index holds %(count)s entries.") % {"count": count})
