"""The version an edit changes, taken from the request: `If-Match: <version>` or a `version` field."""
from django.utils.translation import gettext as _

from mandate.core.errors import DomainError, FieldError, invalid


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
