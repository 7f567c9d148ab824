"""Template context shared by every page."""
from django.http import HttpRequest

from mandate.core.dates import parse_as_of


def structure_date(request: HttpRequest) -> dict:
    return {"as_of": parse_as_of(request.GET.get("as_of"))}
