"""What every kind of import does with a row: its refusals, its dates, its text, its fingerprint, its key."""
import datetime as dt
import hashlib
import json
import re

from django.utils.translation import gettext_noop

from mandate.sheets.matching import ASK_FLOOR, Match

_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")

NOT_A_DATE = gettext_noop("«%(value)s» is not a date; write day/month/year, e.g. 30/06/2026")
FORMULA = gettext_noop("holds a formula; formulas are not computed on import — type the value itself")
REPEATED_KEY = gettext_noop("the row key «%(value)s» is used already in row %(line)s")
BAD_NUMBER = gettext_noop("«%(value)s» is not a document number")


def refusal(field_name: str, reason: str, **params) -> dict:
    """A row's refusal, kept as its message id and values so that each reader reads it in their language."""
    return {"field": field_name, "reason": reason, "params": params}


def parse_day(value) -> dt.date | None:
    """A date cell, or a day written 30/06/2026 or 2026-06-30; ValueError when it is no day of the calendar."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    if match := _DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueError(text)
    return dt.date(year, month, day)


def days(values: dict, text: dict, names: tuple[str, ...], errors: list) -> dict:
    """The dates of the row's `names` columns; a date that is no day is refused (and kept as None)."""
    found = {}
    for name in names:
        if values.get(name) not in (None, ""):
            try:
                found[name] = parse_day(values[name])
            except (ValueError, TypeError):
                errors.append(refusal(name, NOT_A_DATE, value=text[name]))
                found[name] = None
    return found


def cell_text(value) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def fingerprint(values: dict, content: list[str]) -> str:
    """The row's content, whatever its place in the sheet: what tells an unchanged row from an edited one."""
    kept = {name: cell_text(values[name]) for name in content if values.get(name) not in (None, "")}
    return hashlib.sha256(json.dumps(kept, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def named(match: Match, field_name: str, reason: str) -> tuple[str | None, dict | None, bool]:
    """(the code taken, the refusal, whether the user is asked)."""
    if match.chosen is not None:
        return match.chosen, None, False
    if match.candidates and match.candidates[0][2] >= ASK_FLOOR:
        return None, None, True
    return None, refusal(field_name, reason, value=match.text), False


def identity(row, text: dict, print_: str, seen_keys: dict[str, int], errors: list) -> tuple[str, str]:
    """(the row key, its identity: the key, else the fingerprint); a key met before in the file is refused."""
    key = text.get("key", "")
    known_as = key or f"#{print_}"
    if known_as in seen_keys:
        errors.append(refusal("key", REPEATED_KEY, value=key or "—", line=seen_keys[known_as]))
    else:
        seen_keys[known_as] = row.line
    return key, known_as
