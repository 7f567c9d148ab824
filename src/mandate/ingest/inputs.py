"""The text to read, from a pasted `text` or an uploaded `file`: both edges (API and page) refuse alike."""
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile

from mandate.core.errors import invalid
from mandate.ingest.files import DEFAULT_LIMIT, IngestInputError, extract_text, require_readable
from mandate.ingest.language import LANGUAGES

EXTENSIONS = (".txt", ".docx", ".pdf")
LIMIT = DEFAULT_LIMIT


def directive_text(*, text: str | None = None, upload: UploadedFile | None = None) -> str:
    """The readable text of the paste or the upload; a DomainError naming `text` or `file` otherwise."""
    if upload is not None:
        name = upload.name or "file"
        if PurePath(name).suffix.lower() not in EXTENSIONS:
            raise invalid("file", f"{name}: only {', '.join(EXTENSIONS)} files can be read", "extension")
        if upload.size > LIMIT:
            raise invalid("file", f"{name}: {upload.size} bytes is over the limit of {LIMIT} bytes", "too_large")
        try:
            return extract_text(upload.read(), name, limit=LIMIT)
        except IngestInputError as error:
            raise invalid("file", error.reason or str(error), error.code) from None
    if text is None or not text.strip():
        raise invalid("text", "give the text of the directive, or upload a file", "required")
    try:
        return require_readable(text, "text", limit=LIMIT)
    except IngestInputError as error:
        raise invalid("text", str(error).removeprefix("text: "), "unreadable") from None


def reading_language(language: str | None) -> str | None:
    if language and language not in LANGUAGES:
        raise invalid("language", f"'{language}' is not one of {', '.join(LANGUAGES)}")
    return language or None


def reading_province(code: str | None) -> str | None:
    from mandate.orgs.models import Unit

    if code and not Unit.objects.filter(code=code, kind="province").exists():
        raise invalid("province", f"no province with code '{code}'", "unknown")
    return code or None
