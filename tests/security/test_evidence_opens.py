"""Evidence that opens (issue 15, item 3): each uploaded file is a link on the page that shows it, and the link hands
it out only to those who may see its task or document — their clearance included — on the pages and the API alike;
a refused upload says on the page why, file by file, in the reader's language."""
import datetime as dt
import re

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.accounts.models import Role
from mandate.accounts.services import token_create
from mandate.core.secrecy import Secrecy
from mandate.documents.services import attachment_add
from mandate.tasks.models import Evidence, ProgressReport
from tests.factories import a_document, a_task
from tests.english import english_in
from tests.samples import a_pdf, a_png

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _links(html: str, marker: str) -> dict[str, str]:
    """The file links of a page: name → address."""
    return {name: href for href, name in re.findall(rf'<a href="([^"]+)" {marker}="\d+">([^<]+)</a>', html)}


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _reported(client, make_user, task, files):
    reporter = make_user(Role.SPECIALIST, "25.TU.BTC")
    client.force_login(reporter)
    response = client.post(f"/tasks/{task.pk}/progress/", {"percent": 40, "text": "Đã họp triển khai", "version": task.version,
                                                           "files": files})
    assert response.status_code == 302
    return reporter


def test_evidence_is_a_link_on_the_task_page_and_opens_for_those_who_may_see_the_task(client, make_user, freeze):
    freeze(dt.date(2025, 7, 20))
    task = a_task(lead_unit="25.TU.BTC")
    _reported(client, make_user, task, [SimpleUploadedFile("Biên bản họp.pdf", a_pdf(("bien ban",))),
                                       SimpleUploadedFile("anh.png", a_png()),
                                       SimpleUploadedFile("so-lieu.csv", b"xa,ty le\nViet Tri,90\n")])
    client.force_login(make_user(Role.VIEWER, "25"))  # a reader of the province, not the reporter
    page = client.get(f"/tasks/{task.pk}/")
    links = _links(page.content.decode(), "data-evidence")
    assert sorted(links) == ["Biên bản họp.pdf", "anh.png", "so-lieu.csv"]
    pdf, png, csv = (client.get(links[name]) for name in ("Biên bản họp.pdf", "anh.png", "so-lieu.csv"))
    assert [r.status_code for r in (pdf, png, csv)] == [200, 200, 200]
    assert _body(pdf) == a_pdf(("bien ban",)) and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("inline;") and "Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf" in pdf["Content-Disposition"]
    assert png["Content-Type"] == "image/png" and png["Content-Disposition"].startswith("inline;")
    assert csv["Content-Type"] == "application/octet-stream" and csv["Content-Disposition"].startswith("attachment;")
    assert csv["Content-Security-Policy"] == "sandbox" and csv["X-Content-Type-Options"] == "nosniff"

    # Another province's reader sees neither the page nor the file, on the page or through the API.
    outsider = make_user(Role.VIEWER, "01")
    client.force_login(outsider)
    assert client.get(f"/tasks/{task.pk}/").status_code == 404
    assert client.get(links["anh.png"]).status_code == 404
    evidence = Evidence.objects.get(name="anh.png")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token_create(actor=None, user=outsider)}"}
    assert client.get(f"/api/v1/tasks/{task.pk}/evidence/{evidence.pk}", **bearer).status_code == 404
    reader = {"HTTP_AUTHORIZATION": f"Bearer {token_create(actor=None, user=make_user(Role.VIEWER, '25'))}"}
    allowed = client.get(f"/api/v1/tasks/{task.pk}/evidence/{evidence.pk}", **reader)
    assert allowed.status_code == 200 and _body(allowed) == a_png()


def test_the_evidence_of_a_confidential_task_opens_only_with_clearance(client, make_user, freeze):
    freeze(dt.date(2025, 7, 20))
    task = a_task(lead_unit="25.TU.BTC", document=a_document(secrecy=Secrecy.SECRET), secrecy=Secrecy.SECRET)
    reporter = make_user(Role.SPECIALIST, "25.TU.BTC", clearance=Secrecy.SECRET)
    client.force_login(reporter)
    assert client.post(f"/tasks/{task.pk}/progress/", {"percent": 10, "text": "Đã bắt đầu", "version": task.version,
                                                       "files": [SimpleUploadedFile("mat.pdf", a_pdf())]}).status_code == 302
    evidence = Evidence.objects.get()
    path = f"/tasks/{task.pk}/evidence/{evidence.pk}/"
    cleared, uncleared = make_user(Role.VIEWER, "25", clearance=Secrecy.SECRET), make_user(Role.VIEWER, "25")
    client.force_login(cleared)
    assert _links(client.get(f"/tasks/{task.pk}/").content.decode(), "data-evidence") == {"mat.pdf": path}
    assert client.get(path).status_code == 200
    client.force_login(uncleared)
    assert client.get(path).status_code == 404
    assert client.get(f"/api/v1/tasks/{task.pk}/evidence/{evidence.pk}",
                      HTTP_AUTHORIZATION=f"Bearer {token_create(actor=None, user=uncleared)}").status_code == 404


def test_attachments_are_links_on_the_document_page_for_those_who_may_see_the_document(client, make_user, freeze):
    freeze(dt.date(2025, 7, 20))
    document = a_document(issuing_unit="25.TU.BTV")
    secret = a_document(issuing_unit="25.TU.BTV", secrecy=Secrecy.SECRET)
    plain = attachment_add(actor=None, document=document, upload=SimpleUploadedFile("Kế hoạch.pdf", a_pdf(("ke hoach",))))
    hidden = attachment_add(actor=None, document=secret, upload=SimpleUploadedFile("mat.pdf", a_pdf(("mat",))))
    client.force_login(make_user(Role.VIEWER, "25"))
    links = _links(client.get(f"/documents/{document.pk}/").content.decode(), "data-attachment")
    assert links == {"Kế hoạch.pdf": f"/documents/{document.pk}/attachments/{plain.pk}/"}
    opened = client.get(links["Kế hoạch.pdf"])
    assert opened.status_code == 200 and opened["Content-Disposition"].startswith("inline;")
    assert _body(opened) == a_pdf(("ke hoach",))
    assert client.get(f"/documents/{secret.pk}/attachments/{hidden.pk}/").status_code == 404  # not cleared
    assert client.get(f"/documents/{document.pk}/attachments/{hidden.pk}/").status_code == 404  # not through another
    client.force_login(make_user(Role.VIEWER, "25", clearance=Secrecy.SECRET))
    assert _links(client.get(f"/documents/{secret.pk}/").content.decode(), "data-attachment") == {
        "mat.pdf": f"/documents/{secret.pk}/attachments/{hidden.pk}/"}
    assert client.get(f"/documents/{secret.pk}/attachments/{hidden.pk}/").status_code == 200
    outsider = make_user(Role.VIEWER, "01")
    assert client.get(f"/api/v1/documents/{secret.pk}/attachments/{hidden.pk}",
                      HTTP_AUTHORIZATION=f"Bearer {token_create(actor=None, user=outsider)}").status_code == 404


@pytest.mark.parametrize("language, reasons", [
    ("vi", ["trang.html: chỉ nhận tệp", "gia.pdf: không phải là tệp PDF đọc được"]),
    ("ru", ["trang.html: принимаются только файлы", "gia.pdf: "]),
    ("en", ["trang.html: only", "gia.pdf: is not a readable PDF file"]),
])
def test_the_page_says_why_each_file_was_refused(client, make_user, freeze, language, reasons):
    freeze(dt.date(2025, 7, 20))
    task = a_task(lead_unit="25.TU.BTC")
    client.force_login(make_user(Role.SPECIALIST, "25.TU.BTC"))
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(f"/tasks/{task.pk}/progress/", {"percent": 40, "text": "Đã họp", "version": task.version, "files": [
        SimpleUploadedFile("trang.html", b"<html><script>alert(1)</script>"),
        SimpleUploadedFile("gia.pdf", b"%PDF-1.7\n<html><script>alert(1)</script>")]})
    assert response.status_code == 422
    shown = re.findall(r'<p class="error" role="alert">([^<]+)</p>', response.content.decode())
    under_the_input = [text for text in shown if text.startswith(("trang.html", "gia.pdf"))]
    assert len(under_the_input) == 2
    assert all(text.startswith(reason) for text, reason in zip(under_the_input, reasons, strict=True))
    assert ProgressReport.objects.count() == 0 and Evidence.objects.count() == 0


@pytest.mark.parametrize("language, refused", [
    ("vi", ["Không thể đính kèm tệp.", "gia.pdf"]), ("ru", ["gia.pdf"]), ("uk", ["gia.pdf"])])
def test_a_file_is_attached_from_the_document_page_and_a_refused_one_says_why(client, make_user, freeze, language,
                                                                              refused):
    """Issue 15: the page attaches a file as the API does; a refused file is named with its reason in the reader's
    language, and a viewer is offered no form and refused."""
    freeze(dt.date(2025, 7, 20))
    document = a_document(issuing_unit="25.TU.BTV")
    client.force_login(make_user(Role.SPECIALIST, "25.TU"))
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert f'action="/documents/{document.pk}/attachments/"' in page and 'type="file" name="file"' in page

    sent = client.post(f"/documents/{document.pk}/attachments/",
                       {"file": SimpleUploadedFile("Báo cáo.pdf", a_pdf(("bao cao",)))})
    assert sent.status_code == 302 and sent["Location"] == f"/documents/{document.pk}/"
    links = _links(client.get(f"/documents/{document.pk}/").content.decode(), "data-attachment")
    assert list(links) == ["Báo cáo.pdf"] and _body(client.get(links["Báo cáo.pdf"])) == a_pdf(("bao cao",))

    fake = client.post(f"/documents/{document.pk}/attachments/",
                       {"file": SimpleUploadedFile("gia.pdf", b"%PDF-1.4 not really a pdf")})
    assert fake.status_code == 422
    html = fake.content.decode()
    alert = html[html.index('id="attach-refusal"'):]
    alert = alert[:alert.index("</div>")]
    assert all(words in alert for words in refused), alert
    if language != "en":
        assert english_in(alert) == [], alert
    assert document.attachments.count() == 1  # nothing kept of the refused file

    client.force_login(make_user(Role.VIEWER, "25"))
    assert 'type="file" name="file"' not in client.get(f"/documents/{document.pk}/").content.decode()
    assert client.post(f"/documents/{document.pk}/attachments/",
                       {"file": SimpleUploadedFile("x.pdf", a_pdf())}).status_code == 403
    assert document.attachments.count() == 1
