"""What a report is compiled over (a unit, its data window, the day its figures are counted on, the reader) and a
section of its body; apart from `compile`, so that the section providers can stand on it without a cycle."""
import datetime as dt
from dataclasses import dataclass

from mandate.orgs.models import Unit
from mandate.tasks.selectors import TaskFilters


@dataclass(frozen=True)
class Scope:
    user: object
    unit: Unit
    start: dt.date
    end: dt.date
    as_of: dt.date

    @property
    def filters(self) -> TaskFilters:
        """The task list's filters that every task number of the report is counted with."""
        return TaskFilters(as_of=self.as_of, lead_unit=self.unit, subtree=True, assigned_from=self.start, assigned_to=self.end)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    columns: list[str]
    rows: list[list]


