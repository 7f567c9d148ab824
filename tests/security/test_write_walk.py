"""Read-only means read-only (issue 14, class 4): every route that accepts a POST, page or API, is in the write
matrix (`accounts/writes.py`), and a viewer, an inspector or a writer of another province who posts to any of them
changes no row and no audit record."""
import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLResolver, get_resolver

from mandate.accounts.models import Role
from mandate.accounts.services import membership_grant, token_create
from mandate.accounts.writes import API_WRITES, OWN, PAGE_READS, PAGE_WRITES
from mandate.audit.models import AuditRecord
from mandate.documents.models import Attachment, DocumentRelation
from mandate.documents.services import document_reference
from mandate.orgs.models import Unit
from tests.security.test_permission_matrix import CASES, _call, world  # noqa: F401  (world is a fixture)

pytestmark = pytest.mark.django_db

# Who must change nothing anywhere in Phú Thọ's world: (role, the units it is held in).
BYSTANDERS = [(Role.VIEWER, ["25"]), (Role.INSPECTOR, ["25"]), (Role.VIEWER, ["25.TU.BTC", "25.TU.BTV"]),
              (Role.SPECIALIST, ["01"]), (Role.LEADER, ["01"])]
SIGN_IN = {"login/", "login/code/", "logout/", "login/unlock/", "login/unlock/<str:token>/"}  # counting failed sign-ins, or unlocking after them, is their purpose


def _page_routes(patterns=None, prefix: str = ""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _page_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            route = prefix + str(pattern.pattern)
            if not route.startswith(("api/", "i18n/")):
                yield route


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _path(route: str, w) -> str:
    ids = {"task_id": w.task.pk, "document_id": w.document.pk, "meeting_id": w.extras["meeting"].pk,
           "item_id": w.extras["item"].pk, "opinion_id": w.extras["opinion"].pk, "delegate_id": w.extras["guest"].pk,
           "reorganization_id": w.reorganization.pk}
    ids.update({f"{name}_id": row.pk for name, row in w.extras.items() if name in ("person", "position", "regime", "report", "review", "case", "programme")})
    if "indicators" in w.extras:
        ids["set_id"] = w.extras["indicators"].pk
    path = re.sub(r"<int:(\w+)>", lambda m: str(ids.get(m.group(1), 1)), route)
    return "/" + re.sub(r"<str:(\w+)>", lambda m: "xlsx" if m.group(1) == "fmt" else "25.TU.BTC", path)


def _form(w) -> dict:
    """Every field a page form asks for, filled plausibly for Phú Thọ's w, so a refusal is a refusal of the role."""
    return {"title": "Thử ghi", "text": "Ban Tổ chức Tỉnh ủy chủ trì, báo cáo trước ngày 30/8/2025.", "lead_unit": "25.TU.BTC",
            "leader": w.leader.username, "deadline": "2025-08-30", "product": "Báo cáo", "document": w.document.pk,
            "issuing_unit": "25.TU.BTV", "type": "TB", "issued_on": "2025-07-20", "percent": 40, "name": "start",
            "reason": "Lý do", "requested_deadline": "2025-09-30", "approve": "on", "note": "Ghi chú", "kind": "add",
            "body": "25.TU.BTV", "starts_on": "2025-07-20", "role": "guest", "disposition": "accepted", "version": 1,
            "unit": "25.TU.BTC", "indicator": "Chỉ tiêu", "period_start": "2025-07-01", "period_end": "2025-12-31", "target": 5,
            "effective_on": "2025-09-03", "predecessors": "25.TU.BTGDV", "new_name": "Ban mới", "confirm": "1"}


def test_every_route_that_accepts_a_post_is_in_the_write_matrix(client):
    routes = set(_page_routes())
    assert sorted(routes - set(PAGE_WRITES) - PAGE_READS) == [], "page routes in neither list of accounts/writes.py"
    assert sorted((set(PAGE_WRITES) | PAGE_READS) - routes) == [], "routes in accounts/writes.py that no longer exist"
    assert not set(PAGE_WRITES) & PAGE_READS
    schema = client.get("/api/v1/openapi.json").json()
    writes = {(method.upper(), path) for path, operations in schema["paths"].items() for method in operations if method != "get"}
    assert sorted(writes ^ set(API_WRITES)) == [], "API writes and accounts/writes.py disagree"


@pytest.mark.parametrize(("role", "units"), BYSTANDERS, ids=lambda value: str(value))
def test_a_bystander_changes_nothing_through_any_page_or_api_write(client, make_user, world, role, units):  # noqa: F811
    world.user = make_user()
    for code in units:
        membership_grant(actor=None, user=world.user, unit=Unit.objects.get(code=code), role=role)
    client.force_login(world.user)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_create(actor=None, user=world.user)}"}
    changes = []
    own_account = {route for route, who in PAGE_WRITES.items() if who == OWN}  # one's own tokens and notifications
    for route in sorted(set(_page_routes()) - SIGN_IN - own_account):
        with transaction.atomic():
            before = _counts()
            response = client.post(_path(route, world), {**_form(world), "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")})
            after = _counts()
            if response.status_code >= 500 or after != before:
                changes.append(f"POST /{route}: {response.status_code}, "
                               f"{ {k: (before[k], after[k]) for k in before if before[k] != after[k]} }")
            transaction.set_rollback(True)
    for (method, template), case in CASES.items():
        if method == "GET" or (method, template) in {("POST", "/api/v1/documents/parse-number")}:
            continue
        with transaction.atomic():
            if case.setup:
                case.setup(world)
            before = _counts()
            response = _call(client, headers, method, case, world, template)
            after = _counts()
            own = template in ("/api/v1/notifications/read", "/api/v1/tokens/{token_id}/revoke")
            if response.status_code >= 500 or (after != before and not own):
                changes.append(f"{method} {template}: {response.status_code}, "
                               f"{ {k: (before[k], after[k]) for k in before if before[k] != after[k]} }")
            transaction.set_rollback(True)
    assert changes == []


def test_a_viewer_cannot_relate_or_attach_to_an_unregistered_document_nor_run_the_reader(api, make_user):
    viewer = make_user("viewer", "25")
    stub = document_reference(actor=None, number="99-KL/TW")
    api.login(viewer)
    before = (DocumentRelation.objects.count(), Attachment.objects.count(), AuditRecord.objects.count())
    assert api.post(f"/documents/{stub.pk}/relations", {"kind": "cites", "target_number": "18-NQ/TW"}).status_code == 403
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    assert api.post_form(f"/documents/{stub.pk}/attachments", {"file": upload}).status_code == 403
    assert api.post("/ingest", {"text": "Ban Tổ chức Tỉnh ủy chủ trì, báo cáo trước ngày 30/8/2025."}).status_code == 403
    assert (DocumentRelation.objects.count(), Attachment.objects.count(), AuditRecord.objects.count()) == before
