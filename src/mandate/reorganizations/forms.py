"""The form that prepares a reorganization: units named by their names with suggestions, as on every other form; a
new unit, one per line, is the only place a code is written, since a new unit needs its own."""
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mandate.core.text import fold
from mandate.documents.forms import DocumentField
from mandate.web.forms import DateField, DateInput, PageForm
from mandate.orgs.forms import UnitField, UnitListField, unit_from_code
from mandate.orgs.models import ReorganizationKind, Tier, UnitKind
from mandate.reorganizations.selectors import RULES


def _choice(value: str, choices) -> str | None:
    """A kind or tier written as its label in any language of the page, or as its stored value."""
    wanted = fold(value)
    for stored, label in choices:
        if wanted in (fold(stored), fold(str(label))):
            return stored
    return None


class SuccessorField(forms.CharField):
    """A successor: an existing unit by its name (with suggestions), or a new unit of the form by its code."""

    picker_url_name = "unit_search"


class ReorganizationForm(PageForm):
    field_aliases = {"links": "predecessors", "unit": "predecessors", "reorganization": "kind"}

    kind = forms.ChoiceField(label=_("Kind"), choices=ReorganizationKind.choices)
    effective_on = DateField(label=_("Effective date"), widget=DateInput())
    basis = DocumentField(label=_("Legal basis (number or title of the document)"), required=False)
    batch = forms.CharField(label=_("Batch"), required=False, max_length=64,
                            help_text=_("Events of one batch are applied together."))
    predecessors = UnitListField(label=_("Units it changes or closes"), required=False,
                                 help_text=_("Unit names separated by commas."))
    successors = forms.CharField(label=_("Successors"), required=False, max_length=500,
                                 help_text=_("Names of existing units, or codes of the new units below, separated by "
                                             "commas."))
    new_units = forms.CharField(label=_("New units"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("One per line: new code | name | kind | tier | name of the parent unit; "
                                            "kind and tier as the lists of units write them."))
    new_name = forms.CharField(label=_("New name (rename)"), required=False, max_length=255)
    new_parent = UnitField(label=_("New parent (move)"), required=False)
    default_successor = SuccessorField(label=_("Default successor (split)"), required=False, max_length=255)
    rule = forms.ChoiceField(label=_("Rule (split)"), required=False, choices=[("", "—"), *[(r, _("territory")) for r in RULES]])
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_new_units(self) -> list[dict]:
        specs = []
        for number, line in enumerate((self.cleaned_data.get("new_units") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            kind = _choice(parts[2], UnitKind.choices) if len(parts) > 2 else None
            tier = _choice(parts[3], Tier.choices) if len(parts) > 3 else None
            if len(parts) < 4 or kind is None or tier is None:
                raise ValidationError(_("Line %(n)s: write new code | name | kind | tier | name of the parent unit."),
                                      params={"n": number})
            specs.append({"code": parts[0], "name": parts[1], "kind": kind, "tier": tier,
                          "parent": unit_from_code(parts[4]) if len(parts) > 4 and parts[4] else None})
        return specs

    def clean(self):
        data = super().clean()
        planned = {spec["code"] for spec in data.get("new_units") or []}
        try:
            data["successors"] = [self._successor(piece, planned)
                                  for piece in re.split(r"[,;\n]+", data.get("successors") or "") if piece.strip()]
        except ValidationError as error:
            self.add_error("successors", error)
        try:
            chosen = (data.get("default_successor") or "").strip()
            data["default_successor"] = self._successor(chosen, planned) if chosen else ""
        except ValidationError as error:
            self.add_error("default_successor", error)
        return data

    @staticmethod
    def _successor(text: str, planned: set[str]) -> str:
        """The code the service keeps: a new unit's own, or the existing unit's named."""
        text = text.strip()
        return text if text in planned else unit_from_code(text).code
