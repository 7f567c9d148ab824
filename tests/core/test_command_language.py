"""The `mandate` commands speak the operator's language (issue 15): `--language`, else MANDATE_LANGUAGE, else the
site's (Vietnamese). Their help, their refusals — argparse's own included — and what they print carry no English in
vi, ru and uk; a refusal names the argument and its reason."""
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError
from django.utils import translation

from mandate.core.commands import OperatorCommand, operator_language
from tests.english import english_in

SOURCE = Path(__file__).resolve().parents[2] / "src"
TRANSLATED = ("vi", "ru", "uk")
# What a help text may show in English: options, metavariables, file names, code between backquotes.
NOT_WORDS = re.compile(r"`[^`]*`|--?[\w-]+|\b[A-Z][A-Z_.]+\b|\$\w+|[\w.]+\.(?:pem|tar|md)\b")


def mandate_commands() -> dict[str, OperatorCommand]:
    found = {}
    for name, app in get_commands().items():
        if isinstance(app, str) and app.startswith("mandate") and name != "ingest":
            found[name] = load_command_class(app, name)
    return found


def english_of(text: str) -> list[str]:
    return english_in(NOT_WORDS.sub(" ", text).replace("<", " "))


def test_every_command_of_mandate_is_an_operator_command():
    commands = mandate_commands()
    assert {"token", "backup", "restore", "remind", "worker", "reorganize", "reindex", "audit", "ingest-eval"} <= set(commands)
    strangers = [name for name, command in commands.items() if not isinstance(command, OperatorCommand)
                 and name != "flush"]  # Django's own, with the audit guard lifted
    assert strangers == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_commands_help_is_in_the_operators_language(language):
    problems = {}
    for name, command in mandate_commands().items():
        if name == "flush":
            continue
        with translation.override(language):
            text = command.create_parser("mandate", name).format_help()
        if found := english_of(text):
            problems[name] = found
    assert problems == {}


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.django_db
def test_a_refusal_names_the_argument_in_the_chosen_language(language):
    with pytest.raises(CommandError) as refused:
        call_command("token", "--language", language)
    assert str(refused.value).startswith("USERNAME: ") and english_of(str(refused.value)) == []
    with pytest.raises(CommandError) as refused, translation.override(language):
        call_command("remind", "--date", "2025-02-30")  # argparse's refusal, in the language the caller speaks
    assert "--date" in str(refused.value) and "2025-02-30" in str(refused.value)
    assert english_of(str(refused.value)) == []


def test_the_language_is_the_option_then_the_environment_then_the_sites(monkeypatch, settings):
    monkeypatch.delenv("MANDATE_LANGUAGE", raising=False)
    assert settings.LANGUAGE_CODE == "vi" and operator_language() == "vi"
    monkeypatch.setenv("MANDATE_LANGUAGE", "uk_UA.UTF-8")
    assert operator_language() == "uk"
    assert operator_language("ru") == "ru"
    monkeypatch.setenv("MANDATE_LANGUAGE", "fr")  # not a language of the site: the site's
    assert operator_language() == "vi"
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # the server's locale is not the operator's choice
    monkeypatch.delenv("MANDATE_LANGUAGE")
    assert operator_language() == "vi"


def _console(*arguments: str, language: str | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(SOURCE), "LANG": "en_US.UTF-8"}
    environment.pop("MANDATE_LANGUAGE", None)
    if language:
        environment["MANDATE_LANGUAGE"] = language
    return subprocess.run([sys.executable, "-m", "mandate", *arguments], capture_output=True, text=True,
                          env=environment, timeout=120)


def test_at_the_console_a_refusal_is_one_line_in_the_operators_language():
    run = _console("remind", "--date", "31/12/2025", "--language", "ru")
    assert run.returncode == 2
    last = run.stderr.strip().splitlines()[-1]
    assert last == "mandate remind: ошибка: --date: «31/12/2025» — не дата в виде YYYY-MM-DD"
    run = _console("ingest", "/no/such/directive.docx", language="uk")
    assert run.returncode == 2
    assert run.stderr.strip() == "mandate ingest: FILE: файлу /no/such/directive.docx не існує"
    run = _console("ingest", "--help")
    assert run.returncode == 0 and english_of(run.stdout) == [], run.stdout


@pytest.mark.django_db
def test_what_a_command_prints_is_in_the_operators_language():
    out = io.StringIO()
    call_command("reorganize", "merge-2025", "--language", "uk", stdout=out)
    assert english_of(out.getvalue()) == [] and out.getvalue().strip()
