"""A JSON operation sent something else than a JSON object (issue 14, class 8): a multipart or URL-encoded form, text
that is no JSON, a JSON list, an empty body. Every write operation of the API's schema is tried, so a new one cannot be
missed; none answers 500, none writes anything, and a form sent to a JSON operation is refused with 415 naming the
Content-Type, in the reader's language."""
import pytest
from django.db import transaction
from django.test import Client

from mandate.accounts.models import Role
from mandate.accounts.services import membership_grant, token_create
from mandate.orgs.models import Unit
from tests.security.test_permission_matrix import CASES, _counts, world  # noqa: F401  (world is a fixture)

pytestmark = pytest.mark.django_db


def _write_operations(client) -> dict[tuple[str, str], list[str]]:
    """(method, path) of every operation that is not a GET → the content types its body is documented in."""
    schema = client.get("/api/v1/openapi.json").json()
    return {(method.upper(), path): list(operation.get("requestBody", {}).get("content", {}))
            for path, operations in schema["paths"].items() for method, operation in operations.items() if method != "get"}


def _json_operations(client) -> list[tuple[str, str]]:
    return sorted(key for key, types in _write_operations(client).items() if types == ["application/json"])


def _form_of(body: dict) -> dict:
    """The case's body as form fields (a nested value as its text: what a careless client would send)."""
    return {name: value if isinstance(value, str | int) else str(value) for name, value in body.items() if value is not None}


SENDINGS = {
    "multipart": lambda client, path, body, headers: client.post(path, _form_of(body), **headers),
    "urlencoded": lambda client, path, body, headers: client.post(
        path, "&".join(f"{name}={value}" for name, value in _form_of(body).items()) or "x=1",
        content_type="application/x-www-form-urlencoded", **headers),
    "no content type": lambda client, path, body, headers: client.generic("POST", path, b'{"version": 1}', content_type="", **headers),
    "text/plain": lambda client, path, body, headers: client.post(path, "version=1", content_type="text/plain", **headers),
    "invalid JSON": lambda client, path, body, headers: client.post(path, '{"version": 1,', content_type="application/json", **headers),
    "a JSON list": lambda client, path, body, headers: client.post(path, [body], content_type="application/json", **headers),
    "a JSON number": lambda client, path, body, headers: client.post(path, "7", content_type="application/json", **headers),
    "not UTF-8": lambda client, path, body, headers: client.post(path, b'{"title": "\xff\xfe"}', content_type="application/json", **headers),
    "an empty body": lambda client, path, body, headers: client.post(path, b"", content_type="application/json", **headers),
}
# What each sending must get from an operation that takes a JSON object.
WANTED = {"multipart": 415, "urlencoded": 415, "no content type": 415, "text/plain": 415, "invalid JSON": 400,
          "a JSON list": 400, "a JSON number": 400, "not UTF-8": 400}


@pytest.fixture
def system_admin_headers(make_user, world):  # noqa: F811
    world.user = make_user(clearance=3)
    membership_grant(actor=None, user=world.user, unit=Unit.objects.get(code="VN"), role=Role.SYSTEM_ADMIN)
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(actor=None, user=world.user)}", "HTTP_IF_MATCH": "1"}


def test_the_walk_knows_every_write_operation_and_most_take_json(client):
    operations = _write_operations(client)
    assert sorted(set(operations) - set(CASES)) == []
    assert len(_json_operations(client)) >= 30


@pytest.mark.parametrize("sending", list(SENDINGS))
def test_no_json_operation_answers_500_or_writes_when_sent_anything_but_a_json_object(world, system_admin_headers, sending):  # noqa: F811
    client = Client()
    problems = []
    for method, template in _json_operations(client):
        case = CASES[(method, template)]
        with transaction.atomic():
            if case.setup:
                case.setup(world)
            path = "/api/v1" + (case.path(world) if case.path else template.removeprefix("/api/v1"))
            body = case.body(world) if case.body else {}
            before = _counts()
            response = SENDINGS[sending](client, path, body, system_admin_headers)
            wanted = WANTED.get(sending)
            if response.status_code >= 500 or (wanted and response.status_code != wanted):
                problems.append(f"{template}: {response.status_code} (wanted {wanted or 'no 500'}) {response.content[:160]!r}")
            elif response.status_code >= 400:
                changed = {label for label, count in _counts().items() if before[label] != count}
                if changed:
                    problems.append(f"{template}: refused with {response.status_code} but changed {sorted(changed)}")
            if response.status_code >= 400 and not response["Content-Type"].startswith("application/json"):
                problems.append(f"{template}: answered {response.status_code} outside the API's error format")
            transaction.set_rollback(True)
    assert problems == []


@pytest.mark.parametrize("sending", ["multipart", "urlencoded"])
def test_a_form_sent_to_a_json_operation_is_refused_naming_the_content_type_in_the_readers_language(
        world, system_admin_headers, sending):  # noqa: F811
    client = Client()
    path = f"/api/v1/meetings/{world.extras['meeting'].pk}/close"
    answers = {language: SENDINGS[sending](client, path, {"version": 1}, {**system_admin_headers, "HTTP_ACCEPT_LANGUAGE": language})
               for language in ("en", "vi", "ru", "uk")}
    assert {language: answer.status_code for language, answer in answers.items()} == dict.fromkeys(answers, 415)
    bodies = {language: answer.json() for language, answer in answers.items()}
    assert {language: body["errors"][0]["field"] for language, body in bodies.items()} == dict.fromkeys(bodies, "Content-Type")
    assert all("Content-Type: application/json" in body["message"] for body in bodies.values())
    assert "form" in bodies["en"]["message"]
    assert "biểu mẫu" in bodies["vi"]["message"]
    assert "форм" in bodies["ru"]["message"]
    assert "форм" in bodies["uk"]["message"]
    world.extras["meeting"].refresh_from_db()
    assert world.extras["meeting"].state == "open"


def test_invalid_json_is_refused_with_the_place_of_the_mistake_in_the_readers_language(world, system_admin_headers):  # noqa: F811
    client = Client()
    path = f"/api/v1/meetings/{world.extras['meeting'].pk}/close"
    answers = {language: client.post(path, '{"version": 1,', content_type="application/json",
                                     **system_admin_headers, HTTP_ACCEPT_LANGUAGE=language).json()
               for language in ("en", "vi")}
    assert answers["en"]["errors"][0] | {"reason": ""} == {"field": "request", "code": "invalid_json", "reason": ""}
    assert "JSON" in answers["en"]["message"] and "line 1" in answers["en"]["message"]
    assert "JSON" in answers["vi"]["message"] and "dòng 1" in answers["vi"]["message"]
    listed = client.post(path, [{"version": 1}], content_type="application/json", **system_admin_headers,
                         HTTP_ACCEPT_LANGUAGE="vi").json()
    assert listed["errors"][0]["code"] == "not_an_object" and "đối tượng JSON" in listed["message"]


def test_a_multipart_operation_still_takes_its_form_and_an_idempotency_key_does_not_break_a_json_one(world, system_admin_headers):  # noqa: F811
    client = Client()
    task = world.task
    report = client.post(f"/api/v1/tasks/{task.pk}/progress", {"percent": 20, "text": "Đã họp", "version": task.version},
                         **system_admin_headers)
    assert report.status_code == 201
    keyed = client.post(f"/api/v1/meetings/{world.extras['meeting'].pk}/close", {"version": 1}, HTTP_IDEMPOTENCY_KEY="k-1",
                        **system_admin_headers)
    assert keyed.status_code == 415
    world.extras["meeting"].refresh_from_db()
    assert world.extras["meeting"].state == "open"
