"""The reorganization pages: list, prepare, preview with destinations, apply and revert."""
import datetime as dt

import pytest

from mandate.reorganizations.models import Reorganization
from mandate.tasks.models import Task
from tests.factories import a_document, a_task
from tests.reorganizations.reorganization_helpers import a_department

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user, freeze):
    freeze(dt.date(2025, 8, 20))
    client.force_login(make_user(is_superuser=True))
    return client


def test_prepare_preview_choose_apply_and_revert_from_the_pages(admin_client):
    source = a_department("Sở nguồn")
    task = a_task(lead_unit=source.code, deadline=dt.date(2025, 12, 31), title="Việc cần chia")
    response = admin_client.post("/reorganizations/new/", {
        "kind": "split", "effective_on": "2025-09-01", "predecessors": source.code, "successors": "25.UBND.Y1, 25.UBND.Y2",
        "new_units": "25.UBND.Y1 | Sở Y1 | department | province | 25.UBND\n25.UBND.Y2 | Sở Y2 | department | province | 25.UBND"})
    event = Reorganization.objects.get(kind="split")
    assert response.status_code == 302 and response["Location"] == f"/reorganizations/{event.pk}/"

    page = admin_client.get(f"/reorganizations/{event.pk}/").content.decode()
    assert "Việc cần chia" in page, page[page.find("<main"):][:3000]
    assert f'name="dest-task-{task.pk}"' in page and "disabled" in page

    refused = admin_client.post(f"/reorganizations/{event.pk}/apply/")
    refusal = refused.content.decode()
    assert refused.status_code == 409 and "Việc cần chia" in refusal[refusal.index('role="alert"'):]
    assert f"destinations.task.{task.pk}" not in refusal  # the task by its title, not a raw field name

    admin_client.post(f"/reorganizations/{event.pk}/destinations/", {f"dest-task-{task.pk}": "25.UBND.Y1"})
    assert admin_client.post(f"/reorganizations/{event.pk}/apply/").status_code == 302
    assert Task.objects.get(pk=task.pk).lead_unit.code == "25.UBND.Y1"
    listing = admin_client.get("/reorganizations/?as_of=2025-08-15").content.decode()
    assert "Chia tách" in listing
    assert "Sở nguồn → Sở Y1, Sở Y2" in listing  # the units by name, not a count of links
    applied = admin_client.get(f"/reorganizations/{event.pk}/").content.decode()
    assert "Đã chuyển giao" in applied and "was already applied" not in applied
    timeline = admin_client.get(f"/tasks/{task.pk}/").content.decode()
    assert f"Chia tách 01/09/2025 (#{event.pk}): Sở nguồn → Sở Y1" in timeline  # the units by name
    assert admin_client.post(f"/reorganizations/{event.pk}/revert/").status_code == 302
    assert Task.objects.get(pk=task.pk).lead_unit == source
    assert "Hoàn tác sắp xếp tổ chức" in admin_client.get(f"/tasks/{task.pk}/").content.decode()


def test_the_form_shows_refusals_next_to_fields(admin_client):
    response = admin_client.post("/reorganizations/new/", {"kind": "merge", "effective_on": "2025-09-01",
                                                           "predecessors": "old-66", "successors": "66"})
    assert response.status_code == 422
    assert "đã kết thúc hoạt động từ ngày 01/07/2025" in response.content.decode()


def test_a_specialist_is_refused(client, make_user):
    client.force_login(make_user("specialist", "25.UBND"))
    assert client.get("/reorganizations/new/").status_code == 403
    assert client.get("/reorganizations/").status_code == 200


def test_the_form_takes_names_and_a_documents_number_not_codes_or_ids(admin_client):
    """Issue 15: units by their names (without diacritics), the legal basis by its number, a new unit's kind and
    tier as the page writes them; the preview shows names."""
    one, two = a_department("Sở Thử Nghiệm Một"), a_department("Sở Thử Nghiệm Hai")
    basis = a_document(title="Quyết định sáp nhập hai sở thử nghiệm")
    form = admin_client.get("/reorganizations/new/").content.decode()
    assert 'list="suggest-f-default_successor"' in form and "document id" not in form and "(mã)" not in form
    response = admin_client.post("/reorganizations/new/", {
        "kind": "merge", "effective_on": "2025-09-01", "basis": basis.number_text,
        "predecessors": "so thu nghiem mot, so thu nghiem hai", "successors": "25.UBND.TNM",
        "new_units": "25.UBND.TNM | Sở Thử Nghiệm Mới | Sở, ban, ngành | Tỉnh | Ủy ban nhân dân tỉnh Phú Thọ"})
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Reorganization.objects.get(kind="merge", basis=basis)
    assert {link.predecessor for link in event.links.all()} == {one, two}
    planned = event.planned_units.get()
    assert (planned.name, planned.kind, planned.tier, planned.parent.code) == ("Sở Thử Nghiệm Mới", "department", "province",
                                                                             "25.UBND")
    preview = admin_client.get(f"/reorganizations/{event.pk}/").content.decode()
    main = preview[preview.index("<main"):]
    assert "Sở Thử Nghiệm Một → Sở Thử Nghiệm Mới" in main and "<code>25.UBND" not in main

    refused = admin_client.post("/reorganizations/new/", {
        "kind": "merge", "effective_on": "2025-09-01", "basis": "99-XX/KHONGCO", "predecessors": "Sở Thử Nghiệm Một",
        "successors": "Sở không có thật"})
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "99-XX/KHONGCO" in page and "Sở không có thật" in page  # each refusal quotes what was typed
    assert "(mã" not in page and "mã, " not in page  # the refusals' summary names the fields by their labels
