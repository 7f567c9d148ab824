"""The REST API at /api/v1: one NinjaAPI, one router per app, one error format."""
import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DataError
from django.http import HttpResponse, JsonResponse
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _, gettext_noop
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from mandate.accounts.auth import BearerToken, SessionWithCsrf, bearer_user
from mandate.accounts.idempotency import KEY_MAX_LENGTH, key_answer, key_claim, key_release, request_digest
from mandate.core.errors import DomainError, FieldError, field_label, invalid
from mandate.core.ids import MAX_ID
from mandate.core.limits import TEXT_MAX_CHARS

JSON = "application/json"
FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


def _not_json(content_type: str | None) -> DomainError:
    """415: an operation that takes a JSON object was sent a form or another kind of body."""
    sent = content_type or _("no Content-Type")
    if content_type in FORMS:
        message = _("This operation takes a JSON object, not a form (%(sent)s): send the body as JSON with the header "
                    "Content-Type: application/json.") % {"sent": sent}
    else:
        message = _("This operation takes a JSON object, not %(sent)s: send the body as JSON with the header "
                    "Content-Type: application/json.") % {"sent": sent}
    return DomainError(message, [FieldError("Content-Type", _("must be application/json"), "unsupported_media_type")],
                       status=415)


class JsonObjects(Parser):
    """The body of an operation that takes a schema: a JSON object sent as application/json, or a 415/400 that says
    what is wrong with it in the reader's language (ninja's own parser would answer an English 400, or a 500 when
    the body had already been read as a form)."""

    def parse_body(self, request):
        # ninja parses the fields of a multipart body each through a bare request of its own (content_type None).
        if request.content_type is not None and request.content_type != JSON:
            raise _not_json(request.content_type)
        try:
            parsed = json.loads(request.body)
        except UnicodeDecodeError:
            raise _body_refusal(_("The body is not JSON: it is not UTF-8 text."), "invalid_json") from None
        except ValueError as error:
            position = {"line": getattr(error, "lineno", 1), "column": getattr(error, "colno", 1)}
            raise _body_refusal(_("The body is not valid JSON (line %(line)s, column %(column)s).") % position,
                                "invalid_json") from None
        if not isinstance(parsed, dict):
            raise _body_refusal(_("The body must be a JSON object ({…} with the operation's fields), not a list, a "
                                  "number or a text."), "not_an_object")
        return parsed


def _body_refusal(message: str, code: str) -> DomainError:
    return DomainError(message, [FieldError("request", message, code)], status=400)


api = NinjaAPI(
    title="Mandate API",
    version="1",
    description="Units over time, numbered documents and six-clears tasks.",
    auth=[BearerToken(), SessionWithCsrf()],
    urls_namespace="api",
    parser=JsonObjects(),
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    # Services write their refusals through gettext; a fixed text the catalogue knows (web.forms.KNOWN_REASONS) is
    # translated here, in the language the client asked for.
    body = exc.as_dict()
    body["message"] = _(body["message"]) if body["message"] else body["message"]
    for error in body["errors"]:
        error["reason"] = _(error["reason"]) if error["reason"] else error["reason"]
    return api.create_response(request, body, status=exc.status)


# The reasons of the schema's most frequent refusals in the reader's language; the others stay as pydantic words them.
VALIDATION_REASONS = {
    "missing": gettext_noop("is required"),
    "int_parsing": gettext_noop("is not a number"),
    "int_type": gettext_noop("is not a number"),
    "float_parsing": gettext_noop("is not a number"),
    "decimal_parsing": gettext_noop("is not a number"),
    "date_parsing": gettext_noop("is not a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": gettext_noop("is not a date (YYYY-MM-DD)"),
    "date_type": gettext_noop("is not a date (YYYY-MM-DD)"),
}


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "form", "payload")]
        code = error.get("type", "invalid")
        if code in VALIDATION_REASONS:
            reason = _(VALIDATION_REASONS[code])
        elif code == "value_error":
            reason = str(error.get("msg", "invalid")).removeprefix("Value error, ")  # a validator's own, through gettext
        else:
            reason = error.get("msg", "invalid")
        errors.append({"field": ".".join(location) or "request", "reason": reason, "code": code})
    message = "; ".join(_("%(field)s: %(reason)s") % {"field": field_label(e["field"]), "reason": e["reason"]} for e in errors) \
        or _("The request is not valid.")
    return api.create_response(request, {"message": message, "errors": errors}, status=422)


@api.exception_handler(DataError)
@api.exception_handler(OverflowError)
def value_out_of_range(request, exc):
    # The last guard: a value a service did not bound (a number or text too large for its column) is the caller's
    # error, not the server's. Each service should refuse it first, naming the field.
    reason = _("a value is too large for the database to store")
    return api.create_response(request, {"message": reason, "errors": [{"field": "request", "reason": reason,
                                                                        "code": "out_of_range"}]}, status=422)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    # ninja turns any error of the parser into a 400 of its own: the parser's refusal is the one to give.
    if isinstance(exc.__cause__, DomainError):
        return domain_error(request, exc.__cause__)
    message = _("The request is not valid.")
    return api.create_response(request, {"message": message, "errors": [{"field": "request", "reason": message,
                                                                         "code": "invalid"}]}, status=exc.status_code)


@api.exception_handler(RawPostDataException)
def body_read_as_a_form(request, exc):
    # The edge read a multipart body as a form (its checks, an Idempotency-Key) before a JSON operation asked for it.
    return domain_error(request, _not_json(request.content_type))


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    return api.create_response(request, {"message": _("Authentication required: send a bearer token or log in."), "errors": []}, status=401)


from mandate.accounts.api import regulations_router, router as tokens_router  # noqa: E402
from mandate.accounts.reads_api import router as reads_router  # noqa: E402
from mandate.accounts.admin_api import router as administration_router  # noqa: E402
from mandate.orgs.api import router as orgs_router  # noqa: E402
from mandate.documents.api import router as documents_router  # noqa: E402
from mandate.tasks.api import router as tasks_router  # noqa: E402
from mandate.personnel.api import (  # noqa: E402
    events_router as personnel_events_router, people_router, positions_router, router as personnel_router,
)
from mandate.reorganizations.api import router as reorganizations_router, units_router as lineage_router  # noqa: E402
from mandate.sheets.api import router as cadre_lists_router  # noqa: E402
from mandate.ingest.api import router as ingest_router  # noqa: E402
from mandate.meetings.api import router as meetings_router  # noqa: E402
from mandate.inbox.api import router as inbox_router  # noqa: E402
from mandate.search.api import router as search_router  # noqa: E402
from mandate.reviews.api import regimes_router, reports_router, reviews_router  # noqa: E402
from mandate.reviews.indicators_api import router as indicator_sets_router  # noqa: E402
from mandate.inspections.api import router as inspections_router  # noqa: E402
from mandate.inspections.export_api import router as inspections_exports_router  # noqa: E402
from mandate.monitoring.supervision_api import router as supervision_router  # noqa: E402
from mandate.monitoring.api import (  # noqa: E402
    cascade_router, kpis_router, lagging_router, notifications_router, scorecards_router,
)

api.add_router("/units", orgs_router)
api.add_router("/units", lineage_router)  # one unit with its predecessors and successors
api.add_router("/documents", documents_router)
api.add_router("/tasks", tasks_router)
api.add_router("/positions", positions_router)
api.add_router("/people", people_router)
api.add_router("/personnel-events", personnel_events_router)
api.add_router("/personnel", personnel_router)
api.add_router("/personnel-lists", cadre_lists_router)
api.add_router("/reorganizations", reorganizations_router)
api.add_router("/ingest", ingest_router)
api.add_router("/meetings", meetings_router)
api.add_router("/scorecards", scorecards_router)
api.add_router("/lagging", lagging_router)
api.add_router("/cascade", cascade_router)
api.add_router("/kpis", kpis_router)
api.add_router("/notifications", notifications_router)
api.add_router("/inbox", inbox_router)
api.add_router("/tokens", tokens_router)
api.add_router("/reads", reads_router)
api.add_router("/regulations", regulations_router)
api.add_router("/search", search_router)
api.add_router("/inspections", inspections_router)
api.add_router("/inspections", inspections_exports_router)  # the registers and the report as files
api.add_router("/inspections", supervision_router)  # a supervision case's directive panel (monitoring reads inspections)
api.add_router("/administration", administration_router)
api.add_router("/report-regimes", regimes_router)
api.add_router("/reports", reports_router)
api.add_router("/reviews", reviews_router)
api.add_router("/indicator-sets", indicator_sets_router)


def _refusal(field: str, reason: str, code: str = "invalid") -> tuple[str, str, str]:
    return field, reason, code


def _value_refusal(value, path: str = "") -> tuple[str, str, str] | None:
    """Why a value sent to the API cannot be taken as it is (field, reason, code), or None.

    Text may not hold NUL (PostgreSQL cannot store it) or a lone surrogate (JSON's "\\ud800" is no character and
    cannot be encoded), nor be longer than any text field may be (each service refuses what
    is longer than its own model's field); an integer must fit the
    database's 64 bits.
    """
    field = path or "request"
    if isinstance(value, str):
        if "\x00" in value:
            return _refusal(field, _("contains a NUL character: binary data, not text"))
        if any("\ud800" <= character <= "\udfff" for character in value):
            return _refusal(field, _("contains a lone surrogate (half of a character): not text"))
        if len(value) > TEXT_MAX_CHARS:
            return _refusal(field, _("is %(length)s characters long; at most %(most)s are accepted")
                            % {"length": len(value), "most": TEXT_MAX_CHARS}, "too_long")
        return None
    if isinstance(value, int) and not isinstance(value, bool) and not -MAX_ID - 1 <= value <= MAX_ID:
        return _refusal(field, _("is outside the range of whole numbers that can be stored (at most %(most)s)") % {"most": MAX_ID})
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(key, str) and ("\x00" in key or any("\ud800" <= c <= "\udfff" for c in key)):
            return _refusal(field, _("holds a name that is not text"))
        # A list's items are named by the list: `coordinators`, not `coordinators.3`.
        inner = (f"{path}.{key}" if path else str(key)) if isinstance(key, str) else field
        found = _value_refusal(item, inner)
        if found:
            return found
    return None


def _request_refusal(request) -> tuple[str, str, str] | None:
    """What in the query, the form or the JSON body cannot be taken as it is."""
    for name, values in request.GET.lists():
        found = _value_refusal(values, name)
        if found:
            return found
    if request.content_type == "application/json":
        body = request.body  # RequestDataTooBig is answered by the caller
        if not body:
            return None
        try:
            parsed = json.loads(body)
        except ValueError:
            return _refusal("request", _("contains a NUL character: binary data, not text")) if b"\x00" in body else None
        return _value_refusal(parsed)
    if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        for name, values in request.POST.lists():
            found = _value_refusal(values, name)
            if found:
                return found
    return None


class ApiEdge:
    """Middleware for /api/: refuses what no operation can take (text with NUL or a lone surrogate, text longer than
    the models allow, integers past 64 bits: 422; a body past the upload limit: 413) before any operation sees it, and gives the
    answers Django and ninja make outside any operation (unknown path, wrong method) in the API's error format."""

    MESSAGES = {404: gettext_noop("No such API path."), 405: gettext_noop("This path does not accept that method.")}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        try:
            refusal = _request_refusal(request)
        except RequestDataTooBig:
            reason = _("the request is larger than %(limit)s bytes") % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
            return JsonResponse(invalid("request", reason, "too_large").as_dict(), status=413)
        if refusal:
            field, reason, code = refusal
            return JsonResponse(invalid(field, reason, code).as_dict(), status=422)
        if request.method == "POST" and "Idempotency-Key" in request.headers:
            return self._once(request)
        return self._answer(request)

    def _once(self, request):
        """A POST naming an Idempotency-Key: served once per user and key; a retry gets the first answer again."""
        key = request.headers["Idempotency-Key"].strip()
        if not key or len(key) > KEY_MAX_LENGTH or not key.isascii() or not key.isprintable():
            return _key_refusal(_("must be 1 to %(most)s visible ASCII characters") % {"most": KEY_MAX_LENGTH}, "invalid", 422)
        user = _caller(request)
        if user is None:
            return self._answer(request)  # the operation's authentication answers 401
        digest = request_digest(request)
        row, new = key_claim(user=user, key=key, request_line=f"{request.method} {request.path}", digest=digest)
        if not new:
            if row.request_hash != digest:
                return _key_refusal(_("was already used for a different request; send a new key for a new request"),
                                    "reused", 422)
            if row.status is None:
                return _key_refusal(_("the first request with this key is still being served; retry later"),
                                    "in_progress", 409)
            replay = HttpResponse(row.body, status=row.status, content_type=row.content_type)
            replay["Idempotent-Replayed"] = "true"
            return replay
        try:
            response = self._answer(request)
        except BaseException:
            key_release(row)
            raise
        if response.status_code >= 500 or response.status_code in (401, 403) or response.streaming:
            key_release(row)  # not an answer to keep: a retry tries again
        else:
            key_answer(row, status=response.status_code, content_type=response.get("Content-Type", ""),
                       body=response.content.decode("utf-8", "replace"))
        return response

    def _answer(self, request):
        response = self.get_response(request)
        if response.status_code in self.MESSAGES and not response.get("Content-Type", "").startswith("application/json"):
            replacement = JsonResponse({"message": _(self.MESSAGES[response.status_code]), "errors": []}, status=response.status_code)
            if response.has_header("Allow"):
                replacement["Allow"] = response["Allow"]
            return replacement
        return response


def _caller(request):
    """Who sends the request, as the operation's authentication will find: the bearer token's user or the session's."""
    scheme, _space, raw = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and raw.strip():
        return bearer_user(request, raw.strip())
    if "Authorization" not in request.headers and request.user.is_authenticated:
        return request.user
    return None


def _key_refusal(reason: str, code: str, status: int) -> JsonResponse:
    return JsonResponse(invalid("Idempotency-Key", reason, code).as_dict(), status=status)
