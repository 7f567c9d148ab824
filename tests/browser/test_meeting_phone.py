"""A conference in a real browser: a delegate comments on a clause from a phone, the group's secretary records the
group's opinion, the leader responds, the table of responses is downloaded and read back, and the conclusion notice
is issued with its tasks, which then stand in the task list.

Set MANDATE_SHOTS=/tmp/shots to keep screenshots.
"""
import datetime as dt
import io
import os

import pytest
from docx import Document as Docx

from mandate.core import clock

pytestmark = [pytest.mark.browser]

PASSWORD = "mat-khau-rat-dai"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True,
         "locale": "vi-VN"}
REGULATION = """Quy chế làm việc của Ban Chấp hành Đảng bộ thành phố khóa XVIII

Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định trách nhiệm, quyền hạn và chế độ làm việc của Ban Chấp hành.
Điều 2. Nguyên tắc làm việc
1. Bảo đảm nguyên tắc tập trung dân chủ, tập thể lãnh đạo, cá nhân phụ trách.
2. Phân công rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm, rõ thẩm quyền.
"""


@pytest.fixture
def conference(transactional_country, django_user_model):
    from mandate.accounts.services import membership_grant
    from mandate.meetings import services
    from mandate.orgs.models import Unit

    def user(username, full_name, unit=None, role=None, position=""):
        person = django_user_model.objects.create_user(username=username, password=PASSWORD, full_name=full_name,
                                                       position=position)
        if unit:
            membership_grant(actor=None, user=person, unit=Unit.objects.get(code=unit), role=role)
        return person

    people = {"secretariat": user("vanphong", "Chuyên viên Văn phòng", "01.TU", "specialist"),
              "leader": user("bithu", "Nguyễn Duy Ngọc", "01.TU", "leader", "Bí thư Thành ủy"),
              "delegate": user("daibieu", "Lê Đại Biểu"), "secretary": user("thuky", "Trần Thư Ký")}
    today = clock.today()
    meeting = services.meeting_create(actor=None, body=Unit.objects.get(code="01.TU.BCH"), number=2,
                                      title="Hội nghị lần thứ hai Ban Chấp hành Đảng bộ thành phố khóa XVIII",
                                      starts_on=today - dt.timedelta(days=1), ends_on=today, place="Hà Nội")
    delegates = {name: services.delegate_add(actor=None, meeting=meeting, user=people[name])
                 for name in ("leader", "delegate", "secretary")}
    group = services.group_create(actor=None, meeting=meeting, name="Tổ 1", secretary=delegates["secretary"],
                                  members=[delegates["delegate"]])
    item = services.agenda_item_add(actor=None, meeting=meeting, title="Dự thảo Quy chế làm việc", draft_text=REGULATION)
    return {"meeting": meeting, "group": group, "item": item, "people": people}


def sign_in(browser, live_server, username: str, **options):
    context = browser.new_context(**(options or PHONE))
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")
    return page


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_conference_from_phone_to_table_of_responses_to_conclusion(live_server, conference, browser, tmp_path):
    shots = os.environ.get("MANDATE_SHOTS")
    meeting, item = conference["meeting"], conference["item"]
    item_url = f"{live_server.url}/meetings/{meeting.pk}/items/{item.pk}/"

    # A delegate opens the meeting on a phone and comments on clause 1 of Article 2, quoting its words.
    phone = sign_in(browser, live_server, "daibieu")
    phone.goto(f"{live_server.url}/meetings/")
    phone.click(f'a[href="/meetings/{meeting.pk}/"]')
    phone.click(f'a[href="/meetings/{meeting.pk}/items/{item.pk}/"]')
    phone.wait_for_url(item_url)
    clause = phone.locator('article[data-key="dieu-2.1"]')
    assert "Điều 2, khoản 1" in clause.locator("header").inner_text()
    clause.locator("details.speak > summary").tap()
    clause.locator('input[name="kind"][value="amend"]').check()
    clause.locator('input[name="quote"]').fill("cá nhân phụ trách")
    clause.locator('textarea[name="text"]').fill("Đề nghị bổ sung: cá nhân phụ trách chịu trách nhiệm trước Ban Thường vụ.")
    assert fits_the_screen(phone)
    if shots:
        phone.screenshot(path=f"{shots}/meeting-phone-form.png", full_page=True)
    clause.locator('button[type="submit"]').tap()
    phone.wait_for_url(f"{item_url}#clause-*")
    clause = phone.locator('article[data-key="dieu-2.1"]')
    assert "chịu trách nhiệm trước Ban Thường vụ" in clause.locator(".opinions").inner_text()
    assert "cá nhân phụ trách" in clause.locator(".opinions q").inner_text()
    assert fits_the_screen(phone)
    if shots:
        phone.screenshot(path=f"{shots}/meeting-phone-clause.png", full_page=True)

    # The group's secretary records an opinion of the whole group on the draft.
    secretary = sign_in(browser, live_server, "thuky")
    secretary.goto(item_url)
    general = secretary.locator("#general")
    general.locator("details.speak > summary").tap()
    general.locator('select[name="author"]').select_option(f"group:{conference['group'].pk}")
    general.locator('input[name="kind"][value="add"]').check()
    general.locator('textarea[name="text"]').fill("Tổ 1 đề nghị bổ sung một chương về chuyển đổi số trong lãnh đạo.")
    general.locator('button[type="submit"]').tap()
    secretary.wait_for_url(f"{item_url}#general")
    assert "Tổ 1" in secretary.locator("#general .opinions").inner_text()

    # The leader responds to both from the table of responses.
    leader = sign_in(browser, live_server, "bithu", viewport={"width": 1280, "height": 900}, locale="vi-VN")
    responses_url = f"{live_server.url}/meetings/{meeting.pk}/responses/"
    leader.goto(responses_url)
    answers = [("accepted", "Tiếp thu, bổ sung vào khoản 1 Điều 2."), ("explained", "Chuyển đổi số đã có trong Chương trình.")]
    for index, (disposition, explanation) in enumerate(answers):
        row = leader.locator("table.responses tbody tr").nth(index)
        row.locator('select[name="disposition"]').select_option(disposition)
        row.locator('textarea[name="explanation"]').fill(explanation)
        row.locator('button[type="submit"]').click()
        leader.wait_for_url(f"{responses_url}*#opinion-*")
    assert leader.locator("table.responses .badge.green").count() == 1
    if shots:
        leader.screenshot(path=f"{shots}/meeting-responses.png", full_page=True)

    # The table of responses, downloaded, holds every opinion with its disposition.
    with leader.expect_download() as download:
        leader.click(f'a[href="/meetings/{meeting.pk}/responses.docx"]')
    saved = tmp_path / "responses.docx"
    download.value.save_as(saved)
    table = Docx(io.BytesIO(saved.read_bytes())).tables[1]
    rows = [[cell.text for cell in row.cells] for row in table.rows][2:]
    assert [(r[0], r[5]) for r in rows] == [("1", "Tiếp thu"), ("2", "Giải trình")]
    assert "chịu trách nhiệm trước Ban Thường vụ" in rows[0][4] and rows[0][2] == "Lê Đại Biểu (Tổ 1)"
    assert rows[1][2] == "Tổ 1" and rows[1][6] == answers[1][1] and rows[0][7] == "Nguyễn Duy Ngọc, Bí thư Thành ủy"

    # The secretariat issues the conclusion notice from its text; its tasks go through the six clears.
    office = sign_in(browser, live_server, "vanphong", viewport={"width": 1280, "height": 900}, locale="vi-VN")
    office.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    office.click(f'a[href="/meetings/{meeting.pk}/conclusion/"]')
    today = clock.today()
    deadline = today + dt.timedelta(days=20)
    office.fill("#ingest-text", f"THÀNH ỦY HÀ NỘI\nHà Nội, ngày {today.day} tháng {today.month} năm {today.year}\n"
                                "THÔNG BÁO KẾT LUẬN\nHội nghị lần thứ hai Ban Chấp hành Đảng bộ thành phố\n\n"
                                "1. Giao Văn phòng Thành ủy chủ trì hoàn thiện Quy chế làm việc theo ý kiến đã tiếp thu, "
                                f"trình Ban Thường vụ trước ngày {deadline.day}/{deadline.month}/{deadline.year}.\n")
    office.click("form.ingest-start button.primary")
    office.wait_for_selector("form.ingest-review")
    office.fill('input[name="task-0-lead_unit"]', "01.TU.VP")
    office.fill('input[name="task-0-leader"]', "bithu")
    office.fill('input[name="task-0-product"]', "Quy chế làm việc được ban hành")
    office.click("form.ingest-review .actions button.primary")
    office.wait_for_url(f"{live_server.url}/meetings/{meeting.pk}/")
    conclusion = office.locator(".detail-side").inner_text()
    assert "-TB/TU" in conclusion
    office.click('a[href^="/tasks/?document="]')
    assert "hoàn thiện Quy chế làm việc" in office.locator("table.tasks").inner_text()
    if shots:
        office.screenshot(path=f"{shots}/meeting-conclusion-tasks.png", full_page=True)
