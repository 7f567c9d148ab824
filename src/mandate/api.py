"""The REST API at /api/v1: one NinjaAPI, one router per app, one error format."""
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


from mandate.orgs.api import router as orgs_router  # noqa: E402
from mandate.documents.api import router as documents_router  # noqa: E402
from mandate.tasks.api import router as tasks_router  # noqa: E402
from mandate.orgs.reorganization_api import router as reorganizations_router  # noqa: E402
from mandate.ingest.api import router as ingest_router  # noqa: E402
from mandate.monitoring.api import (  # noqa: E402
    cascade_router, kpis_router, lagging_router, notifications_router, scorecards_router,
)

api.add_router("/units", orgs_router)
api.add_router("/documents", documents_router)
api.add_router("/tasks", tasks_router)
api.add_router("/reorganizations", reorganizations_router)
api.add_router("/ingest", ingest_router)
api.add_router("/scorecards", scorecards_router)
api.add_router("/lagging", lagging_router)
api.add_router("/cascade", cascade_router)
api.add_router("/kpis", kpis_router)
api.add_router("/notifications", notifications_router)
