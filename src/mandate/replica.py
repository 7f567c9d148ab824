"""Reads from a PostgreSQL streaming replica, writes on the primary (`MANDATE_REPLICA_URL`; off when it is unset).

Only a request that cannot have written reads from the replica: a GET or HEAD, outside any transaction, from a
client that has not written in the last `MANDATE_REPLICA_STICKY_SECONDS` (5). A request that writes answers with the
cookie `mandate_wrote`, and while it lasts that browser reads from the primary, so that whoever just saved something
sees it on the next page although the replica may be a moment behind; an API client that wants the same sends the
cookie back, or the header `X-Mandate-Primary: 1`. Everything else — writes, reads inside a service's transaction,
commands, the worker, the migrations — stays on the primary (alias "default"); the replica is alias "replica".
"""
import contextvars
import time

from django.conf import settings
from django.db import connections

REPLICA = "replica"
COOKIE = "mandate_wrote"
SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
_replica_allowed = contextvars.ContextVar("mandate_replica_allowed", default=False)


def sticky_seconds() -> int:
    return int(getattr(settings, "MANDATE_REPLICA_STICKY_SECONDS", 5))


class PrimaryReplicaRouter:
    """The database router of `settings.DATABASE_ROUTERS` when a replica is configured."""

    def db_for_read(self, model, **hints):
        if _replica_allowed.get() and not connections["default"].in_atomic_block:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, first, second, **hints):
        return True  # the replica holds the primary's rows: an object read there may point at one read here

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


def _wrote_recently(request) -> bool:
    if request.headers.get("X-Mandate-Primary") == "1":
        return True
    try:
        return float(request.COOKIES.get(COOKIE, "0")) > time.time()
    except ValueError:
        return False


class ReadFromReplica:
    """Middleware: lets the router send this request's reads to the replica, or keeps them on the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _replica_allowed.set(request.method in SAFE and not _wrote_recently(request))
        try:
            response = self.get_response(request)
        finally:
            _replica_allowed.reset(token)
        if request.method not in SAFE:
            seconds = sticky_seconds()
            response.set_cookie(COOKIE, str(int(time.time()) + seconds + 1), max_age=seconds + 1, httponly=True,
                                samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
        return response
