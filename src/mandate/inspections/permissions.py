"""Who knows of a case and who works on it (296-QĐ/TW; 08-QC/TW for the commissions' reading).

A case is confidential by default. It is known only to its circle: the people who hold a role in its body (the
inspection commission or the committee that conducts it) and in the standing committee and standing board of the
party committee that body belongs to — nobody else, not even its title, in lists, counts, search, exports or
notifications. A secret case (a level of `mandate.core.secrecy`) also needs a clearance covering its level
(`mandate.accounts.secrecy`). The system and its administrators know of everything, as everywhere.

The documents a case, a programme or a discipline decision registers (the decision, the notice of conclusion, the
programme's CTr, the disciplinary QĐ) are confined to the circle of what they belong to (`Document.circle` is
`apps.CIRCLE`; `documents_known_q` is the rule this app contributes to `documents.circles` at ready()). What a case leaves
to others is its notice of conclusion's header and the tasks of its recommendations: the register shows a confined
document that gives tasks to those it gives them, by its number, issuer, date and neutral title (the inspector's own
title of the notice stays on the case, `Case.notice_title`) — the lead unit reads what it must do and the notice's
number, never the findings, the notice's files or the case.
"""
from django.db.models import Q, QuerySet

from mandate.accounts.models import Role
from mandate.accounts.permissions import DECIDERS, WRITERS, is_system_admin, reach, reads_as_commission, units_held
from mandate.accounts.secrecy import may_read_level, secrecy_q
from mandate.core import clock
from mandate.inspections.models import CaseStep, DisciplineDecision, Programme
from mandate.orgs.models import Unit, UnitKind
from mandate.orgs.selectors import placements_on

ALL_ROLES = (Role.UNIT_ADMIN, Role.LEADER, Role.SPECIALIST, Role.INSPECTOR, Role.VIEWER)
STANDING_KINDS = (UnitKind.STANDING_COMMITTEE, UnitKind.STANDING_BOARD)
BODY_KINDS = (UnitKind.INSPECTION_COMMISSION, UnitKind.PARTY_COMMITTEE, UnitKind.STANDING_COMMITTEE,
              UnitKind.STANDING_BOARD, UnitKind.EXECUTIVE_COMMITTEE, UnitKind.CENTRAL_COMMITTEE)


_MEMO = "_inspections_circle_memo"


def _memo(user, key, compute):
    """`compute()` once per user object and day: user objects live for one request (or one command), as
    `accounts.permissions._roles` reads the roles once — every filter of documents asks the circle again."""
    if user is None or not getattr(user, "is_authenticated", False):
        return compute()
    memo = user.__dict__.setdefault(_MEMO, {})
    key = (key, clock.today())
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _circle_units(user, roles=ALL_ROLES) -> set[int]:
    """The bodies whose cases `user` knows of: those where they hold one of `roles`, and, for a seat on a standing
    committee or board, its party committee and every body directly under that committee (its commission)."""
    return _memo(user, ("circle", tuple(roles)), lambda: _circle_units_now(user, roles))


def _circle_units_now(user, roles) -> set[int]:
    held = units_held(user, roles)
    if not held:
        return set()
    day = clock.today()
    standing = set(Unit.objects.filter(pk__in=held, kind__in=STANDING_KINDS).values_list("pk", flat=True))
    committees = set(placements_on(day).filter(unit_id__in=standing).values_list("parent_id", flat=True)) - {None}
    under = set(placements_on(day).filter(parent_id__in=committees).values_list("unit_id", flat=True))
    return held | committees | under


def case_q(user, *, prefix: str = "") -> Q:
    """The cases `user` may know of, as a filter (on a relation to cases when `prefix` is given, e.g. "case__")."""
    if is_system_admin(user):
        return Q()
    circle = Q(**{f"{prefix}body__in": _circle_units(user)}) | _commission_q(user, prefix)
    return secrecy_q(user, need_to_know=circle, open_to=circle, field=f"{prefix}secrecy")


def _commission_q(user, prefix: str) -> Q:
    """08-QC/TW: a commission reads the cases of the bodies of the units its committee leads (a lower commission's)."""
    if not _memo(user, "commission", lambda: _sits_in_a_commission(user)):
        return Q(**{f"{prefix}pk__in": []})
    return Q(**{f"{prefix}body__in": reach(user, (Role.INSPECTOR,))})


def _sits_in_a_commission(user) -> bool:
    held = units_held(user, ALL_ROLES)
    return bool(held) and Unit.objects.filter(pk__in=held, kind=UnitKind.INSPECTION_COMMISSION).exists()


def visible_cases(user, cases: QuerySet) -> QuerySet:
    """The cases of `cases` that `user` may know of."""
    if is_system_admin(user):
        return cases
    return cases.filter(case_q(user))


def can_view_case(user, case) -> bool:
    return is_system_admin(user) or type(case).objects.filter(case_q(user), pk=case.pk).exists()


def can_work_on_case(user, case) -> bool:
    """Record a step, name the team, conclude, extend: the writers of the case's body, cleared for its level."""
    return (is_system_admin(user) or case.body_id in units_held(user, WRITERS)) and may_read_level(user, case.secrecy)


def can_open_case(user, body: Unit) -> bool:
    """Open a case (a decision to inspect or supervise, a filing received) in the name of `body`."""
    return is_system_admin(user) or (body.kind in BODY_KINDS and body.pk in units_held(user, WRITERS))


def can_open_cases_somewhere(user) -> bool:
    """Holds a writing seat in a body that conducts cases: offers the forms at all."""
    if is_system_admin(user):
        return user is not None
    held = units_held(user, WRITERS)
    return bool(held) and Unit.objects.filter(pk__in=held, kind__in=BODY_KINDS).exists()


def can_view_cases_somewhere(user) -> bool:
    """Sits in some case's circle (or administers the system): offers the case register in the menu."""
    if is_system_admin(user):
        return user is not None
    circle = _circle_units(user)
    return bool(circle) and Unit.objects.filter(pk__in=circle, kind__in=BODY_KINDS).exists()


def can_adopt_programme(user, body: Unit) -> bool:
    """Adopt a yearly programme for `body`: its writers (the programme is also a registered document of it)."""
    return can_open_case(user, body)


def programme_q(user) -> Q:
    """Programmes are the plan of a body's work: known to the circle of its body, as its cases are, and to the
    commissions that read the units the programme's body belongs to (08-QC/TW)."""
    if is_system_admin(user):
        return Q()
    return Q(body__in=_circle_units(user)) | _commission_q(user, "")


def can_decide_discipline(user, body: Unit) -> bool:
    """Record a disciplinary decision of `body`: its leaders (the decision is theirs), or its writers on their word."""
    return is_system_admin(user) or body.pk in units_held(user, (*DECIDERS, Role.SPECIALIST))


def discipline_q(user) -> Q:
    """Discipline decisions are known to the circle of the deciding body (as cases), secret ones to the cleared."""
    if is_system_admin(user):
        return Q()
    circle = Q(body__in=_circle_units(user)) | _commission_q(user, "")
    return secrecy_q(user, need_to_know=circle, open_to=circle)


def documents_known_q(user, *, prefix: str = "") -> Q:
    """The documents of the inspections' circle `user` may know of, as a filter over `prefix`: those of a step of a
    case they may know of (its decision, its notice of conclusion), of a programme they may know of, and of a
    discipline decision they may know of (the rule `documents.circles` applies to `Document.circle == apps.CIRCLE`)."""
    if is_system_admin(user):
        return Q()
    steps = CaseStep.objects.filter(case_q(user, prefix="case__"), document__isnull=False).values("document_id")
    programmes = Programme.objects.filter(programme_q(user)).values("document_id")
    decisions = DisciplineDecision.objects.filter(discipline_q(user)).values("document_id")
    return (Q(**{f"{prefix}pk__in": steps}) | Q(**{f"{prefix}pk__in": programmes})
            | Q(**{f"{prefix}pk__in": decisions}))


def can_read_as_commission(user, unit: Unit) -> bool:
    """08-QC/TW: `user` works in the inspection commission of the committee that leads `unit`, and reads its tasks,
    documents and cases (the accounts core's `reads_as_commission`, named here for the inspections' matrix)."""
    return is_system_admin(user) or reads_as_commission(user, unit)
