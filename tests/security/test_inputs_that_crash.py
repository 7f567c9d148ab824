"""Inputs that once made the server answer 500: each is refused with a 4xx naming what was wrong, and changes nothing."""
import datetime as dt
import json

import pytest

from mandate.accounts.models import ApiToken
from mandate.accounts.services import token_create, token_revoke
from mandate.meetings.models import Meeting
from mandate.tasks.models import Task
from tests.factories import a_document, a_leader

pytestmark = pytest.mark.django_db

HUGE = str(2**63)
TWENTY_FIVE_DIGITS = "1" * 25


def _task_payload(document, **fields):
    return {"document": document.pk, "title": "Kế hoạch", "lead_unit": "25.TU.BTC", "leader": a_leader().username,
            "deadline": "2025-08-30", "product": "Báo cáo", **fields}


def test_a_lone_surrogate_in_a_json_text_field_is_refused_by_the_api(api, make_user):
    api.login(make_user("system_admin", "VN"))
    body = '{"title": "K\\ud800 hoạch", "document": 1}'
    response = api.post("/tasks", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "title"
    assert Task.objects.count() == 0


def test_a_lone_surrogate_sent_as_bytes_in_a_query_is_not_a_server_error(client, make_user):
    # Its UTF-8 form (ED A0 80) is not valid UTF-8: Django reads it as a replacement character.
    token = token_create(actor=None, user=make_user("system_admin", "VN"))
    response = client.get("/api/v1/tasks?q=%ED%A0%80", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


def test_a_lone_surrogate_deep_in_a_json_body_is_refused_naming_its_field(api, make_user):
    api.login(make_user("system_admin", "VN"))
    response = api.post("/ingest/confirm", '{"document": {"title": "\\udfff"}, "tasks": []}')
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "document.title"


def test_a_lone_surrogate_in_a_page_form_is_not_a_server_error(client, make_user):
    client.force_login(make_user("system_admin", "VN"))
    document = a_document(issuing_unit="25.TU.BTV")
    response = client.post("/tasks/new/", f"title=K%ED%A0%80&document={document.pk}",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 422)
    assert client.get("/tasks/?q=%ED%A0%80").status_code == 200


def test_a_meeting_number_past_the_integer_range_is_refused(api, make_user):
    api.login(make_user("system_admin", "VN"))
    response = api.post("/meetings", {"body": "25.TU", "title": "Hội nghị", "starts_on": "2025-07-20", "number": 2**63})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "number"
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize("path", [f"/tasks/{HUGE}", f"/documents/{HUGE}", f"/meetings/{HUGE}",
                                  f"/meetings/1/opinions?item={HUGE}", f"/tasks?document={HUGE}",
                                  f"/tasks/{TWENTY_FIVE_DIGITS}"])
def test_ids_past_the_integer_range_in_api_paths_and_queries_are_not_server_errors(api, make_user, path):
    api.login(make_user("system_admin", "VN"))
    path, _, query = path.partition("?")
    params = dict(part.split("=") for part in query.split("&")) if query else {}
    assert api.get(path, **params).status_code in (404, 422)


@pytest.mark.parametrize("url", ["/api/v1/scorecards/trend?as_of=0001-01-01", "/api/v1/scorecards/trend?as_of=9999-12-31",
                                 "/monitoring/?as_of=0001-01-01", "/monitoring/?as_of=9999-12-31"])
def test_a_date_at_the_ends_of_the_calendar_is_refused(client, make_user, url):
    user = make_user("system_admin", "VN")
    client.force_login(user)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_create(actor=None, user=user)}"} if url.startswith("/api/") else {}
    response = client.get(url, **headers)
    assert response.status_code == 422
    if url.startswith("/api/"):
        assert response.json()["errors"][0]["field"] == "as_of"


def test_an_as_of_out_of_the_calendar_is_refused_in_the_readers_language_by_the_api(client, make_user):
    token = token_create(actor=None, user=make_user("system_admin", "VN"))
    reason = client.get("/api/v1/scorecards/trend", {"as_of": "0001-01-01", "unit": "25"}, HTTP_ACCEPT_LANGUAGE="vi",
                        HTTP_AUTHORIZATION=f"Bearer {token}").json()["errors"][0]["reason"]
    assert reason == "01/01/0001 nằm ngoài khoảng ngày có thể hỏi (01/01/1900 đến 31/12/2999)."


@pytest.mark.parametrize("query", ["item=²", "item=٣", f"item={TWENTY_FIVE_DIGITS}", f"item={HUGE}", "group=²",
                                   f"group={TWENTY_FIVE_DIGITS}", f"version={TWENTY_FIVE_DIGITS}"])
def test_unicode_digits_and_long_ids_in_page_queries_are_not_server_errors(client, make_user, query):
    client.force_login(make_user("system_admin", "VN"))
    meeting_id = _meeting(make_user)
    for url in (f"/meetings/{meeting_id}/responses/?{query}", f"/meetings/{meeting_id}/responses.docx?{query}",
                f"/tasks/?{query}", f"/documents/?{query}"):
        assert client.get(url).status_code in (200, 404, 422), url


def _meeting(make_user) -> int:
    from mandate.meetings.services import meeting_create
    from mandate.orgs.models import Unit

    meeting = meeting_create(actor=make_user("system_admin", "VN"), body=Unit.objects.get(code="25.TU"),
                             title="Hội nghị", starts_on=dt.date(2025, 7, 20))
    return meeting.pk


def test_a_task_title_of_9_mb_is_refused(api, make_user):
    api.login(make_user("system_admin", "VN"))
    document = a_document(issuing_unit="25.TU.BTV")
    response = api.post("/tasks", _task_payload(document, title="Kế hoạch " * (9 * 1024 * 1024 // 9)))
    assert response.status_code in (413, 422)
    assert Task.objects.count() == 0


def test_every_text_field_of_a_task_is_limited(api, make_user):
    api.login(make_user("system_admin", "VN"))
    document = a_document(issuing_unit="25.TU.BTV")
    for field in ("title", "product", "description"):
        response = api.post("/tasks", _task_payload(document, **{field: "x" * 100_000 if field != "description" else "x" * 1_000_001}))
        assert response.status_code == 422, field
        assert {"field": field, "code": "too_long"} in [{"field": e["field"], "code": e["code"]} for e in response.json()["errors"]]
    assert Task.objects.count() == 0


def test_a_json_body_of_11_mb_gets_the_apis_json_413(api, make_user):
    api.login(make_user("system_admin", "VN"))
    response = api.post("/tasks", json.dumps({"title": "x" * (11 * 1024 * 1024)}))
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["errors"][0]["code"] == "too_large"


def test_a_dead_bearer_token_on_a_post_gets_401_not_a_csrf_failure(client, make_user):
    user = make_user("system_admin", "VN")
    raw = token_create(actor=None, user=user)
    token_revoke(actor=None, token=ApiToken.objects.get(user=user))
    for token in (raw, "not-a-token"):
        response = client.post("/api/v1/tasks", {"title": "x"}, content_type="application/json",
                               HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 401
        assert "CSRF" not in response.json()["message"]


def test_a_dead_bearer_token_beside_a_signed_in_session_gets_401(client, make_user):
    user = make_user("system_admin", "VN")
    raw = token_create(actor=None, user=user)
    token_revoke(actor=None, token=ApiToken.objects.get(user=user))
    client.force_login(user)
    response = client.post("/api/v1/tasks", {"title": "x"}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401


def test_a_meeting_number_past_what_its_column_holds_is_refused_naming_it(api, make_user):
    api.login(make_user("system_admin", "VN"))
    response = api.post("/meetings", {"body": "25.TU", "title": "Hội nghị", "starts_on": "2025-07-20", "number": 40_000})
    assert response.status_code == 422
    assert response.json()["errors"][0] == {"field": "number", "reason": "must be from 1 to 32767", "code": "invalid"}


def test_a_page_form_with_an_overlong_title_is_refused_before_the_view_reads_it(client, make_user):
    client.force_login(make_user("system_admin", "VN"))
    document = a_document(issuing_unit="25.TU.BTV")
    response = client.post("/tasks/new/", {"title": "x" * 600, "document": document.pk, "lead_unit": "25.TU.BTC"})
    assert response.status_code == 422
    assert "title" in response.content.decode()
    assert Task.objects.count() == 0
    page_meeting = client.post("/meetings/new/", {"body": "25.TU", "title": "Hội nghị", "starts_on": "2025-07-20",
                                                  "number": HUGE})
    assert page_meeting.status_code == 422
    assert Meeting.objects.count() == 0
