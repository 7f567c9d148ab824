from django.apps import AppConfig


class ReorganizationsConfig(AppConfig):
    name = "mandate.reorganizations"
    label = "reorganizations"
