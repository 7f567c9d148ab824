"""Names without diacritics: the one home of folding (core/text.py), used by search and by the reader's matcher."""
from mandate.core.text import fold, fold_words, search_terms, searchable


def test_fold_keeps_punctuation_and_fold_words_drops_it():
    assert fold("  Sở Nội vụ,  Đắk Lắk ") == "so noi vu, dak lak"
    assert fold_words("Sở Nội vụ,  Đắk Lắk!") == "so noi vu dak lak"


def test_fold_words_folds_compatibility_forms_and_keeps_cyrillic_letters():
    assert fold_words("ＵＢＮＤ tỉnh Phú Thọ") == "ubnd tinh phu tho"
    assert fold_words("Департаменту строительства (г. Ханой)") == "департаменту строительства г ханои"
    assert fold_words(None) == "" and fold_words("") == ""


def test_a_search_finds_word_starts_only():
    stored = searchable("Thành phố Việt Trì", "Việt Trì")
    assert all(term in stored for term in search_terms("viet tri"))
    assert " tri" in stored and " ri" not in stored
