"""Cadre work walked in a real browser, in Vietnamese, on a desktop and on a 390 px phone: the organization committee's
specialist opens the posts of a unit, a cadre's record (form 2C), checks an appointment that the age rule refuses
(the rule named in Vietnamese), applies one with its decision and its five meetings, reads who held a post on an
earlier day, the vacancies and the staffing against the quota, and the planning pool with its shares of women and
young cadres. A viewer and a specialist of the province cannot open the record.

Debian's Chromium is driven by Playwright; nothing is downloaded. Set MANDATE_SHOTS=/tmp/shots to keep screenshots.
"""
import datetime as dt
import os
import re

import pytest

from mandate.core import clock
from tests.browser.test_phone_width import signed_in

pytestmark = [pytest.mark.browser]

PASSWORD = "mat-khau-rat-dai"
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "vi-VN"}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True,
         "locale": "vi-VN"}
# English words of the cadre pages that must not show on a Vietnamese page (labels, states, headings).
ENGLISH = re.compile(r"\b(Post|Posts|Seats|Held by|Vacant|acting only|Staffing|Planning pool|Women|Young cadres|Official|"
                     r"Appointment|Decision|Unit|Date of birth|Ethnicity|the age rule|target)\b")


@pytest.fixture
def cadres(transactional_country, django_user_model):
    from mandate.accounts.services import membership_grant
    from mandate.documents.services import document_register
    from mandate.orgs.models import Unit
    from mandate.personnel.models import HoldingKind, PoliticalTheory, Sex
    from mandate.personnel.services import (
        headcount_set, holding_record, person_create, planning_add, position_create, staffing_quota_set, term_of,
    )
    from mandate.personnel.titles import Title

    unit = lambda code: Unit.objects.get(code=code)  # noqa: E731
    for username, full_name, code, role in (("tochuc", "Đặng Thị Tổ", "25.TU.BTC", "specialist"),
                                            ("xemtinh", "Vũ Văn Xem", "25", "viewer"),
                                            ("chuyenvien", "Vũ Thị Làm", "25.UBND", "specialist")):
        user = django_user_model.objects.create_user(username=username, password=PASSWORD, full_name=full_name)
        membership_grant(actor=None, user=user, unit=unit(code), role=role)
    today = clock.today()
    merged = dt.date(2025, 7, 1)
    standing, ubnd, btc = unit("25.TU.BTV"), unit("25.UBND"), unit("25.TU.BTC")
    chair = position_create(actor=None, unit=ubnd, kind=Title.COMMITTEE_CHAIR, title="Chủ tịch UBND tỉnh",
                            managing_unit=standing, valid_from=merged)
    vice = position_create(actor=None, unit=ubnd, kind=Title.COMMITTEE_VICE_CHAIR, title="Phó Chủ tịch UBND tỉnh", seats=5,
                           managing_unit=standing, valid_from=merged)
    office = position_create(actor=None, unit=ubnd, kind=Title.HEAD, title="Chánh Văn phòng UBND tỉnh", managing_unit=standing,
                             valid_from=merged)
    deputy = position_create(actor=None, unit=btc, kind=Title.DEPUTY_HEAD, title="Phó Trưởng Ban Tổ chức Tỉnh ủy", seats=3,
                             managing_unit=standing, valid_from=merged)
    staff = position_create(actor=None, unit=btc, kind=Title.STAFF, title="Chuyên viên Ban Tổ chức Tỉnh ủy", seats=12,
                            managing_unit=btc, valid_from=merged)

    def person(name, born, sex=Sex.MALE, **fields):
        return person_create(actor=None, full_name=name, birth_date=born, sex=sex, kept_by=unit("25"), **fields)

    quy = person("Bùi Văn Quý", dt.date(1982, 3, 12), home_province="Phú Thọ", ethnicity="Mường",
                 party_joined_on=dt.date(2004, 5, 19), party_full_member_on=dt.date(2005, 5, 19),
                 education="Thạc sĩ Quản lý công", political_theory=PoliticalTheory.ADVANCED)
    cao = person("Trần Văn Cao", dt.date(1966, 1, 10), home_province="Vĩnh Phúc", ethnicity="Kinh")
    hung = person("Phạm Văn Hùng", dt.date(1972, 6, 1))
    mai = person("Lê Thị Mai", dt.date(1976, 9, 9), sex=Sex.FEMALE)
    hoa = person("Nguyễn Thị Hoa", dt.date(1990, 4, 4), sex=Sex.FEMALE)
    cu = person("Đỗ Văn Cũ", dt.date(1968, 2, 2))
    holding_record(actor=None, person=quy, position=staff, starts_on=merged)
    holding_record(actor=None, person=cao, position=staff, starts_on=merged)
    holding_record(actor=None, person=hung, position=vice, starts_on=merged)
    holding_record(actor=None, person=mai, position=chair, starts_on=merged, kind=HoldingKind.ACTING)
    holding_record(actor=None, person=cu, position=office, starts_on=merged, ends_on=dt.date(2026, 3, 1))
    holding_record(actor=None, person=hoa, position=office, starts_on=dt.date(2026, 3, 1))
    for planned in (hoa, mai, hung):
        planning_add(actor=None, person=planned, position=chair, term=term_of(chair, today), added_on=today - dt.timedelta(days=30))
    staffing_quota_set(actor=None, unit=ubnd, year=today.year, quota=60)
    headcount_set(actor=None, unit=ubnd, year=today.year, count=72)
    decision = document_register(actor=None, issuing_unit=standing, type="QĐ", issued_on=today - dt.timedelta(days=2),
                                 title="Quyết định bổ nhiệm Phó Trưởng Ban Tổ chức Tỉnh ủy")
    return {"quy": quy, "cao": cao, "deputy": deputy, "decision": decision, "office": office, "today": today}


def sign_in(browser, live_server, username: str, options: dict):
    context, page = signed_in(browser, live_server, username, options)
    page.set_default_timeout(20000)
    return context, page


def looked_at(page, name: str) -> str:
    """The page fits its window, speaks Vietnamese, and shows no raw code; a screenshot kept when MANDATE_SHOTS is set."""
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], (name, widths)
    text = page.locator("main").inner_text() if page.locator("main").count() else page.inner_text("body")
    assert not ENGLISH.search(text), (name, ENGLISH.search(text).group(0))
    assert not re.search(r"\b(25\.UBND|25\.TU\.BTC|committee_chair|deputy_head|acting_only|partly_held|official)\b", text), name
    shots = os.environ.get("MANDATE_SHOTS")
    if shots:
        os.makedirs(shots, exist_ok=True)
        page.screenshot(path=f"{shots}/cadre-{name}.png", full_page=True)
    return text


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def walk(page, url: str, cadres: dict, window: str) -> None:
    today, quy = cadres["today"], cadres["quy"]
    # The posts of a unit, by its name, with who holds them and the state of each seat.
    page.goto(f"{url}/personnel/")
    page.fill("#unit", "Ủy ban nhân dân tỉnh Phú Thọ")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_selector("table.tasks tbody tr td a")
    text = looked_at(page, f"{window}-positions")
    assert "Chủ tịch UBND tỉnh" in text and "Lê Thị Mai" in text and "chỉ có người quyền, phụ trách" in text
    assert "Phó Chủ tịch UBND tỉnh" in text and "1/5" in text

    # Who held the office on an earlier day, and who holds it now.
    page.goto(f"{url}/personnel/positions/{cadres['office'].pk}/?as_of=2026-02-28")
    looked_at(page, f"{window}-holding-as-of")
    assert "28/02/2026" in page.locator("h1 + dl + h2").inner_text()
    assert page.locator("h2 + ul").first.inner_text().startswith("Đỗ Văn Cũ")
    page.goto(f"{url}/personnel/positions/{cadres['office'].pk}/")
    assert page.locator("h2 + ul").first.inner_text().startswith("Nguyễn Thị Hoa")

    # A cadre's record: the fields of form 2C, in Vietnamese.
    page.goto(f"{url}/personnel/people/")
    page.fill("#q", "bui van quy")  # without diacritics
    page.locator("#q").press("Enter")
    page.get_by_role("link", name="Bùi Văn Quý").first.click()
    page.wait_for_url(re.compile(rf"/personnel/people/{quy.pk}/$"))
    record = looked_at(page, f"{window}-record")
    for shown in ("12/03/1982", "Mường", "Phú Thọ", "19/05/2004", "Thạc sĩ Quản lý công", "Cao cấp", "Chuyên viên Ban Tổ chức Tỉnh ủy"):
        assert shown in record, shown

    # An appointment checked for a cadre too old for a full term: the age rule, named in Vietnamese; nothing saved.
    page.goto(f"{url}/personnel/events/new/")
    page.select_option("#id_kind", "appointment")
    page.fill("#id_person", "Trần Văn Cao")
    page.fill("#id_position", "Phó Trưởng Ban Tổ chức Tỉnh ủy — Ban Tổ chức Tỉnh ủy Phú Thọ")
    page.fill("#id_document", cadres["decision"].number_text)
    page.fill("#id_effective_on", _d(today))
    page.fill("#id_dossier_received_on", _d(today - dt.timedelta(days=20)))
    page.select_option("#id_internal", "1")
    meetings = [("leadership", 9, 9, None), ("enlarged_leadership", 30, 26, 20), ("leadership", 9, 9, 8),
                ("key_cadres", 60, 50, 44), ("leadership", 9, 9, 8)]
    for number, (kind, convened, present, votes) in enumerate(meetings, start=1):
        page.select_option(f"#id_step{number}_kind", kind)
        page.fill(f"#id_step{number}_held_on", _d(today - dt.timedelta(days=15 - 2 * number)))
        page.fill(f"#id_step{number}_convened", str(convened))
        page.fill(f"#id_step{number}_present", str(present))
        if votes is not None:
            page.fill(f"#id_step{number}_votes_for", str(votes))
    page.click("button[value=check]")
    page.wait_for_selector("ul.refusal li")
    refused = looked_at(page, f"{window}-event-refused")
    assert "điều kiện về tuổi" in page.locator("ul.refusal").inner_text()
    assert "Trần Văn Cao" in refused

    # The same appointment for a cadre who meets every rule: applied with its decision.
    page.fill("#id_person", "Bùi Văn Quý")
    page.click("button[value=check]")
    page.wait_for_selector("text=Không vi phạm quy định nào.")
    page.click("button[value=apply]")
    page.wait_for_selector(".messages")
    done = looked_at(page, f"{window}-event-applied")
    assert "Bùi Văn Quý" in done and "Phó Trưởng Ban Tổ chức Tỉnh ủy" in done

    # Vacancies of the province's subtree, counted in seats, and the staffing against the quota.
    page.goto(f"{url}/personnel/?unit=25.UBND&subtree=1&vacant=1")
    vacancies = looked_at(page, f"{window}-vacancies")
    assert "Lê Thị Mai" in vacancies and "Số chỗ chưa có người giữ chính thức" in page.content()  # a label (phone: data-label)
    page.goto(f"{url}/personnel/staffing/?unit=25.UBND&year={today.year}")
    staffing = looked_at(page, f"{window}-staffing")
    assert "60" in staffing and "72" in staffing

    # The planning pool of the province's committee, with the shares of women and young cadres against the targets.
    page.goto(f"{url}/personnel/planning/?unit=25.TU")
    pool = looked_at(page, f"{window}-planning")
    assert "Nguyễn Thị Hoa" in pool and "Lê Thị Mai" in pool
    assert re.search(r"Nữ: 2 \(67 %\)", pool) and re.search(r"trẻ: 1 \(33 %\)", pool), pool


def test_the_organization_committee_walks_cadre_work_on_a_desktop_and_a_phone(live_server, cadres, browser):
    from mandate.personnel.models import Holding

    for window, options in (("desktop", DESKTOP), ("phone", PHONE)):
        context, page = sign_in(browser, live_server, "tochuc", options)
        if window == "phone":  # the appointment of the desktop's walk is undone so the phone applies it again
            Holding.objects.filter(person=cadres["quy"], position=cadres["deputy"]).delete()
            from mandate.personnel.models import PersonnelEvent

            PersonnelEvent.objects.filter(person=cadres["quy"]).delete()
        walk(page, live_server.url, cadres, window)
        context.close()


def test_a_viewer_and_a_specialist_of_the_province_cannot_open_the_record(live_server, cadres, browser):
    for username in ("xemtinh", "chuyenvien"):
        context, page = sign_in(browser, live_server, username, PHONE)
        response = page.goto(f"{live_server.url}/personnel/people/{cadres['quy'].pk}/")
        assert response.status == 404
        text = looked_at(page, f"refused-{username}")
        assert "Bùi Văn Quý" not in text and "12/03/1982" not in text
        assert "mà bạn được mở" in text, text  # "Không có hồ sơ … mà bạn được mở.": in Vietnamese
        # The posts stay public: the unit's posts and who holds them.
        page.goto(f"{live_server.url}/personnel/?unit=25.UBND")
        assert "Lê Thị Mai" in page.inner_text("main")
        context.close()
