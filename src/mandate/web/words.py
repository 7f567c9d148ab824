"""Template filters every page may use without loading them (settings TEMPLATES "builtins")."""
from django import template

from mandate.core.text import shorten

register = template.Library()


@register.filter(name="shorten")
def shorten_filter(value, limit: int) -> str:
    """`value` cut at a word to at most `limit` characters, with '…' when something was left out (never mid-word,
    as `truncatechars` cuts)."""
    return shorten(str(value or ""), int(limit))
