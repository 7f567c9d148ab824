"""The `mandate` commands speak the operator's language: `--language`, else `MANDATE_LANGUAGE`, else the site's.

Every Mandate command is an `OperatorCommand`. Its messages, refusals, help and argparse's own words (usage, "the
following arguments are required", "invalid choice") come through gettext in the language chosen by, in order:
the `--language vi|en|ru|uk` option, the `MANDATE_LANGUAGE` environment variable, `settings.LANGUAGE_CODE`
(Vietnamese). The system locale (`LANG`) is not read: a server's is `C.UTF-8` or `en_US.UTF-8` whoever sits at it,
and would turn a Vietnamese office's console English (docs/decisions.md).

A refusal names the argument and its reason: `argument_error` builds it, and the type converters below give the
reason in words instead of argparse's "invalid int value".
"""
import argparse
import datetime as dt
import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy, gettext_noop, ngettext

LANGUAGE_VARIABLE = "MANDATE_LANGUAGE"

# argparse's own words, as Python 3.11 writes them: marked here so that the catalogues carry them.
ARGPARSE_WORDS = (
    gettext_noop("usage: "), gettext_noop("positional arguments"), gettext_noop("options"),
    gettext_noop("show this help message and exit"), gettext_noop("the following arguments are required: %s"),
    gettext_noop("unrecognized arguments: %s"), gettext_noop("%(prog)s: error: %(message)s\n"),
    gettext_noop("argument %(argument_name)s: %(message)s"), gettext_noop("invalid %(type)s value: %(value)r"),
    gettext_noop("invalid choice: %(value)r (choose from %(choices)s)"), gettext_noop("expected one argument"),
    gettext_noop("expected at least one argument"), gettext_noop("expected at most one argument"),
    gettext_noop("ambiguous option: %(option)s could match %(matches)s"), gettext_noop("not allowed with argument %s"),
    gettext_noop("one of the arguments %s is required"), gettext_noop("ignored explicit argument %r"),
)
# Django's options of every command, in the operator's language.
BASE_HELP = {
    "--version": gettext_lazy("show the version and exit"),
    "--verbosity": gettext_lazy("how much to print: 0 least, 1 normal, 2 and 3 more"),
    "--settings": gettext_lazy("the Python path of a settings module (default: DJANGO_SETTINGS_MODULE)"),
    "--pythonpath": gettext_lazy("a directory to add to the Python path"),
    "--traceback": gettext_lazy("print the whole stack trace of a refusal"),
    "--no-color": gettext_lazy("print without colours"),
    "--force-color": gettext_lazy("print in colours even to a file"),
    "--skip-checks": gettext_lazy("skip the system checks"),
}


def _argparse_gettext(message: str) -> str:
    return gettext(message) if settings.configured else message


def _argparse_ngettext(singular: str, plural: str, count: int) -> str:
    return ngettext(singular, plural, count) if settings.configured else (singular if count == 1 else plural)


# argparse looks its words up through the names it imported from the gettext module; they are pointed at Django's
# catalogues, which return a word unchanged when they do not hold it (so Django's own commands are not harmed).
argparse._ = _argparse_gettext
argparse.ngettext = _argparse_ngettext


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def operator_language(chosen: str | None = None) -> str:
    """The language a command speaks: `chosen` (the --language option), else $MANDATE_LANGUAGE, else the site's."""
    for candidate in (chosen, os.environ.get(LANGUAGE_VARIABLE, "")):
        code = (candidate or "").strip().lower().replace("_", "-").split(".")[0].split("-")[0]
        if code in languages():
            return code
    return settings.LANGUAGE_CODE


def _language_in(argv: list[str]) -> str | None:
    """The --language of a command line, read before argparse so that its own refusals speak that language."""
    for index, argument in enumerate(argv):
        if argument == "--language" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--language="):
            return argument.split("=", 1)[1]
    return None


def argument_error(argument: str, reason: str) -> CommandError:
    """A refusal naming the argument and its reason, in the operator's language."""
    return CommandError(gettext("%(argument)s: %(reason)s") % {"argument": argument, "reason": reason})


def whole_number(*, minimum: int | None = None):
    """An argparse type: a whole number, at least `minimum`; the refusal says so in words."""
    def convert(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(gettext("“%(value)s” is not a whole number") % {"value": value}) from None
        if minimum is not None and number < minimum:
            raise argparse.ArgumentTypeError(gettext("must be at least %(minimum)d, not %(value)d")
                                             % {"minimum": minimum, "value": number})
        return number
    return convert


def decimal_number(value: str) -> float:
    """An argparse type: a number such as 0.5."""
    try:
        return float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(gettext("“%(value)s” is not a number such as 0.5") % {"value": value}) from None


def calendar_date(value: str) -> dt.date:
    """An argparse type: a day written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(gettext("“%(value)s” is not a day written YYYY-MM-DD") % {"value": value}) from None


class OperatorParser(CommandParser):
    """Django's parser whose refusal, printed at the console, is one line in the operator's language."""

    def error(self, message):
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(2, gettext("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message})
        raise CommandError(message)


class OperatorCommand(BaseCommand):
    """A `mandate` command that speaks the operator's language (see the module's docstring)."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = OperatorParser  # Django builds a CommandParser itself; this one only refuses otherwise
        parser.add_argument("--language", choices=languages(), default=None,
                            help=gettext_lazy("the language of the messages (default: $MANDATE_LANGUAGE, else the "
                                              "site's language)"))
        # argparse formats its texts with the re module, which takes no lazy string: each is read in the language
        # the command runs in (run_from_argv has chosen it by now).
        parser.description = str(self.help) if self.help else None
        for action in parser._actions:
            help_text = next((BASE_HELP[o] for o in action.option_strings if o in BASE_HELP), action.help)
            action.help = str(help_text) if help_text is not None else None
        return parser

    def run_from_argv(self, argv):
        with translation.override(operator_language(_language_in(argv))):
            return super().run_from_argv(argv)

    def execute(self, *args, **options):
        with translation.override(operator_language(options.get("language"))):
            try:
                return super().execute(*args, **options)
            except CommandError as error:
                if not getattr(self, "_called_from_command_line", False) or options.get("traceback"):
                    raise
                # At the console a refusal is one line, "mandate backup: …", not Django's "CommandError: …".
                self.stderr.write(f"{self._program()}: {error}")
                sys.exit(error.returncode)

    def _program(self) -> str:
        return "mandate " + type(self).__module__.rsplit(".", 1)[-1]
