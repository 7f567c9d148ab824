from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label=_("Words to find"))
    group = forms.ChoiceField(required=False, label=_("Look in"), choices=[
        ("", _("Everything")), ("documents", _("Documents")), ("tasks", _("Tasks")), ("meetings", _("Meetings"))])
