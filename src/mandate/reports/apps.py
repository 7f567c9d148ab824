from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "mandate.reports"
    label = "reports"
