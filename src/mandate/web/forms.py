"""What every page form shares: pickers, dates, and domain refusals shown next to the fields they name, in the reader's language."""
from django import forms
from django.urls import reverse
from django.utils.translation import get_language, gettext, gettext_lazy as _, gettext_noop

from mandate.core.dates import date_pattern
from mandate.core.errors import DomainError, FieldError

# Fixed reasons the services give; listed here so that they are translated (the catalogue keeps them).
KNOWN_REASONS = (
    gettext_noop("is required"),
    gettext_noop("clear person: name the leader in charge"),
    gettext_noop("clear work: say what must be done"),
    gettext_noop("clear time: give a deadline or a recurrence"),
    gettext_noop("clear time: the deadline is before the task is assigned"),
    gettext_noop("clear responsibility: name exactly one lead unit"),
    gettext_noop("clear responsibility: the lead unit cannot also coordinate"),
    gettext_noop("clear responsibility: a coordinator is named twice"),
    gettext_noop("clear product: say what proves the task done"),
    gettext_noop("clear authority: name the document that gives the task"),
    gettext_noop("must be a whole number from 0 to 100"),
    gettext_noop("is required: say what was done"),
    gettext_noop("is required: say why more time is needed"),
    gettext_noop("is required when refusing: say why"),
    gettext_noop("a recurring task has no deadline to extend"),
    gettext_noop("already has a request for more time waiting for a decision"),
    gettext_noop("a party document number needs a type code (N-TYPE/ISSUER)"),
    gettext_noop("You may not do this."),
    gettext_noop("Not found."),
    gettext_noop("is required: what the delegate says"),
    gettext_noop("is required when an opinion is explained or not accepted"),
    gettext_noop("is required for a guest who is not a user of the system"),
    gettext_noop("is required: the draft's text"),
)

CLEAR_LABELS = {
    "person": _("clear person"),
    "work": _("clear work"),
    "time": _("clear time"),
    "responsibility": _("clear responsibility"),
    "product": _("clear product"),
    "authority": _("clear authority"),
}


def reason_text(error: FieldError) -> str:
    """The reason in the reader's language when the catalogue knows it, else as the service wrote it."""
    if error.code == "stale":
        return str(_("Someone else changed this task meanwhile; reload the page to see their change."))
    translated = gettext(error.reason) if error.reason else error.reason
    # A required field whose reason the catalogue does not know, still in English (every translation of the house
    # carries letters outside ASCII): the generic reason in the reader's language.
    if translated == error.reason and error.code == "required" and translated.isascii() and get_language() != "en":
        return str(_("is required"))
    return translated


def clear_names(errors: list[FieldError]) -> list[str]:
    """The distinct clears named by `errors`, in the reader's language."""
    names = []
    for error in errors:
        key = error.code.removeprefix("clear_")
        if error.code.startswith("clear_") and CLEAR_LABELS[key] not in names:
            names.append(CLEAR_LABELS[key])
    return [str(name) for name in names]


def refusal_message(error: DomainError) -> str:
    """One sentence for the top of the form."""
    names = clear_names(error.errors)
    if names:
        return str(_("The task is not clear in: %(names)s.") % {"names": ", ".join(names)})
    # A stale edit (409) says whole that someone else changed it meanwhile and the page should be reloaded.
    if error.status == 403:
        return str(_("You may not do this: %(message)s") % {"message": gettext(error.message)})
    return gettext(error.message)


class PickerForm(forms.Form):
    """Fields that name a unit or a person get suggestions from a small HTMX endpoint as one types; a field that
    resolves what was typed within someone's reach (a person) is given the `viewer`."""

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if hasattr(field, "viewer"):
                field.viewer = viewer
            url_name = getattr(field, "picker_url_name", None)
            if url_name:
                field.widget.attrs.update({
                    "list": f"suggest-{self.prefix or 'f'}-{name}", "autocomplete": "off",
                    "hx-get": f"{reverse(url_name)}?field={self.add_prefix(name)}",
                    "hx-trigger": "input changed delay:300ms", "hx-target": f"#suggest-{self.prefix or 'f'}-{name}",
                    "hx-swap": "innerHTML", "hx-sync": "this:replace",
                    # Not the hx-select of a form it sits in (the delegation form selects #main from its answer):
                    # the suggestions are the whole answer.
                    "hx-select": "unset",
                })


class PageForm(PickerForm):
    """A form that also shows the domain's refusal: each reason next to the field it names."""

    # Domain field names that this form shows under another field.
    field_aliases: dict[str, str] = {}
    refused = False
    status = 200

    def submit(self, call):
        """`call(cleaned_data)` when the form is valid, and its result; otherwise (or when the service refuses) None,
        with `refused`, `status` and the reasons on the form."""
        if not self.is_valid():
            self.refused, self.status = True, 422
            self.refusal = str(_("Nothing was saved: correct what is marked below."))
            return None
        try:
            return call(self.cleaned_data)
        except DomainError as error:
            self.add_domain_error(error)
            self.refused, self.status = True, error.status
            return None

    def state(self) -> dict:
        """What a hand-laid template shows: the posted values, each field's reasons, and the reasons with their labels."""
        errors = {name: [str(reason) for reason in reasons] for name, reasons in self.errors.items()}
        labelled = [(str(self.fields[name].label) if name in self.fields else "", reasons)
                    for name, reasons in errors.items() if name != "__all__" or reasons != [getattr(self, "refusal", "")]]
        return {"errors": errors, "labelled": labelled, "values": self.data, "general": errors.get("__all__", []),
                "message": getattr(self, "refusal", "") or " ".join(errors.get("__all__", []))}

    def add_domain_error(self, error: DomainError) -> None:
        self.refusal = refusal_message(error)
        placed = False
        for item in error.errors:
            name = self.field_aliases.get(item.field, item.field.split(".")[0])
            if name in self.fields:
                self.add_error(name, reason_text(item))
                placed = True
        if not placed:
            self.add_error(None, self.refusal)


class DateInput(forms.DateInput):
    """A text field in the reader's format, not the browser's date picker (which writes mm/dd/yyyy in an English
    browser while the pages print dd/mm/yyyy)."""

    input_type = "text"

    def __init__(self, **kwargs):
        super().__init__(format=None, **kwargs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("placeholder", date_pattern())
        return context


class DateField(forms.DateField):
    """A date read in the reader's format; one that is not a date (31/02/2025) is refused saying what to write."""

    widget = DateInput

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            if error.code != "invalid":
                raise
            raise forms.ValidationError(
                _("“%(value)s” is not a date: write it as %(format)s"), code="invalid",
                params={"value": str(value)[:40], "format": date_pattern()}) from None
