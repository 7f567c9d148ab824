"""Search fixtures: what the search tests find, imported by the test modules (as tests/pages does with its own)."""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.accounts.models import Role
from mandate.core import clock
from mandate.core.secrecy import Secrecy
from mandate.documents.services import attachment_add, document_register
from mandate.meetings.services import agenda_item_add, meeting_create
from mandate.tasks.services import progress_report, task_create


@pytest.fixture
def world(unit, make_user):
    """In Phú Thọ: a plan with a task led by the Organization Committee, its progress report, an attachment; a secret
    directive with a secret task; a meeting of the provincial committee with a draft."""
    today = clock.today()
    writer = make_user(Role.SPECIALIST, "25.TU.BTC", clearance=Secrecy.MOST_SECRET)
    plan = document_register(actor=None, issuing_unit=unit("25.TU"), type="KH", issued_on=today - dt.timedelta(days=9),
                             title="Kế hoạch chuyển đổi số tỉnh Phú Thọ", text="Triển khai tại thành phố Việt Trì.")
    task = task_create(actor=None, document=plan, title="Xây dựng trung tâm dữ liệu", lead_unit=unit("25.TU.BTC"),
                       leader=writer, product="Trung tâm vận hành", deadline=today + dt.timedelta(days=30),
                       description="Đầu tư hạ tầng đổi mới sáng tạo")
    report = progress_report(actor=writer, task=task, percent=40, text="Đã lắp đặt máy chủ ở Việt Trì")
    attachment_add(actor=None, document=plan, upload=SimpleUploadedFile(
        "phu-luc.txt", "Phụ lục: danh mục đường truyền cáp quang".encode(), content_type="text/plain"))
    secret = document_register(actor=None, issuing_unit=unit("25.TU"), type="CT", issued_on=today - dt.timedelta(days=8),
                               title="Chỉ thị ZQMAT về chuyển đổi số", secrecy=Secrecy.TOP_SECRET, signer="Đồng chí ZQKY")
    secret_task = task_create(actor=None, document=secret, title="Nhiệm vụ ZQNHIEMVU chuyển đổi số",
                              lead_unit=unit("25.TU.BTC"), leader=writer, product="Báo cáo",
                              deadline=today + dt.timedelta(days=30), secrecy=Secrecy.TOP_SECRET)
    meeting = meeting_create(actor=None, body=unit("25.TU"), title="Hội nghị Ban Chấp hành về chuyển đổi số",
                             starts_on=today, place="Việt Trì")
    agenda_item_add(actor=None, meeting=meeting, title="Dự thảo Nghị quyết", draft_title="Nghị quyết về chính quyền số",
                    draft_text="Điều 1. Phát triển kinh tế số và xã hội số")
    reader = make_user(Role.LEADER, "25.TU", clearance=Secrecy.MOST_SECRET)
    return {"plan": plan, "task": task, "report": report, "secret": secret, "secret_task": secret_task,
            "meeting": meeting, "writer": writer, "reader": reader}
