"""The register and the structure pages through Django's test client."""
import pytest

from mandate.core import clock
from mandate.documents.models import Document
from mandate.documents.services import RelationSpec, document_register

from pages_fixtures import make_task, plan  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_document_list_filters_by_text_type_and_issuer(client, make_user, plan, unit):
    document_register(actor=None, issuing_unit=unit("25.UBND"), type="QĐ", issued_on=clock.today(), title="Quyết định về đất đai")
    client.force_login(make_user("viewer", "25"))
    html = client.get("/documents/", {"q": "ket luan"}).content.decode()
    assert plan.number_text in html and "Quyết định về đất đai" not in html
    html = client.get("/documents/", {"issuing_unit": "25.UBND"}).content.decode()
    assert "Quyết định về đất đai" in html and plan.title not in html


def test_document_detail_shows_the_chain_with_unregistered_links_and_tasks(client, make_user, unit, make_task, plan):
    source = document_register(actor=None, issuing_unit=unit("25.TU"), type="KH", issued_on=clock.today(), title="Kế hoạch triển khai",
                               relations=[RelationSpec(kind="implements", target=plan),
                                          RelationSpec(kind="cites", number="999-KL/TW")])
    task = make_task()
    client.force_login(make_user("viewer", "25"))
    html = client.get(f"/documents/{source.pk}/").content.decode()
    assert "999-KL/TW" in html and "chưa đăng ký" in html and plan.number_text in html
    html = client.get(f"/documents/{plan.pk}/").content.decode()
    assert "Kế hoạch triển khai" in html and task.title in html


def test_document_of_a_committee_i_cannot_see_is_not_found(client, make_user, plan):
    client.force_login(make_user("viewer", "01"))
    assert client.get(f"/documents/{plan.pk}/").status_code == 404


def test_register_a_document_gives_the_next_number(client, make_user):
    client.force_login(make_user("specialist", "25.UBND"))
    response = client.post("/documents/new/", {"issuing_unit": "25.UBND", "type": "QĐ", "issued_on": clock.today().isoformat(),
                                               "title": "Quyết định thành lập tổ công tác",
                                               "relation_kind_0": "implements", "relation_number_0": "18-NQ/TW"})
    document = Document.objects.get(registered=True)
    assert response.status_code == 302 and response["Location"] == f"/documents/{document.pk}/"
    assert document.number_text.endswith("/QĐ-UBND")
    assert document.outgoing_relations.get().target.registered is False


def test_register_without_a_title_names_the_field(client, make_user):
    client.force_login(make_user("specialist", "25.UBND"))
    response = client.post("/documents/new/", {"issuing_unit": "25.UBND", "type": "QĐ", "issued_on": clock.today().isoformat(),
                                               "title": ""})
    assert response.status_code == 422
    assert '<p class="error" role="alert">bắt buộc</p>' in response.content.decode()
    assert not Document.objects.exists()


def test_register_for_a_unit_outside_my_reach_is_refused(client, make_user):
    client.force_login(make_user("specialist", "25.UBND"))
    response = client.post("/documents/new/", {"issuing_unit": "01.UBND", "type": "QĐ", "issued_on": clock.today().isoformat(),
                                               "title": "Không được"})
    assert response.status_code == 403
    assert "Bạn không có quyền" in response.content.decode()
    assert not Document.objects.exists()


def test_register_page_is_forbidden_to_a_viewer(client, make_user):
    client.force_login(make_user("viewer", "25"))
    assert client.get("/documents/new/").status_code == 403


def test_units_page_lists_provinces_as_of_a_date(client, make_user):
    client.force_login(make_user("viewer", "VN"))
    assert client.get("/units/").content.decode().count('<li><a href="?root=') == 34
    assert client.get("/units/", {"as_of": "2025-06-30"}).content.decode().count('<li><a href="?root=') == 63


def test_units_page_finds_a_province_without_diacritics_and_shows_its_tree(client, make_user):
    client.force_login(make_user("viewer", "VN"))
    assert "Phú Thọ" in client.get("/units/", {"q": "phu tho"}).content.decode()
    html = client.get("/units/", {"root": "25"}).content.decode()
    assert "Ban Tổ chức Tỉnh ủy Phú Thọ" in html and "<code>25.TU.BTC</code>" not in html  # names, not codes (issue 15)


def test_units_page_needs_sign_in(client):
    assert client.get("/units/").status_code == 302


def test_documents_page_in_english(client, make_user):
    client.force_login(make_user("viewer", "25"))
    client.cookies["django_language"] = "en"
    html = client.get("/documents/").content.decode()
    assert "Register a document" not in html  # a viewer may not register
    assert "Number or title" in html and "Số hoặc trích yếu" not in html
