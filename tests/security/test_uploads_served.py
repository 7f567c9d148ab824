"""Uploads are never served by path under /media/; their views set Content-Disposition (issue 14, class 10)."""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.documents.services import attachment_add
from mandate.tasks.services import progress_report
from tests.factories import a_document, a_task
from tests.samples import a_pdf, a_png

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_an_upload_is_not_served_by_its_path(client, media, settings, make_user, freeze):
    import importlib

    import mandate.urls

    freeze(dt.date(2025, 7, 20))
    attachment = attachment_add(actor=None, document=a_document(issuing_unit="25.TU.BTV"), upload=SimpleUploadedFile(
        "bien-ban.pdf", a_pdf(("secret",)), content_type="application/pdf"))
    client.force_login(make_user("system_admin", "VN"))
    settings.DEBUG = True  # not even by a development server
    try:
        routes = [str(pattern.pattern) for pattern in importlib.reload(mandate.urls).urlpatterns]
    finally:
        settings.DEBUG = False
        importlib.reload(mandate.urls)
    assert not [route for route in routes if "media" in route]
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_the_operators_guide_does_not_let_the_web_server_hand_out_uploads():
    from pathlib import Path

    guide = (Path(__file__).parents[2] / "docs" / "operations.md").read_text()
    assert "`/media/` from" not in guide and "location /media/" not in guide
    assert "It has no location for `/media/`, and none may be added" in guide


def test_a_pdf_opens_inline_and_anything_else_is_a_download(client, media, make_user, freeze):
    freeze(dt.date(2025, 7, 20))
    document = a_document(issuing_unit="25.TU.BTV")
    pdf = attachment_add(actor=None, document=document, upload=SimpleUploadedFile(
        "Biên bản.pdf", a_pdf(("minutes",)), content_type="application/pdf"))
    text = attachment_add(actor=None, document=document, upload=SimpleUploadedFile(
        "ghi-chu.txt", b"plain notes", content_type="text/html"))  # the type the client claimed is not used
    client.force_login(make_user("viewer", "25"))
    opened = client.get(f"/documents/{document.pk}/attachments/{pdf.pk}/")
    assert opened.status_code == 200 and b"".join(opened.streaming_content) == a_pdf(("minutes",))
    assert opened["Content-Type"] == "application/pdf" and opened["Content-Disposition"].startswith("inline;")
    assert "Bi%C3%AAn%20b%E1%BA%A3n.pdf" in opened["Content-Disposition"]
    downloaded = client.get(f"/api/v1/documents/{document.pk}/attachments/{text.pk}")
    assert downloaded.status_code == 200
    assert downloaded["Content-Type"] == "application/octet-stream" and downloaded["Content-Disposition"].startswith("attachment;")
    assert downloaded["X-Content-Type-Options"] == "nosniff"


def test_evidence_is_downloaded_through_its_task(client, media, make_user, freeze):
    freeze(dt.date(2025, 7, 20))
    reporter = make_user("specialist", "25.TU.BTC")
    task = a_task(lead_unit="25.TU.BTC")
    report = progress_report(actor=reporter, task=task, percent=40, text="Đã họp", files=[SimpleUploadedFile(
        "anh.png", a_png(), content_type="image/png")])
    evidence = report.evidence.get()
    client.force_login(reporter)
    opened = client.get(f"/tasks/{task.pk}/evidence/{evidence.pk}/")
    assert opened.status_code == 200 and opened["Content-Disposition"].startswith("inline;")
    other = a_task(lead_unit="25.TU.BTC")
    assert client.get(f"/tasks/{other.pk}/evidence/{evidence.pk}/").status_code == 404  # not through another task
    client.force_login(make_user("viewer", "01"))
    assert client.get(f"/tasks/{task.pk}/evidence/{evidence.pk}/").status_code == 404
