"""One name for each filter across the API and the pages: the period of assignment is `assigned_from`/`assigned_to`
everywhere, as in the task list; the old names (`from`/`to` in the API, `period_from`/`period_to` on the pages) are
still accepted and give the same answer."""
import io
import re

import pytest
from openpyxl import load_workbook

from mandate.orgs.models import Unit
from mandate.orgs.schemas import UnitRef
from mandate.orgs.services import cluster_create
from tests.monitoring.builders import random_tasks

pytestmark = pytest.mark.django_db

AS_OF = "2025-09-30"
NEW = {"assigned_from": "2025-07-10", "assigned_to": "2025-08-15"}
OLD_API = {"from": "2025-07-10", "to": "2025-08-15"}
OLD_PAGES = {"period_from": "2025-07-10", "period_to": "2025-08-15"}


@pytest.fixture
def tasks():
    return random_tasks(4)


@pytest.mark.parametrize("path", ["/scorecards", "/scorecards/children", "/scorecards/trend", "/lagging"])
def test_the_scorecard_endpoints_take_the_period_by_its_name_and_by_its_old_name(admin_api, tasks, path):
    query = {"unit": "25", "subtree": "true", "as_of": AS_OF}
    current = admin_api.get(path, **query, **NEW)
    old = admin_api.get(path, **query, **OLD_API)
    everything = admin_api.get(path, **query)
    assert (current.status_code, old.status_code) == (200, 200)
    assert current.json() == old.json()
    assert current.json() != everything.json()  # the period does select


def test_a_scorecard_says_its_period_under_both_names(admin_api, tasks):
    scope = admin_api.get("/scorecards", unit="25", subtree="true", as_of=AS_OF, **OLD_API).json()["scope"]
    assert (scope["assigned_from"], scope["assigned_to"]) == (scope["period_from"], scope["period_to"]) == ("2025-07-10", "2025-08-15")


def test_a_cluster_takes_the_period_by_both_names(admin_api, tasks):
    cluster_create(actor=None, code="cum-2", name="Cụm thi đua số 2", members=[Unit.objects.get(code="25"), Unit.objects.get(code="01")])
    current = admin_api.get("/scorecards/clusters/cum-2", as_of=AS_OF, **NEW).json()
    assert current == admin_api.get("/scorecards/clusters/cum-2", as_of=AS_OF, **OLD_API).json()
    assert (current["assigned_from"], current["period_to"]) == ("2025-07-10", "2025-08-15")
    assert current["units"][0]["scorecard"]["assigned"] > 0


def test_the_counted_tasks_are_listed_by_the_same_names(admin_api, tasks):
    card = admin_api.get("/scorecards", unit="25", subtree="true", as_of=AS_OF, **NEW).json()
    listed = admin_api.get("/tasks", lead_unit="25", subtree="true", as_of=AS_OF, limit=1000, **NEW).json()
    assert card["assigned"] == listed["count"] > 0


def test_a_period_given_twice_must_agree(admin_api, tasks):
    query = {"unit": "25", "subtree": "true", "as_of": AS_OF}
    same = admin_api.get("/scorecards", **query, assigned_from="2025-07-10", **{"from": "2025-07-10"})
    assert same.status_code == 200
    refused = admin_api.get("/scorecards", **query, assigned_from="2025-07-10", **{"from": "2025-07-11"})
    assert (refused.status_code, [e["field"] for e in refused.json()["errors"]]) == (422, ["from"])
    backwards = admin_api.get("/scorecards", **query, assigned_from="2025-08-15", assigned_to="2025-07-10")
    assert (backwards.status_code, [e["field"] for e in backwards.json()["errors"]]) == (422, ["assigned_to"])
    old_backwards = admin_api.get("/scorecards", **query, **{"from": "2025-08-15", "to": "2025-07-10"})
    assert (old_backwards.status_code, [e["field"] for e in old_backwards.json()["errors"]]) == (422, ["to"])


def test_kpi_targets_take_their_own_period_by_its_name_and_by_its_old_name(admin_api):
    for start, end in [("2025-01-01", "2025-06-30"), ("2025-07-01", "2025-12-31")]:
        created = admin_api.post("/kpis", {"unit": "25", "indicator": f"GRDP {start}", "period_start": start, "period_end": end,
                                           "comparison": "gte", "target": "8", "measure": "%"})
        assert created.status_code == 201
    current = admin_api.get("/kpis", unit="25", period_from="2025-08-01", period_to="2025-09-30").json()
    assert [row["indicator"] for row in current] == ["GRDP 2025-07-01"]
    assert admin_api.get("/kpis", unit="25", **{"from": "2025-08-01", "to": "2025-09-30"}).json() == current


def test_the_openapi_schema_marks_the_old_names_deprecated(admin_api):
    schema = admin_api.get("/openapi.json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/scorecards"]["get"]["parameters"]}
    assert (parameters["from"].get("deprecated"), parameters["to"].get("deprecated")) == (True, True)
    assert "deprecated" not in parameters["assigned_from"] and "deprecated" not in parameters["assigned_to"]
    scope = schema["components"]["schemas"]["ScopeOut"]["properties"]
    assert (scope["period_from"].get("deprecated"), scope.get("assigned_from", {}).get("deprecated")) == (True, None)
    status = {p["name"]: p for p in schema["paths"]["/api/v1/tasks"]["get"]["parameters"]}["status"]
    assert "open (use not_completed)" in status["description"]


def test_one_unit_reference_schema_serves_every_api():
    from mandate.documents import api as documents_api
    from mandate.meetings import api as meetings_api
    from mandate.tasks import api as tasks_api

    assert tasks_api.UnitRef is documents_api.UnitRef is meetings_api.UnitRef is UnitRef


def _cards(html: str) -> dict[str, int]:
    return {key: int(number.replace(".", "").replace(",", "")) for key, number in
            re.findall(r'data-count="(\w+)"><span class="card-number">([\d.,]+)</span>', html)}


@pytest.fixture
def leader_client(client, make_user):
    client.force_login(make_user("leader", "25"))
    return client


def test_the_scorecard_page_takes_the_period_by_its_name_and_by_its_old_name(leader_client, tasks):
    query = {"unit": "25", "subtree": "true", "as_of": AS_OF}
    current = leader_client.get("/monitoring/", {**query, **NEW}).content.decode()
    old = leader_client.get("/monitoring/", {**query, **OLD_PAGES}).content.decode()
    everything = leader_client.get("/monitoring/", query).content.decode()
    assert _cards(current) == _cards(old) != _cards(everything)
    assert _cards(current)["assigned"] > 0
    for html in (current, old):
        assert 'name="assigned_from" value="2025-07-10"' in html
        assert "assigned_from=2025-07-10&amp;assigned_to=2025-08-15" in html  # the exports and the task lists behind numbers
    assert "period_from" not in current  # (the as-of form of every page carries the request's own parameters on)


def test_the_exports_take_the_period_by_its_name_and_by_its_old_name(leader_client, tasks):
    def total(params) -> list:
        response = leader_client.get("/monitoring/scorecards/export.xlsx", {"unit": "25", "subtree": "true", "as_of": AS_OF, **params})
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=9)]
        return [sheet["A6"].value, next(row for row in rows if row[0] is None and isinstance(row[2], int))]

    assert total(NEW) == total(OLD_PAGES) != total({})
    assert total(NEW)[0].startswith("Nhiệm vụ giao từ ngày 10/07/2025 đến ngày 15/08/2025")


def _listed(html: str) -> tuple[str, list[str]]:
    count = re.search(r'id="result-count">([^<]*)<', html).group(1)
    return count, re.findall(r'href="/tasks/(\d+)/', html)


def test_the_task_list_page_takes_the_old_status_names(leader_client, tasks):
    query = {"lead_unit": "25", "subtree": "on", "as_of": "2025-08-25"}
    for old, current in [("open", "not_completed"), ("done", "completed"), ("not_overdue", "within_deadline")]:
        old_page = leader_client.get("/tasks/", {**query, "status": old})
        current_page = leader_client.get("/tasks/", {**query, "status": current})
        assert old_page.status_code == current_page.status_code == 200
        assert _listed(old_page.content.decode()) == _listed(current_page.content.decode())
        assert _listed(current_page.content.decode())[1], current
        for page in (old_page, current_page):
            assert f'<option value="{current}" selected>' in page.content.decode()
