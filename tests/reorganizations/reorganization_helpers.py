"""Builders and a full snapshot of the structure and the tasks, for the reorganization tests."""
import datetime as dt
import itertools

from mandate.orgs.models import Placement, Unit, UnitKind, UnitName
from mandate.tasks.models import CoordinationHandover, TaskHandover
from mandate.orgs.services import unit_create
from mandate.tasks.models import Task, TaskCoordinator

_codes = itertools.count(1)


def a_department(name: str = "", parent: str = "25.UBND", valid_from: dt.date = dt.date(2025, 7, 1), code: str = "") -> Unit:
    number = next(_codes)
    return unit_create(actor=None, code=code or f"{parent}.T{number}", name=name or f"Sở thử {number}",
                       kind=UnitKind.DEPARTMENT, tier="province", parent=Unit.objects.get(code=parent), valid_from=valid_from)


def snapshot() -> dict:
    """Units, placements, tasks, coordinators and former names, exactly as stored."""
    return {
        "units": sorted(Unit.objects.values_list("id", "code", "name", "short_name", "search_name", "valid_from", "valid_to")),
        "placements": sorted(Placement.objects.values_list("id", "unit_id", "parent_id", "path", "depth", "valid_from", "valid_to")),
        "tasks": sorted(Task.objects.values_list("id", "lead_unit_id", "assigning_unit_id", "state", "version", "updated_at",
                                                 "deadline", "parent_id")),
        "coordinators": sorted(TaskCoordinator.objects.values_list("task_id", "unit_id")),
        "names": sorted(UnitName.objects.values_list("unit_id", "name", "valid_from", "valid_to")),
        "handovers": (TaskHandover.objects.count(), CoordinationHandover.objects.count()),
    }
