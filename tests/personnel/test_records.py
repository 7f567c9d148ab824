"""Posts, people, holdings as of a date, discipline written through the public service."""
import datetime as dt

import pytest

from mandate.core.errors import DomainError, PermissionDenied
from mandate.orgs.models import Unit
from mandate.personnel.models import DisciplineForm, DisciplineRecord, HoldingKind
from mandate.personnel.selectors import disciplines_of, holders_as_of, holders_of_kind, person_career
from mandate.personnel.services import discipline_record, holding_record
from mandate.personnel.titles import Title


def test_who_was_chair_of_phu_tho_on_the_eve_and_the_day_of_the_merger(files, django_assert_max_num_queries):
    holding_record(actor=None, person=files["first"], position=files["chair_old"], starts_on=dt.date(2021, 6, 1),
                   ends_on=dt.date(2025, 7, 1))
    holding_record(actor=None, person=files["second"], position=files["chair_new"], starts_on=dt.date(2025, 7, 1))
    codes = ("old-25.UBND", "25.UBND")
    with django_assert_max_num_queries(1):
        eve = [h.person.full_name for h in holders_of_kind(kind=Title.COMMITTEE_CHAIR, unit_codes=codes, as_of=dt.date(2025, 6, 30))]
    day = [h.person.full_name for h in holders_of_kind(kind=Title.COMMITTEE_CHAIR, unit_codes=codes, as_of=dt.date(2025, 7, 1))]
    assert (eve, day) == (["Bùi Văn Quý"], ["Trần Duy Đức"])
    assert [h.person.full_name for h in holders_as_of(position=files["chair_old"], as_of=dt.date(2025, 7, 1))] == []
    assert [h.person.full_name for h in holders_as_of(unit=files["new"], as_of=dt.date(2025, 7, 1))] == ["Trần Duy Đức"]


def test_a_career_reads_in_order(files):
    holding_record(actor=None, person=files["first"], position=files["vice"], starts_on=dt.date(2025, 7, 1))
    holding_record(actor=None, person=files["first"], position=files["chair_old"], starts_on=dt.date(2021, 6, 1),
                   ends_on=dt.date(2025, 7, 1), kind=HoldingKind.ACTING)
    assert [(h.position.title, h.starts_on) for h in person_career(files["first"])] == [
        ("Chủ tịch UBND tỉnh Phú Thọ", dt.date(2021, 6, 1)), ("Phó Chủ tịch UBND tỉnh Phú Thọ", dt.date(2025, 7, 1))]


def test_an_overlapping_holding_of_the_same_post_is_refused(files):
    holding_record(actor=None, person=files["first"], position=files["vice"], starts_on=dt.date(2025, 7, 1))
    with pytest.raises(DomainError) as refused:
        holding_record(actor=None, person=files["first"], position=files["vice"], starts_on=dt.date(2025, 7, 15))
    assert [(e.field, e.code) for e in refused.value.errors] == [("starts_on", "overlap")]


def test_discipline_is_written_through_the_service_with_its_source(files):
    commission = Unit.objects.get(code="25.TU.UBKT")
    record = discipline_record(actor=files["organizer"], person=files["first"], form=DisciplineForm.WARNING,
                               violation="Vi phạm quy chế làm việc", deciding_unit=commission,
                               decided_on=dt.date(2025, 7, 20), source="inspections:17")
    assert list(disciplines_of(files["first"])) == [record] and record.source == "inspections:17"
    assert list(disciplines_of(files["first"], before=dt.date(2025, 7, 20))) == []


def test_discipline_is_refused_to_a_viewer_and_nothing_is_written(files):
    with pytest.raises(PermissionDenied):
        discipline_record(actor=files["viewer"], person=files["first"], form=DisciplineForm.REPRIMAND, violation="x",
                          deciding_unit=Unit.objects.get(code="25.TU.UBKT"), decided_on=dt.date(2025, 7, 20))
    assert DisciplineRecord.objects.count() == 0


def test_discipline_names_the_form_it_does_not_know(files):
    with pytest.raises(DomainError) as refused:
        discipline_record(actor=None, person=files["first"], form="fine", violation="x",
                          deciding_unit=Unit.objects.get(code="25.TU.UBKT"), decided_on=dt.date(2025, 7, 20))
    assert [e.field for e in refused.value.errors] == ["form"]
