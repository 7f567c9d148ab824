"""Supervision from the start of a directive: its tasks, their status, the lagging units and the cascade, step by step.

A supervision case of the inspection commission may name a directive of the register (seed 000: "supervise
resolutions, directives and conclusions from their start, to catch slow or wrong implementation early"). What the
commission then looks at is monitoring's own reading of that directive — the scorecard of its tasks, the units with
overdue tasks, the cascade down the levels — taken on the date of each step of the case, so the team report can say
how implementation stood when the decision was signed, when the target reported, when the team verified.

This module stands in monitoring (rank 11), which may read inspections (rank 10); inspections never imports it,
and its case page fetches the panel by its address (docs/decisions.md, "Supervision of a directive"). Every number
is the same selector the scorecard, lagging and cascade pages use, with the user's own visibility: a task the user
may not see is not counted.
"""
import datetime as dt
from dataclasses import dataclass

from mandate.documents.models import Document
from mandate.inspections.selectors import case_steps
from mandate.monitoring.cascade import Cascade, directive_cascade
from mandate.monitoring.selectors import LaggingUnit, Scorecard, lagging_units, scorecard
from mandate.orgs.models import Unit, UnitKind
from mandate.orgs.selectors import territory_of, unit_get
from mandate.orgs.territory import NATION_CODE
from mandate.tasks.models import Task
from mandate.tasks.selectors import TaskFilters, tasks_list

LAGGING_SHOWN = 5  # the worst units named at each step; the lagging page lists them all


@dataclass(frozen=True)
class Moment:
    """The directive as it stood on one day of the case: the day of a step, or the day asked about."""

    label: str
    day: dt.date
    scorecard: Scorecard
    lagging: list[LaggingUnit]
    cascade: Cascade | None

    @property
    def coverage(self) -> dict[str, int] | None:
        return self.cascade.summary() if self.cascade is not None else None


@dataclass(frozen=True)
class DirectiveSupervision:
    directive: Document
    as_of: dt.date
    level: str | None  # the level the cascade counts (province, commune); None when the directive has no level below
    within: Unit | None
    tasks: list[Task]  # the directive's tasks with their status on `as_of`
    moments: list[Moment]


def cascade_scope(*, directive: Document, as_of: dt.date) -> tuple[str | None, Unit | None]:
    """The level a directive cascades to: the provinces for a central one, the communes of its province for a
    province's; none for a commune's (nothing stands below it)."""
    issuer = directive.issuing_unit
    territory = territory_of(unit=issuer, as_of=as_of) if issuer is not None else None
    if territory is None or territory.kind == UnitKind.NATION:
        return UnitKind.PROVINCE, territory or unit_get(code=NATION_CODE)
    if territory.kind == UnitKind.PROVINCE:
        return UnitKind.COMMUNE, territory
    return None, None


def directive_supervision(*, user, directive: Document, steps: list[tuple[str, dt.date]], as_of: dt.date,
                          lagging_shown: int = LAGGING_SHOWN) -> DirectiveSupervision:
    """The directive's tasks on `as_of`, and its scorecard, lagging units and cascade on each step's day up to `as_of`
    (steps after it are left out: the page as of a date does not know them), then on `as_of` itself."""
    level, within = cascade_scope(directive=directive, as_of=as_of)
    days = [(label, day) for label, day in steps if day is not None and day <= as_of]
    if not days or days[-1][1] != as_of:
        days.append(("", as_of))
    moments = []
    for label, day in days:
        filters = TaskFilters(as_of=day, document=directive)
        moments.append(Moment(
            label=label, day=day, scorecard=scorecard(user=user, filters=filters),
            lagging=lagging_units(user=user, filters=filters, tasks_per_unit=0)[:lagging_shown],
            cascade=directive_cascade(user=user, directive=directive, level=level, within=within, as_of=day)
            if level is not None and directive.issued_on is not None and directive.issued_on <= day else None,
        ))
    tasks = list(tasks_list(user=user, filters=TaskFilters(as_of=as_of, document=directive))
                 .select_related("lead_unit", "leader").order_by("deadline", "id"))
    return DirectiveSupervision(directive=directive, as_of=as_of, level=level, within=within, tasks=tasks,
                                moments=moments)



def case_supervision(*, user, case, as_of: dt.date) -> DirectiveSupervision | None:
    """The directive a supervision case names, as it stood on each of the case's steps recorded by `as_of`; None when
    the case names no directive."""
    if case.directive_id is None:
        return None
    steps = [(str(row.step.label), row.done.done_on) for row in case_steps(case=case, as_of=as_of) if row.done is not None]
    steps.sort(key=lambda step: step[1])
    return directive_supervision(user=user, directive=case.directive, steps=steps, as_of=as_of)
