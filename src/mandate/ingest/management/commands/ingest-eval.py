"""`mandate ingest-eval [--since DATE] [--clearance LEVEL] [--user NAME] [--json]`: the reader scored against the
readings the clerks confirmed (the office's own documents), per language."""
import argparse
import datetime as dt
import json

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.core.commands import OperatorCommand, argument_error, whole_number
from mandate.core.errors import PermissionDenied
from mandate.core.secrecy import Secrecy
from mandate.ingest.evaluation import evaluate
from mandate.ingest.selectors import labeled_examples


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(_("'%(value)s' is not a date (YYYY-MM-DD)") % {"value": value}) from error


class Command(OperatorCommand):
    help = gettext_lazy("Score the reader against the confirmed readings kept as labeled examples, per language: references F1 "
                        "and their dates, tasks precision, recall and F1, deadlines (the corpus scorer's metrics).")

    def add_arguments(self, parser):
        parser.add_argument("--since", type=_date, help=gettext_lazy("only readings confirmed on or after this day (YYYY-MM-DD)"))
        parser.add_argument("--clearance", type=whole_number(), choices=Secrecy.values,
                            help=gettext_lazy("only readings of documents at this level of secrecy or below (0 to 3)"))
        parser.add_argument("--user", help=gettext_lazy("only the readings this user is cleared to see"))
        parser.add_argument("--json", action="store_true", dest="as_json", help=gettext_lazy("one JSON object instead of lines"))

    def handle(self, *args, since=None, clearance=None, user=None, as_json=False, **options):
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise argument_error("--user", _("no user '%(username)s'") % {"username": user})
        try:
            examples = list(labeled_examples(user=actor, since=since, clearance=clearance))
        except PermissionDenied as error:
            raise CommandError(error.message) from error
        result = evaluate(examples)
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False, sort_keys=True))
            return
        if not examples:
            self.stdout.write(_("No confirmed reading to score."))
            return
        for language, figures in [*result["languages"].items(), (_("all"), result["all"])]:
            self.stdout.write(_line(language, figures))


def _line(language: str, figures: dict) -> str:
    return _("%(language)s: %(docs)d readings; references F1 %(refs_f1).3f, dates %(ref_date_acc).3f; tasks "
             "precision %(tasks_precision).3f, recall %(tasks_recall).3f, F1 %(tasks_f1).3f; deadlines %(deadline_acc).3f") % {
        "language": language, **figures}
