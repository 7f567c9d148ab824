"""Template context shared by every page."""
from django.http import HttpRequest

from mandate.core.dates import parse_as_of
from mandate.core.errors import DomainError


def structure_date(request: HttpRequest) -> dict:
    """The date of the header's as-of form; for a date it cannot read, none, and the reason shown beside the field.

    The page itself refuses such a request (the `page` decorator renders the refusal); this only draws the form.
    """
    try:
        return {"as_of": parse_as_of(request.GET.get("as_of")), "as_of_error": ""}
    except DomainError as error:
        return {"as_of": None, "as_of_error": error.errors[0].reason}
