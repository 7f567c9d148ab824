"""The `mandate` console command: Django's management entry point with the project's settings."""
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["mandate", *sys.argv[1:]])


if __name__ == "__main__":
    main()
