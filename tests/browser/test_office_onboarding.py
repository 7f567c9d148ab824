"""An office adopts Mandate without a developer (issue 16, "Done when"), in Debian's Chromium.

The system administrator signs in, adds a colleague with a leader's role in a commune (the commune typed by its name)
and signs out; the colleague signs in, imports a 50-row task spreadsheet of the commune's party committee with three
bad rows, reads the three reasons in Vietnamese, fixes nothing, confirms the 47 good rows and finds them in the task
list; importing the same file again adds nothing.
"""
import datetime as dt
import re

import pytest

from mandate.core import clock
from mandate.core.text import fold
from tests.browser.test_administration_flow import PASSWORD, _add_colleague, _commune, _sign_in, administrator  # noqa: F401
from tests.browser.test_import_tasks import HEADERS

pytestmark = [pytest.mark.browser]

COLLEAGUE = "mat-khau-lanh-dao-xa"


def _spreadsheet(path, *, number: str, commune):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    deadline = (clock.today() + dt.timedelta(days=60)).strftime("%d/%m/%Y")
    # The names as a clerk types them: without diacritics, in lower case.
    committee = fold(f"Ủy ban nhân dân {commune.name[0].lower()}{commune.name[1:]}")
    for i in range(1, 51):
        sheet.append([f"XA-{i:02d}", f"Rà soát hồ sơ đất đai, đợt {i}", number, committee, "", "le thi can bo", deadline,
                      "Báo cáo kết quả rà soát"])
    sheet.cell(row=6, column=2).value = None  # XA-05: no work
    sheet.cell(row=16, column=4, value="Phòng Không Có Thật")  # XA-15: an unknown unit
    sheet.cell(row=26, column=7, value="31/02/2025")  # XA-25: no such day
    book.save(path)
    return path


def test_the_administrator_adds_a_commune_leader_who_imports_the_offices_tasks(live_server, administrator, browser,  # noqa: F811
                                                                                tmp_path):
    from mandate.documents.services import document_register
    from mandate.orgs.models import Unit
    from mandate.tasks.models import Task

    commune = _commune()
    committee = Unit.objects.get(code=f"{commune.code}.DU")
    plan = document_register(actor=None, issuing_unit=committee, type="KH", issued_on=clock.today() - dt.timedelta(days=3),
                             title="Kế hoạch rà soát hồ sơ đất đai")
    path = _spreadsheet(tmp_path / "nhiem-vu-xa.xlsx", number=plan.number_text, commune=commune)
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20000)

    _sign_in(page, live_server.url, "quantri", PASSWORD)
    _add_colleague(page, password=COLLEAGUE, unit_name=commune.name, role="leader")
    assert "Lãnh đạo" in page.inner_text("main")
    page.click("form.logout button")
    page.wait_for_url(re.compile(r"/login/"))

    _sign_in(page, live_server.url, "le.canbo", COLLEAGUE)
    page.goto(f"{live_server.url}/tasks/")
    page.click("text=Nhập từ bảng tính")
    page.set_input_files("#import-file", str(path))
    page.click("form button.primary")
    page.wait_for_url(re.compile(r"/tasks/import/\d+/$"))
    counts = page.locator("#import-counts").inner_text()
    assert "47 dòng sẽ được tạo" in counts and "3 dòng bị từ chối" in counts, counts
    refused = [page.locator("#refused-rows tbody tr").nth(i).inner_text() for i in range(3)]
    assert "rõ việc: nêu việc phải làm" in refused[0]
    assert "«Phòng Không Có Thật»" in refused[1]
    assert "«31/02/2025» không phải là ngày" in refused[2]
    assert not Task.objects.exists()
    page.click("#confirm-import")
    page.wait_for_url(f"{live_server.url}/tasks/")
    assert "Đã nhập 47 nhiệm vụ." in page.locator(".messages").inner_text()
    assert "47 nhiệm vụ" in page.locator("#result-count").inner_text()
    assert page.locator("table.tasks tbody tr", has_text="Rà soát hồ sơ đất đai, đợt 1").first.is_visible()

    page.goto(f"{live_server.url}/tasks/import/")
    page.set_input_files("#import-file", str(path))
    page.click("form button.primary")
    page.wait_for_url(re.compile(r"/tasks/import/\d+/$"))
    assert "0 dòng sẽ được tạo" in page.locator("#import-counts").inner_text()
    page.click("#confirm-import")
    page.wait_for_url(f"{live_server.url}/tasks/")
    assert Task.objects.count() == 47
    assert set(Task.objects.values_list("assigning_unit", flat=True)) == {committee.pk}
    context.close()
