"""Meetings through the API: delegates, groups, opinions on clauses, responses, versions, the table, the conclusion."""
import datetime as dt
import io

import pytest
from docx import Document as Docx
from openpyxl import load_workbook

from mandate.accounts.models import Role
from mandate.audit.models import AuditRecord
from mandate.documents.models import Document
from mandate.meetings.models import Meeting, Opinion
from mandate.tasks.models import Task

pytestmark = pytest.mark.django_db


def opinion(api, conference, **fields):
    payload = {"item": conference["item"]["id"], "kind": "amend", "text": "Đề nghị làm rõ hơn.", **fields}
    return api.post(f"{conference['path']}/opinions", payload)


def test_the_meeting_is_listed_with_its_opinion_count_and_hidden_from_other_provinces(api, conference):
    api.login(conference["people"]["delegate"])
    assert opinion(api, conference, clause=conference["clauses"]["dieu-2.1"]["id"]).status_code == 201
    listed = api.get("/meetings").json()
    assert listed["count"] == 1 and listed["items"][0]["opinion_count"] == 1
    detail = api.get(conference["path"]).json()
    assert [d["group"] for d in detail["delegates"]] == [None, 1, 1, 2, 1]
    assert detail["items"][0]["draft"]["versions"][0]["clauses"][0]["label"] == "Mở đầu"
    api.login(conference["people"]["outsider"])
    assert api.get("/meetings").json()["count"] == 0
    assert api.get(conference["path"]).status_code == 404


def test_a_delegate_gives_an_opinion_on_a_clause_anchored_to_its_words(api, conference):
    api.login(conference["people"]["delegate"])
    clause = conference["clauses"]["dieu-2.2.a"]
    response = opinion(api, conference, clause=clause["id"], quote="chịu trách nhiệm điều hành",
                       proposal="Thường trực Thành ủy chịu trách nhiệm điều hành công việc hằng ngày")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["clause_label"], body["author"], body["number"]) == ("Điều 2, khoản 2, điểm a", "Lê Đại Biểu (Tổ 1)", 1)
    stored = Opinion.objects.get(pk=body["id"])
    assert stored.version.text[stored.quote_start:].startswith("chịu trách nhiệm điều hành")


@pytest.mark.parametrize("fields, field, status", [
    ({"kind": "praise"}, "kind", 422),
    ({"kind": "amend", "text": ""}, "text", 422),
    ({"quote": "không có trong điều khoản"}, "quote", 422),
    ({"clause": None, "quote": "Bảo đảm"}, "clause", 422),
    ({"delegate": "guest"}, None, 403),
])
def test_an_opinion_that_cannot_stand_is_refused_naming_the_field_and_nothing_is_kept(api, conference, fields, field, status):
    api.login(conference["people"]["delegate"])
    fields = {"clause": conference["clauses"]["dieu-2.1"]["id"], **fields}
    if fields.get("delegate") == "guest":
        fields["delegate"] = conference["delegates"]["other"]["id"]  # another group's delegate
    response = opinion(api, conference, **fields)
    assert response.status_code == status, response.json()
    if field:
        assert field in [e["field"] for e in response.json()["errors"]]
    assert not Opinion.objects.exists()


def test_someone_who_is_not_a_delegate_must_name_whose_opinion_it_is(api, conference):
    api.login(conference["people"]["secretariat"])
    response = opinion(api, conference)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "delegate"
    guest = conference["delegates"]["guest"]["id"]
    assert opinion(api, conference, delegate=guest).status_code == 201  # the secretariat records a guest's paper opinion


def test_a_secretary_records_the_groups_opinions_and_the_summary_counts_them(api, conference):
    api.login(conference["people"]["secretary"])
    group1 = conference["groups"][0]["number"]
    assert opinion(api, conference, group=group1, kind="add", text="Bổ sung quy định về chuyển đổi số.").status_code == 201
    assert opinion(api, conference, delegate=conference["delegates"]["guest"]["id"], kind="agree", text="").status_code == 201
    assert opinion(api, conference, group=2).status_code == 403  # not the secretary of group 2
    api.login(conference["people"]["other"])
    assert opinion(api, conference, kind="question", text="Thường trực gồm những ai?").status_code == 201
    summary = api.get(f"{conference['path']}/items/summary").json()[0]
    assert summary["total"] == 3 and summary["waiting"] == 3
    assert (summary["by_kind"]["add"], summary["by_kind"]["agree"], summary["by_kind"]["question"]) == (1, 1, 1)
    assert summary["by_group"] == {"Tổ 1": 2, "Tổ 2": 1}
    listed = api.get(f"{conference['path']}/opinions", group=1).json()
    assert [o["author"] for o in listed["items"]] == ["Tổ 1", "Khách mời Hoàng Văn Khách (Tổ 1)"]


def test_a_leader_responds_and_the_next_version_takes_the_accepted_opinions_in(api, conference):
    api.login(conference["people"]["delegate"])
    first = opinion(api, conference, clause=conference["clauses"]["dieu-3"]["id"], kind="amend",
                    text="Họp thường lệ hai tháng một lần.").json()
    second = opinion(api, conference, kind="remove", text="Bỏ Chương II.").json()
    path = conference["path"]
    assert api.post(f"{path}/opinions/{first['id']}/response", {"disposition": "accepted", "version": 1}).status_code == 403
    assert Opinion.objects.filter(pk=first["id"]).values_list("disposition", "responded_at").get() == ("", None)
    api.login(conference["people"]["leader"])
    refused = api.post(f"{path}/opinions/{second['id']}/response", {"disposition": "explained", "version": 1})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "explanation"
    accepted = api.post(f"{path}/opinions/{first['id']}/response",
                        {"disposition": "accepted", "explanation": "Tiếp thu, sửa Điều 3.", "version": 1}).json()
    assert (accepted["disposition"], accepted["responder"]) == ("accepted", "Nguyễn Duy Ngọc, Bí thư Thành ủy")
    api.post(f"{path}/opinions/{second['id']}/response",
             {"disposition": "not_accepted", "explanation": "Chương II quy định trách nhiệm, cần giữ.", "version": 1})
    api.login(conference["people"]["secretariat"])
    item = conference["item"]["id"]
    text = conference["item"]["draft"]["versions"][0]["text"].replace("ba tháng", "hai tháng")
    wrong = api.post(f"{path}/items/{item}/versions", {"text": text, "taken_in": [first["number"], second["number"]]})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "taken_in.1"
    version = api.post(f"{path}/items/{item}/versions", {"text": text, "note": "Sau hội nghị", "taken_in": [first["number"]]})
    assert version.status_code == 201 and version.json()["number"] == 2 and version.json()["taken_in"] == [first["number"]]
    assert api.get(f"{path}/opinions").json()["items"][0]["taken_into"] == [2]
    api.login(conference["people"]["leader"])
    changed = api.post(f"{path}/opinions/{first['id']}/response", {"disposition": "not_accepted", "explanation": "Đổi ý.", "version": 2})
    assert changed.status_code == 409
    api.login(conference["people"]["delegate"])  # opinions now anchor to version 2 only
    old = opinion(api, conference, clause=conference["clauses"]["dieu-3"]["id"])
    assert old.status_code == 422 and "current version is 2" in old.json()["errors"][0]["reason"]


def test_the_table_of_responses_reads_back_from_docx_and_xlsx_with_every_opinion(api, conference, client):
    api.login(conference["people"]["delegate"])
    opinions = [opinion(api, conference, clause=conference["clauses"]["dieu-2.1"]["id"], text=f"Ý kiến số {n}").json()
                for n in range(1, 4)]
    api.login(conference["people"]["leader"])
    for record, disposition in zip(opinions, ("accepted", "explained", "not_accepted"), strict=True):
        api.post(f"{conference['path']}/opinions/{record['id']}/response",
                 {"disposition": disposition, "explanation": f"Trả lời {record['number']}", "version": 1})
    docx = api.get(f"{conference['path']}/responses.docx")
    assert docx.status_code == 200 and docx["Content-Type"].endswith("wordprocessingml.document")
    document = Docx(io.BytesIO(docx.content))
    issuer, heading = document.tables[0].rows[0].cells  # the Executive Committee's paper is the city committee's
    assert [p.text for p in issuer.paragraphs] == ["THÀNH ỦY HÀ NỘI", "*"]
    assert [p.text for p in heading.paragraphs] == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Nội, ngày 25 tháng 11 năm 2025"]
    assert "BẢNG TỔNG HỢP Ý KIẾN GÓP Ý VÀ TIẾP THU, GIẢI TRÌNH" in "\n".join(p.text for p in document.paragraphs)
    rows = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert rows[1][0] == "Dự thảo Quy chế làm việc"  # the item's section row
    assert [(r[0], r[4], r[5], r[6]) for r in rows[2:]] == [
        ("1", "Ý kiến số 1", "Tiếp thu", "Trả lời 1"), ("2", "Ý kiến số 2", "Giải trình", "Trả lời 2"),
        ("3", "Ý kiến số 3", "Không tiếp thu", "Trả lời 3")]
    assert rows[2][1] == "Điều 2, khoản 1 (dự thảo lần 1)" and rows[2][7] == "Nguyễn Duy Ngọc, Bí thư Thành ủy"
    xlsx = api.get(f"{conference['path']}/responses.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=9)]
    assert [(r[0], r[4], r[5]) for r in values] == [(1, "Ý kiến số 1", "Tiếp thu"), (2, "Ý kiến số 2", "Giải trình"),
                                                   (3, "Ý kiến số 3", "Không tiếp thu")]
    assert sheet["A1"].value == "THÀNH ỦY HÀ NỘI" and sheet["E1"].value == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert api.get(f"{conference['path']}/responses.pdf").status_code == 404


def test_the_responses_xlsx_never_holds_a_formula_and_prints_on_one_width(api, conference):
    api.login(conference["people"]["delegate"])
    opinion(api, conference, clause=conference["clauses"]["dieu-2.1"]["id"], text='=HYPERLINK("http://x.invalid","Xem")')
    sheet = load_workbook(io.BytesIO(api.get(f"{conference['path']}/responses.xlsx").content)).active
    cells = [cell for row in sheet.iter_rows(min_row=9) for cell in row if cell.value]
    written = next(cell for cell in cells if str(cell.value).startswith("=HYPERLINK"))
    assert written.data_type == "s"  # text, never computed
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert sheet.page_setup.orientation == "landscape" and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows


def test_a_peoples_committee_meeting_tables_its_responses_under_the_national_motto(api, make_user, freeze):
    freeze(dt.date(2025, 12, 2))
    api.login(make_user(Role.SPECIALIST, "01.UBND", username="vanphong.ubnd"))
    meeting = api.post("/meetings", {"body": "01.UBND", "title": "Phiên họp thường kỳ tháng 12",
                                     "starts_on": "2025-12-02", "ends_on": "2025-12-02"}).json()
    document = Docx(io.BytesIO(api.get(f"/meetings/{meeting['id']}/responses.docx").content))
    issuer, heading = document.tables[0].rows[0].cells
    assert [p.text for p in issuer.paragraphs] == ["ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"]
    assert [p.text for p in heading.paragraphs] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                                    "Hà Nội, ngày 02 tháng 12 năm 2025"]


def test_closing_the_floor_stops_opinions_but_not_responses(api, conference):
    api.login(conference["people"]["delegate"])
    given = opinion(api, conference).json()
    api.login(conference["people"]["secretariat"])
    assert api.post(f"{conference['path']}/close", {"version": 1}).json()["state"] == "closed"
    api.login(conference["people"]["delegate"])
    late = opinion(api, conference)
    assert late.status_code == 409 and late.json()["errors"][0]["field"] == "meeting"
    api.login(conference["people"]["leader"])
    assert api.post(f"{conference['path']}/opinions/{given['id']}/response",
                    {"disposition": "explained", "explanation": "Đã có trong Điều 2.", "version": 1}).status_code == 200


CONCLUSION = {
    "title": "Thông báo kết luận Hội nghị lần thứ hai Ban Chấp hành Đảng bộ thành phố", "issued_on": "2025-11-26",
    "references": ["18-NQ/TW"],
    "tasks": [
        {"title": "Hoàn thiện Quy chế làm việc theo ý kiến đã tiếp thu", "lead_unit": "01.TU.VP", "leader": "bithu",
         "product": "Quy chế làm việc được ban hành", "deadline": "2025-12-15"},
        {"title": "Xây dựng Chương trình kiểm tra, giám sát năm 2026", "lead_unit": "01.TU.UBKT", "leader": "bithu",
         "product": "Chương trình được ban hành", "deadline": "2025-12-31", "coordinators": ["01.TU.BTC"]},
    ],
}


def test_the_conclusion_is_refused_whole_when_a_task_misses_a_clear(api, conference):
    api.login(conference["people"]["secretariat"])
    tasks = [dict(CONCLUSION["tasks"][0], product=""), dict(CONCLUSION["tasks"][1], lead_unit=None)]
    response = api.post(f"{conference['path']}/conclusion", {**CONCLUSION, "tasks": tasks})
    assert response.status_code == 422
    assert {"tasks.0.product", "tasks.1.lead_unit"} <= {e["field"] for e in response.json()["errors"]}
    assert not Document.objects.filter(type="TB").exists() and not Task.objects.exists()
    assert Meeting.objects.get().state == "open"


def test_the_conclusion_notice_is_numbered_and_its_tasks_are_in_the_task_list(api, conference):
    api.login(conference["people"]["secretariat"])
    assert api.post(f"{conference['path']}/conclusion", {**CONCLUSION, "type": "NQ"}).status_code == 422
    response = api.post(f"{conference['path']}/conclusion", CONCLUSION)
    assert response.status_code == 201, response.json()
    concluded = response.json()
    assert concluded["document_number"].endswith("-TB/TU") and len(concluded["task_ids"]) == 2
    listed = api.get("/tasks", document=concluded["document_id"], as_of="2025-11-26").json()
    assert sorted(t["lead_unit"]["code"] for t in listed["items"]) == ["01.TU.UBKT", "01.TU.VP"]
    meeting = api.get(conference["path"]).json()
    assert (meeting["state"], meeting["conclusion_number"]) == ("concluded", concluded["document_number"])
    again = api.post(f"{conference['path']}/conclusion", CONCLUSION)
    assert again.status_code == 409
    api.login(conference["people"]["delegate"])
    assert opinion(api, conference).status_code == 409


def test_every_write_leaves_an_audit_record(api, conference):
    actions = set(AuditRecord.objects.filter(action__startswith="meeting.").values_list("action", flat=True))
    assert {"meeting.create", "meeting.delegate_add", "meeting.group_create", "meeting.delegate_place",
            "meeting.agenda_item_add", "meeting.draft_version"} <= actions


def test_a_meeting_of_a_body_closed_by_the_merger_stays_with_the_successors_staff(api, make_user, freeze):
    import datetime as dt

    from mandate.meetings import services
    from mandate.orgs.models import Unit
    from mandate.reorganizations.services import reorganization_apply_2025

    freeze(dt.date(2025, 4, 4))
    meeting = services.meeting_create(actor=None, body=Unit.objects.get(code="old-66.TU.BCH"), starts_on=dt.date(2025, 4, 3),
                                      ends_on=dt.date(2025, 4, 4), title="Hội nghị lần thứ 31 (mở rộng)", number=31)
    assert meeting.term is not None and meeting.term.starts_on < dt.date(2025, 4, 3)
    freeze(dt.date(2025, 8, 1))
    reorganization_apply_2025(actor=None)  # hands old-66.TU.BCH's work to 66.TU.BCH
    successor_staff = make_user("specialist", "66.TU")
    elsewhere = make_user("specialist", "25.TU")
    api.login(successor_staff)
    assert api.get(f"/meetings/{meeting.pk}").status_code == 200
    assert api.post(f"/meetings/{meeting.pk}/close", HTTP_IF_MATCH="1").json()["state"] == "closed"
    api.login(elsewhere)
    assert api.get(f"/meetings/{meeting.pk}").status_code == 404


def test_a_user_is_seated_once(api, conference):
    api.login(conference["people"]["secretariat"])
    again = api.post(f"{conference['path']}/delegates", {"user": conference["people"]["delegate"].username})
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "user"
    unknown = api.post(f"{conference['path']}/delegates", {"user": "nobody"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "user"


def test_a_version_taking_in_six_opinions_costs_the_queries_of_one(api, conference):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api.login(conference["people"]["delegate"])
    numbers = [opinion(api, conference, text=f"Ý kiến {n}").json() for n in range(7)]
    api.login(conference["people"]["leader"])
    for given in numbers:
        api.post(f"{conference['path']}/opinions/{given['id']}/response", {"disposition": "accepted", "version": 1})
    api.login(conference["people"]["secretariat"])
    url = f"{conference['path']}/items/{conference['item']['id']}/versions"
    text = conference["item"]["draft"]["versions"][0]["text"]
    api.get(conference["path"])  # the token's first use writes its last_used_at: not a cost of the version
    with CaptureQueriesContext(connection) as one:
        first = api.post(url, {"text": text, "taken_in": [numbers[0]["number"]]})
    with CaptureQueriesContext(connection) as six:
        second = api.post(url, {"text": text, "taken_in": [given["number"] for given in numbers[1:]]})
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json()["taken_in"] == [given["number"] for given in numbers[1:]]
    assert len(six.captured_queries) == len(one.captured_queries)
    again = api.post(url, {"text": text, "taken_in": [numbers[0]["number"], numbers[1]["number"]]})
    assert again.status_code == 422
    assert [(e["field"], e["code"]) for e in again.json()["errors"]] == [("taken_in.0", "taken"), ("taken_in.1", "taken")]
