"""Matching an assignee phrase to a unit of the registry.

`UnitMatcher` is built from plain tuples ``(code, name, aliases, province_code)`` so the
reader stays free of Django; the management command builds it from the database.
Phrases are normalised before fuzzy matching: Vietnamese abbreviations are expanded
("UBND tỉnh" → "ủy ban nhân dân tỉnh"), Russian and Ukrainian case endings are cut to a
stem ("Оргкомитету провинциального комитета" ≈ "Оргкомитет провинциальный комитет").
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mandate.core.text import fold_words


# Folded abbreviation → folded expansion; applied word by word on folded text.
_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubkt": "uy ban kiem tra",
    "ubmttq": "uy ban mat tran to quoc",
    "mttq": "mat tran to quoc",
    "tc": "to chuc",
    "tg": "tuyen giao",
    "dv": "dan van",
    "tgdv": "tuyen giao va dan van",
    "vp": "van phong",
    "tu": "tinh uy",
    "hu": "huyen uy",
    "qu": "quan uy",
    "tw": "trung uong",
    "bch": "ban chap hanh",
    "btv": "ban thuong vu",
    "khdt": "ke hoach va dau tu",
    "tnmt": "tai nguyen va moi truong",
    "gddt": "giao duc va dao tao",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "gtvt": "giao thong van tai",
    "nnptnt": "nong nghiep va phat trien nong thon",
    "vhttdl": "van hoa the thao va du lich",
    "tttt": "thong tin va truyen thong",
    "khcn": "khoa hoc va cong nghe",
    "qlda": "quan ly du an",
    "oblast": "provinc",
    "оргкомитет": "организационн комитет",
    "обком": "провинциальн комитет партии",
    "горком": "городск комитет партии",
}
_ENDINGS = re.compile(
    r"(?:ами|ями|ого|его|ому|ему|ыми|ими|ой|ей|ая|яя|ое|ее|ые|ие|ых|их|ым|им|ам|ям|ах|ях|ов|ев|ом|ем|"
    r"ові|еві|ою|ею|ій|ої|ів|іх|а|я|у|ю|ы|и|і|е|о|ь)$"
)


def normalise(phrase: str) -> str:
    """Folded, abbreviations expanded, Cyrillic words cut to their stems."""
    words = []
    for word in fold_words(phrase).split():
        expansion = _ABBREVIATIONS.get(word)
        if expansion:
            words.extend(expansion.split())
        elif re.match(r"[а-яёіїєґ]", word) and len(word) > 4:
            words.append(_ENDINGS.sub("", word))
        else:
            words.append(word)
    return " ".join(words)


@dataclass(frozen=True)
class UnitEntry:
    code: str
    name: str
    aliases: tuple[str, ...]
    province_code: str | None


class UnitMatcher:
    """Best unit for an assignee phrase: ``match(phrase) -> (code | None, confidence, candidates)``."""

    def __init__(self, units: Iterable[tuple[str, str, Sequence[str], str | None]], *,
                 province: str | None = None, threshold: float = 80.0, limit: int = 5) -> None:
        self.entries = [UnitEntry(code, name, tuple(aliases or ()), province_code)
                        for code, name, aliases, province_code in units]
        self.province = province
        self.threshold = threshold
        self.limit = limit
        self._choices: list[str] = []
        self._owners: list[UnitEntry] = []
        for entry in self.entries:
            for label in (entry.name, *entry.aliases):
                self._choices.append(normalise(label))
                self._owners.append(entry)
        # The home province's labels are searched on their own too: "Ban Tổ chức Tỉnh ủy" scores
        # the same against all 86 provinces' committees, and a global top-N may leave the home one out.
        self._home = [i for i, owner in enumerate(self._owners) if province and owner.province_code == province]
        self._home_choices = [self._choices[i] for i in self._home]

    def match(self, phrase: str) -> tuple[str | None, float, list[tuple[str, float]]]:
        from rapidfuzz import fuzz, process  # deferred: the reader runs without a matcher too

        query = normalise(phrase)
        if not query or not self._choices:
            return None, 0.0, []
        scored = process.extract(query, self._choices, scorer=fuzz.token_set_ratio, limit=self.limit * 4)
        if self._home_choices:
            scored += [(choice, score, self._home[index]) for choice, score, index in
                       process.extract(query, self._home_choices, scorer=fuzz.token_set_ratio, limit=self.limit)]
        best: dict[str, float] = {}
        for _choice, score, index in scored:
            entry = self._owners[index]
            score = self._adjust(score, query, self._choices[index], entry)
            best[entry.code] = max(best.get(entry.code, 0.0), score)
        candidates = sorted(best.items(), key=lambda item: -item[1])[: self.limit]
        code, score = candidates[0]
        # Equal best scores for two units ("UBND tỉnh" with no province given) is no answer: the
        # candidates let a person choose rather than the first of a tie being taken as the match.
        tied = len(candidates) > 1 and candidates[1][1] == score
        confidence = round(min(score, 100.0) / 100, 3)
        candidates = [(c, round(min(s, 100.0) / 100, 3)) for c, s in candidates]
        return (code if score >= self.threshold and not tied else None), confidence, candidates

    def _adjust(self, score: float, query: str, choice: str, entry: UnitEntry) -> float:
        # token_set_ratio gives 100 to any subset ("sở" ⊂ "sở y tế"): weigh in the length ratio.
        from rapidfuzz import fuzz

        score = 0.7 * score + 0.3 * fuzz.ratio(query, choice)
        if self.province and entry.province_code == self.province:
            score += 5  # ranks the home province first; confidence is capped at 1.0 later
        return score
