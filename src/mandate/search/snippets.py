"""The words of a hit, with what was searched for marked: the text as written, found as folded."""
from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mandate.core.text import fold

SNIPPET_CHARS = 220


def _folded_letters(text: str) -> str:
    """`core.text.fold` letter by letter, so that the folded text keeps the original's positions."""
    out = []
    for letter in text:
        folded = fold(letter)
        out.append(folded if len(folded) == 1 else letter.lower()[:1] or " ")
    return "".join(out)


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    folded = _folded_letters(text)
    spans = []
    for word in {_folded_letters(w) for w in words if w}:
        spans += [(m.start(), m.end()) for m in re.finditer(r"(?<![^\W_])" + re.escape(word), folded)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, words: list[str], *, width: int | None = None) -> SafeString:
    """`text` escaped, each word that starts with a searched word in <mark>; cut to `width` characters around the
    first of them (with … where it was cut) when a width is given."""
    text = " ".join(text.split())
    spans = _spans(text, words)
    start, end = _window(text, spans, width)
    parts, at = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts += [escape(text[at:span_start]), "<mark>", escape(text[span_start:span_end]), "</mark>"]
        at = span_end
    parts.append(escape(text[at:end]))
    return mark_safe(("…" if start > 0 else "") + "".join(parts) + ("…" if end < len(text) else ""))  # noqa: S308


def _window(text: str, spans: list[tuple[int, int]], width: int | None) -> tuple[int, int]:
    if width is None or len(text) <= width:
        return 0, len(text)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 4, len(text) - width))
    return start, start + width


def excerpt(text: str, words: list[str], *, width: int) -> str:
    """The plain text of `highlight`: `width` characters around the first searched word."""
    text = " ".join(text.split())
    start, end = _window(text, _spans(text, words), width)
    return ("…" if start > 0 else "") + text[start:end] + ("…" if end < len(text) else "")
