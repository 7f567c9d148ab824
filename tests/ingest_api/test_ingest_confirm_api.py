"""POST /api/v1/ingest/confirm: the reviewed reading becomes a document, its relations and its tasks — or nothing."""
import datetime as dt

import pytest

from phu_tho_directive import DIRECTIVE

pytestmark = pytest.mark.django_db


def _counts():
    from mandate.audit.models import AuditRecord
    from mandate.documents.models import Document
    from mandate.tasks.models import Task

    return Document.objects.count(), Task.objects.count(), AuditRecord.objects.count()


def _reviewed(reading: dict, *, leader: str) -> dict:
    """What a specialist makes of the reading: the header's unit and type, the citations, five tasks made clear."""
    header = reading["document"]
    tasks = reading["tasks"]
    units = {0: "25.TU.BTC", 1: "25.UBND", 2: "25.TU.BTGDV", 3: "25.TU.UBKT", 4: "25.TU.VP"}
    products = ["Tờ trình kiện toàn cán bộ chủ chốt cấp xã", "Trụ sở trung tâm hành chính công đi vào hoạt động",
                "Đề án sắp xếp bộ máy tổ chức chính trị - xã hội", "Báo cáo kết quả kiểm tra, giám sát",
                "Báo cáo tình hình thực hiện chỉ thị"]
    return {
        "document": {"issuing_unit": "25.TU.BTV", "type": header["type"],
                     "number": f'{header["number"]}-{header["type"]}/{header["issuer"]}',
                     "issued_on": header["date"], "title": header["title"]},
        "references": [{"number": r["raw"], "issued_on": r["date"], "registered_id": r["registered_id"],
                        "kind": "implements" if r["number"] == "177" else "cites"}
                       for r in reading["references"] if not r.get("self")],
        # The Fatherland Front is not in the register: its task goes to the mass mobilisation committee, due 31/8.
        "tasks": [{"action": t["action"], "lead_unit": units[i], "leader": leader, "deadline": t["deadline"] or
                   ("2025-08-31" if i == 2 else None),
                   "recurrence": t["deadline_raw"] if not t["deadline"] else "", "product": products[i],
                   "coordinators": ["25.UBND"] if i == 0 else []}
                  for i, t in enumerate(tasks)],
        "text": DIRECTIVE,
    }


def test_a_confirmed_ingestion_of_seed_004s_facts_creates_its_document_its_cited_documents_and_its_tasks(
        api, specialist, leader):
    from mandate.documents.models import Document, DocumentRelation
    from mandate.tasks.models import Task

    client = api.login(specialist)
    reading = client.post("/ingest", {"text": DIRECTIVE}).json()

    response = client.post("/ingest/confirm", _reviewed(reading, leader=leader.username))

    assert response.status_code == 201, response.content
    body = response.json()
    document = Document.objects.get(pk=body["document"]["id"])
    assert (document.number_text, document.registered, document.issuing_unit.code, document.issued_on) == (
        "07-CT/TU", True, "25.TU.BTV", dt.date(2025, 7, 18))
    assert document.text.startswith("TỈNH ỦY PHÚ THỌ")
    relations = DocumentRelation.objects.filter(source=document).select_related("target").order_by("target__number_text")
    assert [(r.kind, r.target.number_text, r.target.registered, r.target.issued_on) for r in relations] == [
        ("cites", "02-KH/BCĐTW", False, dt.date(2025, 6, 19)),
        ("implements", "177-KL/TW", False, dt.date(2025, 7, 11)),
        ("cites", "204-QĐ/TW", False, dt.date(2024, 11, 29)),
    ]
    tasks = Task.objects.filter(document=document).order_by("id")
    assert [(t.lead_unit.code, t.deadline, t.recurrence, t.leader.username, t.assigning_unit.code, t.assigned_on)
            for t in tasks] == [
        ("25.TU.BTC", dt.date(2025, 7, 25), "", "lanhdao", "25.TU.BTV", dt.date(2025, 7, 18)),
        ("25.UBND", dt.date(2025, 8, 15), "", "lanhdao", "25.TU.BTV", dt.date(2025, 7, 18)),
        ("25.TU.BTGDV", dt.date(2025, 8, 31), "", "lanhdao", "25.TU.BTV", dt.date(2025, 7, 18)),
        ("25.TU.UBKT", dt.date(2025, 9, 30), "", "lanhdao", "25.TU.BTV", dt.date(2025, 7, 18)),
        ("25.TU.VP", None, "hằng tháng", "lanhdao", "25.TU.BTV", dt.date(2025, 7, 18)),
    ]
    assert [c.unit.code for c in tasks[0].coordinations.all()] == ["25.UBND"]
    assert [t["lead_unit"] for t in body["tasks"]] == ["25.TU.BTC", "25.UBND", "25.TU.BTGDV", "25.TU.UBKT", "25.TU.VP"]
    assert body["tasks"][0]["coordinators"] == ["25.UBND"]
    assert body["tasks"][0]["title"].startswith("chủ trì, phối hợp với Đảng ủy Ủy ban nhân dân tỉnh tham mưu")
    assert body["document"]["number"] == "07-CT/TU"


def test_a_confirm_that_misses_clears_writes_nothing_and_names_each_gap_per_task(api, specialist, leader):
    client = api.login(specialist)
    reviewed = _reviewed(client.post("/ingest", {"text": DIRECTIVE}).json(), leader=leader.username)
    reviewed["tasks"][1]["product"] = ""
    reviewed["tasks"][3].update(lead_unit=None, deadline=None, leader=None)
    reviewed["tasks"][4].update(lead_unit="25.TU.VP", coordinators=["25.TU.VP"])
    before = _counts()

    response = client.post("/ingest/confirm", reviewed)

    assert response.status_code == 422
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [
        ("tasks.1.product", "clear_product"),
        ("tasks.3.leader", "clear_person"),
        ("tasks.3.deadline", "clear_time"),
        ("tasks.3.lead_unit", "clear_responsibility"),
        ("tasks.4.coordinators", "clear_responsibility"),
    ]
    assert _counts() == before


def test_unknown_codes_are_named_once_and_nothing_is_written(api, specialist, leader):
    client = api.login(specialist)
    reviewed = _reviewed(client.post("/ingest", {"text": DIRECTIVE}).json(), leader=leader.username)
    reviewed["document"]["title"] = ""
    reviewed["references"][0]["number"] = "Kết luận số mười"
    reviewed["tasks"][0].update(lead_unit="99.NOWHERE", leader="nobody", coordinators=["25.UBND", "88.X"])
    before = _counts()

    response = client.post("/ingest/confirm", reviewed)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [
        "document.title", "references.0.number", "tasks.0.lead_unit", "tasks.0.coordinators.1", "tasks.0.leader"]
    assert _counts() == before


def test_a_refusal_inside_the_transaction_rolls_everything_back(api, specialist, leader, unit):
    """The number is already taken: the register refuses after the checks, and no cited stub or task remains."""
    from mandate.documents.services import document_register

    document_register(actor=None, issuing_unit=unit("25.TU"), type="CT", number="07-CT/TU", issued_on=dt.date(2025, 7, 18),
                      title="Chỉ thị đã đăng ký")
    client = api.login(specialist)
    reviewed = _reviewed(client.post("/ingest", {"text": DIRECTIVE}).json(), leader=leader.username)
    before = _counts()

    response = client.post("/ingest/confirm", reviewed)

    assert response.status_code == 409
    assert [e["field"] for e in response.json()["errors"]] == ["document.number"]
    assert _counts() == before


def test_without_a_number_the_register_gives_the_next_one(api, specialist, leader):
    client = api.login(specialist)
    reviewed = _reviewed(client.post("/ingest", {"text": DIRECTIVE}).json(), leader=leader.username)
    reviewed["document"]["number"] = None
    reviewed["tasks"] = reviewed["tasks"][:1]

    response = client.post("/ingest/confirm", reviewed)

    assert response.status_code == 201
    assert response.json()["document"]["number"] == "01-CT/TU"


def test_a_registered_citation_is_related_to_the_register_entry(api, specialist, leader, unit):
    from mandate.documents.models import Document
    from mandate.documents.services import document_register

    plan = document_register(actor=None, issuing_unit=unit("25.TU"), type="KH", number="02-KH/TU",
                             issued_on=dt.date(2025, 7, 15), title="Kế hoạch")
    client = api.login(specialist)
    text = DIRECTIVE.replace("Quyết định số 204-QĐ/TW ngày 29/11/2024", "Kế hoạch số 02-KH/TU ngày 15/7/2025")
    reading = client.post("/ingest", {"text": text}).json()
    assert reading["references"][3]["registered_id"] == plan.pk
    before = Document.objects.count()

    response = client.post("/ingest/confirm", _reviewed(reading, leader=leader.username))

    assert response.status_code == 201
    assert Document.objects.count() == before + 3  # the directive and two unregistered citations, not a third stub
    outgoing = {r["document"]["number"]: (r["kind"], r["document"]["registered"], r["document"]["id"])
                for r in response.json()["document"]["relations"]}
    assert outgoing["02-KH/TU"] == ("cites", True, plan.pk)


def test_a_user_without_rights_over_the_issuing_unit_is_refused(api, make_user, leader, freeze):
    from phu_tho_directive import DAY

    freeze(DAY)
    outsider = make_user("specialist", "01.TU")
    client = api.login(outsider)
    reviewed = _reviewed(client.post("/ingest", {"text": DIRECTIVE}).json(), leader=leader.username)
    before = _counts()

    response = client.post("/ingest/confirm", reviewed)

    assert response.status_code == 403
    assert _counts() == before


def test_an_unknown_relation_kind_is_a_422(api, specialist, leader):
    client = api.login(specialist)
    reviewed = _reviewed(client.post("/ingest", {"text": DIRECTIVE}).json(), leader=leader.username)
    reviewed["references"][0]["kind"] = "praises"

    response = client.post("/ingest/confirm", reviewed)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "references.0.kind"
