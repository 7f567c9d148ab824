"""How much a request may make the server do: the limits of every uploaded file and every text, in one place.

Each number bounds work an attacker could otherwise choose: what a zip container unpacks to, how many parts it
holds, how long opening a file may take, how many pixels an image may decode to. The upload size itself is
`settings.MANDATE_UPLOAD_MAX_BYTES` (the operator may change it); these are not settings, because raising them
only makes the server easier to hold.
"""
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

from mandate.core.errors import FieldError
from django.utils.translation import gettext as _

# Zip containers (.docx, .xlsx, .pptx, .odt, .ods, .zip). A Word file of 20 MB with pictures unpacks to little more
# than its size (pictures do not compress); its XML compresses about tenfold. 100 MB of XML in 350 KB is a bomb.
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNPACKED_BYTES = 64 * 1024 * 1024
# Past 1 MB, a part that unpacks to more than 200 times its packed size is refused before it is unpacked.
ZIP_RATIO_FROM_BYTES = 1024 * 1024
ZIP_MAX_RATIO = 200
# A chart in a Word file is an Excel file inside it; nothing legitimate nests deeper.
ZIP_MAX_DEPTH = 2

# Opening and reading a file (checking its parts, extracting a directive's text) stops after this long.
EXTRACTION_SECONDS = 15.0

PDF_MAX_PAGES = 3000
# 60 megapixels: a 300 dpi scan of an A1 sheet; an image of 50,000 × 50,000 pixels would decode to 7.5 GB.
IMAGE_MAX_PIXELS = 60_000_000

# A scan read by OCR (documents/ocr.py): a directive of a few pages, within a request (the server's 60 s timeout).
# Pages are rendered at OCR_DPI and kept within OCR_MAX_PIXELS (A4 at 300 dpi is 8.7 megapixels); past OCR_SECONDS
# the reading stops and says so. One page takes about a second of one core.
OCR_MAX_PAGES = 20
OCR_SECONDS = 40.0
OCR_DPI = 300
OCR_MAX_PIXELS = 12_000_000

# Text: a field the models bound (a CharField) is refused past its `max_length` by the service that writes it
# (`overlong_errors`); a TextField, and anything any request sends, past this many characters (a directive's whole
# text fits: its file is at most 10 MB).
TEXT_MAX_CHARS = 1_000_000


def overlong_errors(model, **values: str | None) -> list[FieldError]:
    """The fields of `values` longer than `model`'s field of that name may hold (its max_length, or TEXT_MAX_CHARS)."""
    errors = []
    for name, value in values.items():
        field = model._meta.get_field(name)
        limit = field.max_length if isinstance(field, models.CharField) and field.max_length else TEXT_MAX_CHARS
        if value is not None and len(value) > limit:
            errors.append(FieldError(name, _("is %(length)s characters long; at most %(limit)s are accepted") % {
                "length": len(value), "limit": limit}, "too_long"))
    return errors


def integer_range(model, field_name: str) -> tuple[int, int]:
    """The whole numbers an integer field of `model` can store on every database (a SMALLINT stops at 32,767)."""
    return BaseDatabaseOperations.integer_field_ranges[model._meta.get_field(field_name).get_internal_type()]

# An import from a spreadsheet (`sheets`): its preview is read row by row and kept until it is confirmed.
IMPORT_MAX_ROWS = 20_000
# An export of a list (tasks, documents) holds at most this many rows; the PDF of more takes too long to lay out.
LIST_EXPORT_MAX_ROWS = 5_000
