"""Every refusal a service, selector or edge writes reaches its reader translated.

A refusal's message and each field's reason are read in the reader's language: either written through gettext where
the refusal is made, or a constant the catalogue knows (the edges translate those when they render them). What can
never be translated is a reason assembled from an f-string, a concatenation or a `%` on an untranslated literal —
the check walks the source for them, so a new refusal cannot slip by in English.
"""
import ast
from pathlib import Path

import mandate
from tests.test_translations import catalogue

SOURCE = Path(mandate.__file__).parent
# The calls that carry words for a person, and the position (and keyword) of those words.
REFUSALS = {"FieldError": (1, "reason"), "invalid": (1, "reason"), "DomainError": (0, "message"),
            "PermissionDenied": (0, "message"), "NotFound": (0, "message"), "Conflict": (0, "message"),
            "require": (1, "message")}
TRANSLATING = {"_", "gettext", "gettext_lazy", "ngettext", "pgettext", "gettext_noop", "str"}
DEVELOPMENT = {"demo", "benchmarks", "migrations"}


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _words(call: ast.Call, position: int, keyword: str) -> ast.AST | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _problem(node: ast.AST, known: set[str]) -> str | None:
    """Why `node`, the words of a refusal, cannot reach its reader translated; None when it can."""
    if isinstance(node, ast.JoinedStr):
        return "an f-string"
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return None if not node.value or node.value in known else "a text the catalogue does not know"
    if isinstance(node, ast.BinOp):
        left = node.left
        if isinstance(left, ast.Call) and _name(left.func) in TRANSLATING:
            return None  # _("… %(x)s …") % {...}
        if isinstance(left, ast.Constant | ast.JoinedStr | ast.BinOp):
            return "words assembled from an untranslated text"
    if isinstance(node, ast.IfExp):
        return _problem(node.body, known) or _problem(node.orelse, known)
    return None  # a call of gettext, a variable, an attribute: written elsewhere, checked there


def refusals_in_english(known: set[str]) -> list[str]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE)
        if DEVELOPMENT & set(relative.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (where := REFUSALS.get(_name(node.func) or "")):
                words = _words(node, *where)
                if words is not None and (why := _problem(words, known)):
                    found.append(f"{relative}:{node.lineno}: {why}: {ast.unparse(words)[:100]}")
    return found


def test_every_refusal_reaches_its_reader_translated():
    known = {entry["msgid"] for entry in catalogue("vi")}
    found = refusals_in_english(known)
    assert not found, f"{len(found)} refusals cannot be translated:\n" + "\n".join(found)


def test_the_check_finds_what_it_should():
    known = {"is required"}

    def problem(source: str) -> str | None:
        return _problem(ast.parse(source, mode="eval").body, known)

    assert problem('f"no unit {code}"') == "an f-string"
    assert problem('"is required"') is None
    assert problem('"is nowhere"') == "a text the catalogue does not know"
    assert problem('"a " + name') == "words assembled from an untranslated text"
    assert problem('"%s is bad" % name') == "words assembled from an untranslated text"
    assert problem('_("%(unit)s is closed") % {"unit": name}') is None
    assert problem("reason") is None


# The console: every word a `mandate` command prints — its messages, refusals and help — is translated where it is
# written, for a command has no edge that translates a constant later (issue 15).
CONSOLE_FILES = ("*/management/commands/*.py", "core/commands.py", "core/backup.py", "ingest/cli.py", "demo/build.py")
CONSOLE_CALLS = {"write": 0, "log": 0, "say": 0, "CommandError": 0, "ArgumentTypeError": 0, "SystemExit": 0,
                 "BackupError": 0, "argument_error": 1}


def _console_problem(node: ast.AST) -> str | None:
    """Why `node`, words a command prints, reach the operator untranslated; None when they cannot."""
    if isinstance(node, ast.JoinedStr):
        literal = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
        return "an f-string with words" if any(ch.isalpha() for ch in literal) else None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return "an untranslated text" if any(ch.isalpha() for ch in node.value) else None
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Mod):
            left = node.left
            if isinstance(left, ast.Call) and _name(left.func) in TRANSLATING:
                return None
            return "words assembled from an untranslated text"
        return _console_problem(node.left) or _console_problem(node.right)
    if isinstance(node, ast.IfExp):
        return _console_problem(node.body) or _console_problem(node.orelse)
    return None


def _help_problem(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call) and _name(node.func) in TRANSLATING:
        return None
    return "a help text that is not gettext_lazy"


def console_words_in_english() -> list[str]:
    found = []
    paths = sorted({path for pattern in CONSOLE_FILES for path in SOURCE.glob(pattern) if path.name != "__init__.py"})
    for path in paths:
        relative = path.relative_to(SOURCE)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            why, words = None, None
            if isinstance(node, ast.Call) and (name := _name(node.func)) in CONSOLE_CALLS:
                position = CONSOLE_CALLS[name]
                words = node.args[position] if len(node.args) > position else None
                why = words is not None and _console_problem(words)
            if isinstance(node, ast.Call) and _name(node.func) in ("add_argument", "ArgumentParser"):
                for keyword in node.keywords:
                    if keyword.arg in ("help", "description") and (problem := _help_problem(keyword.value)):
                        why, words = problem, keyword.value
            if isinstance(node, ast.ClassDef):
                for statement in node.body:
                    if isinstance(statement, ast.Assign) and any(getattr(t, "id", "") == "help" for t in statement.targets):
                        why, words = _help_problem(statement.value), statement.value
            if why:
                found.append(f"{relative}:{node.lineno}: {why}: {ast.unparse(words)[:100]}")
    return found


def test_every_word_a_command_prints_reaches_the_operator_translated():
    found = console_words_in_english()
    assert not found, f"{len(found)} words of the commands cannot be translated:\n" + "\n".join(found)


def test_the_console_check_finds_what_it_should():
    def problem(source: str) -> str | None:
        return _console_problem(ast.parse(source, mode="eval").body)

    assert problem('f"backup written to {path}"') == "an f-string with words"
    assert problem('f"{name:30} {count:>10}"') is None  # a table's layout of values
    assert problem('"the 2025 mergers were already applied"') == "an untranslated text"
    assert problem('"%d events" % count') == "words assembled from an untranslated text"
    assert problem('_("%(count)d events") % {"count": count} + "\\n"') is None
    assert problem("json.dumps(summary)") is None
    assert _help_problem(ast.parse('"days until the token expires"', mode="eval").body)
    assert _help_problem(ast.parse('gettext_lazy("days until the token expires")', mode="eval").body) is None
