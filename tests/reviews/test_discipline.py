"""A cadre disciplined in the period is marked in their review, whichever path recorded it: an inspections' decision
in force, or a record written straight into their personnel file."""
import datetime as dt

import pytest

from mandate.accounts.models import Role
from mandate.inspections import discipline
from mandate.inspections.models import DisciplineForm
from mandate.orgs.models import Unit
from mandate.personnel.models import DisciplineForm as RecordForm, Sex
from mandate.personnel.services import discipline_record, person_create
from mandate.reviews import points, services

DAY = dt.date(2025, 12, 20)


@pytest.fixture
def cadre(db, freeze, make_user):
    freeze(DAY)
    user = make_user(Role.SPECIALIST, "25.TU.BTC", username="cb_kyluat", full_name="Đặng Văn Chính")
    person = person_create(actor=None, full_name="Đặng Văn Chính", birth_date=dt.date(1975, 4, 2), sex=Sex.MALE,
                           kept_by=Unit.objects.get(code="25"), party_joined_on=dt.date(2000, 5, 19),
                           party_full_member_on=dt.date(2001, 5, 19), user=user)
    return user, person


def _review(user):
    return services.review_self_assess(actor=None, subject_kind="individual", unit=Unit.objects.get(code="25.TU.BTC"),
                                       organization=Unit.objects.get(code="25.TU.BTC"), period_kind="year", period="2025",
                                       general_points=30, task_points=70, person_name="Đặng Văn Chính", person=user)


def test_a_cadre_without_discipline_can_be_excellent(cadre):
    review = _review(cadre[0])
    assert (review.disciplined, review.self_level) == (False, points.EXCELLENT)


def test_a_discipline_in_the_personnel_file_marks_the_cadre(cadre):
    user, person = cadre
    discipline_record(actor=None, person=person, form=RecordForm.values[0], violation="Vi phạm quy chế làm việc",
                      deciding_unit=Unit.objects.get(code="25.TU"), decided_on=dt.date(2025, 6, 1))
    review = _review(user)
    assert (review.disciplined, review.self_level) == (True, points.GOOD)


def test_a_discipline_of_the_year_before_does_not_mark_the_cadre(cadre):
    user, person = cadre
    discipline_record(actor=None, person=person, form=RecordForm.values[0], violation="Vi phạm quy chế làm việc",
                      deciding_unit=Unit.objects.get(code="25.TU"), decided_on=dt.date(2024, 12, 31))
    assert _review(user).self_level == points.EXCELLENT


def test_an_inspections_decision_marks_the_cadre(cadre, make_user):
    user, person = cadre
    chair = make_user(Role.LEADER, "25.TU.UBKT", username="ctkt_kyluat", full_name="Hoàng Thị Tra")
    discipline.discipline_decide(actor=chair, document_title="Quyết định thi hành kỷ luật", body=Unit.objects.get(code="25.TU.UBKT"), form=DisciplineForm.REPRIMAND,
                                 violation="Vi phạm quy định về những điều đảng viên không được làm",
                                 violation_on=dt.date(2025, 3, 1), decided_on=dt.date(2025, 9, 15), target_person=person)
    review = _review(user)
    assert (review.disciplined, review.self_level) == (True, points.GOOD)
