from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "mandate.documents"
    label = "documents"
