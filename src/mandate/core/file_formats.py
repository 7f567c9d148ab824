"""Whether an uploaded file really is what its name says, opened by its format's own library, within limits.

A header is not enough: `%PDF-` followed by a web page, or a zip holding a program, starts like a document. So
every upload (attachments, evidence, the directives the reader is given) is opened here before anything keeps or
reads it: a PDF by pypdf, an image by Pillow (`verify`), a legacy Word or Excel file by olefile, a zip container
(.docx, .xlsx, .pptx, .odt, .ods, .zip) by its table of contents first — entry count and unpacked size are
refused before one byte is unpacked — then part by part, each part's name on an allow-list and each XML part read
by defusedxml as a stream (no document type declarations, no entities, no tree built). Whatever unpacking is done
is counted against `core.limits` as it happens, so a container whose table of contents lies is stopped too, and
the whole check stops after `EXTRACTION_SECONDS`.

Refusals name the field and a fixed reason (listed in `REASONS`, translated on the pages).
"""
from __future__ import annotations

import io
import time
import warnings
import zipfile
import zlib
from pathlib import PurePath, PurePosixPath

import defusedxml.sax
import olefile
from defusedxml import DefusedXmlException
from django.utils.translation import gettext_noop
from PIL import Image
from pypdf import PdfReader
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

from mandate.core import limits
from mandate.core.errors import DomainError, FieldError

UNREADABLE = {
    ".pdf": gettext_noop("is not a readable PDF file"),
    ".docx": gettext_noop("is not a readable .docx file"),
    ".xlsx": gettext_noop("is not a readable .xlsx file"),
    ".pptx": gettext_noop("is not a readable .pptx file"),
    ".odt": gettext_noop("is not a readable .odt file"),
    ".ods": gettext_noop("is not a readable .ods file"),
    ".zip": gettext_noop("is not a readable zip archive"),
    ".doc": gettext_noop("is not a readable .doc file"),
    ".xls": gettext_noop("is not a readable .xls file"),
    ".png": gettext_noop("is not a readable PNG image"),
    ".jpg": gettext_noop("is not a readable JPEG image"),
    ".jpeg": gettext_noop("is not a readable JPEG image"),
    ".tif": gettext_noop("is not a readable TIFF image"),
    ".tiff": gettext_noop("is not a readable TIFF image"),
}
UNPACKED_TOO_LARGE = gettext_noop("unpacks to more than a file may hold")
TOO_MANY_PARTS = gettext_noop("holds more parts than a document can have")
FORBIDDEN_PART = gettext_noop("holds a part that a document of its kind may not hold (a program, a macro or an embedded object)")
UNSAFE_XML = gettext_noop("holds XML with a document type declaration or entities, which are not accepted")
MALFORMED_XML = gettext_noop("holds a part that is not well-formed XML")
ENCRYPTED = gettext_noop("holds parts protected by a password, which cannot be checked")
TOO_SLOW = gettext_noop("takes too long to open")
TOO_MANY_PAGES = gettext_noop("has more pages than a file may have")
IMAGE_TOO_LARGE = gettext_noop("is an image with more pixels than a file may have")
REFUSED = gettext_noop("The file cannot be accepted.")
REASONS = (*UNREADABLE.values(), UNPACKED_TOO_LARGE, TOO_MANY_PARTS, FORBIDDEN_PART, UNSAFE_XML, MALFORMED_XML, ENCRYPTED, TOO_SLOW,
           TOO_MANY_PAGES, IMAGE_TOO_LARGE, REFUSED)

OOXML = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
OPEN_DOCUMENT = {".odt": b"application/vnd.oasis.opendocument.text",
                 ".ods": b"application/vnd.oasis.opendocument.spreadsheet"}
CONTAINERS = (*OOXML, *OPEN_DOCUMENT, ".zip")
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".tif": "TIFF", ".tiff": "TIFF"}
OLE_STREAMS = {".doc": ("WordDocument",), ".xls": ("Workbook", "Book")}
CHECKED = (".pdf", *CONTAINERS, *IMAGE_FORMATS, *OLE_STREAMS)

# The parts of an office document: XML (read), pictures and fonts (counted); nothing that runs.
_XML_PARTS = (".xml", ".rels", ".rdf", ".svg")
_MEDIA_PARTS = (".png", ".jpg", ".jpeg", ".jfif", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".emz", ".wmz",
                ".wdp", ".odttf", ".fntdata", ".vml", ".psmdcp")
_ODF_NAMES = ("mimetype", "layout-cache")
_ODF_SCRIPT_FOLDERS = ("Basic/", "Scripts/")
# What a plain .zip of documents may hold; each member is checked as a file of its own kind.
_ARCHIVE_MEMBERS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".pptx", ".odt", ".ods", ".png", ".jpg", ".jpeg",
                    ".txt", ".csv")
_CHUNK = 64 * 1024


class Refused(Exception):
    def __init__(self, reason: str, code: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


class _Budget:
    """What is left for one upload, however deeply its containers nest."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + limits.EXTRACTION_SECONDS
        self.bytes_left = limits.ZIP_MAX_UNPACKED_BYTES
        self.entries_left = limits.ZIP_MAX_ENTRIES

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise Refused(TOO_SLOW, "too_slow")

    def spend(self, size: int) -> None:
        self.bytes_left -= size
        if self.bytes_left < 0:
            raise Refused(UNPACKED_TOO_LARGE, "unpacked_too_large")
        self.tick()


class _Counted(io.RawIOBase):
    """A zip part read through the budget: unpacking stops at the limit, whatever the table of contents said."""

    def __init__(self, part, budget: _Budget) -> None:
        self.part = part
        self.budget = budget

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.part.read(_CHUNK if size is None or size < 0 or size > _CHUNK else size)
        self.budget.spend(len(data))
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def read_all(self) -> bytes:
        chunks = []
        while chunk := self.read(_CHUNK):
            chunks.append(chunk)
        return b"".join(chunks)

    def drain(self) -> None:
        while self.read(_CHUNK):
            pass


def file_errors(stream, *, name: str, field_name: str, kind: str | None = None) -> list[FieldError]:
    """Why the file does not open as a file of its kind (its extension, or `kind`), or nothing.

    `stream` is a binary file (an upload); it is left at its start.
    """
    kind = kind or PurePath(name or "").suffix.lower()
    if kind not in CHECKED:
        return []
    try:
        stream.seek(0)
        _check(stream, kind, _Budget(), depth=0)
    except Refused as refused:
        return [FieldError(field_name, refused.reason, refused.code)]
    finally:
        stream.seek(0)
    return []


def require_readable_file(stream, *, name: str, field_name: str, kind: str | None = None) -> None:
    """Refuse (422, naming `field_name`) a file that does not open as a file of its kind."""
    errors = file_errors(stream, name=name, field_name=field_name, kind=kind)
    if errors:
        raise DomainError(REFUSED, errors)


def _check(stream, kind: str, budget: _Budget, depth: int) -> None:
    budget.tick()
    if kind in CONTAINERS:
        _container(stream, kind, budget, depth)
    elif kind == ".pdf":
        _pdf(stream)
    elif kind in IMAGE_FORMATS:
        _image(stream, kind)
    elif kind in OLE_STREAMS:
        _ole(stream, kind)


def _pdf(stream) -> None:
    if stream.read(5) != b"%PDF-":
        raise Refused(UNREADABLE[".pdf"], "unreadable")
    stream.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pages = len(PdfReader(stream, strict=False).pages)
    except Exception:  # noqa: BLE001 - a parser of hostile bytes raises whatever it meets
        raise Refused(UNREADABLE[".pdf"], "unreadable") from None
    if pages == 0:
        raise Refused(UNREADABLE[".pdf"], "unreadable")
    if pages > limits.PDF_MAX_PAGES:
        raise Refused(TOO_MANY_PAGES, "too_many_pages")


def _image(stream, kind: str) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # Opening reads the header only; the size is known before a pixel is decoded.
            with Image.open(stream, formats=[IMAGE_FORMATS[kind]]) as image:
                width, height = image.size
                if width * height > limits.IMAGE_MAX_PIXELS:
                    raise Refused(IMAGE_TOO_LARGE, "image_too_large")
                image.verify()
    except Image.DecompressionBombError:
        raise Refused(IMAGE_TOO_LARGE, "image_too_large") from None
    except Refused:
        raise
    except Exception:  # noqa: BLE001 - a parser of hostile bytes raises whatever it meets
        raise Refused(UNREADABLE[kind], "unreadable") from None


def _ole(stream, kind: str) -> None:
    try:
        with olefile.OleFileIO(stream) as ole:
            names = ["/".join(entry) for entry in ole.listdir(streams=True, storages=True)]
            found = any(ole.exists(name) for name in OLE_STREAMS[kind])
    except Exception:  # noqa: BLE001 - a parser of hostile bytes raises whatever it meets
        raise Refused(UNREADABLE[kind], "unreadable") from None
    if not found:
        raise Refused(UNREADABLE[kind], "unreadable")
    if len(names) > limits.ZIP_MAX_ENTRIES:
        raise Refused(TOO_MANY_PARTS, "too_many_parts")
    if any(name.split("/")[0] in ("Macros", "_VBA_PROJECT_CUR", "_VBA_PROJECT") for name in names):
        raise Refused(FORBIDDEN_PART, "forbidden_part")


def _container(stream, kind: str, budget: _Budget, depth: int) -> None:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise Refused(UNREADABLE[kind], "unreadable") from None
    with archive:
        # The table of contents first: nothing is unpacked before its numbers are within the limits.
        members = archive.infolist()
        budget.entries_left -= len(members)
        if budget.entries_left < 0:
            raise Refused(TOO_MANY_PARTS, "too_many_parts")
        if sum(member.file_size for member in members) > budget.bytes_left:
            raise Refused(UNPACKED_TOO_LARGE, "unpacked_too_large")
        plans = [(member, _part_kind(kind, member, depth)) for member in members]
        _require_main_part(kind, archive, {member.filename for member in members}, budget)
        for member, part_kind in plans:
            if member.is_dir():
                continue
            try:
                with archive.open(member) as part:
                    counted = _Counted(part, budget)
                    if part_kind == "xml":
                        _xml(counted)
                    elif part_kind == "data":
                        counted.drain()
                    else:
                        _check(io.BytesIO(counted.read_all()), part_kind, budget, depth + 1)
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError, ValueError):
                raise Refused(UNREADABLE[kind], "unreadable") from None


def _part_kind(kind: str, member: zipfile.ZipInfo, depth: int) -> str:
    """How a part is checked ("xml", "data", or the extension of a nested file); refused when not allowed."""
    name = member.filename
    path = PurePosixPath(name)
    if name.startswith(("/", "\\")) or ".." in path.parts or "\\" in name:
        raise Refused(FORBIDDEN_PART, "forbidden_part")
    if member.flag_bits & 0x1:
        raise Refused(ENCRYPTED, "encrypted")
    if member.file_size > limits.ZIP_RATIO_FROM_BYTES and member.file_size > limits.ZIP_MAX_RATIO * max(member.compress_size, 1):
        raise Refused(UNPACKED_TOO_LARGE, "unpacked_too_large")
    if member.is_dir():
        return "data"
    suffix = path.name[path.name.rfind("."):].lower() if "." in path.name else ""  # ".rels" is a suffix here
    folders = [part.lower() for part in path.parts[:-1]]
    nested_allowed = depth + 1 < limits.ZIP_MAX_DEPTH
    if kind == ".zip":
        if suffix in _ARCHIVE_MEMBERS and (nested_allowed or suffix not in CONTAINERS):
            return suffix if suffix in CHECKED else "data"
        raise Refused(FORBIDDEN_PART, "forbidden_part")
    if kind in OPEN_DOCUMENT and (name in _ODF_NAMES or name.startswith("ObjectReplacements/")):
        return "data"
    if kind in OPEN_DOCUMENT and name.startswith(_ODF_SCRIPT_FOLDERS):
        raise Refused(FORBIDDEN_PART, "forbidden_part")
    if suffix in _XML_PARTS:
        return "xml"
    if suffix in _MEDIA_PARTS:
        return "data"
    if suffix == ".bin" and "printersettings" in folders:  # Excel keeps the printer's settings so
        return "data"
    if suffix in OOXML and "embeddings" in folders and nested_allowed:  # a chart's table
        return suffix
    raise Refused(FORBIDDEN_PART, "forbidden_part")


def _require_main_part(kind: str, archive: zipfile.ZipFile, names: set[str], budget: _Budget) -> None:
    if kind in OOXML:
        folder = OOXML[kind]
        if "[Content_Types].xml" not in names or not any(name.startswith(folder) for name in names):
            raise Refused(UNREADABLE[kind], "unreadable")
    elif kind in OPEN_DOCUMENT:
        if "mimetype" not in names or "content.xml" not in names:
            raise Refused(UNREADABLE[kind], "unreadable")
        with archive.open("mimetype") as part:
            if _Counted(part, budget).read(100).strip() != OPEN_DOCUMENT[kind]:
                raise Refused(UNREADABLE[kind], "unreadable")


def _xml(counted: _Counted) -> None:
    """Read an XML part as a stream of events, building nothing; refuse a DTD or an entity."""
    try:
        defusedxml.sax.parse(io.BufferedReader(counted, _CHUNK), ContentHandler(), forbid_dtd=True,
                             forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise Refused(UNSAFE_XML, "unsafe_xml") from None
    except SAXException:
        raise Refused(MALFORMED_XML, "unreadable") from None
