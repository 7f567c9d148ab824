"""Charts as SVG made here, with no outside service: the pages show them and the PDF exports embed them.

Each chart is an `<svg role="img">` with a <title> and <desc> that say in words what it shows, text
labels on every bar, and colours that are not the only carrier of meaning (every value is written).
"""
import hashlib
from dataclasses import dataclass
from xml.sax.saxutils import escape

from mandate.core.text import wrap_words

FONT = "DejaVu Sans, Arial, sans-serif"
# The widest a character of the labels (12 px) and of the titles (13 px, bold) is taken to be, in px: a line
# of text is broken at a word before it could reach the edge of its room.
LABEL_CHARACTER_WIDTH = 7
TITLE_CHARACTER_WIDTH = 8
COLOURS = {
    "completed_on_time": "#2e7d32", "completed_late": "#b26a00", "within_deadline": "#1565c0",
    "due_soon": "#e65100", "overdue": "#c62828", "neutral": "#546e7a",
}


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: str = COLOURS["neutral"]
    href: str = ""
    text: str = ""  # what is written beside the bar; the value when empty


def _svg(width: int, height: int, title: str, desc: str, body: list[str], *, links: bool = False) -> str:
    # An image's parts are hidden from assistive technology, so a chart whose bars are links is a group of them,
    # named by its title and described by its words, not an image (axe-core: nested-interactive).
    role = "group" if links else "img"
    key = "chart-" + hashlib.sha1((title + desc).encode()).hexdigest()[:10]  # ids unique among a page's charts
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" role="{role}" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-labelledby="{key}-t" '
            f'aria-describedby="{key}-d" font-family="{FONT}" font-size="12">'
            f'<title id="{key}-t">{escape(title)}</title><desc id="{key}-d">{escape(desc)}</desc>' + "".join(body) + "</svg>")


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".") if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def horizontal_bars(*, title: str, bars: list[Bar], width: int = 640, label_width: int = 220, maximum: float | None = None) -> str:
    """One bar per row, label on the left, value on the right; links when a bar has an `href`."""
    # A label fits its column: broken between words onto two lines (a row grows for them), never cut by the edge.
    labels = [wrap_words(bar.label, max((label_width - 10) // LABEL_CHARACTER_WIDTH, 8)) for bar in bars]
    row = 36 if any(len(lines) > 1 for lines in labels) else 24
    title_lines = wrap_words(title, (width - 10) // TITLE_CHARACTER_WIDTH)
    head = 12 + 16 * len(title_lines)
    height = head + row * max(len(bars), 1)
    top = max([b.value for b in bars] + [maximum or 0, 1])
    span = width - label_width - 70
    body = [f'<text x="0" y="{16 + 16 * index}" font-weight="bold" font-size="13">{escape(line)}</text>'
            for index, line in enumerate(title_lines)]
    for index, bar in enumerate(bars):
        y = head - 2 + index * row
        middle = y + row / 2
        length = 0 if top == 0 else round(span * bar.value / top, 1)
        lines = labels[index]
        first = middle + 4 - 7 * (len(lines) - 1)
        label = "".join(f'<tspan x="{label_width - 6}" y="{first + 14 * i:g}">{escape(line)}</tspan>' for i, line in enumerate(lines))
        item = (f'<text text-anchor="end">{label}</text>'
                f'<rect x="{label_width}" y="{middle - 8:g}" width="{length}" height="16" fill="{bar.colour}" rx="2"/>'
                f'<text x="{label_width + length + 6}" y="{middle + 4:g}">{escape(bar.text or _number(bar.value))}</text>')
        if bar.href:
            item = f'<a href="{escape(bar.href)}" xlink:href="{escape(bar.href)}">{item}</a>'
        body.append(f"<g>{item}</g>")
    desc = "; ".join(f"{b.label}: {b.text or _number(b.value)}" for b in bars)
    return _svg(width, height, title, desc, body, links=any(bar.href for bar in bars))


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    values: list[float]


def stacked_columns(*, title: str, categories: list[str], series: list[Series], width: int = 640, height: int = 260,
                    hrefs: list[str] | None = None) -> str:
    """One column per category (e.g. a month), its parts stacked; a legend names each part."""
    left, bottom, top_margin = 44, 40, 48
    plot_h = height - bottom - top_margin
    n = max(len(categories), 1)
    slot = (width - left - 10) / n
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    top = max(totals + [1])
    body = [f'<text x="0" y="16" font-weight="bold" font-size="13">{escape(title)}</text>']
    x_legend = 0
    for s in series:
        body.append(f'<rect x="{x_legend}" y="26" width="10" height="10" fill="{s.colour}"/>'
                    f'<text x="{x_legend + 14}" y="35" font-size="11">{escape(s.label)}</text>')
        x_legend += 24 + 7 * len(s.label)
    base = top_margin + plot_h
    body.append(f'<line x1="{left}" y1="{base}" x2="{width - 6}" y2="{base}" stroke="#90a4ae"/>')
    body.append(f'<text x="{left - 6}" y="{top_margin + 10}" text-anchor="end" font-size="10">{_number(top)}</text>')
    for i, category in enumerate(categories):
        x = left + i * slot + slot * 0.15
        w = slot * 0.7
        y = base
        parts = []
        for s in series:
            h = plot_h * s.values[i] / top
            if h > 0:
                y -= h
                parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{s.colour}">'
                             f'<title>{escape(category)} — {escape(s.label)}: {_number(s.values[i])}</title></rect>')
        parts.append(f'<text x="{x + w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="10">{_number(totals[i])}</text>')
        parts.append(f'<text x="{x + w / 2:.1f}" y="{base + 14}" text-anchor="middle" font-size="10">{escape(category)}</text>')
        group = "".join(parts)
        if hrefs and hrefs[i]:
            group = f'<a href="{escape(hrefs[i])}" xlink:href="{escape(hrefs[i])}">{group}</a>'
        body.append(f"<g>{group}</g>")
    desc = "; ".join(f"{c}: " + ", ".join(f"{s.label} {_number(s.values[i])}" for s in series)
                     for i, c in enumerate(categories))
    return _svg(width, height, title, desc, body, links=bool(hrefs and any(hrefs)))
