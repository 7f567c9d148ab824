"""Vacancies rolled up: per unit of a subtree, the posts with a seat not officially held, the empty seats and the
seats held only by an acting cadre, equal to the sums of the list of vacant posts they summarize."""
import datetime as dt
import re

from mandate.orgs.models import Unit
from mandate.personnel.models import HoldingKind
from mandate.personnel.services import holding_record, person_create, position_create


def _sums(items) -> dict:
    by_unit: dict[str, list[int]] = {}
    for p in items:
        row = by_unit.setdefault(p["unit"], [0, 0, 0])
        acting = min(p["acting"], p["seats"] - p["held"])
        row[0] += 1
        row[1] += p["seats"] - p["held"] - acting
        row[2] += acting
    return by_unit


def test_the_rollup_equals_the_list_of_vacant_posts(files, api):
    # The chair of the new province: held; of five vice-chairs, one official and one acting; the staff posts all empty.
    holding_record(actor=None, person=files["second"], position=files["chair_new"], starts_on=dt.date(2025, 7, 1))
    holding_record(actor=None, person=files["first"], position=files["vice"], starts_on=dt.date(2025, 7, 1))
    acting = person_create(actor=None, full_name="Hà Thị Quyền", birth_date=dt.date(1980, 2, 2), sex="female", kept_by=files["new"])
    holding_record(actor=None, person=acting, position=files["vice"], starts_on=dt.date(2025, 7, 10), kind=HoldingKind.ACTING)
    position_create(actor=None, unit=Unit.objects.get(code="25.TU.UBKT"), kind="staff", title="Kiểm tra viên", seats=4,
                    managing_unit=files["standing"])
    api.login(files["viewer"])
    summary = api.get("/personnel/vacancies", unit="25", as_of="2025-08-01")
    assert summary.status_code == 200, summary.content
    body = summary.json()
    listed = api.get("/positions", unit="25", subtree="true", vacant="true", as_of="2025-08-01", limit=1000).json()["items"]
    expected = _sums(listed)
    assert {r["unit"]: [r["posts"], r["empty_seats"], r["acting_seats"]] for r in body["units"]} == expected
    assert [body["total"]["posts"], body["total"]["empty_seats"], body["total"]["acting_seats"]] == [
        sum(v[n] for v in expected.values()) for n in range(3)]
    ubnd = next(r for r in body["units"] if r["unit"] == "25.UBND")
    assert (ubnd["posts"], ubnd["empty_seats"], ubnd["acting_seats"]) == (1, 3, 1)  # the vice-chairs: 5 − 1 official − 1 acting
    staff = next(r for r in body["units"] if r["unit"] == "25.TU.BTC")
    assert (staff["empty_seats"], staff["acting_seats"]) == (20, 0)
    assert next(r for r in body["units"] if r["unit"] == "25.TU.UBKT")["empty_seats"] == 4
    # Filling the last open seats officially takes the unit out of the rollup.
    for n in range(3):
        cadre = person_create(actor=None, full_name=f"Phó Chủ tịch {n}", birth_date=dt.date(1975, 1, 1 + n), sex="male", kept_by=files["new"])
        holding_record(actor=None, person=cadre, position=files["vice"], starts_on=dt.date(2025, 7, 15))
    later = api.get("/personnel/vacancies", unit="25", as_of="2025-08-01").json()
    assert next(r for r in later["units"] if r["unit"] == "25.UBND")["empty_seats"] == 0
    assert later["total"]["empty_seats"] == body["total"]["empty_seats"] - 3


def test_an_unknown_unit_is_refused_naming_it(files, api):
    api.login(files["viewer"])
    refused = api.get("/personnel/vacancies", unit="99.NO")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "unit"


def test_the_positions_page_shows_the_rollup_with_the_same_totals(client, files, api):
    holding_record(actor=None, person=files["first"], position=files["vice"], starts_on=dt.date(2025, 7, 1))
    client.force_login(files["viewer"])
    page = client.get("/personnel/", {"unit": "Ủy ban nhân dân tỉnh Phú Thọ", "subtree": "1", "vacant": "1"})
    assert page.status_code == 200
    html = page.content.decode()
    rollup = html[html.index('class="tasks vacancies"'):]
    api.login(files["viewer"])
    total = api.get("/personnel/vacancies", unit="25.UBND", as_of="2025-08-01").json()["total"]
    assert (total["posts"], total["empty_seats"], total["acting_seats"]) == (2, 5, 0)  # the two chairs' posts: 1 + 4 seats
    assert "Chức danh còn khuyết theo đơn vị" in html and "Số chỗ còn trống" in rollup  # in the reader's language (vi)
    assert "Ủy ban nhân dân tỉnh Phú Thọ" in rollup and ">5</td>" in rollup.split('class="total"')[1]


def test_the_page_the_api_and_the_export_count_seats_not_posts(client, files, api):
    """Five vice-chairs' seats with one official and one acting holder, and three seats of a post held by one acting
    cadre: 3 + 2 empty seats and 1 + 1 acting seats in 2 posts, on the page, in the API and in the spreadsheet."""
    import io

    from openpyxl import load_workbook

    holding_record(actor=None, person=files["first"], position=files["vice"], starts_on=dt.date(2025, 7, 1))
    acting = person_create(actor=None, full_name="Hà Thị Quyền", birth_date=dt.date(1980, 2, 2), sex="female", kept_by=files["new"])
    holding_record(actor=None, person=acting, position=files["vice"], starts_on=dt.date(2025, 7, 10), kind=HoldingKind.ACTING)
    experts = position_create(actor=None, unit=files["new"], kind="deputy_head", title="Phó Chánh Văn phòng UBND tỉnh", seats=3,
                              managing_unit=files["standing"], valid_from=dt.date(2025, 7, 1))
    holding_record(actor=None, person=files["second"], position=experts, starts_on=dt.date(2025, 7, 1), kind=HoldingKind.ACTING)
    holding_record(actor=None, person=files["second"], position=files["chair_new"], starts_on=dt.date(2025, 7, 1))

    api.login(files["organizer"])
    total = api.get("/personnel/vacancies", unit="25.UBND", as_of="2025-08-01").json()["total"]
    assert (total["posts"], total["empty_seats"], total["acting_seats"], total["vacant_seats"]) == (2, 5, 2, 7)

    client.force_login(files["organizer"])
    html = client.get("/personnel/", {"unit": "25.UBND", "subtree": "1", "vacant": "1", "as_of": "2025-08-01"}).content.decode()
    totals = html[html.index('class="total"'):].split("</tr>")[0]
    assert re.findall(r"<td[^>]*>(\d+)</td>", totals) == ["2", "7", "5", "2"]

    sheet = client.get("/personnel/exports/vacancies.xlsx", {"unit": "25.UBND", "as_of": "2025-08-01"})
    assert sheet.status_code == 200
    rows = [[cell.value for cell in row] for row in load_workbook(io.BytesIO(sheet.content)).active.iter_rows()]
    states = {row[2]: row[6] for row in rows if isinstance(row[0], int) and row[2]}
    assert states == {"Phó Chủ tịch UBND tỉnh Phú Thọ": "khuyết 3, 1 chỉ có người quyền, phụ trách",
                      "Phó Chánh Văn phòng UBND tỉnh": "khuyết 2, 1 chỉ có người quyền, phụ trách"}
    assert any("7 chỗ" in str(cell) and "2 chức danh" in str(cell) for row in rows for cell in row)  # the subtitle counts seats
