"""Schemathesis sends generated requests to every operation of the OpenAPI schema, as a system administrator.

No answer may be a server error, and every answer the schema documents must match its schema. Runs
in-process through the WSGI application (no server), a bounded number of examples per operation.
"""
import datetime as dt

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from mandate.accounts.services import token_create
from mandate.wsgi import application
from tests.factories import a_document, a_task

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 25
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def keep_the_test_connection():
    """The WSGI handler closes the database connection after each request; the test's transaction must survive it,
    as Django's own test client arranges."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_no_operation_answers_with_a_server_error_or_against_its_schema(make_user, freeze, keep_the_test_connection):
    freeze(dt.date(2025, 7, 20))
    a_task(document=a_document(issuing_unit="25.TU.BTV"), lead_unit="25.TU.BTC")  # something for ids 1 to find
    headers = {"Authorization": f"Bearer {token_create(actor=None, user=make_user('system_admin', 'VN'))}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    failures = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 40
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        def exercise(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            exercise()
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - report every failing operation, not only the first
            failures[operation.label] = str(error)[:1500]
    for label, message in failures.items():
        print(f"=== {label}\n{message}")
    assert failures == {}
