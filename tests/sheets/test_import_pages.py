"""The import pages: the template to download, the preview in the reader's language, the confirmation."""
import io

import pytest
from openpyxl import load_workbook

from mandate.sheets.models import ImportBatch
from mandate.tasks.models import Task

from sheets_samples import HEADERS, task_rows, xlsx

pytestmark = pytest.mark.django_db


def test_the_template_has_vietnamese_headers_an_example_row_and_print_settings(client, office):
    leader, _plan = office
    client.force_login(leader)
    response = client.get("/tasks/import/template.xlsx")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert set(HEADERS) <= set(headers)
    assert sheet.cell(row=2, column=1).value == "NV-001"
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"


def test_upload_preview_and_confirm_in_vietnamese(client, office):
    leader, plan = office
    client.force_login(leader)
    rows = task_rows(4, number=plan.number_text)
    rows[0][6] = "31/02/2025"
    response = client.post("/tasks/import/", {"file": xlsx(rows)})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/tasks/import/{batch.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Thời hạn: «31/02/2025» không phải là ngày" in page
    assert "3 dòng sẽ được tạo" in page and "1 dòng bị từ chối" in page
    response = client.post(f"/tasks/import/{batch.pk}/confirm/", {})
    assert response.status_code == 302 and Task.objects.count() == 3
    assert "Đã nhập 3 nhiệm vụ." in client.get("/tasks/").content.decode()


def test_a_refused_file_is_named_on_the_form(client, office):
    leader, _plan = office
    client.force_login(leader)
    response = client.post("/tasks/import/", {"file": xlsx([["x"]], headers=["Mã dòng"])})
    assert response.status_code == 422
    assert "Tệp: " in response.content.decode() and "Nội dung nhiệm vụ" in response.content.decode()
    response = client.post("/tasks/import/", {})
    assert response.status_code == 422


def test_a_viewer_gets_no_import_and_nobody_sees_anothers_preview(client, office, make_user):
    leader, plan = office
    client.force_login(leader)
    client.post("/tasks/import/", {"file": xlsx(task_rows(1, number=plan.number_text))})
    batch = ImportBatch.objects.get()
    client.force_login(make_user("viewer", "25.TU"))
    assert client.get("/tasks/import/").status_code == 403
    client.force_login(make_user("leader", "25.TU"))
    assert client.get(f"/tasks/import/{batch.pk}/").status_code == 404
    assert client.post(f"/tasks/import/{batch.pk}/confirm/", {}).status_code == 404
    assert Task.objects.count() == 0
