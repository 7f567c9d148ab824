"""Accessible to everyone who must use it (issue 15, item 8): axe-core finds no WCAG 2 A or AA violation on any page,
for any role.

The pages come from the URL resolver (as in tests/pages/test_translation_sweep.py), so a new page is checked as soon
as it has a route; each is opened in Debian's Chromium as each role, with real objects of Phú Thọ behind its ids, and
axe-core (from the npm registry, put in build/ by `make axe`; nothing is fetched here) is injected from its file.
Run on SQLite only: the pages are the same on PostgreSQL, and the sweep is the longest browser test.
"""
import datetime as dt
import os
import re
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from mandate.core import clock
from tests.samples import a_pdf

sys.path.insert(0, str(Path(__file__).parents[1] / "pages"))  # the page sweep's modules, as pytest imports them there
from test_translation_sweep import _reviews_world, _supervision_case  # noqa: E402  (the samples of the new apps' pages)

# The pages are the same on PostgreSQL; skipped before the country is loaded for nothing.
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(connection.vendor != "sqlite", reason="the accessibility sweep runs on SQLite only")]

AXE = Path(os.environ.get("MANDATE_AXE_JS") or Path(__file__).parents[2] / "build" / "axe-core" / "axe.min.js")
TAGS = ["wcag2a", "wcag2aa"]
MISSING = 999999
SKIP_PREFIXES = ("api/", "i18n/")
ROLES = (("system_admin", "VN"), ("unit_admin", "25"), ("leader", "25"), ("specialist", "25.TU.BTC"),
         ("inspector", "25"), ("viewer", "25"))


def page_routes(resolver=None, prefix=""):
    """(route, parameter names) of every page; the API and Django's language switch are left out."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(SKIP_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            yield from page_routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, re.findall(r"<(?:\w+:)?(\w+)>", route)


def fill(route: str, values: dict) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


@pytest.fixture
def world(transactional_country, settings, tmp_path):
    """One of each thing Phú Thọ's pages show: a task with a request for more time and a progress report with
    evidence, a document with an attachment, a meeting with an agenda item, a guest and an opinion."""
    from mandate.accounts.models import User
    from mandate.accounts.services import membership_grant
    from mandate.documents.services import attachment_add, document_register
    from mandate.meetings.services import agenda_item_add, delegate_add, meeting_create, opinion_give
    from mandate.orgs.models import Unit
    from mandate.sheets.services import import_preview
    from mandate.tasks.services import extension_request, progress_report, task_create

    settings.MEDIA_ROOT = tmp_path / "media"
    unit = lambda code: Unit.objects.get(code=code)  # noqa: E731
    users = {}
    for role, code in ROLES:
        users[role] = User.objects.create_user(username=f"a11y-{role}", password="x" * 12, full_name=f"Người dùng {role}")
        membership_grant(actor=None, user=users[role], unit=unit(code), role=role)
    plan = document_register(actor=None, issuing_unit=unit("25.TU"), type="KH", issued_on=clock.today() - dt.timedelta(days=30),
                             title="Kế hoạch thực hiện Kết luận 177-KL/TW")
    attachment = attachment_add(actor=None, document=plan, upload=SimpleUploadedFile("ke-hoach.pdf", a_pdf()))
    task = task_create(actor=None, document=plan, title="Rà soát quy hoạch cán bộ", lead_unit=unit("25.TU.BTC"),
                       leader=users["leader"], product="Báo cáo kết quả rà soát", deadline=clock.today() + dt.timedelta(days=30))
    report = progress_report(actor=users["specialist"], task=task, percent=30, text="Đã họp triển khai",
                             files=[SimpleUploadedFile("bien-ban.pdf", a_pdf())])
    task.refresh_from_db()
    extension = extension_request(actor=users["specialist"], task=task, requested_deadline=task.deadline + dt.timedelta(days=30),
                                  reason="Chờ số liệu của các xã")
    secretariat = User.objects.create_user(username="a11y-vanphong", password="x" * 12)
    membership_grant(actor=None, user=secretariat, unit=unit("25.TU"), role="specialist")
    meeting = meeting_create(actor=secretariat, body=unit("25.TU"), title="Hội nghị Ban Chấp hành Đảng bộ tỉnh",
                             starts_on=clock.today(), number=3, place="Việt Trì")
    item = agenda_item_add(actor=secretariat, meeting=meeting, title="Dự thảo Quy chế làm việc",
                           draft_text="Điều 1. Phạm vi\n1. Quy chế này quy định việc làm của Ban Chấp hành.")
    guest = delegate_add(actor=secretariat, meeting=meeting, name="Khách mời", role="guest")
    opinion = opinion_give(actor=secretariat, meeting=meeting, item=item, delegate=guest, kind="amend",
                           text="Đề nghị làm rõ phạm vi điều chỉnh.")
    sheet = f"Nội dung nhiệm vụ,Số văn bản giao,Đơn vị chủ trì,Lãnh đạo phụ trách,Sản phẩm\nRà soát,{plan.number_text},Ủy ban nhân dân,x,\n"
    batch = import_preview(actor=users["leader"], upload=SimpleUploadedFile("nv.csv", sheet.encode()), as_of=clock.today())
    # The commission's, the cadres' and the reviews' pages, with the page-translation sweep's samples.
    from mandate.personnel.services import holding_record, person_create, position_create

    membership_grant(actor=None, user=users["leader"], unit=unit("25.TU.UBKT"), role="leader")  # the commission's circle
    post = position_create(actor=None, unit=unit("25.UBND"), kind="committee_chair", managing_unit=unit("25.TU.BTV"))
    cadre = person_create(actor=None, full_name="Trần Văn Cán Bộ", birth_date=dt.date(1972, 2, 2), sex="male", kept_by=unit("25.UBND"))
    holding_record(actor=None, person=cadre, position=post, starts_on=clock.today() - dt.timedelta(days=30))
    supervision = _supervision_case(unit, directive=plan)
    regime, regime_report, review, indicators = _reviews_world(users["leader"], unit)
    real = {"case_id": supervision.pk, "programme_id": supervision.programme_item.programme_id,
            "regime_id": regime.pk, "report_id": regime_report.pk, "review_id": review.pk, "set_id": indicators.pk,
            "person_id": cadre.pk, "position_id": post.pk, "report": "leaders",
            "task_id": task.pk, "document_id": plan.pk, "extension_id": extension.pk, "meeting_id": meeting.pk,
            "item_id": item.pk, "delegate_id": guest.pk, "opinion_id": opinion.pk, "code": "25", "fmt": "xlsx",
            "token_id": MISSING, "reorganization_id": MISSING, "token": "not-a-link-we-sent",
            "attachment_id": attachment.pk, "evidence_id": report.evidence.get().pk,
            "batch_id": batch.pk, "uidb64": "MQ", "user_id": users["leader"].pk}
    return {"users": users, "real": real}


def _signed_in(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": live_server.url}])
    return context


def _shape(markup: str) -> str:
    """The page's elements and attributes, its words only as "there are words": what axe-core's rules read. Two
    roles shown the same page with other numbers, names and addresses in it give the same answer."""
    markup = re.sub(r'\b(value|content|href|title|datetime|data-[\w-]+)="[^"]*"', r'\1=""', markup)
    return re.sub(r">[^<]*\S[^<]*<", ">x<", markup)


def violations_of(page) -> list[str]:
    """axe-core's WCAG 2 A and AA violations on the page as loaded: 'rule (impact): target, …'."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
                          ".then(r => r.violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' ')).slice(0, 5)]))",
                          TAGS)
    return [f"{rule} ({impact}): {', '.join(targets)}" for rule, impact, targets in found]


def test_no_page_of_any_role_breaks_wcag_2_a_or_aa(live_server, browser, world):
    if not AXE.exists():
        pytest.fail(f"axe-core is not at {AXE}: `make axe` puts it there from the npm registry")
    routes = list(page_routes())
    unknown = {p for _route, parameters in routes for p in parameters if p not in world["real"]}
    assert not unknown, f"the sweep has no sample for {sorted(unknown)}: add one to `world`"
    problems, checked, seen, roles_seen = [], 0, set(), set()
    for role, _code in ROLES:
        context = _signed_in(browser, live_server, world["users"][role])
        page = context.new_page()
        page.set_default_timeout(15000)
        for route, _parameters in routes:
            if route == "logout/":
                continue  # a GET would end the session the sweep signs in with
            url = live_server.url + fill(route, world["real"])
            answer = context.request.get(url, max_redirects=0)  # read first: only a page worth checking is opened
            if not answer.headers.get("content-type", "").startswith("text/html") or answer.status in (302, 405):
                continue  # a download, a redirect, or a form's target that takes only POST
            markup = answer.text()
            if "<html" not in markup[:300].lower():
                continue  # a fragment that HTMX puts into a page (suggestions, the six clears): checked inside it
            # Each role's first page is checked whole (its menu is the same on all its pages); after it, a page whose
            # main part has the shape of one already checked (another role's, with other words in it) is checked once.
            same = _shape(markup[markup.find("<main"):markup.rfind("</main>")])
            if same in seen and role in roles_seen:
                continue
            seen.add(same)
            roles_seen.add(role)
            response = page.goto(url)
            checked += 1
            problems.extend(f"{role} {fill(route, world['real'])} ({response.status}): {v}" for v in violations_of(page))
        # One page that does not exist, as each role sees it.
        page.goto(f"{live_server.url}/tasks/{MISSING}/")
        problems.extend(f"{role} /tasks/{MISSING}/ (404): {v}" for v in violations_of(page))
        context.close()
    assert checked > 30  # the sweep did reach the pages
    assert not problems, f"{len(problems)} WCAG 2 A/AA violations:\n" + "\n".join(problems)


def test_the_check_finds_a_violation(live_server, browser, transactional_country):
    """axe-core is really run: a page with an unlabelled field and an image without words fails."""
    if not AXE.exists():
        pytest.fail(f"axe-core is not at {AXE}: `make axe` puts it there from the npm registry")
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.set_content('<html lang="vi"><head><title>Thử</title></head><body><main><h1>Thử</h1>'
                     '<input type="text"><img src="data:,"></main></body></html>')
    rules = {line.split(" ")[0] for line in violations_of(page)}
    assert {"label", "image-alt"} <= rules
    context.close()
