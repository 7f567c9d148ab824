"""Every page, in Vietnamese, Russian and Ukrainian, without an English sentence; and the API in the language asked.

The pages come from the URL resolver, so a new page is swept as soon as it has a route: each GET page is requested
as a signed-in leader with real objects, and again with ids that do not exist (the 404 pages). English is found
by its function words in the text a person reads (text, titles, placeholders, labels for screen readers); the
fixtures' data is Vietnamese and the codes are not words, so any hit is a message that did not go through gettext.
"""
import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from mandate.accounts.models import Role
from mandate.core import clock
from tests.english import english_in

from pages_fixtures import make_task, plan  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

LANGUAGES = ("vi", "ru", "uk")
MISSING = 999999
SKIP_PREFIXES = ("api/", "i18n/")


def test_the_detector_finds_english_and_nothing_else():
    assert english_in("<p>No task 999999 that you may see.</p>") == ["No task 999999 that you may see."]
    assert english_in('<input placeholder="Find a unit to add…">') == []  # no function word: a label is a word or two
    assert english_in('<button title="This path does not accept that method.">X</button>')
    assert english_in("<p>Không tìm thấy nhiệm vụ 999999.</p><script>if (x) { return not_this; }</script>") == []
    assert english_in("<p>Поручение 999999 не найдено.</p><code>mandate token</code>") == []


def page_routes(resolver=None, prefix="", namespace=""):
    """(name, route, parameter names) of every page; the API and Django's language switch are left out."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(SKIP_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from page_routes(entry, route, inner)
        elif isinstance(entry, URLPattern):
            yield namespace + (entry.name or route), route, re.findall(r"<(?:\w+:)?(\w+)>", route)


def fill(route: str, values: dict) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


@pytest.fixture
def world(make_user, make_task, unit):  # noqa: F811  (the fixture imported above)
    """A leader of Phú Thọ and one of each thing its pages show: a task with a request for more time, a document, a
    meeting of the provincial committee with an agenda item carrying a draft, a unit code."""
    from mandate.meetings.services import agenda_item_add, meeting_create
    from mandate.sheets.services import import_preview
    from mandate.tasks.services import extension_request

    leader = make_user(Role.LEADER, "25", username="bithu25", full_name="Nguyễn Văn Lãnh Đạo")
    secretariat = make_user(Role.SPECIALIST, "25.TU", username="vanphong25")
    task = make_task()
    extension = extension_request(actor=make_user(Role.SPECIALIST, "25.TU.BTC"), task=task, requested_deadline=task.deadline + dt.timedelta(days=30),
                                  reason="Chờ số liệu của các huyện")
    meeting = meeting_create(actor=secretariat, body=unit("25.TU"), title="Hội nghị Ban Chấp hành Đảng bộ tỉnh",
                             starts_on=clock.today(), number=3, place="Việt Trì")
    item = agenda_item_add(actor=secretariat, meeting=meeting, title="Dự thảo Quy chế làm việc",
                           draft_text="Điều 1. Phạm vi\n1. Quy chế này quy định việc làm của Ban Chấp hành.")
    sheet = f"Nội dung nhiệm vụ,Số văn bản giao,Đơn vị chủ trì,Lãnh đạo phụ trách,Sản phẩm\nRà soát,{task.document.number_text},Ủy ban nhân dân,x,\n"
    batch = import_preview(actor=leader, upload=SimpleUploadedFile("nv.csv", sheet.encode()), as_of=clock.today())
    from mandate.accounts.services import membership_grant
    from mandate.inspections import services as inspections
    from mandate.personnel.services import person_create

    ubkt = unit("25.TU.UBKT")
    membership_grant(actor=None, user=leader, unit=ubkt, role=Role.LEADER)  # the commission's pages, as its circle sees them
    head = person_create(actor=None, full_name="Trần Văn Trưởng Đoàn", birth_date=dt.date(1972, 2, 2), sex="male", kept_by=ubkt)
    case = inspections.case_open(actor=None, kind="denunciation", body=ubkt, title="Đơn tố cáo về quản lý đất đai",
                                 opened_on=clock.today() - dt.timedelta(days=3), target_unit=unit("25.UBND"),
                                 filer_name="Nguyễn Thị Tố", filer_address="Việt Trì")
    inspections.case_step_record(actor=None, case=case, step="received", done_on=case.opened_on)
    inspections.case_step_record(actor=None, case=case, step="decision", done_on=case.opened_on,
                                 document_title="Quyết định giải quyết tố cáo", team=[(head, "head")])
    from mandate.personnel.services import holding_record, person_create, position_create

    post = position_create(actor=None, unit=unit("25.UBND"), kind="committee_chair", managing_unit=unit("25.TU.BTV"))
    cadre = person_create(actor=None, full_name="Trần Văn Cán Bộ", birth_date=dt.date(1972, 2, 2), sex="male", kept_by=unit("25.UBND"))
    holding_record(actor=None, person=cadre, position=post, starts_on=clock.today() - dt.timedelta(days=30))
    supervision = _supervision_case(unit, directive=task.document)
    regime, report, review, indicators = _reviews_world(leader, unit)
    real = {"case_id": supervision.pk, "programme_id": supervision.programme_item.programme_id,
            "regime_id": regime.pk, "report_id": report.pk, "review_id": review.pk, "set_id": indicators.pk,
            "person_id": cadre.pk, "position_id": post.pk, "batch_id": batch.pk, "task_id": task.pk, "document_id": task.document_id, "extension_id": extension.pk, "meeting_id": meeting.pk,
            "item_id": item.pk, "code": "25", "fmt": "xlsx", "report": "leaders", "token_id": MISSING, "delegate_id": MISSING,
            "opinion_id": MISSING, "reorganization_id": MISSING, "token": "not-a-link-we-sent",
            "attachment_id": MISSING, "evidence_id": MISSING, "uidb64": "MQ", "user_id": leader.pk}
    missing = {name: (value if name in ("code", "fmt") else MISSING) for name, value in real.items()}
    missing["code"] = "99.XX"
    return {"leader": leader, "real": real, "missing": missing}


def _supervision_case(unit, *, directive):
    """A supervision case of Phú Thọ's commission that follows `directive`, carrying out an item of its programme."""
    from mandate.inspections.models import CaseKind
    from mandate.inspections.services import ItemSpec, case_open, programme_adopt

    commission = unit("25.TU.UBKT")
    programme = programme_adopt(actor=None, body=commission, year=clock.today().year, title="Chương trình kiểm tra, giám sát",
                                issued_on=clock.today(), items=[ItemSpec(
                                    kind=CaseKind.THEMATIC_SUPERVISION, subject="Giám sát việc thực hiện kế hoạch", quarter=1,
                                    lead_body=commission, target_unit=unit("25.UBND"))])
    return case_open(actor=None, kind=CaseKind.THEMATIC_SUPERVISION, body=commission, title="Giám sát việc thực hiện kế hoạch",
                     opened_on=clock.today(), target_unit=unit("25.UBND"), directive=directive,
                     programme_item=programme.items.get())


def _reviews_world(leader, unit):
    """A quarterly report regime of the provincial committee with its Standing Committee's draft, a collective's
    self-assessment, and an indicator set given to two communes with one value reported."""
    from mandate.monitoring.selectors import child_units
    from mandate.reviews import periods, services as reviews

    today = clock.today()
    regime = reviews.regime_create(actor=leader, receiver=unit("25.TU"), title="Báo cáo quý", frequency="quarterly",
                                   reporters=[unit("25.TU.BTV"), unit("25.TU.VP")])
    key = periods.period_containing(frequency="quarterly", day=today).key
    report = reviews.report_draft(actor=leader, regime=regime, unit=unit("25.TU.BTV"), period=key)
    review = reviews.review_self_assess(actor=leader, subject_kind="collective", unit=unit("25.TU.BTC"),
                                        organization=unit("25.TU"), period_kind="year", period=str(today.year),
                                        general_points=25)
    indicators = reviews.indicator_set_create(
        actor=leader, owner=unit("25"), title="Chỉ số chuyển đổi số cấp xã", period_start=today.replace(month=1, day=1),
        period_end=today.replace(month=12, day=31),
        indicators=[{"group": "online_rates", "name": "Tỷ lệ dịch vụ công trực tuyến toàn trình", "target": "80", "measure": "%"}])
    communes = child_units(unit=unit("25"), as_of=today, kind="commune")[:2]
    reviews.indicator_set_apply(actor=leader, indicator_set=indicators, units=communes)
    reviews.indicator_value_report(actor=leader, indicator_set=indicators, unit=communes[0],
                                   indicator="Tỷ lệ dịch vụ công trực tuyến toàn trình", value=72)
    return regime, report, review, indicators


def sweep(client, world, language: str) -> tuple[list[str], int]:
    client.force_login(world["leader"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    problems, html_pages = [], 0
    for name, route, parameters in page_routes():
        unknown = [p for p in parameters if p not in world["real"]]
        assert not unknown, f"the sweep has no sample for {unknown} of the page {name} ({route}): add one to `world`"
        for values in ((world["real"], world["missing"]) if parameters else (world["real"],)):
            path = fill(route, values)
            if name == "logout":
                continue  # a GET would end the session the sweep signs in with
            response = client.get(path)
            assert response.status_code < 500, f"{path} answers {response.status_code}"
            if not response.get("Content-Type", "").startswith("text/html") or response.status_code in (302, 405):
                continue
            html_pages += 1
            problems.extend(f"{path} ({response.status_code}): {text}" for text in english_in(response.content.decode()))
    return problems, html_pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_speaks_english(client, world, language):
    problems, html_pages = sweep(client, world, language)
    assert html_pages > 20  # the sweep did reach the pages
    assert not problems, f"English on the pages in {language}:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_search_page_speaks_the_readers_language_with_and_without_hits(client, world, language):
    """The sweep asks /search/ with no words; with words it shows groups, kinds of hits and pages of one group."""
    client.force_login(world["leader"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    problems = []
    for query in ({"q": "ra soat"}, {"q": "ra soat", "group": "tasks"}, {"q": "viet tri"}, {"q": "***"}, {"q": "zzzz"}):
        response = client.get("/search/", query)
        assert response.status_code == 200
        problems += [f"{query}: {text}" for text in english_in(response.content.decode())]
    assert b"<mark>" in client.get("/search/", {"q": "ra soat"}).content
    assert not problems, f"English on the search page in {language}:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_speaks_english_to_a_system_administrator(client, world, unit, language):
    """The administration pages (and the others as they show to who may do everything), a person's page included."""
    from mandate.accounts.services import membership_grant

    membership_grant(actor=None, user=world["leader"], unit=unit("VN"), role=Role.SYSTEM_ADMIN)
    problems, html_pages = sweep(client, world, language)
    assert html_pages > 20
    problems = [problem for problem in problems if problem.startswith(("/administration/", "/account/", "/password-reset/"))]
    assert not problems, f"English on the pages in {language}:\n" + "\n".join(problems)


def test_the_sweep_reaches_every_page_of_the_resolver():
    names = {name for name, _, _ in page_routes()}
    assert {"dashboard", "task_detail", "document_detail", "meetings:detail", "monitoring:overview",
            "reorganizations", "ingest"} <= names
    assert not any(route.startswith("api/") for _, route, _ in page_routes())


# The API: a refusal (422), a permission (403) and a missing object (404) in the language of Accept-Language.
@pytest.mark.parametrize("language", ["vi", "en", "ru", "uk"])
def test_the_api_answers_in_the_language_asked(client, make_user, world, language):
    from mandate.accounts.services import token_create

    task_id = world["real"]["task_id"]

    def as_user(user):
        return {"HTTP_AUTHORIZATION": f"Bearer {token_create(actor=None, user=user)}", "HTTP_ACCEPT_LANGUAGE": language}

    leader = as_user(world["leader"])
    answers = [
        client.get(f"/api/v1/tasks/{MISSING}", **leader),
        client.post(f"/api/v1/tasks/{task_id}/progress", {"percent": 140}, content_type="application/json",
                    HTTP_IF_MATCH="1", **leader),
        client.post(f"/api/v1/tasks/{task_id}/transitions", {"name": "start", "version": 1}, content_type="application/json",
                    **as_user(make_user(Role.VIEWER, "25"))),
        client.get("/api/v1/no-such-path", **leader),
    ]
    assert [answer.status_code for answer in answers] == [404, 422, 403, 404]
    for answer in answers:
        message = answer.json()["message"]
        if language == "en":
            assert english_in(f"<p>{message}</p>"), message
        else:
            assert not english_in(f"<p>{message}</p>"), f"{answer.status_code} in {language}: {message}"
