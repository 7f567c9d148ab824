"""Small builders for test data that go through the services, as the application does."""
import datetime as dt
import itertools

from mandate.accounts.models import User
from mandate.documents.services import document_register
from mandate.orgs.models import Unit
from mandate.tasks.services import task_create

_sequence = itertools.count(1)


def a_document(*, issuing_unit: str = "25.TU.BTV", type: str = "CT", issued_on: dt.date = dt.date(2025, 7, 15), **fields):
    return document_register(actor=None, issuing_unit=Unit.objects.get(code=issuing_unit), type=type, issued_on=issued_on,
                             title=fields.pop("title", f"Văn bản thử {next(_sequence)}"), **fields)


def a_leader(username: str | None = None) -> User:
    return User.objects.create_user(username=username or f"leader{next(_sequence)}", full_name="Nguyễn Văn A")


def a_task(*, document=None, lead_unit: str = "25.TU.BTC", deadline: dt.date | None = dt.date(2025, 7, 25), leader=None,
           coordinators=(), **fields):
    document = document or a_document()
    return task_create(actor=None, document=document, title=fields.pop("title", f"Nhiệm vụ {next(_sequence)}"),
                       lead_unit=Unit.objects.get(code=lead_unit), leader=leader or a_leader(),
                       product=fields.pop("product", "Báo cáo kết quả"), deadline=deadline,
                       coordinators=[Unit.objects.get(code=c) for c in coordinators], **fields)
