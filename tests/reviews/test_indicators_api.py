"""/api/v1/indicator-sets as a contract: the province sets the indicators and gives them to its communes, a commune
enters its value, the detail shows each commune against the target as the page does; a commune sees its own row,
the province all, another province nothing. The rows are monitoring's KPI targets and actuals, not a second store."""
import datetime as dt
from decimal import Decimal

import pytest

from mandate.accounts.models import Role
from mandate.monitoring.kpis import kpi_targets_list
from mandate.monitoring.selectors import child_units
from mandate.orgs.models import Unit
from mandate.reviews.models import IndicatorSet
from mandate.reviews.selectors import indicator_matrix

pytestmark = pytest.mark.django_db
ONLINE, FILES = "Tỷ lệ dịch vụ công trực tuyến toàn trình", "Tỷ lệ hồ sơ giải quyết đúng hạn"
BODY = {"owner": "25", "title": "Chỉ số chuyển đổi số cấp xã 2026", "period_start": "2026-01-01", "period_end": "2026-12-31",
        "indicators": [{"group": "online_rates", "name": ONLINE, "target": "80", "measure": "%"},
                       {"group": "on_time", "name": FILES, "comparison": "gte", "target": 98, "measure": "%"}]}


@pytest.fixture
def communes():
    return child_units(unit=Unit.objects.get(code="25"), as_of=dt.date(2026, 7, 5), kind="commune")[:3]


def test_the_province_sets_gives_and_reads_each_commune_against_target(api, freeze, make_user, communes):
    freeze(dt.date(2026, 7, 5))
    leader = make_user(Role.LEADER, "25")
    api.login(leader)
    created = api.post("/indicator-sets", BODY)
    assert created.status_code == 201, created.content
    body = created.json()
    assert [(i["name"], i["comparison"], i["target"]) for i in body["indicators"]] == [(ONLINE, "gte", "80.0000"),
                                                                                       (FILES, "gte", "98.0000")]
    assert body["communes"] == [] and body["import_page"] == "/monitoring/kpis/import/"
    set_id = body["id"]
    applied = api.post(f"/indicator-sets/{set_id}/apply", {"units": [c.code for c in communes]})
    assert applied.status_code == 200 and applied.json() == {"targets": 6}
    assert api.post(f"/indicator-sets/{set_id}/apply", {}).json()["targets"] > 0  # the other communes, by default
    for commune, online in zip(communes, ("85", "72", "90"), strict=True):
        entered = api.post(f"/indicator-sets/{set_id}/values", {"unit": commune.code, "indicator": ONLINE, "value": online,
                                                                "reported_on": "2026-06-30"})
        assert entered.status_code == 201, entered.content
    assert entered.json()["outcome"] == "achieved"
    detail = api.get(f"/indicator-sets/{set_id}").json()
    rows = {row["unit"]: row for row in detail["communes"]}
    assert [(v["indicator"], v["actual"], v["rank"], v["outcome"]) for v in rows[communes[1].code]["values"]] == [
        (ONLINE, "72.0000", 3, "not_achieved"), (FILES, None, None, "not_reported")]
    assert detail["communes"][0]["unit"] == communes[2].code  # best first, as the page orders them
    # The same numbers as the page's matrix and monitoring's KPI list.
    _indicators, matrix = indicator_matrix(user=leader, indicator_set=IndicatorSet.objects.get(pk=set_id),
                                           as_of=dt.date(2026, 7, 5))
    assert [r.unit.code for r in matrix] == [row["unit"] for row in detail["communes"]]
    listed = kpi_targets_list(user=leader, as_of=dt.date(2026, 7, 5), unit=communes[0])
    assert {(row.target.indicator, row.actual) for row in listed} == {(ONLINE, Decimal("85.0000")), (FILES, None)}
    # A later value corrects the earlier one; the list filters by owner and period.
    api.post(f"/indicator-sets/{set_id}/values", {"unit": communes[1].code, "indicator": ONLINE, "value": "81"})
    detail = api.get(f"/indicator-sets/{set_id}").json()
    assert {row["unit"]: row["values"][0]["actual"] for row in detail["communes"]}[communes[1].code] == "81.0000"
    assert [s["id"] for s in api.get("/indicator-sets", owner="25", period_from="2026-03-01").json()] == [set_id]
    assert api.get("/indicator-sets", period_to="2025-12-31").json() == []
    assert api.get("/indicator-sets", owner="nope").status_code == 422

    clerk = make_user(Role.SPECIALIST, communes[0].code)
    api.login(clerk)
    own = api.get(f"/indicator-sets/{set_id}").json()
    assert [row["unit"] for row in own["communes"]] == [communes[0].code]  # a commune sees its own row only
    assert [s["id"] for s in api.get("/indicator-sets").json()] == [set_id]
    entered = api.post(f"/indicator-sets/{set_id}/values", {"unit": communes[0].code, "indicator": FILES, "value": "97.5"})
    assert entered.status_code == 201 and entered.json()["outcome"] == "not_achieved"
    assert api.post(f"/indicator-sets/{set_id}/values", {"unit": communes[1].code, "indicator": FILES,
                                                         "value": "99"}).status_code == 403
    assert api.post("/indicator-sets", BODY).status_code == 403  # a commune does not set the province's indicators

    api.login(make_user(Role.LEADER, "01"))
    assert api.get("/indicator-sets").json() == []
    assert api.get(f"/indicator-sets/{set_id}").status_code == 404
    assert api.post(f"/indicator-sets/{set_id}/values", {"unit": communes[0].code, "indicator": ONLINE,
                                                         "value": "1"}).status_code == 404


def test_refusals_name_the_field_in_the_readers_language(api, freeze, make_user, communes):
    freeze(dt.date(2026, 7, 5))
    api.login(make_user(Role.LEADER, "25"))
    refused = api.post("/indicator-sets", {"owner": "25", "title": "", "period_start": "2026-12-31", "period_end": "2026-01-01",
                                           "indicators": [{"group": "weather", "name": "Mưa", "target": "x"}]},
                       HTTP_ACCEPT_LANGUAGE="vi")
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["indicators.0.target"]  # the schema reads the number first
    refused = api.post("/indicator-sets", {"owner": "25", "title": "", "period_start": "2026-12-31", "period_end": "2026-01-01",
                                           "indicators": [{"group": "weather", "name": "Mưa", "target": "5"}]},
                       HTTP_ACCEPT_LANGUAGE="vi")
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"title", "period_end", "indicators.0.group"}
    assert refused.json()["message"] == "Không thể lưu bộ chỉ số."
    created = api.post("/indicator-sets", BODY).json()
    api.post(f"/indicator-sets/{created['id']}/apply", {"units": [communes[0].code]})
    for payload, field in (({"unit": communes[0].code, "indicator": "Không có", "value": "1"}, "indicator"),
                           ({"unit": communes[1].code, "indicator": ONLINE, "value": "1"}, "unit"),
                           ({"unit": communes[0].code, "indicator": ONLINE}, "value"),
                           ({"unit": communes[0].code, "indicator": ONLINE, "value": "abc"}, "value")):
        refused = api.post(f"/indicator-sets/{created['id']}/values", payload, HTTP_ACCEPT_LANGUAGE="vi")
        assert refused.status_code == 422, (payload, refused.content)
        assert refused.json()["errors"][0]["field"] == field
    assert api.post("/indicator-sets", BODY).json()["errors"][0]["field"] == "title"  # the same title, the same period
    hanoi = child_units(unit=Unit.objects.get(code="01"), as_of=dt.date(2026, 7, 5), kind="commune")[0]
    refused = api.post(f"/indicator-sets/{created['id']}/apply", {"units": [hanoi.code]})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "units"
