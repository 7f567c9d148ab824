"""A committee's rating rules (the 70 points of task results) set on a page and through the API: the documented
default shown until then, each change versioned and audited, each refusal naming the rule and its field."""
from decimal import Decimal

import pytest

from mandate.accounts.models import Role
from mandate.audit.models import AuditRecord
from mandate.core.errors import Conflict, DomainError, PermissionDenied
from mandate.orgs.models import Unit
from mandate.reviews import points, selectors, services
from mandate.reviews.models import RatingScheme

pytestmark = pytest.mark.django_db

RULES = [{"measure": "on_time_rate", "kind": "share", "points": 50},
         {"measure": "overdue", "kind": "less_each", "points": 20, "each": 2}]


def test_the_default_applies_until_a_leader_sets_the_rules_and_each_change_is_versioned_and_audited(make_user):
    unit = Unit.objects.get(code="25.TU")
    assert selectors.rating_scheme_of(unit=unit) | {"unit": None} == {
        "unit": None, "rules": points.DEFAULT_RULES, "version": 0, "default": True, "updated_by": None, "updated_at": None}
    leader = make_user(Role.LEADER, "25.TU")
    scheme = services.rating_scheme_set(actor=leader, unit=unit, rules={"task_points": RULES}, version=0)
    assert (scheme.version, scheme.rules["task_points"][1]) == (1, RULES[1])
    with pytest.raises(Conflict):
        services.rating_scheme_set(actor=leader, unit=unit, rules={"task_points": RULES}, version=0)
    services.rating_scheme_set(actor=leader, unit=unit, rules=points.DEFAULT_RULES, version=1)
    assert selectors.rating_scheme_of(unit=unit)["version"] == 2
    assert AuditRecord.objects.filter(action="reviews.rating_scheme_set").count() == 2
    # The rules decide the points: 50 × the on-time rate, 20 less 2 for each overdue task.
    assert points.task_points({"task_points": RULES}, {"on_time_rate": 0.5, "overdue": 3})[0] == Decimal("39.00")


def test_a_specialist_may_not_set_the_rules(make_user):
    with pytest.raises(PermissionDenied):
        services.rating_scheme_set(actor=make_user(Role.SPECIALIST, "25.TU"), unit=Unit.objects.get(code="25.TU"),
                                   rules=points.DEFAULT_RULES, version=0)
    assert not RatingScheme.objects.exists()


def test_a_refusal_names_the_rule_its_field_and_the_measure_in_the_readers_language(make_user):
    from django.utils import translation

    rules = {"task_points": [{"measure": "overdue", "kind": "less_each", "points": -5, "each": 1},
                             {"measure": "on_time_rate", "kind": "share", "points": "many"}]}
    with translation.override("vi"), pytest.raises(DomainError) as refused:
        services.rating_scheme_set(actor=make_user(Role.LEADER, "25.TU"), unit=Unit.objects.get(code="25.TU"),
                                   rules=rules, version=0)
    fields = {error.field: error.code for error in refused.value.errors}
    assert fields == {"task_points.1.points": "negative", "task_points.2.points": "number"}
    assert "quy tắc 1" in str(refused.value).lower() and "Quá hạn" in str(refused.value)
    with pytest.raises(DomainError) as short:
        services.rating_scheme_set(actor=make_user(Role.LEADER, "25.TU"), unit=Unit.objects.get(code="25.TU"),
                                   rules={"task_points": RULES[:1]}, version=0)
    assert [(e.field, e.code) for e in short.value.errors] == [("task_points", "total")]


def test_the_api_reads_and_sets_the_rules_with_if_match(api, make_user):
    api.login(make_user(Role.LEADER, "25.TU"))
    read = api.get("/reviews/schemes", unit="25.TU").json()
    assert (read["default"], read["version"], len(read["task_points"])) == (True, 0, 5)
    missing = api.post("/reviews/schemes", {"unit": "25.TU", "task_points": RULES})
    assert missing.status_code == 428
    saved = api.post("/reviews/schemes", {"unit": "25.TU", "task_points": RULES}, HTTP_IF_MATCH="0")
    assert saved.status_code == 200, saved.content
    assert (saved.json()["default"], saved.json()["version"]) == (False, 1)
    stale = api.post("/reviews/schemes", {"unit": "25.TU", "task_points": RULES}, HTTP_IF_MATCH="0")
    assert (stale.status_code, stale.json()["current_version"]) == (409, 1)
    wrong = api.post("/reviews/schemes", {"unit": "25.TU", "version": 1, "task_points": [{"measure": "x", "kind": "share", "points": 70}]})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "task_points.1.measure"
    assert api.get("/reviews/schemes").status_code == 422


def test_the_page_shows_the_default_and_a_leader_sets_the_rules_by_labels(client, make_user):
    client.force_login(make_user(Role.LEADER, "25.TU"))
    page = client.get("/reviews/ratings/rules/", {"organization": "Tỉnh ủy Phú Thọ"}, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Tỷ lệ đúng hạn" in page or "đúng hạn" in page
    assert 'name="on_time_rate_points"' in page and ">on_time_rate" not in page and "less_each<" not in page
    form = {"version": "0", "on_time_rate_points": "50", "overdue_points": "20", "overdue_each": "2"}
    refused = client.post("/reviews/ratings/rules/?organization=T%E1%BB%89nh+%E1%BB%A7y+Ph%C3%BA+Th%E1%BB%8D",
                          {**form, "overdue_points": "10"})
    assert refused.status_code == 422 and not RatingScheme.objects.exists()
    saved = client.post("/reviews/ratings/rules/?organization=T%E1%BB%89nh+%E1%BB%A7y+Ph%C3%BA+Th%E1%BB%8D", form)
    assert saved.status_code == 302
    assert RatingScheme.objects.get(unit__code="25.TU").rules == {"task_points": RULES}


def test_a_specialist_sees_the_rules_but_no_form(client, make_user):
    client.force_login(make_user(Role.SPECIALIST, "25.TU"))
    page = client.get("/reviews/ratings/rules/", {"organization": "Tỉnh ủy Phú Thọ"}).content.decode()
    assert "70" in page and 'name="on_time_rate_points"' not in page
    refused = client.post("/reviews/ratings/rules/?organization=25.TU", {"version": "0", "on_time_rate_points": "70"})
    assert refused.status_code == 403 and not RatingScheme.objects.exists()
