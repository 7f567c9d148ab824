"""The downloads of the commission's registers and report, shared by the pages (`export_views`) and the API
(`export_api`): what is asked, checked against what the reader may know of, then drawn by `registers`.

Confidential as the cases are: only a reader in some case's circle (the commission, the committee's standing board,
the commissions above reading by 08-QC/TW, the system administrators) gets a register at all — anyone else is refused
before anything is read — and each register holds only the cases, items and decisions that reader may know of.
"""
import datetime as dt
from dataclasses import dataclass

from django.db.models import Case as Case_, Prefetch, Q, When
from django.utils.translation import gettext as _, gettext_noop

from mandate.accounts.permissions import is_system_admin, units_held
from mandate.audit.reads import read_log
from mandate.core.errors import NotFound, PermissionDenied, invalid
from mandate.inspections import registers
from mandate.inspections.models import Case, CaseKind, CaseState, CaseStep, DisciplineForm, DisciplineState
# `_circle_units` is the circle's one definition: a register asked of a body follows it, as its cases do.
from mandate.inspections.permissions import (
    ALL_ROLES, BODY_KINDS, _circle_units, can_read_as_commission, can_view_cases_somewhere,
)
from mandate.inspections.selectors import (
    CaseFilters, DisciplineFilters, cases_list, disciplines_list, programme_get, programmes_list,
)
from mandate.orgs.models import Tier, Unit, UnitKind
from mandate.orgs.selectors import placements_on, unit_parent
from mandate.reports.registers import CONTENT_TYPES, Register, register_file

FORMATS = tuple(CONTENT_TYPES)
PERIOD_SHAPES = (registers.QUARTER, registers.HALF)


@dataclass(frozen=True)
class Download:
    content: bytes
    content_type: str
    filename: str


def _format(fmt: str) -> str:
    if fmt not in CONTENT_TYPES:
        raise NotFound(_("A register is downloaded as docx or xlsx, not “%(format)s”.") % {"format": fmt})
    return fmt


CONFIDENTIAL = gettext_noop("The registers of inspections are confidential: only the inspection commission and the "
                            "standing committee may download them.")


def may_download_registers(user) -> bool:
    """A seat in a body that conducts cases (a commission, a committee, its standing committee or board), whose
    circle the registers are of; or the system's administration."""
    if not can_view_cases_somewhere(user):
        return False
    return is_system_admin(user) or Unit.objects.filter(pk__in=units_held(user, ALL_ROLES), kind__in=BODY_KINDS).exists()


def reader_check(user) -> None:
    """Refuse anyone outside every case's circle before anything is read."""
    if not may_download_registers(user):
        raise PermissionDenied(_(CONFIDENTIAL))


def body_of(user, code: str = "") -> Unit:
    """The body a register is of: the one named by `code` when the reader sits in its circle (or reads it as a
    commission above it), else the reader's own inspection commission, else the first body they hold a seat in."""
    if code:
        unit = Unit.objects.filter(code=code.strip(), kind__in=BODY_KINDS).first()
        if unit is None:
            raise invalid("body", _("No inspection commission or party committee “%(code)s”.") % {"code": code})
        if not (is_system_admin(user) or unit.pk in _circle_units(user) or can_read_as_commission(user, unit)):
            raise PermissionDenied(_(CONFIDENTIAL))
        return unit
    held = Unit.objects.filter(pk__in=units_held(user, ALL_ROLES), kind__in=BODY_KINDS)
    unit = held.filter(kind=UnitKind.INSPECTION_COMMISSION).order_by("code").first() or held.order_by("code").first()
    if unit is not None:
        return unit
    if is_system_admin(user):
        raise invalid("body", _("Choose the inspection commission or party committee whose register you want."))
    raise PermissionDenied(_(CONFIDENTIAL))


def _cases(user, *, body: Unit, as_of: dt.date, kind: str = "", state: str = "") -> list[Case]:
    """The cases of the bodies of `body`'s committee that the reader may know of, opened by `as_of`, with their
    state and status on that day."""
    steps = Prefetch("steps", queryset=CaseStep.objects.select_related("document").order_by("done_on", "id"))
    filters = CaseFilters(as_of=as_of, kind=kind or None, state=state or None)
    return list(cases_list(user=user, filters=filters).filter(body__in=_bodies_of(body, as_of=as_of))
                .select_related("conclusion_notice").prefetch_related(steps))


def _download(register: Register, fmt: str, name: str) -> Download:
    return Download(register_file(register, fmt), CONTENT_TYPES[fmt], f"{name}.{fmt}")


def programme_download(*, user, programme_id: int, fmt: str, as_of: dt.date) -> Download:
    _format(fmt)
    reader_check(user)
    programme = programme_get(user=user, programme_id=programme_id)
    register = registers.programme_register(programme=programme, as_of=as_of)
    return _download(register, fmt, f"chuong-trinh-kiem-tra-giam-sat-{programme.year}-{programme.pk}")


def cases_download(*, user, fmt: str, as_of: dt.date, body: str = "", kind: str = "", state: str = "") -> Download:
    _format(fmt)
    reader_check(user)
    if kind and kind not in CaseKind.values:
        raise invalid("kind", _("“%(value)s” is not one of: %(choices)s") % {"value": kind, "choices": ", ".join(CaseKind.values)})
    if state and state not in CaseState.values:
        raise invalid("state", _("“%(value)s” is not one of: %(choices)s") % {"value": state, "choices": ", ".join(CaseState.values)})
    unit = body_of(user, body)
    cases = _cases(user, body=unit, as_of=as_of, kind=kind, state=state)
    register = registers.case_register(body=unit, cases=cases, as_of=as_of, kind=kind, state=state)
    read_log(reader=user, items=cases, via="export")  # the secret cases the register names
    return _download(register, fmt, f"so-theo-doi-kiem-tra-{unit.code}-{as_of.isoformat()}")


def discipline_download(*, user, fmt: str, as_of: dt.date, body: str = "", form: str = "", level: str = "") -> Download:
    _format(fmt)
    reader_check(user)
    if form and form not in DisciplineForm.values:
        raise invalid("form", _("“%(value)s” is not one of: %(choices)s") % {"value": form, "choices": ", ".join(DisciplineForm.values)})
    if level and level not in Tier.values:
        raise invalid("level", _("“%(value)s” is not one of: %(choices)s") % {"value": level, "choices": ", ".join(Tier.values)})
    unit = body_of(user, body)
    decisions = (disciplines_list(user=user, filters=DisciplineFilters(form=form or None, decided_to=as_of))
                 .filter(body__in=_bodies_of(unit, as_of=as_of)))
    if level:
        decisions = decisions.filter(body__tier=level)
    decisions = list(decisions.order_by("form", "decided_on", "pk"))
    register = registers.discipline_register(body=unit, decisions=decisions, as_of=as_of, form=form, level=level)
    read_log(reader=user, items=decisions, via="export")
    return _download(register, fmt, f"so-theo-doi-ky-luat-{unit.code}-{as_of.isoformat()}")


def _bodies_of(unit: Unit, *, as_of: dt.date) -> list[Unit]:
    """The bodies of one party committee: the committee and those directly under it that conduct cases or decide
    discipline (its executive and standing committees, its standing board, its commission). A register of the
    commission holds the decisions of the committee's bodies too: they discipline in the same territory."""
    committee = unit if unit.kind == UnitKind.PARTY_COMMITTEE else (unit_parent(unit=unit, as_of=as_of) or unit)
    under = placements_on(as_of).filter(parent=committee).values("unit_id")
    return list(Unit.objects.filter(Q(pk=committee.pk) | Q(pk=unit.pk) | Q(pk__in=under), kind__in=BODY_KINDS))


def report_download(*, user, fmt: str, day: dt.date, shape: str, number: int, year: int, body: str = "") -> Download:
    _format(fmt)
    reader_check(user)
    if shape not in PERIOD_SHAPES:
        raise invalid("period", _("“%(value)s” is not one of: %(choices)s") % {"value": shape, "choices": ", ".join(PERIOD_SHAPES)})
    if not 1 <= number <= (4 if shape == registers.QUARTER else 2):
        raise invalid("number", _("A quarter is 1 to 4, a half-year 1 or 2."))
    if not 2000 <= year <= 2100:
        raise invalid("year", _("Give the year of the report, such as 2026."))
    period = registers.Period(shape=shape, number=number, year=year)
    unit = body_of(user, body)
    bodies = _bodies_of(unit, as_of=period.ends_on)
    # The programme of the period's year: the commission's own, else its committee's.
    programme = (programmes_list(user=user, year=year).filter(body__in=bodies)
                 .order_by(Case_(When(body=unit, then=0), default=1), "pk").first())
    as_of = min(period.ends_on, day)
    decisions = list(disciplines_list(user=user, filters=DisciplineFilters(decided_from=period.starts_on, decided_to=as_of))
                     .filter(body__in=bodies).exclude(state=DisciplineState.ANNULLED))
    cases = _cases(user, body=unit, as_of=as_of)
    register = registers.commission_report(body=unit, period=period, programme=programme, cases=cases,
                                           decisions=decisions, day=day)
    read_log(reader=user, items=[c for c in cases if c.state_on == CaseState.CLOSED], via="export")
    return _download(register, fmt, f"bao-cao-kiem-tra-giam-sat-{shape}{number}-{year}-{unit.code}")
