"""The rules of discipline (296-QĐ/TW of 30 May 2025), as data: the forms allowed for each target, the limitation
period of each form, and who may decide which form for which target. The services read these tables; the tests walk
them form by form and tier by tier.
"""
import datetime as dt

from mandate.inspections.models import DisciplineForm as Form, TargetKind
from mandate.orgs.models import Tier, UnitKind

# The forms of discipline for each kind of target.
FORMS: dict[str, tuple[str, ...]] = {
    TargetKind.ORGANIZATION: (Form.REPRIMAND, Form.WARNING, Form.DISSOLUTION),
    TargetKind.FULL_MEMBER: (Form.REPRIMAND, Form.WARNING, Form.REMOVAL, Form.EXPULSION),
    TargetKind.PROBATIONARY_MEMBER: (Form.REPRIMAND, Form.WARNING),
}

# Years within which a violation warranting the form may be disciplined, counted from the violation (its last act;
# a new violation restarts the count). None: no limitation (expulsion, dissolution).
LIMITATION_YEARS: dict[str, int | None] = {
    Form.REPRIMAND: 5,
    Form.WARNING: 10,
    Form.REMOVAL: 10,
    Form.EXPULSION: None,
    Form.DISSOLUTION: None,
}

# Who decides: a party committee (its executive, standing committee or board speak for it) or an inspection commission.
COMMITTEE, COMMISSION = "committee", "commission"
BODY_KINDS: dict[str, str] = {
    UnitKind.CENTRAL_COMMITTEE: COMMITTEE,
    UnitKind.PARTY_COMMITTEE: COMMITTEE,
    UnitKind.EXECUTIVE_COMMITTEE: COMMITTEE,
    UnitKind.STANDING_COMMITTEE: COMMITTEE,
    UnitKind.STANDING_BOARD: COMMITTEE,
    UnitKind.INSPECTION_COMMISSION: COMMISSION,
}
TIER_ORDER = (Tier.CENTRAL, Tier.PROVINCE, Tier.COMMUNE)
SAME, LOWER = "same", "lower"

_ALL_MEMBER = (Form.REPRIMAND, Form.WARNING, Form.REMOVAL, Form.EXPULSION)
_LIGHT = (Form.REPRIMAND, Form.WARNING)
_ORG_ALL = (Form.REPRIMAND, Form.WARNING, Form.DISSOLUTION)

# (body, its tier) → {(target kind, the target's tier against the body's): forms it may decide}. A target above
# the body's tier is never its to discipline; a pair not listed decides nothing.
#
# The current rules: the Party Charter (Điều lệ Đảng), Chương VIII "Kỷ luật" — the authority over members (Điều 36)
# and over organizations (Điều 38) — as applied by 296-QĐ/TW of 30 May 2025 (which replaced 22-QĐ/TW of 2021) and its
# guidance HD 08-HD/TW of June 2025; DESIGN.md §2 states the forms each target may receive (FORMS above, which every
# row here stays within: tests/inspections/test_discipline_rules.py). Read as:
# - a party committee (its executive, standing committee or board speaking for it) decides every form for the
#   members it manages, of its own tier and below, and reprimands, warns or dissolves a lower organization (a
#   dissolution by the committee directly above, reported upwards); the Central Committee and its Politburo and
#   Secretariat also discipline the organizations of their own tier;
# - an inspection commission of the province or the centre reprimands and warns the members of its own tier (the
#   committee's own members are the committee's to remove or expel) and decides every form for the members of the tier
#   below, expulsion included; it reprimands and warns a lower organization, never dissolves one;
# - at the commune (the grassroots committee since the two-level reform of 2025): the committee reprimands and warns
#   its cells and decides its members' forms, expulsion included (the Charter gives it to a grassroots committee
#   authorized to admit members; the table takes every commune committee to be one); its commission reprimands and warns.
# The tiers are the units' coarse ones (centre, province, commune): the Charter's finer line — a committee member of
# the same level, a cadre the level above manages — is not in the data, so each cell keeps the stricter reading.
# Removal from post (cách chức) needs a post held on the day (`discipline.rule_errors`, "no_post").
AUTHORITY: dict[tuple[str, str], dict[tuple[str, str], tuple[str, ...]]] = {
    (COMMITTEE, Tier.CENTRAL): {
        (TargetKind.ORGANIZATION, LOWER): _ORG_ALL, (TargetKind.ORGANIZATION, SAME): _ORG_ALL,
        (TargetKind.FULL_MEMBER, SAME): _ALL_MEMBER, (TargetKind.FULL_MEMBER, LOWER): _ALL_MEMBER,
        (TargetKind.PROBATIONARY_MEMBER, SAME): _LIGHT, (TargetKind.PROBATIONARY_MEMBER, LOWER): _LIGHT,
    },
    (COMMISSION, Tier.CENTRAL): {
        (TargetKind.ORGANIZATION, LOWER): _LIGHT,
        (TargetKind.FULL_MEMBER, SAME): _LIGHT, (TargetKind.FULL_MEMBER, LOWER): _ALL_MEMBER,
        (TargetKind.PROBATIONARY_MEMBER, SAME): _LIGHT, (TargetKind.PROBATIONARY_MEMBER, LOWER): _LIGHT,
    },
    (COMMITTEE, Tier.PROVINCE): {
        (TargetKind.ORGANIZATION, LOWER): _ORG_ALL,
        (TargetKind.FULL_MEMBER, SAME): _ALL_MEMBER, (TargetKind.FULL_MEMBER, LOWER): _ALL_MEMBER,
        (TargetKind.PROBATIONARY_MEMBER, SAME): _LIGHT, (TargetKind.PROBATIONARY_MEMBER, LOWER): _LIGHT,
    },
    (COMMISSION, Tier.PROVINCE): {
        (TargetKind.ORGANIZATION, LOWER): _LIGHT,
        (TargetKind.FULL_MEMBER, SAME): _LIGHT, (TargetKind.FULL_MEMBER, LOWER): _ALL_MEMBER,
        (TargetKind.PROBATIONARY_MEMBER, SAME): _LIGHT, (TargetKind.PROBATIONARY_MEMBER, LOWER): _LIGHT,
    },
    (COMMITTEE, Tier.COMMUNE): {
        (TargetKind.ORGANIZATION, LOWER): _LIGHT, (TargetKind.ORGANIZATION, SAME): _LIGHT,
        (TargetKind.FULL_MEMBER, SAME): _ALL_MEMBER,
        (TargetKind.PROBATIONARY_MEMBER, SAME): _LIGHT,
    },
    (COMMISSION, Tier.COMMUNE): {
        (TargetKind.FULL_MEMBER, SAME): _LIGHT,
        (TargetKind.PROBATIONARY_MEMBER, SAME): _LIGHT,
    },
}


def forms_allowed(target_kind: str) -> tuple[str, ...]:
    return FORMS.get(target_kind, ())


def relation(*, body_tier: str, target_tier: str) -> str | None:
    """SAME, LOWER, or None when the target stands above the body."""
    body, target = TIER_ORDER.index(body_tier), TIER_ORDER.index(target_tier)
    if target == body:
        return SAME
    return LOWER if target > body else None


def forms_decided_by(*, body_kind: str, body_tier: str, target_kind: str, target_tier: str) -> tuple[str, ...]:
    """The forms a body of `body_kind` at `body_tier` may decide for a target of `target_kind` at `target_tier`."""
    group = BODY_KINDS.get(body_kind)
    against = relation(body_tier=body_tier, target_tier=target_tier)
    if group is None or against is None:
        return ()
    return AUTHORITY.get((group, body_tier), {}).get((target_kind, against), ())


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February of a year that has none
        return day.replace(year=day.year + years, day=28)


def limitation_ends(*, form: str, violation_on: dt.date) -> dt.date | None:
    """The first day on which a violation of `violation_on` warranting `form` may no longer be disciplined."""
    years = LIMITATION_YEARS[form]
    return None if years is None else _years_after(violation_on, years)


def within_limitation(*, form: str, violation_on: dt.date, decided_on: dt.date) -> bool:
    ends = limitation_ends(form=form, violation_on=violation_on)
    return ends is None or decided_on < ends


# A complaint ends by keeping, changing or annulling the discipline complained of.
OUTCOMES = ("kept", "changed", "annulled")

# Deadlines, in working days of the project's calendar (`mandate.core.workdays`), and in calendar days.
DENUNCIATION_WORKING_DAYS = {Tier.CENTRAL: 180, Tier.PROVINCE: 90, Tier.COMMUNE: 90}
DENUNCIATION_EXTENSION_MAX_WORKING_DAYS = 30
DENUNCIATION_EXTENSIONS = 1
COMPLAINT_FILING_CALENDAR_DAYS = 30
