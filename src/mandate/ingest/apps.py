from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "mandate.ingest"
    label = "ingest"
