"""Vietnamese document numbers: parse, validate, format and compare.

Two systems share one country:

* party documents (Regulation on party document format): ``N-TYPE/ISSUER``,
  e.g. ``02-KH/TU``, ``177-KL/TW``, ``9068-CV/BTCTW``;
* state documents (Decree 30/2020/NĐ-CP): ``N/TYPE-ISSUER`` (``1234/QĐ-UBND``),
  legal normative documents ``N/YYYY/TYPE-ISSUER`` (``42/2014/QĐ-TTg``) or
  ``N/YYYY/ISSUER`` (``202/2025/QH15``), and official letters with no type
  ``N/ISSUER-OFFICE`` (``567/UBND-VP``).

Texts copied through other languages write the same numbers in ASCII (``QD`` for
``QĐ``) or in Cyrillic (``КЛ/ТВ`` for ``KL/TW``); all spellings of one number
parse to equal values.  Pure module: no Django.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

System = Literal["party", "state"]


class NumberFormatError(ValueError):
    """The text is not a document number; the message says what is wrong."""


# Codes of Decree 30/2020/NĐ-CP (annex III) and of the party's document rules.
TYPE_NAMES: dict[str, tuple[str, str]] = {
    "NQ": ("Nghị quyết", "Resolution"),
    "QĐ": ("Quyết định", "Decision"),
    "QyĐ": ("Quy định", "Regulation"),
    "CT": ("Chỉ thị", "Directive"),
    "KL": ("Kết luận", "Conclusion"),
    "QC": ("Quy chế", "Working regulation"),
    "TB": ("Thông báo", "Notice"),
    "HD": ("Hướng dẫn", "Guidance"),
    "CTr": ("Chương trình", "Program"),
    "KH": ("Kế hoạch", "Plan"),
    "PA": ("Phương án", "Option"),
    "ĐA": ("Đề án", "Scheme"),
    "DA": ("Dự án", "Project"),
    "BC": ("Báo cáo", "Report"),
    "BB": ("Biên bản", "Minutes"),
    "TTr": ("Tờ trình", "Submission"),
    "CV": ("Công văn", "Official letter"),
    "CĐ": ("Công điện", "Telegram"),
    "GM": ("Giấy mời", "Invitation"),
    "NĐ": ("Nghị định", "Decree"),
    "TT": ("Thông tư", "Circular"),
    "TTLT": ("Thông tư liên tịch", "Joint circular"),
    "NQLT": ("Nghị quyết liên tịch", "Joint resolution"),
    "HDLT": ("Hướng dẫn liên tịch", "Joint guidance"),
    "HĐ": ("Hợp đồng", "Contract"),
    "BGN": ("Bản ghi nhớ", "Memorandum"),
    "BTT": ("Bản thỏa thuận", "Agreement"),
    "GUQ": ("Giấy ủy quyền", "Power of attorney"),
    "GGT": ("Giấy giới thiệu", "Letter of introduction"),
    "GNP": ("Giấy nghỉ phép", "Leave permit"),
    "PG": ("Phiếu gửi", "Dispatch slip"),
    "PC": ("Phiếu chuyển", "Transfer slip"),
    "PB": ("Phiếu báo", "Notification slip"),
    "TC": ("Thư công", "Public letter"),
    "L": ("Luật", "Law"),
    "PL": ("Pháp lệnh", "Ordinance"),
    "SL": ("Sắc lệnh", "Edict"),
}

# Issuers whose canonical spelling has a Đ or mixed case; other issuers are kept as
# written (after look-alike letters are read as Latin).
KNOWN_ISSUERS: tuple[str, ...] = (
    "TW", "TU", "TTg", "CP", "VPCP", "UBND", "HĐND", "VPUBND", "UBMTTQ", "MTTQ",
    "BCĐTW", "BCĐ", "BTCTW", "BTGTW", "BTGDVTW", "BDVTW", "BNCTW", "UBKTTW", "VPTW",
    "ĐU", "ĐUK", "ĐĐ", "HU", "QU", "TU", "BCS", "BCSĐ", "ĐĐCP", "QH", "UBTVQH",
    "BKHĐT", "SKHĐT", "BTC", "BCT", "BNV", "BCA", "BQP", "BYT", "BTP", "BXD", "BGTVT",
    "BGDĐT", "BTNMT", "BNNPTNT", "BNNMT", "BLĐTBXH", "BTTTT", "BKHCN", "BVHTTDL",
    "NHNN", "TTCP", "KTNN", "TANDTC", "VKSNDTC", "SGDĐT", "SNV", "STC", "SXD",
    "SNNPTNT", "SLĐTBXH", "STNMT", "SYT", "STP", "SVHTTDL", "SCT", "SGTVT",
    "SKHCN", "STTTT", "BTCTU", "BTGTU", "UBKTTU", "VPTU", "BDVTU", "BNCTU",
)

_DIGRAPHS = ("QyĐ", "CTr", "TTr", "TTg")

_CODE = r"[^\W\d_]\w*"  # a code starts with a letter: "UBTVQH15", never "15"
_PARTY = re.compile(rf"(\d+)-([^\W\d_]+)/({_CODE})")
_STATE_YEAR = re.compile(rf"(\d+)/(\d{{4}})/({_CODE})(?:-({_CODE}))?(?:-({_CODE}(?:-{_CODE})*))?")
_STATE = re.compile(rf"(\d+)/({_CODE})(?:-({_CODE}(?:-{_CODE})*))?")
_PREFIX = re.compile(r"^(?:số|so|no\.?|№|n°|nr\.?)\s*:?\s*", re.IGNORECASE)

# Cyrillic letters as the Latin ones they stand for.  The first option is the
# look-alike (В looks like B), the others are how translators transliterate the
# Vietnamese letter (Trung ương → TW is written ТВ; Quyết → К...).
_CYRILLIC: dict[str, tuple[str, ...]] = {
    "А": ("A",), "Б": ("B",), "В": ("B", "W", "V"), "Г": ("G",), "Д": ("D", "Đ"),
    "Е": ("E",), "Ё": ("E",), "Ж": ("J",), "З": ("Z",), "И": ("I",), "Й": ("Y",),
    "І": ("I",), "Ї": ("I",), "Є": ("E",), "К": ("K", "Q"), "Л": ("L",), "М": ("M",),
    "Н": ("H", "N"), "О": ("O",), "П": ("P",), "Р": ("P", "R"), "С": ("C", "S"),
    "Т": ("T",), "У": ("Y", "U"), "Ф": ("PH",), "Х": ("X", "H", "KH"), "Ц": ("C",),
    "Ч": ("CH",), "Ш": ("S",), "Ы": ("Y",), "Э": ("E",), "Ю": ("U",), "Я": ("A",),
    "Ґ": ("G",),
}


def fold_code(code: str) -> str:
    """Comparison form of a code: Đ→D, no accents, upper case (``QĐ`` == ``qd``)."""
    text = unicodedata.normalize("NFKD", code.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c)).upper()


_TYPES_BY_FOLD: dict[str, str] = {}
for _code in TYPE_NAMES:
    _TYPES_BY_FOLD.setdefault(fold_code(_code), _code)
# ASCII "DA" and "HD" are codes of their own (project, guidance): they win the fold.
_TYPES_BY_FOLD["DA"] = "DA"
_TYPES_BY_FOLD["HD"] = "HD"
_ISSUERS_BY_FOLD: dict[str, str] = {fold_code(c): c for c in KNOWN_ISSUERS}


def _latin_options(code: str) -> list[str]:
    """Every Latin reading of a code that may contain Cyrillic letters."""
    parts = [_CYRILLIC.get(ch.upper(), (ch,)) if _is_cyrillic(ch) else (ch,) for ch in code]
    readings = []
    for combo in itertools.islice(itertools.product(*parts), 256):
        readings.append("".join(combo))
    return readings


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _has_cyrillic(code: str) -> bool:
    return any(_is_cyrillic(ch) for ch in code)


def _restore_case(code: str) -> str:
    """``TTG`` → ``TTg``, ``QYĐ`` → ``QyĐ``: mixed-case codes come back when shouted."""
    for digraph in _DIGRAPHS:
        if code.upper() == digraph.upper():
            return digraph
    return code


def canonical_type(code: str) -> str | None:
    """The canonical spelling of a type code, or None when it is not a type code."""
    code = unicodedata.normalize("NFC", code.strip())
    for reading in _latin_options(code) if _has_cyrillic(code) else [code]:
        found = _TYPES_BY_FOLD.get(fold_code(reading))
        if found is not None:
            if fold_code(found) == "DA" and reading.upper() == "ĐA":
                return "ĐA"
            if fold_code(found) == "HD" and reading.upper() == "HĐ":
                return "HĐ"
            return found
    return None


def canonical_issuer(code: str) -> str:
    """The canonical spelling of an issuer code (``BCDTW`` → ``BCĐTW``, ``ТВ`` → ``TW``)."""
    code = unicodedata.normalize("NFC", code.strip())
    readings = _latin_options(code) if _has_cyrillic(code) else [code]
    for reading in readings:
        found = _ISSUERS_BY_FOLD.get(fold_code(reading))
        if found is not None:
            return found
    # Unknown issuer: keep it as written, Cyrillic look-alikes read as Latin.
    return _restore_case(readings[0])


def canonical_code(code: str) -> str:
    """Normalise a type or an issuer code to the spelling the document system uses."""
    return canonical_type(code) or canonical_issuer(code)


@dataclass(frozen=True)
class DocumentNumber:
    number: int
    type: str | None
    issuer: str
    year: int | None = None
    office: str | None = None
    system: System = "state"

    def __post_init__(self) -> None:
        if self.number <= 0:
            raise NumberFormatError(f"document number must be positive, got {self.number}")
        if not self.issuer:
            raise NumberFormatError("document number has no issuer code")
        if self.system == "party":
            if self.type is None:
                raise NumberFormatError("a party document number needs a type code (N-TYPE/ISSUER)")
            if self.year is not None or self.office is not None:
                raise NumberFormatError("a party document number carries neither a year nor an office")
        elif self.system != "state":
            raise NumberFormatError(f"unknown numbering system {self.system!r}")
        if self.type is not None and canonical_type(self.type) != self.type:
            raise NumberFormatError(f"unknown or non-canonical type code {self.type!r}")
        if self.year is not None and not 1945 <= self.year <= 2100:
            raise NumberFormatError(f"year {self.year} is out of range")
        if self.type is None and canonical_type(self.issuer):
            raise NumberFormatError(f"issuer {self.issuer!r} reads as a type code")
        if self.type is None and self.office is None and _split_joined(self.issuer):
            raise NumberFormatError(f"issuer {self.issuer!r} reads as a type code joined to an issuer")

    def format(self) -> str:
        """Canonical spelling; numbers below 10 get a leading zero, as both systems write them."""
        number = f"{self.number:02d}"
        if self.system == "party":
            return f"{number}-{self.type}/{self.issuer}"
        head = f"{number}/{self.year}/" if self.year is not None else f"{number}/"
        body = f"{self.type}-{self.issuer}" if self.type else self.issuer
        return head + body + (f"-{self.office}" if self.office else "")

    def key(self) -> tuple:
        """Folded comparison key: spellings of one number (``QD``/``QĐ``) share it."""
        return (
            self.system,
            self.number,
            fold_code(self.type or ""),
            fold_code(self.issuer),
            self.year,
            fold_code(self.office or ""),
        )

    def __str__(self) -> str:
        return self.format()


def _clean(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw).strip()
    text = _PREFIX.sub("", text)
    # Dashes of every width are the hyphen; spaces around separators are typing slips.
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s*([/-])\s*", r"\1", text)


def parse(raw: str) -> DocumentNumber:
    """Read a document number in any of its spellings; raise NumberFormatError if it is none."""
    if not isinstance(raw, str) or not raw.strip():
        raise NumberFormatError("empty document number")
    text = _clean(raw)
    if match := _PARTY.fullmatch(text):
        return _party(match)
    if match := _STATE_YEAR.fullmatch(text):
        return _state_with_year(match)
    if match := _STATE.fullmatch(text):
        return _state(match)
    raise NumberFormatError(_diagnose(text))


def _party(match: re.Match) -> DocumentNumber:
    number, type_code, issuer = match.groups()
    canonical = canonical_type(type_code)
    if canonical is None:
        raise NumberFormatError(f"unknown type code {type_code!r} in party number {match.group(0)!r}")
    return DocumentNumber(int(number), canonical, canonical_issuer(issuer), system="party")


def _split_joined(code: str) -> tuple[str, str] | None:
    """"QĐUBND" → ("QĐ", "UBND"): PDF text often loses the hyphen between type and issuer."""
    for length in range(min(4, len(code) - 1), 0, -1):
        head, tail = code[:length], code[length:]
        if canonical_type(head) and fold_code(tail) in _ISSUERS_BY_FOLD:
            return head, tail
    return None


def _state_with_year(match: re.Match) -> DocumentNumber:
    number, year, first, second, rest = match.groups()
    if second is None and (joined := _split_joined(first)):
        first, second = joined
    type_code = canonical_type(first) if second else None
    if type_code is not None:
        issuer, office = second, rest
    else:
        issuer, office = first, "-".join(p for p in (second, rest) if p) or None
    return DocumentNumber(int(number), type_code, canonical_issuer(issuer), int(year),
                          _office(office), "state")


def _state(match: re.Match) -> DocumentNumber:
    number, first, tail = match.groups()
    if tail is None and (joined := _split_joined(first)):
        first, tail = joined
    second, _, rest = (tail or "").partition("-")
    type_code = canonical_type(first) if second else None
    if type_code is not None:
        issuer, office = second, rest or None
    elif canonical_type(first) is not None:
        raise NumberFormatError(f"type code {first!r} without an issuer in {match.group(0)!r}")
    else:
        issuer, office = first, tail
    return DocumentNumber(int(number), type_code, canonical_issuer(issuer), None,
                          _office(office), "state")


def _office(office: str | None) -> str | None:
    if not office:
        return None
    return "-".join(canonical_issuer(part) for part in office.split("-") if part) or None


def _diagnose(text: str) -> str:
    if not re.match(r"\d", text):
        return f"{text!r} does not start with the document's serial number"
    if "/" not in text:
        return f"{text!r} has no '/' before the issuer code"
    if re.fullmatch(r"\d+/\d{4}/?", text):
        return f"{text!r} has a year but no issuer code"
    return f"{text!r} is neither N-TYPE/ISSUER (party) nor N/TYPE-ISSUER (state)"


_FIRST_DIGIT = re.compile(r"\d")


def number_key(number: DocumentNumber) -> str:
    """The folded key a document keeps beside its number (`Document.number_key`): spellings of one number share it."""
    return "|".join("" if part is None else str(part) for part in number.key())


def number_in(raw: str) -> DocumentNumber | None:
    """The document number in a number or in a cited phrase ("Kết luận số 177-KL/TW"); None when there is none."""
    if not raw:
        return None
    for candidate in (raw, raw[m.start():] if (m := _FIRST_DIGIT.search(raw)) else ""):
        try:
            return parse(candidate)
        except NumberFormatError:
            continue
    return None
