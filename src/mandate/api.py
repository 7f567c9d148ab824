"""The REST API at /api/v1: one NinjaAPI, one router per app, one error format."""
import json

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from mandate.accounts.auth import BearerToken, SessionWithCsrf
from mandate.core.errors import DomainError

api = NinjaAPI(
    title="Mandate API",
    version="1",
    description="Units over time, numbered documents and six-clears tasks.",
    auth=[BearerToken(), SessionWithCsrf()],
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "form", "payload")]
        errors.append({"field": ".".join(location) or "request", "reason": error.get("msg", "invalid"), "code": error.get("type", "invalid")})
    message = "; ".join(f"{e['field']}: {e['reason']}" for e in errors) or "The request is not valid."
    return api.create_response(request, {"message": message, "errors": errors}, status=422)


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    return api.create_response(request, {"message": "Authentication required: send a bearer token or log in.", "errors": []}, status=401)


from mandate.accounts.api import regulations_router, router as tokens_router  # noqa: E402
from mandate.orgs.api import router as orgs_router  # noqa: E402
from mandate.documents.api import router as documents_router  # noqa: E402
from mandate.tasks.api import router as tasks_router  # noqa: E402
from mandate.reorganizations.api import router as reorganizations_router, units_router as lineage_router  # noqa: E402
from mandate.ingest.api import router as ingest_router  # noqa: E402
from mandate.meetings.api import router as meetings_router  # noqa: E402
from mandate.monitoring.api import (  # noqa: E402
    cascade_router, kpis_router, lagging_router, notifications_router, scorecards_router,
)

api.add_router("/units", orgs_router)
api.add_router("/units", lineage_router)  # one unit with its predecessors and successors
api.add_router("/documents", documents_router)
api.add_router("/tasks", tasks_router)
api.add_router("/reorganizations", reorganizations_router)
api.add_router("/ingest", ingest_router)
api.add_router("/meetings", meetings_router)
api.add_router("/scorecards", scorecards_router)
api.add_router("/lagging", lagging_router)
api.add_router("/cascade", cascade_router)
api.add_router("/kpis", kpis_router)
api.add_router("/notifications", notifications_router)
api.add_router("/tokens", tokens_router)
api.add_router("/regulations", regulations_router)


def _nul_field(value, path: str = "") -> str | None:
    """The dotted path of the first string (or key) holding a NUL character, or None."""
    if isinstance(value, str):
        return (path or "request") if "\x00" in value else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        inner = f"{path}.{key}" if path else str(key)
        if isinstance(key, str) and "\x00" in key:
            return path or "request"
        found = _nul_field(item, inner)
        if found:
            return found
    return None


def _nul_in_request(request) -> str | None:
    """Where a NUL character is in a query, a form field or a JSON string: PostgreSQL cannot store one in text."""
    found = _nul_field(dict(request.GET.lists()))
    if found:
        return found.split(".")[0]
    if request.content_type == "application/json":
        try:
            body = request.body
        except RequestDataTooBig:
            return None  # the operation answers that itself, naming its own limit
        # Parse only when an escaped NUL could be there; ninja parses the body again for the operation.
        if b"\\u0000" in body or b"\x00" in body:
            try:
                return _nul_field(json.loads(body))
            except ValueError:
                return "request" if b"\x00" in body else None
    elif request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        found = _nul_field(dict(request.POST.lists()))
        return found.split(".")[0] if found else None
    return None


class ApiEdge:
    """Middleware for /api/: refuses text with NUL characters (422) before any operation sees it, and gives the
    answers Django and ninja make outside any operation (unknown path, wrong method) in the API's error format."""

    MESSAGES = {404: "No such API path.", 405: "This path does not accept that method."}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        field = _nul_in_request(request)
        if field:
            reason = "contains a NUL character: binary data, not text"
            return JsonResponse({"message": f"{field}: {reason}", "errors": [{"field": field, "reason": reason, "code": "invalid"}]},
                                status=422)
        response = self.get_response(request)
        if response.status_code in self.MESSAGES and not response.get("Content-Type", "").startswith("application/json"):
            replacement = JsonResponse({"message": self.MESSAGES[response.status_code], "errors": []}, status=response.status_code)
            if response.has_header("Allow"):
                replacement["Allow"] = response["Allow"]
            return replacement
        return response
