"""/api/v1/units as a contract."""
import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(api, make_user):
    return api.login(make_user("viewer", "VN"))


def test_province_counts_before_and_after_the_2025_merger(viewer):
    assert viewer.get("/units", level="province").json()["count"] == 34
    assert viewer.get("/units", level="province", as_of="2025-06-30").json()["count"] == 63
    assert viewer.get("/units", level="commune").json()["count"] == 3321


def test_list_is_paginated_with_count_and_items(viewer):
    body = viewer.get("/units", level="province", limit=5).json()
    assert set(body) == {"count", "items"}
    assert len(body["items"]) == 5
    assert set(body["items"][0]) == {"code", "name", "short_name", "kind", "tier", "valid_from", "valid_to"}


def test_search_ignores_diacritics(viewer):
    items = viewer.get("/units", q="Ha Noi").json()["items"]
    assert items[0]["name"] == "Thành phố Hà Nội"
    assert viewer.get("/units", q="phu tho", level="province").json()["items"][0]["code"] == "25"


def test_children_of_a_province_and_lineage_of_a_merged_one(viewer):
    codes = [u["code"] for u in viewer.get("/units", parent="25.TU").json()["items"]]
    assert codes == ["25.TU.BCH", "25.TU.BTC", "25.TU.BTGDV", "25.TU.BTV", "25.TU.TT", "25.TU.UBKT", "25.TU.VP"]
    detail = viewer.get("/units/25").json()
    assert sorted(u["code"] for u in detail["predecessors"]) == ["old-17", "old-25", "old-26"]
    old = viewer.get("/units/old-26", as_of="2025-06-30").json()
    assert (old["valid_to"], [u["code"] for u in old["successors"]]) == ("2025-07-01", ["25"])


def test_tree_as_of_a_date(viewer):
    tree = viewer.get("/units/tree", root="VN", depth=1, as_of="2025-06-30").json()
    assert sum(1 for child in tree["children"] if child["kind"] == "province") == 63
    tree = viewer.get("/units/tree", root="VN", depth=1).json()
    assert sum(1 for child in tree["children"] if child["kind"] == "province") == 34


def test_errors_are_json_naming_the_field(viewer):
    response = viewer.get("/units", as_of="30-06-2025")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "as_of"
    response = viewer.get("/units/NOPE")
    assert response.status_code == 404
    assert "NOPE" in response.json()["message"]


def test_anonymous_callers_are_refused(client):
    response = client.get("/api/v1/units")
    assert response.status_code == 401
    assert response.json()["message"].startswith("Authentication required")
