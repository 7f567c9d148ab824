"""The text of a scan (a PDF without a text layer, or an image) by OCR: Tesseract through pytesseract.

Each page is rendered (a PDF's by PDFium at OCR_DPI) or decoded (an image's frames), kept within OCR_MAX_PIXELS,
and cleaned the way a clerk's scans need: a red stamp or red heading is turned to paper, then an Otsu threshold
leaves black print on white. Tesseract's script and orientation detection turns a page
that lies on its side and, when the reader was not told the language, picks the models of its script (Latin:
Vietnamese and English; Cyrillic: Russian and Ukrainian). A page fed a little askew is turned level first (a
projection profile: Tesseract reads through 1° or so, but at 2° it dropped whole lines of a two-column header page). The whole reading is bounded by `core.limits` (pages, pixels, seconds).

`settings.MANDATE_OCR_COMMAND` names the tesseract program (default `tesseract` on the PATH; Debian's
`tesseract-ocr` with `tesseract-ocr-vie`, `-rus`, `-ukr`, `-eng`, installed by `make system`). When it is not
there, the refusal says so: the file is a scan and OCR is not installed on the server.
"""
from __future__ import annotations

import functools
import io
import os
import re
import time
import warnings
from collections.abc import Iterator

import pypdfium2
import pytesseract
from django.conf import settings
from django.utils.translation import gettext_noop
from PIL import Image, ImageChops, ImageOps, ImageSequence

from mandate.core import limits

# Reasons (translated where they are shown; the page and the API say them in the reader's language).
NOT_INSTALLED = gettext_noop("is a scan (it has no text layer) and OCR is not installed on the server")
NO_LANGUAGE_DATA = gettext_noop("is a scan (it has no text layer) and the server's OCR lacks the data of its language")
TOO_MANY_PAGES = gettext_noop("is a scan of more pages than OCR reads at once")
TOO_SLOW = gettext_noop("is a scan that takes OCR too long to read")
NOTHING_FOUND = gettext_noop("is a scan in which OCR found no text")
FAILED = gettext_noop("is a scan that OCR could not read")

# The reader's languages → Tesseract's models; a script found by Tesseract → the models to read it with.
MODELS = {"vi": "vie", "ru": "rus+eng", "uk": "ukr+eng", "en": "eng"}  # Cyrillic pages cite Latin names ("COVID-19")
BY_SCRIPT = {"Latin": "vie", "Cyrillic": "rus+ukr+eng"}  # English read by the Vietnamese model loses no letter; the reverse loses every diacritic
EVERY_MODEL = "vie+rus+ukr+eng"
# Red minus green, past which a pixel is red ink (print is grey: its red and green are within a few levels).
REDDER_THAN_GREY = 40


class OcrError(Exception):
    def __init__(self, reason: str, code: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


def pdf_text(data: bytes, *, language: str | None = None) -> str:
    """The text of a PDF's pages, read by OCR."""
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        raise OcrError(FAILED, "unreadable") from None
    with document:
        if len(document) > limits.OCR_MAX_PAGES:
            raise OcrError(TOO_MANY_PAGES, "too_many_pages")
        return _read(_rendered(document), language)


def image_text(data: bytes, *, language: str | None = None) -> str:
    """The text of an image's frames (a TIFF may hold several pages), read by OCR."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            frames = getattr(image, "n_frames", 1)
        except (OSError, ValueError, Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise OcrError(FAILED, "unreadable") from None
        if frames > limits.OCR_MAX_PAGES:
            raise OcrError(TOO_MANY_PAGES, "too_many_pages")
        return _read(_frames(image), language)


def _rendered(document: pypdfium2.PdfDocument) -> Iterator[tuple[Image.Image, int]]:
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()  # points
        scale = min(limits.OCR_DPI / 72, (limits.OCR_MAX_PIXELS / max(width * height, 1)) ** 0.5)
        yield page.render(scale=scale, grayscale=False).to_pil(), round(scale * 72)


def _frames(image: Image.Image) -> Iterator[tuple[Image.Image, int]]:
    for frame in ImageSequence.Iterator(image):
        width, height = frame.size  # known before a pixel is decoded
        if width * height > limits.IMAGE_MAX_PIXELS:
            raise OcrError(FAILED, "image_too_large")
        dpi = round(float((frame.info.get("dpi") or (limits.OCR_DPI,))[0]) or limits.OCR_DPI)
        page = frame.convert("RGB")
        if width * height > limits.OCR_MAX_PIXELS:
            factor = (limits.OCR_MAX_PIXELS / (width * height)) ** 0.5
            page = page.resize((int(width * factor), int(height * factor)), Image.Resampling.LANCZOS)
            dpi = round(dpi * factor)
        yield page, max(dpi, 70)


def cleaned(page: Image.Image) -> Image.Image:
    """Black print on white: every reddish pixel (a stamp, a red heading, and the fringes a JPEG leaves around them,
    which are darker but still redder than grey) turned to paper, the rest in grey thresholded by Otsu's method."""
    rgb = page.convert("RGB")
    red, green, _blue = rgb.split()
    stamp = ImageChops.subtract(red, green).point(lambda value: 255 if value > REDDER_THAN_GREY else 0)
    grey = Image.composite(Image.new("L", rgb.size, 255), rgb.convert("L"), stamp)
    cut = otsu_threshold(grey.histogram())
    angle = skew_angle(grey.point(lambda value: 255 if value > cut else 0))
    if abs(angle) >= 0.2:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return grey.point(lambda value: 255 if value > cut else 0)


def skew_angle(page: Image.Image) -> float:
    """The degrees to turn the page (counter-clockwise) so that its lines of print lie level, within ±4°: the angle
    at which the rows of a small copy are most unequal (lines of ink and the white between them)."""
    small = ImageOps.invert(page.convert("L"))  # ink bright, paper black: what turning brings in is paper
    small.thumbnail((800, 800))

    def sharpness(angle: float) -> float:
        turned = small.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0)
        rows = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()
        mean = sum(rows) / len(rows)
        return sum((row - mean) ** 2 for row in rows)

    best = max((step / 2 for step in range(-8, 9)), key=sharpness)
    return max((best + step / 10 for step in range(-4, 5)), key=sharpness)


def otsu_threshold(histogram: list[int]) -> int:
    """The grey level that best splits the histogram into ink and paper (between-class variance at its largest)."""
    total = sum(histogram)
    weighted = sum(level * count for level, count in enumerate(histogram))
    below = below_weighted = 0
    best, best_variance = 127, -1.0
    for level, count in enumerate(histogram):
        below += count
        above = total - below
        if below == 0 or above == 0:
            continue
        below_weighted += level * count
        mean_below, mean_above = below_weighted / below, (weighted - below_weighted) / above
        variance = below * above * (mean_below - mean_above) ** 2
        if variance > best_variance:
            best, best_variance = level, variance
    return best


def _read(pages: Iterator[tuple[Image.Image, int]], language: str | None) -> str:
    command = settings.MANDATE_OCR_COMMAND
    available = installed_models(command)
    if available is None:
        raise OcrError(NOT_INSTALLED, "ocr_not_installed")
    # One thread per page: the server reads many requests at once, and Tesseract's threads only contend for them.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pytesseract.pytesseract.tesseract_cmd = command
    deadline = time.monotonic() + limits.OCR_SECONDS
    texts = []
    for page, dpi in pages:
        image = cleaned(page)
        rotation, script = _orientation(image, dpi, deadline)
        if rotation:
            image = image.rotate(-rotation, expand=True, fillcolor=255)  # Tesseract counts clockwise, Pillow against
        models = MODELS.get(language or "") or BY_SCRIPT.get(script or "") or EVERY_MODEL
        models = "+".join(model for model in models.split("+") if model in available)
        if not models:
            raise OcrError(NO_LANGUAGE_DATA, "ocr_not_installed")
        words = _tesseract(pytesseract.image_to_data, image, deadline, lang=models, config=f"--psm 3 --dpi {dpi}",
                           output_type=pytesseract.Output.DICT)
        text = paragraphs(words)
        if models == "vie" and not language and _vietnamese_share(text) < 0.02:  # Latin script, but not Vietnamese
            words = _tesseract(pytesseract.image_to_data, image, deadline, lang="eng", config=f"--psm 3 --dpi {dpi}",
                               output_type=pytesseract.Output.DICT)
            text = paragraphs(words)
        if "rus" in models or "ukr" in models:
            text = _cyrillic_repaired(text)
        texts.append(text)
    text = "\n".join(texts).strip()
    if len(text) < 20:
        raise OcrError(NOTHING_FOUND, "ocr_no_text")
    return text


# A line that begins a list item ("1.", "a)", "- Sở …", "+", "•") begins a line of its own, wherever the last one
# ended; a dash before a number goes on a range ("giai đoạn 2006" / "- 2010").
_HYPHENATED = re.compile(r"\w-$")
_ITEM = re.compile(r"^(?:(?:\d{1,3}(?:\.\d{1,3})*[.)]|[a-zđа-я][)]|[IVX]{1,5}[.)])(?:\s|$|(?=[^\W\d_]))|[-+•–—*](?!\s*\d))")


# Cyrillic models read a Latin "N" before a number (the "N 467" of a decree) as "М" or "И".
_NUMBER_SIGN = re.compile(r"(?<![\w.])[МИ](?=\s?\d)")
# A word in capitals made only of letters that Latin and Cyrillic share ("ОВА", "МВС") is read by `eng` as Latin.
_LOOKALIKES = str.maketrans("ABCEHKMOPTXaceopxy", "АВСЕНКМОРТХасеорху")
_LATIN_LOOKALIKE_WORD = re.compile(r"(?<![^\W\d_])[ABCEHKMOPTXaceopxy]{2,}(?![^\W\d_])")


def _cyrillic_repaired(text: str) -> str:
    """A page in Cyrillic script, with the two confusions of its models repaired: "N 467" and Latin look-alikes."""
    text = _NUMBER_SIGN.sub("N", text)
    return _LATIN_LOOKALIKE_WORD.sub(lambda found: found.group() if set(found.group()) <= set("CMX")  # "XX століття"
                                     else found.group().translate(_LOOKALIKES), text)


_VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯ") | {chr(c) for c in range(0x1EA0, 0x1EFA)}


def _vietnamese_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c in _VIETNAMESE for c in letters) / max(len(letters), 1)


def paragraphs(words: dict) -> str:
    """The page's text from Tesseract's words, with lines that the printer wrapped joined again: a line that reaches the
    right margin goes on in the next one (a hyphen at its end joins the word), so a sentence — a unit's name —
    is never cut by a line break; a short line (a heading, a signature) and a blank line between blocks stay."""
    lines: dict[tuple[int, int, int], list[int]] = {}
    for index, word in enumerate(words["text"]):
        if word.strip():
            lines.setdefault((words["block_num"][index], words["par_num"][index], words["line_num"][index]), []).append(index)
    if not lines:
        return ""
    right = {key: max(words["left"][i] + words["width"][i] for i in found) for key, found in lines.items()}
    left = min(min(words["left"][i] for i in found) for found in lines.values())
    margin = max(right.values())  # the text's right margin
    space = 0.3 * sorted(words["height"][i] for found in lines.values() for i in found)[len(right) // 2]
    out, previous = [], None
    for key in sorted(lines):
        text = " ".join(words["text"][i] for i in lines[key])
        if previous is None:
            out.append(text)
        elif previous[0] != key[0]:
            out.append("\n\n" + text)
        # The printer wrapped the line when the next line's first word would not have fitted after it.
        elif (right[previous] + space + words["width"][lines[key][0]] >= margin - 0.02 * (margin - left)
              and not _ITEM.match(text)):
            if _HYPHENATED.search(out[-1]) and text[:1].islower():  # "распоряже-" + "ния"
                out[-1] = out[-1][:-1]
                out.append(text)
            else:
                out.append(" " + text)
        else:
            out.append("\n" + text)
        previous = key
    return "".join(out)


def _orientation(image: Image.Image, dpi: int, deadline: float) -> tuple[int, str | None]:
    """(degrees to turn the page counter-clockwise, its script) as Tesseract sees them; (0, None) when unsure."""
    try:
        found = _tesseract(pytesseract.image_to_osd, image, deadline, config=f"--psm 0 --dpi {dpi}",
                           output_type=pytesseract.Output.DICT)
    except OcrError as error:
        if error.code == "too_slow":
            raise
        return 0, None  # too little text to tell, or no osd data: read it as it lies
    rotation = found.get("rotate", 0) if found.get("orientation_conf", 0) >= 2 else 0
    script = found.get("script") if found.get("script_conf", 0) >= 1 else None
    return rotation, script


def _tesseract(function, image: Image.Image, deadline: float, **options):
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise OcrError(TOO_SLOW, "too_slow")
    try:
        return function(image, timeout=remaining, **options)
    except pytesseract.TesseractNotFoundError:
        raise OcrError(NOT_INSTALLED, "ocr_not_installed") from None
    except RuntimeError as error:  # pytesseract's own for a timeout; TesseractError is not one
        if isinstance(error, pytesseract.TesseractError):
            raise OcrError(FAILED, "unreadable") from None
        raise OcrError(TOO_SLOW, "too_slow") from None


@functools.lru_cache(maxsize=4)
def installed_models(command: str) -> frozenset[str] | None:
    """The language models the tesseract program `command` has, or None when there is no such program."""
    pytesseract.pytesseract.tesseract_cmd = command
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return None
