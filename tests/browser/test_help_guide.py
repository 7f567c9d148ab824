"""The user's guide shows the real pages (issue 15, item 9): each role signs in on a small Phú Thọ, in each language,
opens every page its guide shows, finds on it every label the guide's text names, and takes the guide's screenshot.

A page that no longer prints a label the guide names fails here; a screenshot the guide shows that is not committed
fails here and in tests/pages/test_help.py. `make help-shots` (MANDATE_HELP_SHOTS=write) runs this test to write the
screenshots into src/mandate/static/help/; otherwise they are taken into a temporary folder and only compared in size
with the committed ones. The guide's own pages are checked at 1280 and 390 px for sideways scrolling.
Run on SQLite only, as the other sweeps: the pages are the same on PostgreSQL.
"""
import datetime as dt
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import translation
from PIL import Image

import mandate
from mandate import guide
from mandate.core import clock

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(connection.vendor != "sqlite", reason="the guide's screenshots are taken on SQLite")]

STATIC = Path(mandate.__file__).parent / "static"
WRITE = os.environ.get("MANDATE_HELP_SHOTS") == "write"
VIEWPORT = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# Who each guide signs in as: (role, unit) memberships.
PEOPLE = {"office": [("specialist", "25.TU")], "unit": [("specialist", "25.UBND")], "leader": [("leader", "25")],
          "inspector": [("specialist", "25.TU.UBKT")], "organization": [("specialist", "25.TU.BTC"), ("unit_admin", "25")],
          "administrator": [("system_admin", "VN")], "reports": [("leader", "25")]}
LOCALES = {"vi": "vi-VN", "en": "en-GB", "ru": "ru-RU", "uk": "uk-UA"}
# An element whose own text is the label (a count beside it, as in the menu's "What waits for me 3", is allowed).
FIND = """labels => labels.map(label => {
  const norm = s => s.replace(/\\s+/g, ' ').trim();
  const all = [...document.querySelectorAll('a, button, h1, h2, h3, h4, summary, label, legend, th, caption, option')];
  const hit = all.filter(e => { const t = norm(e.innerText || e.textContent || '');
    return t === label || (t.startsWith(label) && /^[\\s\\d]*$/.test(t.slice(label.length))); });
  hit.forEach(e => { e.style.outline = '3px solid #c00'; e.style.outlineOffset = '2px'; });
  return hit.length; })"""


@pytest.fixture
def small_world(transactional_country, settings, tmp_path):
    """One person for each guide (the unit's, locked out by failed sign-ins), a plan of the provincial committee with two tasks (one being worked on by the
    People's Committee, one waiting for the leader's decision on more time), and a meeting with an agenda item."""
    from mandate.accounts.models import User
    from mandate.accounts.services import membership_grant
    from mandate.accounts.signin import ACCOUNT_LIMIT, login_failure_record
    from mandate.documents.services import document_register
    from mandate.meetings.services import agenda_item_add, delegate_add, meeting_create
    from mandate.orgs.models import Unit
    from mandate.tasks.services import extension_request, progress_report, task_create, task_transition

    settings.MEDIA_ROOT = tmp_path / "media"
    unit = lambda code: Unit.objects.get(code=code)  # noqa: E731
    names = {"office": "Trần Thị Văn Phòng", "unit": "Lê Văn Đơn Vị", "leader": "Nguyễn Văn Lãnh Đạo",
             "inspector": "Phạm Thị Kiểm Tra", "organization": "Hoàng Văn Tổ Chức", "administrator": "Đỗ Thị Quản Trị",
             "reports": "Vũ Thị Báo Cáo"}
    users = {}
    for slug, roles in PEOPLE.items():
        users[slug] = User.objects.create_user(username=f"guide-{slug}", password="x" * 12, full_name=names[slug])
        for role, code in roles:
            membership_grant(actor=None, user=users[slug], unit=unit(code), role=role)
    for n in range(ACCOUNT_LIMIT):  # the person's page the administrators' guides show offers to unlock the account
        login_failure_record(username=users["unit"].username, ip=f"192.0.2.{n + 1}")
    today = clock.today()
    plan = document_register(actor=None, issuing_unit=unit("25.TU"), type="KH", issued_on=today - dt.timedelta(days=20),
                             title="Kế hoạch thực hiện Kết luận số 177-KL/TW của Bộ Chính trị")
    worked = task_create(actor=users["office"], document=plan, title="Rà soát, sắp xếp các cơ quan chuyên môn",
                         lead_unit=unit("25.UBND"), leader=users["leader"], product="Báo cáo kết quả rà soát",
                         deadline=today + dt.timedelta(days=5), coordinators=[unit("25.TU.BTC")])
    task_transition(actor=users["unit"], task=worked, name="start")
    progress_report(actor=users["unit"], task=worked, percent=40, text="Đã rà soát chức năng, nhiệm vụ của 5 sở")
    waiting = task_create(actor=users["office"], document=plan, title="Xây dựng đề án sáp nhập các ban của Tỉnh ủy",
                          lead_unit=unit("25.UBND"), leader=users["leader"], product="Đề án", deadline=today + dt.timedelta(days=12))
    waiting.refresh_from_db()
    extension_request(actor=users["unit"], task=waiting, requested_deadline=waiting.deadline + dt.timedelta(days=20),
                      reason="Chờ ý kiến của Ban Thường vụ")
    meeting = meeting_create(actor=users["office"], body=unit("25.TU"), number=3, starts_on=today, place="Việt Trì",
                             title="Hội nghị lần thứ ba Ban Chấp hành Đảng bộ tỉnh")
    agenda_item_add(actor=users["office"], meeting=meeting, title="Dự thảo Quy chế làm việc",
                    draft_text="Điều 1. Phạm vi\n1. Quy chế này quy định việc làm của Ban Chấp hành.")
    delegate_add(actor=users["office"], meeting=meeting, name="Khách mời", role="guest")
    from mandate.inspections.models import CaseKind
    from mandate.inspections.services import case_open

    case = case_open(actor=None, kind=CaseKind.THEMATIC_SUPERVISION, body=unit("25.TU.UBKT"),
                     title="Giám sát việc vận hành chính quyền địa phương hai cấp", opened_on=today - dt.timedelta(days=3),
                     target_unit=unit("25.UBND"), directive=plan)
    from mandate.personnel.models import HoldingKind, PoliticalTheory, Sex
    from mandate.personnel.services import (
        headcount_set, holding_record, person_create, planning_add, position_create, staffing_quota_set, term_of,
    )
    from mandate.personnel.titles import Title

    merged = dt.date(2025, 7, 1)
    chair = position_create(actor=None, unit=unit("25.UBND"), kind=Title.COMMITTEE_CHAIR, title="Chủ tịch UBND tỉnh",
                            managing_unit=unit("25.TU.BTV"), valid_from=merged)
    vice = position_create(actor=None, unit=unit("25.UBND"), kind=Title.COMMITTEE_VICE_CHAIR, title="Phó Chủ tịch UBND tỉnh",
                           seats=5, managing_unit=unit("25.TU.BTV"), valid_from=merged)
    cadre = person_create(actor=None, full_name="Bùi Văn Quý", birth_date=dt.date(1978, 3, 12), sex=Sex.MALE,
                          kept_by=unit("25"), home_province="Phú Thọ", ethnicity="Kinh", education="Thạc sĩ Quản lý công",
                          party_joined_on=dt.date(2002, 5, 19), political_theory=PoliticalTheory.ADVANCED)
    acting = person_create(actor=None, full_name="Lê Thị Mai", birth_date=dt.date(1984, 9, 9), sex=Sex.FEMALE, kept_by=unit("25"))
    holding_record(actor=None, person=cadre, position=vice, starts_on=merged)
    holding_record(actor=None, person=acting, position=chair, starts_on=merged, kind=HoldingKind.ACTING)
    for planned in (cadre, acting):
        planning_add(actor=None, person=planned, position=chair, term=term_of(chair, today), added_on=today - dt.timedelta(days=9))
    staffing_quota_set(actor=None, unit=unit("25.UBND"), year=today.year, quota=60)
    headcount_set(actor=None, unit=unit("25.UBND"), year=today.year, count=72)
    reviews = _reports_and_ratings(today)
    urls = {"dashboard": "/", "tasks": "/tasks/", "task_new": "/tasks/new/", "task": f"/tasks/{worked.pk}/",
            "task_extension": f"/tasks/{waiting.pk}/", "inbox": "/inbox/", "meeting": f"/meetings/{meeting.pk}/",
            "ingest": "/ingest/", "monitoring": "/monitoring/", "administration": "/administration/",
            "person": f"/administration/people/{users['unit'].pk}/", "units": "/administration/units/",
            "reorganizations": "/reorganizations/", "cases": "/inspections/", "case": f"/inspections/{case.pk}/",
            "registers": "/inspections/registers/", "cadre_positions": "/personnel/?unit=25.UBND",
            "cadre_person": f"/personnel/people/{cadre.pk}/", "cadre_event": "/personnel/events/new/",
            "cadre_vacancies": "/personnel/?unit=25&subtree=1&vacant=1",
            "cadre_staffing": f"/personnel/staffing/?unit=25.UBND&year={today.year}", "cadre_planning": "/personnel/planning/?unit=25.TU",
            **reviews}
    assert set(urls) == set(guide.PAGES)
    return {"users": users, "urls": urls}


def _reports_and_ratings(today: dt.date) -> dict[str, str]:
    """The provincial committee's quarterly regime for three commune committees (one has sent its report, the others
    not yet) and its own draft; the year's self-assessments of two of them, one appraised; the province's indicator
    set given to three communes, with their values."""
    from decimal import Decimal
    from urllib.parse import urlencode

    from mandate.monitoring.selectors import child_units
    from mandate.orgs.models import Unit
    from mandate.reviews import selectors, services

    province, committee = Unit.objects.get(code="25"), Unit.objects.get(code="25.TU")
    communes = child_units(unit=province, as_of=today, kind="commune")[:3]
    committees = [Unit.objects.get(code=f"{c.code}.DU") for c in communes]
    regime = services.regime_create(actor=None, receiver=committee, title="Báo cáo quý của đảng ủy xã",
                                    frequency="quarterly", reporters=committees)
    period = selectors.regime_recent_periods(regime=regime, day=today)[0].key
    sent = services.report_draft(actor=None, regime=regime, unit=committees[0], period=period)
    services.report_issue(actor=None, report=sent, version=1, issued_on=today, signer="Trần Thị C")
    own = services.report_draft(actor=None, regime=regime, unit=committee, period=period)
    reviews = [services.review_self_assess(actor=None, subject_kind="collective", unit=unit, organization=committee,
                                           period_kind="year", period=str(today.year), general_points=Decimal(27))
               for unit in committees[:2]]
    services.review_appraise(actor=None, review=reviews[0], appraised_points=Decimal(85))
    indicators = services.indicator_set_create(
        actor=None, owner=province, title=f"Chỉ số chuyển đổi số cấp xã {today.year}",
        period_start=dt.date(today.year, 1, 1), period_end=dt.date(today.year, 12, 31), indicators=[
            {"group": "online_rates", "name": "Tỷ lệ dịch vụ công trực tuyến toàn trình", "target": "80", "measure": "%"},
            {"group": "growth", "name": "Tăng trưởng kinh tế", "target": "8", "measure": "%"}])
    services.indicator_set_apply(actor=None, indicator_set=indicators, units=communes)
    for commune, values in zip(communes, (("85", "8.2"), ("72", "7.5"), ("90", "8")), strict=True):
        for indicator, value in zip(indicators.indicators.all(), values, strict=True):
            services.indicator_value_report(actor=None, indicator_set=indicators, unit=commune, indicator=indicator.name,
                                            value=Decimal(value))
    scope = urlencode({"organization": committee.name, "period_kind": "year", "period": str(today.year)})
    return {"regime": f"/reviews/regimes/{regime.pk}/", "report": f"/reviews/reports/{own.pk}/",
            "ratings": f"/reviews/ratings/?{scope}", "rating": f"/reviews/ratings/{reviews[1].pk}/",
            "indicator_set": f"/reviews/indicators/{indicators.pk}/"}


def _context(browser, live_server, user, language, viewport):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale=LOCALES[language], viewport=viewport)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": live_server.url},
                         {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    return context


def test_the_guide_shows_the_real_pages_of_each_role_in_each_language(live_server, browser, small_world):
    problems = []
    for language in guide.LANGUAGES:
        with translation.override(language):
            wanted = {each.slug: {page: [translation.gettext(m) for s in each.steps if s.page == page for m in s.names.values()]
                                  for page in each.pages()} for each in guide.GUIDES}
        for each in guide.GUIDES:
            context = _context(browser, live_server, small_world["users"][each.slug], language, VIEWPORT)
            page = context.new_page()
            page.set_default_timeout(15000)
            for step_page in each.pages():
                response = page.goto(live_server.url + small_world["urls"][step_page])
                if WRITE:  # what a picture shows has all come in; the labels are in the page once it has loaded
                    page.wait_for_load_state("networkidle")
                if response.status != 200:
                    problems.append(f"{language} {each.slug} {step_page}: {response.status}")
                    continue
                labels = wanted[each.slug][step_page]
                counts = page.evaluate(FIND, labels)
                problems += [f"{language} {each.slug} {step_page}: no {label!r} on the page"
                             for label, count in zip(labels, counts, strict=True) if not count]
                # The first label the text names inside the page (not in the menu) is brought into view: a form far
                # down a task's page.
                page.evaluate("""() => { const e = document.querySelector('main [style*="outline"]');
                    const y = e ? e.getBoundingClientRect().top + window.scrollY : 0;
                    if (y > window.innerHeight * 0.7) window.scrollTo(0, y - 80); }""")
                committed = STATIC / each.shot(next(s for s in each.steps if s.page == step_page), language)
                if WRITE:  # the screenshot is taken only to be written: otherwise the committed one is checked
                    committed.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(committed), type="jpeg", quality=60)
                elif not committed.is_file():
                    problems.append(f"{committed.relative_to(STATIC)} is not committed: `make help-shots` takes it")
                elif Image.open(committed).size != (VIEWPORT["width"], VIEWPORT["height"]):
                    problems.append(f"{committed.relative_to(STATIC)} is not a screenshot of {VIEWPORT}")
            context.close()
    assert not problems, "the guide no longer matches the pages:\n" + "\n".join(problems)


def test_the_guides_pages_fit_a_phone_and_a_desktop_in_each_language(live_server, browser, small_world):
    paths = ["/help/", *(f"/help/{each.slug}/" for each in guide.GUIDES)]
    problems = []
    for language in guide.LANGUAGES:
        for viewport in (VIEWPORT, PHONE):
            context = _context(browser, live_server, small_world["users"]["unit"], language, viewport)
            page = context.new_page()
            for path in paths:
                page.goto(live_server.url + path)
                page.wait_for_load_state("load")
                widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                if widths[0] > widths[1]:
                    problems.append(f"{language} {viewport['width']} px {path}: {widths}")
                # Each screenshot is loaded (they load lazily, as the reader scrolls) and decoded.
                images = page.evaluate("""Promise.all([...document.querySelectorAll('main img')].map(i => {
                    i.loading = 'eager'; return i.decode().then(() => i.naturalWidth, () => 0); }))""")
                if path != "/help/" and (not images or 0 in images):
                    problems.append(f"{language} {path}: a screenshot does not load ({images})")
            context.close()
    assert not problems, "\n".join(problems)


def test_the_check_finds_a_label_only_where_it_is(browser):
    """The finder itself: a label counts on a button or a menu link with its number, not inside a sentence."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content('<html lang="vi"><body><nav><a href="/inbox/">Việc cần tôi xử lý <span>3</span></a></nav>'
                     '<main><p>Bấm nút Báo cáo.</p><button>Gửi đề nghị</button></main></body></html>')
    assert page.evaluate(FIND, ["Việc cần tôi xử lý", "Báo cáo", "Gửi đề nghị", "Gửi"]) == [1, 0, 1, 0]
    context.close()
