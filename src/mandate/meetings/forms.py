"""Forms of the meeting pages. They only parse (rows are picked among the meeting's own); the services decide, and
their refusals land next to the fields they name, with the fields' labels, in the reader's language."""
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mandate.core.errors import DomainError
from mandate.core.ids import query_id
from mandate.documents.uploads import uploaded_text
from mandate.meetings.models import Attendance, DelegateRole, Disposition, DraftClause, Meeting, OpinionKind
from mandate.orgs.forms import UnitField
from mandate.tasks.forms import UserField, VersionedForm
from mandate.web.forms import DateField, DateInput, PageForm, reason_text


def _from_domain(error: DomainError) -> ValidationError:
    return ValidationError([reason_text(item) for item in error.errors] or [error.message])


class _RowChoice(forms.ModelChoiceField):
    """A row of this meeting (a delegate, a group) chosen by its id."""

    def __init__(self, *, missing, **kwargs):
        super().__init__(queryset=None, required=False, error_messages={"invalid_choice": missing}, **kwargs)


class _RowsChoice(forms.ModelMultipleChoiceField):
    def __init__(self, *, missing, **kwargs):
        super().__init__(queryset=None, required=False,
                         error_messages={"invalid_choice": missing, "invalid_pk_value": missing}, **kwargs)


NO_DELEGATE = _("no such delegate in this meeting")
NO_GROUP = _("no such group in this meeting")


class MeetingForm(PageForm):
    body = UnitField(label=_("Body that meets"))
    number = forms.IntegerField(required=False, label=_("Ordinal (e.g. 2 for the second conference)"))
    title = forms.CharField(required=False, max_length=500, label=_("Title"))
    starts_on = DateField(label=_("First day"), widget=DateInput())
    ends_on = DateField(required=False, label=_("Last day"), widget=DateInput())
    place = forms.CharField(required=False, max_length=300, label=_("Place"))
    extended = forms.BooleanField(required=False, label=_("Extended: invited guests take part"))


class _OfMeeting(PageForm):
    """A form about one meeting: its choices of rows are the meeting's rows."""

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        for field in self.fields.values():
            if isinstance(field, (_RowChoice, _RowsChoice)):
                field.queryset = getattr(meeting, field.rows).all()


def _rows(field, rows: str):
    field.rows = rows
    return field


class DelegateForm(_OfMeeting):
    user = UserField(required=False, label=_("User (for a delegate who signs in)"))
    name = forms.CharField(required=False, max_length=300, label=_("Name (for a guest)"))
    position = forms.CharField(required=False, max_length=300, label=_("Position"))
    unit = UnitField(required=False, label=_("Unit"))
    role = forms.ChoiceField(required=False, choices=DelegateRole.choices, initial=DelegateRole.DELEGATE, label=_("Role"))
    group = _rows(_RowChoice(missing=NO_GROUP, label=_("Group")), "groups")

    def clean_role(self):
        return self.cleaned_data["role"] or DelegateRole.DELEGATE


class GroupForm(_OfMeeting):
    field_aliases = {"number": "name"}

    name = forms.CharField(required=False, max_length=200, label=_("Name"))
    place = forms.CharField(required=False, max_length=300, label=_("Place"))
    leader = _rows(_RowChoice(missing=NO_DELEGATE, label=_("Group leader")), "delegates")
    secretary = _rows(_RowChoice(missing=NO_DELEGATE, label=_("Secretary")), "delegates")
    members = _rows(_RowsChoice(missing=NO_DELEGATE, label=_("Members")), "delegates")


class DelegateUpdateForm(_OfMeeting):
    """The row of the delegates' table: attendance and group (each changed only when the row sends it)."""

    attendance = forms.ChoiceField(required=False, choices=Attendance.choices, label=_("Attendance"))
    note = forms.CharField(required=False, max_length=500, label=_("Note"))
    group = _rows(_RowChoice(missing=NO_GROUP, label=_("Group")), "groups")


class _DraftText(_OfMeeting):
    """A draft pasted in `text_field`, or read from its uploaded Word, PDF or text file."""

    text_field = "text"
    file = forms.FileField(required=False, label=_("…or the draft's file (.docx, .pdf, .txt)"))

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            try:
                data[self.text_field] = uploaded_text(upload)
            except DomainError as error:
                self.add_error("file", _from_domain(error))
        return data


class ItemForm(_DraftText):
    field_aliases = {"text": "draft_text"}
    text_field = "draft_text"

    title = forms.CharField(required=False, max_length=500, label=_("Title"))
    presenter = forms.CharField(required=False, max_length=300, label=_("Presented by"))
    draft_title = forms.CharField(required=False, max_length=500, label=_("Draft title (when the item carries a draft)"))
    draft_text = forms.CharField(required=False, strip=False, label=_("Draft text"))


class VersionForm(_DraftText):
    field_aliases = {"item": "text"}

    text = forms.CharField(required=False, strip=False, label=_("Text of the new version"))
    note = forms.CharField(required=False, max_length=500, label=_("Note"))
    taken_in = _rows(_RowsChoice(missing=_("no such opinion on this item"),
                                 label=_("Accepted opinions this version takes in")), "opinions")

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["taken_in"].queryset = self.meeting.opinions.filter(item=item)


class OpinionForm(_OfMeeting):
    """Whose opinion (`me`, `group:<id>`, `delegate:<id>`), on which clause, of which kind, saying what."""

    field_aliases = {"delegate": "author", "group": "author", "item": "text", "meeting": "text"}

    author = forms.CharField(required=False, label=_("Whose opinion"))
    clause = forms.ModelChoiceField(queryset=None, required=False, label=_("Clause"),
                                    error_messages={"invalid_choice": _("no such clause in this draft")})
    kind = forms.ChoiceField(required=False, choices=OpinionKind.choices, label=_("Kind"))
    quote = forms.CharField(required=False, max_length=1000, label=_("Words of the clause you mean (optional)"))
    text = forms.CharField(required=False, label=_("Your opinion"))
    proposal = forms.CharField(required=False, label=_("Proposed wording (optional)"))

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause"].queryset = DraftClause.objects.filter(version__draft__item=item).select_related("version")

    def clean_author(self):
        """(delegate, group): neither for one's own opinion; the permission decides whose one may give."""
        kind, _sep, pk = (self.cleaned_data["author"] or "me").partition(":")
        if kind not in ("delegate", "group"):
            return None, None
        rows, missing = (self.meeting.delegates, NO_DELEGATE) if kind == "delegate" else (self.meeting.groups, NO_GROUP)
        row = rows.filter(pk=query_id(pk, otherwise=0)).first()
        if row is None:
            raise ValidationError(missing, code="unknown")
        return (row, None) if kind == "delegate" else (None, row)


class ResponseForm(VersionedForm):
    """`version` is the opinion's revision the response changes."""

    disposition = forms.ChoiceField(required=False, choices=Disposition.choices, label=_("Response"))
    explanation = forms.CharField(required=False, label=_("Explanation"))
    responder = forms.CharField(required=False, max_length=300, label=_("Responder"))
    query = forms.CharField(required=False)
