from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "mandate.orgs"
    label = "orgs"
