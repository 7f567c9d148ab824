from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "mandate.inspections"
    label = "inspections"
