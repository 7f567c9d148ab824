"""Onboarding from a spreadsheet in a real browser: a province leader imports 50 tasks, three of them bad.

They see the three reasons in Vietnamese, fix nothing, confirm the 47 good rows and find them in their task list;
importing the same file again adds nothing. Debian's Chromium through Playwright, nothing downloaded.
"""
import datetime as dt
import re

import pytest

from mandate.core import clock

pytestmark = [pytest.mark.browser]

PASSWORD = "mat-khau-rat-dai"
HEADERS = ["Mã dòng", "Nội dung nhiệm vụ", "Số văn bản giao", "Đơn vị chủ trì", "Đơn vị phối hợp", "Lãnh đạo phụ trách",
           "Thời hạn", "Sản phẩm"]


@pytest.fixture
def office(transactional_country, django_user_model):
    from mandate.accounts.services import membership_grant
    from mandate.documents.services import document_register
    from mandate.orgs.models import Unit

    secretary = django_user_model.objects.create_user(username="bithu", password=PASSWORD, full_name="Nguyễn Văn Bí Thư")
    membership_grant(actor=None, user=secretary, unit=Unit.objects.get(code="25.TU"), role="leader")
    head = django_user_model.objects.create_user(username="truongban", full_name="Trần Thị Trưởng Ban")
    membership_grant(actor=None, user=head, unit=Unit.objects.get(code="25.TU.BTC"), role="leader")
    plan = document_register(actor=None, issuing_unit=Unit.objects.get(code="25.TU"), type="KH",
                             issued_on=clock.today() - dt.timedelta(days=30), title="Kế hoạch chuyển đổi số")
    return secretary, plan


def spreadsheet(path, number: str):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    deadline = (clock.today() + dt.timedelta(days=90)).strftime("%d/%m/%Y")
    for i in range(1, 51):
        sheet.append([f"CDS-{i:02d}", f"Chuyển đổi số, phần việc {i}", number,
                      "ban to chuc tinh uy phu tho" if i % 2 else "Văn phòng Tỉnh ủy Phú Thọ", "",
                      "tran thi truong ban", deadline, "Báo cáo kết quả"])
    sheet.cell(row=11, column=8).value = None  # CDS-10: no product
    sheet.cell(row=21, column=4, value="Ban Không Có Thật")  # CDS-20: an unknown unit
    sheet.cell(row=31, column=7, value="31/02/2025")  # CDS-30: no such day
    book.save(path)
    return path


def test_import_fifty_tasks_three_refused_then_again_nothing(live_server, office, browser, tmp_path):
    from mandate.tasks.models import Task

    _secretary, plan = office
    path = spreadsheet(tmp_path / "nhiem-vu.xlsx", plan.number_text)
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", "bithu")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/tasks/")
    page.click("text=Nhập từ bảng tính")
    page.wait_for_url(f"{live_server.url}/tasks/import/")
    with page.expect_download() as download:
        page.click("text=Tải mẫu về")
    assert download.value.suggested_filename.endswith(".xlsx")
    page.set_input_files("#import-file", str(path))
    page.click("form button.primary")
    page.wait_for_url(re.compile(r"/tasks/import/\d+/$"))
    assert "47 dòng sẽ được tạo" in page.locator("#import-counts").inner_text()
    assert "3 dòng bị từ chối" in page.locator("#import-counts").inner_text()
    refused = page.locator("#refused-rows tbody tr")
    assert refused.count() == 3
    texts = [refused.nth(i).inner_text() for i in range(3)]
    assert "rõ sản phẩm" in texts[0]
    assert "không có đơn vị nào anh/chị được giao việc mang tên «Ban Không Có Thật»" in texts[1]
    assert "«31/02/2025» không phải là ngày" in texts[2]
    assert Task.objects.count() == 0  # nothing written before the confirmation
    page.click("#confirm-import")
    page.wait_for_url(f"{live_server.url}/tasks/")
    assert "Đã nhập 47 nhiệm vụ." in page.locator(".messages").inner_text()
    assert "47 nhiệm vụ" in page.locator("#result-count").inner_text()
    assert page.locator("table.tasks tbody tr", has_text="Chuyển đổi số, phần việc 1").first.is_visible()

    page.goto(f"{live_server.url}/tasks/import/")
    page.set_input_files("#import-file", str(path))
    page.click("form button.primary")
    page.wait_for_url(re.compile(r"/tasks/import/\d+/$"))
    counts = page.locator("#import-counts").inner_text()
    assert "0 dòng sẽ được tạo" in counts and "47 dòng đã được nhập trước đó" in counts
    page.click("#confirm-import")
    page.wait_for_url(f"{live_server.url}/tasks/")
    assert Task.objects.count() == 47
    assert "47 nhiệm vụ" in page.locator("#result-count").inner_text()
    context.close()
