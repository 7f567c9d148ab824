import sys

from django.core.management.base import BaseCommand

from mandate.ingest.cli import main
from mandate.ingest.register import unit_matcher


class Command(BaseCommand):
    help = "Read a directive: `ingest --format json FILE|-` or `ingest --jsonl -` (DESIGN.md §4)."

    def run_from_argv(self, argv):
        # The reader's own argument parser speaks for the command; Django's options do not apply.
        argv = argv[2:]
        province = None
        if "--province" in argv:
            index = argv.index("--province")
            province = argv[index + 1]
            del argv[index:index + 2]
        matcher = None if "--no-units" in argv else unit_matcher(province_code=province)
        argv = [a for a in argv if a != "--no-units"]
        sys.exit(main(argv, sys.stdin, sys.stdout, units=matcher))
