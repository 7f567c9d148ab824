from django.apps import AppConfig


class SheetsConfig(AppConfig):
    name = "mandate.sheets"
    label = "sheets"
