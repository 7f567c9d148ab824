"""The text of an uploaded file, refused as a DomainError naming the form's field: both edges (API and page) alike."""
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from mandate.core.errors import invalid
from mandate.documents.files import DEFAULT_LIMIT, IngestInputError, extract_text

# A scan (a PDF without a text layer, or an image) is read by OCR.
EXTENSIONS = (".txt", ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
LIMIT = DEFAULT_LIMIT


def uploaded_text(upload: UploadedFile, *, field_name: str = "file", language: str | None = None) -> str:
    """The readable text of a .txt, .docx or .pdf upload, or of a scan read by OCR in `language` (one of the reader's
    languages; the script on the page decides when None), of at most LIMIT bytes."""
    name = upload.name or "file"
    if PurePath(name).suffix.lower() not in EXTENSIONS:
        raise invalid(field_name, _("%(name)s: only %(extensions)s files can be read") % {"name": name, "extensions": ", ".join(EXTENSIONS)},
                      "extension")
    if upload.size > LIMIT:
        raise invalid(field_name, _("%(name)s: %(size)s bytes is over the limit of %(limit)s bytes")
                      % {"name": name, "size": upload.size, "limit": LIMIT}, "too_large")
    try:
        return extract_text(upload.read(), name, limit=LIMIT, language=language)
    except IngestInputError as error:
        raise invalid(field_name, error.reason or str(error), error.code) from None
