from django.apps import AppConfig
from django.db.models.signals import post_migrate

from mandate.search.index import install_after_migrate


class SearchConfig(AppConfig):
    name = "mandate.search"
    label = "search"

    def ready(self) -> None:
        # Not a write path: on SQLite a later migration that rebuilds a table (ALTER by copy) drops the triggers on it,
        # so every migrate ends by laying them again (idempotent). The writes themselves are indexed by the triggers.
        post_migrate.connect(install_after_migrate, sender=self)
