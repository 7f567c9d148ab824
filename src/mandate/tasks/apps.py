from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "mandate.tasks"
    label = "tasks"
