"""Forms of the task pages. They only parse; the services decide, and their refusals land next to the fields."""
from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.core.ids import query_id
from mandate.web.forms import DateField, DateInput, PageForm, PickerForm, reason_text
from mandate.accounts.models import User
from mandate.accounts.selectors import people_named
from mandate.documents.selectors import documents_list
from mandate.orgs.forms import UnitField, UnitListField
from mandate.tasks.clears import Draft
from mandate.tasks.status import DEPRECATED_STATUS_FILTERS

# The filters of `STATUS_FILTERS` a person picks from; an official total's name lists the tasks it counts
# ("within deadline" includes those due soon). "All" is the total of those assigned.
STATUS_CHOICES = [
    ("", _("All (not cancelled)")),
    ("overdue", _("Overdue")),
    ("due_soon", _("Due soon")),
    ("within_deadline", _("Within deadline")),
    ("completed_on_time", _("Completed on time")),
    ("completed_late", _("Completed late")),
    ("not_completed", _("Not completed")),
    ("completed", _("Completed")),
    ("cancelled", _("Cancelled")),
]

RECURRENCE_CHOICES = [
    ("", _("None: one deadline")),
    ("monthly", _("Monthly")),
    ("quarterly", _("Quarterly")),
    ("six-monthly", _("Six-monthly")),
    ("yearly", _("Yearly")),
]

DOCUMENT_CHOICES_SHOWN = 200


class AcceptsOldNames:
    """A form of a page's query string that still takes the deprecated names of its parameters and values
    (CHANGELOG.md), so that links and bookmarks made before keep working; the current name wins when both are given."""

    old_names: dict[str, str] = {}  # old parameter -> current parameter
    old_values: dict[str, dict[str, str]] = {}  # parameter -> {old value -> current value}

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            for old, current in self.old_names.items():
                if old in data and current not in data:
                    data[current] = data[old]
            for name, values in self.old_values.items():
                if data.get(name) in values:
                    data[name] = values[data[name]]
        super().__init__(data, *args, **kwargs)


class TaskFilterForm(AcceptsOldNames, PickerForm):
    """The task list's filters: the same as the API's."""

    old_values = {"status": DEPRECATED_STATUS_FILTERS}

    q = forms.CharField(required=False, max_length=200, label=_("Search"))
    status = forms.ChoiceField(required=False, choices=STATUS_CHOICES, label=_("Status"))
    lead_unit = UnitField(required=False, label=_("Lead unit"))
    subtree = forms.BooleanField(required=False, label=_("and the units below it"))
    document = forms.IntegerField(required=False, min_value=1, label=_("Document"), widget=forms.HiddenInput)
    deadline_from = DateField(required=False, label=_("Deadline from"), widget=DateInput())
    deadline_to = DateField(required=False, label=_("Deadline to"), widget=DateInput())
    # The period of a scorecard, so that every number of a scorecard opens the tasks behind it.
    assigned_from = DateField(required=False, label=_("Assigned from"), widget=DateInput())
    assigned_to = DateField(required=False, label=_("Assigned to"), widget=DateInput())


class UserField(forms.CharField):
    """A person named by their full name (without diacritics), typed or picked from the suggestions, which show
    name, position and unit; a name two people share asks for a choice among the suggestions. People who left are
    not found (`accounts.selectors.people_current`); the form gives the `viewer` whose reach decides."""

    picker_url_name = "user_search"
    viewer = None

    def prepare_value(self, value):
        return (value.full_name or value.username) if isinstance(value, User) else value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        found = people_named(viewer=self.viewer, name=value)
        if len(found) == 1:
            return found[0]
        if found:
            raise forms.ValidationError(
                _("Several people are named “%(name)s”: pick one from the suggestions, which show each one's position and unit."),
                params={"name": value[:80]}, code="ambiguous_person")
        raise forms.ValidationError(_("No one who works here now is named “%(name)s”."), params={"name": value[:80]},
                                    code="unknown_person")


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, document) -> str:
        return f"{document.number_text} — {document.title}"[:120]


class TaskForm(PageForm):
    """Every clear is optional here so that the refusal can name each missing one."""

    document = DocumentChoiceField(queryset=None, required=False, label=_("Document giving the task (clear authority)"))
    title = forms.CharField(required=False, max_length=500, label=_("Task (clear work)"),
                            widget=forms.Textarea(attrs={"rows": 2}))
    description = forms.CharField(required=False, label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    lead_unit = UnitField(required=False, label=_("Lead unit (clear responsibility)"))
    coordinators = UnitListField(required=False, label=_("Coordinating units"),
                                 help_text=_("Unit names separated by commas; they only coordinate."))
    leader = UserField(required=False, label=_("Leader in charge (clear person)"))
    deadline = DateField(required=False, label=_("Deadline (clear time)"), widget=DateInput())
    recurrence = forms.ChoiceField(required=False, choices=RECURRENCE_CHOICES, label=_("or recurrence"))
    product = forms.CharField(required=False, max_length=500, label=_("Product (clear product)"),
                              help_text=_("What proves it done: a report submitted, a decision issued, a figure reached."))
    assigning_unit = UnitField(required=False, label=_("Assigning unit"),
                               help_text=_("Empty: the unit that issued the document."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, viewer=user, **kwargs)
        visible = documents_list(user=user)
        field = self.fields["document"]
        field.queryset = visible
        shown = list(visible[:DOCUMENT_CHOICES_SHOWN])
        chosen = query_id(str(self.data.get("document") or self.initial.get("document") or ""))
        if chosen and all(d.pk != chosen for d in shown):
            shown += list(visible.filter(pk=chosen))
        field.widget.choices = [("", "—")] + [(d.pk, field.label_from_instance(d)) for d in shown]

    def draft(self) -> Draft:
        """The values read so far, for the six-clears check; a field that could not be read counts as empty."""
        data = getattr(self, "cleaned_data", {})
        return Draft(leader=data.get("leader"), title=data.get("title") or "", deadline=data.get("deadline"),
                     recurrence=data.get("recurrence") or "", lead_unit=data.get("lead_unit"),
                     coordinators=tuple(data.get("coordinators") or ()), product=data.get("product") or "",
                     document=data.get("document"))


class VersionedForm(PageForm):
    """Carries the task version the person saw, so that a change by someone else is refused, not overwritten."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DelegateForm(VersionedForm):
    title = forms.CharField(required=False, max_length=500, label=_("Part to delegate (clear work)"))
    lead_unit = UnitField(required=False, label=_("Unit below (lead)"))
    leader = UserField(required=False, label=_("Leader in charge"))
    deadline = DateField(required=False, label=_("Deadline"), widget=DateInput(),
                               help_text=_("Empty: the task's own deadline."))
    product = forms.CharField(required=False, max_length=500, label=_("Product"))


class ProgressForm(VersionedForm):
    percent = forms.IntegerField(min_value=0, max_value=100, label=_("Progress (%)"))
    text = forms.CharField(required=False, label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))

    def add_domain_error(self, error) -> None:
        # The evidence input is not a form field (the files come from request.FILES): its refusals sit under it.
        self.evidence_errors = [reason_text(item) for item in error.errors if item.field == "files"]
        super().add_domain_error(error)


class TransitionForm(VersionedForm):
    name = forms.CharField(max_length=16, widget=forms.HiddenInput)
    reason = forms.CharField(required=False, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    field_aliases = {"transition": "reason"}


class ExtensionRequestForm(VersionedForm):
    requested_deadline = DateField(label=_("New deadline"), widget=DateInput())
    reason = forms.CharField(required=False, label=_("Why more time is needed"), widget=forms.Textarea(attrs={"rows": 2}))
    field_aliases = {"task": "reason"}


class ExtensionDecisionForm(VersionedForm):
    approve = forms.TypedChoiceField(choices=[("1", _("Approve")), ("0", _("Refuse"))], coerce=lambda v: v == "1")
    note = forms.CharField(required=False, label=_("Note (required when refusing)"),
                           widget=forms.Textarea(attrs={"rows": 2}))


class DashboardForm(PickerForm):
    unit = UnitField(required=False)
