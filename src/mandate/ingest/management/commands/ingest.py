import sys

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext_lazy

from mandate.core.commands import operator_language
from mandate.ingest.cli import main
from mandate.ingest.register import unit_matcher


class Command(BaseCommand):
    help = gettext_lazy("Read a directive: `ingest --format json FILE|-` or `ingest --jsonl -` (DESIGN.md §4).")

    def run_from_argv(self, argv):
        # The reader's own argument parser speaks for the command; Django's options do not apply. Its `--language`
        # is the directive's language, so the messages speak $MANDATE_LANGUAGE, else the site's (docs/operations.md).
        argv = argv[2:]
        province = None
        if "--province" in argv:
            index = argv.index("--province")
            province = argv[index + 1]
            del argv[index:index + 2]
        with translation.override(operator_language()):
            matcher = None if "--no-units" in argv else unit_matcher(province_code=province)
            argv = [a for a in argv if a != "--no-units"]
            sys.exit(main(argv, sys.stdin, sys.stdout, units=matcher))
