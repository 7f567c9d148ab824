"""The 100-point review: each level boundary on both sides, the task results prefilled from the scorecard under the
committee's rules, the appraisal and the decision, and the 20 % quota of "excellent" among those rated "good"."""
import datetime as dt
from decimal import Decimal

import pytest

from mandate.accounts.models import Role
from mandate.audit.models import AuditRecord
from mandate.core.errors import DomainError
from mandate.monitoring.selectors import child_units
from mandate.orgs.models import Unit
from mandate.reviews import points, services
from mandate.reviews.models import Review, ReviewState
from mandate.tasks.services import task_transition
from tests.factories import a_document, a_task

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("score", "on_time", "disciplined", "disqualified", "level"), [
    ("90", True, False, False, points.EXCELLENT), ("89.99", True, False, False, points.GOOD),
    ("90", False, False, False, points.GOOD), ("95", True, True, False, points.GOOD),
    ("70", False, False, False, points.GOOD), ("69.99", False, False, False, points.FULFILLED),
    ("50", False, False, False, points.FULFILLED), ("49.99", False, False, False, points.NOT_FULFILLED),
    ("99", True, False, True, points.NOT_FULFILLED),
])
def test_each_level_boundary_on_both_sides(score, on_time, disciplined, disqualified, level):
    assert points.level_of(Decimal(score), all_on_time=on_time, disciplined=disciplined, disqualified=disqualified) == level


@pytest.mark.parametrize(("good", "quota"), [(0, 0), (4, 0), (5, 1), (9, 1), (10, 2), (14, 2), (15, 3)])
def test_the_quota_is_a_fifth_of_those_rated_good_rounded_down(good, quota):
    assert points.excellent_quota(good) == quota


def test_the_default_rules_give_70_points_and_a_committees_rules_must_too():
    assert points.rules_problems(points.DEFAULT_RULES) == []
    assert points.rules_problems({"task_points": [{"measure": "overdue", "kind": "less_each", "points": 60, "each": 1}]})


def test_task_results_are_prefilled_from_the_scorecard_of_the_period(freeze, make_user, unit):
    freeze(dt.date(2025, 12, 20))
    document = a_document(issued_on=dt.date(2025, 7, 15))
    done = a_task(document=document, lead_unit="25.TU.BTC", deadline=dt.date(2025, 9, 30), assigned_on=dt.date(2025, 8, 1))
    task_transition(actor=None, task=done, name="submit", on=dt.date(2025, 9, 1))
    task_transition(actor=None, task=done, name="complete", on=dt.date(2025, 9, 1))
    a_task(document=document, lead_unit="25.TU.BTC", deadline=dt.date(2025, 10, 30), assigned_on=dt.date(2025, 8, 1))
    writer = make_user(Role.SPECIALIST, "25.TU.BTC")
    review = services.review_self_assess(actor=writer, subject_kind="collective", unit=unit("25.TU.BTC"),
                                         organization=unit("25.TU"), period_kind="year", period="2025", general_points=28)
    # on time 1 of (1 done + 1 overdue): 15 of 30; one overdue: 15 - 3 = 12; no extension: 5; no target, no
    # recommendation: 10 + 10.
    assert (review.task_points, review.self_points, review.all_on_time, review.self_level) == (
        Decimal("52.00"), Decimal("80.00"), False, points.GOOD)
    assert review.breakdown["figures"]["assigned"] == 2


def _communes(count: int) -> list[Unit]:
    """The party committees of Phú Thọ's first communes: below the provincial party committee."""
    communes = child_units(unit=Unit.objects.get(code="25"), as_of=dt.date(2025, 12, 20), kind="commune")[:count]
    return [Unit.objects.get(code=f"{commune.code}.DU") for commune in communes]


def _appraised(organization: Unit, units: list[Unit], points_each: list[str]) -> list[Review]:
    reviews = []
    for unit, score in zip(units, points_each, strict=True):
        review = services.review_self_assess(actor=None, subject_kind="collective", unit=unit, organization=organization,
                                             period_kind="year", period="2025", general_points=30, task_points=70)
        reviews.append(services.review_appraise(actor=None, review=review, appraised_points=score))
    return reviews


def test_excellent_within_a_fifth_of_good_is_decided(freeze, make_user, unit):
    freeze(dt.date(2025, 12, 20))
    organization = unit("25.TU")
    reviews = _appraised(organization, _communes(6), ["95", "80", "80", "80", "80", "80"])
    assert reviews[0].appraised_level == points.EXCELLENT
    leader = make_user(Role.LEADER, "25.TU")
    decided = services.reviews_decide(actor=leader, organization=organization, decisions=[(r, None) for r in reviews])
    assert [r.decided_level for r in decided] == [points.EXCELLENT] + [points.GOOD] * 5
    assert Review.objects.filter(state=ReviewState.DECIDED).count() == 6


def test_one_excellent_more_than_the_quota_is_refused_naming_it_and_nothing_changes(freeze, make_user, unit):
    freeze(dt.date(2025, 12, 20))
    organization = unit("25.TU")
    reviews = _appraised(organization, _communes(5), ["95", "80", "80", "80", "80"])
    leader = make_user(Role.LEADER, "25.TU")
    before = AuditRecord.objects.count()
    with pytest.raises(DomainError) as refused:
        services.reviews_decide(actor=leader, organization=organization, decisions=[(r, None) for r in reviews])
    assert [(e.field, e.code) for e in refused.value.errors] == [("level", "excellent_quota")]
    assert "20" in refused.value.message
    assert AuditRecord.objects.count() == before
    assert not Review.objects.filter(state=ReviewState.DECIDED).exists()
    # The four decided good first; the excellent then still has no room: 4 good give none.
    services.reviews_decide(actor=leader, organization=organization, decisions=[(r, None) for r in reviews[1:]])
    with pytest.raises(DomainError):
        services.reviews_decide(actor=leader, organization=organization, decisions=[(reviews[0], None)])
    # Decided one level lower it passes.
    services.reviews_decide(actor=leader, organization=organization, decisions=[(reviews[0], points.GOOD)])


def test_a_level_above_the_points_and_a_decision_by_someone_else_are_refused(freeze, make_user, unit):
    freeze(dt.date(2025, 12, 20))
    organization = unit("25.TU")
    (review,) = _appraised(organization, _communes(1), ["75"])
    with pytest.raises(DomainError) as refused:
        services.reviews_decide(actor=make_user(Role.LEADER, "25.TU"), organization=organization,
                                decisions=[(review, points.EXCELLENT)])
    assert refused.value.errors[0].code == "above_points"
    with pytest.raises(DomainError) as refused:
        services.reviews_decide(actor=make_user(Role.SPECIALIST, "25.TU"), organization=organization,
                                decisions=[(review, None)])
    assert refused.value.status == 403


def test_a_collective_is_decided_by_the_level_above_it(make_user, unit):
    with pytest.raises(DomainError) as refused:
        services.review_self_assess(actor=None, subject_kind="collective", unit=unit("25.TU"), organization=unit("25.TU.BTC"),
                                    period_kind="year", period="2025", general_points=30)
    assert refused.value.errors[0].field == "organization"
