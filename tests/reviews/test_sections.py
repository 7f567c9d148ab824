"""The report's sections of the apps below reviews: an inspection of the period and its recommendations; the
recommendations fulfilled prefill their share of the review's task results."""
import datetime as dt

import pytest

from mandate.inspections import services as inspections
from mandate.reviews import services
from mandate.reviews.compile import report_figures

from tests.inspections.conftest import DAY, phu_tho  # noqa: F401  (the fixture)
from tests.inspections.test_cases import a_case, walk_to_conclusion

pytestmark = pytest.mark.django_db


def _concluded(env):
    case = walk_to_conclusion(env, a_case(env))
    inspections.case_conclude(
        actor=env["inspector"], case=case, done_on=DAY - dt.timedelta(days=2), notice_title="Thông báo kết luận kiểm tra",
        findings="Chậm triển khai ở 3 sở.",
        recommendations=[inspections.RecommendationSpec(title="Kiểm điểm trách nhiệm tập thể, cá nhân liên quan",
                                                        lead_unit="25.UBND", leader="ld_ubnd_phutho",
                                                        product="Báo cáo kết quả kiểm điểm", deadline=DAY + dt.timedelta(days=30))])
    return case


def test_the_committees_report_holds_its_commissions_inspection_and_the_units_review_its_recommendation(phu_tho, freeze):  # noqa: F811
    env = phu_tho
    _concluded(env)
    freeze(DAY + dt.timedelta(days=45))
    regime = services.regime_create(actor=None, receiver=env["tu"], title="Báo cáo quý", frequency="quarterly",
                                    reporters=[env["ubkt"]])
    report = services.report_draft(actor=None, regime=regime, unit=env["tu"], period="2025-Q3")
    sections = {s["key"]: s for s in report_figures(user=env["standing"], report=report)["sections"]}
    assert [row[2] for row in sections["inspections"]["rows"]] == [1]  # one case, of one kind, in one state
    assert "recommendations" not in sections  # addressed to the People's Committee, which is not below the committee
    review = services.review_self_assess(actor=None, subject_kind="collective", unit=env["ubnd"],
                                         organization=env["province"], period_kind="year", period="2025", general_points=30)
    figures = review.breakdown["figures"]
    assert (figures["recommendations"], figures["recommendations_fulfilled_rate"]) == (1, 0.0)  # overdue, not fulfilled
    line = next(line for line in review.breakdown["lines"] if line["measure"] == "recommendations_fulfilled_rate")
    assert line["points"] == "0.00"
