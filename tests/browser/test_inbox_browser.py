"""A leader's inbox in a real browser (issue 16, item 4): the menu counts the request for more time, the dashboard
shows it, one click opens its decision, and deciding it empties the inbox."""
import datetime as dt

import pytest

from mandate.core import clock

pytestmark = [pytest.mark.browser]

PASSWORD = "mat-khau-rat-dai"


@pytest.fixture
def request_waiting(transactional_country, django_user_model):
    from mandate.accounts.services import membership_grant
    from mandate.documents.services import document_register
    from mandate.orgs.models import Unit
    from mandate.tasks import services

    leader = django_user_model.objects.create_user(username="bithu", password=PASSWORD, full_name="Nguyễn Văn Bí Thư")
    membership_grant(actor=None, user=leader, unit=Unit.objects.get(code="25.TU"), role="leader")
    lead = django_user_model.objects.create_user(username="chuyenvien", password=PASSWORD)
    membership_grant(actor=None, user=lead, unit=Unit.objects.get(code="25.TU.BTC"), role="specialist")
    plan = document_register(actor=None, issuing_unit=Unit.objects.get(code="25.TU"), type="KH",
                             issued_on=clock.today() - dt.timedelta(days=30), title="Kế hoạch thực hiện Kết luận 177-KL/TW")
    task = services.task_create(actor=None, document=plan, title="Rà soát quy hoạch cán bộ", lead_unit=Unit.objects.get(code="25.TU.BTC"),
                                leader=lead, product="Báo cáo kết quả", deadline=clock.today() + dt.timedelta(days=10))
    services.extension_request(actor=lead, task=task, requested_deadline=clock.today() + dt.timedelta(days=40),
                               reason="Chờ số liệu của các xã")
    return task


def test_a_leader_decides_the_request_from_the_inbox_and_the_inbox_empties(live_server, request_waiting, browser):
    page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", "bithu")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("#inbox-count").inner_text() == "1"  # fetched into the menu
    summary = page.locator("#inbox-extensions")
    assert "Rà soát quy hoạch cán bộ" in summary.inner_text()  # fetched into the dashboard
    summary.locator("a.button", has_text="Quyết định").click()
    page.wait_for_url(f"{live_server.url}/tasks/{request_waiting.pk}/#extension-decision")
    page.locator("#extension-decision button[name=approve][value='1']").click()
    page.wait_for_selector(".messages")
    page.goto(f"{live_server.url}/inbox/")
    assert page.locator("#inbox-empty").inner_text() == "Không có việc nào chờ bạn xử lý."
    page.wait_for_load_state("networkidle")
    assert page.locator("#inbox-count").count() == 0
