"""Text out of uploaded files: .txt (any of the encodings seen in practice), .docx, .pdf (a directive to read, a draft to comment on),
and scans (a PDF without a text layer, a PNG, JPEG or TIFF image) read by OCR (`documents.ocr`)."""
from __future__ import annotations

import io
import re
import time
import unicodedata
from pathlib import PurePath

from mandate.core.file_formats import IMAGE_FORMATS, TOO_SLOW, file_errors
from mandate.core.limits import EXTRACTION_SECONDS
from mandate.documents import ocr

DEFAULT_LIMIT = 10 * 1024 * 1024

# Tried in order after UTF-8: Vietnamese Windows, Cyrillic Windows, Cyrillic KOI8.
_LEGACY_ENCODINGS = ("cp1258", "cp1251", "koi8-u", "koi8-r")
_MOJIBAKE_MARKERS = ("Ã", "Â", "Ä", "Æ", "á»", "Ð", "Ñ", "Ä‘")
# An image by its first bytes, whatever its name says.
_IMAGE_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"II*\x00", ".tif"), (b"MM\x00*", ".tif"))


class IngestInputError(ValueError):
    """The upload cannot be read as a directive's text; the message says why (`reason` and `code`, when the file
    was refused by `core.file_formats`, say it as a fixed, translated reason)."""

    def __init__(self, message: str, *, reason: str | None = None, code: str = "unreadable") -> None:
        super().__init__(message)
        self.reason = reason
        self.code = code


def extract_text(data: bytes, filename: str, *, limit: int = DEFAULT_LIMIT, language: str | None = None) -> str:
    """The text of a .txt, .docx or .pdf file, or of a scan read by OCR (in `language`'s model when given), NFC-normalised."""
    if not data:
        raise IngestInputError(f"{filename}: the file is empty")
    if len(data) > limit:
        raise IngestInputError(f"{filename}: {len(data)} bytes is over the limit of {limit} bytes")
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".docx" or (suffix != ".pdf" and data[:2] == b"PK"):
        kind = ".docx"
    elif suffix == ".pdf" or data[:5] == b"%PDF-":
        kind = ".pdf"
    elif suffix in IMAGE_FORMATS:
        kind = suffix
    elif sniffed := next((image for head, image in _IMAGE_SIGNATURES if data.startswith(head)), None):
        kind = sniffed
    else:
        kind = ".txt"
    # Opened and bounded by the same checks as every upload before the reader's libraries see it.
    refusals = file_errors(io.BytesIO(data), name=filename, field_name="file", kind=kind)
    if refusals:
        raise IngestInputError(f"{filename}: {refusals[0].reason}", reason=refusals[0].reason, code=refusals[0].code)
    deadline = time.monotonic() + EXTRACTION_SECONDS
    if kind == ".docx":
        text = _docx(data, filename)
    elif kind == ".pdf":
        text = _pdf(data, filename, deadline) or _scanned(ocr.pdf_text, data, filename, language)
    elif kind in IMAGE_FORMATS:
        text = _scanned(ocr.image_text, data, filename, language)
    else:
        text = _plain(data, filename)
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        raise IngestInputError(f"{filename}: the file holds no text")
    return require_readable(text, filename, limit=limit)


def attachment_text(data: bytes, filename: str) -> str:
    """The words of an attached file for search: those of a .txt, .docx or .pdf, none of a scan, a spreadsheet or an
    image (a file the reader cannot read is still attached; it is only not found by its words)."""
    if PurePath(filename).suffix.lower() not in (".txt", ".docx", ".pdf"):
        return ""
    try:
        return extract_text(data, filename)
    except IngestInputError:
        return ""


# UTF-8 read as Windows-1252: a lead byte (Ã Â Ä Å Æ á â Ð Ñ …) then a continuation byte
# (0x80–0xBF shown as € ‚ … ¿). Neither Vietnamese nor Cyrillic text writes these pairs.
_MOJIBAKE_PAIR = re.compile("[\u00c2-\u00c6\u00d0\u00d1\u00e1-\u00e5][\u0080-\u00bf\u0152\u0153\u0160\u0161"
                            "\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022"
                            "\u2026\u2030\u2039\u203a\u20ac\u2122]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def require_readable(text: str, name: str = "text", *, limit: int = DEFAULT_LIMIT) -> str:
    """The text, with repairable mojibake repaired; refused when empty, binary, too long or garbled."""
    if len(text.encode("utf-8", "surrogatepass")) > limit:
        raise IngestInputError(f"{name}: over the limit of {limit} bytes")
    text = unicodedata.normalize("NFC", repair_mojibake(text)).strip()
    if not text:
        raise IngestInputError(f"{name}: holds no text")
    if len(_CONTROL.findall(text[:4096])) > 2:
        raise IngestInputError(f"{name}: binary data, not text")
    if len(_MOJIBAKE_PAIR.findall(text)) >= 3 or text.count("\ufffd") >= 3:
        raise IngestInputError(f"{name}: the text is garbled (mojibake: characters lost or read in the wrong encoding)")
    return text


def _plain(data: bytes, filename: str) -> str:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding)
    if b"\x00" in data[:4096]:
        raise IngestInputError(f"{filename}: binary data, not text")
    try:
        return repair_mojibake(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in _LEGACY_ENCODINGS:
        try:
            candidates.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise IngestInputError(f"{filename}: the text is in no known encoding")
    return max(candidates, key=_plausibility)


def _plausibility(text: str) -> float:
    """Share of letters that belong to Vietnamese or to Russian/Ukrainian words."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    good = sum(1 for c in letters if c.isascii() or "\u0400" <= c <= "\u04ff" or "\u1ea0" <= c <= "\u1ef9"
               or c in "ăâđêôơưĂÂĐÊÔƠƯàáãèéìíòóõùúýÀÁÃÈÉÌÍÒÓÕÙÚÝ")
    return good / len(letters)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252/Latin-1 ("Quyáº¿t Ä‘á»‹nh" → "Quyết định")."""
    if not any(marker in text for marker in _MOJIBAKE_MARKERS):
        return text
    for encoding in ("cp1252", "latin-1"):
        try:
            repaired = text.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        return repaired
    return text


def _docx(data: bytes, filename: str) -> str:
    from docx import Document  # deferred: only uploads need it

    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several unrelated types for a bad zip
        raise IngestInputError(f"{filename}: not a readable .docx file ({error.__class__.__name__})") from error
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:  # headers of official documents are laid out in tables
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _pdf(data: bytes, filename: str, deadline: float) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    pages = []
    try:
        reader = PdfReader(io.BytesIO(data))
        for page in reader.pages:
            if time.monotonic() > deadline:  # a page's text is the unit of work that can be stopped between
                raise IngestInputError(f"{filename}: {TOO_SLOW}", reason=TOO_SLOW, code="too_slow")
            pages.append(page.extract_text() or "")
    except (PdfReadError, ValueError, KeyError) as error:
        raise IngestInputError(f"{filename}: not a readable PDF ({error})") from error
    text = "\n".join(pages)
    return text if len(text.strip()) >= 20 else ""  # no text layer: a scan


def _scanned(read, data: bytes, filename: str, language: str | None) -> str:
    try:
        return read(data, language=language)
    except ocr.OcrError as error:
        raise IngestInputError(f"{filename}: {error.reason}", reason=error.reason, code=error.code) from None
