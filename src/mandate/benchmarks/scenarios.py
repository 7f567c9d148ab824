"""The benchmark scenarios: each runs the application's real code path and its floor.

The floor of a read is the same answer computed by one hand-written SQL query on the same
connection; the harness asserts that both answers are equal. The floor of a write is the bare
INSERT/UPDATE it boils down to, committed the same way.
"""
import datetime as dt
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import unicodedata
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.test import Client

from mandate.accounts.models import User
from mandate.accounts.services import token_create
from mandate.audit.models import AuditHead, AuditRecord
from mandate.benchmarks.harness import Measured, Skip, compare, measure, summary, timed
from mandate.core import clock
from mandate.core.secrecy import HIGHEST, Secrecy
from mandate.documents.models import Document
from mandate.ingest.reader import read
from mandate.meetings.models import Meeting
from mandate.meetings.services import delegate_add, meeting_create
from mandate.monitoring.selectors import cluster_scorecards
from mandate.orgs.models import Cluster, Unit
from mandate.orgs.services import cluster_create
from mandate.orgs.territory import MERGER_EFFECTIVE, merger_successors
from mandate.reorganizations.models import Reorganization
from mandate.reorganizations.services import reorganization_apply_2025
from mandate.tasks.models import OPEN_STATES, ProgressReport, Task, TaskEvent
from mandate.tasks.selectors import TaskFilters, status_counts, task_dossier, tasks_list
from mandate.tasks.services import progress_report as report
from mandate.tasks.services import task_create as create
from mandate.tasks.status import OFFICIAL_TOTALS, official_totals

CLUSTER_CODE = "bench-cluster-14"
TASK_PAGE_SIZE = 25  # the task list page's page (tasks.views.PAGE_SIZE)
DASHBOARD_LIST = 10  # the tasks the dashboard lists of each kind (tasks.views.DASHBOARD_LIST)


@dataclass
class Context:
    as_of: dt.date
    repeat: int
    province_code: str = "01"
    unit_code: str = "01.UBND"
    concurrency: int = 8
    requests_per_client: int = 5
    _admin = None

    @property
    def admin(self):
        if self._admin is None:

            admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
            if admin is None:  # a scratch database: the harness needs someone who sees everything
                admin = User.objects.create_superuser(username="bench-admin", password=None)
            self._admin = admin
        return self._admin

    def unit(self, code: str):

        return Unit.objects.get(code=code)


# --- hand-written SQL ----------------------------------------------------------------------------

def _valid(alias: str) -> str:
    return (f"({alias}.valid_from IS NULL OR {alias}.valid_from <= %(as_of)s) AND "
            f"({alias}.valid_to IS NULL OR {alias}.valid_to > %(as_of)s)")


def _days_to_deadline() -> str:
    if connection.vendor == "postgresql":
        return "(t.deadline - %(as_of)s)"
    return "CAST(julianday(t.deadline) - julianday(%(as_of)s) AS INTEGER)"


def status_case_sql() -> str:
    """The status rule as a DBA would write it by hand (tasks `t` joined to their lead unit `u`)."""
    return (
        "CASE WHEN t.cancelled_on <= %(as_of)s THEN 'cancelled' "
        "WHEN t.completed_on <= %(as_of)s AND (t.deadline IS NULL OR t.completed_on <= t.deadline) THEN 'completed_on_time' "
        "WHEN t.completed_on <= %(as_of)s THEN 'completed_late' "
        "WHEN t.deadline < %(as_of)s THEN 'overdue' "
        f"WHEN t.deadline IS NOT NULL AND {_days_to_deadline()} <= COALESCE(u.warning_days, %(window)s) THEN 'due_soon' "
        "ELSE 'within_deadline' END"
    )


# Overdue written as plain predicates instead of through the CASE: what an index can serve.
OVERDUE_SQL = ("(t.cancelled_on IS NULL OR t.cancelled_on > %(as_of)s) AND (t.completed_on IS NULL OR t.completed_on > %(as_of)s) "
               "AND t.deadline < %(as_of)s")


def subtree_sql(root_param: str = "root") -> str:
    return (f"t.lead_unit_id IN (SELECT p.unit_id FROM orgs_placement p JOIN orgs_placement r ON r.unit_id = %({root_param})s "
            f"AND {_valid('r')} WHERE {_valid('p')} AND p.path LIKE r.path || '%%')")


def _params(context: Context, **extra) -> dict:
    from django.conf import settings

    return {"as_of": context.as_of, "window": settings.MANDATE_DEFAULT_WARNING_DAYS, **extra}


def _counts_from_rows(rows) -> dict[str, int]:
    """The official totals `status_counts` answers with, from (status, n) rows."""
    return official_totals(dict(rows))


def _fetch(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def floor_counts(context: Context, *, where: str, params: dict, clearance: int = HIGHEST) -> dict[str, int]:
    # The generated reader's reach covers the subtree, so the need to know is met; the clearance alone cuts.
    extra = "" if clearance >= HIGHEST else f" AND t.secrecy <= {int(clearance)}"
    sql = (f"SELECT s, COUNT(*) FROM (SELECT {status_case_sql()} AS s FROM tasks_task t "
           f"JOIN orgs_unit u ON u.id = t.lead_unit_id WHERE t.assigned_on <= %(as_of)s AND {where}{extra}) AS x GROUP BY s")
    return _counts_from_rows(_fetch(sql, _params(context, **params)))


# --- scenarios -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scenario:
    name: str
    kind: str  # read, write, throughput, api, pending
    describe: str
    run: Callable[[Context], dict]


REGISTRY: dict[str, Scenario] = {}


def scenario(name: str, kind: str, describe: str):
    def register(function):
        REGISTRY[name] = Scenario(name, kind, describe, function)
        return function

    return register


def _filters(context: Context, **fields):

    return TaskFilters(as_of=context.as_of, **fields)


@scenario("scorecard_unit", "read", "status_counts of one lead unit (01.UBND)")
def scorecard_unit(context: Context) -> dict:

    unit = context.unit(context.unit_code)
    app = lambda: status_counts(user=context.admin, filters=_filters(context, lead_unit=unit))  # noqa: E731
    floor = lambda: floor_counts(context, where="t.lead_unit_id = %(unit)s", params={"unit": unit.pk})  # noqa: E731
    measured = measure(name="scorecard_unit", app=app, floor=floor, repeat=context.repeat)
    measured.extra["answer_tasks"] = app()["assigned"]
    return summary("scorecard_unit", measured)


def _subtree_scorecard(context: Context, name: str, root_code: str, user=None, clearance=HIGHEST) -> dict:

    root = context.unit(root_code)
    user = user or context.admin
    app = lambda: status_counts(user=user, filters=_filters(context, lead_unit=root, subtree=True))  # noqa: E731
    floor = lambda: floor_counts(context, where=subtree_sql(), params={"root": root.pk}, clearance=clearance)  # noqa: E731
    measured = measure(name=name, app=app, floor=floor, repeat=context.repeat)
    measured.extra["answer_tasks"] = app()["assigned"]
    return summary(name, measured)


@scenario("scorecard_province", "read", "status_counts of a province's whole subtree (Hà Nội, 01)")
def scorecard_province(context: Context) -> dict:
    return _subtree_scorecard(context, "scorecard_province", context.province_code)


@scenario("scorecard_province_as_leader", "read",
          "the same subtree scorecard read by the province's leader: the permission layer's reach() and coordinator EXISTS")
def scorecard_province_as_leader(context: Context) -> dict:

    leader = User.objects.filter(username=f"leader.{context.province_code}", is_active=True).first()
    if leader is None:
        raise Skip(f"no user leader.{context.province_code}: run `mandate generate` first")
    return _subtree_scorecard(context, "scorecard_province_as_leader", context.province_code, user=leader,
                              clearance=leader.clearance)


@scenario("scorecard_nation", "read", "the national roll-up: status_counts of the subtree of VN")
def scorecard_nation(context: Context) -> dict:
    return _subtree_scorecard(context, "scorecard_nation", "VN")


def _cluster(context: Context):

    cluster = Cluster.objects.filter(members__kind="province").distinct().order_by("pk").first()
    if cluster is None or cluster.members.count() < 2:
        provinces = list(Unit.objects.valid_on(context.as_of).filter(kind="province").order_by("code")[:14])
        cluster = cluster_create(actor=None, code=CLUSTER_CODE, name="Cụm thi đua số 2 (benchmark)", members=provinces,
                                 year=context.as_of.year)
    return cluster


@scenario("scorecard_cluster", "read", "an emulation cluster of 14 provinces ranked side by side (monitoring.cluster_scorecards)")
def scorecard_cluster(context: Context) -> dict:

    cluster = _cluster(context)
    members = list(cluster.members.order_by("code"))

    def app():
        ranked = cluster_scorecards(user=context.admin, cluster=cluster, filters=_filters(context, subtree=True))
        # A scorecard holds the same official totals as `status_counts`.
        return {row.unit.code: {name: getattr(row.scorecard, name) for name in OFFICIAL_TOTALS} for row in ranked}

    def floor():
        # Units of each member's subtree first (small), then their tasks: the join order is forced on both databases.
        sql = (f"WITH m AS (SELECT p.unit_id, r.unit_id AS root FROM orgs_placement r JOIN orgs_placement p "
               f"ON p.path LIKE r.path || '%%' AND {_valid('p')} "
               f"WHERE r.unit_id IN ({', '.join(str(m.pk) for m in members)}) AND {_valid('r')}) "
               f"SELECT m.root, {status_case_sql()} AS s, COUNT(*) FROM m CROSS JOIN tasks_task t "
               f"JOIN orgs_unit u ON u.id = t.lead_unit_id "
               f"WHERE t.lead_unit_id = m.unit_id AND t.assigned_on <= %(as_of)s GROUP BY m.root, s")
        rows: dict[int, list] = {m.pk: [] for m in members}
        for unit_id, status, n in _fetch(sql, _params(context)):
            rows[unit_id].append((status, n))
        return {m.code: _counts_from_rows(rows[m.pk]) for m in members}

    measured = measure(name="scorecard_cluster", app=app, floor=floor, repeat=context.repeat)
    measured.extra["members"] = len(members)
    measured.extra["answer_tasks"] = sum(c["assigned"] for c in app().values())
    return summary("scorecard_cluster", measured)


# The fields of a task that the API gives for each row of a list and each delegated part (tasks.api.TaskOut).
TASK_FIELDS = ("id", "title", "state", "status", "document_id", "document_number", "lead_code", "lead_name",
               "assigning_code", "assigning_name", "leader", "product", "assigned_on", "deadline", "original_deadline",
               "recurrence", "progress", "completed_on", "extension_count", "parent_id", "version")
DATE_FIELDS = ("assigned_on", "deadline", "original_deadline", "completed_on")


def task_answer(task) -> tuple:
    """What the API shows of a task, read from the application's objects."""
    return (task.id, task.title, task.state, task.status, task.document_id, task.document.number_text,
            task.lead_unit.code, task.lead_unit.name, task.assigning_unit.code, task.assigning_unit.name,
            task.leader.username, task.product, task.assigned_on, task.deadline, task.original_deadline, task.recurrence,
            task.progress, task.completed_on, task.extension_count, task.parent_id, task.version)


def task_columns(t: str, lead: str, assigning: str, leader: str, document: str, status: str) -> list[tuple[str, str]]:
    """(name, SQL) of `TASK_FIELDS` over a task `t` joined to its units, leader and document."""
    return list(zip(TASK_FIELDS, (
        f"{t}.id", f"{t}.title", f"{t}.state", status, f"{t}.document_id", f"{document}.number_text", f"{lead}.code",
        f"{lead}.name", f"{assigning}.code", f"{assigning}.name", f"{leader}.username", f"{t}.product", f"{t}.assigned_on",
        f"{t}.deadline", f"{t}.original_deadline", f"{t}.recurrence", f"{t}.progress", f"{t}.completed_on",
        f"{t}.extension_count", f"{t}.parent_id", f"{t}.version"), strict=True))


def task_joins(t: str, lead: str, assigning: str, leader: str, document: str) -> str:
    return (f"JOIN orgs_unit {lead} ON {lead}.id = {t}.lead_unit_id JOIN orgs_unit {assigning} ON {assigning}.id = "
            f"{t}.assigning_unit_id JOIN accounts_user {leader} ON {leader}.id = {t}.leader_id "
            f"JOIN documents_document {document} ON {document}.id = {t}.document_id")


def _overdue_page(context: Context, name: str, root_code: str | None) -> dict:

    root = context.unit(root_code) if root_code else None
    filters = _filters(context, status="overdue", lead_unit=root, subtree=root is not None)

    def app():
        return [task_answer(t) for t in tasks_list(user=context.admin, filters=filters)[:50]]

    # Every row is overdue by the WHERE, so the floor need not compute the CASE.
    columns = ", ".join(sql for _, sql in task_columns("t", "u", "au", "l", "d", "'overdue'"))
    where = f" AND {subtree_sql()}" if root else ""
    sql = (f"SELECT {columns} FROM tasks_task t {task_joins('t', 'u', 'au', 'l', 'd')} "
           f"WHERE t.assigned_on <= %(as_of)s AND {OVERDUE_SQL}{where} ORDER BY t.deadline, t.id LIMIT 50")

    def floor():
        return [tuple(row) for row in _fetch(sql, _params(context, root=root.pk if root else None))]

    measured = measure(name=name, app=app, floor=floor, repeat=context.repeat)
    measured.extra["answer_rows"] = len(app())
    return summary(name, measured)


@scenario("overdue_page_province", "read", "first page (50) of a province's overdue tasks, by deadline")
def overdue_page_province(context: Context) -> dict:
    return _overdue_page(context, "overdue_page_province", context.province_code)


@scenario("overdue_page_nation", "read", "first page (50) of the nation's overdue tasks, by deadline")
def overdue_page_nation(context: Context) -> dict:
    return _overdue_page(context, "overdue_page_nation", None)


def _json_object(pairs: list[tuple[str, str]]) -> str:
    function = "json_build_object" if connection.vendor == "postgresql" else "json_object"
    arguments = ", ".join(f"'{key}', {sql}" for key, sql in pairs)
    return f"{function}({arguments})"


def _json_list(element: str, order: str, source: str) -> str:
    """A JSON array of `element` over the rows of `source`, in `order`; [] when there are none."""
    if connection.vendor == "postgresql":
        return f"(SELECT COALESCE(json_agg({element} ORDER BY {order}), '[]'::json) FROM {source})"
    # SQLite keeps a value's JSON type only within one expression: json() restores it after each subquery.
    return f"json((SELECT json_group_array(json(v)) FROM (SELECT {element} AS v FROM {source} ORDER BY {order})))"


def _json_value(sql: str) -> str:
    return sql if connection.vendor == "postgresql" else f"json({sql})"


def _from_json_task(row: dict) -> tuple:
    return tuple(dt.date.fromisoformat(row[key]) if key in DATE_FIELDS and row[key] else row[key] for key in TASK_FIELDS)


def _from_json_time(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)  # SQLite keeps UTC without an offset


def dossier_answer(task) -> tuple:
    """What the API detail (tasks.api.TaskDetailOut) shows, read from the application's objects."""
    return (
        task_answer(task) + (task.description,),
        [(unit.code, unit.name) for unit in task.coordinator_units],
        [task_answer(child) for child in task.delegated["children"]],
        [(event.at, event.kind, event.actor.username if event.actor else None, event.from_state, event.to_state,
          event.note, event.data) for event in task.timeline],
        [(x.id, x.state, x.previous_deadline, x.requested_deadline, x.reason, x.requested_by.username, x.decision_note)
         for x in task.extension_requests],
    )


def dossier_floor_sql() -> str:
    """The whole dossier of task %(task)s in one statement: task, coordinators, delegated parts, timeline, extensions."""
    child_status = status_case_sql().replace("t.", "c.").replace("u.warning_days", "cu.warning_days")
    children = _json_list(_json_object(task_columns("c", "cu", "cau", "cl", "cd", child_status)), "cu.code, c.id",
                          f"tasks_task c {task_joins('c', 'cu', 'cau', 'cl', 'cd')} WHERE c.parent_id = t.id")
    coordinators = _json_list(_json_object([("code", "cu2.code"), ("name", "cu2.name")]), "cu2.code",
                              "tasks_taskcoordinator tc JOIN orgs_unit cu2 ON cu2.id = tc.unit_id WHERE tc.task_id = t.id")
    timeline = _json_list(_json_object([
        ("at", "e.at"), ("kind", "e.kind"), ("actor", "a.username"), ("from_state", "e.from_state"),
        ("to_state", "e.to_state"), ("note", "e.note"), ("data", _json_value("e.data"))]), "e.at, e.id",
        "tasks_taskevent e LEFT JOIN accounts_user a ON a.id = e.actor_id WHERE e.task_id = t.id")
    extensions = _json_list(_json_object([
        ("id", "x.id"), ("state", "x.state"), ("previous_deadline", "x.previous_deadline"),
        ("requested_deadline", "x.requested_deadline"), ("reason", "x.reason"), ("requested_by", "r.username"),
        ("decision_note", "x.decision_note")]), "x.requested_at",
        "tasks_extension x JOIN accounts_user r ON r.id = x.requested_by_id WHERE x.task_id = t.id")
    dossier = _json_object([*task_columns("t", "u", "au", "l", "d", status_case_sql()), ("description", "t.description"),
                            ("coordinators", coordinators), ("children", children), ("timeline", timeline),
                            ("extensions", extensions)])
    return f"SELECT {dossier} FROM tasks_task t {task_joins('t', 'u', 'au', 'l', 'd')} WHERE t.id = %(task)s"


def dossier_from_json(value) -> tuple:
    row = json.loads(value) if isinstance(value, str) else value
    return (
        _from_json_task(row) + (row["description"],),
        [(unit["code"], unit["name"]) for unit in row["coordinators"]],
        [_from_json_task(child) for child in row["children"]],
        [(_from_json_time(e["at"]), e["kind"], e["actor"], e["from_state"], e["to_state"], e["note"], e["data"])
         for e in row["timeline"]],
        [(x["id"], x["state"], dt.date.fromisoformat(x["previous_deadline"]), dt.date.fromisoformat(x["requested_deadline"]),
          x["reason"], x["requested_by"], x["decision_note"]) for x in row["extensions"]],
    )


@scenario("task_detail", "read", "task_dossier of a delegated task with coordinators, children, timeline and extensions")
def task_detail(context: Context) -> dict:

    delegated = Task.objects.filter(children__isnull=False, assigned_on__lte=context.as_of).distinct().order_by("pk")
    task = (delegated.filter(extension_count__gt=0, coordinations__isnull=False).first()
            or delegated.filter(extension_count__gt=0).first() or delegated.first()
            or Task.objects.filter(assigned_on__lte=context.as_of).order_by("pk").first())
    if task is None:
        raise Skip("no task: run `mandate generate` first")
    app = lambda: dossier_answer(task_dossier(user=context.admin, task_id=task.pk, as_of=context.as_of))  # noqa: E731
    sql = dossier_floor_sql()
    floor = lambda: dossier_from_json(_fetch(sql, _params(context, task=task.pk))[0][0])  # noqa: E731
    measured = measure(name="task_detail", app=app, floor=floor, repeat=context.repeat)
    answer = app()
    measured.extra.update(task_id=task.pk, children=len(answer[2]), timeline=len(answer[3]), extensions=len(answer[4]),
                          coordinators=len(answer[1]))
    return summary("task_detail", measured)


@scenario("task_create", "write", "task_create through the service (clears, permission, timeline, audit) vs one bare INSERT")
def task_create(context: Context) -> dict:

    unit = context.unit(context.unit_code)
    document = Document.objects.filter(registered=True, issuing_unit__isnull=False).order_by("-pk").first()
    if document is None:
        raise Skip("no registered document: run `mandate generate` first")
    leader = context.admin
    deadline = context.as_of + dt.timedelta(days=30)
    counter = iter(range(10**9))

    def app():
        return create(actor=context.admin, document=document, title=f"Nhiệm vụ đo hiệu năng {next(counter)}", lead_unit=unit,
                      leader=leader, product="Báo cáo kết quả", deadline=deadline,
                      backdate_reason="Đo hiệu năng trên văn bản đã đăng ký").pk

    now = clock.now()
    columns = ("document_id, title, search_title, description, assigning_unit_id, lead_unit_id, leader_id, product, assigned_on, "
               "deadline, original_deadline, recurrence, state, progress, extension_count, secrecy, version, created_at, updated_at, "
               "backdate_reason, imported")
    sql = (f"INSERT INTO {Task._meta.db_table} ({columns}) VALUES (%(document)s, %(title)s, %(title)s, '', %(assigning)s, %(lead)s, "
           "%(leader)s, 'Báo cáo kết quả', %(as_of)s, %(deadline)s, %(deadline)s, '', 'assigned', 0, 0, %(secrecy)s, 1, %(now)s, %(now)s, '', %(imported)s)")

    def floor():
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, {"document": document.pk, "title": f"floor {next(counter)}", "assigning": document.issuing_unit_id,
                                     "lead": unit.pk, "leader": leader.pk, "as_of": context.as_of, "deadline": deadline,
                                     "secrecy": document.secrecy, "now": now, "imported": False})

    measured = measure(name="task_create", app=app, floor=floor, repeat=context.repeat, check=False)
    return summary("task_create", measured)


@scenario("progress_report", "write", "progress_report through the service vs the bare INSERT + UPDATE")
def progress_report(context: Context) -> dict:

    task = Task.objects.filter(state="in_progress", secrecy=Secrecy.NONE).order_by("pk").first()
    if task is None:
        raise Skip("no task in progress: run `mandate generate` first")
    percents = iter(range(10**9))

    def app():
        return report(actor=context.admin, task=task, percent=next(percents) % 100, text="Đã triển khai, đang tổng hợp").pk

    insert = (f"INSERT INTO {ProgressReport._meta.db_table} (task_id, author_id, reported_at, percent, text) "
              "VALUES (%(task)s, %(author)s, %(now)s, %(percent)s, 'floor')")
    update = f"UPDATE {Task._meta.db_table} SET progress = %(percent)s, version = version + 1, updated_at = %(now)s WHERE id = %(task)s"

    def floor():
        params = {"task": task.pk, "author": context.admin.pk, "now": clock.now(), "percent": next(percents) % 100}
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(insert, params)
                cursor.execute(update, params)

    measured = measure(name="progress_report", app=app, floor=floor, repeat=context.repeat, check=False)
    return summary("progress_report", measured)


# --- a task's whole story in one request, and a create against its bare INSERTs (issue 21, item 3) -----------------

def _api_client(context: Context):
    """A test client that speaks to the whole stack (middleware, token authentication, the API's schemas, JSON) the
    way a caller does, with a token of the harness's reader; pages log the same reader in with a session."""
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "127.0.0.1")
    token = token_create(actor=None, user=context.admin, name="benchmark", lifetime=dt.timedelta(hours=1))
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def _get(client, url: str, *, json_answer: bool = True):
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise Skip(f"GET {url} answered {response.status_code}")
    return response.json() if json_answer else len(response.content)


def _api_task(row: dict) -> tuple:
    flat = {**row, "lead_code": row["lead_unit"]["code"], "lead_name": row["lead_unit"]["name"],
            "assigning_code": row["assigning_unit"]["code"], "assigning_name": row["assigning_unit"]["name"]}
    return _from_json_task(flat)


def story_from_api(row: dict) -> tuple:
    """The answer of GET /api/v1/tasks/{id}?include=progress in the shape of the floor's."""
    return (
        _api_task(row) + (row["description"],),
        [(unit["code"], unit["name"]) for unit in row["coordinators"]],
        [_api_task(child) for child in row["children"]],
        [(_from_json_time(e["at"]), e["kind"], e["actor"], e["from_state"], e["to_state"], e["note"], e["data"])
         for e in row["timeline"]],
        [(x["id"], x["state"], dt.date.fromisoformat(x["previous_deadline"]), dt.date.fromisoformat(x["requested_deadline"]),
          x["reason"], x["requested_by"], x["decision_note"]) for x in row["extensions"]],
        [(r["id"], r["percent"], r["text"], _from_json_time(r["reported_at"]), r["evidence"]) for r in row["progress_reports"]],
    )


def story_floor_sql() -> str:
    """The dossier of `dossier_floor_sql` and the task's progress reports with their evidence, in one statement."""
    evidence = _json_list("ev.name", "ev.id", "tasks_evidence ev WHERE ev.report_id = pr.id")
    reports = _json_list(_json_object([("id", "pr.id"), ("percent", "pr.percent"), ("text", "pr.text"),
                                       ("reported_at", "pr.reported_at"), ("evidence", evidence)]),
                         "pr.reported_at, pr.id", "tasks_progressreport pr WHERE pr.task_id = t.id")
    dossier = dossier_floor_sql()
    head, tail = dossier.split(" FROM tasks_task t ", 1)
    function = "json_build_object" if connection.vendor == "postgresql" else "json_object"
    assert head.startswith(f"SELECT {function}(") and head.endswith(")")
    return f"{head[:-1]}, 'progress_reports', {reports}) FROM tasks_task t {tail}"


def story_from_json(value) -> tuple:
    row = json.loads(value) if isinstance(value, str) else value
    return dossier_from_json(row) + (
        [(r["id"], r["percent"], r["text"], _from_json_time(r["reported_at"]), r["evidence"]) for r in row["progress_reports"]],)


@scenario("task_story_api", "api", "GET /api/v1/tasks/{id}?include=progress through the whole stack (task, progress reports "
          "with evidence, timeline, delegated parts) vs one hand-written statement computing the same JSON")
def task_story_api(context: Context) -> dict:
    reported = Task.objects.filter(children__isnull=False, progress_reports__isnull=False,
                                   assigned_on__lte=context.as_of).distinct().order_by("pk")
    task = (reported.filter(extension_count__gt=0).first() or reported.first()
            or Task.objects.filter(progress_reports__isnull=False, assigned_on__lte=context.as_of).order_by("pk").first())
    if task is None:
        raise Skip("no task with progress reports: run `mandate generate` first")
    client = _api_client(context)
    url = f"/api/v1/tasks/{task.pk}?include=progress&as_of={context.as_of.isoformat()}"
    app = lambda: story_from_api(_get(client, url))  # noqa: E731
    sql = story_floor_sql()
    floor = lambda: story_from_json(_fetch(sql, _params(context, task=task.pk))[0][0])  # noqa: E731
    measured = measure(name="task_story_api", app=app, floor=floor, repeat=context.repeat)
    answer = app()
    measured.extra.update(task_id=task.pk, progress_reports=len(answer[5]), timeline=len(answer[3]), children=len(answer[2]),
                          note="one request through the whole stack vs one statement on the same connection")
    return summary("task_story_api", measured)


@scenario("task_create_audited", "write", "task_create through the service vs its bare INSERTs with the audit row: "
          "the task, its timeline event, the audit record and the shard head's UPDATE, in one transaction")
def task_create_audited(context: Context) -> dict:
    unit = context.unit(context.unit_code)
    document = Document.objects.filter(registered=True, issuing_unit__isnull=False).order_by("-pk").first()
    if document is None:
        raise Skip("no registered document: run `mandate generate` first")
    deadline = context.as_of + dt.timedelta(days=30)
    counter = iter(range(10**9))

    def app():
        return create(actor=context.admin, document=document, title=f"Nhiệm vụ đo hiệu năng {next(counter)}", lead_unit=unit,
                      leader=context.admin, product="Báo cáo kết quả", deadline=deadline,
                      backdate_reason="Đo hiệu năng trên văn bản đã đăng ký").pk

    columns = ("document_id, title, search_title, description, assigning_unit_id, lead_unit_id, leader_id, product, assigned_on, "
               "deadline, original_deadline, recurrence, state, progress, extension_count, secrecy, version, created_at, updated_at, "
               "backdate_reason, imported")
    task_sql = (f"INSERT INTO {Task._meta.db_table} ({columns}) VALUES (%(document)s, %(title)s, %(title)s, '', %(assigning)s, "
                "%(lead)s, %(leader)s, 'Báo cáo kết quả', %(as_of)s, %(deadline)s, %(deadline)s, '', 'assigned', 0, 0, "
                "%(secrecy)s, 1, %(now)s, %(now)s, '', %(imported)s) RETURNING id")
    event_sql = (f"INSERT INTO {TaskEvent._meta.db_table} (task_id, at, actor_id, kind, from_state, to_state, note, data) "
                 "VALUES (%(task)s, %(now)s, %(leader)s, 'created', '', 'assigned', '', %(data)s)")
    audit_sql = (f"INSERT INTO {AuditRecord._meta.db_table} (at, actor_id, action, object_type, object_id, before, after, shard, "
                 "previous_hash, hash) VALUES (%(now)s, %(leader)s, 'task.create', 'tasks.task', %(task)s, NULL, %(data)s, "
                 "%(shard)s, %(previous)s, %(hash)s) RETURNING id")
    head_sql = f"UPDATE {AuditHead._meta.db_table} SET last_hash = %(hash)s, last_id = %(record)s, count = count + 1 WHERE id = %(shard)s"

    def floor():
        number = next(counter)
        with transaction.atomic():
            with connection.cursor() as cursor:
                params = {"document": document.pk, "title": f"floor {number}", "assigning": document.issuing_unit_id,
                          "lead": unit.pk, "leader": context.admin.pk, "as_of": context.as_of, "deadline": deadline,
                          "secrecy": document.secrecy, "now": clock.now(), "imported": False, "data": "{}", "shard": 1,
                          "previous": "0" * 64}
                cursor.execute(f"SELECT last_hash FROM {AuditHead._meta.db_table} WHERE id = 1"
                               + (" FOR UPDATE" if connection.vendor == "postgresql" else ""))
                params["previous"] = cursor.fetchone()[0]
                cursor.execute(task_sql, params)
                params["task"] = str(cursor.fetchone()[0])
                cursor.execute(event_sql, params)
                params["hash"] = f"{number:064x}"[-64:]
                cursor.execute(audit_sql, params)
                params["record"] = cursor.fetchone()[0]
                cursor.execute(head_sql, params)

    class RolledBack(Exception):
        pass

    def rolled_back(work):
        """The floor's rows break the chain (their hashes are not computed), so they never stay."""
        def run():
            try:
                with transaction.atomic():
                    work()
                    raise RolledBack
            except RolledBack:
                return None
        return run

    measured = measure(name="task_create_audited", app=app, floor=rolled_back(floor), repeat=context.repeat, check=False)
    measured.extra.update(note="floor: 4 statements (lock the head, INSERT task, event, audit record, UPDATE head), "
                               "rolled back in a savepoint; the app's create commits")
    return summary("task_create_audited", measured)


# --- pages through the full stack, each beside the API call carrying the same data (issue 21, item 4) -------------

def _page_vs_api(context: Context, name: str, page_url: str, api_url: str | list[str]) -> dict:
    """The page beside the API call (or the calls, in turn) that carry the data it shows."""
    api, api_urls = _api_client(context), [api_url] if isinstance(api_url, str) else api_url
    page = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "127.0.0.1")
    page.force_login(context.admin)
    app = lambda: _get(page, page_url, json_answer=False)  # noqa: E731
    floor = lambda: sum(len(json.dumps(_get(api, url))) for url in api_urls)  # noqa: E731
    measured = measure(name=name, app=app, floor=floor, repeat=context.repeat, check=False)
    measured.extra.update(page=page_url, api=api_url, page_bytes=app(), note="the floor is the API call with the same data")
    return summary(name, measured)


def _overdue_task(context: Context, root: Unit) -> Task:
    task = (Task.objects.filter(progress_reports__isnull=False, assigned_on__lte=context.as_of, children__isnull=False)
            .order_by("pk").first() or Task.objects.filter(assigned_on__lte=context.as_of).order_by("pk").first())
    if task is None:
        raise Skip("no task: run `mandate generate` first")
    return task


@scenario("page_dashboard", "page", "the dashboard of a province (totals, first overdue and due-soon tasks, lagging units) vs "
          "GET /api/v1/tasks/counts and the two task lists (no API answers the lagging units)")
def page_dashboard(context: Context) -> dict:
    unit, day = context.unit(context.province_code), context.as_of.isoformat()
    scope = f"lead_unit={unit.code}&subtree=true&as_of={day}"
    return _page_vs_api(context, "page_dashboard", f"/?unit={unit.code}&as_of={day}", [
        f"/api/v1/tasks/counts?{scope}", f"/api/v1/tasks?status=overdue&{scope}&limit={DASHBOARD_LIST}",
        f"/api/v1/tasks?status=due_soon&{scope}&limit={DASHBOARD_LIST}"])


@scenario("page_task_list", "page", "the task list, first page of a province's overdue, vs GET /api/v1/tasks with the same filters")
def page_task_list(context: Context) -> dict:
    unit, day = context.unit(context.province_code), context.as_of.isoformat()
    query = f"status=overdue&lead_unit={unit.code}&subtree=true&as_of={day}"
    return _page_vs_api(context, "page_task_list", f"/tasks/?{query.replace('subtree=true', 'subtree=on')}",
                        f"/api/v1/tasks?{query}&limit={TASK_PAGE_SIZE}")


@scenario("page_task", "page", "a task's page (detail, progress, timeline, delegated parts, forms) vs "
          "GET /api/v1/tasks/{id}?include=progress")
def page_task(context: Context) -> dict:
    task, day = _overdue_task(context, context.unit(context.province_code)), context.as_of.isoformat()
    return _page_vs_api(context, "page_task", f"/tasks/{task.pk}/?as_of={day}",
                        f"/api/v1/tasks/{task.pk}?include=progress&as_of={day}")


@scenario("page_scorecard", "page", "the monitoring page of a province (scorecard, ranking, trend) vs GET /api/v1/tasks/counts of it")
def page_scorecard(context: Context) -> dict:
    unit, day = context.unit(context.province_code), context.as_of.isoformat()
    return _page_vs_api(context, "page_scorecard", f"/monitoring/?unit={unit.code}&subtree=true&as_of={day}",
                        f"/api/v1/tasks/counts?lead_unit={unit.code}&subtree=true&as_of={day}")


@scenario("page_meeting", "page", "a meeting's page (delegates, groups, agenda, drafts) vs GET /api/v1/meetings/{id}")
def page_meeting(context: Context) -> dict:
    meeting = Meeting.objects.order_by("pk").first()
    if meeting is None:
        body = context.unit(context.province_code)
        meeting = meeting_create(actor=context.admin, body=body, title="Hội nghị đo hiệu năng", starts_on=context.as_of)
        for person in User.objects.filter(is_active=True).order_by("pk")[:20]:
            delegate_add(actor=context.admin, meeting=meeting, user=person)
    return _page_vs_api(context, "page_meeting", f"/meetings/{meeting.pk}/", f"/api/v1/meetings/{meeting.pk}")


# Synthetic directives in the shapes the reader knows; written here, not taken from the corpus.
_TOPICS = ("chuyển đổi số", "cải cách hành chính", "công tác cán bộ", "xây dựng nông thôn mới", "phòng, chống tham nhũng")
_BODIES = ("Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Văn phòng Tỉnh ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy",
           "Đảng ủy Ủy ban nhân dân tỉnh")


def synthetic_directive(index: int) -> str:
    topic = _TOPICS[index % len(_TOPICS)]
    number = 100 + index
    day, month = 1 + index % 27, 1 + index % 12
    lines = [
        f"TỈNH ỦY PHÚ THỌ\nSố {number:02d}-KH/TU\nPhú Thọ, ngày {day} tháng {month} năm 2025\n",
        f"KẾ HOẠCH\nthực hiện Kết luận số {150 + index % 40}-KL/TW ngày {day} tháng {month} năm 2025 của Bộ Chính trị về {topic}\n",
        "Thực hiện Kết luận nói trên, Ban Thường vụ Tỉnh ủy ban hành kế hoạch như sau:\n",
    ]
    for k in range(1 + index % 4):
        body = _BODIES[(index + k) % len(_BODIES)]
        lines.append(f"{k + 1}. {body} chủ trì, phối hợp với Văn phòng Tỉnh ủy tham mưu {topic}; "
                     f"hoàn thành trước ngày {1 + (day + k) % 27} tháng {1 + (month + k) % 12} năm 2026.\n")
    lines.append(f"Căn cứ Quyết định số {2000 + index}/QĐ-UBND ngày {day}/{month}/2025 của Ủy ban nhân dân tỉnh.\n")
    return "".join(lines)


_NUMBER_SCAN = re.compile(r"\d+[-/][\wĐđ]+(?:[-/][\wĐđ]+)*")


@scenario("ingest_read", "throughput", "mandate.ingest.read over a synthetic batch of directives; the floor is one NFC + one regex pass")
def ingest_read(context: Context) -> dict:

    texts = [synthetic_directive(i) for i in range(40)]
    characters = sum(len(t) for t in texts)
    app = lambda: [len(read(t)["tasks"]) for t in texts]  # noqa: E731
    # A lower bound for any reader: touch every character once and find the number-shaped tokens.
    floor = lambda: [len(_NUMBER_SCAN.findall(unicodedata.normalize("NFC", t))) for t in texts]  # noqa: E731
    measured = measure(name="ingest_read", app=app, floor=floor, repeat=max(1, min(context.repeat, 5)), check=False)
    tasks_found = sum(app())
    row = summary("ingest_read", measured)
    per_batch = row["p50_ms"] / 1000
    row.update(batch_texts=len(texts), batch_chars=characters, tasks_found=tasks_found,
               texts_per_s=round(len(texts) / per_batch, 1), chars_per_s=round(characters / per_batch),
               note="ms per batch of 40 texts; the floor is a lower bound, not the same answer")
    return row


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _concurrently(function: Callable[[], object], *, clients: int, each: int) -> tuple[list[float], list, float]:
    """`function` called `each` times by each of `clients` threads at once: latencies (ms), answers, wall seconds.

    A thread that touches the database opens its own connection, closed when it ends.
    """
    latencies: list[float] = []
    answers: list = []
    lock = threading.Lock()

    def client():
        try:
            for _ in range(each):
                try:
                    ms, answer = timed(function)
                except Exception as error:  # noqa: BLE001 - reported, not hidden
                    ms, answer = None, error
                with lock:
                    if ms is not None:
                        latencies.append(ms)
                    answers.append(answer)
        finally:
            connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, answers, time.perf_counter() - started


def _server_command(port: int, *, workers: int) -> list[str]:
    """gunicorn as production runs it (docs/operations.md), one sync worker per client; `runserver` without it.

    runserver serves each request on a new thread, hence a new database connection with cold caches:
    a cost production does not pay.
    """
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which("gunicorn")
    if gunicorn:
        return [gunicorn, "mandate.wsgi", "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--timeout", "120",
                "--log-level", "warning"]
    return [sys.executable, "-m", "mandate", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"]


@scenario("api_scorecard_concurrent", "api",
          "GET /api/v1/tasks/counts (province subtree) from N parallel clients over loopback to gunicorn (N workers); "
          "the floor is the hand-written count query from N parallel connections")
def api_scorecard_concurrent(context: Context) -> dict:

    if connection.in_atomic_block:
        raise Skip("the data sits in an uncommitted transaction (a test); a server in another process cannot see it")
    province = context.unit(context.province_code)
    token = token_create(actor=None, user=context.admin, name="benchmark", lifetime=dt.timedelta(hours=1))
    port = _free_port()
    server = subprocess.Popen(_server_command(port, workers=context.concurrency), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, env=os.environ.copy())
    url = f"http://127.0.0.1:{port}/api/v1/tasks/counts?lead_unit={province.code}&subtree=true&as_of={context.as_of.isoformat()}"
    headers = {"Authorization": f"Bearer {token}"}

    def get() -> dict:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=120) as response:
            return json.loads(response.read())

    def floor() -> dict:
        return floor_counts(context, where=subtree_sql(), params={"root": province.pk})

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                first = get()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise Skip(f"the server did not start: {server.stderr.read().decode()[-500:] if server.stderr else ''}") from None
                time.sleep(0.2)
        expected = status_counts(user=context.admin, filters=_filters(context, lead_unit=province, subtree=True))
        compare(first, expected, "api_scorecard_concurrent")
        compare(floor(), expected, "api_scorecard_concurrent floor")
        clients, each = context.concurrency, context.requests_per_client
        _concurrently(get, clients=clients, each=1)  # every worker connected and warm, like the floor's connections
        # Alternate halves, as `measure` alternates runs, so that other load on the machine falls on both sides alike.
        latencies, answers, wall = [], [], 0.0
        floor_latencies, floor_answers = [], []
        for half in (each - each // 2, each // 2):
            more, got, seconds = _concurrently(get, clients=clients, each=half)
            latencies += more
            answers += got
            wall += seconds
            more, got, _ = _concurrently(floor, clients=clients, each=half)
            floor_latencies += more
            floor_answers += got
    finally:
        server.terminate()
        server.wait(timeout=10)
    errors = [repr(answer) if isinstance(answer, Exception) else "answer differs" for answer in answers if answer != expected]
    errors += [f"floor: {answer!r}" for answer in floor_answers if answer != expected]
    selector = measure(name="api in-process", app=lambda: status_counts(user=context.admin, filters=_filters(
        context, lead_unit=province, subtree=True)), floor=None, repeat=context.repeat)
    measured = Measured(app_ms=latencies or [float("nan")], floor_ms=floor_latencies or [float("nan")])
    measured.extra.update(concurrency=clients, requests=len(latencies), errors=len(errors),
                          requests_per_s=round(len(latencies) / wall, 1) if wall else None,
                          selector_p50_ms=round(statistics.median(selector.app_ms), 3),
                          note="floor: the hand-written count query from the same number of parallel connections")
    if errors:
        measured.extra["first_error"] = errors[0]
    return summary("api_scorecard_concurrent", measured)


@scenario("reorganization_2025_merger", "write", "applying the 2025 merger (23 events) to the open tasks, rolled back")
def reorganization_2025_merger(context: Context) -> dict:

    if not Reorganization.objects.filter(effective_on=MERGER_EFFECTIVE, applied_at__isnull=True).exists():
        raise Skip("the 2025 merger is already applied in this database")

    class RolledBack(Exception):
        pass

    def rolled_back(work):
        def run():
            try:
                with transaction.atomic():
                    answer = work()
                    raise RolledBack(answer)
            except RolledBack as done:
                return done.args[0]
        return run

    # The floor hands each open task of an old body to the same body of its successor in one bare UPDATE.
    codes = dict(Unit.objects.values_list("code", "id"))
    pairs = []
    for old, new in merger_successors().items():
        for code, unit_id in codes.items():
            if code == old or code.startswith(old + "."):
                successor = codes.get(new + code[len(old):])
                if successor:
                    pairs.append((unit_id, successor))
    case = " ".join("WHEN %s THEN %s" for _ in pairs)
    params = [value for pair in pairs for value in pair]
    open_states = list(OPEN_STATES)
    sql = (f"UPDATE tasks_task SET lead_unit_id = CASE lead_unit_id {case} END "
           f"WHERE lead_unit_id IN ({', '.join('%s' for _ in pairs)}) AND state IN ({', '.join('%s' for _ in open_states)})")

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *(old for old, _ in pairs), *open_states])
            return cursor.rowcount

    measured = measure(name="reorganization_2025_merger", app=rolled_back(lambda: reorganization_apply_2025(actor=None)),
                       floor=rolled_back(floor), repeat=max(1, min(context.repeat, 3)), check=False)
    moved = rolled_back(floor)()
    row = summary("reorganization_2025_merger", measured)
    row["open_tasks_moved"] = moved
    return row


READ_KINDS = ("read", "api", "page")


def run(names: list[str], context: Context) -> list[dict]:
    rows = []
    for name in names:
        entry = REGISTRY[name]
        try:
            row = entry.run(context)
        except Skip as reason:
            row = {"name": name, "skipped": str(reason)}
        row["kind"] = entry.kind
        row["load_1m"] = round(os.getloadavg()[0], 2)  # the machine is shared: every figure says the load beside it
        rows.append(row)
    return rows
