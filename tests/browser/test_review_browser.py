"""The review of a reading in a real browser: the clerk splits a proposed task, merges two, adds one the reader
missed by selecting its sentence in the text, confirms, and the issued document has exactly those tasks.
Split and merge go through HTMX (no page load); Debian's Chromium through Playwright, nothing downloaded."""
import datetime as dt

import pytest

from tests.browser.test_accessibility import violations_of
from tests.ingest_api.phu_tho_directive import DAY, DIRECTIVE

pytestmark = [pytest.mark.browser]

PASSWORD = "mat-khau-rat-dai"
SELECT_SENTENCE = """(words) => {
  const text = document.querySelector("[data-ingest-text]");
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(words);
    if (at < 0) { continue; }
    const end = node.data.indexOf("\\n", at);
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, end < 0 ? node.data.length : end);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    text.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    return range.toString();
  }
  return null;
}"""


@pytest.fixture
def clerk(transactional_country, django_user_model, freeze):
    from mandate.accounts.services import membership_grant
    from mandate.orgs.models import Unit

    freeze(DAY)
    specialist = django_user_model.objects.create_user(username="chuyenvien", password=PASSWORD, full_name="Lê Văn Chuyên")
    membership_grant(actor=None, user=specialist, unit=Unit.objects.get(code="25.TU"), role="specialist")
    leader = django_user_model.objects.create_user(username="lanhdao", full_name="Phạm Văn Lãnh Đạo")
    membership_grant(actor=None, user=leader, unit=Unit.objects.get(code="25.TU"), role="leader")
    return specialist, leader


def test_split_merge_and_add_a_missed_task_then_confirm(live_server, clerk, browser):
    from mandate.documents.models import Document
    from mandate.ingest.models import LabeledExample

    context = browser.new_context(locale="vi-VN", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", "chuyenvien")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/ingest/")
    page.fill("#ingest-text", DIRECTIVE)
    page.click("form button.primary")
    page.wait_for_selector("form[data-ingest-review]")
    assert page.input_value('[name="task_count"]') == "6"
    page.evaluate("window.loaded = true")  # gone if the page reloads

    page.click('button[name="op"][value="split-1"]')
    page.wait_for_function("document.querySelector('[name=task_count]').value === '7'")
    page.fill('[name="task-2-lead_unit"]', "25.TU.BTC")
    page.fill('[name="task-2-title"]', "Bố trí cán bộ cho trung tâm phục vụ hành chính công cấp xã")
    page.uncheck('[name="task-3-keep"]')  # the Fatherland Front is not in the register
    page.click('button[name="op"][value="merge-4"]')
    page.wait_for_function("document.querySelector('[name=task_count]').value === '6'")
    assert page.input_value('[name="task-4-deadline"]') == "30/09/2025"
    assert page.input_value('[name="task-2-lead_unit"]') == "25.TU.BTC"  # the split row's correction survived
    assert violations_of(page) == []  # the review with its edit buttons and the row for a missed task (axe-core)

    sentence = page.evaluate(SELECT_SENTENCE, "Ủy ban Mặt trận Tổ quốc")
    assert sentence and page.input_value('[name="task-5-title"]') == sentence.strip()
    assert page.input_value('[name="task-5-span"]') != ""
    page.fill('[name="task-5-lead_unit"]', "25.UBND")
    page.fill('[name="task-5-leader"]', "lanhdao")
    page.fill('[name="task-5-product"]', "Báo cáo kết quả")
    page.fill('[name="task-5-recurrence"]', "hằng quý")
    page.fill("#issuing-unit", "25.TU.BTV")
    page.fill("#doc-title", "V/v tổ chức đại hội đảng bộ cấp xã")
    for index in (0, 1, 2, 4):
        page.fill(f'[name="task-{index}-leader"]', "lanhdao")
        page.fill(f'[name="task-{index}-product"]', "Báo cáo kết quả")
    assert page.evaluate("window.loaded === true")  # split and merge did not load a new page

    page.click("div.actions button.primary")
    page.wait_for_url(f"{live_server.url}/documents/*/")

    document = Document.objects.get(number_text="07-CT/TU", registered=True)
    tasks = list(document.tasks.order_by("id"))
    assert [(t.lead_unit.code, t.deadline) for t in tasks][:4] == [
        ("25.TU.BTC", dt.date(2025, 7, 25)), ("25.UBND", dt.date(2025, 8, 15)), ("25.TU.BTC", dt.date(2025, 8, 15)),
        ("25.TU.UBKT", dt.date(2025, 9, 30))]
    assert len(tasks) == 5 and tasks[4].lead_unit.code == "25.UBND" and tasks[4].title == sentence.strip()
    assert document.title == "V/v tổ chức đại hội đảng bộ cấp xã"
    example = LabeledExample.objects.get(document=document)
    assert len(example.proposal["tasks"]) == 5 and len(example.confirmed["tasks"]) == 5
    context.close()
