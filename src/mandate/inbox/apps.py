from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "mandate.inbox"
    label = "inbox"
