"""The main flow in a real browser: sign in, assign a task (seeing a missing clear first), report, watch the counts.

Debian's Chromium is driven by Playwright; nothing is downloaded. Set MANDATE_SHOTS=/tmp/shots to keep screenshots.
"""
import datetime as dt
import os
import re

import pytest

from mandate.core import clock

pytestmark = [pytest.mark.browser]

PASSWORD = "mat-khau-rat-dai"


@pytest.fixture
def people(transactional_country, django_user_model):
    from mandate.accounts.services import membership_grant
    from mandate.orgs.models import Unit

    secretary = django_user_model.objects.create_user(username="bithu", password=PASSWORD, full_name="Nguyễn Văn Bí Thư")
    membership_grant(actor=None, user=secretary, unit=Unit.objects.get(code="25"), role="leader")
    head = django_user_model.objects.create_user(username="truongban", password=PASSWORD, full_name="Trần Thị Trưởng Ban",
                                                 position="Trưởng Ban Tổ chức Tỉnh ủy")
    membership_grant(actor=None, user=head, unit=Unit.objects.get(code="25.TU.BTC"), role="leader")
    return secretary, head


@pytest.fixture
def plan(people):
    from mandate.documents.services import document_register
    from mandate.orgs.models import Unit

    return document_register(actor=None, issuing_unit=Unit.objects.get(code="25.TU"), type="KH",
                             issued_on=clock.today() - dt.timedelta(days=30),
                             title="Kế hoạch thực hiện Kết luận số 177-KL/TW của Bộ Chính trị")


def count(page, key: str) -> int:
    return int(re.sub(r"\D", "", page.locator(f'[data-count="{key}"] .card-number').inner_text()))


def test_assign_report_and_watch_the_dashboard(live_server, people, plan, browser):
    shots = os.environ.get("MANDATE_SHOTS")
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)

    # Sign in: the page speaks Vietnamese although the browser asks for English.
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Đăng nhập"
    page.fill("#id_username", "bithu")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")
    assert count(page, "assigned") == 0
    assert count(page, "due_soon") == 0

    # Assign a task; before submitting, the missing product is marked, live and by the server's check.
    page.goto(f"{live_server.url}/tasks/new/?document={plan.pk}")
    page.fill("#id_title", "Rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2025–2030")
    page.fill("#id_lead_unit", "25.TU.BTC")
    page.fill("#id_leader", "truongban")
    page.fill("#id_deadline", (clock.today() + dt.timedelta(days=3)).strftime("%d/%m/%Y"))
    product_chip = page.locator('#clears [data-clear-chip="product"]')
    page.wait_for_function("document.querySelector('#clears .clear-report') !== null")
    assert "missing" in product_chip.get_attribute("class")
    assert "rõ sản phẩm" in page.locator("#clears .clear-report").inner_text()
    assert "clear-missing" in page.locator('[data-clear="product"]').get_attribute("class")
    assert "ok" in page.locator('#clears [data-clear-chip="person"]').get_attribute("class")
    if shots:
        page.screenshot(path=f"{shots}/create-desktop.png", full_page=True)
    page.fill("#id_product", "Báo cáo kết quả rà soát trình Ban Thường vụ")
    page.wait_for_selector("#clears .clear-report.ok")
    page.click("form.create-task .actions button[type=submit]")
    page.wait_for_url(re.compile(r"/tasks/\d+/$"))
    assert "Đã giao nhiệm vụ." in page.locator(".messages").inner_text()
    assert page.locator(".status-line .badge").inner_text() == "Sắp đến hạn"
    task_url = page.url

    page.goto(f"{live_server.url}/")
    assert count(page, "assigned") == 1
    assert count(page, "due_soon") == 1
    assert count(page, "completed_on_time") == 0

    # Report progress through the HTMX form: the page part is replaced, the timeline grows.
    page.goto(task_url)
    page.fill("#id_percent", "100")
    page.fill("#id_text", "Đã rà soát xong 148 xã, phường; dự thảo báo cáo gửi kèm.")
    page.click("#progress-form button[type=submit]")
    page.wait_for_function("document.querySelector('#task-progress').innerText === '100%'")
    assert "Đã rà soát xong 148 xã" in page.locator("#timeline").inner_text()
    if shots:
        page.screenshot(path=f"{shots}/detail-desktop.png", full_page=True)

    # The lead unit submits; the secretary assigned the task and reported on it, so under the working regulation
    # another leader of the assigning side accepts it (issue 14): the dashboard now counts it completed on time.
    from mandate.accounts.services import membership_grant
    from mandate.orgs.models import Unit
    from mandate.tasks.models import Task
    from mandate.tasks.services import task_transition

    page.click('button[data-transition="submit"]')
    page.wait_for_selector('button[data-transition="complete"]')
    deputy = type(people[0]).objects.create_user(username="phobithu", password=PASSWORD)
    membership_grant(actor=None, user=deputy, unit=Unit.objects.get(code="25"), role="leader")
    task_transition(actor=deputy, task=Task.objects.get(), name="complete")
    page.reload()
    page.wait_for_selector(".status-line .badge.green")
    page.goto(f"{live_server.url}/")
    assert count(page, "completed_on_time") == 1
    assert count(page, "due_soon") == 0
    assert count(page, "assigned") == 1

    # The language switch turns the page to English.
    page.click('form.lang button[value="en"]')
    page.wait_for_selector("html[lang=en]")
    assert page.locator("h1").inner_text() == "Dashboard"

    if shots:
        take_screenshots(live_server, browser, context, plan, shots)
    context.close()


def take_screenshots(live_server, browser, signed_in, plan, shots: str) -> None:
    """A fuller picture for people to look at: tasks of every status, desktop and phone widths."""
    from mandate.accounts.models import User
    from mandate.orgs.models import Unit
    from mandate.tasks.services import progress_report, task_create

    head = User.objects.get(username="truongban")
    titles = [("Tổng kết 10 năm thực hiện Nghị quyết về công tác cán bộ", "25.TU.BTC", -6, 70),
              ("Xây dựng đề án sắp xếp tổ chức bộ máy các cơ quan tham mưu", "25.TU.VP", -2, 40),
              ("Báo cáo kết quả chuyển đổi số trong cơ quan Đảng", "25.UBND", 2, 80),
              ("Hướng dẫn đại hội chi bộ trực thuộc nhiệm kỳ 2025–2027", "25.TU.BTGDV", 5, 10),
              ("Kiểm tra việc thực hiện Quy định 08-QC/TW tại các xã", "25.TU.UBKT", 25, 0)]
    for title, lead, days, percent in titles:
        task = task_create(actor=None, document=plan, title=title, lead_unit=Unit.objects.get(code=lead), leader=head,
                           product="Báo cáo gửi Thường trực Tỉnh ủy", deadline=clock.today() + dt.timedelta(days=days))
        if percent:
            progress_report(actor=User.objects.get(username="bithu"), task=task, percent=percent, text="Đang triển khai theo kế hoạch.")
    for width, height, name in ((1280, 900, "desktop"), (390, 844, "phone")):
        context = browser.new_context(viewport={"width": width, "height": height}, storage_state=signed_in.storage_state(),
                                      device_scale_factor=1, is_mobile=name == "phone")
        context.add_cookies([{"name": "django_language", "value": "vi", "url": live_server.url}])
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        page.screenshot(path=f"{shots}/dashboard-{name}.png", full_page=True)
        page.goto(f"{live_server.url}/tasks/?lead_unit=25&subtree=on")
        page.screenshot(path=f"{shots}/tasks-{name}.png", full_page=True)
        page.click("table.tasks tbody tr:first-child a")
        page.wait_for_selector(".status-line")
        page.screenshot(path=f"{shots}/detail-{name}.png", full_page=True)
        page.goto(f"{live_server.url}/tasks/new/?document={plan.pk}")
        page.fill("#id_title", "Rà soát quy hoạch")
        page.wait_for_selector("#clears .clear-report")
        page.screenshot(path=f"{shots}/create-{name}.png", full_page=True)
        page.goto(f"{live_server.url}/documents/{plan.pk}/")
        page.screenshot(path=f"{shots}/document-{name}.png", full_page=True)
        page.goto(f"{live_server.url}/units/?root=25&depth=1")
        page.screenshot(path=f"{shots}/units-{name}.png", full_page=True)
        context.close()
