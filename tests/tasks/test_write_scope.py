"""Write scope (issue 14, class 3): one assigns only to units one's role reaches, and dates a task more than a week
back only with a stated reason and a leader's role, or as a marked import of past work."""
import datetime as dt

import pytest
from django.utils import translation

from mandate.accounts.models import Delegation
from mandate.audit.models import AuditRecord
from mandate.core import clock
from mandate.core.errors import DomainError
from mandate.ingest import services as ingest
from mandate.orgs.models import Unit
from mandate.tasks import services
from mandate.tasks.models import Task
from tests.factories import a_document, a_leader

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(freeze):
    freeze(dt.date(2025, 7, 20))
    with translation.override("en"):
        yield


def counts():
    return Task.objects.count(), AuditRecord.objects.count()


def assign(actor, document, lead_unit, coordinators=(), **fields):
    return services.task_create(actor=actor, document=document, title="Rà soát", lead_unit=Unit.objects.get(code=lead_unit),
                                leader=fields.pop("leader", None) or a_leader(), product="Báo cáo", deadline=dt.date(2025, 8, 30),
                                coordinators=[Unit.objects.get(code=c) for c in coordinators], **fields)


def test_a_ward_specialist_cannot_assign_to_the_city_office_or_coordinators_in_other_provinces(make_user):
    ward = make_user("specialist", "07900")
    document = a_document(issuing_unit="07900.DU", type="KH", issued_on=dt.date(2025, 7, 18))
    leader, before = a_leader(), counts()
    with pytest.raises(DomainError) as refusal:
        assign(ward, document, "01.TU.VP", coordinators=["66.TU.VP"], leader=leader)
    assert [(e.field, e.code) for e in refusal.value.errors] == [("lead_unit", "out_of_scope"), ("coordinators", "out_of_scope")]
    assert "Lead unit:" in refusal.value.message and "outside the units your role reaches" in refusal.value.message
    assert counts() == before


def test_one_assigns_within_the_subtree_and_to_a_unit_that_delegated_to_ones_unit(make_user):
    specialist = make_user("specialist", "25.TU")
    document = a_document(issued_on=dt.date(2025, 7, 18))
    assert assign(specialist, document, "25.TU.BTC").lead_unit.code == "25.TU.BTC"
    with pytest.raises(DomainError):
        assign(specialist, document, "25.TU.BTC", coordinators=["01.TU.VP"])
    Delegation.objects.create(from_unit=Unit.objects.get(code="01.TU.VP"), to_unit=Unit.objects.get(code="25.TU"), role="specialist",
                              granted_at=clock.now())
    assert [c.unit.code for c in assign(specialist, document, "25.TU.BTC", coordinators=["01.TU.VP"]).coordinations.all()] == [
        "01.TU.VP"]


def test_delegating_a_part_stays_within_reach(make_user):
    lead = make_user("specialist", "25.TU")
    parent = assign(None, a_document(issued_on=dt.date(2025, 7, 18)), "25.TU")
    before = counts()
    with pytest.raises(DomainError) as refusal:
        services.task_delegate(actor=lead, parent=parent, lead_unit=Unit.objects.get(code="25.TU.BTC"), title="Phần", product="Báo cáo", leader=a_leader(),
                               coordinators=[Unit.objects.get(code="01.TU.VP")])
    assert "coordinators" in [e.field for e in refusal.value.errors]
    assert counts() == before


def test_back_dating_more_than_a_week_needs_a_reason_and_a_leader(make_user):
    specialist, leader = make_user("specialist", "25.TU"), make_user("leader", "25.TU")
    old = a_document(issued_on=dt.date(2025, 7, 1))  # its tasks would be dated 1 July, overdue at birth
    # Entered without a reason, an old document's task is assigned today, not on the document's date.
    assert assign(specialist, old, "25.TU.BTC").assigned_on == dt.date(2025, 7, 20)
    before = counts()
    with pytest.raises(DomainError) as refusal:
        assign(specialist, old, "25.TU.BTC", assigned_on=dt.date(2025, 7, 12))
    assert [(e.field, e.code) for e in refusal.value.errors] == [("backdate_reason", "backdate")]
    with pytest.raises(DomainError) as refusal:
        assign(specialist, old, "25.TU.BTC", backdate_reason="Nhập bù nhiệm vụ đã giao")
    assert [e.field for e in refusal.value.errors] == ["assigned_on"]
    assert counts() == before
    task = assign(leader, old, "25.TU.BTC", backdate_reason="Nhập bù nhiệm vụ đã giao")
    assert (task.assigned_on, task.backdate_reason, task.imported) == (dt.date(2025, 7, 1), "Nhập bù nhiệm vụ đã giao", False)
    # Seven days back is still this week's work: no reason asked.
    task = assign(specialist, a_document(issued_on=dt.date(2025, 7, 13)), "25.TU.BTC")
    assert (task.assigned_on, task.backdate_reason) == (dt.date(2025, 7, 13), "")


def test_an_import_states_its_reason_and_is_marked_imported(make_user):
    specialist = make_user("specialist", "25.TU")
    header = dict(issuing_unit="25.TU.BTV", type="KL", issued_on=dt.date(2025, 7, 2), title="Kết luận cũ")
    tasks = [ingest.ReviewedTask(title="Rà soát", lead_unit="25.TU.BTC", leader=a_leader().username, product="Báo cáo",
                                 deadline=dt.date(2025, 9, 30))]
    plain = ingest.ingestion_confirm(actor=specialist, header=ingest.ReviewedHeader(**header), tasks=tasks).tasks[0]
    assert (plain.assigned_on, plain.imported) == (dt.date(2025, 7, 20), False)  # without a reason: assigned today
    header["number"] = "99-KL/TU"
    confirmed = ingest.ingestion_confirm(actor=specialist, header=ingest.ReviewedHeader(**header, import_reason="Số hóa sổ giao việc"),
                                         tasks=tasks)
    task = confirmed.tasks[0]
    assert (task.assigned_on, task.imported, task.backdate_reason) == (dt.date(2025, 7, 2), True, "Số hóa sổ giao việc")


def test_the_refusal_names_the_field_in_vietnamese(make_user):
    specialist = make_user("specialist", "25.TU")
    with translation.override("vi"), pytest.raises(DomainError) as refusal:
        assign(specialist, a_document(issued_on=dt.date(2025, 7, 1)), "25.TU.BTC", assigned_on=dt.date(2025, 7, 1))
    assert refusal.value.message.startswith("Không thể giao nhiệm vụ: Lý do ghi ngày giao sớm hơn:")
