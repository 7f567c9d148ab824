"""/api/v1/tasks as a contract."""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.tasks.models import Task
from tests.factories import a_document, a_leader
from tests.samples import a_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(api, make_user, freeze):
    # Entered five days after the document: a task of a document more than a week old is assigned on the day it is
    # entered unless a reason is stated (issue 14, class 3), and its 25 July deadline would lie before that.
    freeze(dt.date(2025, 7, 20))
    document = a_document(issued_on=dt.date(2025, 7, 15))
    return {
        "document": document,
        "office": make_user("specialist", "25.TU"),
        "leader": make_user("leader", "25.TU"),
        "btc": make_user("specialist", "25.TU.BTC"),
        "person": a_leader("bithu"),
    }


def payload(world, **changes):
    body = {"document_id": world["document"].pk, "title": "Rà soát quy hoạch cán bộ", "lead_unit": "25.TU.BTC",
            "coordinators": ["25.TU.VP"], "leader": "bithu", "deadline": "2025-07-25", "product": "Báo cáo rà soát"}
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


def test_without_a_lead_unit_the_refusal_names_the_responsibility_clear(api, world):
    api.login(world["office"])
    response = api.post("/tasks", payload(world, lead_unit=None))
    assert response.status_code == 422
    assert "responsibility" in response.json()["message"]
    assert response.json()["errors"] == [{"field": "lead_unit", "reason": "clear responsibility: name exactly one lead unit",
                                          "code": "clear_responsibility"}]
    assert Task.objects.count() == 0


def test_every_missing_clear_is_named(api, world):
    api.login(world["office"])
    body = api.post("/tasks", {}).json()
    assert body["message"] == "The task is not clear in: person, work, time, responsibility, product, authority."


def test_create_and_read_back(api, world):
    api.login(world["office"])
    response = api.post("/tasks", payload(world))
    assert response.status_code == 201
    task = response.json()
    assert (task["lead_unit"]["code"], task["assigning_unit"]["code"], task["state"], task["deadline"]) == (
        "25.TU.BTC", "25.TU.BTV", "assigned", "2025-07-25")
    assert [c["code"] for c in task["coordinators"]] == ["25.TU.VP"]
    assert task["timeline"][0]["kind"] == "assigned"
    assert api.get(f"/tasks/{task['id']}").json()["title"] == "Rà soát quy hoạch cán bộ"


def test_unknown_references_name_their_field(api, world):
    api.login(world["office"])
    response = api.post("/tasks", payload(world, lead_unit="99.XX"))
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "lead_unit")
    response = api.post("/tasks", payload(world, leader="nobody"))
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "leader")
    response = api.post("/tasks", payload(world, deadline="25/07/2025"))
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "deadline")


def test_status_filters_as_of_a_date(api, world):
    api.login(world["office"])
    task_id = api.post("/tasks", payload(world)).json()["id"]
    other = api.post("/tasks", payload(world, title="Việc khác", deadline="2025-09-30")).json()["id"]

    def ids(**query):
        return [t["id"] for t in api.get("/tasks", **query).json()["items"]]

    assert ids(status="due_soon", as_of="2025-07-20") == [task_id]
    assert ids(status="overdue", as_of="2025-07-26") == [task_id]
    assert ids(status="within_deadline", as_of="2025-07-26") == [other]
    assert ids(status="open", as_of="2025-07-26") == [task_id, other]
    assert ids(as_of="2025-07-14") == []  # not yet assigned
    counts = api.get("/tasks/counts", as_of="2025-07-26").json()
    assert (counts["assigned"], counts["overdue"], counts["within_deadline"]) == (2, 1, 1)


def test_lead_unit_filter_with_subtree(api, world):
    api.login(world["office"])
    api.post("/tasks", payload(world))
    assert api.get("/tasks", lead_unit="25.TU", as_of="2025-07-20").json()["count"] == 0
    assert api.get("/tasks", lead_unit="25.TU", subtree="true", as_of="2025-07-20").json()["count"] == 1
    assert api.get("/tasks", q="ra soat", as_of="2025-07-20").json()["count"] == 1
    assert api.get("/tasks", status="bogus").status_code == 422


def test_the_workflow_through_the_api(api, world, freeze):
    freeze(dt.date(2025, 7, 20))
    api.login(world["office"])
    task_id = api.post("/tasks", payload(world)).json()["id"]
    api.login(world["btc"])
    upload = SimpleUploadedFile("bao-cao.pdf", a_pdf(), content_type="application/pdf")
    report = api.post_form(f"/tasks/{task_id}/progress", {"percent": 50, "text": "Đã rà soát 50%", "files": [upload], "version": 1})
    assert report.status_code == 201
    assert report.json()["evidence"] == ["bao-cao.pdf"]
    stale = api.post(f"/tasks/{task_id}/transitions", {"name": "submit", "version": 1})
    assert stale.status_code == 409
    assert api.post(f"/tasks/{task_id}/transitions", {"name": "submit", "version": 2}).json()["state"] == "submitted"
    assert api.post(f"/tasks/{task_id}/transitions", {"name": "complete", "version": 3}).status_code == 403
    assert Task.objects.filter(pk=task_id).values_list("state", "version").get() == ("submitted", 3)
    api.login(world["leader"])
    done = api.post(f"/tasks/{task_id}/transitions", {"name": "complete", "version": 3}).json()
    assert (done["state"], done["completed_on"], done["status"]) == ("completed", "2025-07-20", "completed_on_time")


def test_extensions_through_the_api(api, world, freeze):
    freeze(dt.date(2025, 7, 20))
    api.login(world["office"])
    task_id = api.post("/tasks", payload(world)).json()["id"]
    api.login(world["btc"])
    extension = api.post(f"/tasks/{task_id}/extensions", {"requested_deadline": "2025-08-05", "reason": "Chờ ý kiến", "version": 1})
    assert extension.status_code == 201
    api.login(world["leader"])
    refused = api.post(f"/tasks/{task_id}/extensions/{extension.json()['id']}/decision", {"approve": False, "version": 1})
    assert (refused.status_code, refused.json()["errors"][0]["field"]) == (422, "note")
    approved = api.post(f"/tasks/{task_id}/extensions/{extension.json()['id']}/decision", {"approve": True, "version": 1})
    assert approved.json()["state"] == "approved"
    detail = api.get(f"/tasks/{task_id}").json()
    assert (detail["deadline"], detail["original_deadline"], detail["extension_count"]) == ("2025-08-05", "2025-07-25", 1)


def test_tasks_of_other_provinces_are_invisible(api, world, make_user):
    api.login(world["office"])
    task_id = api.post("/tasks", payload(world)).json()["id"]
    api.login(make_user("specialist", "01.TU"))
    assert api.get(f"/tasks/{task_id}").status_code == 404
    assert api.get("/tasks", as_of="2025-07-20").json()["count"] == 0
