"""English in a page a person reads: found by the function words an English sentence can hardly do without and
that Vietnamese, Russian and Ukrainian texts never write (the page sweep and the browser tests use it)."""
import re
from html.parser import HTMLParser

ENGLISH = {"the", "not", "no", "is", "are", "cannot", "you", "your", "this", "that", "of", "and", "be", "been",
           "with", "for", "has", "have", "such", "was", "there", "must", "only", "any", "may", "yet", "before",
           "after", "which", "one", "here", "none"}
VISIBLE_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")


class _Reader(HTMLParser):
    """The text of a page a person reads: no scripts, styles or code."""

    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "code", "pre"):
            self._hidden += 1
        self.parts.extend(value for name, value in attrs if name in VISIBLE_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code", "pre") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def english_in(html: str) -> list[str]:
    """The pieces of readable text that carry English words."""
    reader = _Reader()
    reader.feed(html)
    found = []
    for part in reader.parts:
        words = {word.lower() for word in re.findall(r"[A-Za-z]+", part)}
        if words & ENGLISH:
            found.append(" ".join(part.split())[:160])
    return found
