"""The review page's own edits: split a proposed task, merge two, add one the reader missed, change the summary;
the confirmation is kept as a labeled example with the reader's proposal and the confirmed result."""
import datetime as dt
import re
from html import unescape

import pytest

from phu_tho_directive import DIRECTIVE
from test_ingest_pages import _form

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(client, specialist):
    client.force_login(specialist)
    return client


def _edit(browser, form: dict, op: str) -> str:
    response = browser.post("/ingest/confirm/", {**form, "op": op})
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


def _sentence(html: str, words: str) -> tuple[str, str]:
    for value, sentence in re.findall(r'<option value="(\d+:\d+)" data-sentence="([^"]*)"', html):
        if words in unescape(sentence):
            return value, unescape(sentence)
    raise AssertionError(f"no sentence with {words!r}")


def test_split_merge_add_and_a_new_summary_are_issued_and_kept_as_a_labeled_example(browser, specialist, leader):
    from mandate.audit.models import AuditRecord
    from mandate.documents.models import Document
    from mandate.ingest.models import LabeledExample

    html = browser.post("/ingest/", {"text": DIRECTIVE}).content.decode()
    assert 'name="task_count" value="6"' in html  # five proposed tasks and the blank row for a missed one
    html = _edit(browser, _form(html), "split-1")  # "the province's committee" also assigns the Organization Board
    assert 'name="task_count" value="7"' in html
    assert 'name="task-2-lead_unit" value=""' in html and 'name="task-2-read_unit" value="25.UBND"' in html
    form = _form(html)
    form["task-2-lead_unit"] = "25.TU.BTC"
    form["task-2-title"] = "Bố trí cán bộ cho trung tâm phục vụ hành chính công cấp xã"
    del form["task-3-keep"]  # the Fatherland Front is not in the register
    html = _edit(browser, form, "merge-4")  # the Inspection Commission and the Office: one task
    assert 'name="task_count" value="6"' in html
    assert 'name="task-4-deadline" value="30/09/2025"' in html
    assert 'name="task-4-assignee" value="Ủy ban Kiểm tra Tỉnh ủy, Văn phòng Tỉnh ủy"' in html
    span, sentence = _sentence(html, "Ủy ban Mặt trận")
    form = _form(html)
    form["task-5-sentence"], form["task-5-lead_unit"] = span, "25.UBND"  # added from the list of sentences
    form["task-5-recurrence"] = "hằng quý"
    form["issuing_unit"], form["title"] = "25.TU.BTV", "V/v tổ chức đại hội đảng bộ cấp xã"
    for index in (0, 1, 2, 4, 5):
        form[f"task-{index}-leader"], form[f"task-{index}-product"] = leader.username, "Báo cáo kết quả"

    response = browser.post("/ingest/confirm/", form)

    assert response.status_code == 302, re.findall(r'role="alert">([^<]*)<', response.content.decode())
    document = Document.objects.get(number_text="07-CT/TU", registered=True)
    assert document.title == "V/v tổ chức đại hội đảng bộ cấp xã"
    tasks = list(document.tasks.order_by("id"))
    assert [(t.lead_unit.code, t.deadline) for t in tasks] == [
        ("25.TU.BTC", dt.date(2025, 7, 25)), ("25.UBND", dt.date(2025, 8, 15)), ("25.TU.BTC", dt.date(2025, 8, 15)),
        ("25.TU.UBKT", dt.date(2025, 9, 30)), ("25.UBND", None)]
    assert "; " in tasks[3].title and tasks[4].title == sentence

    example = LabeledExample.objects.get()
    assert (example.document, example.created_by, example.language, example.secrecy) == (document, specialist, "vi", 0)
    assert example.text.strip() == DIRECTIVE.strip()
    assert [t["assignee"] for t in example.proposal["tasks"]] == [
        "Ban Tổ chức Tỉnh ủy", "Ủy ban nhân dân tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban Kiểm tra Tỉnh ủy",
        "Văn phòng Tỉnh ủy"]
    names = dict(document.tasks.values_list("lead_unit__code", "lead_unit__name"))
    confirmed = example.confirmed
    assert confirmed["title"] == "V/v tổ chức đại hội đảng bộ cấp xã"
    assert [(t["assignee"], t["deadline"]) for t in confirmed["tasks"]] == [
        ("Ban Tổ chức Tỉnh ủy", "2025-07-25"), ("Ủy ban nhân dân tỉnh", "2025-08-15"),
        (names["25.TU.BTC"], "2025-08-15"),  # a lead the clerk chose is named by the register
        ("Ủy ban Kiểm tra Tỉnh ủy, Văn phòng Tỉnh ủy", "2025-09-30"), (names["25.UBND"], None)]
    assert {(r["number"], r["type"], r["issuer"]) for r in confirmed["references"]} >= {
        ("7", "CT", "TU"), ("177", "KL", "TW"), ("204", "QĐ", "TW")}
    assert AuditRecord.objects.filter(action="ingest.example_record", object_id=str(example.pk)).exists()


def test_a_refused_confirmation_keeps_no_example(browser):
    from mandate.ingest.models import LabeledExample

    form = _form(browser.post("/ingest/", {"text": DIRECTIVE}).content.decode())
    response = browser.post("/ingest/confirm/", form)  # leaders and products missing

    assert response.status_code == 422
    assert not LabeledExample.objects.exists()


def test_an_edit_at_no_such_row_changes_nothing_and_a_garbled_one_is_a_confirmation(browser):
    from mandate.ingest.models import LabeledExample

    form = _form(browser.post("/ingest/", {"text": DIRECTIVE}).content.decode())
    for op in ("split-99", "merge-4"):  # no row 99; the last row has no next one to merge with
        assert 'name="task_count" value="6"' in _edit(browser, form, op)

    response = browser.post("/ingest/confirm/", {**form, "op": "merge-x"})

    assert response.status_code == 422  # confirmed as posted, refused for its missing clears, not a 500
    assert not LabeledExample.objects.exists()
