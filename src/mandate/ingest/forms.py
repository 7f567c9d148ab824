"""Forms of the review page: the text to read, the document's header, and one row per reference and per task
(formsets). They only parse; the issuing service decides, and its refusals land on the row and field they name."""
import re

from django import forms
from django.utils.translation import gettext, gettext_lazy as _

from mandate.accounts.selectors import people_named
from mandate.core.errors import DomainError
from mandate.core.ids import query_number
from mandate.documents.models import RelationKind
from mandate.ingest import inputs
from mandate.orgs.forms import unit_from_code
from mandate.web.forms import DateField, PageForm

ROWS_AT_MOST = 500


def _code(value: str) -> str:
    """The code of the unit a field names: suggestions write its name (`orgs.forms.unit_from_code`); a text that names
    no unit is passed on as typed, for the service to refuse."""
    value = (value or "").strip()
    try:
        return unit_from_code(value).code if value else ""
    except forms.ValidationError:
        return value.split(" — ")[0].strip()


def _username(value: str) -> str:
    """The user name of the one person a leader field names (suggestions write a name, `tasks.forms.UserField`)."""
    value = (value or "").strip()
    found = people_named(viewer=None, name=value) if value else []
    if len(found) > 1:
        raise forms.ValidationError(
            _("Several people are named “%(name)s”: pick one from the suggestions, which show each one's position and unit."),
            params={"name": value[:80]}, code="ambiguous_person")
    return found[0].username if found else value


def _span(value: str) -> list[int] | None:
    start, _sep, end = (value or "").partition(":")
    start, end = query_number(start), query_number(end)
    return [start, end] if start is not None and end is not None else None


class ReadForm(PageForm):
    """Paste or upload, in which language, with which province winning ties: refused alike by the API and the page."""

    text = forms.CharField(required=False, strip=False, label=_("Text of the directive"))
    file = forms.FileField(required=False, label=_("File"))
    language = forms.CharField(required=False, label=_("Language"))
    province = forms.CharField(required=False, label=_("Province"))

    def clean(self):
        data = super().clean()
        # The language first: a scan is read by OCR in the language's model.
        for name, parse in (("language", lambda: inputs.reading_language(data.get("language"))),
                            ("text", lambda: inputs.directive_text(text=data.get("text"), upload=data.get("file"),
                                                                   language=data.get("language"))),
                            ("province", lambda: inputs.reading_province(data.get("province")))):
            try:
                data[name] = parse()
            except DomainError as error:
                for item in error.errors:  # the reason as the reader wrote it, in the page's language when known
                    self.add_error(item.field if item.field in self.fields else None, gettext(item.reason))
        return data


class HeaderForm(PageForm):
    issuing_unit = forms.CharField(required=False, label=_("Issuing unit"))
    type = forms.CharField(required=False, max_length=20, label=_("Type"))
    number = forms.CharField(required=False, max_length=100, label=_("Number"))
    issued_on = DateField(required=False, label=_("Date"))
    title = forms.CharField(required=False, label=_("Title"))

    def clean_issuing_unit(self):
        return _code(self.cleaned_data["issuing_unit"])


class ReferenceRowForm(forms.Form):
    keep = forms.BooleanField(required=False)
    raw = forms.CharField(required=False, strip=False)
    number = forms.CharField(required=False, label=_("Number"))
    kind = forms.ChoiceField(required=False, choices=RelationKind.choices, label=_("Relation"))
    issued_on = DateField(required=False, label=_("Date"))
    registered_id = forms.IntegerField(required=False, min_value=1)
    span = forms.CharField(required=False)

    def clean_kind(self):
        return self.cleaned_data["kind"] or RelationKind.CITES


class TaskRowForm(forms.Form):
    keep = forms.BooleanField(required=False)
    assignee = forms.CharField(required=False)
    title = forms.CharField(required=False, label=_("Task (clear work)"))
    lead_unit = forms.CharField(required=False, label=_("Lead unit (clear responsibility)"))
    coordinators = forms.CharField(required=False, label=_("Coordinating units"))
    leader = forms.CharField(required=False, label=_("Leader in charge (clear person)"))
    deadline = DateField(required=False, label=_("Deadline"))
    recurrence = forms.CharField(required=False, label=_("Recurrence"))
    deadline_raw = forms.CharField(required=False)
    product = forms.CharField(required=False, label=_("Product (clear product)"))
    span = forms.CharField(required=False)
    read_unit = forms.CharField(required=False)  # the unit the reader matched to the assignee as written
    sentence = forms.CharField(required=False)  # a missed task's sentence, picked from the text's ("start:end")

    def clean_lead_unit(self):
        return _code(self.cleaned_data["lead_unit"])

    def clean_leader(self):
        return _username(self.cleaned_data["leader"])

    def clean_coordinators(self):
        return [code for code in re.split(r"[,;\s]+", self.cleaned_data["coordinators"]) if code]


ReferenceRows = forms.formset_factory(ReferenceRowForm, extra=0, max_num=ROWS_AT_MOST, absolute_max=ROWS_AT_MOST)
TaskRows = forms.formset_factory(TaskRowForm, extra=0, max_num=ROWS_AT_MOST, absolute_max=ROWS_AT_MOST)


def rows_data(post, *, prefix: str, count_name: str):
    """The posted rows with a formset's management fields: the review posts `task_count` / `reference_count`
    (and keeps doing so, for the forms already open in a browser); every row is validated, none is an empty extra."""
    data = post.copy()
    count = post.get(count_name, "0")
    total = str(min(query_number(count, otherwise=0), ROWS_AT_MOST))
    data.setdefault(f"{prefix}-TOTAL_FORMS", total)
    data.setdefault(f"{prefix}-INITIAL_FORMS", data[f"{prefix}-TOTAL_FORMS"])
    return data


def row_errors(form) -> dict[str, list[str]]:
    return {name: [str(reason) for reason in reasons] for name, reasons in form.errors.items()}


def row_span(form, name: str) -> list[int] | None:
    """A posted "start:end" field of the row, as [start, end]."""
    return _span(form.data.get(form.add_prefix(name), ""))


def row_values(form, defaults: dict) -> dict:
    """What the row says: its parsed values, and for a field that did not parse, the default."""
    return {**defaults, **getattr(form, "cleaned_data", {}), "span": _span(form.data.get(form.add_prefix("span"), ""))}
