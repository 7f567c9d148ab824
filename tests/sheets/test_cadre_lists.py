"""The organization committee's lists — leaders by body, appointments and nominations, rotations, vacancies and
staffing — downloaded from the page and the API as XLSX and DOCX on the Party's paper, and read back."""
import datetime as dt
import io

import pytest
from docx import Document as Word
from openpyxl import load_workbook

from mandate.accounts.models import Role
from mandate.orgs.models import Term, Unit
from mandate.personnel.events import personnel_event_apply
from mandate.personnel.models import RecordOpening, Sex
from mandate.personnel.services import headcount_set, holding_record, person_create, planning_add, position_create, staffing_quota_set
from mandate.personnel.titles import Title
from mandate.reports.paper import PARTY_HEADING
from tests.factories import a_document

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 9, 15)


@pytest.fixture
def province(freeze):
    """Phú Thọ's People's Committee: its chair (acting), two vice-chairs of five seats, a rotation, quota and headcount."""
    freeze(DAY)
    ubnd, btv = Unit.objects.get(code="25.UBND"), Unit.objects.get(code="25.TU.BTV")
    since = dt.date(2025, 7, 1)
    chair = position_create(actor=None, unit=ubnd, kind=Title.COMMITTEE_CHAIR, title="Chủ tịch UBND tỉnh", managing_unit=btv,
                            valid_from=since)
    vice = position_create(actor=None, unit=ubnd, kind=Title.COMMITTEE_VICE_CHAIR, title="Phó Chủ tịch UBND tỉnh", seats=5,
                           managing_unit=btv, valid_from=since)
    director = position_create(actor=None, unit=Unit.objects.get(code="25.UBND"), kind=Title.DIVISION_HEAD, title="Chánh Văn phòng UBND tỉnh",
                               managing_unit=btv, valid_from=since)
    people = {name: person_create(actor=None, full_name=name, birth_date=dt.date(year, 4, 2), sex=sex, kept_by=ubnd, ethnicity="Kinh")
              for name, year, sex in (("Đào Quang Thử", 1970, Sex.MALE), ("Vũ Thị Mẫu", 1978, Sex.FEMALE),
                                      ("Hà Văn Luân", 1980, Sex.MALE))}
    holding_record(actor=None, person=people["Đào Quang Thử"], position=chair, starts_on=since, kind="acting")
    holding_record(actor=None, person=people["Hà Văn Luân"], position=director, starts_on=since)
    decision = a_document(issuing_unit="25.TU.BTV", type="QĐ", issued_on=dt.date(2025, 8, 1))
    personnel_event_apply(actor=None, kind="election", person=people["Vũ Thị Mẫu"], document=decision,
                          effective_on=dt.date(2025, 8, 5), position=vice, votes_convened=50, votes_present=48, votes_for=45)
    term = Term.objects.filter(unit__code="25.TU").order_by("-starts_on").first()
    planning_add(actor=None, person=people["Hà Văn Luân"], position=vice, term=term, added_on=since)
    rotation = a_document(issuing_unit="25.TU.BTV", type="QĐ", issued_on=dt.date(2025, 8, 20))
    luan = people["Hà Văn Luân"]
    personnel_event_apply(actor=None, kind="rotation", person=luan, document=rotation, effective_on=dt.date(2025, 9, 1),
                          position=vice, ends=list(luan.holdings.all()), ends_on=dt.date(2028, 9, 1))
    staffing_quota_set(actor=None, unit=ubnd, year=2025, quota=60)
    headcount_set(actor=None, unit=ubnd, year=2025, count=72)
    return people


def _rows(content: bytes) -> list[list]:
    return [[cell.value for cell in row] for row in load_workbook(io.BytesIO(content)).active.iter_rows()]


def test_the_leaders_by_body_as_xlsx_and_docx_on_the_party_paper(province, client, make_user):
    client.force_login(make_user(Role.SPECIALIST, "25.TU.BTC", username="btc_danhsach"))
    response = client.get("/personnel/exports/leaders.xlsx", {"unit": "25.UBND"})
    assert response.status_code == 200
    rows = _rows(response.content)
    assert any(PARTY_HEADING in (value or "") for row in rows[:3] for value in row)
    assert any("BAN TỔ CHỨC" in (value or "") for row in rows[:3] for value in row)
    people = {row[1]: row for row in rows if isinstance(row[0], int)}
    assert set(people) == {"Đào Quang Thử", "Vũ Thị Mẫu", "Hà Văn Luân"}
    assert people["Vũ Thị Mẫu"][2:6] == ["1978", "Nữ", "Kinh", "Phó Chủ tịch UBND tỉnh"]
    assert "Ủy ban nhân dân tỉnh Phú Thọ" in [row[0] for row in rows if row[0] and not isinstance(row[0], int)]
    assert RecordOpening.objects.filter(channel="export").count() == 3
    word = Word(io.BytesIO(client.get("/personnel/exports/leaders.docx", {"unit": "25.UBND"}).content))
    assert PARTY_HEADING in word.tables[0].rows[0].cells[1].text
    assert "Đào Quang Thử" in [cell.text for row in word.tables[1].rows for cell in row.cells]


def test_a_viewer_gets_the_names_and_posts_but_no_personal_data(province, client, make_user):
    client.force_login(make_user(Role.VIEWER, "25", username="xem_danhsach"))
    rows = _rows(client.get("/personnel/exports/leaders.xlsx", {"unit": "25.UBND"}).content)
    person = next(row for row in rows if row[1] == "Vũ Thị Mẫu")
    assert person[2:5] == ["—", "—", "—"] and person[5] == "Phó Chủ tịch UBND tỉnh"
    assert not RecordOpening.objects.exists()
    assert client.get("/personnel/exports/vacancies.xlsx", {"unit": "25.UBND"}).status_code == 403


def test_appointments_rotations_and_vacancies_of_a_period(province, client, make_user):
    client.force_login(make_user(Role.SPECIALIST, "25.TU.BTC", username="btc_ky"))
    period = {"unit": "25", "starts": "2025-07-01", "ends": "2025-09-30"}
    appointed = _rows(client.get("/personnel/exports/appointments.xlsx", period).content)
    (vu,) = [row for row in appointed if row[1] == "Vũ Thị Mẫu"]
    assert vu[4] == "Phó Chủ tịch UBND tỉnh" and vu[8] == "05/08/2025"
    rotated = _rows(client.get("/personnel/exports/rotations.xlsx", period).content)
    (luan,) = [row for row in rotated if row[1] == "Hà Văn Luân"]
    assert luan[3].startswith("Chánh Văn phòng UBND tỉnh") and luan[4].startswith("Phó Chủ tịch UBND tỉnh")
    assert luan[5:7] == ["01/09/2025", "01/09/2028"]
    vacancies = _rows(client.get("/personnel/exports/vacancies.xlsx", {"unit": "25.UBND"}).content)
    states = {row[2]: row[6] for row in vacancies if isinstance(row[0], int) and row[2]}
    assert states["Chủ tịch UBND tỉnh"] == "chỉ có người quyền, phụ trách"
    assert states["Phó Chủ tịch UBND tỉnh"] == "khuyết 3"
    assert states["Chánh Văn phòng UBND tỉnh"] == "khuyết 1"
    assert any(row[6] == "vượt 12 so với biên chế" for row in vacancies)
    early = client.get("/personnel/exports/appointments.xlsx", {**period, "starts": "2025-10-01"})
    assert early.status_code == 422


def test_the_api_answers_the_same_file(province, api, make_user):
    api.login(make_user(Role.LEADER, "25.TU.BTV", username="btv_api"))
    response = api.get("/personnel-lists/leaders", unit="25.UBND", format="docx")
    assert response.status_code == 200 and response["Content-Type"].endswith("wordprocessingml.document")
    assert "Vũ Thị Mẫu" in [cell.text for row in Word(io.BytesIO(response.content)).tables[1].rows for cell in row.cells]
    assert api.get("/personnel-lists/budget", unit="25").status_code == 404
    assert api.get("/personnel-lists/leaders", unit="25", format="odt").status_code == 404
