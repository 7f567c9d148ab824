"""Uploaded files: text out of .txt, .docx and .pdf, and clear refusals."""
import io

import pytest

from mandate.ingest.files import IngestInputError, extract_text, repair_mojibake

TEXT = "Giao Sở Nội vụ rà soát biên chế."


def test_utf8_text():
    assert extract_text(TEXT.encode("utf-8"), "a.txt") == TEXT


def test_utf8_with_bom_and_utf16():
    assert extract_text(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "a.txt") == TEXT
    assert extract_text(TEXT.encode("utf-16"), "a.txt") == TEXT


def test_windows_cyrillic():
    text = "Поручить комитету провести проверку."

    assert extract_text(text.encode("cp1251"), "a.txt") == text


def test_mojibake_is_repaired():
    broken = TEXT.encode("utf-8").decode("cp1252", errors="replace")

    assert repair_mojibake("Quyáº¿t Ä‘á»‹nh") == "Quyết định"
    assert extract_text(broken.encode("utf-8"), "a.txt") in (TEXT, broken)


def test_docx_paragraphs_and_tables():
    from docx import Document

    document = Document()
    document.add_paragraph(TEXT)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Số: 5/KH-UBND"
    table.cell(0, 1).text = "ngày 1 tháng 2 năm 2025"
    buffer = io.BytesIO()
    document.save(buffer)

    assert extract_text(buffer.getvalue(), "plan.docx") == TEXT + "\nSố: 5/KH-UBND | ngày 1 tháng 2 năm 2025"


def test_pdf_without_text_is_read_as_a_scan_and_refused_when_blank():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)

    with pytest.raises(IngestInputError, match="is a scan in which OCR found no text"):
        extract_text(buffer.getvalue(), "scan.pdf")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "a.txt", "the file is empty"),
        (b"\x00\x01\x02binary", "a.txt", "binary data"),
        (b"   \n  ", "a.txt", "holds no text"),
        (b"PK\x03\x04not really a zip", "a.docx", "not a readable .docx"),
        (b"%PDF-1.4 broken", "a.pdf", "not a readable PDF"),
    ],
)
def test_unreadable_inputs(data, name, message):
    with pytest.raises(IngestInputError, match=message):
        extract_text(data, name)


def test_size_limit():
    with pytest.raises(IngestInputError, match="over the limit of 10 bytes"):
        extract_text(b"x" * 11, "a.txt", limit=10)


def test_ingest_input_error_is_a_value_error():
    assert issubclass(IngestInputError, ValueError)


def test_readable_text_is_repaired_and_normalised():
    from mandate.ingest.files import require_readable

    assert require_readable("  Quyáº¿t Ä‘á»‹nh  ") == "Quyết định"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "holds no text"),
        ("Quyáº¿t Ä‘á»‹nh sá»‘ 5 về việc giao nhiệm vụ", "garbled"),
        ("Quy\ufffdt \ufffd\ufffdnh", "garbled"),
        ("\x01\x02\x03\x04 text", "binary data"),
    ],
)
def test_unreadable_text_is_refused(text, message):
    from mandate.ingest.files import require_readable

    with pytest.raises(IngestInputError, match=message):
        require_readable(text)
