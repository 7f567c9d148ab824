"""Forms of the inspection pages. They parse names (units, people of the register, users, documents) picked from
suggestions, never ids or codes; the services decide, and their refusals land next to the fields they name."""
from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from mandate.core.text import fold
from mandate.documents.forms import DocumentField
from mandate.inspections import selectors
from mandate.inspections.models import CaseKind, DisciplineForm as Form, TeamRole
from mandate.inspections.steps import FILED_KINDS
from mandate.orgs.forms import UnitField, unit_from_code
from mandate.orgs.models import Unit
from mandate.personnel.models import Person
from mandate.tasks.forms import UserField
from mandate.web.forms import DateField, DateInput, PageForm


def person_pick(person: Person, *, shared: bool) -> str:
    """What a suggestion writes into the field: the name, with the birth date when two people share it."""
    return f"{person.full_name} — {date_format(person.birth_date, 'SHORT_DATE_FORMAT')}" if shared else person.full_name


class PersonField(forms.CharField):
    """A person of the register named by their full name (without diacritics), typed or picked from the suggestions;
    a name two people share is told apart by the birth date the suggestion adds."""

    picker_url_name = "inspections:person_search"
    viewer = None

    def prepare_value(self, value):
        return value.full_name if isinstance(value, Person) else value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        name, _sep, born = value.partition(" — ")
        found = selectors.people_named(viewer=self.viewer, name=name.strip())
        if born:
            found = [p for p in found if date_format(p.birth_date, "SHORT_DATE_FORMAT") == born.strip()]
        if len(found) == 1:
            return found[0]
        if found:
            raise ValidationError(_("Several people of the register are named “%(name)s”: pick one from the suggestions."),
                                  params={"name": value[:80]}, code="ambiguous_person")
        raise ValidationError(_("No person of the register that you may name is called “%(name)s”."),
                              params={"name": value[:80]}, code="unknown_person")


class PeopleField(forms.CharField):
    """Several people of the register, by name, separated by commas or new lines."""

    viewer = None

    def to_python(self, value):
        value = super().to_python(value) or ""
        one = PersonField()
        one.viewer = self.viewer
        return [one.to_python(piece.strip()) for piece in value.replace("\n", ",").split(",") if piece.strip()]


class TargetUnitField(UnitField):
    """A party organization: one in force today, or one since merged or dissolved (still a valid target), by name."""

    def to_python(self, value):
        value = forms.CharField.to_python(self, value)
        if not value:
            return None
        try:
            return unit_from_code(value)
        except ValidationError:
            named = [unit for unit in Unit.objects.filter(search_name__contains=fold(value.split(" — ")[0]))[:20]
                     if fold(unit.name) == fold(value.split(" — ")[0])]
            if len(named) == 1:
                return named[0]
            raise


def _choices(pairs, blank=True):
    return ([("", "—")] if blank else []) + list(pairs)


class CaseForm(PageForm):
    kind = forms.ChoiceField(choices=CaseKind.choices, label=_("Kind of case"))
    body = UnitField(label=_("Body that conducts it"), help_text=_("The inspection commission, or the committee itself."))
    title = forms.CharField(required=False, max_length=500, label=_("Title"))
    subject = forms.CharField(required=False, label=_("Subject matter"), widget=forms.Textarea(attrs={"rows": 3}))
    target_unit = TargetUnitField(required=False, label=_("Party organization inspected"),
                                  help_text=_("Also one since merged or dissolved."))
    target_person = PersonField(required=False, label=_("Party member inspected"))
    opened_on = DateField(label=_("Decided or received on"), widget=DateInput())
    deadline = DateField(required=False, label=_("Deadline"), widget=DateInput(),
                         help_text=_("A denunciation's is counted in working days: leave it empty."))
    directive = DocumentField(required=False, label=_("Directive supervised"),
                              help_text=_("A supervision from the start of a directive: its number."))
    filer_name = forms.CharField(required=False, max_length=255, label=_("Complainant or denouncer"))
    filer_address = forms.CharField(required=False, max_length=500, label=_("Their address"))
    new_evidence = forms.CharField(required=False, label=_("New evidence (a repeated denunciation)"),
                                   widget=forms.Textarea(attrs={"rows": 2}))
    contested = forms.ModelChoiceField(queryset=None, required=False, label=_("Disciplinary decision complained of"))
    decision_received_on = DateField(required=False, label=_("The complainant received the decision on"), widget=DateInput())
    programme_item = forms.ModelChoiceField(queryset=None, required=False, label=_("Item of the programme it carries out"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, viewer=user, **kwargs)
        self.fields["contested"].queryset = selectors.disciplines_list(user=user).filter(state="in_force")
        self.fields["contested"].label_from_instance = lambda d: f"{d.document.number_text} — {d.target_person or d.target_unit}"
        self.fields["programme_item"].queryset = (selectors.ProgrammeItem.objects
                                                  .filter(programme__in=selectors.programmes_list(user=user).values("pk"))
                                                  .select_related("programme"))
        self.fields["programme_item"].label_from_instance = lambda i: f"{i.programme.document.number_text} · {i.position}. {i.subject}"[:120]


class StepForm(PageForm):
    step = forms.ChoiceField(choices=(), label=_("Step"))
    done_on = DateField(label=_("Done on"), widget=DateInput())
    note = forms.CharField(required=False, label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))
    document = DocumentField(required=False, label=_("Registered document of the step"))
    document_title = forms.CharField(required=False, max_length=500, label=_("or the title of the document to register now"))
    team_head = PersonField(required=False, label=_("Team head"))
    team_members = PeopleField(required=False, label=_("Team members"), help_text=_("Names separated by commas."))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(step.code, step.label) for step in steps]

    def team(self) -> list[tuple[Person, str]]:
        data = self.cleaned_data
        head = [(data["team_head"], TeamRole.HEAD)] if data.get("team_head") else []
        return head + [(person, TeamRole.MEMBER) for person in data.get("team_members") or []]


class ExtendForm(PageForm):
    working_days = forms.IntegerField(min_value=1, max_value=30, label=_("Working days more (at most 30)"))
    reason = forms.CharField(required=False, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    denouncer_informed_on = DateField(required=False, label=_("The denouncer was informed on"), widget=DateInput())
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DeclineForm(PageForm):
    on = DateField(label=_("Decided on"), widget=DateInput())
    reason = forms.CharField(required=False, label=_("Why it is not handled"), widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


OUTCOMES = [("kept", _("Keep the discipline")), ("changed", _("Change the discipline")), ("annulled", _("Annul the discipline"))]
RECOMMENDATION_ROWS = 3


class ConcludeForm(PageForm):
    done_on = DateField(label=_("Notice issued on"), widget=DateInput())
    notice_title = forms.CharField(required=False, max_length=500, label=_("Title of the notice of conclusion"))
    findings = forms.CharField(required=False, label=_("Findings (seen only by the case's body)"),
                               widget=forms.Textarea(attrs={"rows": 4}))
    signer = forms.CharField(required=False, max_length=255, label=_("Signed by"))
    outcome = forms.ChoiceField(required=False, choices=_choices(OUTCOMES), label=_("A complaint ends by"))
    new_form = forms.ChoiceField(required=False, choices=_choices(Form.choices), label=_("Changed to the form"))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RecommendationForm(PageForm):
    """One recommendation: the task its lead unit receives (the six clears; the notice is its authority)."""

    title = forms.CharField(required=False, max_length=500, label=_("Recommendation (clear work)"))
    lead_unit = UnitField(required=False, label=_("Lead unit (clear responsibility)"))
    leader = UserField(required=False, label=_("Leader in charge (clear person)"))
    product = forms.CharField(required=False, max_length=500, label=_("Product (clear product)"))
    deadline = DateField(required=False, label=_("Deadline (clear time)"), widget=DateInput())

    def filled(self) -> bool:
        return any((self.data.get(self.add_prefix(name)) or "").strip() for name in self.fields)


class ProgrammeForm(PageForm):
    body = UnitField(label=_("Body adopting it"))
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    title = forms.CharField(required=False, max_length=500, label=_("Title"))
    issued_on = DateField(label=_("Adopted on"), widget=DateInput())
    signer = forms.CharField(required=False, max_length=255, label=_("Signed by"))


ITEM_ROWS = 5
PLANNED_KINDS = [(value, label) for value, label in CaseKind.choices if value not in FILED_KINDS]


class ItemForm(PageForm):
    kind = forms.ChoiceField(required=False, choices=_choices(PLANNED_KINDS), label=_("Kind"))
    subject = forms.CharField(required=False, max_length=1000, label=_("Subject matter"))
    target_unit = TargetUnitField(required=False, label=_("Party organization"))
    target_person = PersonField(required=False, label=_("or party member"))
    lead_body = UnitField(required=False, label=_("Lead body"))
    quarter = forms.TypedChoiceField(required=False, coerce=int, empty_value=None,
                                     choices=[("", "—"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")], label=_("Quarter"))
    period = forms.CharField(required=False, max_length=64, label=_("Period examined"))

    def filled(self) -> bool:
        return any((self.data.get(self.add_prefix(name)) or "").strip() for name in ("kind", "subject", "target_unit", "target_person"))


class DisciplineForm(PageForm):
    body = UnitField(label=_("Deciding body"))
    form = forms.ChoiceField(choices=Form.choices, label=_("Form of discipline"))
    target_unit = TargetUnitField(required=False, label=_("Party organization disciplined"))
    target_person = PersonField(required=False, label=_("or party member disciplined"))
    violation = forms.CharField(required=False, label=_("Violation"), widget=forms.Textarea(attrs={"rows": 3}))
    violation_on = DateField(label=_("Violation committed on"), widget=DateInput())
    later_violation_on = DateField(required=False, label=_("A new violation on (restarts the limitation)"), widget=DateInput())
    decided_on = DateField(label=_("Decided on"), widget=DateInput())
    document_title = forms.CharField(required=False, max_length=500, label=_("Title of the decision to register"))
