"""`GET /healthz`: whether this server can serve, for a monitor — no sign-in, no secrets, a few cheap queries.

    200 {"status": "ok" | "degraded", "version": …, "database": "ok", "migrations": "ok", "worker": {…},
         "replica": {"status": "ok" | "lagging" | "unreachable", "lag_seconds": …}  (only with a read replica)}
    503 {"status": "failing", …} when the database does not answer or a migration has not been applied

"degraded" means the site serves but the background worker lags: a task that was due more than WORKER_LAG ago is
still waiting (the worker is stopped or stuck; reminders and digests are not going out). django-tasks' database
backend keeps no heartbeat of its own, so the queue is the evidence: how many due tasks wait too long, and when the
last one finished.
"""
import datetime as dt
import time

from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Max, Q
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from mandate import __version__
from mandate.core import clock
from mandate.replica import REPLICA

WORKER_LAG = dt.timedelta(minutes=10)
# A replica further behind than this, or one that is not in recovery (promoted), makes the answer "degraded". The
# replay timestamp is that of the last transaction replayed: on a primary with no writes it ages without any lag, so
# the monitor should read it beside the primary's own activity.
REPLICA_LAG_SECONDS = 30
# Loading the migration graph costs tens of milliseconds: once every migration is applied, this process believes it
# for a minute. A deploy that adds migrations restarts the processes, which forget it.
MIGRATIONS_TRUSTED_SECONDS = 60
_migrations_checked_at = 0.0


def _migrations_applied(alias: str) -> bool:
    global _migrations_checked_at
    if time.monotonic() - _migrations_checked_at < MIGRATIONS_TRUSTED_SECONDS:
        return True
    executor = MigrationExecutor(connections[alias])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return False
    _migrations_checked_at = time.monotonic()
    return True


def _worker() -> dict:
    limit = clock.now() - WORKER_LAG
    waiting = DBTaskResult.objects.using("default").filter(status=TaskResultStatus.READY).filter(
        Q(run_after=get_date_max(), enqueued_at__lt=limit) | Q(run_after__lt=limit)).count()
    last = DBTaskResult.objects.using("default").filter(status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]).aggregate(
        last=Max("finished_at"))["last"]
    return {"overdue_tasks": waiting, "last_finished_at": last.isoformat() if last else None}


def _replica() -> dict:
    """The read replica's state, when one is configured (mandate/replica.py): whether it answers and how far behind
    the primary it replays."""
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery(), EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())")
            recovering, lag = cursor.fetchone()
    except DatabaseError:
        return {"status": "unreachable"}
    lag = round(float(lag), 1) if lag is not None else None
    late = not recovering or (lag is not None and lag > REPLICA_LAG_SECONDS)
    return {"status": "lagging" if late else "ok", "lag_seconds": lag}


def version(request: HttpRequest) -> dict:
    """The template context's `mandate_version`, for the footer."""
    return {"mandate_version": __version__}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    answer = {"status": "ok", "version": __version__, "database": "ok", "migrations": "ok"}
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        answer.update(status="failing", database="unreachable", migrations="unknown")
        return JsonResponse(answer, status=503)
    try:
        if not _migrations_applied("default"):
            answer.update(status="failing", migrations="pending")
            return JsonResponse(answer, status=503)
        answer["worker"] = _worker()
    except DatabaseError:
        answer.update(status="failing", migrations="unknown")
        return JsonResponse(answer, status=503)
    if REPLICA in connections.databases:
        answer["replica"] = _replica()
    if answer["worker"]["overdue_tasks"] or answer.get("replica", {}).get("status", "ok") != "ok":
        answer["status"] = "degraded"
    return JsonResponse(answer)
