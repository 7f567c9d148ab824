"""Every role × every API operation × own unit / subtree / another province: the exact status code.

The operations are read from the OpenAPI schema, so a new endpoint without an expectation here fails
`test_every_operation_has_an_expectation`. Each request runs inside a savepoint that is rolled back,
so one operation never sees another's writes; a refused write must leave every table (and the audit
trail) exactly as it was.

Where the user stands (the world is one task of Phú Thọ's Organization Committee, 25.TU.BTC, assigned
by its Standing Committee, 25.TU.BTV, from a directive 25.TU.BTV issued):
- own: the role is held in both of those units themselves;
- subtree: the role is held in the province (25), above them;
- other: the role is held in Hà Nội (01), which neither sees nor acts on Phú Thọ's work.
"""
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from mandate.accounts.models import ApiToken, Role
from mandate.accounts.services import membership_grant, token_create
from mandate.audit.models import AuditRecord
from mandate.monitoring.services import kpi_target_create
from mandate.reorganizations import services as reorganizations
from mandate.orgs.models import Unit
from mandate.orgs.services import cluster_create
from mandate.tasks.services import extension_request
from tests.factories import a_document, a_leader, a_task
from tests.samples import a_pdf

pytestmark = pytest.mark.django_db

ROLES = [Role.SYSTEM_ADMIN, Role.UNIT_ADMIN, Role.LEADER, Role.SPECIALIST, Role.INSPECTOR, Role.VIEWER]
SCOPES = {"own": ["25.TU.BTC", "25.TU.BTV"], "subtree": ["25"], "other": ["01"]}
WRITERS = {Role.UNIT_ADMIN, Role.LEADER, Role.SPECIALIST}
DECIDERS = {Role.UNIT_ADMIN, Role.LEADER}
TODAY = dt.date(2025, 7, 20)


@dataclass
class World:
    document: object
    task: object
    leader: object
    kpi: object
    reorganization: object
    reporter: object
    user: object = None
    extras: dict = field(default_factory=dict)


def everyone(role, scope) -> int:
    return 200


def _scoped(role, scope, allowed: set, success: int, outside: int) -> int:
    """`success` for the allowed roles over the object; 403 for the others who see it; `outside` for those who do not."""
    if role == Role.SYSTEM_ADMIN:
        return success
    if scope == "other":
        return outside
    return success if role in allowed else 403


def reader(role, scope) -> int:
    return _scoped(role, scope, set(ROLES), 200, 404)


def writer(success: int = 200, outside: int = 404) -> Callable:
    return lambda role, scope: _scoped(role, scope, WRITERS, success, outside)


def decider(success: int = 200, outside: int = 404) -> Callable:
    return lambda role, scope: _scoped(role, scope, DECIDERS, success, outside)


def registrar(role, scope) -> int:
    """Registers documents somewhere (in any province): reading a directive is the register's first step."""
    return 200 if role in WRITERS or role == Role.SYSTEM_ADMIN else 403


def system_admin(success: int = 200) -> Callable:
    return lambda role, scope: success if role == Role.SYSTEM_ADMIN else 403


def administrator(success: int = 200, *, own: int = 403, other: int = 403, subtree: int | None = None) -> Callable:
    """The administration: a system administrator; a unit administrator as `own`/`subtree`/`other` say (a unit
    administrator of 25 appoints in 25.TU.BTC, one of 25.TU.BTC itself does not); every other role 403."""
    outcomes = {"own": own, "subtree": success if subtree is None else subtree, "other": other}
    return lambda role, scope: success if role == Role.SYSTEM_ADMIN else outcomes[scope] if role == Role.UNIT_ADMIN else 403


def commission_register(role, scope) -> int:
    """A register of 25.TU.UBKT: its committee's standing committee's circle (`own` holds a seat in 25.TU.BTV) and the
    system administrators; anyone else is refused before anything is read, as the cases are kept from them."""
    return 200 if role == Role.SYSTEM_ADMIN or scope == "own" else 403


def commission_programme(role, scope) -> int:
    """The world's programme (25.TU.BTV's) as a file: for its circle; the others hold no seat in a body that conducts
    cases and are refused before anything is read."""
    return 200 if role == Role.SYSTEM_ADMIN or scope == "own" else 403


@dataclass(frozen=True)
class Case:
    expect: Callable[[str, str], int]
    path: Callable[[World], str] = None
    body: Callable[[World], dict] | None = None
    form: Callable[[World], dict] | None = None
    params: Callable[[World], dict] | None = None
    setup: Callable[[World], None] | None = None


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("bao-cao.pdf", a_pdf(), content_type="application/pdf")


def _pending_extension(world: World) -> None:
    world.extras["extension"] = extension_request(actor=world.reporter, task=world.task, requested_deadline=dt.date(2025, 8, 30),
                                                  reason="Chờ số liệu")


def _attachment(world: World) -> None:
    from mandate.documents.services import attachment_add

    world.extras["attachment"] = attachment_add(actor=None, document=world.document, upload=_pdf())


def _evidence(world: World) -> None:
    from mandate.tasks.services import progress_report

    report = progress_report(actor=world.reporter, task=world.task, percent=10, text="Đã họp", files=[_pdf()])
    world.extras["evidence"] = report.evidence.get()


def _applied(world: World) -> None:
    reorganizations.reorganization_apply(actor=None, reorganization=world.reorganization)


def _batch(world: World) -> None:
    reorganizations.reorganization_prepare(actor=None, kind="rename", effective_on=dt.date(2025, 9, 2), batch="b-1",
                                           predecessors=[Unit.objects.get(code="25.TU.VP")], new_name="Văn phòng mới")


def _own_token(world: World) -> None:
    token_create(actor=None, user=world.user, name="second")
    world.extras["token"] = ApiToken.objects.filter(user=world.user, name="second").get()


def _task_body(world: World) -> dict:
    return {"document_id": world.document.pk, "title": "Triển khai", "lead_unit": "25.TU.BTC", "leader": world.leader.username,
            "deadline": "2025-08-30", "product": "Báo cáo"}


def _meeting(world: World) -> None:
    """A meeting of the Standing Committee (25.TU.BTV) with a guest in group 1, a draft and the guest's opinion."""
    from mandate.meetings import services as meetings

    meeting = meetings.meeting_create(actor=None, body=Unit.objects.get(code="25.TU.BTV"), title="Hội nghị Ban Thường vụ",
                                      starts_on=TODAY)
    guest = meetings.delegate_add(actor=None, meeting=meeting, name="Khách mời", role="guest")
    meetings.group_create(actor=None, meeting=meeting, members=[guest])
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Dự thảo quy chế", draft_text="Điều 1. Phạm vi\nNội dung.")
    opinion = meetings.opinion_give(actor=None, meeting=meeting, item=item, kind="amend", text="Làm rõ.", delegate=guest)
    world.extras.update(meeting=meeting, guest=guest, item=item, opinion=opinion)


def _guest_version(world: World) -> int:
    """The guest's version now (placing it in group 1 raised it)."""
    from mandate.meetings.models import Delegate

    return Delegate.objects.get(pk=world.extras["guest"].pk).version
def above(allowed: set, success: int = 200, outside: int = 403) -> Callable:
    """What the province's committee (25.TU) does, above both own units: `success` for the allowed roles held in the
    province, 403 for every role held in the own units only, `outside` for Hà Nội's."""
    def expect(role, scope) -> int:
        if role == Role.SYSTEM_ADMIN:
            return success
        if scope == "other":
            return outside
        return success if scope == "subtree" and role in allowed else 403
    return expect


def _regime(world: World) -> None:
    """The provincial committee's quarterly regime, its Standing Committee's and its Organization Committee's drafts."""
    from mandate.reviews import services as reviews

    regime = reviews.regime_create(actor=None, receiver=Unit.objects.get(code="25.TU"), title="Báo cáo quý",
                                   frequency="quarterly", reporters=[Unit.objects.get(code="25.TU.BTC"),
                                                                     Unit.objects.get(code="25.TU.BTV")])
    report = reviews.report_draft(actor=None, regime=regime, unit=Unit.objects.get(code="25.TU.BTV"), period="2025-Q3")
    world.extras.update(regime=regime, report=report)


def _review(world: World, appraised: bool = False) -> None:
    from mandate.reviews import services as reviews

    review = reviews.review_self_assess(actor=None, subject_kind="collective", unit=Unit.objects.get(code="25.TU.BTC"),
                                        organization=Unit.objects.get(code="25.TU"), period_kind="year", period="2025",
                                        general_points=25)
    if appraised:
        review = reviews.review_appraise(actor=None, review=review, appraised_points=80)
    world.extras["review"] = review


def _indicator_set(world: World) -> None:
    """The province's indicator set (25), given to its Organization Committee (standing for a commune of the world)."""
    from mandate.reviews import services as reviews

    created = reviews.indicator_set_create(
        actor=None, owner=Unit.objects.get(code="25"), title="Chỉ số cấp xã", period_start=dt.date(2025, 7, 1),
        period_end=dt.date(2025, 12, 31), indicators=[{"group": "online_rates", "name": "Tỷ lệ trực tuyến", "target": "80"}])
    reviews.indicator_set_apply(actor=None, indicator_set=created, units=[Unit.objects.get(code="25.TU.BTC")])
    world.extras["indicator_set"] = created


def _is(world: World, rest: str = "") -> str:
    return f"/indicator-sets/{world.extras['indicator_set'].pk}{rest}"


def _m(world: World, rest: str = "") -> str:
    return f"/meetings/{world.extras['meeting'].pk}{rest}"


def circle_writer(success: int = 201) -> Callable:
    """A write in the name of a body that conducts cases (25.TU.BTV): the writers who hold their role in it
    themselves; a role above it (the province) is no seat in the body, so 403 as for every other role."""
    return lambda role, scope: success if role == Role.SYSTEM_ADMIN or (scope == "own" and role in WRITERS) else 403


def case_writer(success: int = 200) -> Callable:
    """A write on a case of 25.TU.BTV: its circle sees it (own: 403 for the roles that do not write), nobody
    else knows of it (404), not even from the province above."""
    def expect(role, scope):
        if role == Role.SYSTEM_ADMIN:
            return success
        if scope != "own":
            return 404
        return success if role in WRITERS else 403
    return expect


def case_reader(role, scope) -> int:
    """A case, a programme, a decision of 25.TU.BTV: known to its circle only (a seat in the body), 404 elsewhere."""
    return 200 if role == Role.SYSTEM_ADMIN or scope == "own" else 404


def _inspections(world: World) -> None:
    """The Standing Committee's (25.TU.BTV) own inspection work: a programme, a case in preparation, a case ready to
    conclude, a denunciation, a disciplinary decision on a commune's party committee."""
    from mandate.inspections import discipline, services as inspections

    btv, btc = Unit.objects.get(code="25.TU.BTV"), Unit.objects.get(code="25.TU.BTC")
    programme = inspections.programme_adopt(actor=None, body=btv, year=2025, title="Chương trình kiểm tra năm 2025",
                                            issued_on=dt.date(2025, 7, 5), items=[inspections.ItemSpec(
                                                kind="thematic_inspection", subject="Công tác cán bộ", quarter=3,
                                                lead_body=btv, target_unit=btc)])
    case = inspections.case_open(actor=None, kind="thematic_inspection", body=btv, title="Kiểm tra Ban Tổ chức",
                                 opened_on=dt.date(2025, 7, 10), target_unit=btc)
    ready = inspections.case_open(actor=None, kind="thematic_supervision", body=btv, title="Giám sát Ban Tổ chức",
                                  opened_on=dt.date(2025, 7, 1), target_unit=btc, directive=world.document)
    for step in ("decision", "plan", "notice", "self_report", "supervision", "team_report", "conclusion"):
        inspections.case_step_record(actor=None, case=ready, step=step, done_on=dt.date(2025, 7, 2),
                                     document_title="Quyết định giám sát" if step == "decision" else "",
                                     team=_team() if step == "decision" else ())
    denunciation = inspections.case_open(actor=None, kind="denunciation", body=btv, title="Đơn tố cáo",
                                         opened_on=dt.date(2025, 7, 15), target_unit=btc, filer_name="Nguyễn Văn Tố",
                                         filer_address="Việt Trì")
    decision = discipline.discipline_decide(actor=None, body=btv, form="reprimand", violation="Vi phạm nguyên tắc",
                                            violation_on=dt.date(2025, 1, 5), decided_on=dt.date(2025, 7, 1),
                                            target_unit=Unit.objects.get(code="04792.DU"), document_title="Quyết định kỷ luật")
    world.extras.update(programme=programme, case=case, ready=ready, denunciation=denunciation, decision=decision)


def _team():
    from mandate.inspections.models import TeamRole
    from mandate.personnel.services import person_create

    head = person_create(actor=None, full_name="Trưởng Đoàn Thử", birth_date=dt.date(1975, 1, 1), sex="male",
                         kept_by=Unit.objects.get(code="25.TU.BTV"))
    return [(head, TeamRole.HEAD)]


def _version(world: World, name: str) -> int:
    from mandate.inspections.models import Case as InspectionCase

    return InspectionCase.objects.get(pk=world.extras[name].pk).version


def _i(world: World, name: str, rest: str = "") -> str:
    return f"/inspections/cases/{world.extras[name].pk}{rest}"


def _cadre(world: World) -> None:
    """A post of Phú Thọ's People's Committee managed by its Standing Committee, and a cadre holding a staff post there."""
    from mandate.personnel.services import holding_record, person_create, position_create

    ubnd = Unit.objects.get(code="25.UBND")
    world.extras["position"] = position_create(actor=None, unit=ubnd, kind="committee_vice_chair", seats=5,
                                               managing_unit=Unit.objects.get(code="25.TU.BTV"))
    world.extras["person"] = person_create(actor=None, full_name="Lê Văn Cán Bộ", birth_date=dt.date(1975, 1, 1), sex="male",
                                           kept_by=ubnd)
    staff = position_create(actor=None, unit=ubnd, kind="staff", title="Chuyên viên", seats=30,
                            managing_unit=Unit.objects.get(code="25.TU.BTV"))
    holding_record(actor=None, person=world.extras["person"], position=staff, starts_on=dt.date(2025, 1, 1))


def keeper(success: int = 200) -> Callable:
    """The organization committee's staff of the territory (the writers of 25.TU.BTC, "own"); everyone else 403."""
    return lambda role, scope: success if role == Role.SYSTEM_ADMIN or (scope == "own" and role in WRITERS) else 403


def record_seer(role, scope) -> int:
    """A cadre's record: the organization committee's staff ("own" writers), the leaders of the committee that manages
    the post (25.TU.BTV: "own" and "subtree" deciders); to everyone else it does not exist."""
    if role == Role.SYSTEM_ADMIN or (scope == "own" and role in WRITERS) or (scope == "subtree" and role in DECIDERS):
        return 200
    return 404


def record_keeper(success: int = 201) -> Callable:
    """Writes on a record: those who see it and keep the files; a leader who only sees it is refused (403)."""
    def expect(role, scope):
        seen = record_seer(role, scope)
        return seen if seen == 404 else success if role == Role.SYSTEM_ADMIN or scope == "own" else 403
    return expect


def discipline_writer(role, scope) -> int:
    """Discipline: whoever sees the record and writes for the deciding body (25.TU.UBKT, below 25) or keeps the files."""
    return 201 if record_seer(role, scope) == 200 else 404


def cadre_figures(role, scope) -> int:
    """Staffing and the planning pool: the organization committee's staff and the leaders over the unit (25)."""
    if role == Role.SYSTEM_ADMIN or (scope == "own" and role in WRITERS) or (scope == "subtree" and role in DECIDERS):
        return 200
    return 403


# (method, path as in the schema) → what each role gets in each scope.
CASES: dict[tuple[str, str], Case] = {
    ("GET", "/api/v1/units"): Case(everyone, params=lambda w: {"limit": 1}),
    ("GET", "/api/v1/units/tree"): Case(everyone, params=lambda w: {"root": "25.TU", "depth": 1}),
    ("GET", "/api/v1/units/{code}"): Case(everyone, path=lambda w: "/units/25.TU"),
    ("POST", "/api/v1/documents/parse-number"): Case(everyone, body=lambda w: {"number": "02-KH/TU"}),
    ("GET", "/api/v1/documents"): Case(everyone),
    ("POST", "/api/v1/documents"): Case(writer(201, 403), body=lambda w: {
        "issuing_unit": "25.TU.BTV", "type": "TB", "issued_on": "2025-07-20", "title": "Thông báo"}),
    ("GET", "/api/v1/documents/{document_id}"): Case(reader, path=lambda w: f"/documents/{w.document.pk}"),
    ("POST", "/api/v1/documents/{document_id}/relations"): Case(
        writer(201), path=lambda w: f"/documents/{w.document.pk}/relations", body=lambda w: {"kind": "implements", "target_number": "18-NQ/TW"}),
    ("POST", "/api/v1/documents/{document_id}/attachments"): Case(
        writer(201), path=lambda w: f"/documents/{w.document.pk}/attachments", form=lambda w: {"file": _pdf()}),
    ("GET", "/api/v1/documents/{document_id}/attachments/{attachment_id}"): Case(
        reader, setup=_attachment, path=lambda w: f"/documents/{w.document.pk}/attachments/{w.extras['attachment'].pk}"),
    ("GET", "/api/v1/tasks/{task_id}/evidence/{evidence_id}"): Case(
        reader, setup=_evidence, path=lambda w: f"/tasks/{w.task.pk}/evidence/{w.extras['evidence'].pk}"),
    ("GET", "/api/v1/tasks"): Case(everyone),
    ("POST", "/api/v1/tasks"): Case(writer(201), body=_task_body),
    ("GET", "/api/v1/tasks/counts"): Case(everyone),
    ("GET", "/api/v1/tasks/{task_id}"): Case(reader, path=lambda w: f"/tasks/{w.task.pk}"),
    ("POST", "/api/v1/tasks/{task_id}/delegate"): Case(writer(201), path=lambda w: f"/tasks/{w.task.pk}/delegate", body=lambda w: {
        "title": "Phần của xã", "lead_unit": "04792.DU", "leader": w.leader.username, "deadline": "2025-07-24", "product": "Báo cáo",
        "version": 1}),
    ("POST", "/api/v1/tasks/{task_id}/transitions"): Case(writer(), path=lambda w: f"/tasks/{w.task.pk}/transitions",
                                                          body=lambda w: {"name": "start", "version": 1}),
    ("POST", "/api/v1/tasks/{task_id}/progress"): Case(writer(201), path=lambda w: f"/tasks/{w.task.pk}/progress",
                                                       form=lambda w: {"percent": 30, "text": "Đã họp", "files": [_pdf()], "version": 1}),
    ("GET", "/api/v1/tasks/{task_id}/progress"): Case(reader, path=lambda w: f"/tasks/{w.task.pk}/progress"),
    ("POST", "/api/v1/tasks/{task_id}/extensions"): Case(writer(201), path=lambda w: f"/tasks/{w.task.pk}/extensions",
                                                         body=lambda w: {"requested_deadline": "2025-08-30", "reason": "Chờ số liệu",
                                                                         "version": 1}),
    ("POST", "/api/v1/tasks/{task_id}/extensions/{extension_id}/decision"): Case(
        decider(), setup=_pending_extension, body=lambda w: {"approve": True, "note": "Đồng ý", "version": w.task.version},
        path=lambda w: f"/tasks/{w.task.pk}/extensions/{w.extras['extension'].pk}/decision"),
    ("GET", "/api/v1/reorganizations"): Case(everyone),
    ("POST", "/api/v1/reorganizations"): Case(system_admin(201), body=lambda w: {
        "kind": "rename", "effective_on": "2025-09-03", "predecessors": ["25.TU.BTGDV"], "new_name": "Ban mới"}),
    ("GET", "/api/v1/reorganizations/{reorganization_id}"): Case(everyone, path=lambda w: f"/reorganizations/{w.reorganization.pk}"),
    ("GET", "/api/v1/reorganizations/{reorganization_id}/preview"): Case(
        system_admin(), path=lambda w: f"/reorganizations/{w.reorganization.pk}/preview"),
    ("POST", "/api/v1/reorganizations/{reorganization_id}/destinations"): Case(
        system_admin(), path=lambda w: f"/reorganizations/{w.reorganization.pk}/destinations", body=lambda w: {"destinations": [], "version": 1}),
    ("POST", "/api/v1/reorganizations/{reorganization_id}/apply"): Case(
        system_admin(), path=lambda w: f"/reorganizations/{w.reorganization.pk}/apply", body=lambda w: {"version": 1}),
    ("POST", "/api/v1/reorganizations/{reorganization_id}/revert"): Case(
        system_admin(), setup=_applied, path=lambda w: f"/reorganizations/{w.reorganization.pk}/revert",
        body=lambda w: {"version": 2}),
    ("POST", "/api/v1/reorganizations/batches/{batch}/apply"): Case(system_admin(), setup=_batch,
                                                                    path=lambda w: "/reorganizations/batches/b-1/apply"),
    ("POST", "/api/v1/ingest"): Case(registrar, body=lambda w: {"text": "Ban Tổ chức Tỉnh ủy chủ trì, báo cáo trước ngày 30/8/2025."}),
    ("POST", "/api/v1/ingest/confirm"): Case(writer(201, 403), body=lambda w: {
        "document": {"issuing_unit": "25.TU.BTV", "type": "TB", "issued_on": "2025-07-20", "title": "Thông báo kết luận"},
        "tasks": [{"title": "Rà soát", "lead_unit": "25.TU.BTC", "leader": w.leader.username, "deadline": "2025-08-30",
                   "product": "Báo cáo"}]}),
    ("GET", "/api/v1/scorecards"): Case(everyone, params=lambda w: {"unit": "25.TU.BTC"}),
    ("GET", "/api/v1/scorecards/children"): Case(everyone, params=lambda w: {"unit": "25.TU"}),
    ("GET", "/api/v1/scorecards/clusters/{code}"): Case(everyone, path=lambda w: "/scorecards/clusters/CUM-TEST"),
    ("GET", "/api/v1/scorecards/trend"): Case(everyone, params=lambda w: {"unit": "25.TU.BTC", "months": 2}),
    ("GET", "/api/v1/lagging"): Case(everyone),
    ("GET", "/api/v1/cascade"): Case(reader, params=lambda w: {"document": w.document.pk, "level": "province"}),
    ("GET", "/api/v1/inspections/exports/cases"): Case(commission_register, params=lambda w: {"body": "25.TU.UBKT",
                                                                                                "format": "xlsx"}),
    ("GET", "/api/v1/inspections/exports/discipline"): Case(commission_register, params=lambda w: {
        "body": "25.TU.UBKT", "format": "docx"}),
    ("GET", "/api/v1/inspections/exports/report"): Case(commission_register, params=lambda w: {
        "body": "25.TU.UBKT", "format": "xlsx", "year": 2025, "number": 3}),
    ("GET", "/api/v1/inspections/exports/programmes/{programme_id}"): Case(
        commission_programme, path=lambda w: f"/inspections/exports/programmes/{w.extras['programme'].pk}",
        params=lambda w: {"format": "docx"}),
    ("GET", "/api/v1/kpis"): Case(everyone),
    ("POST", "/api/v1/kpis"): Case(decider(201, 403), body=lambda w: {
        "unit": "25.TU.BTC", "indicator": "Đảng viên mới", "period_start": "2025-07-01", "period_end": "2025-12-31", "target": "10"}),
    ("POST", "/api/v1/kpis/{kpi_id}/actuals"): Case(writer(201, 403), path=lambda w: f"/kpis/{w.kpi.pk}/actuals",
                                                    body=lambda w: {"value": "4", "reported_on": "2025-07-20"}),
    ("GET", "/api/v1/meetings"): Case(everyone),
    ("POST", "/api/v1/meetings"): Case(writer(201, 403), body=lambda w: {
        "body": "25.TU.BTV", "title": "Hội nghị", "starts_on": "2025-07-20"}),
    ("GET", "/api/v1/meetings/{meeting_id}"): Case(reader, path=lambda w: _m(w)),
    ("POST", "/api/v1/meetings/{meeting_id}/delegates"): Case(writer(201), path=lambda w: _m(w, "/delegates"),
                                                              body=lambda w: {"name": "Khách thứ hai", "role": "guest"}),
    ("POST", "/api/v1/meetings/{meeting_id}/delegates/{delegate_id}/group"): Case(
        writer(), path=lambda w: _m(w, f"/delegates/{w.extras['guest'].pk}/group"), body=lambda w: {"group": None, "version": _guest_version(w)}),
    ("POST", "/api/v1/meetings/{meeting_id}/delegates/{delegate_id}/attendance"): Case(
        writer(), path=lambda w: _m(w, f"/delegates/{w.extras['guest'].pk}/attendance"), body=lambda w: {"attendance": "present", "version": _guest_version(w)}),
    ("POST", "/api/v1/meetings/{meeting_id}/groups"): Case(writer(201), path=lambda w: _m(w, "/groups"), body=lambda w: {}),
    ("POST", "/api/v1/meetings/{meeting_id}/items"): Case(writer(201), path=lambda w: _m(w, "/items"),
                                                          body=lambda w: {"title": "Báo cáo"}),
    ("POST", "/api/v1/meetings/{meeting_id}/items/{item_id}/versions"): Case(
        writer(201), path=lambda w: _m(w, f"/items/{w.extras['item'].pk}/versions"), body=lambda w: {"text": "Điều 1. Mới"}),
    ("GET", "/api/v1/meetings/{meeting_id}/items/summary"): Case(reader, path=lambda w: _m(w, "/items/summary")),
    ("GET", "/api/v1/meetings/{meeting_id}/opinions"): Case(reader, path=lambda w: _m(w, "/opinions")),
    ("POST", "/api/v1/meetings/{meeting_id}/opinions"): Case(writer(201), path=lambda w: _m(w, "/opinions"), body=lambda w: {
        "item": w.extras["item"].pk, "kind": "add", "text": "Bổ sung.", "delegate": w.extras["guest"].pk}),
    ("POST", "/api/v1/meetings/{meeting_id}/opinions/{opinion_id}/response"): Case(
        writer(), path=lambda w: _m(w, f"/opinions/{w.extras['opinion'].pk}/response"), body=lambda w: {"disposition": "accepted", "version": 1}),
    ("GET", "/api/v1/meetings/{meeting_id}/responses.{fmt}"): Case(reader, path=lambda w: _m(w, "/responses.xlsx")),
    ("POST", "/api/v1/meetings/{meeting_id}/close"): Case(writer(), path=lambda w: _m(w, "/close"), body=lambda w: {"version": 1}),
    ("POST", "/api/v1/meetings/{meeting_id}/conclusion"): Case(writer(201), path=lambda w: _m(w, "/conclusion"), body=lambda w: {
        "title": "Thông báo kết luận", "tasks": [{"title": "Rà soát quy chế", "lead_unit": "25.TU.BTC", "leader": w.leader.username,
                                                   "deadline": "2025-08-30", "product": "Quy chế sửa đổi"}]}),
    ("GET", "/api/v1/notifications"): Case(everyone),
    ("GET", "/api/v1/search"): Case(everyone, params=lambda w: {"q": "bao cao"}),
    ("POST", "/api/v1/notifications/read"): Case(everyone, body=lambda w: {}),
    ("GET", "/api/v1/inbox"): Case(everyone),
    ("GET", "/api/v1/tokens"): Case(everyone),
    ("GET", "/api/v1/reads"): Case(system_admin()),
    ("GET", "/api/v1/regulations/{code}"): Case(everyone, path=lambda w: "/regulations/25.TU.BTC"),
    ("GET", "/api/v1/administration/people"): Case(administrator(own=200, other=200)),
    ("POST", "/api/v1/administration/people"): Case(administrator(201), body=lambda w: {
        "username": "can.bo.moi", "full_name": "Cán bộ mới", "unit": "25.TU.BTC", "role": "specialist"}),
    ("POST", "/api/v1/administration/people/{user_id}/roles"): Case(
        administrator(201, other=404), path=lambda w: f"/administration/people/{w.reporter.pk}/roles",
        body=lambda w: {"unit": "25.TU.BTC", "role": "viewer", "version": 1}),
    ("POST", "/api/v1/administration/people/{user_id}/deactivate"): Case(
        administrator(other=404), path=lambda w: f"/administration/people/{w.reporter.pk}/deactivate", body=lambda w: {"version": 1}),
    ("POST", "/api/v1/administration/people/{user_id}/unlock"): Case(
        administrator(other=404), path=lambda w: f"/administration/people/{w.reporter.pk}/unlock"),
    ("POST", "/api/v1/administration/units"): Case(administrator(201, own=201), body=lambda w: {
        "parent": "25.TU.BTC", "name": "Phòng Tổ chức mới", "kind": "department", "valid_from": "2025-07-20"}),
    ("GET", "/api/v1/administration/people/{user_id}"): Case(
        administrator(own=200, other=404), path=lambda w: f"/administration/people/{w.reporter.pk}"),
    ("POST", "/api/v1/administration/people/{user_id}/roles/{membership_id}/withdraw"): Case(
        administrator(other=404),
        path=lambda w: f"/administration/people/{w.reporter.pk}/roles/{w.reporter.memberships.get().pk}/withdraw",
        body=lambda w: {"version": 1}),
    ("POST", "/api/v1/administration/people/{user_id}/activate"): Case(
        administrator(other=404), path=lambda w: f"/administration/people/{w.reporter.pk}/activate", body=lambda w: {"version": 1}),
    ("POST", "/api/v1/administration/people/{user_id}/password"): Case(
        administrator(other=404), path=lambda w: f"/administration/people/{w.reporter.pk}/password",
        body=lambda w: {"password": "mat-khau-tam-thoi-dai"}),
    ("POST", "/api/v1/administration/units/{code}/alerts"): Case(
        administrator(own=200), path=lambda w: "/administration/units/25.TU.BTC/alerts",
        body=lambda w: {"warning_days": 5, "version": 1}),
    ("GET", "/api/v1/administration/units/{code}/alerts"): Case(
        administrator(own=200), path=lambda w: "/administration/units/25.TU.BTC/alerts"),
    ("POST", "/api/v1/administration/delegations"): Case(administrator(201), body=lambda w: {
        "from_unit": "25", "to_unit": "25.TU.BTC", "roles": ["leader"]}),
    ("POST", "/api/v1/administration/clusters"): Case(administrator(201, own=201), body=lambda w: {
        "code": "CUM-MOI", "name": "Cụm mới", "members": ["25.TU.BTC"]}),
    ("GET", "/api/v1/inspections/programmes"): Case(everyone),
    ("GET", "/api/v1/inspections/programmes/{programme_id}"): Case(
        case_reader, path=lambda w: f"/inspections/programmes/{w.extras['programme'].pk}"),
    ("POST", "/api/v1/inspections/programmes"): Case(circle_writer(201), body=lambda w: {
        "body": "25.TU.BTV", "year": 2026, "title": "Chương trình kiểm tra năm 2026", "issued_on": "2025-07-20",
        "items": [{"kind": "thematic_supervision", "subject": "Cải cách hành chính", "quarter": 2, "lead_body": "25.TU.BTV",
                   "target_unit": "25.TU.BTC"}]}),
    ("GET", "/api/v1/inspections/cases"): Case(everyone),
    ("GET", "/api/v1/inspections/cases/{case_id}"): Case(case_reader, path=lambda w: _i(w, "case")),
    ("GET", "/api/v1/inspections/cases/{case_id}/supervision"): Case(case_reader, path=lambda w: _i(w, "ready", "/supervision")),
    ("POST", "/api/v1/inspections/cases"): Case(circle_writer(201), body=lambda w: {
        "kind": "thematic_inspection", "body": "25.TU.BTV", "title": "Kiểm tra chuyên đề", "opened_on": "2025-07-18",
        "target_unit": "25.TU.BTC"}),
    ("POST", "/api/v1/inspections/cases/{case_id}/steps"): Case(
        case_writer(201), path=lambda w: _i(w, "case", "/steps"),
        body=lambda w: {"step": "plan", "done_on": "2025-07-18", "version": _version(w, "case")}),
    ("POST", "/api/v1/inspections/cases/{case_id}/extension"): Case(
        case_writer(), path=lambda w: _i(w, "denunciation", "/extension"),
        body=lambda w: {"working_days": 10, "reason": "Cần xác minh thêm", "denouncer_informed_on": "2025-07-19",
                        "version": _version(w, "denunciation")}),
    ("POST", "/api/v1/inspections/cases/{case_id}/decline"): Case(
        case_writer(), path=lambda w: _i(w, "denunciation", "/decline"),
        body=lambda w: {"on": "2025-07-19", "reason": "Không thuộc thẩm quyền", "version": _version(w, "denunciation")}),
    ("POST", "/api/v1/inspections/cases/{case_id}/conclusion"): Case(
        case_writer(201), path=lambda w: _i(w, "ready", "/conclusion"), body=lambda w: {
            "done_on": "2025-07-19", "notice_title": "Thông báo kết quả giám sát", "findings": "Còn chậm",
            "version": _version(w, "ready"), "recommendations": [{
                "title": "Khắc phục hạn chế", "lead_unit": "25.TU.BTC", "leader": w.leader.username,
                "product": "Báo cáo khắc phục", "deadline": "2025-08-30"}]}),
    ("GET", "/api/v1/inspections/discipline"): Case(everyone),
    ("GET", "/api/v1/inspections/discipline/{decision_id}"): Case(
        case_reader, path=lambda w: f"/inspections/discipline/{w.extras['decision'].pk}"),
    ("POST", "/api/v1/inspections/discipline"): Case(circle_writer(201), body=lambda w: {
        "body": "25.TU.BTV", "form": "warning", "violation": "Buông lỏng lãnh đạo", "violation_on": "2025-02-01",
        "decided_on": "2025-07-20", "target_unit": "04792.DU", "document_title": "Quyết định kỷ luật cảnh cáo"}),
    ("GET", "/api/v1/report-regimes"): Case(everyone),
    ("POST", "/api/v1/report-regimes"): Case(above({Role.UNIT_ADMIN, Role.LEADER}, 201), body=lambda w: {
        "receiver": "25.TU", "title": "Báo cáo tháng", "frequency": "monthly", "reporters": ["25.TU.BTC"]}),
    ("GET", "/api/v1/report-regimes/{regime_id}"): Case(reader, setup=_regime,
                                                       path=lambda w: f"/report-regimes/{w.extras['regime'].pk}"),
    ("GET", "/api/v1/report-regimes/{regime_id}/submissions"): Case(
        reader, setup=_regime, path=lambda w: f"/report-regimes/{w.extras['regime'].pk}/submissions",
        params=lambda w: {"period": "2025-Q3"}),
    ("POST", "/api/v1/report-regimes/{regime_id}/reminders"): Case(
        above(WRITERS, 200, 404), setup=_regime, path=lambda w: f"/report-regimes/{w.extras['regime'].pk}/reminders",
        body=lambda w: {"period": "2025-Q3"}),
    ("GET", "/api/v1/reports"): Case(everyone),
    ("POST", "/api/v1/reports"): Case(writer(201), setup=_regime, body=lambda w: {
        "regime": w.extras["regime"].pk, "unit": "25.TU.BTC", "period": "2025-Q3"}),
    ("GET", "/api/v1/reports/{report_id}"): Case(reader, setup=_regime, path=lambda w: f"/reports/{w.extras['report'].pk}"),
    ("GET", "/api/v1/reports/{report_id}/figures"): Case(reader, setup=_regime,
                                                        path=lambda w: f"/reports/{w.extras['report'].pk}/figures"),
    ("POST", "/api/v1/reports/{report_id}/narrative"): Case(
        writer(), setup=_regime, path=lambda w: f"/reports/{w.extras['report'].pk}/narrative",
        body=lambda w: {"version": 1, "summary": "Tình hình chung."}),
    ("POST", "/api/v1/reports/{report_id}/issue"): Case(
        writer(), setup=_regime, path=lambda w: f"/reports/{w.extras['report'].pk}/issue", body=lambda w: {"version": 1}),
    ("GET", "/api/v1/reviews"): Case(everyone),
    ("POST", "/api/v1/reviews"): Case(writer(201, 403), body=lambda w: {
        "subject_kind": "collective", "unit": "25.TU.BTC", "organization": "25.TU", "period_kind": "year",
        "period": "2025", "general_points": "25"}),
    ("GET", "/api/v1/reviews/history"): Case(everyone, setup=_review, params=lambda w: {"unit": "25.TU.BTC"}),
    ("GET", "/api/v1/reviews/{review_id}"): Case(reader, setup=_review, path=lambda w: f"/reviews/{w.extras['review'].pk}"),
    ("POST", "/api/v1/reviews/{review_id}/appraisal"): Case(
        above(WRITERS, 200, 404), setup=_review, path=lambda w: f"/reviews/{w.extras['review'].pk}/appraisal",
        body=lambda w: {"appraised_points": "80"}),
    ("POST", "/api/v1/reviews/decisions"): Case(
        above(DECIDERS, 200, 404), setup=lambda w: _review(w, appraised=True),
        body=lambda w: {"organization": "25.TU", "decisions": [{"review": w.extras["review"].pk}]}),
    ("GET", "/api/v1/reviews/schemes"): Case(everyone, params=lambda w: {"unit": "25.TU.BTC"}),
    ("POST", "/api/v1/reviews/schemes"): Case(decider(200, 403), body=lambda w: {
        "unit": "25.TU.BTC", "version": 0, "task_points": [{"measure": "on_time_rate", "kind": "share", "points": 50},
                                                          {"measure": "overdue", "kind": "less_each", "points": 20, "each": 2}]}),
    ("GET", "/api/v1/indicator-sets"): Case(everyone, setup=_indicator_set, params=lambda w: {"owner": "25"}),
    ("POST", "/api/v1/indicator-sets"): Case(above(DECIDERS, 201), body=lambda w: {
        "owner": "25", "title": "Chỉ số 766", "period_start": "2025-07-01", "period_end": "2025-12-31",
        "indicators": [{"group": "online", "name": "Dịch vụ công trực tuyến", "target": "90", "measure": "%"}]}),
    ("GET", "/api/v1/indicator-sets/{set_id}"): Case(reader, setup=_indicator_set, path=_is),
    ("POST", "/api/v1/indicator-sets/{set_id}/apply"): Case(
        above(DECIDERS, 200, 404), setup=_indicator_set, path=lambda w: _is(w, "/apply"),
        body=lambda w: {"units": ["25.TU.BTV"]}),
    ("POST", "/api/v1/indicator-sets/{set_id}/values"): Case(
        writer(201), setup=_indicator_set, path=lambda w: _is(w, "/values"),
        body=lambda w: {"unit": "25.TU.BTC", "indicator": "Tỷ lệ trực tuyến", "value": "82"}),
    ("GET", "/api/v1/positions"): Case(everyone, setup=_cadre, params=lambda w: {"unit": "25.UBND", "vacant": "true"}),
    ("POST", "/api/v1/positions"): Case(keeper(201), body=lambda w: {"unit": "25.UBND", "kind": "committee_chair"}),
    ("GET", "/api/v1/positions/{position_id}"): Case(everyone, setup=_cadre, path=lambda w: f"/positions/{w.extras['position'].pk}"),
    ("GET", "/api/v1/people"): Case(everyone, setup=_cadre, params=lambda w: {"q": "can bo"}),
    ("POST", "/api/v1/people"): Case(keeper(201), body=lambda w: {
        "full_name": "Trần Thị Mới", "birth_date": "1985-05-05", "sex": "female", "kept_by": "25.UBND"}),
    ("GET", "/api/v1/people/{person_id}"): Case(record_seer, setup=_cadre, path=lambda w: f"/people/{w.extras['person'].pk}"),
    ("PATCH", "/api/v1/people/{person_id}"): Case(
        record_keeper(200), setup=_cadre, path=lambda w: f"/people/{w.extras['person'].pk}",
        body=lambda w: {"education": "Thạc sĩ Quản lý công", "version": 1}),
    ("POST", "/api/v1/people/{person_id}"): Case(
        record_keeper(200), setup=_cadre, path=lambda w: f"/people/{w.extras['person'].pk}",
        body=lambda w: {"ethnicity": "Mường", "version": 1}),
    ("POST", "/api/v1/people/{person_id}/holdings"): Case(
        record_keeper(), setup=_cadre, path=lambda w: f"/people/{w.extras['person'].pk}/holdings",
        body=lambda w: {"position": w.extras["position"].pk, "starts_on": "2025-07-01"}),
    ("POST", "/api/v1/people/{person_id}/disciplines"): Case(
        discipline_writer, setup=_cadre, path=lambda w: f"/people/{w.extras['person'].pk}/disciplines",
        body=lambda w: {"form": "reprimand", "violation": "Vi phạm quy chế làm việc", "deciding_unit": "25.TU.UBKT",
                        "decided_on": "2025-07-10"}),
    ("GET", "/api/v1/personnel-events"): Case(everyone),
    ("POST", "/api/v1/personnel-events"): Case(record_keeper(), setup=_cadre, body=lambda w: {
        "kind": "designation", "person": w.extras["person"].pk, "position": w.extras["position"].pk,
        "document_id": w.document.pk, "effective_on": "2025-07-20", "dossier_received_on": "2025-07-15"}),
    ("GET", "/api/v1/personnel/vacancies"): Case(everyone, setup=_cadre, params=lambda w: {"unit": "25", "as_of": "2025-07-20"}),
    ("GET", "/api/v1/personnel/staffing"): Case(cadre_figures, params=lambda w: {"unit": "25", "year": 2025}),
    ("POST", "/api/v1/personnel/staffing"): Case(keeper(), body=lambda w: {"unit": "25.UBND", "year": 2025, "quota": 120}),
    ("GET", "/api/v1/personnel/planning"): Case(cadre_figures, params=lambda w: {"unit": "25.TU"}),
    ("POST", "/api/v1/personnel/planning"): Case(record_keeper(), setup=_cadre, body=lambda w: {
        "person": w.extras["person"].pk, "position": w.extras["position"].pk, "added_on": "2025-07-20"}),
    ("GET", "/api/v1/personnel/record-openings"): Case(system_admin()),
    # Who holds which post is public: the leaders' list is everyone's (birth year, sex, ethnicity only for record seers).
    ("GET", "/api/v1/personnel-lists/{report}"): Case(everyone, setup=_cadre, path=lambda w: "/personnel-lists/leaders",
                                                      params=lambda w: {"unit": "25", "format": "xlsx"}),
    ("POST", "/api/v1/tokens/{token_id}/revoke"): Case(everyone, setup=_own_token,
                                                       path=lambda w: f"/tokens/{w.extras['token'].pk}/revoke"),
}


def _operations(client) -> set[tuple[str, str]]:
    schema = client.get("/api/v1/openapi.json").json()
    return {(method.upper(), path) for path, operations in schema["paths"].items() for method in operations}


def test_every_operation_has_an_expectation(client):
    operations = _operations(client)
    assert sorted(operations - set(CASES)) == [], "operations with no expectation in the permission matrix"
    assert sorted(set(CASES) - operations) == [], "expectations for operations that no longer exist"


@pytest.fixture
def world(freeze, make_user) -> World:
    freeze(TODAY)
    document = a_document(issuing_unit="25.TU.BTV", issued_on=dt.date(2025, 7, 15))
    leader = a_leader()
    task = a_task(document=document, lead_unit="25.TU.BTC", deadline=dt.date(2025, 7, 25), leader=leader)
    btc = Unit.objects.get(code="25.TU.BTC")
    kpi = kpi_target_create(actor=None, unit=btc, indicator="Kết nạp đảng viên", period_start=dt.date(2025, 7, 1),
                            period_end=dt.date(2025, 12, 31), comparison="gte", target=20)
    reorganization = reorganizations.reorganization_prepare(actor=None, kind="rename", effective_on=dt.date(2025, 9, 1),
                                                            predecessors=[btc], new_name="Ban Tổ chức (mới)")
    cluster_create(actor=None, code="CUM-TEST", name="Cụm thử", members=[Unit.objects.get(code="25"), Unit.objects.get(code="01")])
    world = World(document=document, task=task, leader=leader, kpi=kpi, reorganization=reorganization,
                  reporter=make_user("specialist", "25.TU.BTC"))
    _meeting(world)
    _inspections(world)
    return world


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _call(client, headers: dict, method: str, case: Case, world: World, template: str):
    path = "/api/v1" + (case.path(world) if case.path else template.removeprefix("/api/v1"))
    if method == "GET":
        return client.get(path, case.params(world) if case.params else {}, **headers)
    if method == "PATCH":
        return client.patch(path, case.body(world) if case.body else {}, content_type="application/json", **headers)
    if case.form is not None:
        return client.post(path, case.form(world), **headers)
    return client.post(path, case.body(world) if case.body else {}, content_type="application/json", **headers)


def _run(client, headers: dict, world: World, expect: Callable[[Case], int]) -> list[str]:
    mismatches = []
    for (method, template), case in CASES.items():
        with transaction.atomic():
            if case.setup:
                case.setup(world)
            before = _counts() if method != "GET" else None
            response = _call(client, headers, method, case, world, template)
            wanted = expect(case)
            if response.status_code != wanted:
                mismatches.append(f"{method} {template}: {response.status_code} (wanted {wanted}) {response.content[:200]!r}")
            elif before is not None and response.status_code >= 400:
                after = _counts()
                changed = {label: (before[label], after[label]) for label in before if before[label] != after[label]}
                if changed:
                    mismatches.append(f"{method} {template}: refused with {response.status_code} but changed {changed}")
            transaction.set_rollback(True)
    return mismatches


@pytest.mark.parametrize("scope", list(SCOPES))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_in_each_scope_gets_exactly_its_status(client, make_user, world, role, scope):
    world.user = make_user(clearance=0)
    for code in SCOPES[scope]:
        membership_grant(actor=None, user=world.user, unit=Unit.objects.get(code=code), role=role)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_create(actor=None, user=world.user)}"}
    assert _run(client, headers, world, lambda case: case.expect(role, scope)) == []


def test_without_credentials_every_operation_is_401_and_changes_nothing(client, world):
    world.user = a_leader()
    audit_before = AuditRecord.objects.count()
    assert _run(client, {}, world, lambda case: 401) == []
    assert AuditRecord.objects.count() == audit_before


# The page downloads of uploads (issue 14, class 10): the same rule as the document or task they belong to.
PAGE_DOWNLOADS = {
    "/documents/{document_id}/attachments/{attachment_id}/": (
        _attachment, lambda w: f"/documents/{w.document.pk}/attachments/{w.extras['attachment'].pk}/"),
    "/tasks/{task_id}/evidence/{evidence_id}/": (
        _evidence, lambda w: f"/tasks/{w.task.pk}/evidence/{w.extras['evidence'].pk}/"),
}


@pytest.mark.parametrize("scope", list(SCOPES))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_downloads_an_upload_on_the_pages_exactly_when_it_sees_its_owner(client, make_user, world, role, scope):
    world.user = make_user(clearance=0)
    for code in SCOPES[scope]:
        membership_grant(actor=None, user=world.user, unit=Unit.objects.get(code=code), role=role)
    for setup, _ in PAGE_DOWNLOADS.values():
        setup(world)
    client.force_login(world.user)
    got = {template: client.get(path(world)).status_code for template, (_, path) in PAGE_DOWNLOADS.items()}
    assert got == dict.fromkeys(PAGE_DOWNLOADS, reader(role, scope))
    client.logout()
    assert {template: client.get(path(world)).status_code for template, (_, path) in PAGE_DOWNLOADS.items()} == dict.fromkeys(
        PAGE_DOWNLOADS, 302)  # to the sign-in page
