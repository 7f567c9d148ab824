"""The forms of the cadre pages: a person, a post, a unit and a decision are typed by name (or number) and picked
from the suggestions, never asked for by code or id."""
from django import forms
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from mandate.core import clock
from mandate.core.text import fold
from mandate.documents.models import Document
from mandate.orgs.forms import UnitField
from mandate.personnel import selectors
from mandate.personnel.models import DisciplineForm, EventKind, HoldingKind, PoliticalTheory, Sex, StepKind
from mandate.personnel.titles import Title
from mandate.web.forms import DateField, PageForm


class PersonField(forms.CharField):
    """A cadre named by full name (without diacritics), or "name — year of birth" as the suggestions write it."""

    picker_url_name = "personnel:person_search"
    viewer = None

    def prepare_value(self, value):
        return selectors.person_pick(value) if hasattr(value, "birth_date") else value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        name, _sep, year = value.partition(" — ")
        found = list(selectors.people_search(user=self.viewer, q=name, limit=50))
        same = [p for p in found if fold(p.full_name) == fold(name) and (not year.strip() or str(p.birth_date.year) == year.strip())]
        if len(same) == 1 or (len(found) == 1 and not same):
            return (same or found)[0]
        if found:
            raise forms.ValidationError(_("Several people match “%(name)s”: pick one from the suggestions."),
                                        params={"name": value[:80]}, code="ambiguous_person")
        raise forms.ValidationError(_("No record that you may open is named “%(name)s”."), params={"name": value[:80]},
                                    code="unknown_person")


class PositionField(forms.CharField):
    """A post named by its title and unit ("Phó Chủ tịch UBND tỉnh — Ủy ban nhân dân tỉnh Phú Thọ"), as suggested."""

    picker_url_name = "personnel:position_search"
    viewer = None

    def prepare_value(self, value):
        return selectors.position_pick(value) if hasattr(value, "seats") else value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        title, _sep, unit = value.partition(" — ")
        found = selectors.positions_named(user=self.viewer, text=f"{title} {unit}", as_of=clock.today(), limit=20)
        exact = [p for p in found if fold(p.title) == fold(title) and (not unit or fold(p.unit.name) == fold(unit))]
        if len(exact) == 1 or (len(found) == 1 and not exact):
            return (exact or found)[0]
        if found:
            raise forms.ValidationError(_("Several posts match “%(name)s”: pick one from the suggestions."),
                                        params={"name": value[:80]}, code="ambiguous_position")
        raise forms.ValidationError(_("No open post is named “%(name)s”."), params={"name": value[:80]}, code="unknown_position")


class DecisionField(forms.CharField):
    """The decision an event rests on, by its number ("15-QĐ/TU") or words of its title."""

    picker_url_name = "personnel:decision_search"
    viewer = None

    def prepare_value(self, value):
        return value.number_text if isinstance(value, Document) else value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        found = selectors.decisions_named(user=self.viewer, text=value, limit=2)
        if len(found) == 1:
            return found[0]
        if found:
            raise forms.ValidationError(_("Several documents match “%(text)s”: pick one from the suggestions."),
                                        params={"text": value[:80]}, code="ambiguous_document")
        raise forms.ValidationError(_("No document that you may see has the number or title “%(text)s”."),
                                    params={"text": value[:80]}, code="unknown_document")


class PositionForm(PageForm):
    unit = UnitField(label=_("Unit"))
    kind = forms.ChoiceField(label=_("Standard title"), choices=Title.choices)
    title = forms.CharField(label=_("Title of the post"), max_length=255, required=False,
                            help_text=_("Empty: the standard title in Vietnamese."))
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=99, initial=1)
    managing_unit = UnitField(label=_("Committee that manages the post"), required=False,
                              help_text=_("Empty: the unit itself."))
    valid_from = DateField(label=_("Valid from"), required=False)


class PersonForm(PageForm):
    full_name = forms.CharField(label=_("Full name"), max_length=255)
    birth_date = DateField(label=_("Date of birth"))
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    kept_by = UnitField(label=_("Unit whose organization committee keeps the record"))
    home_province = forms.CharField(label=_("Home town (province)"), max_length=128, required=False)
    ethnicity = forms.CharField(label=_("Ethnicity"), max_length=64, required=False)
    party_joined_on = DateField(label=_("Joined the Party on"), required=False)
    party_full_member_on = DateField(label=_("Full Party member since"), required=False)
    education = forms.CharField(label=_("Education"), max_length=255, required=False)
    political_theory = forms.ChoiceField(label=_("Political theory"), choices=PoliticalTheory.choices, required=False)


class PersonCorrectForm(PageForm):
    """The record's own fields as form 2C writes them (the dossier's keeper and the account are not changed here)."""

    full_name = forms.CharField(label=_("Full name"), max_length=255)
    birth_date = DateField(label=_("Date of birth"))
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    home_province = forms.CharField(label=_("Home town (province)"), max_length=128, required=False)
    ethnicity = forms.CharField(label=_("Ethnicity"), max_length=64, required=False)
    party_joined_on = DateField(label=_("Joined the Party on"), required=False)
    party_full_member_on = DateField(label=_("Full Party member since"), required=False)
    education = forms.CharField(label=_("Education"), max_length=255, required=False)
    political_theory = forms.ChoiceField(label=_("Political theory"), choices=PoliticalTheory.choices, required=False)

    @classmethod
    def of(cls, person, **kwargs):
        return cls(initial={name: getattr(person, name) for name in cls.base_fields}, **kwargs)


class HoldingForm(PageForm):
    position = PositionField(label=_("Post"))
    kind = forms.ChoiceField(label=_("How it is held"), choices=HoldingKind.choices, initial=HoldingKind.OFFICIAL)
    starts_on = DateField(label=_("First day"))
    ends_on = DateField(label=_("Until (the day after the last)"), required=False)


class DisciplineRecordForm(PageForm):
    form = forms.ChoiceField(label=_("Form of discipline"), choices=DisciplineForm.choices)
    violation = forms.CharField(label=_("Violation"), widget=forms.Textarea(attrs={"rows": 2}))
    deciding_unit = UnitField(label=_("Deciding body"))
    decided_on = DateField(label=_("Decided on"))
    document = DecisionField(label=pgettext_lazy("personnel", "Decision"), required=False)


STEP_ROWS = 5


class EventForm(PageForm):
    kind = forms.ChoiceField(label=_("Event"), choices=EventKind.choices)
    person = PersonField(label=_("Cadre"))
    position = PositionField(label=_("Post it gives"), required=False)
    ends = PositionField(label=_("Post it ends"), required=False,
                         help_text=_("Dismissal, resignation, transfer or rotation from a post; a retirement ends every post."))
    holding_kind = forms.ChoiceField(label=_("How the post is held"), choices=[("", "—"), *HoldingKind.choices], required=False)
    document = DecisionField(label=pgettext_lazy("personnel", "Decision"))
    effective_on = DateField(label=_("Effective date"))
    dossier_received_on = DateField(label=_("Dossier received on"), required=False)
    ends_on = DateField(label=_("Until (secondment, acting post, suspension)"), required=False)
    internal = forms.TypedChoiceField(label=_("Candidate"), required=False, coerce=lambda v: {"1": True, "0": False}.get(v),
                                      empty_value=None, choices=[("", "—"), ("1", _("from inside the unit (five meetings)")),
                                                                 ("0", _("from outside the unit (three meetings)"))])
    votes_convened = forms.IntegerField(label=_("Convened (election)"), min_value=0, max_value=100_000, required=False)
    votes_present = forms.IntegerField(label=_("Present"), min_value=0, max_value=100_000, required=False)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=100_000, required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    # A refusal of the procedure sits beside the meeting it names ("steps.3"), or the first one.
    field_aliases = {"steps": "step1_kind", **{f"steps.{n}": f"step{n}_present" for n in range(1, 6)}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, STEP_ROWS + 1):
            self.fields[f"step{number}_kind"] = forms.ChoiceField(label=_("Meeting %(number)s") % {"number": number},
                                                                  choices=[("", "—"), *StepKind.choices], required=False)
            self.fields[f"step{number}_held_on"] = DateField(label=_("Held on"), required=False)
            self.fields[f"step{number}_convened"] = forms.IntegerField(label=_("Convened"), min_value=0, max_value=100_000, required=False)
            self.fields[f"step{number}_present"] = forms.IntegerField(label=_("Present"), min_value=0, max_value=100_000, required=False)
            self.fields[f"step{number}_votes_for"] = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=100_000, required=False)

    def step_rows(self):
        return [[self[f"step{number}_{part}"] for part in ("kind", "held_on", "convened", "present", "votes_for")]
                for number in range(1, STEP_ROWS + 1)]


class StaffingForm(PageForm):
    unit = UnitField(label=_("Unit"))
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2200)
    quota = forms.IntegerField(label=_("Staffing quota"), min_value=0, max_value=1_000_000, required=False)
    headcount = forms.IntegerField(label=_("Headcount"), min_value=0, max_value=1_000_000, required=False)
    protected = forms.IntegerField(label=_("Of whom cannot be made to leave"), min_value=0, max_value=1_000_000, required=False,
                                   initial=0)


class PlanningForm(PageForm):
    person = PersonField(label=_("Cadre"))
    position = PositionField(label=_("Post planned for"))
    added_on = DateField(label=_("In the pool from"))
    document = DecisionField(label=pgettext_lazy("personnel", "Decision"), required=False)
