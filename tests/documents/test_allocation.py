"""Numbers come without gaps or collisions, also when many clerks register at once."""
import datetime as dt
import threading

import pytest
from django.db import connections

from mandate.audit.models import AuditRecord
from mandate.core.errors import DomainError
from mandate.documents.models import Document, NumberSequence
from mandate.documents.services import RelationSpec, document_register
from mandate.orgs.models import Unit


def register(unit_code="25.TU", type="KH", issued_on=dt.date(2025, 8, 1), **fields):
    return document_register(actor=None, issuing_unit=Unit.objects.get(code=unit_code), type=type, issued_on=issued_on,
                             title=fields.pop("title", "Kế hoạch"), **fields)


def _last_number(unit_code="25.TU", type="KH"):
    return NumberSequence.objects.get(issuing_unit__code=unit_code, type=type).last_number


@pytest.mark.django_db
def test_a_registration_refused_before_numbering_takes_no_number():
    assert register().number_text == "01-KH/TU"
    with pytest.raises(DomainError) as refusal:
        register(title="")
    assert [(e.field, e.code) for e in refusal.value.errors] == [("title", "required")]
    with pytest.raises(DomainError) as refusal:
        register(unit_code="25.TU", type="XYZ")
    assert [(e.field, e.code) for e in refusal.value.errors] == [("type", "invalid")]
    assert _last_number() == 1
    assert register().number_text == "02-KH/TU"


@pytest.mark.django_db
def test_a_registration_refused_after_taking_its_number_gives_it_back():
    assert register().number_text == "01-KH/TU"
    audits = AuditRecord.objects.count()
    # The relation is refused after the sequence moved to 2 and the document was written, inside the transaction.
    with pytest.raises(DomainError) as refusal:
        register(relations=[RelationSpec(kind="implements")])
    assert [(e.field, e.code) for e in refusal.value.errors] == [("relations.0.target_number", "required")]
    assert _last_number() == 1
    assert list(Document.objects.filter(issuing_unit__code="25.TU", type="KH").values_list("number", flat=True)) == [1]
    assert AuditRecord.objects.count() == audits
    assert register().number_text == "02-KH/TU"


@pytest.mark.django_db
def test_a_given_number_moves_the_sequence_past_it():
    register(number="15-KH/TU")
    assert register().number_text == "16-KH/TU"


@pytest.mark.django_db
def test_party_numbers_restart_with_a_new_term():
    # Hanoi's committee: term 2020–2025 until 2025-10-01, then 2025–2030.
    assert register(unit_code="01.TU", issued_on=dt.date(2025, 9, 30)).number_text == "01-KH/TU"
    assert register(unit_code="01.TU", issued_on=dt.date(2025, 9, 30)).number_text == "02-KH/TU"
    assert register(unit_code="01.TU", issued_on=dt.date(2025, 10, 2)).number_text == "01-KH/TU"


@pytest.mark.django_db
def test_a_unit_closed_on_the_date_cannot_issue():
    with pytest.raises(DomainError) as refusal:
        register(unit_code="old-26.TU", issued_on=dt.date(2025, 7, 1))
    assert refusal.value.errors[0].field == "issuing_unit"


def test_parallel_registrations_get_consecutive_numbers(transactional_country):
    workers, per_worker = 8, 5
    errors: list[BaseException] = []
    barrier = threading.Barrier(workers)

    def work():
        try:
            barrier.wait()
            for _ in range(per_worker):
                register(unit_code="25.TU", type="TB")
        except BaseException as error:  # reported below; a thread cannot raise into the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Document.objects.filter(type="TB", issuing_unit__code="25.TU").values_list("number", flat=True))
    assert numbers == list(range(1, workers * per_worker + 1))
    assert NumberSequence.objects.get(issuing_unit__code="25.TU", type="TB").last_number == workers * per_worker
    texts = Document.objects.filter(type="TB", issuing_unit__code="25.TU").values_list("number_text", flat=True)
    assert sorted(texts) == [f"{n:02d}-TB/TU" for n in range(1, workers * per_worker + 1)]
    assert AuditRecord.objects.filter(action="document.register").count() == workers * per_worker
