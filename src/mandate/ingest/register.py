"""The bridge from the pure reader to the register: a unit matcher built from the database."""
import datetime as dt

from django.db import DatabaseError

from mandate.core import clock
from mandate.ingest.units import UnitMatcher
from mandate.orgs.models import Placement, Unit

# Commune bodies (6,642 of them) are matched only when their province is known, to keep the
# matcher small enough to build for every command-line batch.
NATIONAL_TIERS = ("central", "province")


def unit_matcher(*, province_code: str | None = None, as_of: dt.date | None = None) -> UnitMatcher | None:
    """A matcher over the units open on `as_of`, or None when the register has none (a fresh database)."""
    day = as_of or clock.today()
    try:
        units = Unit.objects.valid_on(day)
        if province_code:
            inside = Placement.objects.filter(path__startswith=_path_of(province_code, day)).values("unit_id")
            units = units.filter(tier__in=NATIONAL_TIERS) | units.filter(pk__in=inside)
        else:
            units = units.filter(tier__in=NATIONAL_TIERS)
        rows = list(units.values_list("code", "name", "short_name"))
    except DatabaseError:
        return None
    if not rows:
        return None
    return UnitMatcher(
        [(code, name, [short] if short else [], province_of(code)) for code, name, short in rows],
        province=province_code,
    )


def province_of(code: str) -> str | None:
    """"25" for "25.TU.BTC" and "old-25.UBND"; None for a central unit."""
    head = code.removeprefix("old-").split(".", 1)[0]
    return head if len(head) == 2 and head.isdigit() else None


def _path_of(code: str, day: dt.date) -> str:
    placement = Placement.objects.filter(unit__code=code).order_by("-valid_from").values_list("path", flat=True).first()
    return placement or "/nowhere/"
