"""The database's UNIQUE constraints decide, inside the transaction: a duplicate is the domain's refusal naming the
field (never an IntegrityError, a 500), nothing of it stays, and the surrounding transaction goes on (on PostgreSQL a
failed INSERT outside a savepoint would abort it).

The race is made certain rather than hoped for: `blind` makes the model's `filter` find nothing, as a SELECT run a
moment before the other request committed would, so only the INSERT can find the duplicate."""
import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connections, transaction
from django.utils import translation

from mandate.web.forms import reason_text
from mandate.accounts.models import Delegation, User
from mandate.accounts.services import rights_delegate, user_create
from mandate.audit.models import AuditRecord
from mandate.core.errors import DomainError, FieldError
from mandate.core.integrity import refuse_duplicate, violates
from mandate.documents.models import Document, NumberSequence
from mandate.documents.services import document_register
from mandate.meetings.models import Delegate
from mandate.meetings.services import delegate_add, meeting_create
from mandate.monitoring import services as monitoring
from mandate.monitoring.models import Digest, KpiTarget, Notification
from mandate.orgs.models import Placement, Unit
from mandate.orgs.services import unit_create
from tests.factories import a_task


def blind(monkeypatch, model):
    """From now on `model.objects.filter(...)` finds no row: any look before the INSERT comes too early."""
    monkeypatch.setattr(model.objects, "filter", lambda *args, **kwargs: model.objects.none())


def fields_of(refusal) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in refusal.value.errors]


def audits(action: str) -> int:
    return AuditRecord.objects.filter(action=action).count()


@pytest.mark.django_db
def test_a_taken_user_name_is_a_422_naming_the_field_and_the_transaction_goes_on():
    first = user_create(actor=None, username="can.bo")
    with transaction.atomic():
        with pytest.raises(DomainError) as refusal:
            user_create(actor=None, username="can.bo", full_name="Người thứ hai")
        # Still inside the same transaction: it must take more work.
        second = user_create(actor=None, username="can.bo.2")
    assert (refusal.value.status, fields_of(refusal)) == (422, [("username", "unique")])
    assert refusal.value.errors[0].reason == "is already taken"
    assert list(User.objects.filter(username__startswith="can.bo").order_by("pk").values_list("pk", flat=True)) == [
        first.pk, second.pk]
    assert audits("user.create") == 2


@pytest.mark.django_db
def test_a_user_name_taken_just_before_the_insert_is_a_422(monkeypatch):
    user_create(actor=None, username="den.sau", full_name="Người đến trước")
    blind(monkeypatch, User)
    with pytest.raises(DomainError) as refusal:
        user_create(actor=None, username="den.sau")
    assert (refusal.value.status, fields_of(refusal)) == (422, [("username", "unique")])
    monkeypatch.undo()
    assert list(User.objects.filter(username="den.sau").values_list("full_name", flat=True)) == ["Người đến trước"]
    assert audits("user.create") == 1


def test_two_requests_at_once_for_one_user_name_give_one_user_and_one_422(transactional_db):
    outcomes: list = []
    barrier = threading.Barrier(2)

    def request():
        try:
            barrier.wait()
            outcomes.append(user_create(actor=None, username="cung.ten").pk)
        except DomainError as refusal:
            outcomes.append((refusal.status, [(e.field, e.code) for e in refusal.errors]))
        except BaseException as error:  # reported below; a thread cannot raise into the test
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    created = User.objects.get(username="cung.ten")
    assert sorted(outcomes, key=str) == sorted([created.pk, (422, [("username", "unique")])], key=str)
    assert audits("user.create") == 1


@pytest.mark.django_db
def test_a_taken_unit_code_is_a_422_and_leaves_no_placement_or_record(unit):
    province = unit("25")
    kept = unit_create(actor=None, code="25.SO-THU", name="Sở thử", kind="department", tier="province", parent=province)
    with pytest.raises(DomainError) as refusal:
        unit_create(actor=None, code="25.SO-THU", name="Sở khác", kind="department", tier="province", parent=province)
    assert (refusal.value.status, fields_of(refusal)) == (422, [("code", "unique")])
    assert list(Unit.objects.filter(code="25.SO-THU").values_list("pk", "name")) == [(kept.pk, "Sở thử")]
    assert Placement.objects.filter(unit__code="25.SO-THU").count() == 1
    assert audits("unit.create") == 1


@pytest.mark.django_db
def test_a_unit_code_taken_just_before_the_insert_is_a_422_and_the_transaction_goes_on(unit, monkeypatch):
    unit_create(actor=None, code="25.SO-MOI", name="Sở đến trước", kind="department", tier="province", parent=unit("25"))
    blind(monkeypatch, Unit)
    with transaction.atomic():
        with pytest.raises(DomainError) as refusal:
            unit_create(actor=None, code="25.SO-MOI", name="Sở mới", kind="department", tier="province", parent=unit("25"))
        unit_create(actor=None, code="25.SO-KHAC", name="Sở khác", kind="department", tier="province", parent=unit("25"))
    assert (refusal.value.status, fields_of(refusal)) == (422, [("code", "unique")])
    monkeypatch.undo()
    assert list(Unit.objects.filter(code="25.SO-MOI").values_list("name", flat=True)) == ["Sở đến trước"]
    assert Placement.objects.filter(unit__code="25.SO-MOI").count() == 1
    assert sorted(AuditRecord.objects.filter(action="unit.create").values_list("after__code", flat=True)) == [
        "25.SO-KHAC", "25.SO-MOI"]


@pytest.mark.django_db
def test_a_second_target_for_the_same_indicator_and_period_is_a_422(admin_api):
    body = {"unit": "25.TU.BTC", "indicator": "Đảng viên mới", "period_start": "2025-07-01", "period_end": "2025-12-31",
            "target": "10"}
    assert admin_api.post("/kpis", body).status_code == 201
    again = admin_api.post("/kpis", {**body, "target": "12"})
    assert again.status_code == 422
    assert [(e["field"], e["code"]) for e in again.json()["errors"]] == [("indicator", "duplicate")]
    assert list(KpiTarget.objects.values_list("target", flat=True)) == [Decimal("10")]
    assert audits("kpi.target_create") == 1


@pytest.mark.django_db
def test_a_target_set_just_before_the_insert_is_a_422(admin_api, unit, monkeypatch):
    body = {"unit": "25.TU.BTC", "indicator": "Đảng viên mới", "period_start": "2025-07-01", "period_end": "2025-12-31"}
    assert admin_api.post("/kpis", {**body, "target": "7"}).status_code == 201
    blind(monkeypatch, KpiTarget)
    response = admin_api.post("/kpis", {**body, "target": "10"})
    assert response.status_code == 422
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [("indicator", "duplicate")]
    monkeypatch.undo()
    assert list(KpiTarget.objects.values_list("target", flat=True)) == [Decimal("7")]
    assert audits("kpi.target_create") == 1


@pytest.fixture
def admin_api(api, make_user):
    return api.login(make_user("system_admin", "VN"))


@pytest.mark.django_db
def test_a_user_seated_twice_is_refused_naming_the_user_while_guests_of_one_name_may_be_two(unit, make_user, freeze,
                                                                                            monkeypatch):
    freeze(dt.date(2025, 11, 25))
    meeting = meeting_create(actor=None, body=unit("01.TU.BCH"), title="Hội nghị", starts_on=dt.date(2025, 11, 25))
    person = make_user(username="dai.bieu")
    seated = delegate_add(actor=None, meeting=meeting, user=person)
    with pytest.raises(DomainError) as refusal:
        delegate_add(actor=None, meeting=meeting, user=person)
    assert (refusal.value.status, fields_of(refusal)) == (409, [("user", "unique")])
    guests = [delegate_add(actor=None, meeting=meeting, name="Khách mời").pk for _ in range(2)]
    assert list(Delegate.objects.filter(meeting=meeting).order_by("pk").values_list("pk", flat=True)) == [seated.pk, *guests]
    assert audits("meeting.delegate_add") == 3

    blind(monkeypatch, Delegate)
    with pytest.raises(DomainError) as refusal:
        delegate_add(actor=None, meeting=meeting, user=person, name="Lần ba")
    assert (refusal.value.status, fields_of(refusal)) == (409, [("user", "unique")])
    monkeypatch.undo()
    assert list(Delegate.objects.filter(user=person).values_list("pk", flat=True)) == [seated.pk]
    assert audits("meeting.delegate_add") == 3


@pytest.mark.django_db
def test_a_number_registered_twice_is_refused_and_the_sequence_keeps_its_place(unit):
    btv = unit("25.TU")
    document_register(actor=None, issuing_unit=btv, type="KH", issued_on=dt.date(2025, 8, 1), title="A", number="05-KH/TU")
    with transaction.atomic():
        with pytest.raises(DomainError) as refusal:
            document_register(actor=None, issuing_unit=btv, type="KH", issued_on=dt.date(2025, 8, 2), title="B",
                              number="05-KH/TU")
        following = document_register(actor=None, issuing_unit=btv, type="KH", issued_on=dt.date(2025, 8, 2), title="C")
    assert (refusal.value.status, fields_of(refusal)) == (409, [("number", "unique")])
    assert list(Document.objects.filter(registered=True).order_by("number").values_list("number_text", "title")) == [
        ("05-KH/TU", "A"), ("06-KH/TU", "C")]
    assert NumberSequence.objects.get(issuing_unit=btv, type="KH").last_number == 6
    assert following.number == 6


@pytest.mark.django_db
def test_a_number_registered_just_before_the_insert_is_refused_and_gives_the_step_back(unit, monkeypatch):
    btv = unit("25.TU")
    for title in ("A", "Đến trước"):
        document_register(actor=None, issuing_unit=btv, type="KH", issued_on=dt.date(2025, 8, 1), title=title)
    blind(monkeypatch, Document)
    # Given as a TB, so the TB sequence is the one locked, not KH's: only the constraint sees the clash.
    with pytest.raises(DomainError) as refusal:
        document_register(actor=None, issuing_unit=btv, type="TB", issued_on=dt.date(2025, 8, 2), title="B",
                          number="02-KH/TU")
    assert (refusal.value.status, fields_of(refusal)) == (409, [("number", "unique")])
    monkeypatch.undo()
    assert list(Document.objects.filter(number_text="02-KH/TU").values_list("title", flat=True)) == ["Đến trước"]
    assert list(NumberSequence.objects.filter(issuing_unit=btv).values_list("type", "last_number")) == [("KH", 2)]
    assert audits("document.register") == 2


@pytest.mark.django_db
def test_a_reminder_run_at_the_same_time_as_another_keeps_theirs_and_doubles_nothing(make_user, monkeypatch):
    leader = make_user(email="lanh.dao@example.vn")
    specialist = make_user("specialist", "25.TU.BTC", email="chuyen.vien@example.vn")
    a_task(lead_unit="25.TU.BTC", deadline=dt.date(2025, 7, 20), leader=leader)
    day = dt.date(2025, 8, 1)
    real_text = monitoring._digest_text

    def another_run_got_there_first(recipient, on, items):
        # Between this run's look at the day's digests and its insert, the other run records the specialist's.
        if recipient.pk == specialist.pk and not Digest.objects.filter(recipient=specialist, day=on).exists():
            Digest.objects.create(recipient=specialist, day=on, created_at=dt.datetime(2025, 8, 1, 6, tzinfo=dt.UTC),
                                  email=specialist.email, subject="the other run", body="")
        return real_text(recipient, on, items)

    monkeypatch.setattr(monitoring, "_digest_text", another_run_got_there_first)
    with transaction.atomic():
        run = monitoring.reminders_run(day=day)
        assert Digest.objects.filter(day=day).count() == run.digests + 1  # the transaction goes on after the refusal
    assert list(Digest.objects.filter(recipient=specialist).values_list("subject", flat=True)) == ["the other run"]
    assert not Notification.objects.filter(recipient=specialist).exists()
    assert Digest.objects.filter(recipient=leader, day=day).count() == 1
    assert Notification.objects.filter(recipient=leader).count() == run.notifications > 0


@pytest.mark.django_db
def test_delegating_the_same_right_twice_gives_the_one_live_delegation(make_user, unit, monkeypatch):
    admin = make_user("unit_admin", "25")
    [first] = rights_delegate(actor=admin, from_unit=unit("25"), to_unit=unit("25.TU.BTC"), roles=["viewer"])
    [again] = rights_delegate(actor=admin, from_unit=unit("25"), to_unit=unit("25.TU.BTC"), roles=["viewer"])
    assert again.pk == first.pk
    blind(monkeypatch, Delegation)  # a look that comes too early: the insert meets the live one and reads it
    [third] = rights_delegate(actor=admin, from_unit=unit("25"), to_unit=unit("25.TU.BTC"), roles=["viewer"])
    assert third.pk == first.pk
    monkeypatch.undo()
    assert Delegation.objects.count() == 1
    assert audits("rights.delegate") == 1


@pytest.mark.django_db
def test_only_the_named_constraint_becomes_a_refusal(unit):
    """Another constraint broken by the same insert stays an IntegrityError: it is a bug, not a taken name."""
    user_create(actor=None, username="mot")
    refusal = DomainError("taken")
    with pytest.raises(IntegrityError), refuse_duplicate(Unit, "code", refusal):
        User.objects.create(username="mot")  # User's unique name, not Unit's code
    with pytest.raises(IntegrityError) as broken, refuse_duplicate(Unit, "code", refusal):
        Unit.objects.create(code="", name="Không mã", kind="department", tier="province")  # a CHECK, not UNIQUE
    assert not violates(broken.value, Unit, "code")
    with pytest.raises(DomainError) as taken, refuse_duplicate(Unit, "code", refusal):
        Unit.objects.create(code=unit("25").code, name="Trùng mã", kind="department", tier="province")
    assert taken.value is refusal


@pytest.mark.parametrize("reason, vietnamese", [
    ("is already taken", "đã có người dùng"),
    ("is already used by another unit", "đã được dùng cho đơn vị khác"),
    ("this unit already has a target for this indicator and period", "đơn vị đã có chỉ tiêu cho chỉ số này trong kỳ này"),
])
def test_the_pages_give_these_refusals_in_vietnamese(reason, vietnamese):
    with translation.override("vi"):
        assert reason_text(FieldError("field", reason, "unique")) == vietnamese
