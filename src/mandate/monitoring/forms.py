"""Forms of the monitoring pages: they only parse."""
from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.monitoring.models import Channel
from mandate.documents.forms import DocumentField
from mandate.web.forms import DateField, DateInput, PageForm, PickerForm
from mandate.orgs.forms import UnitField
from mandate.tasks.forms import AcceptsOldNames


class UnitScopeForm(PickerForm):
    """Which unit, with or without its subtree."""

    unit = UnitField(required=False, label=_("Unit"))
    subtree = forms.BooleanField(required=False, initial=True, label=_("and the units below it"))


class ScopeForm(AcceptsOldNames, UnitScopeForm):
    """Which unit, with or without its subtree, over which period of assignment: the task list's own names."""

    old_names = {"period_from": "assigned_from", "period_to": "assigned_to"}

    assigned_from = DateField(required=False, label=_("Assigned from"), widget=DateInput())
    assigned_to = DateField(required=False, label=_("Assigned to"), widget=DateInput())


class KpiScopeForm(UnitScopeForm):
    """Which unit, and the targets whose own period overlaps [period_from, period_to]."""

    period_from = DateField(required=False, label=_("Period from"), widget=DateInput())
    period_to = DateField(required=False, label=_("Period to"), widget=DateInput())


class LaggingForm(ScopeForm):
    min_overdue = forms.IntegerField(required=False, min_value=1, initial=1, label=_("At least this many overdue"))
    min_rate = forms.IntegerField(required=False, min_value=1, max_value=100, label=_("Or at least this percentage overdue"))
    level = forms.ChoiceField(required=False, label=_("Roll up to"), choices=[
        ("", _("Lead units")), ("province", _("Provinces")), ("commune", _("Communes"))])


class CascadeForm(PickerForm):
    document = DocumentField(label=_("Directive (number or title)"))
    level = forms.ChoiceField(label=_("Level"), choices=[("province", _("Provinces")), ("commune", _("Communes"))])
    within = UnitField(required=False, label=_("Within (unit)"))
    due = DateField(required=False, label=_("Implementing plans due by"), widget=DateInput())
    missing_only = forms.BooleanField(required=False, label=_("Only those that have not issued"))


class ReminderPreferenceForm(PageForm):
    """How the signed-in user receives the daily digest."""

    channel = forms.ChoiceField(choices=Channel.choices, widget=forms.RadioSelect, label=_("Daily digest"))
    digest_hour = forms.TypedChoiceField(choices=[(hour, f"{hour:02d}:00") for hour in range(24)], coerce=int,
                                         label=_("Send the e-mail at"))
