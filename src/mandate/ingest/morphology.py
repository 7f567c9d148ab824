"""Russian and Ukrainian word forms from pymorphy3's dictionaries (OpenCorpora; the Ukrainian VESUM).

The reader asks three questions of a word: is it an infinitive (the action after a dative lead,
"Департаменту строительства обеспечить"), can it be a dative (the lead itself), and is it a finite verb
of the present or future ("Члены комитета принимают участие"). The dictionaries are the PyPI packages
pymorphy3-dicts-ru and pymorphy3-dicts-uk, installed with the project: nothing is fetched at run time.
Each analyser is loaded on first use (about 0.3 s for Russian, 0.2 s for Ukrainian on an idle core) and
every answer is cached.  A word the dictionary does not know — and every word when pymorphy3 is not
installed — gets None, and the caller falls back to the suffix rules.
"""
from __future__ import annotations

from functools import lru_cache

_ANALYSERS: dict[str, object] = {}
_FUNCTION_WORD = frozenset({"PREP", "CONJ", "PRCL", "prep", "conj", "part"})
_NOMINAL = frozenset({"NOUN", "ADJF", "NPRO", "NUMR", "PRTF", "noun", "adj", "adjp", "numr", "pron"})
_MISSING = object()


def _analyser(language: str):
    found = _ANALYSERS.get(language)
    if found is None:
        try:
            import pymorphy3
            found = pymorphy3.MorphAnalyzer(lang=language)
        except Exception:  # not installed, or its dictionary is missing: the suffix rules answer
            found = _MISSING
        _ANALYSERS[language] = found
    return None if found is _MISSING else found


@lru_cache(maxsize=65536)
def _parses(word: str, language: str) -> tuple[frozenset[str], ...] | None:
    """The grammemes of each dictionary reading of the word; None for an unknown word or no analyser."""
    if language not in ("ru", "uk"):
        return None
    analyser = _analyser(language)
    if analyser is None:
        return None
    readings = []
    for parse in analyser.parse(word.lower()):
        if not parse.is_known:
            return None
        readings.append(frozenset(parse.tag.grammemes))
    return tuple(readings) or None


def is_infinitive(word: str, language: str) -> bool | None:
    readings = _parses(word, language)
    if readings is None:
        return None
    # Ukrainian marks an infinitive as VERB + infn; a few verbs lack the mark ("надавати"): their -ти/-ть ending says it
    if any("INFN" in r or "infn" in r for r in readings):
        return True
    return (language == "uk" and all("VERB" in r for r in readings)
            and word.lower().endswith(("ти", "тися", "тись", "ть")))


def can_be_dative(word: str, language: str) -> bool | None:
    if len(word) < 3:
        return None  # "в", "к": the dictionary also knows them as abbreviations in every case
    readings = _parses(word, language)
    if readings is None:
        return None
    if any(r & _FUNCTION_WORD for r in readings):
        return False
    return any("datv" in r and r & _NOMINAL for r in readings)


def is_present_finite(word: str, language: str) -> bool | None:
    """A verb in the present or the future tense, third person ("принимают", "забезпечує", "проведут")."""
    readings = _parses(word, language)
    if readings is None:
        return None
    return any(("VERB" in r) and ("3per" in r) and ("past" not in r) for r in readings) and not any(
        "NOUN" in r or "ADJF" in r for r in readings
    )


def noun_phrase_case(word: str, language: str) -> frozenset[str] | None:
    """The cases in which the word can stand as a noun, an adjective or a participle ("влада" → {nomn}); None
    when the dictionary does not know it; empty for a verb, a preposition or an adverb."""
    readings = _parses(word, language)
    if readings is None:
        return None
    if any(r & _FUNCTION_WORD for r in readings):
        return frozenset()  # "до" is also a musical note in the dictionary
    return frozenset(g for r in readings if r & _NOMINAL for g in r & _CASES)


_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct"})


def is_adjective(word: str, language: str) -> bool:
    """Every reading an adjective or a participle in the nominative ("місцева", "районні", "управляющие")."""
    readings = _parses(word, language)
    return bool(readings) and all(r & {"ADJF", "PRTF"} for r in readings) and any("nomn" in r for r in readings)
