from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "mandate.monitoring"
    label = "monitoring"
