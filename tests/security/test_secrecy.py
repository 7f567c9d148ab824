"""The model of secrecy: the law's levels, clearances, the need to know by body, and the one predicate behind every path."""
import datetime as dt
import itertools

import pytest
from django.utils import translation

from mandate.accounts.secrecy import clearance_of, may_know, secrecy_errors
from mandate.audit.models import ReadRecord
from mandate.core.errors import DomainError
from mandate.core.secrecy import Secrecy, covers, inherited
from mandate.documents.models import Document, DocumentRelation
from mandate.documents.permissions import can_view_document, visible_documents
from mandate.documents.services import RelationSpec, document_register
from mandate.monitoring.cascade import directive_cascade
from mandate.monitoring.models import Digest, Notification
from mandate.monitoring.services import reminders_run
from mandate.orgs.models import Unit
from mandate.tasks.models import Task
from mandate.tasks.permissions import can_act_as_lead, can_view_task, visible_tasks
from mandate.tasks.services import task_create
from tests.factories import a_document, a_leader, a_task

pytestmark = pytest.mark.django_db


def test_the_levels_are_the_laws_with_their_vietnamese_names():
    assert Secrecy.values == [0, 1, 2, 3]
    with translation.override("vi"):
        assert [str(label) for label in Secrecy.labels[1:]] == ["Mật", "Tối mật", "Tuyệt mật"]
    assert covers(2, 1) and covers(2, 2) and not covers(2, 3) and not covers(0, 1)
    assert inherited(1, None, 0) == 1 and inherited(0, 3) == 3 and inherited() == 0


def test_a_task_is_at_least_as_secret_as_its_document_and_its_parent():
    document = a_document(secrecy=Secrecy.TOP_SECRET)
    task = a_task(document=document)
    assert task.secrecy == Secrecy.TOP_SECRET
    child = task_create(actor=None, document=document, parent=task, title="Phần việc", lead_unit=task.lead_unit,
                        leader=a_leader(), product="Báo cáo", deadline=task.deadline, secrecy=Secrecy.SECRET)
    assert child.secrecy == Secrecy.TOP_SECRET
    more = a_task(document=a_document(), secrecy=Secrecy.MOST_SECRET)
    assert more.secrecy == Secrecy.MOST_SECRET


def test_nobody_marks_an_item_above_their_own_clearance(make_user, unit):
    author = make_user("specialist", "25.TU.BTV", clearance=Secrecy.SECRET)
    assert secrecy_errors(author, Secrecy.SECRET) == []
    assert [e.field for e in secrecy_errors(author, 4)] == ["secrecy"]
    before = Document.objects.count()
    with pytest.raises(DomainError) as refusal:
        document_register(actor=author, issuing_unit=unit("25.TU.BTV"), type="CT", issued_on=dt.date(2025, 7, 15), title="Tối mật",
            secrecy=Secrecy.TOP_SECRET)
    assert [(e.field, e.code) for e in refusal.value.errors] == [("secrecy", "clearance")]
    assert Document.objects.count() == before


# The predicate and the filter, for every level × clearance × where the user stands.
STANDINGS = {
    "in reach": ("specialist", "25.TU.BTC"),   # leads the task: need to know
    "above": ("viewer", "25"),                 # the province: its reach covers the lead unit
    "elsewhere": ("leader", "01"),             # Hà Nội: no need to know
}


@pytest.fixture
def secret_work():
    documents = {level: a_document(secrecy=level, title=f"Văn bản cấp {level}") for level in Secrecy.values}
    tasks = {level: a_task(document=document, lead_unit="25.TU.BTC") for level, document in documents.items()}
    return documents, tasks


@pytest.mark.parametrize("standing", list(STANDINGS))
@pytest.mark.parametrize("clearance", Secrecy.values)
def test_the_predicate_and_the_filter_give_one_answer(secret_work, make_user, standing, clearance):
    documents, tasks = secret_work
    role, unit_code = STANDINGS[standing]
    user = make_user(role, unit_code, clearance=clearance)
    seen_documents = set(visible_documents(user, Document.objects.all()).values_list("pk", flat=True))
    seen_tasks = set(visible_tasks(user, Task.objects.all()).values_list("pk", flat=True))
    for level in Secrecy.values:
        needs = standing != "elsewhere"
        expected = (level == 0 and needs) or (level > 0 and level <= clearance and needs)
        assert can_view_task(user, tasks[level]) is expected, (level, "task")
        assert (tasks[level].pk in seen_tasks) is expected
        assert may_know(user, secrecy=level, needs_to_know=needs) is expected
        # A document of level 0 issued by 25.TU.BTV is open to the province's bodies that take its tasks.
        assert can_view_document(user, documents[level]) is (documents[level].pk in seen_documents)
        if level:
            assert (documents[level].pk in seen_documents) is expected
    assert clearance_of(user) == clearance


def test_a_secret_central_document_is_not_open_to_everyone_as_a_public_one_is(make_user):
    central = Unit.objects.filter(tier="central").exclude(issuer_code="").exclude(kind__in=["party_committee"]).first()
    public = Document.objects.create(registered=False, system="party", number_text="1-CT/TW", number_key="x1",
                                     issuing_unit=central, title="Công khai", created_at=dt.datetime(2025, 7, 1, tzinfo=dt.UTC))
    secret = Document.objects.create(registered=False, system="party", number_text="2-CT/TW", number_key="x2",
                                     issuing_unit=central, title="Mật", secrecy=Secrecy.SECRET,
                                     created_at=dt.datetime(2025, 7, 1, tzinfo=dt.UTC))
    cleared_elsewhere = make_user("leader", "01", clearance=Secrecy.MOST_SECRET)
    assert can_view_document(cleared_elsewhere, public)
    assert not can_view_document(cleared_elsewhere, secret)


def test_the_person_named_in_charge_needs_to_know_but_still_needs_the_clearance(make_user):
    named = make_user(clearance=Secrecy.SECRET)
    uncleared_named = make_user()
    task = a_task(document=a_document(secrecy=Secrecy.SECRET), leader=named)
    other = a_task(document=a_document(secrecy=Secrecy.SECRET), leader=uncleared_named)
    assert can_view_task(named, task)
    assert not can_view_task(uncleared_named, other)


def test_a_lead_unit_writer_without_the_clearance_cannot_act_on_a_secret_task(make_user):
    task = a_task(document=a_document(secrecy=Secrecy.TOP_SECRET))
    assert not can_act_as_lead(make_user("specialist", "25.TU.BTC", clearance=Secrecy.SECRET), task)
    assert can_act_as_lead(make_user("specialist", "25.TU.BTC", clearance=Secrecy.TOP_SECRET), task)


def test_relating_by_the_number_of_a_secret_document_answers_as_for_a_number_nobody_holds(api, make_user, unit):
    secret = a_document(secrecy=Secrecy.SECRET, number="9911-CT/TU", title="ZQ bí mật", signer="ZQ người ký")
    source = a_document(title="Kế hoạch công khai")
    writer = make_user("specialist", "25.TU.BTV")
    api.login(writer)
    answers = []
    for number in ("9911-CT/TU", "8888-CT/TU"):  # held by the secret document; held by nobody
        response = api.post(f"/documents/{source.pk}/relations", {"kind": "cites", "target_number": number})
        assert response.status_code == 201, response.json()
        answers.append((response.status_code, [(r["kind"], r["document"]["registered"], r["document"]["title"])
                                               for r in response.json()["relations"]]))
    assert answers[0][0] == answers[1][0] == 201
    assert answers[0][1][0] == answers[1][1][1] == ("cites", False, "")
    assert b"ZQ" not in api.get(f"/documents/{source.pk}").content
    assert not DocumentRelation.objects.filter(target=secret).exists()


def test_the_cascade_counts_a_secret_implementing_document_only_for_those_who_may_know_of_it(make_user, unit):
    directive = a_document(title="Chỉ thị")
    a_task(document=directive, lead_unit="25.TU.BTC")
    a_document(secrecy=Secrecy.SECRET, relations=[RelationSpec(kind="implements", target=directive)], issued_on=dt.date(2025, 7, 16))
    as_of = dt.date(2025, 8, 1)

    def province_row(user):
        cascade = directive_cascade(user=user, directive=directive, level="province", within=unit("VN"), as_of=as_of)
        return next(row for row in cascade.rows if row.unit.code == "25")

    assert province_row(make_user("leader", "25", clearance=Secrecy.SECRET)).state == "issued"
    uncleared = province_row(make_user("leader", "25"))
    assert (uncleared.state, uncleared.document_number, uncleared.document_id) == ("tasks_only", "", None)


def test_reminders_of_a_secret_task_go_only_to_those_cleared_for_it(make_user, freeze):
    freeze(dt.date(2025, 7, 30))
    cleared, uncleared = make_user("specialist", "25.TU.BTC", clearance=1), make_user("specialist", "25.TU.BTC")
    task = a_task(document=a_document(secrecy=Secrecy.SECRET), title="ZQ nhiệm vụ mật", deadline=dt.date(2025, 7, 25),
                  leader=cleared)
    reminders_run(day=dt.date(2025, 7, 30))
    assert set(Notification.objects.filter(task=task).values_list("recipient_id", flat=True)) == {cleared.pk}
    assert not Digest.objects.filter(recipient=uncleared).exists()
    assert "ZQ nhiệm vụ mật" in Digest.objects.get(recipient=cleared).body


def test_every_opening_of_a_secret_item_is_in_the_read_log(api, client, make_user):
    secret, public = a_document(secrecy=Secrecy.SECRET), a_document()
    task = a_task(document=secret)
    reader = make_user("viewer", "25", clearance=Secrecy.SECRET)
    api.login(reader)
    client.force_login(reader)
    for path in (f"/documents/{secret.pk}", f"/documents/{public.pk}", f"/tasks/{task.pk}", f"/tasks/{task.pk}/progress"):
        assert api.get(path).status_code == 200
    for path in (f"/documents/{secret.pk}/", f"/tasks/{task.pk}/"):
        assert client.get(path).status_code == 200
    reads = list(ReadRecord.objects.filter(reader=reader).order_by("id").values_list("object_type", "object_id", "via", "secrecy"))
    assert reads == [("documents.document", str(secret.pk), "api", 1), ("tasks.task", str(task.pk), "api", 1),
                     ("tasks.task", str(task.pk), "api", 1), ("documents.document", str(secret.pk), "page", 1),
                     ("tasks.task", str(task.pk), "page", 1)]


@pytest.mark.parametrize("level, clearance", list(itertools.product([1, 2, 3], [0, 1, 2, 3])))
def test_an_id_one_may_not_know_of_answers_as_an_id_that_does_not_exist(api, make_user, level, clearance):
    document = a_document(secrecy=level)
    api.login(make_user("leader", "25", clearance=clearance))
    answer = api.get(f"/documents/{document.pk}")
    if clearance >= level:
        assert answer.status_code == 200
    else:
        absent = api.get("/documents/987654321")
        assert answer.status_code == absent.status_code == 404
        assert answer.json()["message"].replace(str(document.pk), "N") == absent.json()["message"].replace("987654321", "N")


def test_the_read_log_is_for_system_administrators(api, make_user):
    document = a_document(secrecy=Secrecy.SECRET)
    reader = make_user("viewer", "25", clearance=Secrecy.SECRET, username="nguoi.doc")
    api.login(reader)
    api.get(f"/documents/{document.pk}")
    assert api.get("/reads").status_code == 403
    api.login(make_user("system_admin", "VN"))
    rows = api.get("/reads", object_type="documents.document", object_id=str(document.pk)).json()
    assert [(r["reader"], r["object_id"], r["secrecy"], r["via"]) for r in rows] == [("nguoi.doc", str(document.pk), 1, "api")]
