from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mandate.core"
    label = "core"
