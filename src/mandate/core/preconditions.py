"""The version an edit changes, taken from the request: `If-Match: <version>` or a `version` field."""
from django.utils.translation import gettext as _
from ninja import Field, Schema

from mandate.core.errors import Conflict, DomainError, FieldError, invalid


class FieldErrorOut(Schema):
    field: str
    reason: str
    code: str


class RefusalOut(Schema):
    """The API's error format; a 409 adds `current_version`."""

    message: str
    errors: list[FieldErrorOut]
    current_version: int | None = None


class ExpectedVersionIn(Schema):
    """The body of an edit that sends nothing but the version it changes (or an empty body and If-Match)."""

    version: int | None = Field(None, description="The version of the row this edit changes (or send If-Match: "
                                                  "<version>); required: 428 when missing, 409 when it changed since.")


# What an edit can answer besides its success: the version is missing (428) or old (409).
VERSIONED = {409: RefusalOut, 428: RefusalOut}


def expected_version(request, value: int | None) -> int:
    """The version the caller saw; 428 Precondition Required when the request names none, so that an edit made
    without reading first cannot silently overwrite someone else's (the 409 on a wrong one is the service's)."""
    header = request.headers.get("If-Match", "").strip()
    if header:
        header = header.removeprefix("W/").strip('"')
        if not header.isascii() or not header.isdigit() or len(header) > 18:
            raise invalid("version", _("If-Match must be the version number of the row, e.g. If-Match: 3"))
        return int(header)
    if value is None:
        reason = _("is required: send the version you changed (If-Match header or a version field)")
        raise DomainError(_("%(field)s: %(reason)s") % {"field": _("Version"), "reason": reason},
                          [FieldError("version", reason, "required")], status=428)
    return value


def version_checked(row, expected: int | None, *, field: str = "version") -> int:
    """The next version of a row read under lock (`select_for_update`), after refusing with 409 an edit of an older
    one: the caller stores it with its change. `field` names the row's version column."""
    current = getattr(row, field)
    if expected is not None and current != expected:
        raise Conflict(_("This was changed by someone else (version %(current)s, you had %(yours)s); reload it.")
                       % {"current": current, "yours": expected},
                       [FieldError("version", _("current version is %(version)s") % {"version": current}, "stale")],
                       details={"current_version": current})
    return current + 1


def form_version(request) -> int | None:
    """The version a page form carries in its hidden `version` field; None when it carries none (pages do not require
    it: the form they render always has it)."""
    value = request.POST.get("version", "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None
