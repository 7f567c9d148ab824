"""The pages of reports and ratings, as their users work through them: units named by their names, refusals beside
the fields, the menus by role."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mandate.accounts.models import Role
from mandate.monitoring.selectors import child_units
from mandate.orgs.models import Unit
from mandate.orgs.forms import unit_from_code
from mandate.reviews.models import Report, ReportRegime, Review

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes():
    """Two of Phú Thọ's commune party committees whose names, typed alone, find them (no other unit's name folds alike)."""
    found = child_units(unit=Unit.objects.get(code="25"), as_of=dt.date(2025, 9, 18), kind="commune")[:40]
    committees = [Unit.objects.get(code=f"{c.code}.DU") for c in found]
    return [unit for unit in committees if _found_by_name(unit)][:2]


def _found_by_name(unit: Unit) -> bool:
    try:
        return unit_from_code(unit.name) == unit
    except ValidationError:
        return False


def test_a_leader_defines_a_regime_by_names_a_commune_drafts_and_issues_its_report(client, freeze, make_user, communes):
    freeze(dt.date(2025, 9, 18))
    client.force_login(make_user(Role.LEADER, "25.TU"))
    assert "Chế độ báo cáo" in client.get("/reviews/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    refused = client.post("/reviews/regimes/", {"receiver": "Tỉnh ủy Phú Thọ", "title": "Báo cáo quý", "frequency": "quarterly",
                                                "window_start_day": 15, "deadline_rule": "day_of_month", "deadline_day": 20,
                                                "working_days": 3, "aggregating_levels": 0, "reporters": "Đảng ủy phường Không Có"})
    assert refused.status_code == 422
    created = client.post("/reviews/regimes/", {
        "receiver": "Tỉnh ủy Phú Thọ", "title": "Báo cáo quý", "frequency": "quarterly", "window_start_day": 15,
        "deadline_rule": "day_of_month", "deadline_day": 20, "working_days": 3, "aggregating_levels": 0,
        "reporters": "\n".join(u.name for u in communes)})
    regime = ReportRegime.objects.get(title="Báo cáo quý")
    assert created.status_code == 302 and created["Location"] == f"/reviews/regimes/{regime.pk}/"
    client.force_login(make_user(Role.SPECIALIST, communes[0].code))
    page = client.get(f"/reviews/regimes/{regime.pk}/?period=2025-Q3").content.decode()
    assert communes[0].name in page and communes[1].name in page
    drafted = client.post(f"/reviews/regimes/{regime.pk}/reports/new/", {"unit": communes[0].name, "period": "2025-Q3"})
    report = Report.objects.get()
    assert drafted["Location"] == f"/reviews/reports/{report.pk}/"
    client.post(f"/reviews/reports/{report.pk}/", {"title": report.title, "summary": "Tình hình ổn định.", "version": 1})
    stale = client.post(f"/reviews/reports/{report.pk}/issue/", {"version": 1, "signer": "Trần Thị C"})
    assert stale.status_code == 409
    client.post(f"/reviews/reports/{report.pk}/issue/", {"version": 2, "signer": "Trần Thị C"})
    report.refresh_from_db()
    assert (report.state, report.document.number_text, report.summary) == ("issued", "01-BC/ĐU", "Tình hình ổn định.")
    assert client.get(f"/reviews/reports/{report.pk}/export.docx").status_code == 200


def test_a_self_assessment_an_appraisal_and_a_decision_on_the_pages(client, freeze, make_user, communes):
    freeze(dt.date(2025, 12, 20))
    client.force_login(make_user(Role.SPECIALIST, communes[0].code))
    client.post("/reviews/ratings/", {"subject_kind": "collective", "unit": communes[0].name, "organization": "Tỉnh ủy Phú Thọ",
                                      "period_kind": "year", "period": "2025", "general_points": "28"})
    review = Review.objects.get()
    assert review.self_level == "excellent"  # 28 + 70 prefilled: nothing was assigned, nothing missed
    client.force_login(make_user(Role.SPECIALIST, "25.TU"))
    client.post(f"/reviews/ratings/{review.pk}/", {"appraised_points": "86"})
    review.refresh_from_db()
    assert (review.state, review.appraised_level) == ("appraised", "good")
    leader = make_user(Role.LEADER, "25.TU")
    client.force_login(leader)
    page = client.get("/reviews/ratings/", {"organization": "Tỉnh ủy Phú Thọ", "period_kind": "year", "period": "2025"})
    assert f'name="review" value="{review.pk}"' in page.content.decode()
    client.post("/reviews/ratings/decide/", {"review": str(review.pk), f"level-{review.pk}": ""})
    review.refresh_from_db()
    assert (review.state, review.decided_level) == ("decided", "good")


def test_a_viewer_is_not_offered_a_new_regime_nor_a_self_assessment(client, make_user):
    client.force_login(make_user(Role.VIEWER, "25"))
    assert 'name="reporters"' not in client.get("/reviews/regimes/").content.decode()
    assert 'name="general_points"' not in client.get("/reviews/ratings/").content.decode()
    assert client.post("/reviews/regimes/", {"receiver": "Tỉnh ủy Phú Thọ", "title": "X", "frequency": "monthly",
                                             "window_start_day": 15, "deadline_rule": "day_of_month", "deadline_day": 20,
                                             "working_days": 3, "aggregating_levels": 0,
                                             "reporters": "25.TU.BTC"}).status_code == 403


def test_a_decision_past_the_quota_stays_on_the_ratings_page_with_the_refusal(client, freeze, make_user, communes):
    from mandate.reviews import services

    freeze(dt.date(2025, 12, 20))
    organization = Unit.objects.get(code="25.TU")
    reviews = []
    for unit, score in zip(communes, ("95", "80"), strict=True):
        review = services.review_self_assess(actor=None, subject_kind="collective", unit=unit, organization=organization,
                                             period_kind="year", period="2025", general_points=30, task_points=70)
        reviews.append(services.review_appraise(actor=None, review=review, appraised_points=score))
    client.force_login(make_user(Role.LEADER, "25.TU"))
    back = "organization=T%E1%BB%89nh+%E1%BB%A7y+Ph%C3%BA+Th%E1%BB%8D&period_kind=year&period=2025"
    refused = client.post("/reviews/ratings/decide/", {"review": [str(r.pk) for r in reviews], "back": back},
                          HTTP_ACCEPT_LANGUAGE="vi")
    page = refused.content.decode()
    assert refused.status_code == 422
    assert 'class="refusal"' in page and "20 %" in page and "làm tròn xuống" in page
    assert all(f'name="review" value="{r.pk}"' in page for r in reviews)  # the scope's rows, to choose again
    assert not Review.objects.filter(state="decided").exists()
