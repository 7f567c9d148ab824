"""A draft's text cut into the sections and clauses that delegates comment on. Pure: no database.

Vietnamese drafts are laid out the way Decree 30/2020 and the Party's rules on documents lay them out:
a regulation in parts and chapters (Chương I), sections (Mục 1), articles (Điều 5. …), clauses (1., 2.)
and points (a), b)); a program or plan in Roman-numbered parts (I., II.), numbered items (1., 2.)
and points. Each structural line opens a clause that runs to the next structural line, so the
clauses partition the text: every character belongs to exactly one of them, and an opinion anchored
to a clause (and to a quote inside it) points at text that exists in that version.
"""
import re
import unicodedata
from dataclasses import dataclass

ROMAN = re.compile(r"^(?=[IVXLC]+\b)M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")

# (level, pattern). Levels: 0 part/chapter, 1 section, 2 article or Roman part, 3 clause, 4 point.
_PATTERNS = (
    (0, re.compile(r"^(?P<word>Phần|PHẦN)\s+(?P<id>thứ\s+\S+|[IVXLC]+|\d+)\b[.:]?\s*(?P<rest>.*)$")),
    (0, re.compile(r"^(?P<word>Chương|CHƯƠNG)\s+(?P<id>[IVXLC]+|\d+)\b[.:]?\s*(?P<rest>.*)$")),
    (1, re.compile(r"^(?P<word>Mục|MỤC)\s+(?P<id>\d+|[IVXLC]+)\b[.:]?\s*(?P<rest>.*)$")),
    (2, re.compile(r"^(?P<word>Điều|ĐIỀU)\s+(?P<id>\d+[a-z]?)\s*[.:]\s*(?P<rest>.*)$")),
    (2, re.compile(r"^(?P<id>[IVXLC]+)[.)]\s+(?P<rest>.+)$")),
    (3, re.compile(r"^(?P<id>\d{1,2}(?:\.\d{1,2})?)[.)]\s+(?P<rest>.+)$")),
    (4, re.compile(r"^(?P<id>[a-zđ])\)\s+(?P<rest>.+)$")),
)


@dataclass(frozen=True)
class Clause:
    """One structural unit of a draft: `key` is stable across versions ("dieu-5.1.a"), `label` is what people say."""

    key: str
    label: str
    heading: str
    start: int
    end: int
    level: int
    parent_key: str | None = None

    def text_in(self, text: str) -> str:
        return text[self.start:self.end]


def _fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


def _match(line: str) -> tuple[int, str, str, str] | None:
    """(level, kind word, id, heading) of a structural line, or None for ordinary text."""
    for level, pattern in _PATTERNS:
        found = pattern.match(line)
        if found is None:
            continue
        ident = found.group("id")
        if level == 2 and "word" not in pattern.groupindex and not ROMAN.match(ident):
            continue  # "I." must be a Roman numeral, not a capital letter starting a sentence
        word = found.groupdict().get("word") or ""
        return level, word, ident, found.group("rest").strip()
    return None


def _key_part(level: int, word: str, ident: str) -> str:
    word = _fold(word)
    if word in ("phan", "chuong", "muc", "dieu"):
        return f"{word}-{_fold(ident).replace(' ', '-')}"
    return _fold(ident)


def _label(path: list[tuple[int, str, str]]) -> str:
    """'Điều 5, khoản 2, điểm a' inside an article; 'Chương I' for a heading; 'II.1.a' in a program."""
    article = next((index for index, (level, word, _) in enumerate(path) if level == 2 and word), None)
    if article is not None:
        names = {2: "Điều", 3: "khoản", 4: "điểm"}
        return ", ".join(f"{names[level]} {ident}" for level, _, ident in path[article:])
    level, word, ident = path[-1]
    if word:
        return f"{word.capitalize()} {ident}"
    return ".".join(ident for level, word, ident in path if not word)


def parse(text: str) -> list[Clause]:
    """The clauses of `text` in order; text before the first heading is the preamble ("Mở đầu").

    Keys name the path from the top ("chuong-i", "ii.1.a"), except that an article is known by its number
    alone ("dieu-5.2.a"): articles are numbered through the whole regulation, so a key stays the same in the
    next version when chapters are regrouped.
    """
    path: list[tuple[int, str, str, str]] = []  # (level, word, ident, key) of the open headings
    seen: set[str] = set()
    found_clauses: list[Clause] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        found = _match(stripped) if stripped else None
        if found is not None:
            level, word, ident, heading = found
            while path and path[-1][0] >= level:
                path.pop()
            part = _key_part(level, word, ident)
            key = part if part.startswith("dieu-") or not path else f"{path[-1][3]}.{part}"
            unique, repeat = key, 1
            while unique in seen:  # the same number twice under one parent: keep keys unique
                repeat += 1
                unique = f"{key}~{repeat}"
            seen.add(unique)
            parent = path[-1][3] if path else None
            path.append((level, word, ident, unique))
            start = offset + (len(line) - len(line.lstrip()))
            found_clauses.append(Clause(key=unique, label=_label([(lv, w, i) for lv, w, i, _ in path]), heading=heading,
                                        start=start, end=start, level=level, parent_key=parent))
        offset += len(line)
    if not found_clauses or text[:found_clauses[0].start].strip():
        first = found_clauses[0].start if found_clauses else len(text)
        found_clauses.insert(0, Clause(key="preamble", label="Mở đầu", heading="", start=0, end=first, level=-1))
    clauses = []
    for index, clause in enumerate(found_clauses):
        end = found_clauses[index + 1].start if index + 1 < len(found_clauses) else len(text)
        while end > clause.start and text[end - 1] in " \t\r\n":
            end -= 1
        clauses.append(Clause(key=clause.key, label=clause.label, heading=clause.heading, start=clause.start, end=end,
                              level=clause.level, parent_key=clause.parent_key))
    return clauses


def find_quote(clause_text: str, quote: str) -> int | None:
    """Where `quote` stands in the clause, ignoring differences of spacing; None when it is not there."""
    wanted = " ".join(quote.split())
    if not wanted:
        return None
    direct = clause_text.find(wanted)
    if direct >= 0:
        return direct
    pattern = r"\s+".join(re.escape(word) for word in wanted.split(" "))
    found = re.search(pattern, clause_text)
    return found.start() if found else None
