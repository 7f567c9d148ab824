"""Template filters every page may use without loading them (settings TEMPLATES "builtins")."""
from django import template

from mandate.core.dates import date_pattern
from mandate.core.text import shorten

register = template.Library()


@register.filter(name="shorten")
def shorten_filter(value, limit: int) -> str:
    """`value` cut at a word to at most `limit` characters, with '…' when something was left out (never mid-word,
    as `truncatechars` cuts)."""
    return shorten(str(value or ""), int(limit))


@register.simple_tag(name="date_pattern")
def date_pattern_tag() -> str:
    """How the reader's language writes a date (dd/mm/yyyy, dd.mm.yyyy): the placeholder of a date typed by hand."""
    return date_pattern()
