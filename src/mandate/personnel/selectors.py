"""Every read of cadre files that carries business meaning; each takes `as_of` where the answer depends on a date.

Public interface (for other apps): `holders_as_of(*, position=None, unit=None, as_of)` — the holdings in force on
`as_of` of one post, or of every post of one unit (a queryset of `Holding` with person and position), one query;
`person_career(person)` — the person's holdings in order, oldest first, with the events that began and ended them;
`disciplines_of(person, *, before=None)` — the person's discipline records, newest first (those decided before a day
when `before` is given). None of them checks who may read: the edges check `permissions.can_see_person` first.
"""
import datetime as dt

from django.db.models import Q, QuerySet

from mandate.orgs.models import Unit
from mandate.personnel.models import DisciplineRecord, Holding, Person, Position


def _held_on(day: dt.date) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gt=day))


def positions_valid_on(day: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))


def holders_as_of(*, position: Position | None = None, unit: Unit | None = None, as_of: dt.date) -> QuerySet:
    """The holdings in force on `as_of` of `position`, or of every post of `unit`; official before acting."""
    if (position is None) == (unit is None):
        raise TypeError("holders_as_of takes a position or a unit")
    holdings = Holding.objects.filter(_held_on(as_of)).select_related("person", "position", "position__unit")
    holdings = holdings.filter(position=position) if position is not None else holdings.filter(position__unit=unit)
    return holdings.order_by("-position__grade", "position__title", "kind", "starts_on")


def holders_of_kind(*, kind: str, unit_codes, as_of: dt.date) -> QuerySet:
    """The holders on `as_of` of the posts of a standard title in several units at once (the Chủ tịch UBND of
    tỉnh Phú Thọ before and after the merger: both units' codes)."""
    return Holding.objects.filter(_held_on(as_of), position__kind=kind, position__unit__code__in=list(unit_codes)) \
        .select_related("person", "position", "position__unit").order_by("position__unit__code", "kind")


def person_career(person: Person) -> QuerySet:
    """The person's holdings in order, oldest first (a holding carried by a reorganization follows its origin)."""
    return (Holding.objects.filter(person=person)
            .select_related("position", "position__unit", "basis", "started_by", "ended_by")
            .order_by("starts_on", "pk"))


def disciplines_of(person: Person, *, before: dt.date | None = None) -> QuerySet:
    """The person's discipline records, newest first; with `before`, those decided before that day."""
    records = DisciplineRecord.objects.filter(person=person).select_related("deciding_unit", "document")
    if before is not None:
        records = records.filter(decided_on__lt=before)
    return records.order_by("-decided_on", "-pk")
