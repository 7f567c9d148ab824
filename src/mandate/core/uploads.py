"""What an uploaded file (an attachment, a piece of evidence) must be: small enough, and of an allowed type.

The type is judged by the name's extension AND the first bytes, so a web page renamed `report.pdf`
is refused: files are served back to other users, and must never be HTML or a script. A file whose first bytes
pass is then opened by its format's own library (`core.file_formats`), within the limits of `core.limits`.
"""
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from mandate.core.errors import FieldError
from mandate.core.file_formats import file_errors

# Extension → accepted leading bytes (None: plain text, checked as UTF-8 without markup).
SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",), ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",), ".ods": (b"PK\x03\x04",), ".zip": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",), ".xls": (b"\xd0\xcf\x11\xe0",),
    ".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".txt": None, ".csv": None,
}
_MARKUP = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe")


def upload_errors(upload, field_name: str) -> list[FieldError]:
    """Why `upload` is refused, or nothing."""
    name = upload.name or "file"
    limit = settings.MANDATE_UPLOAD_MAX_BYTES
    errors = []
    if upload.size > limit:
        errors.append(FieldError(field_name, _("%(name)s is %(size)s bytes; the limit is %(limit)s bytes")
                                 % {"name": name, "size": upload.size, "limit": limit}, "too_large"))
    extension = PurePath(name).suffix.lower()
    allowed = settings.MANDATE_UPLOAD_EXTENSIONS
    if extension not in allowed or extension not in SIGNATURES:
        errors.append(FieldError(field_name, _("%(name)s: only %(extensions)s files are accepted")
                                 % {"name": name, "extensions": ", ".join(allowed)}, "type"))
        return errors
    head = upload.read(512)
    upload.seek(0)
    signatures = SIGNATURES[extension]
    if signatures is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 3:  # not merely a character cut at the 512th byte
                errors.append(FieldError(field_name, _("%(name)s is not UTF-8 text") % {"name": name}, "type"))
        if any(marker in head.lower() for marker in _MARKUP):
            errors.append(FieldError(field_name, _("%(name)s holds markup (a web page or a script), not plain text")
                                     % {"name": name}, "type"))
    elif not head.startswith(signatures):
        errors.append(FieldError(field_name, _("%(name)s is not really a %(extension)s file")
                                 % {"name": name, "extension": extension}, "type"))
    if not errors:  # only a file of the right size and header is worth opening
        # The format's reason with the file's name, in the reader's language: a report may carry several files.
        errors.extend(FieldError(error.field, _("%(name)s: %(reason)s") % {"name": name, "reason": _(error.reason)}, error.code)
                      for error in file_errors(upload, name=name, field_name=field_name, kind=extension))
    return errors
