"""Which language a passage is in, and the folded form of text used for matching."""
from __future__ import annotations

import re

LANGUAGES = ("vi", "ru", "uk", "en")

# Letters that only one of the languages uses.
_VIETNAMESE = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
_UKRAINIAN = set("іїєґ")
_RUSSIAN = set("ыэъё")
_CYRILLIC = re.compile(r"[а-яёіїєґ]")


def detect_language(text: str) -> str:
    """Guess vi, ru, uk or en from letter counts (fast and enough for these four)."""
    sample = text[:4000].lower()
    cyrillic = len(_CYRILLIC.findall(sample))
    vietnamese = sum(1 for ch in sample if ch in _VIETNAMESE)
    latin = sum(1 for ch in sample if "a" <= ch <= "z")
    if cyrillic > max(vietnamese, latin // 4):
        ukrainian = sum(1 for ch in sample if ch in _UKRAINIAN)
        russian = sum(1 for ch in sample if ch in _RUSSIAN)
        return "uk" if ukrainian > russian else "ru"
    if vietnamese * 20 > latin:
        return "vi"
    return "en"
