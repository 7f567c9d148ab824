from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "mandate.meetings"
    label = "meetings"
