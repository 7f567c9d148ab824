"""Unit pickers: a unit is named by its name or picked from the suggestions; its code, which never changes and never
returns to another unit, is what is kept."""
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mandate.web.forms import PickerForm
from mandate.core import clock
from mandate.core.errors import NotFound
from mandate.core.text import fold
from mandate.orgs.models import Unit
from mandate.orgs.selectors import unit_get, unit_parent, units_list


def unit_from_code(value: str) -> Unit:
    """A unit by its name (without diacritics: "viet tri" finds Việt Trì) when one unit in force today bears it, or
    by its code (links and bookmarks). A picked suggestion arrives as the name, or as "name — parent's name" when two
    units share the name (`orgs.selectors.unit_picks`)."""
    typed = value.strip()
    first, _sep, parent = typed.partition(" — ")
    try:
        return unit_get(code=first.strip())
    except NotFound:
        pass
    today = clock.today()
    found = list(units_list(as_of=today, q=first.strip())[:20])
    named = [unit for unit in found if fold(unit.name) == fold(first)]
    if len(named) > 1 and parent:
        named = [unit for unit in named if (up := unit_parent(unit=unit, as_of=today)) and fold(up.name) == fold(parent)]
    if len(named) == 1 or len(found) == 1:
        return (named or found)[0]
    if found:
        raise ValidationError(_("Several units match “%(name)s”: pick one from the suggestions."),
                              params={"name": typed[:80]}, code="ambiguous_unit")
    raise ValidationError(_("No unit is named or coded “%(code)s”."), params={"code": typed[:80]}, code="unknown_unit")


def unit_shown(value):
    """What a unit field shows: the unit's name for a unit or a code (a link's `?lead_unit=25.TU`), else the text."""
    if isinstance(value, Unit):
        return value.name
    if isinstance(value, str) and value and " " not in value.strip():
        unit = Unit.objects.filter(code=value.strip()).first()
        if unit is not None:
            return unit.name
    return value


class UnitField(forms.CharField):
    """A unit's name (or code) typed, or picked from the suggestions."""

    picker_url_name = "unit_search"

    def prepare_value(self, value):
        return unit_shown(value)

    def to_python(self, value):
        value = super().to_python(value)
        return unit_from_code(value) if value else None


class UnitListField(forms.CharField):
    """Several units, by name or code, separated by commas, semicolons or new lines (codes also by spaces)."""

    def to_python(self, value):
        value = super().to_python(value)
        units = []
        for piece in (piece.strip() for piece in re.split(r"[,;\n]+", value or "")):
            if not piece:
                continue
            try:
                units.append(unit_from_code(piece))
            except ValidationError:
                if not re.search(r"\s", piece):
                    raise
                units.extend(unit_from_code(code) for code in piece.split())
        return units


class UnitTreeForm(PickerForm):
    root = UnitField(required=False, label=_("Unit"))
    q = forms.CharField(required=False, label=_("Find a province"), max_length=100)
    depth = forms.TypedChoiceField(required=False, coerce=int, empty_value=2, initial=2, label=_("Depth"),
                                   choices=[(1, "1"), (2, "2"), (3, "3")])
