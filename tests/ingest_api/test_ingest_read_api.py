"""POST /api/v1/ingest: the DESIGN §4 object, units from the register, citations looked up; bad input is a 422."""
import io

import pytest

from phu_tho_directive import DAY, DIRECTIVE
from tests.samples import a_pdf

pytestmark = pytest.mark.django_db


def _docx(text: str) -> bytes:
    from docx import Document

    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(lines: list[str] | None) -> bytes:
    """A one-page PDF; with no lines it has no text layer, as a scan."""
    return a_pdf(tuple(lines or ()))


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_reading_gives_the_design_object_with_units_of_the_home_province(api, specialist):
    response = api.login(specialist).post("/ingest", {"text": DIRECTIVE})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"language", "document", "references", "tasks"}
    assert body["language"] == "vi"
    assert body["document"] == {"number": "07", "type": "CT", "issuer": "TU", "year": None, "date": "2025-07-18",
                                "title": "CHỈ THỊ VỀ TỔ CHỨC ĐẠI HỘI ĐẢNG BỘ CẤP XÃ VÀ VẬN HÀNH CHÍNH QUYỀN HAI CẤP"}
    assert [(r["raw"], r["date"], r.get("self", False), r["registered_id"]) for r in body["references"]] == [
        ("Số: 07-CT/TU", "2025-07-18", True, None),
        ("Kết luận số 177-KL/TW", "2025-07-11", False, None),
        ("Kế hoạch số 02-KH/BCĐTW", "2025-06-19", False, None),
        ("Quyết định số 204-QĐ/TW", "2024-11-29", False, None),
    ]
    tasks = body["tasks"]
    assert [(t["assignee"], t["unit"], t["deadline"]) for t in tasks] == [
        ("Ban Tổ chức Tỉnh ủy", "25.TU.BTC", "2025-07-25"),
        ("Ủy ban nhân dân tỉnh", "25.UBND", "2025-08-15"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", tasks[2]["unit"], None),
        ("Ủy ban Kiểm tra Tỉnh ủy", "25.TU.UBKT", "2025-09-30"),
        ("Văn phòng Tỉnh ủy", "25.TU.VP", None),
    ]
    first = tasks[0]
    assert set(first) == {"assignee", "unit", "unit_confidence", "unit_candidates", "coordinators", "coordinator_units",
                          "action", "deadline", "deadline_raw", "product", "span"}
    assert first["coordinators"] == ["Đảng ủy Ủy ban nhân dân tỉnh"]
    assert first["coordinator_units"] == ["25.UBND"]  # the same matcher and province as the lead unit
    assert first["unit_confidence"] == 0.998
    assert first["unit_candidates"][0] == {"unit": "25.TU.BTC", "score": 0.998}
    assert first["unit_candidates"][1]["score"] < 0.998
    assert len(first["unit_candidates"]) == 5
    start, end = first["span"]
    assert DIRECTIVE[start:end].startswith("Giao Ban Tổ chức Tỉnh ủy chủ trì")
    assert tasks[4]["deadline_raw"] == "hằng tháng"


def test_a_province_given_in_the_request_wins_ties(api, make_user, freeze):
    freeze(DAY)
    admin = make_user(is_superuser=True)

    unasked = api.login(admin).post("/ingest", {"text": DIRECTIVE}).json()
    asked = api.login(admin).post("/ingest", {"text": DIRECTIVE, "province": "25"}).json()

    assert unasked["tasks"][1]["unit"] is None  # 34 provinces' People's Committees tie: a person chooses
    assert unasked["tasks"][1]["unit_confidence"] == 0.957
    assert asked["tasks"][1]["unit"] == "25.UBND"
    # The coordinators are matched in the same province as the lead unit: none chosen when the provinces tie.
    assert (unasked["tasks"][0]["coordinator_units"], asked["tasks"][0]["coordinator_units"]) == ([], ["25.UBND"])


def test_a_cited_document_of_the_register_carries_its_id(api, specialist, unit):
    from mandate.documents.services import RelationSpec, document_register

    plan = document_register(actor=None, issuing_unit=unit("25.TU"), type="KH", number="02-KH/TU", issued_on=DAY,
                             title="Kế hoạch của Ban Thường vụ Tỉnh ủy")
    text = "Thực hiện Kế hoạch số 02-KH/TU ngày 20/7/2025 của Ban Thường vụ Tỉnh ủy và Kết luận số 177-KL/TW ngày 11/7/2025."
    document_register(actor=None, issuing_unit=unit("25.TU"), type="CV", issued_on=DAY, title="Công văn",
                      relations=[RelationSpec("cites", number="177-KL/TW")])  # leaves 177-KL/TW as an unregistered stub

    body = api.login(specialist).post("/ingest", {"text": text}).json()

    assert [(r["number"], r["registered_id"]) for r in body["references"]] == [("02", plan.pk), ("177", None)]


def test_a_citation_with_another_date_is_not_that_document(api, specialist, unit):
    from mandate.documents.services import document_register

    document_register(actor=None, issuing_unit=unit("25.TU"), type="KH", number="02-KH/TU", issued_on=DAY, title="Kế hoạch")

    body = api.login(specialist).post("/ingest", {"text": "Thực hiện Kế hoạch số 02-KH/TU ngày 15/7/2025."}).json()

    assert body["references"][0]["registered_id"] is None


def test_language_can_be_given(api, specialist):
    body = api.login(specialist).post("/ingest", {"text": "Giao Sở Y tế chủ trì báo cáo trước ngày 10/10/2025.",
                                                  "language": "vi"}).json()

    assert body["language"] == "vi"


def test_a_docx_upload_is_read(api, specialist):
    response = api.login(specialist).post_form("/ingest", {"file": _upload("chi-thi.docx", _docx(DIRECTIVE)),
                                                           "province": "25"})

    assert response.status_code == 200
    assert response.json()["document"]["number"] == "07"
    assert [t["unit"] for t in response.json()["tasks"]][:2] == ["25.TU.BTC", "25.UBND"]


def test_a_pdf_with_text_is_read(api, specialist):
    pdf = _pdf(["Giao So Y te chu tri, bao cao truoc ngay 10/10/2025.", "Ke hoach so 05-KH/TU ngay 1/7/2025."])

    response = api.login(specialist).post_form("/ingest", {"file": _upload("ke-hoach.pdf", pdf)})

    assert response.status_code == 200
    assert [(r["number"], r["type"], r["issuer"]) for r in response.json()["references"]] == [("05", "KH", "TU")]


def test_a_utf8_text_file_is_read(api, specialist):
    response = api.login(specialist).post_form("/ingest", {"file": _upload("chi-thi.txt", DIRECTIVE.encode("utf-8"))})

    assert response.status_code == 200
    assert len(response.json()["tasks"]) == 5


def _refusal(response, field: str) -> str:
    assert response.status_code == 422, response.content
    body = response.json()
    assert [e["field"] for e in body["errors"]] == [field]
    return body["errors"][0]["reason"]


@pytest.mark.parametrize(
    ("payload", "field", "reason"),
    [
        ({"text": ""}, "text", "give the text of the directive"),
        ({"text": "   \n "}, "text", "give the text of the directive"),
        ({}, "text", "give the text of the directive"),
        ({"text": 5}, "text", "must be a text"),
        ({"text": "\x00\x01\x02\x03 binary"}, "text", "binary data"),
        ({"text": "Quyáº¿t Ä‘á»‹nh sá»‘ 5 về việc giao nhiệm vụ cho Sở"}, "text", "garbled"),
        ({"text": "Giao Sở Y tế", "language": "fr"}, "language", "'fr' is not one of vi, ru, uk, en"),
        ({"text": "Giao Sở Y tế", "province": "99"}, "province", "no province with code '99'"),
    ],
)
def test_bad_json_input_is_refused_naming_the_field(api, specialist, payload, field, reason):
    assert reason in _refusal(api.login(specialist).post("/ingest", payload), field)


def test_mojibake_that_can_be_repaired_is_read(api, specialist):
    garbled = "Giao Sở Y tế chủ trì báo cáo trước ngày 10/10/2025.".encode().decode("cp1252", errors="replace")

    response = api.login(specialist).post("/ingest", {"text": garbled})

    assert response.status_code == 200
    assert response.json()["tasks"][0]["assignee"] == "Sở Y tế"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("binary.txt", b"\x00\x01\x02\x03\x04binary", "binary data"),
        ("garbled.txt", "Quyáº¿t Ä‘á»‹nh sá»‘ 5 về việc giao nhiệm vụ".encode(), "garbled"),
        ("report.xlsx", b"PK\x03\x04", "only .txt, .docx, .pdf, .png, .jpg, .jpeg, .tif, .tiff files can be read"),
        ("no-extension", b"Giao So Y te", "only .txt, .docx, .pdf, .png, .jpg, .jpeg, .tif, .tiff files can be read"),
        ("broken.docx", b"PK\x03\x04not a zip", "not a readable .docx"),
        ("broken.pdf", b"%PDF-1.4 broken", "not a readable PDF"),
        ("scan.pdf", _pdf(None), "is a scan in which OCR found no text"),
    ],
)
def test_bad_files_are_refused_naming_the_file(api, specialist, name, data, reason):
    assert reason in _refusal(api.login(specialist).post_form("/ingest", {"file": _upload(name, data)}), "file")


def test_a_multipart_request_without_a_file_is_refused(api, specialist):
    assert "upload a .txt, .docx or .pdf file" in _refusal(api.login(specialist).post_form("/ingest", {"language": "vi"}), "file")


def test_a_20_mb_file_is_refused(api, specialist):
    big = _upload("big.txt", b"Giao So Y te. " * (20 * 1024 * 1024 // 14))

    assert "over the limit of 10485760 bytes" in _refusal(api.login(specialist).post_form("/ingest", {"file": big}), "file")


def test_a_20_mb_json_body_is_refused(api, specialist):
    response = api.login(specialist).post("/ingest", {"text": "Giao Sở Y tế. " * (20 * 1024 * 1024 // 16)})

    assert response.status_code == 413
    assert response.json()["errors"] == [{"field": "request", "reason": "the request is larger than 10485760 bytes",
                                          "code": "too_large"}]


def test_a_body_that_is_not_json_is_refused(api, specialist, client):
    response = client.post("/api/v1/ingest", b"\xff\xfe not json", content_type="application/json", **api.login(specialist).headers)

    assert _refusal(response, "text")


def test_reading_writes_nothing(api, specialist):
    from mandate.audit.models import AuditRecord
    from mandate.documents.models import Document
    from mandate.tasks.models import Task

    client = api.login(specialist)
    before = (Document.objects.count(), Task.objects.count(), AuditRecord.objects.count())

    client.post("/ingest", {"text": DIRECTIVE})
    client.post("/ingest", {"text": ""})

    assert (Document.objects.count(), Task.objects.count(), AuditRecord.objects.count()) == before


def test_reading_needs_a_signed_in_user(api):
    assert api.post("/ingest", {"text": DIRECTIVE}).status_code == 401
