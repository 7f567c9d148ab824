"""Forms of the reviews pages: they only parse; units are named by their names, with suggestions."""
from django import forms
from django.utils.translation import gettext, gettext_lazy as _

from mandate.monitoring.models import Comparison
from mandate.orgs.forms import UnitField, UnitListField
from mandate.reviews.points import KIND_OF_MEASURE, LESS_EACH, MEASURE_LABELS, MEASURES, TASK_POINTS
from mandate.reviews.models import DeadlineRule, Frequency, IndicatorGroup, Level, RatingPeriod, SubjectKind
from mandate.tasks.forms import UserField
from mandate.web.forms import DateField, DateInput, PageForm, PickerForm

PERIOD_HELP = _("e.g. 2025-06 (a month), 2025-Q2, 2024-H1, 2025 (a year), 2025-03-01..2025-04-10 (ad hoc)")
RATING_PERIOD_HELP = _("e.g. 2025-Q4 (a quarter), 2025 (a year), 2020-10-01..2025-09-30 (a term)")


DAYS = [(day, str(day)) for day in range(1, 29)]


class RegimeForm(PageForm):
    receiver = UnitField(label=_("Receiving committee"))
    title = forms.CharField(max_length=255, label=_("Title"))
    frequency = forms.ChoiceField(choices=Frequency.choices, initial=Frequency.QUARTERLY, label=_("How often"))
    window_start_day = forms.TypedChoiceField(choices=DAYS, coerce=int, initial=15, label=_("Data window starts on day"),
                                              help_text=_("15: from the 15th to the 14th, as Decree 09/2019 sets; 1: calendar months"))
    deadline_rule = forms.ChoiceField(choices=DeadlineRule.choices, label=_("Deadline"))
    deadline_day = forms.TypedChoiceField(choices=DAYS, coerce=int, initial=20, label=_("Due on day of the month"))
    working_days = forms.IntegerField(min_value=0, max_value=60, initial=3, label=_("Working days after the cut-off"))
    aggregating_levels = forms.IntegerField(min_value=0, max_value=5, initial=0, label=_("Levels that aggregate (3 working days each)"))
    reporters = UnitListField(label=_("Reporting units"), widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Their names, separated by commas or new lines"))
    contents = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("What the report must hold"))


class PeriodForm(PickerForm):
    period = forms.CharField(required=False, max_length=40, label=_("Period"), help_text=PERIOD_HELP)


class DraftForm(PageForm):
    unit = UnitField(label=_("Reporting unit"))
    period = forms.CharField(max_length=40, label=_("Period"), help_text=PERIOD_HELP)
    title = forms.CharField(required=False, max_length=500, label=_("Title"))


class NarrativeForm(PageForm):
    title = forms.CharField(max_length=500, label=_("Title"))
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}), label=_("General situation"))
    results = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}), label=_("Results"))
    shortcomings = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                   label=_("Shortcomings, limitations and their causes"))
    next_tasks = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                 label=_("Tasks and solutions for the next period"))
    proposals = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Proposals and recommendations"))


class IssueForm(PageForm):
    issued_on = DateField(required=False, label=_("Issued on"), widget=DateInput())
    signer = forms.CharField(required=False, max_length=255, label=_("Signer"))


class RatingScopeForm(PickerForm):
    organization = UnitField(required=False, label=_("Competent level"))
    period_kind = forms.ChoiceField(required=False, choices=RatingPeriod.choices, initial=RatingPeriod.YEAR, label=_("Rated per"))
    period = forms.CharField(required=False, max_length=40, label=_("Period"), help_text=RATING_PERIOD_HELP)
    subject_kind = forms.ChoiceField(required=False, choices=[("", _("Collectives and individuals")), *SubjectKind.choices],
                                     label=_("Who is rated"))


class SelfAssessmentForm(PageForm):
    subject_kind = forms.ChoiceField(choices=SubjectKind.choices, label=_("Who is rated"))
    unit = UnitField(label=_("Collective, or the person's unit"))
    organization = UnitField(label=_("Competent level"))
    person_name = forms.CharField(required=False, max_length=255, label=_("Person's full name"))
    person_position = forms.CharField(required=False, max_length=255, label=_("Position"))
    person = UserField(required=False, label=_("The person's account (their tasks as leader in charge)"))
    period_kind = forms.ChoiceField(choices=RatingPeriod.choices, initial=RatingPeriod.YEAR, label=_("Rated per"))
    period = forms.CharField(max_length=40, label=_("Period"), help_text=RATING_PERIOD_HELP)
    general_points = forms.DecimalField(min_value=0, max_value=30, decimal_places=2, label=_("General criteria (of 30 points)"))
    task_points = forms.DecimalField(required=False, min_value=0, max_value=70, decimal_places=2,
                                     label=_("Task results (of 70 points)"),
                                     help_text=_("Leave empty: prefilled from the period's scorecard and targets"))
    disciplined = forms.BooleanField(required=False, label=_("Disciplined in the period (the collective, its units or members)"))
    disqualified = forms.BooleanField(required=False, label=_("A disqualifying condition applies"))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Self-assessment"))


class AppraisalForm(PageForm):
    appraised_points = forms.DecimalField(min_value=0, max_value=100, decimal_places=2, label=_("Appraised points (of 100)"))
    level = forms.ChoiceField(required=False, choices=[("", _("The level the points reach")), *Level.choices],
                              label=_("Proposed level"))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Appraisal"))


class DecisionForm(PageForm):
    note = forms.CharField(required=False, max_length=2000, label=_("Decision note"))


class IndicatorSetForm(PageForm):
    owner = UnitField(label=_("Province"))
    title = forms.CharField(max_length=255, label=_("Title"))
    period_start = DateField(label=_("Period from"), widget=DateInput())
    period_end = DateField(label=_("Period to"), widget=DateInput())
    indicators = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label=_("Indicators, one a line"),
                                 help_text=_("group; name; ≥ or ≤; target; measure — e.g. online_rates; Fully-online "
                                             "service rate; ≥; 80; %"))

    def clean_indicators(self):
        signs = {"≥": Comparison.AT_LEAST, ">=": Comparison.AT_LEAST, "≤": Comparison.AT_MOST, "<=": Comparison.AT_MOST,
                 "=": Comparison.EQUAL}
        rows = []
        for number, line in enumerate(self.cleaned_data["indicators"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(";")]
            if len(parts) < 4:
                raise forms.ValidationError(_("Line %(n)s: write group; name; ≥ or ≤; target; measure."), params={"n": number})
            group = next((value for value, label in IndicatorGroup.choices if parts[0] in (value, str(label))), parts[0])
            rows.append({"group": group, "name": parts[1], "comparison": signs.get(parts[2], parts[2]),
                         "target": parts[3].replace(",", "."), "measure": parts[4] if len(parts) > 4 else ""})
        return rows


class IndicatorValueForm(PageForm):
    unit = UnitField(label=_("Commune"))
    indicator = forms.CharField(max_length=255, label=_("Indicator"))
    value = forms.DecimalField(max_digits=18, decimal_places=4, label=_("Reported value"))
    reported_on = DateField(required=False, label=_("Reported on"), widget=DateInput())


class RulesPickerForm(PickerForm):
    organization = UnitField(required=False, label=_("Committee"))


class RatingRulesForm(PageForm):
    """The committee's rules, one row a measure: a rate is worth a share of its points, a count loses points for each
    one; a measure given no points is left out."""

    def __init__(self, *args, rules: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        given = {item["measure"]: item for item in (rules or {}).get("task_points", [])}
        for measure in MEASURES:
            label = MEASURE_LABELS[measure]
            self.fields[f"{measure}_points"] = forms.DecimalField(
                required=False, min_value=0, max_value=TASK_POINTS, decimal_places=2,
                initial=given.get(measure, {}).get("points", 0), label=gettext("%(measure)s: points") % {"measure": label})
            if KIND_OF_MEASURE[measure] == LESS_EACH:
                self.fields[f"{measure}_each"] = forms.DecimalField(
                    required=False, min_value=0, max_value=TASK_POINTS, decimal_places=2,
                    initial=given.get(measure, {}).get("each", 0),
                    label=gettext("%(measure)s: points taken off for each one") % {"measure": label})

    def rules(self, data: dict) -> dict:
        """The rules the form holds, in the order of the measures; aliases put each rule's refusal by its row."""
        items, self.field_aliases = [], {}
        for measure in MEASURES:
            value = data.get(f"{measure}_points") or 0
            if not value:
                continue
            item = {"measure": measure, "kind": KIND_OF_MEASURE[measure], "points": str(value)}
            if item["kind"] == LESS_EACH:
                item["each"] = str(data.get(f"{measure}_each") or 0)
            items.append(item)
            where = f"task_points.{len(items)}"
            self.field_aliases.update({f"{where}.points": f"{measure}_points", f"{where}.each": f"{measure}_each",
                                       f"{where}.measure": f"{measure}_points", f"{where}.kind": f"{measure}_points"})
        return {"task_points": items}
