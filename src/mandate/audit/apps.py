from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mandate.audit"
    label = "audit"
