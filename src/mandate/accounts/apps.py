from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mandate.accounts"
    label = "accounts"
