"""Scans (a PDF without a text layer, an image) are read by OCR: made here from a real directive as scans really are
(200 dpi, skewed 1.5°, a red stamp over a corner, JPEG), read through `mandate ingest` and the ingest API; when OCR
is not installed (the setting names a program that is not there) the refusal says so in the reader's language."""
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from mandate.documents.files import IngestInputError, extract_text
from mandate.documents.ocr import cleaned, otsu_threshold, paragraphs
from tests.ingest.scans import character_error_rate, scan_image, scan_pdf
from tests.ingest_api.phu_tho_directive import DIRECTIVE

ROOT = Path(__file__).resolve().parents[2]
# What the reader finds in the directive's own text: each task's assignee and deadline.
EXPECTED = [("Ban Tổ chức Tỉnh ủy", "2025-07-25"), ("Ủy ban nhân dân tỉnh", "2025-08-15"),
            ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", None), ("Ủy ban Kiểm tra Tỉnh ủy", "2025-09-30"),
            ("Văn phòng Tỉnh ủy", None)]


@pytest.fixture(scope="module")
def scanned_pdf() -> bytes:
    return scan_pdf(DIRECTIVE)


def _mandate(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mandate", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **env}, timeout=120)


def test_a_scanned_pdf_is_read_by_mandate_ingest_with_every_task_its_lead_and_deadline(scanned_pdf, tmp_path):
    path = tmp_path / "chi-thi-scan.pdf"
    path.write_bytes(scanned_pdf)

    result = _mandate("ingest", "--format", "json", "--no-units", str(path))

    assert result.returncode == 0, result.stderr
    reading = json.loads(result.stdout)
    assert reading["language"] == "vi"
    assert [(t["assignee"], t["deadline"]) for t in reading["tasks"]] == EXPECTED
    assert reading["tasks"][0]["coordinators"] == ["Đảng ủy Ủy ban nhân dân tỉnh"]
    assert reading["document"]["number"] == "07" and reading["document"]["date"] == "2025-07-18"


def test_the_scan_is_read_within_two_percent_of_its_characters(scanned_pdf):
    # The PDF holds JPEG pages and nothing else: no text layer for pypdf to find.
    assert b"/Font" not in scanned_pdf and b"/DCTDecode" in scanned_pdf

    text = extract_text(scanned_pdf, "scan.pdf", language="vi")

    error_rate = character_error_rate(text, DIRECTIVE)
    assert error_rate < 0.02, f"CER {error_rate:.4f}:\n{text}"


def test_the_red_stamp_is_taken_out_before_reading():
    page = Image.open(io.BytesIO(scan_image("Giao Sở Y tế chủ trì.\n" * 12))).convert("RGB")
    red_pixels = [(x, y) for x in range(0, page.width, 4) for y in range(0, page.height // 3, 4)
                  if (lambda r, g, b: r > 150 and g < 110 and b < 110)(*page.getpixel((x, y)))]
    assert len(red_pixels) > 200  # the stamp is there, over the text's corner

    clean = cleaned(page)

    assert [level for level, count in enumerate(clean.histogram()) if count] == [0, 255]
    assert sum(clean.getpixel(p) == 255 for p in red_pixels) / len(red_pixels) > 0.95
    assert 60 < otsu_threshold(page.getchannel("R").histogram()) < 230


@pytest.mark.django_db
def test_a_scanned_image_uploaded_to_the_api_gives_the_tasks_with_their_units(api, make_user, freeze):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from tests.ingest_api.phu_tho_directive import DAY

    freeze(DAY)
    specialist = make_user("specialist", "25.TU", username="chuyenvien")
    upload = SimpleUploadedFile("chi-thi.jpg", scan_image(DIRECTIVE, format="JPEG"))

    response = api.login(specialist).post_form("/ingest", {"file": upload, "language": "vi"})

    assert response.status_code == 200, response.content
    tasks = response.json()["tasks"]
    assert [(t["assignee"], t["deadline"]) for t in tasks] == EXPECTED
    assert [t["unit"] for t in tasks if t["assignee"] != "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"] == [
        "25.TU.BTC", "25.UBND", "25.TU.UBKT", "25.TU.VP"]


def test_without_ocr_the_command_says_the_file_is_a_scan_and_ocr_is_missing(scanned_pdf, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf)

    result = _mandate("ingest", "--format", "json", "--no-units", str(path), MANDATE_OCR_COMMAND=str(tmp_path / "no-tesseract"))

    assert result.returncode == 2
    assert "is a scan (it has no text layer) and OCR is not installed on the server" in result.stderr


@pytest.mark.django_db
def test_without_ocr_the_api_and_the_page_say_so_in_the_readers_language(api, client, make_user, freeze, settings, scanned_pdf, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from tests.ingest_api.phu_tho_directive import DAY

    settings.MANDATE_OCR_COMMAND = str(tmp_path / "no-tesseract")  # a program that is not there: OCR not installed
    freeze(DAY)
    specialist = make_user("specialist", "25.TU", username="chuyenvien")

    response = api.login(specialist).post_form("/ingest", {"file": SimpleUploadedFile("scan.pdf", scanned_pdf)})

    assert response.status_code == 422
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [("file", "ocr_not_installed")]
    assert "OCR is not installed on the server" in response.json()["message"]

    client.force_login(specialist)
    page = client.post("/ingest/", {"file": SimpleUploadedFile("scan.pdf", scanned_pdf)}, HTTP_ACCEPT_LANGUAGE="vi")
    assert page.status_code == 422
    html = page.content.decode()
    assert "là bản quét" in html and "OCR" in html and "chưa được cài" in html
    assert "không tìm thấy" not in html.lower()


def test_a_blank_scan_is_refused_as_holding_no_text():
    blank = io.BytesIO()
    Image.new("RGB", (827, 1170), "white").save(blank, "PDF", resolution=100)

    with pytest.raises(IngestInputError, match="OCR found no text") as refused:
        extract_text(blank.getvalue(), "blank.pdf")
    assert refused.value.code == "ocr_no_text"


def test_a_tiff_of_more_pages_than_ocr_reads_is_refused():
    from mandate.core.limits import OCR_MAX_PAGES

    pages = [Image.new("L", (200, 200), 255) for _ in range(OCR_MAX_PAGES + 1)]
    buffer = io.BytesIO()
    pages[0].save(buffer, "TIFF", save_all=True, append_images=pages[1:])

    with pytest.raises(IngestInputError, match="more pages than OCR reads") as refused:
        extract_text(buffer.getvalue(), "many.tif")
    assert refused.value.code == "too_many_pages"


def test_an_image_whose_header_claims_too_many_pixels_is_refused_before_decoding():
    buffer = io.BytesIO()
    Image.new("L", (10, 10), 255).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    data[16:24] = (100_000).to_bytes(4, "big") * 2  # IHDR width and height: 10^10 pixels

    with pytest.raises(IngestInputError) as refused:
        extract_text(bytes(data), "bomb.png")
    assert refused.value.code in ("image_too_large", "unreadable")


def test_wrapped_lines_are_joined_and_short_lines_lists_and_ranges_kept():
    printed = [("TỈNH ỦY PHÚ THỌ", 400), ("1. Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Đảng ủy Ủy ban nhân dân", 1500),
               ("tỉnh tham mưu kiện toàn cán bộ, giai đoạn 2021", 1490), ("- 2025, báo cáo trước ngày 25/7/2025.", 700),
               ("2.1.Осуществлять координацию", 600), ("- Sở Tài chính bố trí kinh phí;", 650)]
    words = {key: [] for key in ("text", "block_num", "par_num", "line_num", "left", "width", "height")}
    for line_number, (line, right) in enumerate(printed, start=1):
        parts = line.split()
        for index, word in enumerate(parts):  # the words spread evenly up to the line's right edge
            left = 100 + (right - 100) * index // len(parts)
            for key, value in (("text", word), ("block_num", 1), ("par_num", 1), ("line_num", line_number), ("left", left),
                               ("width", (right - 100) // len(parts) - 12), ("height", 40)):
                words[key].append(value)

    assert paragraphs(words).split("\n") == [
        "TỈNH ỦY PHÚ THỌ",
        "1. Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Đảng ủy Ủy ban nhân dân tỉnh tham mưu kiện toàn cán bộ, giai "
        "đoạn 2021 - 2025, báo cáo trước ngày 25/7/2025.",
        "2.1.Осуществлять координацию",
        "- Sở Tài chính bố trí kinh phí;",
    ]


def test_a_russian_scan_is_read_by_the_cyrillic_models_without_being_told_its_language():
    text = ("В целях реализации программы, утвержденной постановлением администрации района от 19 августа 2016 г. N 775, "
            "администрация района постановляет:\n1. Финансовому управлению района (Гусева О. А.) обеспечить мониторинг "
            "выполнения Плана мероприятий до 1 марта 2017 года.\n2. Контроль за исполнением постановления возложить на ОВА.")

    found = extract_text(scan_pdf(text, stamp="АДМИНИСТРАЦИЯ"), "scan.pdf")

    assert character_error_rate(found, text) < 0.02, found
    assert "N 775" in found and "ОВА" in found and "Финансовому управлению района" in found


def test_a_page_photographed_on_its_side_is_turned_upright():
    page = Image.open(io.BytesIO(scan_image(DIRECTIVE))).rotate(90, expand=True)
    buffer = io.BytesIO()
    page.save(buffer, "PNG")

    assert character_error_rate(extract_text(buffer.getvalue(), "sideways.png"), DIRECTIVE) < 0.02
