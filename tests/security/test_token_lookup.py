"""A bearer token is looked up once per request, though both the API's edge (for an Idempotency-Key) and the
operation's authentication ask who is calling; its `last_used_at` is written once (issue 14, classes 9 and 11)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mandate.accounts.models import ApiToken
from tests.factories import a_task

pytestmark = pytest.mark.django_db


def _token_queries(queries) -> tuple[int, int]:
    sqls = [query["sql"] for query in queries if "accounts_apitoken" in query["sql"]]
    return sum(sql.startswith("SELECT") for sql in sqls), sum(sql.startswith("UPDATE") for sql in sqls)


def test_a_post_with_an_idempotency_key_reads_the_token_once_and_notes_its_use_once(api, make_user):
    task = a_task(lead_unit="25.TU.BTC")
    api.login(make_user("specialist", "25.TU.BTC"))
    with CaptureQueriesContext(connection) as first:
        response = api.post(f"/tasks/{task.pk}/transitions", {"name": "start", "version": 1}, HTTP_IDEMPOTENCY_KEY="k-1")
    assert response.status_code == 200
    assert _token_queries(first.captured_queries) == (1, 1)
    assert ApiToken.objects.get().last_used_at is not None
    with CaptureQueriesContext(connection) as second:
        assert api.get(f"/tasks/{task.pk}").status_code == 200
    assert _token_queries(second.captured_queries) == (1, 0)  # used a moment ago: not written again
