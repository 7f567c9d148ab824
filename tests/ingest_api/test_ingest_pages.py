"""The review page: paste, see the reading, correct it, confirm; the six clears shown on each task row."""
import datetime as dt
import re

import pytest

from phu_tho_directive import DIRECTIVE

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(client, specialist):
    client.force_login(specialist)
    return client


def _counts():
    from mandate.audit.models import AuditRecord
    from mandate.documents.models import Document
    from mandate.tasks.models import Task

    return Document.objects.count(), Task.objects.count(), AuditRecord.objects.count()


def _form(html: str) -> dict:
    """The review form's fields as the browser would send them (checked boxes only)."""
    data = {}
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) in ("csrfmiddlewaretoken", "language", "as_of"):
            continue
        if 'type="checkbox"' in tag:
            if "checked" in tag:
                data[name.group(1)] = "on"
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = value.group(1) if value else ""
    for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[name] = value
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        data[name] = chosen.group(1) if chosen else re.search(r'<option value="([^"]*)"', body).group(1)
    from html import unescape

    return {key: unescape(value) for key, value in data.items()}


def test_the_start_page_offers_paste_and_upload(browser):
    response = browser.get("/ingest/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="text"' in html and 'type="file" name="file"' in html
    assert "Đọc văn bản chỉ đạo" in html or "Read a directive" in html


def test_an_empty_paste_is_refused_on_the_field(browser):
    response = browser.post("/ingest/", {"text": "  "})

    assert response.status_code == 422
    assert "hãy dán nội dung văn bản chỉ đạo hoặc tải tệp lên" in response.content.decode()  # in the page's language


def test_the_review_shows_header_references_and_tasks_with_their_sentences(browser):
    response = browser.post("/ingest/", {"text": DIRECTIVE})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="07-CT/TU"' in html and 'value="18/07/2025"' in html and 'value="25.TU.BTV"' not in html
    assert 'value="25.TU"' in html  # the issuing unit guessed from the user's own unit with issuer code TU
    assert html.count("chưa đăng ký") == 3  # 177-KL/TW, 02-KH/BCĐTW, 204-QĐ/TW
    assert '<span class="source" id="source-0" data-task="0">Giao Ban Tổ chức Tỉnh ủy chủ trì' in html
    assert 'name="task-0-lead_unit" value="25.TU.BTC"' in html
    assert "Ban Tổ chức Tỉnh ủy Phú Thọ" in html
    assert 'name="task-0-coordinators" value="25.UBND"' in html
    # Dates in the reader's format, in text fields (not the browser's picker, which writes mm/dd/yyyy in English).
    assert 'name="task-0-deadline" value="25/07/2025" placeholder="dd/mm/yyyy"' in html and 'type="date"' not in html
    assert 'name="task-4-recurrence" value="hằng tháng"' in html
    # Before submitting, each row already says what it misses: no leader, no product.
    row = html.split('data-clears-for="0"')[1].split("</tr>")[0]
    assert re.findall(r'data-clear-chip="(\w+)" class="(\w+)"', row) == [
        ("person", "missing"), ("work", "ok"), ("time", "ok"), ("responsibility", "ok"), ("product", "missing")]


def test_a_registered_citation_links_to_the_register(browser, unit):
    from mandate.documents.services import document_register

    plan = document_register(actor=None, issuing_unit=unit("25.TU"), type="KH", number="02-KH/TU",
                             issued_on=dt.date(2025, 7, 15), title="Kế hoạch")

    html = browser.post("/ingest/", {"text": "Thực hiện Kế hoạch số 02-KH/TU ngày 15/7/2025 của Ban Thường vụ Tỉnh ủy."}).content.decode()

    assert f'href="/documents/{plan.pk}/"' in html
    assert "chưa đăng ký" not in html


def test_confirming_with_gaps_shows_each_missing_clear_on_its_row_and_writes_nothing(browser):
    form = _form(browser.post("/ingest/", {"text": DIRECTIVE}).content.decode())
    before = _counts()

    response = browser.post("/ingest/confirm/", form)

    assert response.status_code == 422
    html = response.content.decode()
    assert _counts() == before
    row = html.split('id="task-3"')[1].split('class="clear-row"')[0]
    # In the page's language (Vietnamese unless the reader chose otherwise).
    assert "rõ người: nêu lãnh đạo phụ trách" in row
    assert "rõ sản phẩm: nêu rõ sản phẩm chứng minh đã hoàn thành" in row
    assert 'class="task-row has-missing"' in html


def test_a_corrected_review_is_confirmed_and_opens_the_document(browser, leader):
    from mandate.documents.models import Document
    from mandate.tasks.models import Task

    form = _form(browser.post("/ingest/", {"text": DIRECTIVE}).content.decode())
    form["issuing_unit"] = "25.TU.BTV"
    form["reference-0-kind"] = "implements"
    del form["task-2-keep"]  # the Fatherland Front is not in the register: drop its task
    for index in (0, 1, 3, 4):
        form[f"task-{index}-leader"] = leader.username
        form[f"task-{index}-product"] = "Báo cáo kết quả"

    response = browser.post("/ingest/confirm/", form)

    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get(number_text="07-CT/TU", registered=True)
    assert response["Location"] == f"/documents/{document.pk}/"
    assert [(t.lead_unit.code, t.deadline) for t in Task.objects.filter(document=document).order_by("id")] == [
        ("25.TU.BTC", dt.date(2025, 7, 25)), ("25.UBND", dt.date(2025, 8, 15)), ("25.TU.UBKT", dt.date(2025, 9, 30)),
        ("25.TU.VP", None)]
    kinds = {r.target.number_text: r.kind for r in document.outgoing_relations.select_related("target")}
    assert kinds == {"177-KL/TW": "implements", "02-KH/BCĐTW": "cites", "204-QĐ/TW": "cites"}


@pytest.mark.parametrize("typed", ["25/13/2025", "31/02/2025"])
def test_a_date_that_is_not_a_date_is_shown_on_its_row(browser, typed):
    form = _form(browser.post("/ingest/", {"text": DIRECTIVE}).content.decode())
    form["task-1-deadline"] = typed
    before = _counts()

    response = browser.post("/ingest/confirm/", form)

    assert response.status_code == 422
    assert _counts() == before
    row = response.content.decode().split('id="task-1"')[1].split('class="clear-row"')[0]
    assert f"“{typed}” không phải là một ngày: hãy viết theo dạng dd/mm/yyyy" in row, row


def test_the_page_needs_a_signed_in_user(client):
    assert client.get("/ingest/").status_code == 302


def test_the_header_refusal_names_each_field_by_its_label_and_a_forged_row_is_no_500(browser):
    form = _form(browser.post("/ingest/", {"text": DIRECTIVE}).content.decode())
    form["issued_on"] = "18.07.2025"
    form["reference-0-registered_id"] = "not-an-id"
    form["task_count"] = "100000"  # more rows than any review: read as the most a review may have
    before = _counts()

    response = browser.post("/ingest/confirm/", form)

    assert response.status_code == 422
    assert _counts() == before
    refusal = response.content.decode().split('class="refusal"')[1].split("</div>")[0]
    assert "Ngày: “18.07.2025” không phải là một ngày: hãy viết theo dạng dd/mm/yyyy" in refusal and "issued_on" not in refusal
