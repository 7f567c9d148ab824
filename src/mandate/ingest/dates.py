"""Dates and deadlines in Vietnamese, Russian, Ukrainian and English texts.

Calendar dates are read with regular expressions: the forms in directives are few and
regular, and this keeps a passage at well under a millisecond.  dateparser is the
fallback for a cue ("до", "by", "trước") followed by something the patterns do not know;
it is imported on first use only, since importing and warming it costs more than
reading a hundred passages.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "января январь январе янв січня січень січні січ january jan",
        "февраля февраль феврале фев лютого лютий лютому лют february feb",
        "марта март марте мар березня березень березні бер march mar",
        "апреля апрель апреле апр квітня квітень квітні квіт april apr",
        "мая май мае травня травень травні трав may",
        "июня июнь июне червня червень червні черв june jun",
        "июля июль июле липня липень липні лип july jul",
        "августа август августе авг серпня серпень серпні серп august aug",
        "сентября сентябрь сентябре сен вересня вересень вересні вер september sep sept",
        "октября октябрь октябре окт жовтня жовтень жовтні жовт october oct",
        "ноября ноябрь ноябре ноя листопада листопад листопаді лист november nov",
        "декабря декабрь декабре дек грудня грудень грудні груд december dec",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

# Any word in a month's place; _MONTHS decides.  Cheaper to compile and to scan than an
# alternation of sixty names.
_MONTH = r"[^\W\d_]{3,10}"
_YEAR_TAIL = r"(?:\s*(?:года|году|год|г\.|г\b|року|рік|р\.|р\b|năm\b))?"

# Full and partial day dates; each pattern names its groups d, m, y (y optional).
_DAY_PATTERNS = [
    re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s+năm\s+(?P<y>\d{4}))?", re.I),
    re.compile(rf"(?<![\w/.])(?P<d>\d{{1,2}})(?:-го)?\s+(?P<mn>{_MONTH})\.?(?:,?\s+(?P<y>\d{{4}}))?{_YEAR_TAIL}(?!\w)", re.I),
    re.compile(rf"(?<![\w/])(?P<mn>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?(?![\w/])", re.I),
    re.compile(r"(?<![\w/.-])(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}))?(?![\w/-])"),
    re.compile(r"(?<![\w/.-])(?P<d>\d{1,2})[.-](?P<m>\d{1,2})[.-](?P<y>\d{4})(?![\w])"),
    re.compile(r"(?<![\w/.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w])"),
]


@dataclass(frozen=True)
class DateMention:
    """A date written in the text; `day` is None when only a period is named."""

    start: int
    end: int
    day: date | None
    year_given: bool
    day_of_month: int = 0
    month: int = 0


def _month_number(match: re.Match) -> int | None:
    groups = match.groupdict()
    if groups.get("m"):
        return int(groups["m"])
    name = (groups.get("mn") or "").lower().rstrip(".")
    return _MONTHS.get(name)


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not (1 <= month <= 12 and 1900 <= year <= 2100):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def find_dates(text: str, default_year: int | None = None, language: str | None = None) -> list[DateMention]:
    """Every day date in the text, left to right; a missing year is `default_year`."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for index, pattern in enumerate(_DAY_PATTERNS):
        if index == 2 and language not in (None, "en"):
            continue  # "July 25" is English only; the scan of month names is the costly one
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            month = _month_number(match)
            year_text = match.groupdict().get("y")
            if month is None or not 1 <= month <= 12:
                continue
            if not year_text and index == 3 and not _has_date_cue(text, match.start()):
                continue  # "2/3" alone is more often a fraction or a ratio than a date
            day_of_month = int(match.group("d"))
            year = int(year_text) if year_text else default_year
            day = _safe_date(year, month, day_of_month) if year else None
            if year and day is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(DateMention(match.start(), match.end(), day, bool(year_text), day_of_month, month))
    found.sort(key=lambda m: m.start)
    return found


def with_year(mentions: list[DateMention], default_year: int | None) -> list[DateMention]:
    """The same mentions, the ones without a year dated in `default_year`."""
    if default_year is None:
        return mentions
    out = []
    for m in mentions:
        if m.day is None:
            day = _safe_date(default_year, m.month, m.day_of_month)
            m = DateMention(m.start, m.end, day, False, m.day_of_month, m.month)
        out.append(m)
    return out


def _has_date_cue(text: str, start: int) -> bool:
    before = text[max(0, start - 12):start].lower()
    return bool(re.search(r"(ngày|trước|hạn|đến|từ|до|від|by|on|before)\s*$", before))


def end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_before(year: int, month: int) -> date:
    """"Before July 2020" ends with June: the last day of the previous month."""
    return end_of_month(year, month - 1) if month > 1 else date(year - 1, 12, 31)


@lru_cache(maxsize=512)
def fallback_parse(phrase: str, language: str, default_year: int | None) -> date | None:
    """dateparser for a date the patterns above did not recognise (slow; cached)."""
    import dateparser  # deferred: importing it costs ~0.1 s and its first call ~1 s

    settings = {"PREFER_DAY_OF_MONTH": "last", "REQUIRE_PARTS": ["month", "year"]}
    if default_year:
        settings["RELATIVE_BASE"] = __import__("datetime").datetime(default_year, 1, 1)
        settings["REQUIRE_PARTS"] = ["month"]
    parsed = dateparser.parse(phrase, languages=[language], settings=settings)
    return parsed.date() if parsed else None
