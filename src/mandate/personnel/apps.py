from django.apps import AppConfig


class PersonnelConfig(AppConfig):
    name = "mandate.personnel"
    label = "personnel"
