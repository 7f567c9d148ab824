"""Issue 14, class 9: every page form that writes carries a one-time token, and a form sent twice is recorded once
(`mandate.web.guard` writes the token with `{% csrf_token %}`; `mandate.web.pages._once` checks it)."""
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

from mandate.accounts.models import Role
from mandate.accounts.services import membership_grant, token_create
from mandate.accounts.writes import PAGE_READS, PAGE_WRITES
from mandate.meetings.models import Meeting
from mandate.audit.models import AuditRecord
from mandate.orgs.models import Unit
from mandate.reorganizations.models import Reorganization
from tests.security.test_permission_matrix import _cadre, _regime, _review, world  # noqa: F401  (a fixture)
from tests.security.test_write_walk import _path

pytestmark = pytest.mark.django_db

# Forms of signing in and of reset or unlock links: before signing in there is no one to keep a token for.
SIGNED_OUT = {"login/", "login/code/", "login/unlock/", "login/unlock/<str:token>/", "password-reset/",
              "password-reset/<str:uidb64>/<str:token>/"}
# Forms that a page shows only after a step the walk does not take (a file read, a conclusion read, a reorganization
# applied, an extension asked for, ...): their templates are held to carry `{% csrf_token %}` below.
AFTER_A_STEP = {"tasks/import/<int:batch_id>/confirm/", "documents/import/<int:batch_id>/confirm/",
                "people/import/<int:batch_id>/confirm/", "personnel/positions/import/<int:batch_id>/confirm/",
                "personnel/people/import/<int:batch_id>/confirm/", "monitoring/kpis/import/<int:batch_id>/confirm/",
                "ingest/confirm/", "meetings/<int:meeting_id>/conclusion/confirm/",
                "reorganizations/<int:reorganization_id>/revert/", "tasks/<int:task_id>/extensions/<int:extension_id>/decision/",
                "monitoring/notifications/read/", "account/sessions/",  # an unread reminder, another browser signed in
                "personnel/roles/",  # the roles offered after a personnel event
                "inspections/<int:case_id>/conclusion/", "inspections/<int:case_id>/extension/",  # a case ready to conclude; a denunciation
                "inspections/<int:case_id>/citations/"}  # the panel of an open supervision case that follows a directive


def _indicators(w) -> None:
    """The province's indicator set for its communes, with one indicator."""
    import datetime as dt

    from mandate.reviews import services as reviews

    w.extras["indicators"] = reviews.indicator_set_create(
        actor=None, owner=Unit.objects.get(code="25"), title="Chỉ số chuyển đổi số cấp xã", period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        indicators=[{"group": "online_rates", "name": "Tỷ lệ dịch vụ công trực tuyến toàn trình", "target": "80", "measure": "%"}])


class _Forms(HTMLParser):
    """The POST forms of a page: (action, the names of its fields)."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, list[str]]] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.forms.append((attrs.get("action") or "", []))
            self._open = True
        elif tag in ("input", "button", "select", "textarea") and self._open and attrs.get("name"):
            self.forms[-1][1].append(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = False


def _route(action: str, page: str) -> str | None:
    try:
        match = resolve(urlsplit(action).path or urlsplit(page).path)
    except Resolver404:
        return None
    return match.route


def test_every_write_form_that_a_page_renders_carries_a_one_time_token(client, make_user, world):  # noqa: F811
    user = make_user(is_superuser=True)
    for code in ("25", "25.TU", "25.TU.BTV", "25.TU.BTC"):
        membership_grant(actor=None, user=user, unit=Unit.objects.get(code=code), role=Role.LEADER)
    membership_grant(actor=None, user=user, unit=Unit.objects.get(code="25"), role=Role.UNIT_ADMIN)
    client.force_login(user)
    token_create(actor=None, user=user)  # a token, to revoke on the tokens page
    _cadre(world)  # a cadre, whose record has the forms of holdings and discipline
    _regime(world)  # a report regime with drafts: the forms of reminding, drafting, writing and issuing a report
    _review(world)  # a self-assessment, whose page has the form of its appraisal
    _indicators(world)  # an indicator set, whose page has the forms of a commune's value and of giving it to communes
    extra_pages = [f"/administration/people/{world.leader.pk}/", f"/meetings/{world.extras['meeting'].pk}/responses/",
                   "/reviews/ratings/rules/?organization=25.TU"]  # a committee's rules: its form once the committee is named
    seen: dict[str, list[tuple[str, bool]]] = {}
    for route in sorted(set(PAGE_READS) | set(PAGE_WRITES)):
        if "export" in route or route.endswith(("xlsx", "<str:fmt>")) or route in SIGNED_OUT | {"logout/"}:
            continue
        for page in [_path(route, world)] + (extra_pages if route == "" else []):
            response = client.get(page)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = _Forms()
            parser.feed(response.content.decode())
            for action, names in parser.forms:
                target = _route(action, page)
                if target in PAGE_WRITES:
                    seen.setdefault(target, []).append((page, "form_token" in names))
    untokened = sorted({f"{route} on {page}" for route, forms in seen.items() for page, has in forms if not has})
    assert untokened == [], "forms that write without a one-time token"
    expected = set(PAGE_WRITES) - SIGNED_OUT - AFTER_A_STEP
    assert sorted(expected - set(seen)) == [], f"write routes whose form no page of the walk rendered: {sorted(expected - set(seen))}"


def test_every_post_form_in_every_template_carries_csrf_token_hence_the_one_time_token():
    templates = Path(settings.BASE_DIR, "templates")
    missing = []
    for path in sorted(templates.rglob("*.html")):
        text = path.read_text()
        for form in re.finditer(r'<form\b[^>]*method="post"[^>]*>(.*?)</form>', text, re.S | re.I):
            if "{% csrf_token %}" not in form.group(1):
                missing.append(f"{path.relative_to(templates)}: {form.group(0)[:80]}")
    assert missing == []


def _token(html: str, action: str) -> str:
    form = html[html.index(f'action="{action}"'):]
    return re.search(r'name="form_token" value="([0-9a-f]{32})"', form).group(1)


def test_a_meeting_form_sent_twice_opens_one_meeting(client, make_user):
    client.force_login(make_user("specialist", "25.TU.BTV"))
    html = client.get("/meetings/new/").content.decode()
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', html).group(1)
    fields = {"form_token": token, "body": "25.TU.BTV", "title": "Hội nghị lần thứ hai", "starts_on": "2025-07-20"}
    first = client.post("/meetings/new/", fields)
    second = client.post("/meetings/new/", fields)
    assert first.status_code == 302, first.content[:400]
    assert (second.status_code, second["Location"]) == (302, first["Location"])
    assert Meeting.objects.filter(title="Hội nghị lần thứ hai").count() == 1


def test_a_cluster_form_sent_twice_saves_one_cluster(client, make_user):
    client.force_login(make_user(is_superuser=True))
    html = client.get("/administration/clusters/").content.decode()
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', html).group(1)
    fields = {"form_token": token, "code": "CUM-HAI", "name": "Cụm hai", "year": 2025, "members": "25\n01"}
    first = client.post("/administration/clusters/", fields)
    second = client.post("/administration/clusters/", fields)
    assert first.status_code == 302, first.content[:400]
    assert (second.status_code, second["Location"]) == (302, first["Location"])
    assert AuditRecord.objects.filter(action="cluster.save").count() == 1


def test_a_reorganization_form_sent_twice_prepares_one(client, make_user):
    client.force_login(make_user(is_superuser=True))
    html = client.get("/reorganizations/new/").content.decode()
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', html).group(1)
    fields = {"form_token": token, "kind": "rename", "effective_on": "2025-09-03", "predecessors": "25.TU.BTGDV",
              "new_name": "Ban mới"}
    before = Reorganization.objects.count()
    first = client.post("/reorganizations/new/", fields)
    second = client.post("/reorganizations/new/", fields)
    assert first.status_code == 302, first.content[:400]
    assert (second.status_code, second["Location"]) == (302, first["Location"])
    assert Reorganization.objects.count() == before + 1
