"""The documents a case registers are its circle's (documents.circles): outside the commission and the committee's
standing bodies nobody knows of them — not in the register, search, a relation's other end, a look-up by number, the
suggestions of a field, the API's relations or an export — and the notice of conclusion is known to the lead unit of
its recommendation by its header only (number, issuer, date and a neutral title), never by the inspector's own title,
its files or the findings.

The outsider here is Phú Thọ's province-wide viewer and a specialist of its party committee (25.TU): the register
opens every document of the province to them, the case to neither."""
import datetime as dt
import html
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.accounts.models import Role
from mandate.documents.circles import circle_names
from mandate.documents.models import Document, DocumentRelation
from mandate.documents.selectors import documents_named
from mandate.documents.services import RelationSpec, attachment_add, document_register, document_relation_add
from mandate.inspections import services
from mandate.inspections.apps import CIRCLE
from mandate.inspections.models import CaseKind, TeamRole

from tests.inspections.conftest import DAY

DECISION_TITLE = "Quyết định kiểm tra đảng viên Đặng Văn Chính"
NOTICE_TITLE = "Thông báo kết luận kiểm tra đảng viên Đặng Văn Chính"


@pytest.fixture
def confined(phu_tho, make_user):
    env = phu_tho
    opened = DAY - dt.timedelta(days=30)
    case = services.case_open(actor=env["inspector"], kind=CaseKind.VIOLATION_MEMBER, body=env["ubkt"],
                              title="Kiểm tra khi có dấu hiệu vi phạm", opened_on=opened, target_person=env["full"])
    services.case_step_record(actor=env["inspector"], case=case, step="decision", done_on=opened, document_title=DECISION_TITLE,
                              document_number="31-QĐ/UBKTTU", team=[(env["head"], TeamRole.HEAD)])
    for offset, step in enumerate(("plan", "notice", "self_report", "verification", "team_report", "conclusion"), start=1):
        services.case_step_record(actor=env["inspector"], case=case, step=step, done_on=opened + dt.timedelta(days=offset))
    services.case_conclude(actor=env["inspector"], case=case, done_on=DAY - dt.timedelta(days=5), notice_title=NOTICE_TITLE,
                           notice_number="32-TB/UBKTTU", findings="Vi phạm quy định về kê khai tài sản",
                           recommendations=[services.RecommendationSpec(
                               title="Kiểm điểm, báo cáo kết quả khắc phục", lead_unit="25.UBND", leader="ld_ubnd_phutho",
                               product="Báo cáo khắc phục", deadline=DAY + dt.timedelta(days=30))])
    case.refresh_from_db()
    decision = case.steps.get(step="decision").document
    public = document_register(actor=env["inspector"], issuing_unit=env["ubkt"], type="KH", issued_on=DAY - dt.timedelta(days=3),
                               title="Kế hoạch kiểm tra công khai", relations=[RelationSpec(kind="cites", target=decision)])
    writer = make_user(Role.SPECIALIST, "25.TU", username="tu_phutho", full_name="Cao Văn Viết")
    return env | {"case": case, "decision": decision, "notice": case.conclusion_notice, "public": public, "writer": writer}


def test_the_case_s_documents_are_confined_and_the_notice_has_a_neutral_title(confined):
    env = confined
    assert CIRCLE in circle_names()
    assert (env["decision"].circle, env["notice"].circle, env["public"].circle) == (CIRCLE, CIRCLE, "")
    assert env["notice"].title == "Thông báo kết luận" and env["case"].notice_title == NOTICE_TITLE


def test_the_register_lists_them_to_the_circle_only(confined, client, api):
    env = confined
    for user, sees in ((env["inspector"], True), (env["standing"], True), (env["province_viewer"], False), (env["writer"], False)):
        numbers = {row["number"] for row in api.login(user).get("/documents", limit=500).json()["items"]}
        assert ("31-QĐ/UBKTTU" in numbers) == sees, user
        client.force_login(user)
        page = client.get("/documents/", {"issuing_unit": "25.TU.UBKT"}).content.decode()
        assert (DECISION_TITLE in page) == sees, user
        assert (api.get(f"/documents/{env['decision'].pk}").status_code == 200) == sees, user


def test_search_finds_them_for_the_circle_only(confined, api):
    env = confined
    for user, sees in ((env["inspector"], True), (env["province_viewer"], False), (env["writer"], False)):
        body = api.login(user).get("/search", q="dang van chinh").json()
        assert (body["counts"]["documents"] > 0) == sees, user
        assert (DECISION_TITLE in str(body)) == sees


def test_relating_by_number_is_no_oracle(confined):
    """A writer outside the circle who relates to the decision's number gets an unregistered reference of what they
    typed, as for a number nobody holds: nothing of the decision, and no link to it."""
    env = confined
    own = document_register(actor=env["writer"], issuing_unit=env["tu"], type="CV", issued_on=DAY, title="Công văn của Tỉnh ủy")
    relation = document_relation_add(actor=env["writer"], source=own, spec=RelationSpec(kind="cites", number="31-QĐ/UBKTTU"))
    assert relation.target_id != env["decision"].pk and not relation.target.registered and relation.target.title == ""
    # The circle's own writer finds the decision itself by its number.
    mine = document_register(actor=env["inspector"], issuing_unit=env["ubkt"], type="CV", issued_on=DAY, title="Công văn")
    assert document_relation_add(actor=env["inspector"], source=mine, spec=RelationSpec(kind="cites", number="31-QĐ/UBKTTU")).target_id == env["decision"].pk


def test_a_field_s_suggestions_name_them_to_the_circle_only(confined, client):
    env = confined
    for user, sees in ((env["inspector"], True), (env["writer"], False), (env["province_viewer"], False)):
        assert bool(documents_named(user=user, text="31-QĐ/UBKTTU")) == sees
        assert bool(documents_named(user=user, text="dang van chinh")) == sees
        client.force_login(user)
        options = client.get("/documents/search/", {"q": "31-QĐ/UBKTTU"}).content.decode()
        assert ("31-QĐ/UBKTTU" in options) == sees


def test_the_api_s_relations_leave_out_the_confined_end(confined, api):
    env = confined
    for user, sees in ((env["inspector"], True), (env["province_viewer"], False)):
        relations = api.login(user).get(f"/documents/{env['public'].pk}").json()["relations"]
        assert ([r["document"]["number"] for r in relations] == ["31-QĐ/UBKTTU"]) == sees
        assert (DocumentRelation.objects.filter(source=env["public"]).count(), len(relations)) == (1, 1 if sees else 0)


def _xlsx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:  # the sheet writes Đ as &#272;
        return html.unescape("".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist()))


def test_exports_name_them_to_the_circle_only(confined, client):
    env = confined
    for user, sees in ((env["inspector"], True), (env["province_viewer"], False)):
        client.force_login(user)
        text = _xlsx_text(client.get("/documents/export.xlsx", {"issuing_unit": "25.TU.UBKT"}).content)
        assert ("31-QĐ/UBKTTU" in text) == sees and (DECISION_TITLE in text) == sees
        assert NOTICE_TITLE not in text  # the register knows the notice by its neutral title, the case by its own


def test_the_lead_unit_knows_the_notice_by_its_header_and_its_task_only(confined, client, api):
    env = confined
    attachment_add(actor=env["inspector"], document=env["notice"],
                   upload=SimpleUploadedFile("ket-luan.txt", "Kết luận: vi phạm kê khai tài sản".encode(), content_type="text/plain"))
    attachment = env["notice"].attachments.get()
    api.login(env["lead_leader"])
    detail = api.get(f"/documents/{env['notice'].pk}").json()
    assert (detail["number"], detail["title"], detail["task_count"]) == ("32-TB/UBKTTU", "Thông báo kết luận", 1)
    assert api.get(f"/documents/{env['notice'].pk}/attachments/{attachment.pk}").status_code == 404
    assert api.get(f"/documents/{env['decision'].pk}").status_code == 404
    assert api.get("/search", q="ke khai tai san").json()["counts"]["documents"] == 0
    client.force_login(env["lead_leader"])
    page = client.get(f"/documents/{env['notice'].pk}/").content.decode()
    assert "32-TB/UBKTTU" in page and "Kiểm điểm, báo cáo kết quả khắc phục" in page
    for hidden in (NOTICE_TITLE, "ket-luan.txt", "Đặng Văn Chính", "kê khai tài sản", "31-QĐ/UBKTTU"):
        assert hidden not in page, hidden
    task_page = client.get(f"/tasks/{env['notice'].tasks.get().pk}/").content.decode()
    assert "32-TB/UBKTTU" in task_page and NOTICE_TITLE not in task_page and "Đặng Văn Chính" not in task_page
    # The circle reads the notice whole: its file and the case's own title of it.
    api.login(env["inspector"])
    assert api.get(f"/documents/{env['notice'].pk}/attachments/{attachment.pk}").status_code == 200
    assert api.get(f"/inspections/cases/{env['case'].pk}").json()["notice_title"] == NOTICE_TITLE


def test_a_document_registered_before_and_named_by_a_step_is_confined_from_then_on(phu_tho, api):
    env = phu_tho
    decision = document_register(actor=env["inspector"], issuing_unit=env["ubkt"], type="QĐ", issued_on=DAY - dt.timedelta(days=2),
                                 title="Quyết định kiểm tra Ủy ban nhân dân tỉnh")
    assert api.login(env["province_viewer"]).get(f"/documents/{decision.pk}").status_code == 200
    case = services.case_open(actor=env["inspector"], kind=CaseKind.THEMATIC_INSPECTION, body=env["ubkt"], title="Kiểm tra",
                              opened_on=DAY - dt.timedelta(days=2), target_unit=env["ubnd"])
    services.case_step_record(actor=env["inspector"], case=case, step="decision", done_on=DAY - dt.timedelta(days=2),
                              document=decision, team=[(env["head"], TeamRole.HEAD)])
    assert Document.objects.get(pk=decision.pk).circle == CIRCLE
    assert api.get(f"/documents/{decision.pk}").status_code == 404
    assert api.login(env["inspector"]).get(f"/documents/{decision.pk}").status_code == 200
