"""The working regulation as data: which role takes which decision in a committee, and who acts for whom.

A unit is governed by the working regulation of the nearest unit at or above it (in today's structure)
that has adopted one in force on the day; a committee without one follows `DEFAULTS`. Whatever a
regulation says, nobody decides their own request for more time or accepts a result they submitted
(`tasks.services` enforces it); for reorganizations the regulation says whether the preparer may sign off.
"""
import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy

from mandate.accounts.models import ActingFor, Decision, Membership, RegulationRule, Role, WorkingRegulation
from mandate.accounts.permissions import has_role_over, require, units_answered_by
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.errors import DomainError, FieldError, PermissionDenied
from mandate.core.text import nfc
from mandate.orgs.models import Unit
from mandate.orgs.selectors import placements_on

ROLE_LABELS = {
    Role.SYSTEM_ADMIN: gettext_lazy("a system administrator"),
    Role.UNIT_ADMIN: gettext_lazy("a unit administrator"),
    Role.LEADER: gettext_lazy("a leader"),
    Role.SPECIALIST: gettext_lazy("a specialist"),
}
# The roles a regulation may name for a decision: whoever holds one of them may be the one a request waits for.
DECIDING_ROLES = tuple(ROLE_LABELS)
DECISION_LABELS = {
    Decision.EXTENSION: gettext_lazy("deciding a request for more time"),
    Decision.ACCEPTANCE: gettext_lazy("accepting or returning a result"),
    Decision.REORGANIZATION: gettext_lazy("signing off a reorganization"),
}


@dataclass(frozen=True)
class Rule:
    decision: str
    roles: tuple[str, ...]  # who may take the decision over the unit (a system administrator always may)
    separate_from_initiator: bool
    regulation: WorkingRegulation | None  # None: the default rule
    committee: Unit | None

    @property
    def source(self) -> str:
        if self.regulation is None:
            return gettext("the default working regulation")
        return gettext("the working regulation %(number)s of %(committee)s") % {
            "number": self.regulation.number_text or self.regulation.title, "committee": self.committee.name}

    def roles_text(self) -> str:
        return gettext(" or ").join(str(ROLE_LABELS.get(role, role)) for role in self.roles)

    def describe(self) -> str:
        """The rule in one sentence, as a refusal or the regulation page shows it."""
        values = {"source": self.source, "decision": DECISION_LABELS[self.decision], "roles": self.roles_text()}
        if self.decision == Decision.REORGANIZATION:
            if self.separate_from_initiator:
                return gettext("Under %(source)s, %(decision)s is for %(roles)s, never the person who prepared it.") % values
            return gettext("Under %(source)s, %(decision)s is for %(roles)s.") % values
        if self.separate_from_initiator:
            return gettext("Under %(source)s, %(decision)s is for %(roles)s of the assigning unit, never the person "
                           "who asked for it or submitted it.") % values
        return gettext("Under %(source)s, %(decision)s is for %(roles)s of the assigning unit.") % values


# When a committee has adopted no regulation: the leaders (and the unit's administrators) decide, nobody on
# their own request; a reorganization is signed off by a system administrator, who may have prepared it.
DEFAULTS = {
    Decision.EXTENSION: ((Role.LEADER, Role.UNIT_ADMIN), True),
    Decision.ACCEPTANCE: ((Role.LEADER, Role.UNIT_ADMIN), True),
    Decision.REORGANIZATION: ((Role.SYSTEM_ADMIN,), False),
}
# The requester never decides their own request: a regulation cannot lift this for these decisions.
ALWAYS_SEPARATE = (Decision.EXTENSION, Decision.ACCEPTANCE)


def _in_force(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))


def regulation_for(*, unit: Unit, as_of: dt.date | None = None) -> WorkingRegulation | None:
    """The working regulation that governs `unit` on `as_of`: its own, else the nearest above it's, else None."""
    day = as_of or clock.today()
    path = placements_on(day).filter(unit=unit).values_list("path", flat=True).first()
    chain = [int(part) for part in path.strip("/").split("/") if part] if path else [unit.pk]
    found = {regulation.unit_id: regulation for regulation in
             WorkingRegulation.objects.filter(_in_force(day), unit_id__in=chain).select_related("unit")}
    for unit_id in reversed(chain):
        if unit_id in found:
            return found[unit_id]
    return None


def rule_for(*, unit: Unit | None, decision: str, as_of: dt.date | None = None) -> Rule:
    """The rule that says who takes `decision` for `unit` (the defaults when no unit is named)."""
    regulation = regulation_for(unit=unit, as_of=as_of) if unit is not None else None
    stated = regulation.rules.filter(decision=decision).first() if regulation is not None else None
    if stated is None:
        roles, separate = DEFAULTS[decision]
        # A regulation that is silent on a decision leaves the default in force.
        return Rule(decision, roles, separate, None, None)
    separate = stated.separate_from_initiator or decision in ALWAYS_SEPARATE
    return Rule(decision, (stated.role,), separate, regulation, regulation.unit)


def deciding_roles(*, units: set[int], decision: str, as_of: dt.date | None = None) -> dict[int, tuple[str, ...]]:
    """The roles that take `decision` for each of `units` (ids): `rule_for(...).roles` of each, in three queries."""
    if not units:
        return {}
    day = as_of or clock.today()
    paths = dict(placements_on(day).filter(unit_id__in=units).values_list("unit_id", "path"))
    chains = {unit_id: [int(part) for part in paths[unit_id].strip("/").split("/") if part] if paths.get(unit_id) else [unit_id]
              for unit_id in units}
    regulations = {regulation.unit_id: regulation for regulation in
                   WorkingRegulation.objects.filter(_in_force(day), unit_id__in={u for chain in chains.values() for u in chain})
                   .prefetch_related("rules")}
    roles = {}
    for unit_id, chain in chains.items():
        regulation = next((regulations[u] for u in reversed(chain) if u in regulations), None)
        stated = next((rule for rule in regulation.rules.all() if rule.decision == decision), None) if regulation else None
        roles[unit_id] = (stated.role,) if stated is not None else DEFAULTS[decision][0]
    return roles


def units_deciding(*, user, units: set[int], decision: str, as_of: dt.date | None = None) -> set[int]:
    """Of `units` (ids), those whose `decision` waits for `user`: they hold the role the regulation names for it
    (`can_decide`'s rule), in the unit or in the nearest unit above it where anybody holds that role."""
    return units_answered_by(user, deciding_roles(units=units, decision=decision, as_of=as_of), as_of=as_of)


def rules_of(*, unit: Unit, as_of: dt.date | None = None) -> list[Rule]:
    return [rule_for(unit=unit, decision=decision, as_of=as_of) for decision in Decision.values]


def acting_live(*, unit: Unit | None = None, as_of: dt.date | None = None):
    """Who acts for whom on `as_of` (in `unit` when given)."""
    day = as_of or clock.today()
    rows = ActingFor.objects.filter(valid_from__lte=day, valid_to__gt=day).select_related("unit", "absent", "acting")
    return rows.filter(unit=unit) if unit is not None else rows


def regulation_view(*, unit: Unit, as_of: dt.date | None = None) -> dict:
    """What the regulation page and API show of a unit: the governing regulation, each rule, who acts for whom."""
    day = as_of or clock.today()
    regulation = regulation_for(unit=unit, as_of=day)
    return {
        "unit": unit.code, "regulation_unit": regulation.unit.code if regulation else None,
        "number": regulation.number_text if regulation else None, "title": regulation.title if regulation else None,
        "valid_from": regulation.valid_from if regulation else None,
        "rules": [{"decision": rule.decision, "roles": list(rule.roles), "separate_from_initiator": rule.separate_from_initiator,
                   "source": "regulation" if rule.regulation else "default", "text": rule.describe(),
                   "label": DECISION_LABELS[rule.decision]} for rule in rules_of(unit=unit, as_of=day)],
        "acting_for": [{"absent": row.absent.username, "acting": row.acting.username, "role": row.role,
                        "valid_from": row.valid_from, "valid_to": row.valid_to, "reason": row.reason,
                        "absent_name": str(row.absent), "acting_name": str(row.acting)}
                       for row in acting_live(unit=unit, as_of=day).order_by("valid_from", "id")],
    }


def refuse_own(rule: Rule, what: str) -> PermissionDenied:
    """The refusal of a decision on one's own request, stating the rule."""
    return PermissionDenied(gettext("You may not decide on %(what)s yourself. %(rule)s") % {"what": what, "rule": rule.describe()})


# Writes: adopting a regulation and naming an acting leader

def regulation_adopt(*, actor, unit: Unit, title: str, valid_from: dt.date, number_text: str = "",
                     rules: dict[str, tuple[str, bool]] | None = None) -> WorkingRegulation:
    """Record a committee's working regulation with its rules ({decision: (role, separate_from_initiator)})."""
    require(has_role_over(actor, unit, (Role.UNIT_ADMIN,)), gettext("Only the administrators of the committee may record its working regulation."))
    title = nfc(title or "").strip()
    errors = []
    if not title:
        errors.append(FieldError("title", gettext("is required"), "required"))
    for decision, (role, _separate) in (rules or {}).items():
        if decision not in Decision.values:
            errors.append(FieldError("rules", gettext("'%(decision)s' is not a decision of a working regulation") % {"decision": decision}))
        elif role not in ROLE_LABELS:
            errors.append(FieldError(f"rules.{decision}", gettext("'%(role)s' is not a role that decides") % {"role": role}))
    if errors:
        raise DomainError(gettext("The working regulation cannot be recorded."), errors)
    with transaction.atomic():
        WorkingRegulation.objects.filter(unit=unit, valid_to__isnull=True, valid_from__lt=valid_from).update(valid_to=valid_from)
        regulation = WorkingRegulation.objects.create(unit=unit, title=title, number_text=nfc(number_text or "").strip(),
                                                      valid_from=valid_from, adopted_by=actor, adopted_at=clock.now())
        RegulationRule.objects.bulk_create([RegulationRule(regulation=regulation, decision=decision, role=role,
                                                           separate_from_initiator=separate)
                                            for decision, (role, separate) in (rules or {}).items()])
        audit_record(actor=actor, action="regulation.adopt", obj=regulation,
                     after={"unit": unit.code, "title": title, "valid_from": valid_from, "rules": rules or {}})
    return regulation


def acting_for_grant(*, actor, unit: Unit, absent, acting, valid_from: dt.date, valid_to: dt.date, reason: str,
                     role: str = Role.LEADER) -> ActingFor:
    """Let `acting` hold `absent`'s role in `unit` for the stated period, e.g. while the leader is on leave."""
    require(has_role_over(actor, unit, (Role.UNIT_ADMIN,)), gettext("Only the administrators of the unit may name who acts for a leader."))
    reason = nfc(reason or "").strip()
    errors = []
    if not reason:
        errors.append(FieldError("reason", gettext("is required: say why the leader is absent"), "required"))
    if valid_from is None or valid_to is None or valid_to <= valid_from:
        errors.append(FieldError("valid_to", gettext("the period must end after it begins")))
    if absent is None or acting is None or absent.pk == acting.pk:
        errors.append(FieldError("acting", gettext("name another person than the absent leader")))
    elif not Membership.objects.filter(user=absent, unit=unit, role=role).exists():
        errors.append(FieldError("absent", gettext("does not hold this role in the unit")))
    if role == Role.SYSTEM_ADMIN:
        errors.append(FieldError("role", gettext("nobody acts as a system administrator")))
    if errors:
        raise DomainError(gettext("The acting leader cannot be named."), errors)
    with transaction.atomic():
        row = ActingFor.objects.create(unit=unit, absent=absent, acting=acting, role=role, valid_from=valid_from,
                                       valid_to=valid_to, reason=reason, granted_by=actor, granted_at=clock.now())
        audit_record(actor=actor, action="acting_for.grant", obj=row,
                     after={"unit": unit.code, "absent": absent.username, "acting": acting.username, "role": role,
                            "valid_from": valid_from, "valid_to": valid_to, "reason": reason})
    return row

