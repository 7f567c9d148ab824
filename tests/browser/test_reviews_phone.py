"""Reports and ratings on a phone (390 px) in Vietnamese: the receiving committee reminds the communes that have not
sent their quarterly report, drafts and issues its own, a commune's year is self-assessed on the 100-point form and
appraised, the decision that would pass the 20 % quota of "excellent" is refused by name, and the province reads its
communes' indicators. No page scrolls sideways, none prints an English word or a unit's code where its name belongs.

Set MANDATE_SHOTS=/tmp/shots to keep the screenshots.
"""
import datetime as dt
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser]

PASSWORD = "mat-khau-rat-dai"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True,
         "locale": "vi-VN"}
TODAY = dt.date(2025, 9, 25)
# Words of the English pages that a Vietnamese page must not print, and the codes units are known by in the register.
ENGLISH = re.compile(r"\b(the|and|of|not|sent|due|Report|Draft|Save|Period|Unit|Issued|Missing|Late|On time|Not|Remind|"
                     r"Indicator|Commune|Achieved|Excellent|Good|Fulfilled|quota|points|Decide)\b")
# A unit's code where its name belongs, or a day as ISO writes it (2025-09-14) where the page should print 14/09/2025.
CODES = re.compile(r"\b\d{2}\.TU\b|\b\d{5}(\.DU|\.UBND)?\b|\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture
def reviews_world(transactional_country, django_user_model, freeze):
    from mandate.accounts.services import membership_grant
    from mandate.monitoring.selectors import child_units
    from mandate.orgs.models import Unit
    from mandate.reviews import services

    freeze(TODAY)

    def person(username, full_name, code, role):
        user = django_user_model.objects.create_user(username=username, password=PASSWORD, full_name=full_name,
                                                     email=f"{username}@example.vn")
        membership_grant(actor=None, user=user, unit=Unit.objects.get(code=code), role=role)
        return user

    leader = person("bithu", "Nguyễn Văn An", "25", "leader")
    communes = [c for c in child_units(unit=Unit.objects.get(code="25"), as_of=TODAY, kind="commune")[:40]
                if _found_by_name(Unit.objects.get(code=f"{c.code}.DU"))][:3]
    committees = [Unit.objects.get(code=f"{c.code}.DU") for c in communes]
    clerks = [person(f"xa{n}", f"Chuyên viên xã {n}", unit.code, "specialist") for n, unit in enumerate(committees)]
    regime = services.regime_create(actor=leader, receiver=Unit.objects.get(code="25.TU"),
                                    title="Báo cáo quý của đảng ủy xã", frequency="quarterly", reporters=committees)
    for clerk, unit, day in zip(clerks[:2], committees[:2], (dt.date(2025, 9, 18), dt.date(2025, 9, 24)), strict=True):
        report = services.report_draft(actor=clerk, regime=regime, unit=unit, period="2025-Q3")
        services.report_edit(actor=clerk, report=report, version=1, summary="Tình hình ổn định.")
        services.report_issue(actor=clerk, report=report, version=2, issued_on=day, signer="Trần Thị C")
    second = services.review_self_assess(actor=clerks[1], subject_kind="collective", unit=committees[1],
                                         organization=Unit.objects.get(code="25.TU"), period_kind="year", period="2025",
                                         general_points=Decimal(25), task_points=Decimal(55))
    services.review_appraise(actor=leader, review=second, appraised_points=Decimal(80))
    indicators = services.indicator_set_create(
        actor=leader, owner=Unit.objects.get(code="25"), title="Chỉ số chuyển đổi số cấp xã 2025",
        period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31), indicators=[
            {"group": "online_rates", "name": "Tỷ lệ dịch vụ công trực tuyến toàn trình", "target": "80", "measure": "%"},
            {"group": "on_time", "name": "Tỷ lệ hồ sơ giải quyết đúng hạn", "target": "98", "measure": "%"},
            {"group": "growth", "name": "Tăng trưởng kinh tế", "target": "8", "measure": "%"}])
    services.indicator_set_apply(actor=leader, indicator_set=indicators, units=communes)
    for commune, values in zip(communes, (("85", "99", "8.2"), ("72", "97", "7.5"), ("90", "98", "8")), strict=True):
        for indicator, value in zip(indicators.indicators.all(), values, strict=True):
            services.indicator_value_report(actor=leader, indicator_set=indicators, unit=commune, indicator=indicator.name,
                                            value=Decimal(value), reported_on=dt.date(2025, 9, 15))
    return {"regime": regime, "committees": committees, "indicators": indicators}


def _found_by_name(unit) -> bool:
    """Whether the unit's name, typed alone, finds it (no other unit's name folds alike)."""
    from django.core.exceptions import ValidationError

    from mandate.orgs.forms import unit_from_code

    try:
        return unit_from_code(unit.name) == unit
    except ValidationError:
        return False


def _signed_in(browser, live_server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "bithu")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")
    return context, page


def _looked_at(page, name: str, shots: Path | None) -> list[str]:
    """What is wrong with the page as a phone shows it: sideways scrolling, English words, units' codes."""
    problems = []
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if widths[0] > widths[1]:
        problems.append(f"{name}: scrolls sideways {widths}")
    text = page.inner_text("main")
    problems += [f"{name}: English {m.group(0)!r} in …{text[max(m.start() - 30, 0):m.end() + 30]!r}…"
                 for m in ENGLISH.finditer(text)]
    shown = page.evaluate("""() => { const main = document.querySelector('main').cloneNode(true);
        main.querySelectorAll('.help').forEach(e => e.remove());  // a field's help shows how to type a period: 2025-Q3
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT), words = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) { words.push(node.data); }
        return words.join(' '); }""")
    problems += [f"{name}: a code {m.group(0)!r} in …{shown[max(m.start() - 30, 0):m.end() + 30]!r}…"
                 for m in CODES.finditer(shown)]
    if shots is not None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    return problems


def test_reports_and_ratings_on_a_phone_in_vietnamese(live_server, reviews_world, browser, tmp_path):
    from mandate.reviews.models import Report, ReportReminder, Review

    shots = Path(os.environ.get("MANDATE_SHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    regime, committees = reviews_world["regime"], reviews_world["committees"]
    context, page = _signed_in(browser, live_server)
    problems = []

    # The receiving committee: who has sent theirs, and one press reminds the missing commune.
    page.goto(f"{live_server.url}/reviews/regimes/{regime.pk}/?period=2025-Q3")
    assert page.locator("text=Đúng hạn").count() and page.locator("text=Chậm").count()
    problems += _looked_at(page, "1-regime", shots)
    page.click("text=Nhắc các đơn vị chưa gửi")
    page.wait_for_load_state("load")
    assert ReportReminder.objects.filter(unit=committees[2]).exists()
    problems += _looked_at(page, "2-reminded", shots)

    # Its own report: drafted from the regime's page, its narrative written, issued as a registered BC document.
    page.fill("#id_unit", "Tỉnh ủy Phú Thọ")
    page.fill("#id_period", "2025-Q3")
    page.click("form[action$='/reports/new/'] button[type=submit]")
    page.wait_for_url(re.compile(r".*/reviews/reports/\d+/$"))
    page.fill("#id_summary", "Các đảng ủy xã cơ bản hoàn thành nhiệm vụ quý III.")
    problems += _looked_at(page, "3-report-draft", shots)
    page.locator("form.panel:not(.grid) button[type=submit]").click()
    page.wait_for_load_state("load")
    page.fill("#id_signer", "Nguyễn Văn An")
    page.click("text=Ban hành thành báo cáo vào sổ (BC)")
    page.wait_for_load_state("load")
    report = Report.objects.get(unit__code="25.TU")
    assert report.state == "issued" and report.document.number_text in page.inner_text("main")
    problems += _looked_at(page, "4-report-issued", shots)

    # A commune's year on the 100-point form, then appraised at 95 points.
    page.goto(f"{live_server.url}/reviews/ratings/")
    page.fill("#id_unit", committees[0].name)
    page.fill("#id_organization", "Tỉnh ủy Phú Thọ")
    page.fill("#id_period", "2025")
    page.fill("#id_general_points", "28")
    problems += _looked_at(page, "5-self-assessment", shots)
    page.locator("form.panel.grid").last.locator("button[type=submit]").click()
    page.wait_for_load_state("load")
    assert re.search(r"/reviews/ratings/\d+/$", page.url), page.inner_text("main")[:1500]
    page.fill("#id_appraised_points", "95")
    page.locator("form.panel.grid button[type=submit]").click()
    page.wait_for_load_state("load")
    first = Review.objects.get(unit=committees[0])
    assert (first.state, first.appraised_level) == ("appraised", "excellent")
    problems += _looked_at(page, "6-appraised", shots)

    # The decision: one "excellent" beside one "good" passes the 20 % quota and is refused, naming it.
    page.goto(f"{live_server.url}/reviews/ratings/?organization=T%E1%BB%89nh+%E1%BB%A7y+Ph%C3%BA+Th%E1%BB%8D"
              "&period_kind=year&period=2025")
    for review in Review.objects.filter(state="appraised"):
        page.check(f"#review-{review.pk}")
    problems += _looked_at(page, "7-ratings", shots)
    with page.expect_response(lambda r: r.url.endswith("/reviews/ratings/decide/")) as answer:
        page.click("text=Quyết định xếp loại các trường hợp đã chọn")
    page.wait_for_load_state("load")
    assert answer.value.status == 422
    assert "20 %" in page.inner_text(".refusal") and page.locator(f"#review-{first.pk}").count()  # on the ratings page
    assert not Review.objects.filter(state="decided").exists()
    problems += _looked_at(page, "8-quota-refused", shots)

    # The province's communes against each indicator's target and against the others.
    page.goto(f"{live_server.url}/reviews/indicators/{reviews_world['indicators'].pk}/")
    problems += _looked_at(page, "9-indicators", shots)
    context.close()
    assert not problems, "\n".join(problems)
