"""Decompression and parser bombs, and files that only start like documents, are refused before they cost much.

Each bomb is built here; each check asserts the reason of the refusal and that the file was not read through
(a counting reader, or the memory Python allocated while checking), never how long it took.
"""
import io
import struct
import tracemalloc
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.core import limits
from mandate.core.file_formats import file_errors
from mandate.documents.models import Attachment
from mandate.tasks.models import Evidence
from tests.factories import a_document, a_task
from tests.samples import a_docx, a_pdf, a_png, with_parts


class CountingFile(io.BytesIO):
    """An upload that counts the bytes read from it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data

    def readinto(self, buffer):
        count = super().readinto(buffer)
        self.bytes_read += count
        return count


def refusal(data: bytes, name: str) -> tuple[str | None, int]:
    """The code of the refusal (None when accepted) and how many bytes of the file the check read."""
    stream = CountingFile(data)
    errors = file_errors(stream, name=name, field_name="file")
    assert stream.tell() == 0
    return (errors[0].code if errors else None), stream.bytes_read


def docx_bomb(unpacked: int = 100 * 1024 * 1024) -> bytes:
    """A real Word file whose document.xml is `unpacked` bytes of empty paragraphs."""
    paragraph = b"<w:p/>" * 10_000
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(a_docx())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                target.writestr(item, source.read(item))
        with target.open("word/document.xml", "w") as part:
            part.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            written = 0
            while written < unpacked:
                part.write(paragraph)
                written += len(paragraph)
            part.write(b"</w:body></w:document>")
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return docx_bomb()


def test_a_small_docx_that_unpacks_to_100_mb_is_refused_from_its_table_of_contents(bomb):
    assert len(bomb) < 1024 * 1024  # a few hundred KB on the wire
    code, read = refusal(bomb, "bao-cao.docx")
    assert code == "unpacked_too_large"
    assert read < len(bomb) / 10  # the table of contents at the end, not the parts


def test_a_docx_whose_table_of_contents_lies_is_stopped_while_unpacking(bomb):
    # The declared sizes say 1 KB; the part really unpacks to 100 MB.
    lying = bytearray(bomb)
    name = b"word/document.xml"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := lying.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if lying[name_at:name_at + len(name)] == name:
                lying[start + size_at:start + size_at + 4] = struct.pack("<I", 1024)
            start += 4
    tracemalloc.start()
    try:
        code, _ = refusal(bytes(lying), "bao-cao.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code in ("unreadable", "unpacked_too_large")
    assert peak < 20 * 1024 * 1024


def test_a_zip_of_many_entries_is_refused_before_any_is_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(limits.ZIP_MAX_ENTRIES + 1):
            archive.writestr(f"xl/worksheets/sheet{number}.xml", b"<a/>")
        archive.writestr("[Content_Types].xml", b"<Types/>")
    data = out.getvalue()
    code, read = refusal(data, "so-lieu.xlsx")
    assert code == "too_many_parts"
    assert read < len(data)


def test_a_part_that_unpacks_far_beyond_its_size_is_refused_before_it_is_unpacked():
    data = with_parts(a_docx(), {"word/media/image1.png": b"\x00" * (8 * 1024 * 1024)})  # 8 MB of zeros in ~8 KB
    assert refusal(data, "bao-cao.docx")[0] == "unpacked_too_large"


@pytest.mark.parametrize("part", ["word/embeddings/setup.exe", "word/vbaProject.bin", "word/embeddings/oleObject1.bin",
                                  "../../etc/cron.d/job.xml", "word/activeX/activeX1.bin"])
def test_a_docx_holding_a_program_a_macro_or_a_strange_path_is_refused(part):
    data = with_parts(a_docx(), {part: b"MZ\x90\x00" + b"\x00" * 100})
    assert refusal(data, "bao-cao.docx")[0] == "forbidden_part"


def test_a_zip_holding_only_a_program_named_docx_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("setup.exe", b"MZ\x90\x00" + b"\x00" * 100)
    assert refusal(out.getvalue(), "bao-cao.docx")[0] == "forbidden_part"
    assert refusal(out.getvalue(), "ho-so.zip")[0] == "forbidden_part"


def test_xml_with_entities_inside_a_docx_is_refused():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
              b"<w:document>&lol2;</w:document>")
    assert refusal(with_parts(a_docx(), {"word/document.xml": laughs}), "bao-cao.docx")[0] == "unsafe_xml"


def test_a_docx_that_is_not_a_zip_or_lacks_its_parts_is_refused():
    assert refusal(b"PK\x03\x04not really a zip", "bao-cao.docx")[0] == "unreadable"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.xml", b"<a/>")
    assert refusal(out.getvalue(), "bao-cao.docx")[0] == "unreadable"
    broken = with_parts(a_docx(), {"word/document.xml": b"<w:document><unclosed></w:document>"})
    assert refusal(broken, "bao-cao.docx")[0] == "unreadable"


def test_real_documents_are_accepted():
    assert refusal(a_docx("Điều 1. Phạm vi"), "bao-cao.docx")[0] is None
    assert refusal(a_pdf(), "bao-cao.pdf")[0] is None
    assert refusal(a_png(), "anh.png")[0] is None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("bao-cao.pdf", a_pdf())
        archive.writestr("bao-cao.docx", a_docx())
        archive.writestr("so-lieu.csv", b"a,b\n1,2\n")
    assert refusal(out.getvalue(), "ho-so.zip")[0] is None


@pytest.mark.parametrize("data", [
    b"%PDF-1.4\n<html><script>alert(1)</script></html>",
    b"%PDF-1.7\nMZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 500,
    b"%PDF-1.4 evidence",
    a_pdf()[:200],  # cut short: no table of objects
])
def test_a_pdf_header_followed_by_anything_else_is_refused(data):
    assert refusal(data, "bao-cao.pdf")[0] == "unreadable"


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_header(width: int, height: int) -> bytes:
    """A well-formed PNG that says it is `width` × `height` and holds a few bytes of pixels."""
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + _chunk(b"IEND", b""))


@pytest.mark.parametrize("name, data, code", [
    ("anh.png", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script>", "unreadable"),
    ("anh.png", b"\x89PNG\r\n\x1a\n" + b"MZ" + b"\x00" * 200, "unreadable"),
    ("anh.jpg", b"\xff\xd8\xff<html><script>alert(1)</script>", "unreadable"),
    ("anh.png", a_png()[:-20], "unreadable"),  # the end of the image missing
    ("anh.png", _png_header(100_000, 100_000), "image_too_large"),
    ("anh.png", _png_header(9_000, 9_000), "image_too_large"),
])
def test_a_fake_or_enormous_image_is_refused_without_decoding_it(name, data, code):
    tracemalloc.start()
    try:
        found, _ = refusal(data, name)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found == code
    assert peak < 5 * 1024 * 1024


def test_a_legacy_word_header_followed_by_anything_else_is_refused():
    assert refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"MZ" + b"\x00" * 600, "cong-van.doc")[0] == "unreadable"


@pytest.mark.django_db
def test_the_bomb_is_refused_as_evidence_by_the_api_and_nothing_is_kept(api, make_user, bomb):
    task = a_task(lead_unit="25.TU.BTC")
    api.login(make_user("specialist", "25.TU.BTC"))
    response = api.post_form(f"/tasks/{task.pk}/progress", {
        "percent": 10, "text": "Đã làm", "files": [SimpleUploadedFile("bao-cao.docx", bomb)], "version": 1})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "files", "reason": "bao-cao.docx: unpacks to more than a file may hold",
                                          "code": "unpacked_too_large"}]
    assert Evidence.objects.count() == 0


@pytest.mark.django_db
def test_a_fake_pdf_is_refused_as_an_attachment(api, make_user):
    document = a_document(issuing_unit="25.TU.BTV")
    api.login(make_user("specialist", "25.TU"))
    refused = api.post_form(f"/documents/{document.pk}/attachments",
                            {"file": SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.7\n<html><script>alert(1)</script>")})
    assert refused.status_code == 422
    assert refused.json()["errors"][0] == {"field": "file", "reason": "ke-hoach.pdf: is not a readable PDF file", "code": "unreadable"}
    assert Attachment.objects.count() == 0
    assert api.post_form(f"/documents/{document.pk}/attachments",
                         {"file": SimpleUploadedFile("ke-hoach.pdf", a_pdf())}).status_code == 201


@pytest.mark.django_db
def test_the_bomb_is_refused_by_the_ingest_reader(api, make_user, bomb):
    api.login(make_user("specialist", "25.TU"))
    response = api.post_form("/ingest", {"file": SimpleUploadedFile("chi-thi.docx", bomb)})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"
    assert response.json()["errors"][0]["code"] == "unpacked_too_large"


@pytest.mark.django_db
def test_the_progress_page_shows_the_refusal_in_vietnamese_under_the_evidence(client, make_user, bomb):
    task = a_task(lead_unit="25.TU.BTC")
    client.force_login(make_user("specialist", "25.TU.BTC"))
    response = client.post(f"/tasks/{task.pk}/progress/", {"percent": 10, "text": "Đã làm", "version": task.version,
                                                            "files": [SimpleUploadedFile("bao-cao.docx", bomb)]})
    assert response.status_code == 422
    assert "giải nén ra nhiều hơn mức một tệp được phép" in response.content.decode()
    assert Evidence.objects.count() == 0
