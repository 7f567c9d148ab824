"""An inspection walked in a real browser: the commission's inspector records each step of a supervision case from its
decision to its notice of conclusion, the directive it follows shown beside it; the lead unit's specialist then finds
the recommendation in the unit's task list with the notice's number, and never the findings or the case.

Debian's Chromium is driven by Playwright; nothing is downloaded.
"""
import datetime as dt
import re

import pytest

from mandate.core import clock

pytestmark = [pytest.mark.browser]

PASSWORD = "mat-khau-rat-dai"
FINDINGS = "Chậm ban hành quy chế phối hợp giữa các sở, ngành và cấp xã; chưa kiểm điểm trách nhiệm."
RECOMMENDATION = "Kiểm điểm trách nhiệm tập thể, cá nhân để chậm ban hành quy chế phối hợp"
STEPS = ("plan", "notice", "self_report", "supervision", "team_report", "conclusion")


@pytest.fixture
def commission(transactional_country, django_user_model):
    from mandate.accounts.services import membership_grant
    from mandate.documents.services import document_register
    from mandate.inspections.models import CaseKind
    from mandate.inspections.services import case_open
    from mandate.orgs.models import Unit
    from mandate.personnel.models import Sex
    from mandate.personnel.services import person_create
    from mandate.tasks.services import task_create

    unit = lambda code: Unit.objects.get(code=code)  # noqa: E731
    inspector = django_user_model.objects.create_user(username="kiemtra", password=PASSWORD, full_name="Lê Văn Kiểm")
    membership_grant(actor=None, user=inspector, unit=unit("25.TU.UBKT"), role="specialist")
    specialist = django_user_model.objects.create_user(username="chuyenvien", password=PASSWORD, full_name="Vũ Thị Làm")
    membership_grant(actor=None, user=specialist, unit=unit("25.UBND"), role="specialist")
    leader = django_user_model.objects.create_user(username="lanhdao", password=PASSWORD, full_name="Ngô Văn Chỉ")
    membership_grant(actor=None, user=leader, unit=unit("25.UBND"), role="leader")
    person_create(actor=None, full_name="Nguyễn Văn Trưởng Đoàn", birth_date=dt.date(1975, 4, 2), sex=Sex.MALE,
                  kept_by=unit("25"))
    today = clock.today()
    directive = document_register(actor=None, issuing_unit=unit("25.TU.BTV"), type="KH", issued_on=today - dt.timedelta(days=40),
                                  title="Kế hoạch vận hành chính quyền địa phương hai cấp")
    task_create(actor=None, document=directive, title="Ban hành quy chế phối hợp giữa các sở, ngành và cấp xã",
                lead_unit=unit("25.UBND"), leader=leader, product="Quy chế phối hợp", deadline=today - dt.timedelta(days=10))
    case = case_open(actor=None, kind=CaseKind.THEMATIC_SUPERVISION, body=unit("25.TU.UBKT"),
                     title="Giám sát việc vận hành chính quyền địa phương hai cấp", opened_on=today - dt.timedelta(days=20),
                     target_unit=unit("25.UBND"), directive=directive)
    return case


def sign_in(page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{url}/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{url}/")


def record(page, step: str, **fields) -> None:
    page.select_option("#id_step-step", step)
    for name, value in fields.items():
        page.fill(f"#id_step-{name}", value)
    page.click("#record-step button[type=submit]")
    page.wait_for_selector(".messages")


def test_an_inspector_walks_a_case_to_its_notice_and_the_lead_unit_sees_only_what_it_must_do(live_server, commission,
                                                                                             browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20000)
    case_url = f"{live_server.url}/inspections/{commission.pk}/"

    sign_in(page, live_server.url, "kiemtra")
    page.goto(case_url)
    # Supervision from the start: the directive's panel comes in by HTMX, its overdue task named.
    page.wait_for_selector("#supervision")
    assert "Ban hành quy chế phối hợp" in page.locator("#supervision").inner_text()

    record(page, "decision", document_title="Quyết định giám sát chuyên đề việc vận hành chính quyền hai cấp",
           team_head="Nguyễn Văn Trưởng Đoàn")
    assert "Nguyễn Văn Trưởng Đoàn" in page.inner_text("body")
    for step in STEPS:
        record(page, step)

    page.fill("#id_conclude-notice_title", "Thông báo kết quả giám sát việc vận hành chính quyền hai cấp")
    page.fill("#id_conclude-findings", FINDINGS)
    page.fill("#id_r0-title", RECOMMENDATION)
    page.fill("#id_r0-lead_unit", "Ủy ban nhân dân tỉnh Phú Thọ")
    page.fill("#id_r0-leader", "lanhdao")
    page.fill("#id_r0-product", "Báo cáo kết quả kiểm điểm")
    page.fill("#id_r0-deadline", (clock.today() + dt.timedelta(days=30)).strftime("%d/%m/%Y"))
    page.click("#conclude button[type=submit]")
    page.wait_for_selector(".messages")
    body = page.inner_text("body")
    assert RECOMMENDATION in body and FINDINGS in body
    commission.refresh_from_db()
    assert commission.state == "closed"
    number = commission.conclusion_notice.number_text
    assert re.fullmatch(r"\d+-TB/UBKTTU", number)

    # The lead unit's specialist: the recommendation is a task of the unit, under the notice's number.
    sign_in(page, live_server.url, "chuyenvien")
    page.goto(f"{live_server.url}/tasks/")
    page.get_by_role("link", name=RECOMMENDATION).click()
    page.wait_for_url(re.compile(r"/tasks/\d+/$"))
    task_page = page.inner_text("body")
    assert RECOMMENDATION in task_page and number in task_page
    assert FINDINGS not in task_page and "Giám sát việc vận hành chính quyền địa phương hai cấp" not in task_page
    # The notice by its header: its number and the register's neutral title, not the inspector's own title of it.
    assert "Thông báo kết quả giám sát việc vận hành" not in task_page
    # The case itself, its supervision panel and the registers are not theirs to know of.
    assert page.goto(case_url).status == 404
    assert page.goto(f"{live_server.url}/monitoring/supervision/{commission.pk}/").status == 404
    assert page.goto(f"{live_server.url}/inspections/cases/export.xlsx").status == 403
    context.close()
