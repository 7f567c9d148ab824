"""The `mandate` console command: Django's management entry point with the project's settings."""
import os
import sys

from mandate import __version__

# The commands of the development apps (demo, benchmarks): they run on the development settings, every other
# command on the production ones, unless DJANGO_SETTINGS_MODULE says otherwise.
DEVELOPMENT_COMMANDS = frozenset({"demo", "generate", "bench"})


def settings_module(argv: list[str]) -> str:
    command = argv[1] if len(argv) > 1 else ""
    return "mandate.settings_dev" if command in DEVELOPMENT_COMMANDS else "mandate.settings"


def main() -> None:
    if sys.argv[1:2] in (["version"], ["--version"]):
        # Mandate's version, not Django's (which `mandate --version` would otherwise print); no settings needed.
        print(__version__)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module(sys.argv))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["mandate", *sys.argv[1:]])


if __name__ == "__main__":
    main()
