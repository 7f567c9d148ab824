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
