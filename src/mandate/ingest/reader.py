"""read(): a directive's text → its header, references and tasks (DESIGN.md §4)."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Protocol

from .dates import DateMention, find_dates, with_year
from .language import LANGUAGES, detect_language
from .references import Reference, find_references
from .tasks import TaskDraft, extract_tasks

_HEADER_NUMBER = re.compile(r"^[ \t|]*(?:Số|So|No\.?|№)\s*[:.]?\s*(?=\d)", re.I | re.M)
_HEADER_ZONE = 1200


class Matcher(Protocol):
    def match(self, phrase: str) -> tuple[str | None, float, list[tuple[str, float]]]: ...


def read(text: str, *, language: str | None = None, units: Matcher | None = None) -> dict:
    """Read a directive's text into the JSON object of DESIGN.md §4."""
    text = unicodedata.normalize("NFC", text)
    language = language if language in LANGUAGES else detect_language(text)
    header = _header(text)
    found = find_dates(text, None, language)
    default_year = _default_year(text, header, found)
    dates = with_year(found, default_year)
    references = find_references(text, dates)
    document = _document(text, header, references, dates)
    tasks = extract_tasks(text, language, default_year, dates)
    return {
        "language": language,
        "document": document,
        "references": [r.as_json() for r in references],
        "tasks": [_task_json(t, units) for t in tasks],
    }


def _header(text: str) -> re.Match | None:
    match = _HEADER_NUMBER.search(text, 0, _HEADER_ZONE)
    return match


def _default_year(text: str, header: re.Match | None, dates: list[DateMention]) -> int | None:
    """A date without its year belongs to the document's year, else the text's usual one."""
    years = [d.day.year for d in dates if d.day and d.year_given]
    if header:
        dated = [d.day.year for d in dates if d.day and d.year_given and d.start < _HEADER_ZONE + 300]
        if dated:
            return dated[0]
    if not years:
        years = [int(y) for y in re.findall(r"(?<!\d)(20[0-4]\d|19[5-9]\d)(?!\d)", text)]
    return Counter(years).most_common(1)[0][0] if years else None


def _document(text: str, header: re.Match | None, references: list[Reference],
              dates: list[DateMention]) -> dict | None:
    if header is None:
        return None
    own = next((r for r in references if r.number and header.end() <= r.end and r.start <= header.end() + 2), None)
    if own is None:
        return None
    own.self_ = True
    own.raw = text[header.start():own.end].strip(" \t|")
    dates_after = [d for d in dates if d.day and d.year_given and own.end <= d.start < own.end + 300]
    if dates_after and not own.date:
        own.date = dates_after[0].day.isoformat()
    number = own.number
    return {
        "number": f"{number.number:02d}",
        "type": number.type,
        "issuer": number.issuer,
        "year": number.year,
        "date": own.date,
        "title": _title(text, own.end),
    }


_ABOUT = re.compile(r"^[ \t|]*(?:V/v|V/V|v/v)[:.]?[ \t]*(\S.*)$", re.M)
# Header and signature lines in capitals that are not the title.
_NOT_TITLE = re.compile(
    r"^(?:T/M|TM\.|KT\.|TL\.|TUQ\.|Q\.|BÍ THƯ|PHÓ BÍ THƯ|CHỦ TỊCH|PHÓ CHỦ TỊCH|GIÁM ĐỐC|NƠI NHẬN|"
    r"ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA|CỘNG HOÀ|ĐỘC LẬP)"
)


def _title(text: str, after: int) -> str | None:
    """The "V/v …" line of a letter next to its number, else the upper-case lines after the number and
    date: "CHỈ THỊ / VỀ …"; never the signature block ("T/M BAN THƯỜNG VỤ")."""
    if about := _ABOUT.search(text, max(0, after - 300), after + 600):
        return about.group(1).strip(" |")
    lines = text[after:after + 1500].splitlines()
    title: list[str] = []
    for line in lines:
        stripped = line.strip(" |-\t")
        if not stripped:
            if title:
                continue
            continue
        if _is_title_line(stripped):
            title.append(stripped)
        elif title:
            break
    return " ".join(title) or None


def _is_title_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return (len(letters) >= 3 and line == line.upper() and not re.search(r"\d{1,2}\s+THÁNG|NGÀY", line)
            and not _NOT_TITLE.match(line))


def _task_json(task: TaskDraft, units: Matcher | None) -> dict:
    unit, confidence, candidates, coordinator_units = (None, None, [], [])
    if units is not None:
        unit, confidence, candidates = units.match(task.assignee)
        # The same matcher, so the same province decides between namesakes for the coordinators as for the lead unit;
        # only the phrases it matched, each unit once: what /ingest/confirm takes as `coordinators`.
        for phrase in task.coordinators:
            code = units.match(phrase)[0]
            if code and code not in coordinator_units:
                coordinator_units.append(code)
    out = {
        "assignee": task.assignee,
        "unit": unit,
        "unit_confidence": confidence,
        "unit_candidates": [{"unit": code, "score": score} for code, score in candidates],
        "coordinators": task.coordinators,
        "coordinator_units": coordinator_units,
        "action": task.action,
        "deadline": task.deadline.date.isoformat() if task.deadline and task.deadline.date else None,
        "deadline_raw": task.deadline.raw if task.deadline else None,
        "product": None,
        "span": [task.start, task.end],
    }
    if task.generic:
        out["generic"] = True
    if task.implicit:
        out["implicit_assignee"] = True
    return out
