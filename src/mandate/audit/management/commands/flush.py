"""Django's `flush`, with the audit trail's append-only guard lifted while it empties the tables.

On SQLite `flush` deletes row by row, which the guard refuses; emptying the whole database is an
administrator's deliberate act (and pytest-django's between transactional tests), not an edit.
"""
from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from mandate.audit.guard import guard_lifted


class Command(FlushCommand):
    def handle(self, **options):
        with guard_lifted(connections[options["database"]]):
            return super().handle(**options)
