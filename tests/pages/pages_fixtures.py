"""Page-test fixtures: a plan of the Phú Thọ party committee and tasks it gives.

Imported by the test modules rather than kept in a conftest.py, because tests/ingest_api imports its own conftest by name.
"""
import datetime as dt

import pytest

from mandate.core import clock


@pytest.fixture
def plan(db, unit):
    from mandate.documents.services import document_register

    return document_register(actor=None, issuing_unit=unit("25.TU"), type="KH", issued_on=clock.today() - dt.timedelta(days=30),
                             title="Kế hoạch thực hiện Kết luận 177-KL/TW")


@pytest.fixture
def make_task(plan, unit, make_user):
    from mandate.tasks.services import task_create

    def make(*, days: int = 30, lead: str = "25.TU.BTC", title: str = "Rà soát quy hoạch cán bộ", **fields):
        leader = fields.pop("leader", None) or make_user()
        return task_create(actor=None, document=plan, title=title, lead_unit=unit(lead), leader=leader,
                           product="Báo cáo kết quả rà soát", deadline=clock.today() + dt.timedelta(days=days), **fields)

    return make
