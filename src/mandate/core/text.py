"""Vietnamese text: stored NFC, searched without diacritics."""
import re
import unicodedata


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


def fold(value: str) -> str:
    """Lower-case and strip diacritics so that "Ha Noi" finds "Hà Nội" (đ is a letter, not a mark)."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.lower().split())


def fold_words(value: str | None) -> str:
    """The form names are matched in: case, accents and punctuation folded (Đ to D, compatibility forms such as
    fullwidth letters to their plain ones), Latin and Cyrillic letters and digits kept, words apart by one space."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFKD", value.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-zа-яёіїєґ]+", " ", bare.casefold()).strip()


def searchable(*parts: str) -> str:
    """The folded form kept beside a name for search; words start after a space."""
    return f" {fold(' '.join(p for p in parts if p))} "


def search_terms(query: str) -> list[str]:
    """Each word of a query as a word start: ' ha' finds 'Hà Nội' but not 'nhân'."""
    return [f" {word}" for word in fold(query).split()]


def shorten(value: str, limit: int) -> str:
    """`value` cut to at most `limit` characters at a space, never inside a word, with '…' when something was left out."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    cut = value[: limit - 1].rsplit(" ", 1)[0] if " " in value[: limit] else value[: limit - 1]
    return cut.rstrip(" ,;:-–") + "…"


def wrap_words(value: str, width: int, *, lines: int = 2) -> list[str]:
    """`value` as at most `lines` lines of at most `width` characters, broken between words; the last line shortened."""
    words, result, line = " ".join(value.split()).split(" "), [], ""
    for index, word in enumerate(words):
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width or not line:
            line = candidate
            continue
        result.append(line)
        if len(result) == lines - 1:
            return [*result, shorten(" ".join(words[index:]), width)]
        line = word
    return [*result, shorten(line, width)] if line else result
