"""Run in a subprocess against the server's database (its own DATABASE_URL / MANDATE_DATA_DIR):

    python tests/ops/server_scripts.py setup TASKS   migrate, load the country, a reporter, TASKS tasks -> JSON
    python tests/ops/server_scripts.py inspect       every progress report with its event and audit record -> JSON
"""
import datetime as dt
import io
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.management.base import CommandError  # noqa: E402


def setup(tasks: int) -> dict:
    from mandate.accounts.models import Role, User
    from mandate.accounts.services import membership_grant, token_create
    from mandate.core import clock
    from mandate.orgs.models import Unit
    from mandate.reorganizations.services import country_load
    from tests.factories import a_document, a_task

    call_command("migrate", verbosity=0)
    country_load(actor=None)
    reporter = User.objects.create_user(username="reporter", password="x" * 12)
    for code in ("25.TU.BTC", "25.TU.BTV"):  # reports on the tasks of the one, assigns in the name of the other
        membership_grant(actor=None, user=reporter, unit=Unit.objects.get(code=code), role=Role.SPECIALIST)
    leader = User.objects.create_user(username="crash-leader", full_name="Nguyễn Văn A")
    document = a_document(issued_on=clock.today())
    deadline = clock.today() + dt.timedelta(days=60)
    ids = [a_task(document=document, lead_unit="25.TU.BTC", deadline=deadline, assigned_on=clock.today(), leader=leader).pk
           for _ in range(tasks)]
    return {"token": token_create(actor=None, user=reporter), "tasks": ids, "document": document.pk,
            "leader": leader.username, "deadline": deadline.isoformat()}


def inspect() -> dict:
    from mandate.audit.models import AuditRecord
    from mandate.tasks.models import ProgressReport, Task, TaskEvent

    reports = {r.pk: r for r in ProgressReport.objects.all()}
    events = {}
    for event in TaskEvent.objects.filter(kind="progress"):
        events[event.data.get("report")] = event
    progress_audits = AuditRecord.objects.filter(action="task.progress")
    audits_per_task: dict[str, int] = {}
    for object_id in progress_audits.values_list("object_id", flat=True):
        audits_per_task[object_id] = audits_per_task.get(object_id, 0) + 1
    reports_by_task: dict[str, list[int]] = {}
    for report in reports.values():
        reports_by_task.setdefault(str(report.task_id), []).append(report.pk)
    try:
        call_command("audit", "verify", stdout=io.StringIO(), stderr=io.StringIO())
        verified = True
    except CommandError:
        verified = False
    return {
        "reports": sorted(reports),
        "reports_without_event": sorted(set(reports) - set(events)),
        "events_without_report": sorted(set(events) - set(reports)),
        "reports_by_task": {task: sorted(ids) for task, ids in reports_by_task.items()},
        "reports_per_task": {task: len(ids) for task, ids in reports_by_task.items()},
        "audits_per_task": audits_per_task,
        "audit_verified": verified,
        "tasks": sorted(Task.objects.values_list("pk", flat=True)),
        "tasks_without_audit": sorted(set(Task.objects.values_list("pk", flat=True)) - {
            int(i) for i in AuditRecord.objects.filter(action="task.create").values_list("object_id", flat=True)}),
        "shards": sorted(set(AuditRecord.objects.values_list("shard", flat=True))),
    }


if __name__ == "__main__":
    command = sys.argv[1]
    result = setup(int(sys.argv[2])) if command == "setup" else inspect()
    print(json.dumps(result))
