"""Schemathesis sends generated requests to every operation of the OpenAPI schema, as a system administrator.

Three phases, each with a fixed seed (`derandomize`) and a small budget so that `make test` stays quick (a deep run
of the same phases is `bench/fuzz_api.py`):
- generation: valid requests; no server error, and every answer the schema documents matches its schema;
- fuzzing: requests that break the schema (wrong types, missing fields, values out of range); no server error;
- stateful: sequences of operations, later ones using what earlier ones created; no server error.
Runs in-process through the WSGI application (no server).
"""
import datetime as dt
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from mandate.accounts.services import token_create
from mandate.wsgi import application
from tests.factories import a_document, a_task

pytestmark = pytest.mark.django_db

# `bench/fuzz_deep.py` multiplies the budgets (MANDATE_FUZZ_SCALE); `make test` runs them as they are.
SCALE = int(os.environ.get("MANDATE_FUZZ_SCALE", "1"))
FIXED_SEED = "MANDATE_FUZZ_RANDOM" not in os.environ
EXAMPLES_PER_OPERATION = 25 * SCALE
NEGATIVE_EXAMPLES_PER_OPERATION = 6 * SCALE
STATEFUL_SCENARIOS = 25 * SCALE
STATEFUL_STEPS = 6 + SCALE
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
# A request that breaks the schema is answered 4xx in the API's error format; its content need not match a schema.
NEGATIVE_CHECKS = [not_a_server_error]


@pytest.fixture
def keep_the_test_connection():
    """The WSGI handler closes the database connection after each request; the test's transaction must survive it,
    as Django's own test client arranges."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def admin_headers(make_user, freeze):
    freeze(dt.date(2025, 7, 20))
    a_task(document=a_document(issuing_unit="25.TU.BTV"), lead_unit="25.TU.BTC")  # something for ids 1 to find
    return {"Authorization": f"Bearer {token_create(actor=None, user=make_user('system_admin', 'VN'))}"}


def _schema():
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def _every_operation(mode: GenerationMode, examples: int, checks, headers) -> dict[str, str]:
    """Each operation's failure, by its label."""
    failures = {}
    operations = [result.ok() for result in _schema().get_all_operations()]
    assert len(operations) >= 40
    for operation in operations:
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=examples, deadline=None, database=None, derandomize=FIXED_SEED,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        def exercise(case):
            case.call_and_validate(headers=headers, checks=checks)

        try:
            exercise()
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - report every failing operation, not only the first
            failures[operation.label] = str(error)[:1500]
    for label, message in failures.items():
        print(f"=== {label}\n{message}")
    return failures


def test_no_operation_answers_with_a_server_error_or_against_its_schema(admin_headers, keep_the_test_connection):
    assert _every_operation(GenerationMode.POSITIVE, EXAMPLES_PER_OPERATION, CHECKS, admin_headers) == {}


def test_no_operation_answers_requests_that_break_the_schema_with_a_server_error(admin_headers, keep_the_test_connection):
    assert _every_operation(GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES_PER_OPERATION, NEGATIVE_CHECKS, admin_headers) == {}


def run_stateful(headers: dict, *, scenarios: int, steps: int) -> None:
    """Sequences of calls (an id an answer gave is used by the next call), each answered without a server error."""

    class Sequences(_schema().as_state_machine()):
        # Each scenario starts from the same database: what one sequence created (people, tasks) is rolled back
        # before the next, so that a sequence hypothesis replays meets the answers it met when it was drawn.
        def setup(self):
            self._scenario = transaction.atomic()
            self._scenario.__enter__()

        def teardown(self):
            transaction.set_rollback(True)
            self._scenario.__exit__(None, None, None)

        def get_call_kwargs(self, case):
            return {"headers": headers}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=NEGATIVE_CHECKS)

    Sequences.run(settings=settings(max_examples=scenarios, stateful_step_count=steps, deadline=None, database=None,
                                    derandomize=FIXED_SEED, phases=[Phase.generate], suppress_health_check=list(HealthCheck)))


def test_sequences_of_operations_answer_without_a_server_error(admin_headers, keep_the_test_connection):
    run_stateful(admin_headers, scenarios=STATEFUL_SCENARIOS, steps=STATEFUL_STEPS)
