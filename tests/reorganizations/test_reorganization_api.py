"""The /api/v1/reorganizations contract: prepare, preview, destinations, apply, revert; errors name field and reason."""
import datetime as dt

import pytest

from mandate.orgs.models import Unit
from mandate.tasks.models import Task
from tests.factories import a_task
from tests.reorganizations.reorganization_helpers import a_department

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(api, make_user, freeze):
    freeze(dt.date(2025, 8, 20))
    return api.login(make_user(is_superuser=True))


def test_split_through_the_api(admin):
    source = a_department("Sở nguồn")
    task = a_task(lead_unit=source.code, deadline=dt.date(2025, 12, 31))
    response = admin.post("/reorganizations", {
        "kind": "split", "effective_on": "2025-09-01", "note": "Tách sở", "batch": "b1", "predecessors": [source.code],
        "successors": ["25.UBND.X1", "25.UBND.X2"],
        "new_units": [{"code": "25.UBND.X1", "name": "Sở X1", "kind": "department", "tier": "province", "parent": "25.UBND"},
                      {"code": "25.UBND.X2", "name": "Sở X2", "kind": "department", "tier": "province", "parent": "25.UBND"}]})
    assert response.status_code == 201, response.json()
    event = response.json()
    assert (event["state"], event["links"]) == ("prepared", [{"predecessor": source.code, "successor": "25.UBND.X1"},
                                                             {"predecessor": source.code, "successor": "25.UBND.X2"}])

    preview = admin.get(f"/reorganizations/{event['id']}/preview").json()
    assert preview["can_apply"] is False and preview["handed"] is None
    assert [(m["item_type"], m["item_id"]) for m in preview["missing"]] == [("task", task.pk)]

    refused = admin.post(f"/reorganizations/{event['id']}/apply", {"version": event["version"]})
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["field"] == f"destinations.task.{task.pk}"
    assert refused.json()["errors"][0]["code"] == "no_destination"

    wrong = admin.post(f"/reorganizations/{event['id']}/destinations",
                       {"destinations": [{"item_type": "task", "item_id": task.pk, "destination": "25.UBND"}], "version": 1})
    assert wrong.status_code == 422 and wrong.json()["errors"][0] == {
        "field": "destinations", "reason": "25.UBND is not a successor of this event", "code": "not_successor"}
    chosen = admin.post(f"/reorganizations/{event['id']}/destinations",
                        {"destinations": [{"item_type": "task", "item_id": task.pk, "destination": "25.UBND.X2"}], "version": 1})
    assert chosen.json()["can_apply"] is True and chosen.json()["reorganization"]["version"] == 2

    applied = admin.post(f"/reorganizations/{event['id']}/apply", HTTP_IF_MATCH="2")
    assert applied.status_code == 200 and applied.json()["state"] == "applied"
    assert Task.objects.get(pk=task.pk).lead_unit.code == "25.UBND.X2"
    listed = admin.get("/reorganizations", batch="b1").json()
    assert [item["id"] for item in listed["items"]] == [event["id"]]
    done = admin.get(f"/reorganizations/{event['id']}/preview").json()
    assert done["handed"] == {"task": 1, "assigned": 0, "coordination": 0}
    assert done["handings"][0]["handed"] == {"task": 1, "assigned": 0, "coordination": 0}

    reverted = admin.post(f"/reorganizations/{event['id']}/revert", {"version": 3})
    assert reverted.json()["state"] == "reverted"
    assert Task.objects.get(pk=task.pk).lead_unit == source
    assert not Unit.objects.filter(code="25.UBND.X2").exists()


def test_refusals_name_the_field(admin):
    response = admin.post("/reorganizations", {"kind": "merge", "effective_on": "2025-09-01", "predecessors": ["nope"],
                                               "successors": ["25.UBND"]})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "predecessors.0", "reason": "no unit has the code “nope”", "code": "unknown_unit"}]
    response = admin.post("/reorganizations", {"kind": "rename", "predecessors": ["25.UBND"]})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "effective_on"


def test_a_specialist_may_not_reorganize(api, make_user):
    api.login(make_user("specialist", "25.UBND"))
    response = api.post("/reorganizations", {"kind": "rename", "effective_on": "2025-09-01", "predecessors": ["25.UBND"],
                                             "new_name": "x"})
    assert response.status_code == 403
