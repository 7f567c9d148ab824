"""The form that prepares a reorganization; units are named by their codes, new units one per line."""
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mandate.web.forms import DateField, DateInput, PageForm
from mandate.orgs.forms import UnitField, UnitListField, unit_from_code
from mandate.orgs.models import ReorganizationKind, Tier, UnitKind
from mandate.reorganizations.selectors import RULES


class ReorganizationForm(PageForm):
    field_aliases = {"links": "predecessors", "unit": "predecessors", "reorganization": "kind"}

    kind = forms.ChoiceField(label=_("Kind"), choices=ReorganizationKind.choices)
    effective_on = DateField(label=_("Effective date"), widget=DateInput())
    basis = forms.IntegerField(label=_("Legal basis (document id)"), required=False, min_value=1)
    batch = forms.CharField(label=_("Batch"), required=False, max_length=64,
                            help_text=_("Events of one batch are applied together."))
    predecessors = UnitListField(label=_("Units it changes or closes (codes)"), required=False,
                                 widget=forms.TextInput(attrs={"placeholder": "25.UBND.SA, 25.UBND.SB"}))
    successors = forms.CharField(label=_("Successors (codes, existing or new)"), required=False, max_length=500)
    new_units = forms.CharField(label=_("New units"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("One per line: code | name | kind | tier | parent code"))
    new_name = forms.CharField(label=_("New name (rename)"), required=False, max_length=255)
    new_parent = UnitField(label=_("New parent (move)"), required=False)
    default_successor = forms.CharField(label=_("Default successor (split)"), required=False, max_length=64)
    rule = forms.ChoiceField(label=_("Rule (split)"), required=False, choices=[("", "—"), *[(r, _("territory")) for r in RULES]])
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_successors(self) -> list[str]:
        return [code for code in (self.cleaned_data.get("successors") or "").replace(";", ",").replace(" ", ",").split(",") if code]

    def clean_new_units(self) -> list[dict]:
        specs = []
        for number, line in enumerate((self.cleaned_data.get("new_units") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) < 4 or parts[2] not in UnitKind.values or parts[3] not in Tier.values:
                raise ValidationError(_("Line %(n)s: write code | name | kind | tier | parent code."), params={"n": number})
            specs.append({"code": parts[0], "name": parts[1], "kind": parts[2], "tier": parts[3],
                          "parent": unit_from_code(parts[4]) if len(parts) > 4 and parts[4] else None})
        return specs
