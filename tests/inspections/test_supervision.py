"""Supervision from the start of a directive: the case's panel shows the directive's tasks, their status, the lagging
units and the cascade on each step's day; the findings cite the directive's tasks, and only its."""
import datetime as dt
import re

import pytest

from mandate.inspections import services
from mandate.inspections.citations import findings_cite
from mandate.inspections.models import CaseKind, Citation, TeamRole
from mandate.core.errors import DomainError
from tests.factories import a_document, a_task


@pytest.fixture
def supervised(phu_tho):
    env = phu_tho
    directive = a_document(issuing_unit="25.TU.BTV", type="KH", issued_on=dt.date(2025, 7, 15),
                           title="Kế hoạch vận hành chính quyền địa phương hai cấp")
    late = a_task(document=directive, lead_unit="25.UBND", deadline=dt.date(2025, 8, 1), title="Ban hành quy chế phối hợp")
    later = a_task(document=directive, lead_unit="25.TU.BTC", deadline=dt.date(2025, 10, 1), title="Bố trí công chức cấp xã")
    elsewhere = a_task(lead_unit="25.UBND", deadline=dt.date(2025, 8, 1), title="Nhiệm vụ của văn bản khác")
    case = services.case_open(actor=env["inspector"], kind=CaseKind.THEMATIC_SUPERVISION, body=env["ubkt"],
                              title="Giám sát việc vận hành chính quyền hai cấp", opened_on=dt.date(2025, 7, 20),
                              target_unit=env["ubnd"], directive=directive)
    services.case_step_record(actor=env["inspector"], case=case, step="decision", done_on=dt.date(2025, 7, 20),
                              document_title="Quyết định giám sát chuyên đề", team=[(env["head"], TeamRole.HEAD)])
    case.refresh_from_db()
    for step, day in (("plan", dt.date(2025, 7, 24)), ("notice", dt.date(2025, 7, 28)), ("self_report", dt.date(2025, 8, 10))):
        services.case_step_record(actor=env["inspector"], case=case, step=step, done_on=day)
        case.refresh_from_db()
    return env | {"case": case, "directive": directive, "late": late, "later": later, "elsewhere": elsewhere}


def _row(html: str, day: str) -> str:
    return re.search(rf'<tr data-day="{day}">(.*?)</tr>', html, re.S).group(1)


def _count(row: str, key: str) -> str:
    return re.search(rf'data-count="{key}">(?:<span[^>]*>)?(\d+)', row).group(1)


def test_the_panel_reads_the_directive_on_each_step_of_the_case(client, supervised):
    client.force_login(supervised["inspector"])
    html = client.get(f"/monitoring/supervision/{supervised['case'].pk}/", HTTP_HX_REQUEST="true").content.decode()
    decided, reported, today = _row(html, "2025-07-20"), _row(html, "2025-08-10"), _row(html, "2025-09-15")
    assert (_count(decided, "assigned"), _count(decided, "overdue")) == ("2", "0")
    assert (_count(reported, "assigned"), _count(reported, "overdue")) == ("2", "1")
    assert "Ủy ban nhân dân tỉnh Phú Thọ (1)" in reported and "Ủy ban nhân dân tỉnh Phú Thọ" not in decided
    assert _count(today, "within_deadline") == "1"
    # The cascade over the province's communes: none of them has taken the plan up.
    assert re.search(r"\b0\D+1\d\d\b", decided)
    assert "Ban hành quy chế phối hợp" in html and "Nhiệm vụ của văn bản khác" not in html
    assert "<html" not in html  # HTMX gets the panel alone; opened directly it is a page
    assert "<html" in client.get(f"/monitoring/supervision/{supervised['case'].pk}/").content.decode()


def test_only_the_cases_circle_gets_the_panel(client, supervised):
    for user in (supervised["outsider"], supervised["lead"], supervised["province_viewer"]):
        client.force_login(user)
        response = client.get(f"/monitoring/supervision/{supervised['case'].pk}/")
        assert response.status_code == 404
        assert "Giám sát việc vận hành" not in response.content.decode()


def test_the_findings_cite_tasks_of_the_directive_and_of_no_other_document(client, supervised):
    env = supervised
    client.force_login(env["inspector"])
    response = client.post(f"/inspections/{env['case'].pk}/citations/",
                           {"task": [env["late"].pk], "note": "Chậm ban hành quy chế phối hợp so với kế hoạch"})
    assert response.status_code == 302
    citation = Citation.objects.get(case=env["case"])
    assert (citation.task, citation.note, citation.cited_by) == (env["late"], "Chậm ban hành quy chế phối hợp so với kế hoạch",
                                                                env["inspector"])
    html = client.get(f"/monitoring/supervision/{env['case'].pk}/").content.decode()
    assert "Chậm ban hành quy chế phối hợp so với kế hoạch" in html

    with pytest.raises(DomainError) as refused:
        findings_cite(actor=env["inspector"], case=env["case"], tasks=[env["elsewhere"], env["late"]], note="")
    assert {(e.field, e.code) for e in refused.value.errors} == {("tasks", "other_document"), ("tasks", "twice")}
    assert Citation.objects.filter(case=env["case"]).count() == 1
    client.force_login(env["outsider"])
    assert client.post(f"/inspections/{env['case'].pk}/citations/", {"task": [env["later"].pk]}).status_code == 404
    assert Citation.objects.filter(case=env["case"]).count() == 1


def test_the_api_gives_the_panel_as_the_page_does(api, supervised):
    """GET /api/v1/inspections/cases/{id}/supervision: the directive's tasks and status, and on each step's day the
    scorecard, the lagging units and the cascade's coverage — the same numbers as the page, as of a date too."""
    env = supervised
    findings_cite(actor=env["inspector"], case=env["case"], tasks=[env["late"]], note="Chậm ban hành")
    body = api.login(env["inspector"]).get(f"/inspections/cases/{env['case'].pk}/supervision").json()
    assert (body["case_id"], body["directive_id"], body["as_of"]) == (env["case"].pk, env["directive"].pk, "2025-09-15")
    assert [(t["title"], t["status"], t["cited"], t["citation_note"]) for t in body["tasks"]] == [
        ("Ban hành quy chế phối hợp", "overdue", True, "Chậm ban hành"),
        ("Bố trí công chức cấp xã", "within_deadline", False, "")]
    moments = {m["day"]: m for m in body["moments"]}
    assert list(moments) == ["2025-07-20", "2025-07-24", "2025-07-28", "2025-08-10", "2025-09-15"]
    decided, reported = moments["2025-07-20"], moments["2025-08-10"]
    assert (decided["scorecard"]["assigned"], decided["scorecard"]["overdue"], decided["lagging"]) == (2, 0, [])
    assert reported["scorecard"]["overdue"] == 1
    assert [(row["unit"], row["overdue"]) for row in reported["lagging"]] == [("25.UBND", 1)]
    assert decided["step"] and moments["2025-09-15"]["step"] == ""
    assert decided["coverage"]["issued"] == 0 and decided["coverage"]["units"] > 100  # the province's communes
    assert body["level"] == "commune" and body["within"] == "25"

    earlier = api.get(f"/inspections/cases/{env['case'].pk}/supervision", as_of="2025-07-25").json()
    assert [m["day"] for m in earlier["moments"]] == ["2025-07-20", "2025-07-24", "2025-07-25"]
    assert [t["status"] for t in earlier["tasks"]] == ["due_soon", "within_deadline"]  # neither late yet


def test_the_api_panel_is_the_cases_circle_s_only(api, supervised):
    env = supervised
    path = f"/inspections/cases/{env['case'].pk}/supervision"
    for user in (env["outsider"], env["lead"], env["province_viewer"]):
        response = api.login(user).get(path)
        assert response.status_code == 404
        assert "Giám sát việc vận hành" not in response.content.decode()
    assert api.login(env["standing"]).get(path).status_code == 200
    plain = services.case_open(actor=env["inspector"], kind=CaseKind.THEMATIC_INSPECTION, body=env["ubkt"],
                               title="Kiểm tra không theo văn bản", opened_on=dt.date(2025, 9, 1), target_unit=env["ubnd"])
    assert api.login(env["inspector"]).get(f"/inspections/cases/{plain.pk}/supervision").status_code == 404
