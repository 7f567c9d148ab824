"""The confidentiality walk: secret documents and tasks of every level, and every GET of the API and the pages,
as every role, by token and by session — no answer to a user who may not know of an item names it.

The world is built once for the module (inside a transaction rolled back at the end): in Phú Thọ, the
Organization Committee (25.TU.BTC) leads one task of each level (1 Mật, 2 Tối mật, 3 Tuyệt mật) of a directive
of that level, each with a distinctive title, number and signer; a public document relates to each secret one
(and its history says so), the secret ones implement a public directive (the cascade), a public task has a
secret delegated part, a meeting's agenda item submits a secret document, an extension is pending on a secret
task, the reminders have run (notifications, e-mail digests), and a reorganization of the lead unit is prepared.

A cadre's record (personnel) is personal data of its own kind: a cadre holding a post of Phú Thọ's People's Committee,
with a distinctive home town, ethnicity, education and discipline, is seen only by the organization committee's staff
(the writers of 25.TU.BTC) and the leaders of the committee that manages the post; no answer to an inspector, a viewer
or anyone in Hà Nội names those words (a post and its holder's name are public facts, and are not among them).

The walkers hold each role in 25.TU.BTC, which leads the secret work (so their reach is no excuse):
- `uncleared` (clearance 0) may know of no secret item;
- `partial` (clearance 1, Mật) may know of level 1 only;
- `outsider` (clearance 3) holds its role in Hà Nội: cleared, but without the need to know.

Every GET operation of the API comes from the ninja schema and every page from the URL resolver, path
parameters filled from real rows (the secret ones' ids among them), query parameters probed with the secret
documents' ids and a search for their words. Answers are checked as bytes (exports unpacked: XLSX/DOCX are
zips, PDFs are read for their text). A secret id must answer exactly as an id that does not exist.
"""
import datetime as dt
import io
import re
import zipfile

import pypdfium2
import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from mandate.accounts.models import Role, User
from mandate.accounts.services import membership_grant, token_create
from mandate.api import api
from mandate.core import clock
from mandate.core.secrecy import Secrecy
from mandate.documents.services import RelationSpec, document_register, document_relation_add
from mandate.monitoring.services import reminders_run
from mandate.orgs.models import Unit
from mandate.orgs.services import cluster_create
from mandate.tasks.models import Task
from mandate.tasks.services import extension_request, task_create

pytestmark = pytest.mark.django_db

ROLES = [Role.UNIT_ADMIN, Role.LEADER, Role.SPECIALIST, Role.INSPECTOR, Role.VIEWER]
KINDS = {"uncleared": ("25.TU.BTC", Secrecy.NONE), "partial": ("25.TU.BTC", Secrecy.SECRET),
         "outsider": ("01.TU.BTC", Secrecy.TOP_SECRET)}
LEVELS = [Secrecy.SECRET, Secrecy.TOP_SECRET, Secrecy.MOST_SECRET]
ABSENT_ID = 987654321
FORMATS = ["xlsx", "docx", "pdf", "csv"]
SKIPPED_PAGES = ("api/", "i18n/", "login/", "logout/", "static/", "media/")  # the API is walked from its schema


def _unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def _words(level: int) -> dict[str, str]:
    """The distinctive spellings of the level's items; upper case, so a search for them in lower case does not echo."""
    return {"document": f"ZQDOCUMENT{level}", "signer": f"ZQSIGNER{level}", "task": f"ZQTASK{level}",
            "child": f"ZQCHILD{level}", "number": f"{9900 + level}-CT/"}


class World:
    def __init__(self):
        self.ids: dict[str, list[int]] = {}
        self.forbidden: dict[int, list[bytes]] = {}  # level → what names its items
        self.users: dict[tuple[str, str], User] = {}
        self.tokens: dict[tuple[str, str], str] = {}
        self.secret_documents: dict[int, int] = {}
        self.confidential: list[bytes] = []  # the inspection cases' words: no walker sits in the commission
        self.confined_documents: list[int] = []  # the cases' own documents (documents.circles)
        self.notice: int | None = None  # the notice of conclusion: the walkers know it by its header
        self.personal: list[bytes] = []  # what names the cadre's personal data


def _build() -> World:
    world = World()
    today = clock.today()
    issued = today - dt.timedelta(days=40)
    btv, btc = _unit("25.TU.BTV"), _unit("25.TU.BTC")
    in_charge = User.objects.create_user(username="walk.in.charge", full_name="Người phụ trách", clearance=Secrecy.MOST_SECRET,
                                         email="in.charge@example.org")
    membership_grant(actor=None, user=in_charge, unit=btc, role=Role.SPECIALIST)
    directive = document_register(actor=None, issuing_unit=btv, type="CT", issued_on=issued - dt.timedelta(days=5),
                                  title="Chỉ thị công khai về cải cách")
    task_create(actor=None, document=directive, title="Nhiệm vụ của chỉ thị", lead_unit=btc, leader=in_charge,
                product="Báo cáo", deadline=today + dt.timedelta(days=30))
    public = document_register(actor=None, issuing_unit=btv, type="KH", issued_on=issued, title="Kế hoạch công khai")
    public_task = task_create(actor=None, document=public, title="Nhiệm vụ công khai", lead_unit=btc, leader=in_charge,
                              product="Báo cáo", deadline=today + dt.timedelta(days=30))
    documents, tasks = [], []
    for level in LEVELS:
        words = _words(level)
        document = document_register(
            actor=None, issuing_unit=btv, type="CT", issued_on=issued, number=f"{words['number']}{btv.issuer_code}",
            title=f"Văn bản {words['document']}", signer=f"Đồng chí {words['signer']}", secrecy=level,
            relations=[RelationSpec(kind="implements", target=directive)])
        document_relation_add(actor=None, source=public, spec=RelationSpec(kind="cites", target=document))
        task = task_create(actor=None, document=document, title=f"Nhiệm vụ {words['task']}", lead_unit=btc, leader=in_charge,
                           product="Báo cáo mật", deadline=today - dt.timedelta(days=3))
        task_create(actor=None, document=public, parent=public_task, title=f"Phần việc {words['child']}", lead_unit=btc,
                    leader=in_charge, product="Báo cáo", deadline=today + dt.timedelta(days=2), secrecy=level)
        world.forbidden[level] = [words["document"].encode(), words["signer"].encode(), words["task"].encode(),
                                  words["child"].encode(), f"{words['number']}{btv.issuer_code}".encode()]
        world.secret_documents[level] = document.pk
        documents.append(document.pk)
        tasks.append(task.pk)
    extension = extension_request(actor=in_charge, task=Task.objects.get(pk=tasks[0]),
                                  requested_deadline=today + dt.timedelta(days=20), reason="Chờ số liệu")
    world.ids["document_id"] = [directive.pk, public.pk, *documents, ABSENT_ID]
    world.ids["task_id"] = [public_task.pk, *tasks, ABSENT_ID]
    world.ids["extension_id"] = [extension.pk]
    _meeting(world, btv, documents[-1])
    _reorganization(world, btc, documents[-1])
    cluster_create(actor=None, code="walk-cluster", name="Cụm thi đua", members=[_unit("25"), _unit("01")])
    world.ids["code"] = ["walk-cluster"]
    _inspection(world, btc)
    for role in ROLES:
        for kind, (unit_code, clearance) in KINDS.items():
            user = User.objects.create_user(username=f"walk.{role}.{kind}", password="x" * 12, clearance=clearance,
                                            email=f"{role}.{kind}@example.org")
            for code in (unit_code, unit_code.rsplit(".", 1)[0]):  # the lead unit (reminders) and its party committee
                membership_grant(actor=None, user=user, unit=_unit(code), role=role)
            world.users[(role, kind)] = user
            world.tokens[(role, kind)] = token_create(actor=None, user=user)
    reminders_run(day=today)
    world.directive = directive.pk
    _cadre(world, btv)
    return world


PERSONAL = {"home_province": "ZQHOMETOWN", "ethnicity": "ZQETHNIC", "education": "ZQEDUCATION", "violation": "ZQVIOLATION"}
MAY_SEE_RECORDS = {Role.UNIT_ADMIN, Role.LEADER, Role.SPECIALIST}  # as writers of 25.TU.BTC: the organization committee


def _cadre(world: World, btv: Unit) -> None:
    from mandate.personnel.models import DisciplineForm
    from mandate.personnel.services import discipline_record, holding_record, person_create, position_create

    ubnd = _unit("25.UBND")
    position = position_create(actor=None, unit=ubnd, kind="committee_vice_chair", seats=5, managing_unit=btv)
    person = person_create(actor=None, full_name="Phạm Văn Cán Bộ", birth_date=dt.date(1976, 4, 1), sex="male", kept_by=ubnd,
                           home_province=PERSONAL["home_province"], ethnicity=PERSONAL["ethnicity"], education=PERSONAL["education"])
    holding_record(actor=None, person=person, position=position, starts_on=clock.today() - dt.timedelta(days=100))
    discipline_record(actor=None, person=person, form=DisciplineForm.REPRIMAND, violation=PERSONAL["violation"],
                      deciding_unit=_unit("25.TU.UBKT"), decided_on=clock.today() - dt.timedelta(days=50))
    world.personal = [word.encode() for word in PERSONAL.values()]
    world.ids.update(person_id=[person.pk, ABSENT_ID], position_id=[position.pk, ABSENT_ID])


def _personal_leaks(world: World, role: str, kind: str, content: bytes) -> list[str]:
    if kind != "outsider" and role in MAY_SEE_RECORDS:
        return []
    readable = _readable(content)
    return [word.decode() for word in world.personal if word in readable]


def _meeting(world: World, body: Unit, submission_id: int) -> None:
    from mandate.documents.models import Document
    from mandate.meetings import services as meetings

    meeting = meetings.meeting_create(actor=None, body=body, title="Hội nghị Ban Thường vụ", starts_on=clock.today())
    guest = meetings.delegate_add(actor=None, meeting=meeting, name="Khách mời", role="guest")
    meetings.group_create(actor=None, meeting=meeting, members=[guest])
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Dự thảo quy chế", draft_text="Điều 1. Phạm vi\nNội dung.",
                                    submission=Document.objects.get(pk=submission_id))
    opinion = meetings.opinion_give(actor=None, meeting=meeting, item=item, kind="amend", text="Làm rõ.", delegate=guest)
    world.ids.update(meeting_id=[meeting.pk, ABSENT_ID], item_id=[item.pk], delegate_id=[guest.pk], opinion_id=[opinion.pk])


def _inspection(world: World, btc: Unit) -> None:
    """The inspection commission's cases (confidential by default, level 0 included): outside the commission and the
    committee's standing bodies nobody knows of them — not their titles, targets, notes or findings, nor the titles and
    numbers of the documents their steps registered (the decision QĐ, the programme's CTr, the disciplinary QĐ: the
    register keeps them for the case's circle, `documents.circles`). The walkers, who lead a recommendation, see that
    task and the notice of conclusion's number and neutral title only, never the inspector's own title of it. A
    programme, a disciplinary decision and a denunciation beside them."""
    from mandate.inspections import discipline, services as inspections
    from mandate.inspections.models import TeamRole
    from mandate.personnel.services import person_create

    ubkt, today = _unit("25.TU.UBKT"), clock.today()
    opened = today - dt.timedelta(days=30)
    issuer = ubkt.issuer_code
    head = person_create(actor=None, full_name="Trưởng Đoàn ZQTEAMHEAD", birth_date=dt.date(1970, 1, 1), sex="male", kept_by=ubkt)
    # A member who has moved away (296-QĐ/TW: still a valid target): her file is kept by a third province, so no
    # walker's people register names her, and her name anywhere in an answer is the case's.
    elsewhere = Unit.objects.filter(kind="province").exclude(code__in=["25", "01"]).order_by("code").first()
    member = person_create(actor=None, full_name="Đảng viên ZQTARGETNAME", birth_date=dt.date(1972, 1, 1), sex="female",
                           kept_by=elsewhere, party_joined_on=dt.date(1998, 1, 1), party_full_member_on=dt.date(1999, 1, 1))
    case = inspections.case_open(actor=None, kind="thematic_inspection", body=ubkt, title="Kiểm tra ZQCASETITLE",
                                 subject="Nội dung ZQCASESUBJECT", opened_on=opened, target_unit=btc)
    for step in ("decision", "plan", "notice", "self_report", "verification", "team_report", "conclusion"):
        inspections.case_step_record(actor=None, case=case, step=step, done_on=opened, note="Ghi chú ZQSTEPNOTE",
                                     document_title="Quyết định ZQDECISIONTITLE" if step == "decision" else "",
                                     document_number=f"9811-QĐ/{issuer}" if step == "decision" else None,
                                     team=[(head, TeamRole.HEAD)] if step == "decision" else ())
    inspections.case_conclude(actor=None, case=case, done_on=today - dt.timedelta(days=2),
                              notice_title="Thông báo kết luận ZQNOTICETITLE", notice_number=f"9812-TB/{issuer}",
                              findings="Phát hiện ZQFINDINGS", recommendations=[inspections.RecommendationSpec(
                                  title="Khắc phục sau kiểm tra", lead_unit=btc.code, leader="walk.in.charge",
                                  product="Báo cáo khắc phục", deadline=today + dt.timedelta(days=20))])
    # A member inspected: her name is the case's, and so is the decision that names her.
    of_member = inspections.case_open(actor=None, kind="violation_member", body=ubkt, title="Kiểm tra dấu hiệu vi phạm",
                                      opened_on=opened, target_person=member)
    inspections.case_step_record(actor=None, case=of_member, step="decision", done_on=opened,
                                 document_title="Quyết định kiểm tra đảng viên ZQMEMBERDECISION",
                                 document_number=f"9813-QĐ/{issuer}", team=[(head, TeamRole.HEAD)])
    denunciation = inspections.case_open(actor=None, kind="denunciation", body=ubkt, title="Tố cáo ZQDENUNCIATION",
                                         opened_on=opened, target_unit=btc, filer_name="Người tố cáo ZQDENOUNCER",
                                         filer_address="Việt Trì")
    programme = inspections.programme_adopt(actor=None, body=ubkt, year=today.year, title="Chương trình ZQPROGRAMME",
                                            issued_on=today - dt.timedelta(days=40), number=f"9814-CTr/{issuer}",
                                            items=[inspections.ItemSpec(
                                                kind="thematic_supervision", subject="Giám sát ZQITEM", quarter=4,
                                                lead_body=ubkt, target_unit=btc)])
    decision = discipline.discipline_decide(actor=None, body=ubkt, form="reprimand", violation="Vi phạm ZQVIOLATION",
                                            violation_on=opened, decided_on=opened, target_person=head,
                                            document_title="Quyết định kỷ luật ZQDISCIPLINEDOC",
                                            document_number=f"9815-QĐ/{issuer}")
    world.confidential = [word.encode() for word in (
        "ZQCASETITLE", "ZQCASESUBJECT", "ZQSTEPNOTE", "ZQFINDINGS", "ZQDENUNCIATION", "ZQDENOUNCER", "ZQITEM",
        "ZQDECISIONTITLE", "ZQNOTICETITLE", "ZQMEMBERDECISION", "ZQPROGRAMME", "ZQDISCIPLINEDOC", "ZQTARGETNAME",
        # The numbers by their ASCII head: the API writes Đ as \u0110 and a sheet as &#272;.
        "9811-Q", "9813-Q", "9814-CTr", "9815-Q")]
    # Not here: the notice's number (9812-TB), which the walkers' recommendation cites; the team head and the
    # disciplined member, whose names and discipline are the personnel register's to show by its own rule.
    world.confined_documents = [case.steps.get(step="decision").document_id, of_member.steps.get().document_id,
                                programme.document_id, decision.document_id]
    world.notice = case.conclusion_notice_id
    world.ids.update(case_id=[case.pk, of_member.pk, denunciation.pk, ABSENT_ID], programme_id=[programme.pk, ABSENT_ID],
                     decision_id=[decision.pk, ABSENT_ID])
    world.ids["document_id"] += [*world.confined_documents, world.notice]


def _reorganization(world: World, unit: Unit, basis_id: int) -> None:
    """A rename of the lead unit, prepared on a secret basis: its preview lists the secret tasks that would move."""
    from mandate.documents.models import Document
    from mandate.reorganizations.services import reorganization_prepare

    event = reorganization_prepare(actor=None, kind="rename", effective_on=clock.today() + dt.timedelta(days=30),
                                   predecessors=[unit], new_name="Ban Tổ chức mới", basis=Document.objects.get(pk=basis_id))
    world.ids["reorganization_id"] = [event.pk, ABSENT_ID]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build()
        transaction.set_rollback(True)


# What to ask

def _api_requests(world: World) -> list[tuple[str, dict]]:
    """Every GET of the schema, once per real row of each path parameter, and with its query probed."""
    requests = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        if "get" not in operations:
            continue
        parameters = operations["get"].get("parameters", [])
        names = {p["name"] for p in parameters if p["in"] == "query"}
        for filled in _fill(path, re.compile(r"\{(\w+)\}"), world):
            for query in _probes(names, world):
                requests.append((filled, query))
    return requests


def _page_routes(patterns=None, prefix: str = "") -> list[str]:
    routes = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED_PAGES):
            continue
        if isinstance(pattern, URLResolver):
            routes += _page_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            routes.append("/" + route)
    return routes


PAGE_QUERY = {"q", "document", "level", "within", "unit", "lead_unit", "subtree", "as_of", "cluster"}


def _page_requests(world: World, formats: list[str]) -> list[tuple[str, dict]]:
    return [(filled, {}) for route in _page_routes()
            for filled in _fill(route, re.compile(r"<(?:\w+:)?(\w+)>"), world, formats)]


def _searchable(content: bytes) -> set[str]:
    """The filters a page's form offers, so that only those pages are asked again with them aimed at the secret work
    (the header's search box is on every page and sends to /search/, which is walked with its own form)."""
    content = re.sub(rb'<form class="search"[\s\S]*?</form>', b"", content)
    return {name.decode() for name in re.findall(rb'name="(\w+)"', content)} & PAGE_QUERY


def _fill(route: str, parameter: re.Pattern, world: World, formats: list[str] = FORMATS) -> list[str]:
    filled = [route]
    for name in parameter.findall(route):
        values = formats if name == "fmt" else world.ids.get(name, [ABSENT_ID])
        filled = [parameter.sub(str(value), one, count=1) for one in filled for value in values]
    return filled


def _probes(names: set[str], world: World) -> list[dict]:
    """The plain request (a whole list, a shallow tree), then, where a search or a document can be named, one per
    document with every known filter aimed at the secret work."""
    plain = {name: value for name, value in (("limit", 500), ("depth", 1)) if name in names}
    if not names & {"q", "document"}:
        return [plain]
    probes = [plain]
    for level, document_id in [(0, world.directive), *world.secret_documents.items()]:
        query = {"q": f"zqdocument{level}", "document": document_id, "level": "province", "within": "VN",
                 "unit": "25.TU.BTC", "lead_unit": "25.TU.BTC", "subtree": "true", "limit": 500}
        probes.append({k: v for k, v in query.items() if k in names})
    return probes


# How to read an answer

def _readable(content: bytes) -> bytes:
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return b"".join(archive.read(name) for name in archive.namelist())
    if content.startswith(b"%PDF"):
        pdf = pypdfium2.PdfDocument(content)
        return "".join(page.get_textpage().get_text_range() for page in pdf).encode()
    return content


def _leaks(world: World, kind: str, content: bytes) -> list[str]:
    readable = _readable(content)
    allowed = KINDS[kind][1] if kind != "outsider" else Secrecy.NONE
    return ([word.decode() for level, words in world.forbidden.items() if level > allowed for word in words if word in readable]
            + [word.decode() for word in world.confidential if word in readable])


def _walk(world: World, role: str, kind: str, requests, get, *, probe_pages: bool = False) -> list[str]:
    found = []
    requests = list(requests)
    while requests:
        path, query = requests.pop(0)
        response = get(path, query)
        leaks = _leaks(world, kind, response.content) + _personal_leaks(world, role, kind, response.content)
        if leaks:
            found.append(f"{path}?{query} {response.status_code}: {', '.join(leaks)}")
        if probe_pages and not query and response.status_code == 200 and "html" in response.get("Content-Type", ""):
            requests += [(path, probe) for probe in _probes(_searchable(response.content), world)[1:]]
    return found


def _normalized(content: bytes) -> bytes:
    """An answer without its numbers (the id asked for) and its one-time CSRF and form tokens."""
    content = re.sub(rb'name="(csrfmiddlewaretoken|form_token)" value="[^"]*"', b"", content)
    return re.sub(rb"\d+", b"N", re.sub(rb'"X-CSRFToken": "[^"]*"', b"", content))


def _secret_ids_answer_as_absent(world: World, kind: str, get, routes) -> list[str]:
    """An id the user may not know of answers exactly as an id that does not exist (status and body)."""
    allowed = KINDS[kind][1] if kind != "outsider" else Secrecy.NONE
    hidden = [pk for level, pk in world.secret_documents.items() if level > allowed] + world.confined_documents
    differences = []
    for route in routes:
        absent = get(route.replace("{id}", str(ABSENT_ID)), {})
        for pk in hidden:
            secret = get(route.replace("{id}", str(pk)), {})
            if (secret.status_code, _normalized(secret.content)) != (absent.status_code, _normalized(absent.content)):
                differences.append(f"{route} {pk}: {secret.status_code} vs {absent.status_code}")
    return differences


@pytest.mark.parametrize("kind", list(KINDS))
def test_search_finds_no_secret_item_for_one_who_may_not_know_of_it(world, kind):
    """Every distinctive word of the secret work, searched in every group by page and by API: no title, snippet or
    count names an item above the walker's clearance or outside their need to know — and the cleared walker finds
    what they may know of (the search works, so its silence is not an accident)."""
    user = world.users[(Role.LEADER, kind)]
    session = Client()
    session.force_login(user)
    token = Client(HTTP_AUTHORIZATION=f"Bearer {world.tokens[(Role.LEADER, kind)]}")
    allowed = KINDS[kind][1] if kind != "outsider" else Secrecy.NONE
    leaks = []
    for level, words in world.forbidden.items():
        for word in words:
            for group in ("", "documents", "tasks", "meetings"):
                query = {"q": word.decode().lower(), **({"group": group} if group else {})}
                for path, get in (("/search/", session.get), ("/api/v1/search", token.get)):
                    response = get(path, query)
                    if found := _leaks(world, kind, response.content):
                        leaks.append(f"{path}?{query}: {', '.join(found)}")
            counts = token.get("/api/v1/search", {"q": word.decode().lower()}).json()["counts"]
            if level > allowed and any(counts.values()):
                leaks.append(f"{word.decode()} counted {counts}")
    assert leaks == []
    visible = token.get("/api/v1/search", {"q": "zqtask1", "group": "tasks"}).json()
    assert visible["count"] == (1 if allowed >= Secrecy.SECRET else 0)


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("role", ROLES)
def test_no_answer_names_a_secret_item_to_a_user_who_may_not_know_of_it(world, role, kind):
    user = world.users[(role, kind)]
    session = Client()
    session.force_login(user)
    token = Client(HTTP_AUTHORIZATION=f"Bearer {world.tokens[(role, kind)]}")
    # Every export format for one role; the others read the same tables in one format (a PDF takes seconds).
    formats = FORMATS if role == Role.LEADER else ["xlsx"]
    api_requests = [(path, query) for path, query in _api_requests(world) if not path.endswith(tuple(set(FORMATS) - set(formats)))]
    leaks = _walk(world, role, kind, api_requests, lambda path, query: token.get(path, query))
    leaks += _walk(world, role, kind, api_requests[::4], lambda path, query: session.get(path, query))
    leaks += _walk(world, role, kind, _page_requests(world, formats), lambda path, query: session.get(path, query),
                   probe_pages=True)
    leaks += _secret_ids_answer_as_absent(world, kind, lambda path, query: token.get(path, query),
                                          ["/api/v1/documents/{id}", "/api/v1/cascade?document={id}"])
    leaks += _secret_ids_answer_as_absent(world, kind, lambda path, query: session.get(path, query),
                                          ["/documents/{id}/", "/monitoring/cascade/?document={id}&level=province"])
    print("\n".join(leaks))
    assert leaks == []
