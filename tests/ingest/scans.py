"""Scans made from real text, as directives really arrive: printed at 200 dpi in a font with every Vietnamese glyph,
slightly skewed, a red stamp (a circle with text) over a corner, JPEG-compressed, wrapped into a PDF that has no
text layer. Used by the tests (one page) and by bench/ocr_bench.py (several passages in vi, ru, uk)."""
from __future__ import annotations

import io
import math
import unicodedata

from PIL import Image, ImageChops, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"  # fonts-dejavu-core, installed by `make system`
DPI = 200
A4 = (round(8.27 * DPI), round(11.69 * DPI))
MARGIN = round(0.8 * DPI)


def _lines(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines = []
    for paragraph in text.splitlines():
        words, line = paragraph.split(), ""
        for word in words:
            candidate = f"{line} {word}".strip()
            if font.getlength(candidate) <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _stamp(page: Image.Image, centre: tuple[int, int], words: str) -> Image.Image:
    """A red seal: two rings, its words around them and a star, inked over whatever is printed there (ink on ink
    multiplies: the print under the seal stays dark, the paper turns red)."""
    seal = Image.new("RGB", page.size, (255, 255, 255))
    draw = ImageDraw.Draw(seal)
    red = (215, 40, 50)
    radius = round(0.7 * DPI)
    x, y = centre
    for r, w in ((radius, 7), (radius - 34, 3)):
        draw.ellipse((x - r, y - r, x + r, y + r), outline=red, width=w)
    font = ImageFont.truetype(FONT, 30)
    for index, char in enumerate(words):
        angle = math.radians(200 + index * 300 / max(len(words), 1))
        cx, cy = x + (radius - 18) * math.cos(angle), y + (radius - 18) * math.sin(angle)
        draw.text((cx, cy), char, font=font, fill=red, anchor="mm")
    draw.text((x, y), "★", font=ImageFont.truetype(FONT.replace("Serif", "Sans"), 70), fill=red, anchor="mm")
    return ImageChops.multiply(page, seal)


def scan_pages(text: str, *, skew: float = 1.5, quality: int = 70, size: int = 12, stamp: str = "ỦY BAN NHÂN DÂN") -> list[Image.Image]:
    """`text` printed on A4 pages at DPI (`size` points), each page skewed by `skew` degrees, stamped on its first page
    over the top right corner of the text, as RGB images already through JPEG at `quality`."""
    font = ImageFont.truetype(FONT, round(size * DPI / 72))
    line_height = round(size * DPI / 72 * 1.45)
    lines = _lines(unicodedata.normalize("NFC", text), font, A4[0] - 2 * MARGIN)
    per_page = (A4[1] - 2 * MARGIN) // line_height
    pages = []
    for start in range(0, len(lines), per_page):
        page = Image.new("RGB", A4, (255, 255, 255))
        draw = ImageDraw.Draw(page)
        for row, line in enumerate(lines[start:start + per_page]):
            draw.text((MARGIN, MARGIN + row * line_height), line, font=font, fill=(25, 25, 30))
        if start == 0:
            page = _stamp(page, (A4[0] - MARGIN - round(0.3 * DPI), MARGIN + 5 * line_height), stamp)
        page = page.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
        buffer = io.BytesIO()
        page.save(buffer, "JPEG", quality=quality)
        pages.append(Image.open(io.BytesIO(buffer.getvalue())))
    return pages


def scan_pdf(text: str, **options) -> bytes:
    """The scan as a PDF of JPEG pages (no text layer), as a scanner or a phone app writes it."""
    pages = scan_pages(text, **options)
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    return buffer.getvalue()


def scan_image(text: str, *, format: str = "PNG", **options) -> bytes:
    """The first page alone as an image file (PNG, JPEG or TIFF), as a photo or a scanner's image is uploaded."""
    buffer = io.BytesIO()
    extra = {"compression": "tiff_lzw"} if format == "TIFF" else {}
    scan_pages(text, **options)[0].save(buffer, format, dpi=(DPI, DPI), **extra)
    return buffer.getvalue()


def character_error_rate(found: str, expected: str) -> float:
    """Levenshtein distance over characters, whitespace collapsed, divided by the expected text's length."""
    a, b = (" ".join(unicodedata.normalize("NFC", s).split()) for s in (found, expected))
    previous = list(range(len(a) + 1))
    for j, cb in enumerate(b, start=1):
        current = [j]
        for i, ca in enumerate(a, start=1):
            current.append(min(previous[i] + 1, current[i - 1] + 1, previous[i - 1] + (ca != cb)))
        previous = current
    return previous[-1] / max(len(b), 1)
