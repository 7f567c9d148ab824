"""The text of an uploaded file, refused as a DomainError naming the form's field: both edges (API and page) alike."""
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile

from mandate.core.errors import invalid
from mandate.documents.files import DEFAULT_LIMIT, IngestInputError, extract_text

EXTENSIONS = (".txt", ".docx", ".pdf")
LIMIT = DEFAULT_LIMIT


def uploaded_text(upload: UploadedFile, *, field_name: str = "file") -> str:
    """The readable text of a .txt, .docx or .pdf upload of at most LIMIT bytes."""
    name = upload.name or "file"
    if PurePath(name).suffix.lower() not in EXTENSIONS:
        raise invalid(field_name, f"{name}: only {', '.join(EXTENSIONS)} files can be read", "extension")
    if upload.size > LIMIT:
        raise invalid(field_name, f"{name}: {upload.size} bytes is over the limit of {LIMIT} bytes", "too_large")
    try:
        return extract_text(upload.read(), name, limit=LIMIT)
    except IngestInputError as error:
        raise invalid(field_name, error.reason or str(error), error.code) from None
