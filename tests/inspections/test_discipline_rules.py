"""The rules of discipline (296-QĐ/TW) as data, walked form by form and tier by tier, on both sides of each rule."""
import datetime as dt
import itertools

import pytest

from mandate.core.errors import DomainError
from mandate.inspections import discipline, rules
from mandate.inspections.models import (
    ConsiderationPause, DisciplineDecision, DisciplineForm as Form, PauseReason, TargetKind,
)
from mandate.orgs.models import Tier, Unit, UnitKind
from mandate.personnel.models import DisciplineRecord
from mandate.personnel.services import holding_record, position_create

from tests.inspections.conftest import DAY

EVERY_FORM = tuple(Form.values)


@pytest.mark.parametrize("target_kind, allowed", [
    (TargetKind.ORGANIZATION, {Form.REPRIMAND, Form.WARNING, Form.DISSOLUTION}),
    (TargetKind.FULL_MEMBER, {Form.REPRIMAND, Form.WARNING, Form.REMOVAL, Form.EXPULSION}),
    (TargetKind.PROBATIONARY_MEMBER, {Form.REPRIMAND, Form.WARNING}),
])
def test_the_forms_allowed_for_each_target(target_kind, allowed):
    assert set(rules.forms_allowed(target_kind)) == allowed
    for form in EVERY_FORM:
        errors = discipline.rule_errors(target_kind=target_kind, target_tier=Tier.COMMUNE, form=form,
                                        body=Unit(kind=UnitKind.CENTRAL_COMMITTEE, tier=Tier.CENTRAL, name="TW"),
                                        violation_on=DAY, decided_on=DAY)
        assert ("form_not_allowed" in {e.code for e in errors}) == (form not in allowed), form


@pytest.mark.parametrize("form, years", [(Form.REPRIMAND, 5), (Form.WARNING, 10), (Form.REMOVAL, 10)])
def test_the_limitation_period_ends_on_its_anniversary(form, years):
    violation = dt.date(2015, 3, 10)
    last = dt.date(2015 + years, 3, 9)
    assert rules.within_limitation(form=form, violation_on=violation, decided_on=last)
    assert not rules.within_limitation(form=form, violation_on=violation, decided_on=last + dt.timedelta(days=1))


@pytest.mark.parametrize("form", [Form.EXPULSION, Form.DISSOLUTION])
def test_expulsion_and_dissolution_have_no_limitation(form):
    assert rules.within_limitation(form=form, violation_on=dt.date(1990, 1, 1), decided_on=DAY)


def test_a_violation_of_29_february_ends_on_28_february():
    assert rules.limitation_ends(form=Form.REPRIMAND, violation_on=dt.date(2016, 2, 29)) == dt.date(2021, 2, 28)


BODIES = [(kind, tier) for kind in rules.BODY_KINDS for tier in rules.TIER_ORDER]


@pytest.mark.parametrize("body_kind, body_tier", BODIES)
@pytest.mark.parametrize("target_kind", list(rules.FORMS))
def test_authority_tier_by_tier_and_form_by_form(body_kind, body_tier, target_kind):
    """Each (body, target, tier) decides exactly the forms its row of the table lists, never a target above it."""
    body = Unit(kind=body_kind, tier=body_tier, name="body")
    group = rules.BODY_KINDS[body_kind]
    for target_tier, form in itertools.product(rules.TIER_ORDER, rules.forms_allowed(target_kind)):
        against = rules.relation(body_tier=body_tier, target_tier=target_tier)
        table = rules.AUTHORITY.get((group, body_tier), {}).get((target_kind, against), ()) if against else ()
        errors = discipline.rule_errors(target_kind=target_kind, target_tier=target_tier, form=form, body=body,
                                        violation_on=DAY, decided_on=DAY)
        assert ("authority" in {e.code for e in errors}) == (form not in table), (target_tier, form)
        if rules.TIER_ORDER.index(target_tier) < rules.TIER_ORDER.index(body_tier):
            assert "authority" in {e.code for e in errors}


@pytest.mark.parametrize("body_kind, body_tier, target_kind, target_tier, form, decides", [
    (UnitKind.STANDING_COMMITTEE, Tier.PROVINCE, TargetKind.ORGANIZATION, Tier.COMMUNE, Form.DISSOLUTION, True),
    (UnitKind.INSPECTION_COMMISSION, Tier.PROVINCE, TargetKind.ORGANIZATION, Tier.COMMUNE, Form.DISSOLUTION, False),
    (UnitKind.INSPECTION_COMMISSION, Tier.PROVINCE, TargetKind.FULL_MEMBER, Tier.COMMUNE, Form.EXPULSION, True),
    (UnitKind.INSPECTION_COMMISSION, Tier.PROVINCE, TargetKind.FULL_MEMBER, Tier.PROVINCE, Form.REMOVAL, False),
    (UnitKind.INSPECTION_COMMISSION, Tier.PROVINCE, TargetKind.FULL_MEMBER, Tier.PROVINCE, Form.WARNING, True),
    (UnitKind.INSPECTION_COMMISSION, Tier.COMMUNE, TargetKind.FULL_MEMBER, Tier.COMMUNE, Form.EXPULSION, False),
    (UnitKind.PARTY_COMMITTEE, Tier.COMMUNE, TargetKind.FULL_MEMBER, Tier.COMMUNE, Form.EXPULSION, True),
    (UnitKind.PARTY_COMMITTEE, Tier.COMMUNE, TargetKind.FULL_MEMBER, Tier.PROVINCE, Form.REPRIMAND, False),
    (UnitKind.OFFICE, Tier.PROVINCE, TargetKind.FULL_MEMBER, Tier.COMMUNE, Form.REPRIMAND, False),
])
def test_authority_named_cases(body_kind, body_tier, target_kind, target_tier, form, decides):
    assert (form in rules.forms_decided_by(body_kind=body_kind, body_tier=body_tier, target_kind=target_kind,
                                           target_tier=target_tier)) == decides


def test_every_row_of_the_table_lists_only_forms_its_target_may_receive():
    for (group, tier), row in rules.AUTHORITY.items():
        for (target_kind, against), forms in row.items():
            assert set(forms) <= set(rules.forms_allowed(target_kind)), (group, tier, target_kind, against)


def decide(env, **fields):
    return discipline.discipline_decide(
        actor=fields.pop("actor", env["chair"]), body=fields.pop("body", env["ubkt"]), form=fields.pop("form", Form.REPRIMAND),
        violation=fields.pop("violation", "Vi phạm quy định về những điều đảng viên không được làm"),
        violation_on=fields.pop("violation_on", dt.date(2024, 6, 1)), decided_on=fields.pop("decided_on", DAY),
        target_person=fields.pop("target_person", env["full"]),
        document_title=fields.pop("document_title", "Quyết định thi hành kỷ luật"), **fields)


def test_a_decision_on_a_member_is_written_into_the_personnel_register(phu_tho):
    decision = decide(phu_tho)
    record = DisciplineRecord.objects.get(person=phu_tho["full"])
    assert decision.record == record and record.form == Form.REPRIMAND and record.deciding_unit == phu_tho["ubkt"]
    assert record.source == f"inspections:{decision.pk}" and decision.document.type == "QĐ"


@pytest.mark.parametrize("fields, refused", [
    # a province commission does not remove a province cadre, and a member who holds no post is not removed from one
    ({"form": Form.REMOVAL}, {"body": "authority", "form": "no_post"}),
    ({"form": Form.DISSOLUTION}, {"form": "form_not_allowed"}),
    ({"violation_on": dt.date(2020, 9, 14)}, {"violation_on": "limitation"}),
    ({"target_person": "probationary", "form": Form.EXPULSION}, {"form": "form_not_allowed"}),
])
def test_a_decision_breaking_a_rule_is_refused_and_writes_nothing(phu_tho, fields, refused):
    if fields.get("target_person") == "probationary":
        fields["target_person"] = phu_tho["probationary"]
    with pytest.raises(DomainError) as error:
        decide(phu_tho, **fields)
    assert {e.field: e.code for e in error.value.errors} == refused
    assert not DisciplineDecision.objects.exists() and not DisciplineRecord.objects.exists()


def test_the_limitation_on_its_last_day_and_a_later_violation_that_restarts_it(phu_tho):
    decide(phu_tho, violation_on=dt.date(2020, 9, 16))
    with pytest.raises(DomainError):
        decide(phu_tho, violation_on=dt.date(2020, 9, 15))
    decide(phu_tho, violation_on=dt.date(2019, 1, 1), later_violation_on=dt.date(2024, 1, 1))
    assert DisciplineDecision.objects.count() == 2


@pytest.mark.parametrize("reason", list(PauseReason.values))
def test_a_member_who_may_not_be_considered_now(phu_tho, reason):
    env = phu_tho
    discipline.pause_record(actor=env["chair"], person=env["probationary"], reason=reason, valid_from=DAY - dt.timedelta(days=60),
                            valid_to=None if reason == PauseReason.NURSING else DAY + dt.timedelta(days=1), body=env["ubkt"])
    with pytest.raises(DomainError) as error:
        decide(env, target_person=env["probationary"])
    assert {e.field: e.code for e in error.value.errors} == {"target": "not_considered"}
    # the day the pause ends, the member may be considered again
    pause = ConsiderationPause.objects.get()
    after = pause.valid_to
    assert discipline.pause_on(env["probationary"], after) is None
    assert discipline.pause_on(env["probationary"], after - dt.timedelta(days=1)) == pause


def test_nursing_ends_twelve_months_after_the_birth(phu_tho):
    pause = discipline.pause_record(actor=phu_tho["chair"], person=phu_tho["member"], reason=PauseReason.NURSING,
                                    valid_from=dt.date(2025, 3, 1), body=phu_tho["ubkt"])
    assert pause.valid_to == dt.date(2026, 3, 1)


def test_an_organization_dissolved_by_the_standing_committee_not_by_the_commission(phu_tho):
    env = phu_tho
    commune_committee = Unit.objects.filter(code__startswith="25", kind=UnitKind.PARTY_COMMITTEE, tier=Tier.COMMUNE).first()
    with pytest.raises(DomainError) as error:
        decide(env, target_person=None, target_unit=commune_committee, form=Form.DISSOLUTION)
    assert {e.field: e.code for e in error.value.errors} == {"body": "authority"}
    decision = decide(env, actor=env["standing"], body=env["btv"], target_person=None, target_unit=commune_committee,
                      form=Form.DISSOLUTION)
    assert decision.target_kind == TargetKind.ORGANIZATION and decision.record is None


def test_removal_from_post_is_for_a_member_who_holds_one(phu_tho):
    """Cách chức removes a member from a post (DESIGN.md §2, 296-QĐ/TW): refused for one who holds none, decided for
    one who holds a post on the day of the decision."""
    env = phu_tho
    with pytest.raises(DomainError) as error:
        decide(env, actor=env["standing"], body=env["btv"], form=Form.REMOVAL)
    assert {e.field: e.code for e in error.value.errors} == {"form": "no_post"}
    post = position_create(actor=None, unit=env["ubnd"], kind="committee_vice_chair", seats=5, managing_unit=env["btv"])
    holding_record(actor=None, person=env["full"], position=post, starts_on=DAY - dt.timedelta(days=300))
    decision = decide(env, actor=env["standing"], body=env["btv"], form=Form.REMOVAL)
    assert decision.form == Form.REMOVAL
