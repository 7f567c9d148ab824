from django.apps import AppConfig

from mandate.documents.circles import circle_register

CIRCLE = "inspections"  # Document.circle of the documents this app registers (inspections.permissions)


class InspectionsConfig(AppConfig):
    name = "mandate.inspections"
    label = "inspections"

    def ready(self) -> None:
        # The documents a case, a programme or a discipline decision registers are known to their circle only: the
        # register (below this app) asks this app's rule through its registry of circles.
        circle_register(CIRCLE, "mandate.inspections.permissions.documents_known_q")
