from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "mandate.demo"
    label = "demo"
