"""At 390 px (a phone) no page of the daily round scrolls sideways, and a task's actions come before its record."""
import datetime as dt

import pytest

from mandate.core import clock

pytestmark = [pytest.mark.browser]

PASSWORD = "mat-khau-rat-dai"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True,
         "locale": "vi-VN"}


@pytest.fixture
def round_of_pages(transactional_country, django_user_model):
    from mandate.accounts.services import membership_grant
    from mandate.documents.services import document_register
    from mandate.meetings.services import agenda_item_add, meeting_create
    from mandate.orgs.models import Unit
    from mandate.tasks.services import progress_report, task_create, task_delegate, task_transition

    def person(username, full_name, code, role):
        user = django_user_model.objects.create_user(username=username, password=PASSWORD, full_name=full_name)
        membership_grant(actor=None, user=user, unit=Unit.objects.get(code=code), role=role)
        return user

    leader = person("bithu", "Nguyễn Văn An", "25", "leader")
    lead = person("ubnd", "Trần Thị Bình", "25.UBND", "specialist")
    today = clock.today()
    plan = document_register(actor=None, issuing_unit=Unit.objects.get(code="25.TU"), type="KH",
                             issued_on=today - dt.timedelta(days=20),
                             title="Kế hoạch thực hiện Kết luận số 177-KL/TW ngày 12/7/2025 của Bộ Chính trị về sắp xếp "
                                   "tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả")
    task = task_create(actor=None, document=plan, title="Rà soát, sắp xếp các ban xây dựng Đảng và Văn phòng Tỉnh ủy theo "
                       "Kết luận 177-KL/TW, báo cáo Ban Thường vụ Tỉnh ủy trước ngày 30", lead_unit=Unit.objects.get(
                           code="25.UBND"), leader=leader, product="Báo cáo kết quả rà soát, đề án sắp xếp",
                       deadline=today + dt.timedelta(days=10),
                       coordinators=[Unit.objects.get(code="25.TU.BTGDV"), Unit.objects.get(code="25.TU.UBKT")])
    task_transition(actor=lead, task=task, name="start")
    progress_report(actor=lead, task=task, percent=35, text="Đã rà soát chức năng, nhiệm vụ của 5 cơ quan tham mưu")
    task.refresh_from_db()
    commune = Unit.objects.filter(code__regex=r"^\d{5}$", placements__parent__code="25").order_by("code").first()
    task_delegate(actor=lead, parent=task, title="Tổng hợp số liệu biên chế", lead_unit=Unit.objects.get(code=f"{commune.code}.UBND"),
                  leader=lead, product="Bảng tổng hợp", deadline=today + dt.timedelta(days=5))
    meeting = meeting_create(actor=None, body=Unit.objects.get(code="25.TU.BCH"), number=3,
                             title="Hội nghị lần thứ ba Ban Chấp hành Đảng bộ tỉnh khóa XX", starts_on=today,
                             ends_on=today, place="Việt Trì")
    agenda_item_add(actor=None, meeting=meeting, title="Dự thảo Nghị quyết", draft_text="Điều 1. Phạm vi\nNội dung.")
    return {"task": task, "document": plan, "meeting": meeting}


def signed_in(browser, live_server, username: str, options: dict):
    context = browser.new_context(**options)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")
    return context, page


def test_the_round_fits_a_phone(live_server, round_of_pages, browser):
    context, page = signed_in(browser, live_server, "bithu", PHONE)
    task, document, meeting = round_of_pages["task"], round_of_pages["document"], round_of_pages["meeting"]
    for path in ("/", "/tasks/", f"/tasks/{task.pk}/", f"/documents/{document.pk}/", f"/meetings/{meeting.pk}/",
                 "/monitoring/"):
        page.goto(f"{live_server.url}{path}")
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], (path, widths)
    page.goto(f"{live_server.url}/tasks/{task.pk}/")
    actions, history = (page.locator(selector).first.bounding_box()["y"] for selector in (".detail-side", "#history"))
    assert actions < history
    context.close()


def test_the_delegation_form_suggests_units_as_the_new_task_form_does(live_server, round_of_pages, browser):
    from mandate.core.text import fold

    part = round_of_pages["task"].children.select_related("lead_unit").get()
    typed = fold(part.lead_unit.name)  # its name without diacritics
    context, page = signed_in(browser, live_server, "ubnd", {"viewport": {"width": 1280, "height": 900}, "locale": "vi-VN"})
    page.goto(f"{live_server.url}/tasks/{round_of_pages['task'].pk}/")
    field = page.locator("form[action$='/delegate/'] input[name='lead_unit']")
    field.scroll_into_view_if_needed()
    field.type(typed, delay=30)
    page.wait_for_function("document.querySelectorAll('#suggest-f-lead_unit option').length > 0")
    offered = page.eval_on_selector_all("#suggest-f-lead_unit option", "options => options.map(o => o.value)")
    assert any(value.split(" — ")[0] == part.lead_unit.name for value in offered), (typed, offered)  # a name, not a code
    context.close()
