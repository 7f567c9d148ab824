"""read(): the object of DESIGN.md §4."""
import pytest

from mandate.ingest import read


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Giao Sở Y tế kiểm tra việc thực hiện.", "vi"),
        ("Поручить комитету провести проверку.", "ru"),
        ("Доручити комітету провести перевірку.", "uk"),
        ("The ministry was asked to review it.", "en"),
    ],
)
def test_language_is_detected(text, language):
    assert read(text)["language"] == language


def test_object_has_exactly_the_interface_keys():
    result = read("Giao Sở Y tế kiểm tra trước ngày 1/2/2025 theo Kế hoạch số 3/KH-UBND.")

    assert set(result) == {"language", "document", "references", "tasks"}
    assert set(result["references"][0]) >= {"raw", "number", "type", "issuer", "year", "date", "span"}
    assert set(result["tasks"][0]) >= {"assignee", "unit", "coordinators", "action", "deadline",
                                       "deadline_raw", "product", "span", "unit_confidence", "unit_candidates"}


def test_spans_point_into_the_text():
    text = "Giao Sở Y tế kiểm tra theo Kế hoạch số 3/KH-UBND."
    result = read(text)
    start, end = result["references"][0]["span"]

    assert text[start:end] == "Kế hoạch số 3/KH-UBND"
    assert text[slice(*result["tasks"][0]["span"])].startswith("Giao Sở Y tế")


def test_text_is_read_as_nfc():
    decomposed = "Giao Sở Y tế kiểm tra.".encode().decode()
    import unicodedata

    assert read(unicodedata.normalize("NFD", decomposed))["tasks"][0]["assignee"] == "Sở Y tế"


def test_empty_text_gives_an_empty_object():
    assert read("", language="vi") == {"language": "vi", "document": None, "references": [], "tasks": []}
