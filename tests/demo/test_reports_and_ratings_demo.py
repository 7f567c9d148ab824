"""`mandate demo`'s reports and ratings: cluster No. 2's first half of 2024 with who sent theirs, Đắk Lắk's second
quarter of 2025 against its 8 % growth target, Phú Thọ's commune indicators, the year-end 2025 ratings under the quota."""
import io

import pytest
from django.core.management import call_command

from mandate.accounts.models import User
from mandate.demo.reports_and_ratings import REGIME_2024
from mandate.reviews.models import IndicatorSet, Report, ReportRegime, Review
from mandate.reviews.selectors import indicator_matrix, regime_period, submissions_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_demo_holds_the_reports_the_indicators_and_the_ratings():
    call_command("demo", "--no-workload", "--quiet", stdout=io.StringIO())
    admin = User.objects.get(username="admin")
    regime = ReportRegime.objects.get(title=REGIME_2024)
    result = submissions_of(user=admin, regime=regime, period=regime_period(regime=regime, key="2024-H1"))
    assert str(result.due_on) == "2024-06-20"
    assert result.summary() == {"on_time": 11, "late": 2, "not_yet": 0, "missing": 1}
    host = Report.objects.get(regime=regime, unit__code="old-27.TU.BTC")
    assert host.document.number_text.endswith("-BC/BTCTU") and "Nghị quyết số 18-NQ/TW" in host.next_tasks
    roll_up = Report.objects.get(regime=regime, unit__code="VN.TW.BTC")
    assert roll_up.state == "draft"
    daklak = Report.objects.get(unit__code="old-66.UBND")
    assert [(k["indicator"], k["target"], k["actual"], k["outcome"]) for k in daklak.figures["kpis"]] == [
        ("Tốc độ tăng trưởng kinh tế (GRDP) năm 2025", "8.0000", "6.7000", "not_achieved")]
    indicators = IndicatorSet.objects.get(owner__code="25")
    columns, rows = indicator_matrix(user=admin, indicator_set=indicators, as_of=indicators.period_end)
    assert len(columns) == 6 and len(rows) > 100 and rows[0].achieved >= rows[-1].achieved
    collectives = Review.objects.filter(organization__code="25.TU", subject_kind="collective", state="decided")
    levels = list(collectives.values_list("decided_level", flat=True))
    assert (levels.count("excellent"), levels.count("good")) == (1, 8)
    people = Review.objects.filter(subject_kind="individual", state="decided")
    assert people.count() == 5 and all("minh họa" in r.person_position for r in people)
    assert list(people.values_list("decided_level", flat=True)).count("excellent") <= people.filter(
        decided_level="good").count() // 5
