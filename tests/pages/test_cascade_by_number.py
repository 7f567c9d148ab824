"""The cascade page takes a directive by its number ("02-CT/TW") or title, suggests only documents the reader may
know of, is linked from the document page, and still opens from a link made with a database id."""
import datetime as dt

from mandate.core.secrecy import Secrecy
from mandate.documents.services import document_register


def signed_in(client, user):
    client.force_login(user)
    return client


def directive(unit, **fields):
    return document_register(actor=None, issuing_unit=unit("25.TU"), type="CT", issued_on=dt.date(2025, 7, 1),
                             title=fields.pop("title", "Chỉ thị về tăng cường công tác kiểm tra"), **fields)


def test_the_cascade_takes_a_directive_by_number_or_by_title(client, make_user, unit):
    document = directive(unit)
    c = signed_in(client, make_user("leader", "25"))
    for typed in (document.number_text, document.number_text.lower(), "tang cuong cong tac kiem tra"):
        html = c.get("/monitoring/cascade/", {"document": typed, "level": "commune", "within": "25"}).content.decode()
        assert 'data-chart="cascade"' in html, typed
    field = c.get("/monitoring/cascade/").content.decode()
    assert "(document id)" not in field and "Văn bản chỉ đạo (số hoặc trích yếu)" in field


def test_suggestions_show_documents_by_number_and_title_that_the_reader_may_know_of(client, make_user, unit):
    document = directive(unit)
    secret = directive(unit, title="Chỉ thị mật về tăng cường công tác", secrecy=Secrecy.SECRET)
    c = signed_in(client, make_user("leader", "25"))
    html = c.get("/documents/search/", {"field": "document", "document": "tang cuong"}).content.decode()
    assert f'<option value="{document.number_text}">{document.number_text} — {document.title}</option>' in html
    assert secret.number_text not in html and "mật" not in html
    refused = c.get("/monitoring/cascade/", {"document": secret.number_text, "level": "province"}).content.decode()
    assert "Không có văn bản nào mà bạn được xem" in refused and 'data-chart="cascade"' not in refused


def test_an_old_link_by_id_opens_the_page_by_number_and_the_document_page_links_to_it(client, make_user, unit):
    document = directive(unit)
    c = signed_in(client, make_user("leader", "25"))
    old = c.get("/monitoring/cascade/", {"document": document.pk, "level": "province"})
    assert old.status_code == 302 and f"document={document.number_text.replace('/', '%2F')}" in old["Location"]
    page = c.get(f"/documents/{document.pk}/").content.decode()
    assert f'/monitoring/cascade/?document={document.number_text.replace("/", "%2F")}&amp;level=province' in page
