"""The deadline of a task: the first time limit its clause sets.

Labeling conventions (corpus/CORPUS.md): "before/trước/до X" → X; a month → its last
day; a quarter → its last day; the first half year → 30 June; "before July 2020" →
2020-06-30; "from A to B" → B; a relative period, a recurrence or a target year → no
date, but the phrase is kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import _MONTH, _MONTHS, DateMention, end_of_month, fallback_parse, find_dates, month_before


@dataclass(frozen=True)
class Deadline:
    date: date | None
    raw: str
    start: int
    end: int


# A cue that makes the date after it a time limit.  "до" is Russian and Ukrainian,
# "від … до" gives its end; "по" closes "с … по …".
_DAY_CUE = re.compile(
    r"(?:trước|chậm nhất(?:\s+là)?|hạn chót(?:\s+là)?|không quá|không muộn hơn|đến hết|đến|xong trước|hoàn thành trước"
    r"|до|не позднее|не позже|не пізніше|не пізніш|по|к|в срок до|у термін до|by|before|no later than|not later than"
    r"|until|till|due|deadline(?:\s+of|\s+is)?"
    # a labelled limit: "Thời hạn: 30/6/2026", "Срок – 1 октября", "Термін виконання: …", "deadline: …"
    r"|thời\s+hạn(?:\s+hoàn\s+thành)?\s*[:–—-]?|thời\s+gian\s+hoàn\s+thành\s*[:–—-]?|(?:срок|термін)(?:\s+(?:исполнения|виконання))?\s*[:–—-]"
    r"|deadline\s*[:–—-])"
    r"\s*(?:ngày|the|of|on)?\s*$",
    re.I,
)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4,
          "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
          "первый": 1, "первом": 1, "первого": 1, "второй": 2, "втором": 2, "второго": 2,
          "третий": 3, "третьем": 3, "третьего": 3, "четвертый": 4, "четвертом": 4, "четвертого": 4,
          "перший": 1, "першому": 1, "першого": 1, "другий": 2, "другому": 2, "другого": 2,
          "третій": 3, "третьому": 3, "третього": 3, "четвертий": 4, "четвертому": 4}  # "четвертого" is spelled alike above
_QUARTER_WORD = "|".join(sorted(_ROMAN, key=len, reverse=True))

_BEFORE = r"(?:trước|до|before|prior to)"
_WITHIN = r"(?:trong|trước|hết|cuối|đến hết|hoàn thành trong|xong trong|thời hạn(?: hoàn thành)?:?|thời gian hoàn thành:?|в|у|во|до конца|до кінця|by|in|during|within|by the end of|before the end of|until the end of|to the end of)"
_PERIODS: list[tuple[re.Pattern, str]] = [
    # "before July 2020" → the month before
    (re.compile(rf"{_BEFORE}\s+(?:tháng\s+(?P<m>\d{{1,2}})\s*(?:/|năm)\s*|(?P<mn>{_MONTH})\s+)(?P<y>\d{{4}})", re.I), "before_month"),
    # "in/by July 2020", "trong tháng 7/2025", "до конца июля 2025 года" → its last day
    (re.compile(rf"{_WITHIN}\s+(?:(?:the\s+)?end\s+of\s+)?(?:tháng\s+(?P<m>\d{{1,2}})\s*(?:/|năm)\s*|(?P<mn>{_MONTH})\s+)(?P<y>\d{{4}})", re.I), "month"),
    # quarters: "quý III/2025", "III квартал 2025 года", "the third quarter of 2025", "Q3 2025"
    (re.compile(rf"(?:(?:trong|hết|đến\s+hết|cuối|hoàn\s+thành\s+trong|in|during|within|в|у|во)\s+(?=quý|(?:the\s+)?\w+[\s-]+(?:quarter|квартал)))?"
                rf"(?P<before>{_BEFORE}\s+)?(?:quý\s+(?P<q1>{_QUARTER_WORD})\s*(?:/|năm)\s*"
                rf"|(?:(?:the\s+)?(?P<q2>{_QUARTER_WORD})[\s-]+(?:quarter|квартал\w*)\s+(?:of\s+)?)"
                rf"|q(?P<q3>[1-4])\s*[/ ]\s*)(?P<y>\d{{4}})", re.I), "quarter"),
    # first half: "6 tháng đầu năm 2025", "first half of 2025", "первое полугодие 2025"
    (re.compile(r"(?:6|sáu)\s+tháng\s+đầu\s+năm\s*(?P<y>\d{4})?|(?:first\s+half|first\s+six\s+months)\s+(?:of\s+)?(?P<y2>\d{4})"
                r"|перв\w+\s+полугоди\w+\s+(?P<y3>\d{4})|перш\w+\s+півріч\w+\s+(?P<y4>\d{4})", re.I), "half"),
    # the end of a year: "đến hết năm 2025", "by the end of 2025", "до конца 2025 года"
    (re.compile(r"(?:đến hết năm|cuối năm|hết năm|trong năm|by the end of|before the end of|until the end of|до конца|до кінця|наприкінці)\s+(?P<y>\d{4})", re.I), "year_end"),
]

_NUMBER_WORD = (
    r"(?:\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"fifteen|twenty|thirty|sixty|ninety|одного|одной|двух|трех|трёх|четырех|пяти|шести|десяти|пятнадцати|тридцати|"
    r"двох|трьох|чотирьох|п'яти|п’яти|п'ятнадцяти|п’ятнадцяти|тридцяти)"
)
_PERIOD_WORD = (
    r"(?:ngày|tháng|tuần|năm|(?:working\s+|business\s+|calendar\s+)?days?|weeks?|months?|years?|"
    r"(?:рабочих\s+|календарных\s+)?дн\w*|недел\w*|месяц\w*|(?:робочих\s+|календарних\s+)?дн\w*|тиж\w*|місяц\w*|рок\w*|год\w*|лет)"
)
_RELATIVE = re.compile(
    # "trong 30 ngày", "within 30 days (of …)", "в течение месяца", "протягом двох тижнів", "за три месяца"
    rf"(?:trong(?:\s+vòng|\s+thời\s+hạn)?|within|в\s+течение|протягом|впродовж|упродовж|за)\s+(?:{_NUMBER_WORD}\s*)?{_PERIOD_WORD}"
    r"(?:\s+làm\s+việc)?|"
    # "chậm nhất 15 ngày sau khi …", "no later than 15 days after …", "не позднее 10 дней со дня …"
    rf"(?:chậm\s+nhất(?:\s+là)?|không\s+quá|no\s+later\s+than|not\s+later\s+than|не\s+позднее|не\s+позже|не\s+пізніше)\s+"
    rf"{_NUMBER_WORD}\s*{_PERIOD_WORD}(?:\s+làm\s+việc)?",
    re.I,
)
# A limit with no date to give: "до конца недели", "до мая" (no year), "в десятидневный срок", "by the end of the week".
_OPEN_PERIOD = re.compile(
    r"(?:до|к)\s+(?:конца|кінця)\s+(?:недели|тижня|месяца|місяця|года|року|квартала|кварталу|\w+)|"
    r"(?:до|к)\s+(?:январ|феврал|марта|апрел|мая|июн|июл|август|сентябр|октябр|ноябр|декабр|"
    r"січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листопад|груд)\w*(?!\s+\d)|"
    # "в десятидневный срок", "в двухнедельный срок", "в месячный срок", "у місячний термін", "у тижневий строк"
    r"(?:в|у)\s+\w*(?:дневный|недельный|месячный|денний|тижневий|місячний)\s+(?:срок|термін|строк)|"
    r"(?:в|у)\s+(?:кратчайшие|максимально\s+короткие|максимально\s+стислі|найкоротші|стислі)\s+(?:сроки|терміни|строки)|"
    r"by\s+the\s+end\s+of\s+(?:the\s+)?(?:week|month|year|quarter)|as\s+soon\s+as\s+possible|at\s+the\s+earliest|"
    r"(?:trong|trước)\s+(?:tuần|tháng|quý|năm)\s+(?:này|tới|sau)|trong\s+thời\s+gian\s+sớm\s+nhất",
    re.I,
)
_RECURRENCE = re.compile(
    r"\b(?:hằng|hàng)\s+(?:ngày|tháng|quý|năm|tuần)|định\s+kỳ|thường\s+xuyên|"
    r"ежедневно|еженедельно|ежемесячно|ежеквартально|ежегодно|каждый\s+(?:день|понедельник|вторник|месяц|квартал|год)|"
    r"по\s+(?:понедельникам|пятницам)|щоденно|щодня|щотижня|щомісяця|щокварталу|щороку|щорічно|щопонеділка|щоп['’]?ятниці|"
    r"\b(?:daily|weekly|monthly|quarterly|annually|yearly|regularly|every\s+(?:day|week|month|quarter|year|monday|friday))\b",
    re.I,
)


def find_deadline(text: str, start: int, end: int, language: str, default_year: int | None,
                  dates: list[DateMention]) -> Deadline | None:
    """The first deadline phrase in text[start:end] (a task's clause), or None.

    `dates` are the passage's day dates (found once per passage); a dated deadline wins
    over a relative period or a recurrence, which only keep their phrase.
    """
    dated = [c for c in (_day_deadline(text, start, end, dates), _period_deadline(text, start, end),
                         _yearless_month(text, start, end, default_year),
                         _loose_deadline(text, start, end, language, default_year)) if c is not None]
    if dated:
        return min(dated, key=lambda c: c.start)
    return _relative(text, start, end)


def _day_deadline(text: str, start: int, end: int, dates: list[DateMention]) -> Deadline | None:
    for mention in dates:
        if mention.start < start or mention.end > end:
            continue
        cue = _DAY_CUE.search(text, max(start, mention.start - 30), mention.start)
        if cue is None or not _cue_is_word(text, cue.start()):
            continue
        raw = text[cue.start():mention.end].strip()
        if raw.endswith(".") and not re.search(r"(?<!\w)[гр]\.$", raw):
            raw = raw[:-1]  # the sentence's full stop, not "г." (year)
        return Deadline(mention.day, raw, cue.start(), mention.end)
    return None


def _cue_is_word(text: str, start: int) -> bool:
    return start == 0 or not text[start - 1].isalnum()


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


# A month without its year, after a cue ("trong tháng 12", "hết tháng 6", "by the end of June", "до конца июля"):
# dated in the text's year, when the text gives one.
_YEARLESS_MONTH = re.compile(
    rf"(?:(?:trong|hết|đến\s+hết|cuối|hoàn\s+thành\s+trong)\s+tháng\s+(?P<m>\d{{1,2}})(?!\s*[/\d]|\s+năm)"
    rf"|(?:by|before|until)\s+the\s+end\s+of\s+(?P<mn>{_MONTH})(?!\s*,?\s*\d)"
    rf"|(?:до|к)\s+(?:конца|кінця)\s+(?P<mn2>{_MONTH})(?!\s*\d))",
    re.I,
)


def _yearless_month(text: str, start: int, end: int, default_year: int | None) -> Deadline | None:
    if default_year is None:
        return None
    for match in _YEARLESS_MONTH.finditer(text, start, end):
        if not _cue_is_word(text, match.start()):
            continue
        month = int(match.group("m")) if match.group("m") else _MONTHS.get((match.group("mn") or match.group("mn2") or "").lower())
        if month and 1 <= month <= 12:
            return Deadline(end_of_month(default_year, month), match.group(0).strip(), match.start(), match.end())
    return None


def _period_deadline(text: str, start: int, end: int) -> Deadline | None:
    if not _YEAR.search(text, start, end):
        return None  # every period pattern ends in a year
    best: Deadline | None = None
    for pattern, kind in _PERIODS:
        for match in pattern.finditer(text, start, end):
            if not _cue_is_word(text, match.start()):
                continue
            day = _period_end(match, kind)
            if day is None:
                continue
            if best is None or match.start() < best.start:
                best = Deadline(day, match.group(0).strip(), match.start(), match.end())
            break
    return best


def _period_end(match: re.Match, kind: str) -> date | None:
    groups = match.groupdict()
    year_text = next((groups[k] for k in ("y", "y2", "y3", "y4") if groups.get(k)), None)
    if not year_text:
        return None
    year = int(year_text)
    if kind in ("before_month", "month"):
        month = int(groups["m"]) if groups.get("m") else _MONTHS.get((groups.get("mn") or "").lower())
        if not month or not 1 <= month <= 12:
            return None
        return month_before(year, month) if kind == "before_month" else end_of_month(year, month)
    if kind == "quarter":
        quarter = _ROMAN.get((groups.get("q1") or groups.get("q2") or groups.get("q3") or "").lower())
        if not quarter:
            return None
        if groups.get("before"):
            return date(year - 1, 12, 31) if quarter == 1 else end_of_month(year, 3 * (quarter - 1))
        return end_of_month(year, 3 * quarter)
    if kind == "half":
        return date(year, 6, 30)
    return date(year, 12, 31)


_LOOSE = re.compile(r"(?:до|by|before|no later than|trước)\s+(?P<phrase>[^\s,.;]+(?:\s+[^\s,.;]+){1,3})", re.I)


def _loose_deadline(text: str, start: int, end: int, language: str, default_year: int | None) -> Deadline | None:
    """A cue followed by a month word the patterns missed; only then is dateparser asked."""
    for match in _LOOSE.finditer(text, start, end):
        phrase = match.group("phrase")
        words = phrase.lower().split()
        if not any(w.strip("0123456789") in _MONTHS for w in words[:2]):
            continue
        if find_dates(phrase, default_year, language):
            continue  # the day patterns already handle it
        day = fallback_parse(phrase, language, default_year)
        if day is not None:
            return Deadline(day, match.group(0), match.start(), match.end())
    return None


def _relative(text: str, start: int, end: int) -> Deadline | None:
    found = [m for m in (_RELATIVE.search(text, start, end), _RECURRENCE.search(text, start, end),
                         _OPEN_PERIOD.search(text, start, end)) if m]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return Deadline(None, first.group(0).strip(), first.start(), first.end())
