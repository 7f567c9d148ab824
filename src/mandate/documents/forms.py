"""Forms of the register pages."""
from django import forms
from django.utils.translation import get_language, gettext_lazy as _

from mandate.core.secrecy import Secrecy
from mandate.web.forms import DateField, DateInput, PageForm, PickerForm
from mandate.documents.models import Document, RelationKind
from mandate.documents.numbering import TYPE_NAMES
from mandate.documents.selectors import documents_named
from mandate.orgs.forms import UnitField

RELATION_ROWS = 3


class DocumentField(forms.CharField):
    """A document named by its number ("02-CT/TW") or words of its title, without diacritics, typed or picked from the
    suggestions of the documents the form's `viewer` may know of (`documents.selectors.documents_named`)."""

    picker_url_name = "document_search"
    viewer = None

    def prepare_value(self, value):
        return value.number_text if isinstance(value, Document) else value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        found = documents_named(user=self.viewer, text=value, limit=2)
        if len(found) == 1:
            return found[0]
        if found:
            raise forms.ValidationError(_("Several documents match “%(text)s”: pick one from the suggestions."),
                                        params={"text": value[:80]}, code="ambiguous_document")
        raise forms.ValidationError(_("No document that you may see has the number or title “%(text)s”."),
                                    params={"text": value[:80]}, code="unknown_document")

RELATION_LABELS = {
    "implements": _("implements"),
    "guides": _("guides"),
    "amends": _("amends"),
    "replaces": _("replaces"),
    "cites": _("cites"),
}


def type_name(code: str) -> str:
    """A document type's name as the reader's pages write it ("Kế hoạch", in English "Plan"); the code if unknown."""
    names = TYPE_NAMES.get(code or "")
    if not names:
        return code
    return names[1] if (get_language() or "vi").startswith("en") else names[0]


def type_choices(blank_label) -> list[tuple[str, str]]:
    """Type codes with their names in the reader's language."""
    english = (get_language() or "vi").startswith("en")
    return [("", blank_label)] + [(code, f"{code} — {names[1] if english else names[0]}") for code, names in TYPE_NAMES.items()]


class DocumentFilterForm(PickerForm):
    q = forms.CharField(required=False, max_length=200, label=_("Number or title"))
    type = forms.ChoiceField(required=False, label=_("Type"))
    issuing_unit = UnitField(required=False, label=_("Issuing unit"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = type_choices(_("All types"))


class DocumentRegisterForm(PageForm):
    issuing_unit = UnitField(label=_("Issuing unit"))
    type = forms.ChoiceField(required=False, label=_("Type"))
    issued_on = DateField(label=_("Issued on"), widget=DateInput())
    number = forms.CharField(required=False, max_length=80, label=_("Number"),
                             help_text=_("Empty: the next number of the issuer's sequence."))
    title = forms.CharField(required=False, max_length=500, label=_("Title (excerpt)"))
    signer = forms.CharField(required=False, max_length=255, label=_("Signed by"))
    text = forms.CharField(required=False, label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
    secrecy = forms.TypedChoiceField(required=False, choices=Secrecy.choices, coerce=int, empty_value=Secrecy.NONE,
                                     initial=Secrecy.NONE, label=_("Secrecy"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = type_choices("—")
        kinds = [("", "—")] + [(kind, RELATION_LABELS[kind]) for kind in RelationKind.values]
        self.field_aliases = {}
        for index in range(RELATION_ROWS):
            self.fields[f"relation_kind_{index}"] = forms.ChoiceField(required=False, choices=kinds, label=_("Relation"))
            self.fields[f"relation_number_{index}"] = forms.CharField(required=False, max_length=80, label=_("Document number"))
            self.fields[f"relation_date_{index}"] = DateField(required=False, label=_("of date"), widget=DateInput())
            for name in ("target_number", "target", "kind", "number"):
                self.field_aliases[f"relations.{index}.{name}"] = f"relation_number_{index}"
            self.field_aliases[f"relations.{index}"] = f"relation_number_{index}"

    def relation_rows(self):
        return [(self[f"relation_kind_{i}"], self[f"relation_number_{i}"], self[f"relation_date_{i}"]) for i in range(RELATION_ROWS)]

    def clean(self):
        data = super().clean()
        for index in range(RELATION_ROWS):
            kind, number = data.get(f"relation_kind_{index}"), data.get(f"relation_number_{index}")
            if number and not kind:
                self.add_error(f"relation_kind_{index}", _("Say how this document relates to it."))
            if kind and not number:
                self.add_error(f"relation_number_{index}", _("Give the number of the related document."))
        return data
