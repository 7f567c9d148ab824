"""The text to read, from a pasted `text` or an uploaded `file`: both edges (API and page) refuse alike."""
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from mandate.core.errors import invalid
from mandate.documents.files import IngestInputError, require_readable
from mandate.documents.uploads import EXTENSIONS, LIMIT, uploaded_text
from mandate.ingest.language import LANGUAGES
from mandate.orgs.models import Unit

__all__ = ["EXTENSIONS", "LIMIT", "directive_text", "reading_language", "reading_province"]


def directive_text(*, text: str | None = None, upload: UploadedFile | None = None, language: str | None = None) -> str:
    """The readable text of the paste or the upload (a scan read by OCR in `language` when it is one of the reader's);
    a DomainError naming `text` or `file` otherwise."""
    if upload is not None:
        return uploaded_text(upload, language=language if language in LANGUAGES else None)
    if text is None or not text.strip():
        raise invalid("text", _("give the text of the directive, or upload a file"), "required")
    try:
        return require_readable(text, "text", limit=LIMIT)
    except IngestInputError as error:
        raise invalid("text", str(error).removeprefix("text: "), "unreadable") from None


def reading_language(language: str | None) -> str | None:
    if language and language not in LANGUAGES:
        raise invalid("language", _("'%(name)s' is not one of %(names)s") % {"name": language, "names": ", ".join(LANGUAGES)})
    return language or None


def reading_province(code: str | None) -> str | None:
    if code and not Unit.objects.filter(code=code, kind="province").exists():
        raise invalid("province", _("no province with code '%(code)s'") % {"code": code}, "unknown")
    return code or None
