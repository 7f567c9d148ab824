"""Unit pickers: a unit is named by its code, which never changes and never returns to another unit."""
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mandate.web.forms import PickerForm
from mandate.core.errors import NotFound
from mandate.orgs.models import Unit
from mandate.orgs.selectors import unit_get


def unit_from_code(value: str) -> Unit:
    # A picked suggestion may arrive as "CODE — name"; the code is what counts.
    code = value.split(" — ")[0].strip()
    try:
        return unit_get(code=code)
    except NotFound:
        raise ValidationError(_("No unit has the code “%(code)s”."), params={"code": code}, code="unknown_unit") from None


class UnitField(forms.CharField):
    """A unit code typed or picked from the suggestions."""

    picker_url_name = "unit_search"

    def to_python(self, value):
        value = super().to_python(value)
        return unit_from_code(value) if value else None


class UnitListField(forms.CharField):
    """Several unit codes separated by commas, spaces or new lines."""

    def to_python(self, value):
        value = super().to_python(value)
        return [unit_from_code(code) for code in re.split(r"[,;\s]+", value or "") if code]


class UnitTreeForm(PickerForm):
    root = UnitField(required=False, label=_("Unit code"))
    q = forms.CharField(required=False, label=_("Find a province"), max_length=100)
    depth = forms.TypedChoiceField(required=False, coerce=int, empty_value=2, initial=2, label=_("Depth"),
                                   choices=[(1, "1"), (2, "2"), (3, "3")])
