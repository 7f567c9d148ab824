"""`{% csrf_token %}` that also writes the form's one-time token (a template library every template loads: settings
TEMPLATES builtins). Every form that writes carries `{% csrf_token %}`, so every such form — in a page, in a fragment
that HTMX swaps in, in a template written later — carries a `form_token` too, and a double submit is answered once
(`mandate.web.pages._once`)."""
import uuid

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html

from mandate.web.pages import FORM_TOKEN

register = template.Library()


class GuardNode(CsrfTokenNode):
    def render(self, context):
        csrf = super().render(context)
        if not csrf:
            return csrf
        return csrf + format_html('<input type="hidden" name="{}" value="{}">', FORM_TOKEN, uuid.uuid4().hex)


@register.tag
def csrf_token(parser, token):
    return GuardNode()
