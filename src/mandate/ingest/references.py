"""Cited documents: every numbered document a passage names, with its signing date."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from mandate.documents.numbering import DocumentNumber, NumberFormatError, parse

from .dates import DateMention

_L = r"A-Za-zĐđА-Яа-яЁёІіЇїЄєҐґ"
# Candidate numbers; numbering.parse decides.  Codes start with a capital letter so
# that "50/người" or "км/ч" never look like "N/ISSUER".
_PARTY = re.compile(rf"(?<![\w/.-])\d{{1,5}}\s?[-–]\s?[{_L}]{{1,5}}\s?/\s?[A-ZĐА-ЯІЇЄ][{_L}\d]{{0,11}}(?![\w/])")
_STATE = re.compile(
    rf"(?<![\w/.-])\d{{1,5}}\s?/\s?(?:(?:19|20)\d\d\s?/\s?)?[A-ZĐА-ЯІЇЄ][{_L}\d]{{0,11}}"
    rf"(?:\s?[-–]\s?[A-ZĐА-ЯІЇЄ][{_L}\d]{{0,11}})*(?![\w/])"
)

# Words that name a document type, as the text spells them.
TYPE_WORDS = (
    r"nghị quyết|quyết định|chỉ thị|kết luận|kế hoạch|công văn|công điện|thông báo|hướng dẫn|quy định|quy chế|"
    r"chương trình|đề án|dự án|báo cáo|tờ trình|thông tư(?: liên tịch)?|nghị định|văn bản|luật|pháp lệnh|"
    r"постановлени\w*|резолюци\w*|решени\w*|заключени\w*|план\w*|директив\w*|распоряжени\w*|указ\w*|"
    r"уведомлени\w*|инструкци\w*|регламент\w*|положени\w*|программ\w*|проект\w*|доклад\w*|циркуляр\w*|декрет\w*|"
    r"телеграмм\w*|(?:официальн\w+\s+)?(?:послани\w*|донесени\w*|письм\w*|депеш\w*)|документ\w*|"
    r"постанов\w*|резолюці\w*|рішенн\w*|висновк\w*|висновок|розпорядженн\w*|доручення|наказ\w*|програм\w*|"
    r"інструкці\w*|(?:офіційн\w+\s+)?(?:лист\w*|депеш\w*|повідомлення)|телеграм\w*|"
    r"resolution|decision|directive|conclusion|plan|official (?:letter|dispatch|telegram)|dispatch|telegram|"
    r"notice|guidance|guideline|regulation|program(?:me)?|scheme|project|report|decree|circular|document|law"
)
_TYPE_WORD = re.compile(rf"(?<![\w])(?:{TYPE_WORDS})(?!\w)", re.I)
_BARE = re.compile(
    rf"(?<![\w])(?P<word>{TYPE_WORDS})(?:\s+(?:số|no\.?|number|№|#)\s*|\s*№\s*|(?=\d))(?P<n>\d{{1,5}})(?![\d/.,-]?\w)",
    re.I,
)
# "Chỉ thị 35", "Nghị quyết 18": the press names the documents of the Party and the State by their bare number.
_BARE_SPACED = re.compile(
    r"(?<![\w])(?P<word>nghị quyết|quyết định|chỉ thị|kết luận|nghị định|thông tư|công văn|công điện|quy định)"
    r"\s+(?P<n>\d{1,5})(?![\d/.,-]?\w)(?!\s*(?:năm|tháng|ngày|giờ|người|%|tỷ|triệu|nghìn|ha\b))",
    re.I,
)
# "постановлением администрации района от 19 августа 2016 г. N 775", "указу Президента №620/2022":
# a Russian or Ukrainian act named by its type word, its issuer and date, then "N" or "№" and the number.
_BARE_LATE = re.compile(
    r"(?<![\w])(?P<word>(?i:постановлени\w*|распоряжени\w*|указ\w*|приказ\w*|решени\w*|постанов\w*|"
    r"розпорядженн\w*|наказ\w*|рішенн\w*))(?P<mid>(?:[^.;\n№]|(?<=\s[гр])\.){0,120}?)(?<![\w])(?:N|№)\s?(?P<n>\d{1,5})(?:/(?P<y>(?:19|20)\d\d))?(?![\d/.,-]?\w)"
)
_NUMBER_SIGN = re.compile(r"(?:số|no\.?|№|#)\s*:?\s*$", re.I)
_AFTER = re.compile(r"^[\s,]*(?:(?:ban hành|ký|được ký)\s+)?(?:ngày|от|від|dated|of|issued on|signed on|on)?\s*$", re.I)
_BEFORE = re.compile(r"(?:от|від|ngày|dated|of)\s*$", re.I)
_BEFORE_TAIL = re.compile(r"^\s*(?:года|г\.|року|р\.)?\s*(?:[,(]\s*)?(?:№|no\.?|số)?\s*$", re.I)


@dataclass
class Reference:
    number: DocumentNumber | None
    bare_number: int | None
    raw: str
    start: int
    end: int
    date: str | None = None
    self_: bool = False
    occurrences: int = 1
    extra: dict = field(default_factory=dict)

    def key(self) -> tuple:
        return self.number.key() if self.number else ("bare", self.bare_number)

    def as_json(self) -> dict:
        n = self.number
        out = {
            "raw": self.raw,
            "number": f"{n.number:02d}" if n else str(self.bare_number),
            "type": n.type if n else None,
            "issuer": n.issuer if n else None,
            "year": n.year if n else None,
            "date": self.date,
            "span": [self.start, self.end],
            "partial": n is None,
        }
        if self.self_:
            out["self"] = True
        if self.occurrences > 1:
            out["occurrences"] = self.occurrences
        return out


def find_references(text: str, dates: list[DateMention]) -> list[Reference]:
    """Every cited document once, in order of first mention; `dates` are the passage's dates."""
    found = _numbered(text) + _bare(text)
    found = [r for r in found if not any(_inside(r, o) for o in found if o is not r and o.number)]
    found.sort(key=lambda r: r.start)
    for ref in found:
        ref.date = _date_for(text, ref, dates, found)
    return _merge(found)


def _inside(ref: Reference, other: Reference) -> bool:
    return other.start <= ref.start and ref.end <= other.end and (ref.start, ref.end) != (other.start, other.end)


def _numbered(text: str) -> list[Reference]:
    refs: list[Reference] = []
    seen: set[tuple[int, int]] = set()
    for pattern in (_PARTY, _STATE):
        for match in pattern.finditer(text):
            span = (match.start(), match.end())
            if any(s <= span[0] < e for s, e in seen):
                continue
            number = _parse_candidate(match.group(0), text, match.start())
            if number is None:
                continue
            seen.add(span)
            start = _raw_start(text, match.start())
            refs.append(Reference(number, None, text[start:match.end()], start, match.end()))
    return refs


def _parse_candidate(candidate: str, text: str, start: int) -> DocumentNumber | None:
    try:
        number = parse(candidate)
    except NumberFormatError:
        return None
    # "N/ISSUER" alone is too often a ratio or a unit; accept it after "số"/"№" only.
    if (number.system == "state" and number.type is None and number.year is None and number.office is None
            and not _NUMBER_SIGN.search(text[max(0, start - 6):start])):
        return None
    if number.system == "state" and not _looks_like_code(number.issuer):
        return None
    return number


def _looks_like_code(code: str) -> bool:
    letters = [c for c in code if c.isalpha()]
    return sum(c.isupper() for c in letters) >= max(1, len(letters) // 2)


def _bare(text: str) -> list[Reference]:
    refs = []
    for match in _BARE.finditer(text):
        value = int(match.group("n"))
        has_sign = not match.group(0)[len(match.group("word")):].strip()[:1].isdigit()
        if 1900 <= value <= 2100 and not has_sign:
            continue  # "Kế hoạch 2025" names a year, not a number
        refs.append(Reference(None, value, match.group(0), match.start(), match.end()))
    taken = [(r.start, r.end) for r in refs]
    for pattern in (_BARE_SPACED, _BARE_LATE):
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            value = int(match.group("n"))
            if pattern is _BARE_SPACED and 1900 <= value <= 2100:
                continue
            refs.append(Reference(None, value, match.group(0), match.start(), match.end()))
            taken.append((match.start(), match.end()))
    return refs


def _raw_start(text: str, number_start: int) -> int:
    """The raw span runs from the document-type word (if close before) to the number."""
    window_start = max(0, number_start - 60)
    window = text[window_start:number_start]
    last = None
    for match in _TYPE_WORD.finditer(window):
        last = match
    if last is None or re.search(r"(?<!\bNo)(?<!\bno)[.;\n]", window[last.end():]):
        return _sign_start(text, number_start)
    return window_start + last.start()


def _sign_start(text: str, number_start: int) -> int:
    match = _NUMBER_SIGN.search(text[max(0, number_start - 6):number_start])
    return max(0, number_start - 6) + match.start() if match else number_start


def _date_for(text: str, ref: Reference, dates: list[DateMention], refs: list[Reference]) -> str | None:
    for mention in dates:  # "постановлением … от 19 августа 2016 г. N 775": the date inside the span
        if mention.day and ref.start < mention.start and mention.end <= ref.end and _BEFORE.search(
            text[max(0, mention.start - 8):mention.start]
        ):
            return mention.day.isoformat()
    for mention in dates:
        if mention.day and 0 <= mention.start - ref.end <= 40 and _AFTER.match(text[ref.end:mention.start]):
            return mention.day.isoformat()
    for mention in dates:
        if mention.day and 0 <= ref.start - mention.end <= 30:
            between = text[mention.end:ref.start]
            if _BEFORE.search(text[max(0, mention.start - 8):mention.start]) and _BEFORE_TAIL.match(
                between.split("№")[0] if "№" in between else between
            ):
                return mention.day.isoformat()
    return _sentence_date(text, ref, dates, refs)


def _sentence_date(text: str, ref: Reference, dates: list[DateMention], refs: list[Reference]) -> str | None:
    """"Ngày 21/5, UBND tỉnh ban hành Công văn số 846": a date opening the sentence dates its first reference."""
    sentence_start = max(text.rfind(". ", 0, ref.start), text.rfind("\n", 0, ref.start)) + 1
    if any(sentence_start <= other.start < ref.start for other in refs if other is not ref):
        return None
    for mention in dates:
        if mention.day and sentence_start <= mention.start <= sentence_start + 25 and mention.end < ref.start:
            return mention.day.isoformat()
    return None


def _merge(refs: list[Reference]) -> list[Reference]:
    merged: dict[tuple, Reference] = {}
    for ref in refs:
        first = merged.get(ref.key())
        if first is None:
            merged[ref.key()] = ref
            continue
        first.occurrences += 1
        first.date = first.date or ref.date
    # A bare "Resolution No. 18" is the same document as a full "18-NQ/TW" in the passage.
    full_numbers = {r.number.number for r in merged.values() if r.number}
    return [r for r in merged.values() if r.number or r.bare_number not in full_numbers]
