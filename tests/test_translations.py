"""The catalogues: every message the source marks is in every catalogue, and translated in vi, ru and uk.

An entry counts as untranslated when its msgstr is empty, fuzzy, or equal to its msgid (outside a short allow-list
of texts that are the same in every language), or when it loses or invents a placeholder. The msgids the source uses
are extracted as Django's makemessages extracts them (templates through Django's templatize, then xgettext), into a
temporary directory: the real catalogues are only read.
"""
import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils.translation.template import templatize

import mandate

SOURCE = Path(mandate.__file__).parent
LOCALE = SOURCE / "locale"
TRANSLATED = ("vi", "ru", "uk")  # en is the source language: its msgstr stay empty and gettext answers the msgid
ALL = ("vi", "en", "ru", "uk")
NPLURALS = {"vi": 1, "en": 2, "ru": 3, "uk": 3}

# Texts that read the same in every language: abbreviations and names of formats.
SAME_EVERYWHERE = {"OK", "PDF", "Excel", "API", "Mandate"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%%|\{(\w*)\}")
# The keywords Django's makemessages gives xgettext, for Python files and templatized templates alike.
KEYWORDS = ["--keyword=gettext_noop", "--keyword=gettext_lazy", "--keyword=ngettext_lazy:1,2", "--keyword=pgettext:1c,2",
            "--keyword=npgettext:1c,2,3", "--keyword=pgettext_lazy:1c,2", "--keyword=npgettext_lazy:1c,2,3"]


def parse_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (a str, or a list for plural forms), flags."""
    entries, entry, last = [], None, None

    def flush():
        nonlocal entry
        if entry is not None and "msgid" in entry:
            entries.append(entry)
        entry = None

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        if entry is None:
            entry = {"msgctxt": None, "msgid_plural": None, "msgstr": "", "flags": set()}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith("msgstr["):
            index = int(line[7:line.index("]")])
            if not isinstance(entry["msgstr"], list):
                entry["msgstr"] = []
            entry["msgstr"].append(ast.literal_eval(line[line.index("]") + 2:]))
            last = ("msgstr", index)
        else:
            keyword, _, value = line.partition(" ")
            if keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
                entry[keyword] = ast.literal_eval(value)
                last = keyword
            elif line.startswith('"'):
                if isinstance(last, tuple):
                    entry["msgstr"][last[1]] += ast.literal_eval(line)
                else:
                    entry[last] += ast.literal_eval(line)
            else:
                raise AssertionError(f"{path}: cannot read the line {line!r}")
    flush()
    return entries


def catalogue(language: str) -> list[dict]:
    return [e for e in parse_po(LOCALE / language / "LC_MESSAGES" / "django.po") if e["msgid"]]


def header(language: str) -> str:
    return next(e["msgstr"] for e in parse_po(LOCALE / language / "LC_MESSAGES" / "django.po") if not e["msgid"])


def placeholders(text: str) -> list[str]:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


def has_words(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]{2,}", PLACEHOLDER.sub("", text)))


def untranslated(entry: dict, language: str) -> str | None:
    """Why `entry` does not count as translated, or None."""
    if "fuzzy" in entry["flags"]:
        return "fuzzy"
    forms = entry["msgstr"] if isinstance(entry["msgstr"], list) else [entry["msgstr"]]
    if entry["msgid_plural"] is not None and len(forms) != NPLURALS[language]:
        return f"{len(forms)} plural forms instead of {NPLURALS[language]}"
    for index, form in enumerate(forms):
        if not form:
            return "empty"
        source = entry["msgid"] if index == 0 or entry["msgid_plural"] is None else entry["msgid_plural"]
        if form == source and has_words(source) and source not in SAME_EVERYWHERE:
            return "the same as the msgid"
        # A plural form may leave the number out (Russian and Ukrainian say "one" in words), never add one.
        expected, found = set(placeholders(entry["msgid"] + (entry["msgid_plural"] or ""))), set(placeholders(form))
        if found - expected or (entry["msgid_plural"] is None and found != expected):
            return f"placeholders {sorted(found)} instead of {sorted(expected)}"
    return None


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_entry_is_translated(language):
    problems = [f"{entry['msgid']!r}: {why}" for entry in catalogue(language) if (why := untranslated(entry, language))]
    assert not problems, f"{len(problems)} untranslated in {language}:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", ALL)
def test_the_header_names_the_language_and_its_plural_forms(language):
    text = header(language)
    assert f"Language: {language}\n" in text
    assert f"Plural-Forms: nplurals={NPLURALS[language]};" in text


def test_the_check_counts_what_it_should():
    """The check itself: each kind of untranslated entry is caught; the allow-list and a bare format pass."""
    def entry(msgid, msgstr, flags=(), plural=None):
        return {"msgid": msgid, "msgid_plural": plural, "msgstr": msgstr, "flags": set(flags)}

    assert untranslated(entry("Save", ""), "ru") == "empty"
    assert untranslated(entry("Save", "Save"), "ru") == "the same as the msgid"
    assert untranslated(entry("Save", "Сохранить", ["fuzzy"]), "ru") == "fuzzy"
    assert untranslated(entry("Page %(n)s", "Страница"), "ru").startswith("placeholders")
    assert untranslated(entry("%(n)s task", ["%(n)s поручение", "%(n)s поручения"], plural="%(n)s tasks"), "ru")
    assert untranslated(entry("%(field)s: %(reason)s", "%(field)s: %(reason)s"), "ru") is None
    assert untranslated(entry("PDF", "PDF"), "uk") is None
    assert untranslated(entry("Save", "Сохранить"), "ru") is None


@pytest.fixture(scope="module")
def source_msgids(tmp_path_factory) -> set[tuple[str | None, str]]:
    """(msgctxt, msgid) of every message the source marks, extracted as makemessages would, into a temporary dir."""
    if not shutil.which("xgettext"):
        pytest.fail("xgettext (GNU gettext) is needed to extract the messages; Debian package gettext")
    work = tmp_path_factory.mktemp("messages")
    files = [str(path) for path in sorted(SOURCE.rglob("*.py")) if "migrations" not in path.parts]
    for template in sorted((SOURCE / "templates").rglob("*")):
        if template.suffix in (".html", ".txt"):
            target = work / (str(template.relative_to(SOURCE)).replace("/", "__") + ".py")
            target.write_text(templatize(template.read_text(encoding="utf-8"), origin=str(template)), encoding="utf-8")
            files.append(str(target))
    pot = work / "mandate.pot"
    subprocess.run(["xgettext", "--language=Python", "--from-code=UTF-8", "--no-wrap", "-o", str(pot), *KEYWORDS, *files],
                   check=True, capture_output=True)
    return {(e["msgctxt"], e["msgid"]) for e in parse_po(pot) if e["msgid"]}


def test_the_extraction_finds_what_the_source_marks(source_msgids):
    assert (None, "Not found.") in source_msgids  # core/errors.py, Python
    assert (None, "Sign in") in source_msgids  # a template's {% translate %}
    assert ("state", "Assigned") in source_msgids  # pgettext
    assert len(source_msgids) > 500


@pytest.mark.parametrize("language", ALL)
def test_every_message_of_the_source_is_in_the_catalogue(language, source_msgids):
    known = {(e["msgctxt"], e["msgid"]) for e in catalogue(language)}
    missing = sorted(source_msgids - known, key=str)
    assert not missing, (f"{len(missing)} messages of the source are not in {language}/LC_MESSAGES/django.po; append them "
                         "to the four catalogues (without makemessages):\n" + "\n".join(map(repr, missing)))


@pytest.mark.parametrize("language", ALL)
def test_the_compiled_catalogue_is_the_po_file(language, tmp_path):
    """msgfmt --check passes and the committed .mo holds what the .po says (no one forgot to compile)."""
    folder = LOCALE / language / "LC_MESSAGES"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(folder / "django.po")], check=True, capture_output=True)
    with open(fresh, "rb") as new, open(folder / "django.mo", "rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(new)._catalog
