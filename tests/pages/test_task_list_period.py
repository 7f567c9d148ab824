"""A scorecard's numbers open the tasks behind them: the task list takes the same period of assignment."""
import datetime as dt

import pytest

from tests.factories import a_document, a_task

pytestmark = pytest.mark.django_db


def test_task_list_filters_by_the_period_of_assignment(client, make_user):
    user = make_user("viewer", "25")
    client.force_login(user)
    july = a_task(document=a_document(issued_on=dt.date(2025, 7, 15)), title="Việc tháng bảy", deadline=dt.date(2025, 8, 30))
    a_task(document=a_document(issued_on=dt.date(2025, 9, 15)), title="Việc tháng chín", deadline=dt.date(2025, 10, 30))
    page = client.get("/tasks/", {"as_of": "2025-10-01", "assigned_from": "2025-07-01", "assigned_to": "2025-07-31"})
    body = page.content.decode()
    assert page.status_code == 200
    assert july.title in body
    assert "Việc tháng chín" not in body
