
import pytest

pytestmark = pytest.mark.django_db


def test_units_by_level_as_of(api, make_user):
    api.login(make_user(role="viewer", unit_code="VN"))
    assert api.get("/units", level="province").json()["count"] == 34
    assert api.get("/units", level="province", as_of="2025-06-30").json()["count"] == 63
