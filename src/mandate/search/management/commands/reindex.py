"""`mandate reindex`: make the search index again from every document, task and meeting (after a restore, or when
the triggers were off)."""
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from mandate.search.index import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index of documents, attachments, tasks, progress reports, meetings and drafts."

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(_("The search index holds %(count)s entries.") % {"count": count})
