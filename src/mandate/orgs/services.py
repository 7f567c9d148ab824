"""Writes on units: creating them in their place in the tree, loading the country, emulation clusters."""
import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop

from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.errors import DomainError, FieldError, invalid
from mandate.core.integrity import refuse_duplicate
from mandate.core.text import nfc, searchable
from mandate.orgs.models import Cluster, Placement, Term, Unit
from mandate.orgs.selectors import unit_placement
from mandate.orgs.territory import MERGER_EFFECTIVE, UnitSpec, country_specs


def _search_name(name: str, short_name: str) -> str:
    return searchable(name, short_name)


def unit_snapshot(unit: Unit) -> dict:
    return {"code": unit.code, "name": unit.name, "kind": unit.kind, "tier": unit.tier,
            "valid_from": unit.valid_from, "valid_to": unit.valid_to}


def unit_create(*, actor, code: str, name: str, kind: str, tier: str, parent: Unit | None,
                short_name: str = "", issuer_code: str = "", valid_from: dt.date | None = None,
                valid_to: dt.date | None = None) -> Unit:
    """Open a unit under `parent` over [valid_from, valid_to) (an open end when `valid_to` is None)."""
    code, name = nfc(code), nfc(name)
    errors = []
    if not code:
        errors.append(FieldError("code", gettext("is required"), "required"))
    if not name:
        errors.append(FieldError("name", gettext("is required"), "required"))
    if valid_to is not None and valid_from is not None and valid_to <= valid_from:
        errors.append(FieldError("valid_to", gettext("must be after the first day"), "interval"))
    if errors:
        raise DomainError(gettext("The unit cannot be created."), errors)
    with transaction.atomic():
        parent_placement = None
        if parent is not None:
            parent_placement = unit_placement(unit=parent, as_of=valid_from or clock.today())
            if parent_placement is None:
                raise invalid("parent", gettext("%(code)s is not open on %(date)s")
                              % {"code": parent.code, "date": date_format(valid_from or clock.today(), "SHORT_DATE_FORMAT")})
        # The unique code decides, also between two requests at once (no SELECT first).
        taken = DomainError(gettext_noop("The unit cannot be created."),
                            [FieldError("code", gettext_noop("is already used by another unit"), "unique")])
        with refuse_duplicate(Unit, "code", taken):
            unit = Unit.objects.create(code=code, name=name, short_name=short_name, issuer_code=issuer_code,
                                       search_name=_search_name(name, short_name), kind=kind, tier=tier, valid_from=valid_from,
                                       valid_to=valid_to)
        path = f"{parent_placement.path if parent_placement else '/'}{unit.pk}/"
        Placement.objects.create(unit=unit, parent=parent, path=path, depth=path.count("/") - 2, valid_from=valid_from,
                                 valid_to=valid_to)
        audit_record(actor=actor, action="unit.create", obj=unit, after=unit_snapshot(unit))
    return unit


def _bulk_units(specs: Iterable[UnitSpec]) -> int:
    """Create units and their placements in parent-before-child order with few round trips."""
    specs = list(specs)
    existing = set(Unit.objects.filter(code__in=[s.code for s in specs]).values_list("code", flat=True))
    fresh = [s for s in specs if s.code not in existing]
    Unit.objects.bulk_create(
        [Unit(code=s.code, name=s.name, short_name=s.short_name, issuer_code=s.issuer_code, search_name=_search_name(s.name, s.short_name),
              kind=s.kind, tier=s.tier, valid_from=s.valid_from, valid_to=s.valid_to) for s in fresh],
        batch_size=2000,
    )
    ids = dict(Unit.objects.filter(code__in=[s.code for s in specs]).values_list("code", "id"))
    paths = dict(Placement.objects.filter(unit__code__in=[s.code for s in specs]).values_list("unit__code", "path"))
    placements = []
    for s in fresh:
        parent_path = paths[s.parent_code] if s.parent_code else "/"
        paths[s.code] = f"{parent_path}{ids[s.code]}/"
        placements.append(Placement(unit_id=ids[s.code], parent_id=ids.get(s.parent_code) if s.parent_code else None,
                                    path=paths[s.code], depth=paths[s.code].count("/") - 2,
                                    valid_from=s.valid_from, valid_to=s.valid_to))
    Placement.objects.bulk_create(placements, batch_size=2000)
    return len(fresh)


def territory_load(*, actor) -> int:
    """Create the country's units and the party committees' terms (idempotent); return how many units were new.

    The 2025 province mergers that link the old provinces to the new are events of the `reorganizations` app
    (`country_load` there loads both)."""
    with transaction.atomic():
        created = _bulk_units(country_specs())
        _terms_record()
        if created:
            audit_record(actor=actor, action="territory.load", object_type="orgs.unit", object_id="*",
                         after={"units_created": created})
    return created


# Party committees number their documents per term. Committees born on 2025-07-01 began a term
# then; the others held their congresses in the autumn of 2025 (the Central Committee in January 2026).
TERMS_BEFORE_2025 = {"party_committee": [("2020–2025", dt.date(2020, 10, 1), dt.date(2025, 10, 1)),
                                         ("2025–2030", dt.date(2025, 10, 1), None)],
                     "central_committee": [("XIII", dt.date(2021, 1, 25), dt.date(2026, 1, 20)),
                                           ("XIV", dt.date(2026, 1, 20), None)]}


def _terms_record() -> None:
    committees = Unit.objects.filter(kind__in=list(TERMS_BEFORE_2025)).exclude(terms__isnull=False)
    terms = []
    for unit in committees:
        if unit.valid_from == MERGER_EFFECTIVE:
            terms.append(Term(unit=unit, name="2025–2030", starts_on=MERGER_EFFECTIVE))
        else:
            terms += [Term(unit=unit, name=name, starts_on=start, ends_on=end) for name, start, end in TERMS_BEFORE_2025[unit.kind]]
    Term.objects.bulk_create(terms, batch_size=2000)


def cluster_create(*, actor, code: str, name: str, members: list[Unit], year: int | None = None) -> Cluster:
    if not members:
        raise invalid("members", gettext("an emulation cluster needs at least one unit"))
    with transaction.atomic():
        cluster, _ = Cluster.objects.update_or_create(code=code, defaults={"name": nfc(name), "year": year})
        cluster.members.set(members)
        audit_record(actor=actor, action="cluster.save", obj=cluster,
                     after={"code": code, "name": cluster.name, "members": sorted(u.code for u in members)})
    return cluster


ALERT_DAYS_MAX = 365


def unit_alerts_set(*, actor, units: list[Unit], warning_days: int | None, reminder_days: list[int] | None,
                    escalate_after_days: int | None) -> int:
    """Set when tasks of `units` count as due soon, the days before a deadline their people are reminded, and how
    long overdue before the superior is told; None is the default of the house. Returns how many units changed."""
    days = sorted(set(reminder_days or []), reverse=True)
    errors = [FieldError(name, gettext_noop("must be a whole number of days from 0 to 365"), "range")
              for name, values in (("warning_days", [warning_days]), ("reminder_days", days),
                                   ("escalate_after_days", [escalate_after_days]))
              if any(value is not None and not 0 <= value <= ALERT_DAYS_MAX for value in values)]
    if errors:
        raise DomainError(gettext_noop("The warning and reminder settings were not saved."), errors)
    values = {"warning_days": warning_days, "reminder_days": ",".join(str(d) for d in days),
              "escalate_after_days": escalate_after_days}
    with transaction.atomic():
        changed = [unit for unit in units if any(getattr(unit, name) != value for name, value in values.items())]
        for unit in changed:
            before = {name: getattr(unit, name) for name in values}
            Unit.objects.filter(pk=unit.pk).update(**values, alerts_version=F("alerts_version") + 1)
            audit_record(actor=actor, action="unit.alerts", obj=unit, before=before, after=values)
    return len(changed)
