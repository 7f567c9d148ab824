"""/api/v1/documents as a contract."""
import pytest

from mandate.audit.models import AuditRecord
from mandate.documents.models import Document, NumberSequence

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(api, make_user):
    return api.login(make_user("specialist", "25.TU"))


@pytest.mark.parametrize("raw, canonical, system", [
    ("02-KH/TU", "02-KH/TU", "party"),
    ("177-KL/TW", "177-KL/TW", "party"),
    ("1234/QD-UBND", "1234/QĐ-UBND", "state"),
    ("42/2014/QĐ-TTg", "42/2014/QĐ-TTg", "state"),
    ("567/UBND-VP", "567/UBND-VP", "state"),
    ("05-QD/BCDTW", "05-QĐ/BCĐTW", "party"),
])
def test_parse_number_in_any_spelling(clerk, raw, canonical, system):
    body = clerk.post("/documents/parse-number", {"number": raw}).json()
    assert (body["canonical"], body["system"]) == (canonical, system)


def test_parse_number_refuses_nonsense_naming_the_field(clerk):
    response = clerk.post("/documents/parse-number", {"number": "hello"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "number"


def test_register_numbers_each_type_in_sequence_per_term(clerk):
    first = clerk.post("/documents", {"issuing_unit": "25.TU.BTV", "type": "KH", "issued_on": "2025-07-20", "title": "Kế hoạch A"})
    second = clerk.post("/documents", {"issuing_unit": "25.TU", "type": "KH", "issued_on": "2025-07-21", "title": "Kế hoạch B"})
    other = clerk.post("/documents", {"issuing_unit": "25.TU", "type": "CT", "issued_on": "2025-07-21", "title": "Chỉ thị"})
    assert (first.status_code, second.status_code, other.status_code) == (201, 201, 201)
    assert [first.json()["number"], second.json()["number"], other.json()["number"]] == ["01-KH/TU", "02-KH/TU", "01-CT/TU"]


def test_state_numbers_restart_each_year(clerk, make_user, api):
    api.login(make_user("specialist", "25.UBND"))
    a = api.post("/documents", {"issuing_unit": "25.UBND", "type": "QĐ", "issued_on": "2025-12-30", "title": "A"}).json()
    b = api.post("/documents", {"issuing_unit": "25.UBND", "type": "QD", "issued_on": "2026-01-02", "title": "B"}).json()
    assert (a["number"], b["number"]) == ("01/QĐ-UBND", "01/QĐ-UBND")


def test_a_number_used_twice_is_a_conflict_and_writes_nothing(clerk):
    payload = {"issuing_unit": "25.TU", "type": "KH", "issued_on": "2025-07-20", "title": "A", "number": "07-KH/TU"}
    assert clerk.post("/documents", payload).status_code == 201
    count = Document.objects.count()
    response = clerk.post("/documents", {**payload, "number": "07-KH/TU"})
    assert response.status_code == 409
    assert Document.objects.count() == count


def test_relations_reach_documents_outside_the_register(clerk):
    body = clerk.post("/documents", {
        "issuing_unit": "25.TU.BTV", "type": "CT", "issued_on": "2025-07-15", "title": "Chỉ thị thực hiện",
        "relations": [{"kind": "implements", "target_number": "177-KL/TW", "target_date": "2025-07-11"},
                      {"kind": "cites", "target_number": "9068-CV/BTCTW"}],
    }).json()
    targets = {r["document"]["number"]: r["document"]["registered"] for r in body["relations"]}
    assert targets == {"177-KL/TW": False, "9068-CV/BTCTW": False}
    again = clerk.post("/documents", {"issuing_unit": "25.TU.BTV", "type": "KH", "issued_on": "2025-07-16", "title": "Kế hoạch",
                                      "relations": [{"kind": "implements", "target_number": "177-KL/TW"}]}).json()
    assert again["relations"][0]["document"]["id"] == [r for r in body["relations"] if r["kind"] == "implements"][0]["document"]["id"]


def test_registering_elsewhere_is_refused_and_writes_nothing(clerk):
    audits = AuditRecord.objects.count()
    response = clerk.post("/documents", {"issuing_unit": "01.TU", "type": "KH", "issued_on": "2025-07-20", "title": "A"})
    assert response.status_code == 403
    assert not Document.objects.exists()
    assert not NumberSequence.objects.exists()
    assert AuditRecord.objects.count() == audits
