"""What waits for me (issue 16, item 4): the inbox composes each app's selector of what waits, and offers only what
the user's own services would let them do — the working regulation decides who decides, nobody decides their own
request, nothing above one's clearance — in a fixed number of queries."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from mandate.accounts.models import Decision, Role
from mandate.accounts.regulations import regulation_adopt
from mandate.core.errors import PermissionDenied
from mandate.inbox.selectors import inbox_count, inbox_of
from mandate.orgs.models import Unit
from mandate.tasks import services
from mandate.tasks.models import Task
from tests.factories import a_task

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 7, 20)


@pytest.fixture(autouse=True)
def today(freeze):
    freeze(TODAY)


@pytest.fixture
def staff(make_user):
    return {
        "leader": make_user(Role.LEADER, "25.TU", username="bithu"),  # the committee above the Standing Committee
        "deputy": make_user(Role.LEADER, "25.TU", username="phobithu"),
        "admin": make_user(Role.UNIT_ADMIN, "25.TU", username="quantri"),
        "lead": make_user(Role.SPECIALIST, "25.TU.BTC", username="chuyenvien"),
        "commune": make_user(Role.LEADER, "25.TU.BTC", username="truongban"),
    }


def _waiting(user) -> dict[str, list[int]]:
    """Section key → the tasks (or opinions) of its entries, the empty sections left out."""
    return {s.key: [e.task_id or e.opinion_id for e in s.entries] for s in inbox_of(user=user) if s.count}


def _ask(staff, task, who="lead"):
    return services.extension_request(actor=staff[who], task=task, requested_deadline=dt.date(2025, 8, 30),
                                      reason="Chờ số liệu của các huyện")


def test_a_leaders_inbox_shows_the_request_and_deciding_it_on_the_page_empties_it(client, staff):
    task = a_task(title="Rà soát quy hoạch cán bộ")
    extension = _ask(staff, task)
    client.force_login(staff["leader"])
    with translation.override("vi"):
        page = client.get("/inbox/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Rà soát quy hoạch cán bộ" in page
    assert f'href="/tasks/{task.pk}/#extension-decision"' in page  # one click from the decision
    detail = client.get(f"/tasks/{task.pk}/").content.decode()
    assert 'id="extension-decision"' in detail
    answer = client.post(f"/tasks/{task.pk}/extensions/{extension.pk}/decision/",
                         {"approve": "1", "note": "", "version": Task.objects.get(pk=task.pk).version})
    assert answer.status_code == 302
    assert _waiting(staff["leader"]) == {}
    assert 'id="inbox-empty"' in client.get("/inbox/").content.decode()
    assert client.get("/inbox/count/").content.decode().strip() == ""


def test_the_api_lists_the_request_with_its_page_and_deciding_it_empties_the_inbox(api, staff):
    task = a_task(title="Rà soát quy hoạch cán bộ")
    extension = _ask(staff, task)
    body = api.login(staff["leader"]).get("/inbox").json()
    assert body["total"] == 1
    section = next(s for s in body["sections"] if s["key"] == "extensions")
    assert section["count"] == 1
    assert section["entries"] == [{"title": "Rà soát quy hoạch cán bộ", "url": f"/tasks/{task.pk}/#extension-decision",
                                   "unit": task.lead_unit.name, "date": "2025-08-30", "detail": "Chờ số liệu của các huyện",
                                   "task_id": task.pk, "meeting_id": None, "opinion_id": None}]
    decided = api.post(f"/tasks/{task.pk}/extensions/{extension.pk}/decision",
                       {"approve": True, "version": Task.objects.get(pk=task.pk).version})
    assert decided.status_code == 200
    assert api.get("/inbox").json()["total"] == 0


def test_the_menu_and_the_dashboard_show_how_many_things_wait(client, staff):
    _ask(staff, a_task(title="Rà soát quy hoạch cán bộ"))
    client.force_login(staff["leader"])
    assert 'hx-get="/inbox/count/"' in client.get("/tasks/").content.decode()
    assert 'hx-get="/inbox/summary/"' in client.get("/").content.decode()
    assert '<span class="badge red" id="inbox-count">1</span>' in client.get("/inbox/count/").content.decode()
    assert "Rà soát quy hoạch cán bộ" in client.get("/inbox/summary/").content.decode()


def test_nobody_is_offered_their_own_request(staff):
    task = a_task()
    _ask(staff, task, who="leader")
    assert "extensions" not in _waiting(staff["leader"])
    assert _waiting(staff["deputy"])["extensions"] == [task.pk]


def test_the_working_regulation_decides_whose_inbox_holds_the_request(staff):
    regulation_adopt(actor=None, unit=Unit.objects.get(code="25.TU"), title="Quy chế làm việc", valid_from=dt.date(2025, 7, 1),
                     rules={Decision.EXTENSION: (Role.UNIT_ADMIN, True)})
    task = a_task()
    _ask(staff, task)
    assert "extensions" not in _waiting(staff["leader"])  # the service would refuse them: the regulation names the admin
    assert _waiting(staff["admin"])["extensions"] == [task.pk]
    with pytest.raises(PermissionDenied):
        services.extension_decide(actor=staff["leader"], extension=task.extensions.get(), approve=True)


def test_a_request_waits_for_the_nearest_deciders_not_every_leader_above(staff):
    """A task the Organisation Board assigns waits for its own leader, not for the provincial committee's."""
    document = a_task(lead_unit="25.TU.BTC").document
    task = services.task_create(actor=None, document=document, title="Nhiệm vụ của Ban", lead_unit=Unit.objects.get(code="25.TU.BTC"),
                                leader=staff["lead"], product="Báo cáo", deadline=dt.date(2025, 7, 30),
                                assigning_unit=Unit.objects.get(code="25.TU.BTC"))
    _ask(staff, task)
    assert _waiting(staff["commune"]).get("extensions") == [task.pk]
    assert task.pk not in _waiting(staff["leader"]).get("extensions", [])


def test_a_secret_task_waits_only_for_those_cleared_for_it(staff):
    task = a_task(secrecy=2)
    staff["lead"].clearance = 2
    staff["lead"].save(update_fields=["clearance"])
    _ask(staff, task)
    assert "extensions" not in _waiting(staff["leader"])
    staff["deputy"].clearance = 2
    staff["deputy"].save(update_fields=["clearance"])
    assert _waiting(staff["deputy"])["extensions"] == [task.pk]


def test_a_submitted_result_waits_for_the_assigners_not_the_one_who_submitted_it(staff):
    task = a_task()
    services.task_transition(actor=staff["lead"], task=task, name="submit")
    assert _waiting(staff["leader"])["acceptance"] == [task.pk]
    assert "acceptance" not in _waiting(staff["lead"])
    task = services.task_transition(actor=staff["leader"], task=Task.objects.get(pk=task.pk), name="return", reason="Thiếu số liệu")
    assert "acceptance" not in _waiting(staff["leader"])
    assert _waiting(staff["lead"])["returned"] == [task.pk]


def test_my_late_and_nearly_late_tasks_wait_for_the_leader_in_charge_and_the_lead_unit(staff, make_user):
    in_charge = make_user()
    late = a_task(leader=in_charge, deadline=dt.date(2025, 7, 18), assigned_on=dt.date(2025, 7, 1))
    soon = a_task(leader=in_charge, deadline=dt.date(2025, 7, 23))
    a_task(leader=in_charge, deadline=dt.date(2025, 12, 31))
    assert _waiting(in_charge) == {"overdue": [late.pk], "due_soon": [soon.pk]}
    assert _waiting(staff["lead"]) == {"overdue": [late.pk], "due_soon": [soon.pk]}
    assert _waiting(staff["leader"]) == {}  # above the lead unit: the reminders escalate to them, the inbox does not


def test_the_inbox_costs_the_same_queries_for_one_request_as_for_six(staff, django_user_model):
    def queries() -> int:
        user = django_user_model.objects.get(pk=staff["leader"].pk)  # a fresh user: nothing remembered of its roles
        with CaptureQueriesContext(connection) as captured:
            inbox_of(user=user)
            inbox_count(user=user)
        return len(captured)

    tasks = [a_task() for _ in range(6)]
    _ask(staff, tasks[0])
    services.task_transition(actor=staff["lead"], task=a_task(), name="submit")
    one = queries()
    for task in tasks[1:]:
        _ask(staff, task)
        services.task_transition(actor=staff["lead"], task=a_task(), name="submit")
    assert _waiting(staff["leader"])["extensions"] == [t.pk for t in tasks]
    assert queries() == one
