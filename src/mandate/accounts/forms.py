"""The forms of the administration pages: a unit or a person is typed by name and picked from the suggestions."""
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mandate.accounts.administration import UNIT_KINDS_ADDED
from mandate.accounts.models import Role
from mandate.core import clock
from mandate.core.errors import NotFound
from mandate.core.secrecy import Secrecy
from mandate.core.text import fold
from mandate.orgs.forms import UnitField, UnitListField
from mandate.orgs.models import UnitKind
from mandate.orgs.selectors import unit_get, units_list
from mandate.web.forms import DateField, DateInput, PageForm

class UnitNameField(UnitField):
    """A unit typed by its name (or picked from the suggestions, which send its code): the one unit open today with
    that name, diacritics and case aside; a name two units share asks for the suggestion to be picked."""

    def to_python(self, value):
        value = forms.CharField.to_python(self, value)
        if not value:
            return None
        typed = value.split(" — ")[0].strip()
        try:
            return unit_get(code=typed)
        except NotFound:
            pass
        same = [unit for unit in units_list(as_of=clock.today(), q=typed)[:50] if fold(unit.name) == fold(typed)]
        if len(same) == 1:
            return same[0]
        if same:
            raise ValidationError(_("Several units are named “%(name)s”: pick one from the suggestions."),
                                  params={"name": typed}, code="ambiguous_unit")
        raise ValidationError(_("No unit is named “%(name)s”."), params={"name": typed}, code="unknown_unit")


ROLE_CHOICES = [(role, _(label)) for role, label in Role.choices]


class StaffForm(PageForm):
    full_name = forms.CharField(label=_("Full name"), max_length=255)
    username = forms.CharField(label=_("User name"), max_length=150)
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    position = forms.CharField(label=_("Position"), max_length=255, required=False)
    password = forms.CharField(label=_("Password"), required=False, widget=forms.PasswordInput(render_value=True),
                               help_text=_("Empty: the person sets it from the link e-mailed to them."))
    clearance = forms.TypedChoiceField(label=_("Clearance"), coerce=int, initial=Secrecy.NONE,
                                       choices=[(value, _(label)) for value, label in Secrecy.choices])
    unit = UnitNameField(label=_("Unit"))
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, initial=Role.SPECIALIST)


class RoleForm(PageForm):
    unit = UnitNameField(label=_("Unit"))
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, initial=Role.SPECIALIST)


class PasswordSetForm(PageForm):
    password = forms.CharField(label=_("Temporary password"), required=False, widget=forms.PasswordInput,
                               help_text=_("Empty: a link to set a new password is e-mailed to the person."))


class UnitAddForm(PageForm):
    parent = UnitNameField(label=_("Under the unit"))
    name = forms.CharField(label=_("Name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=64, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[(kind, _(UnitKind(kind).label)) for kind in UNIT_KINDS_ADDED],
                             initial=UnitKind.DEPARTMENT)
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    valid_to = forms.DateField(label=_("Valid until"), required=False, widget=DateInput(),
                               help_text=_("Empty: until a reorganization closes it."))


class DaysListField(forms.CharField):
    """Whole numbers of days separated by commas ("7, 3, 1")."""

    def to_python(self, value):
        value = super().to_python(value)
        parts = [part for part in re.split(r"[,;\s]+", value or "") if part]
        if not all(part.isdigit() for part in parts):
            raise ValidationError(_("Give whole numbers of days separated by commas, e.g. 7, 3, 1."), code="days")
        return [int(part) for part in parts] or None


class AlertsForm(PageForm):
    unit = UnitNameField(label=_("Unit"))
    warning_days = forms.IntegerField(label=_("Due soon within (days)"), required=False, min_value=0, max_value=365,
                                      help_text=_("Empty: the default of the house."))
    reminder_days = DaysListField(label=_("Remind days before the deadline"), required=False, max_length=60,
                                  help_text=_("Empty: 7, 3, 1."))
    escalate_after_days = forms.IntegerField(label=_("Tell the superior after (days overdue)"), required=False,
                                             min_value=0, max_value=365, help_text=_("Empty: 7."))
    below = forms.BooleanField(label=_("and every unit below it"), required=False)


class DelegationForm(PageForm):
    from_unit = UnitNameField(label=_("Delegating unit"))
    to_unit = UnitNameField(label=_("Receiving unit"))
    roles = forms.MultipleChoiceField(label=_("Roles"), widget=forms.CheckboxSelectMultiple,
                                      choices=[choice for choice in ROLE_CHOICES if choice[0] != Role.SYSTEM_ADMIN])


class ClusterForm(PageForm):
    code = forms.CharField(label=_("Code"), max_length=64)
    name = forms.CharField(label=_("Name"), max_length=255)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    members = UnitListField(label=_("Member units"), help_text=_("Unit names separated by commas."))


class CalendarDayForm(PageForm):
    day = DateField(label=_("Day"))
    working = forms.TypedChoiceField(label=_("The day is"), coerce=lambda value: value == "1",
                                     choices=[("0", _("a day off")), ("1", _("a working day"))], initial="0")
    reason = forms.CharField(label=_("Reason"), max_length=255,
                             help_text=_("The notice that decides it, e.g. “Thông báo 6150/TB-BLĐTBXH”."))
