"""Builders of posts and their holders for the reorganization tests, and a snapshot of every personnel row they touch."""
import datetime as dt
import itertools

from mandate.orgs.models import Unit
from mandate.personnel.models import Holding, Person, Position, Sex
from mandate.personnel.services import holding_record, person_create, position_create
from mandate.personnel.titles import Title
from mandate.reorganizations.models import HoldingHandover

_people = itertools.count(1)
SINCE = dt.date(2025, 7, 1)


def a_post(unit: Unit, kind: str = Title.HEAD, title: str = "", seats: int = 1) -> Position:
    return position_create(actor=None, unit=unit, kind=kind, title=title or f"{Title(kind).name} {unit.name}", seats=seats,
                           valid_from=SINCE)


def a_holder(post: Position, *, kind: str = "official", starts_on: dt.date = SINCE, ends_on: dt.date | None = None,
             name: str = "") -> Holding:
    number = next(_people)
    person = person_create(actor=None, full_name=name or f"Cán bộ Thử {number}", birth_date=dt.date(1975, 1, 1 + number % 28),
                           sex=Sex.FEMALE if number % 2 else Sex.MALE, kept_by=post.unit)
    return holding_record(actor=None, person=person, position=post, starts_on=starts_on, ends_on=ends_on, kind=kind)


def personnel_snapshot() -> dict:
    """Positions and holdings exactly as stored, and the handovers written."""
    return {
        "positions": sorted(Position.objects.values_list("id", "unit_id", "kind", "title", "seats", "managing_unit_id",
                                                         "valid_from", "valid_to", "predecessor_id", "reorganization_id")),
        "holdings": sorted(Holding.objects.values_list("id", "person_id", "position_id", "kind", "starts_on", "ends_on",
                                                       "carried_from_id", "reorganization_id")),
        "people": Person.objects.count(),
        "handovers": HoldingHandover.objects.count(),
    }
