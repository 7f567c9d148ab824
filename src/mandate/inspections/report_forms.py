"""The form of the registers page: which period the report of the commission's work covers. It only parses."""
import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.inspections.models import CaseKind, CaseState, DisciplineForm
from mandate.orgs.models import Tier
from mandate.web.forms import PickerForm

PERIODS = (("q1", _("Quarter I")), ("q2", _("Quarter II")), ("q3", _("Quarter III")), ("q4", _("Quarter IV")),
           ("h1", _("First six months")), ("h2", _("Last six months")))


def last_quarter(today: dt.date) -> tuple[str, int]:
    """The last quarter ended by `today` ("q4" of the year before in its first quarter), with its year."""
    quarter = (today.month - 1) // 3
    return (f"q{quarter}", today.year) if quarter else ("q4", today.year - 1)


class ReportPeriodForm(PickerForm):
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        default, year = last_quarter(today)
        self.fields["period"].initial, self.fields["year"].initial = default, year

    def chosen(self) -> dict:
        """{"shape": quarter or half, "number", "year"}: what was asked, or the last quarter ended."""
        default, year = last_quarter(self.today)
        cleaned = self.cleaned_data if self.is_bound and self.is_valid() else {}
        code = cleaned.get("period") or default
        return {"shape": "quarter" if code[0] == "q" else "half", "number": int(code[1]), "code": code,
                "year": cleaned.get("year") or year}


class CaseRegisterForm(PickerForm):
    """The case register by kind and state (empty: every kind, every state)."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Every kind")), *CaseKind.choices]
        self.fields["state"].choices = [("", _("Every state")), *CaseState.choices]


class DisciplineRegisterForm(PickerForm):
    """The discipline register by form and by the level of the deciding body."""

    form = forms.ChoiceField(label=_("Form of discipline"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = [("", _("Every form")), *DisciplineForm.choices]
        self.fields["level"].choices = [("", _("Every level")), *Tier.choices]
