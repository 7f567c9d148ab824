"""Units and people named in a spreadsheet, matched by name without diacritics through ingest's `UnitMatcher`.

A name is taken only when the matcher is sure: its confidence reaches the threshold, the runner-up is at least
`MARGIN` behind, and the name says nothing the candidate's names do not (every word found in them, a typo apart). Otherwise the candidates are put to the person importing, never picked for them. A code or a
user name written as such, or a name that is exactly one unit's or person's (diacritics and case aside), is taken as
it is.
"""
import datetime as dt
from dataclasses import dataclass

from mandate.accounts.models import User
from django.db.models import Q
from rapidfuzz import fuzz

from mandate.accounts.permissions import WRITERS, is_system_admin, reach
from mandate.ingest.register import province_of
from mandate.ingest.units import UnitMatcher, normalise
from mandate.orgs.models import Unit
from mandate.orgs.selectors import territory_of, unit_subtree_ids

THRESHOLD = 0.8  # the matcher's confidence from which a name is taken
MARGIN = 0.05  # how far the runner-up must stand behind
WORD_RATIO = 80  # how alike a word of the sheet and a word of the name must be (a typo apart)
ASK_FLOOR = 0.7  # below this confidence a name is not put to the user: nothing of that name is known


@dataclass(frozen=True)
class Match:
    text: str
    chosen: str | None  # the code (unit) or user name (person) taken, or None: asked of the user, or unknown
    confidence: float
    candidates: tuple[tuple[str, str, float], ...]  # (code, name, confidence), best first

    def as_dict(self) -> dict:
        return {"text": self.text, "chosen": self.chosen, "confidence": self.confidence,
                "candidates": [list(c) for c in self.candidates]}


class Names:
    """One matcher over what the actor may name, with every phrase answered once (a sheet repeats its units)."""

    def __init__(self, entries: list[tuple[str, str, list[str], str | None]], *, province: str | None) -> None:
        self.names = {code: name for code, name, _aliases, _province in entries}
        self.exact = {code.casefold(): code for code in self.names}
        self.spelled: dict[str, set[str]] = {}  # a name as it is matched (folded, abbreviations expanded) → its codes
        self.words: dict[str, set[str]] = {}  # code → the words of its name and aliases
        for code, name, aliases, _province in entries:
            for label in (name, *aliases):
                self.spelled.setdefault(normalise(label), set()).add(code)
                self.words.setdefault(code, set()).update(normalise(label).split())
        self.matcher = UnitMatcher(entries, province=province, threshold=THRESHOLD * 100) if entries else None
        self._cache: dict[str, Match] = {}

    def match(self, text: str) -> Match:
        if text not in self._cache:
            self._cache[text] = self._match(text)
        return self._cache[text]

    def _match(self, text: str) -> Match:
        code = self.exact.get(text.strip().casefold())
        if code is not None:
            return Match(text, code, 1.0, ((code, self.names[code], 1.0),))
        spelled = self.spelled.get(normalise(text), set())
        if len(spelled) == 1:  # the name itself, diacritics or case aside: no other unit or person bears it
            code = next(iter(spelled))
            return Match(text, code, 1.0, ((code, self.names[code], 1.0),))
        if self.matcher is None:
            return Match(text, None, 0.0, ())
        chosen, confidence, candidates = self.matcher.match(text)
        named = tuple((c, self.names[c], score) for c, score in candidates)
        if chosen is not None and len(named) > 1 and named[0][2] - named[1][2] < MARGIN:
            chosen = None  # too close to the runner-up
        if chosen is not None and not self._covers(chosen, text):
            chosen = None  # "Tỉnh ủy Hà Nội" is not Phú Thọ's "Tỉnh ủy", however alike the rest
        return Match(text, chosen, confidence, named)

    def _covers(self, code: str, text: str) -> bool:
        """Every word of `text` is (near enough, a typo apart) a word of the unit's or person's names."""
        own = self.words.get(code, set())
        return all(word in own or any(fuzz.ratio(word, other) >= WORD_RATIO for other in own)
                   for word in normalise(text).split())


def assignable_units(*, user, as_of: dt.date):
    """The units `user` may name as lead unit or coordinator (tasks.permissions.can_assign_to): the territories
    (province, commune) of the units where they hold a writing role."""
    units = Unit.objects.valid_on(as_of)
    if is_system_admin(user):
        return units
    homes = Unit.objects.filter(memberships__user=user, memberships__role__in=WRITERS).distinct()
    territories = {territory.pk: territory for home in homes if (territory := territory_of(unit=home, as_of=as_of) or home)}
    within = Q(pk__in=[])
    for territory in territories.values():
        within |= Q(pk__in=unit_subtree_ids(unit=territory, as_of=as_of))
    return units.filter(within)


def names_of(units) -> Names:
    """The names of `units` to match a sheet's words against; a single province among them is the default place."""
    rows = list(units.values_list("code", "name", "short_name"))
    provinces = {province_of(code) for code, _n, _s in rows} - {None}
    return Names([(code, name, [short] if short else [], province_of(code)) for code, name, short in rows],
                 province=provinces.pop() if len(provinces) == 1 else None)


def reached_units(*, user, roles, as_of: dt.date):
    """The units in force on `as_of` that `user` reaches with one of `roles` (all of them for a system administrator)."""
    units = Unit.objects.valid_on(as_of)
    return units if is_system_admin(user) else units.filter(pk__in=reach(user, roles, as_of=as_of))


def unit_names(*, user, as_of: dt.date) -> Names:
    return names_of(assignable_units(user=user, as_of=as_of))


def people_names(*, user, as_of: dt.date) -> Names:
    """The people who may be named leader in charge: those holding a role in the units `user` may assign to."""
    units = assignable_units(user=user, as_of=as_of)
    people = User.objects.filter(is_active=True, memberships__unit__in=units).distinct()
    return Names([(username, full_name or username, [], None)
                  for username, full_name in people.values_list("username", "full_name")], province=None)
