"""Reads of programmes, cases and discipline, each filtered by `permissions` and asked as of a date.

A case's state on a date is read from its dated steps (`state_as_of`), its deadline status by the tasks' one rule
(`tasks.status_sql.status_expression` over the case's `deadline`, `completed_on`, `cancelled_on`). Its
recommendations are tasks, counted by `tasks.selectors.status_groups` into the official totals.

The counts at the end (`case_counts`, `recommendation_totals`, `discipline_counts`, `units_disciplined`) are what
the registers, the commission's periodic report and the reviews read.
"""
import datetime as dt
from dataclasses import dataclass

from django.db.models import Case as When_, CharField, Count, Exists, OuterRef, Q, QuerySet, Value, When

from mandate.accounts.permissions import reach
from mandate.core.errors import NotFound
from mandate.core.text import fold, search_terms
from mandate.inspections import steps as step_tables
from mandate.inspections.models import (
    Case, CaseEvent, CaseState, CaseStep, DisciplineDecision, DisciplineState, Programme, ProgrammeItem,
    Recommendation, TeamMember,
)
from mandate.inspections.permissions import discipline_q, programme_q, visible_cases
from mandate.orgs.models import Unit
from mandate.personnel.models import Holding, Person
from mandate.tasks.models import Task
from mandate.tasks.selectors import status_groups
from mandate.tasks.status import official_totals
from mandate.tasks.status_sql import status_expression

# The codes of the steps that mean the case is being conducted (any step after the preparation).
UNDER_WAY_CODES = sorted({step.code for table in step_tables.STEPS.values() for step in table
                          if step.phase != step_tables.PREPARE})
CASE_WINDOW = "body__warning_days"


def state_as_of(as_of: dt.date):
    """An expression: the case's state on `as_of`, from its dates and the dates of its steps."""
    under_way = CaseStep.objects.filter(case=OuterRef("pk"), step__in=UNDER_WAY_CODES, done_on__lte=as_of)
    return When_(When(completed_on__lte=as_of, then=Value(CaseState.CLOSED)),
                 When(cancelled_on__lte=as_of, then=Value(CaseState.NOT_HANDLED)),
                 When(Exists(under_way), then=Value(CaseState.CONDUCT)),
                 default=Value(CaseState.PREPARE), output_field=CharField())


def cases_with_status(*, as_of: dt.date) -> QuerySet[Case]:
    """Cases opened by `as_of`, each with its state (`state_on`) and deadline status (`status`) on that date."""
    return (Case.objects.filter(opened_on__lte=as_of)
            .annotate(state_on=state_as_of(as_of), status=status_expression(as_of=as_of, window_field=CASE_WINDOW)))


@dataclass(frozen=True)
class CaseFilters:
    as_of: dt.date
    kind: str | None = None
    state: str | None = None
    target_unit: Unit | None = None
    target_person: Person | None = None
    body: Unit | None = None
    q: str | None = None
    opened_from: dt.date | None = None
    opened_to: dt.date | None = None


def cases_list(*, user, filters: CaseFilters) -> QuerySet[Case]:
    """The cases `user` may know of, as of `filters.as_of`, newest first."""
    cases = visible_cases(user, cases_with_status(as_of=filters.as_of)).select_related("body", "target_unit", "target_person")
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.state:
        cases = cases.filter(state_on=filters.state)
    if filters.target_unit is not None:
        cases = cases.filter(target_unit=filters.target_unit)
    if filters.target_person is not None:
        cases = cases.filter(target_person=filters.target_person)
    if filters.body is not None:
        cases = cases.filter(body=filters.body)
    if filters.opened_from:
        cases = cases.filter(opened_on__gte=filters.opened_from)
    if filters.opened_to:
        cases = cases.filter(opened_on__lte=filters.opened_to)
    for term in search_terms(filters.q or ""):
        cases = cases.filter(search_title__contains=term)
    return cases.order_by("-opened_on", "-pk")


def case_get(*, user, case_id: int, as_of: dt.date) -> Case:
    """One case the user may know of; any other is not found, as if it did not exist."""
    case = cases_list(user=user, filters=CaseFilters(as_of=as_of)).filter(pk=case_id).first()
    if case is None:
        # Opened after `as_of` is still the case: shown as it stands now rather than not found.
        case = visible_cases(user, cases_with_status(as_of=dt.date.max)).filter(pk=case_id).select_related(
            "body", "target_unit", "target_person").first()
    if case is None:
        raise NotFound()
    return case


@dataclass
class StepRow:
    step: step_tables.Step
    done: CaseStep | None


def case_steps(*, case: Case, as_of: dt.date | None = None) -> list[StepRow]:
    """The kind's table of steps, each with what was recorded (by `as_of` when given)."""
    done = {row.step: row for row in CaseStep.objects.filter(case=case).select_related("document")
            if as_of is None or row.done_on <= as_of}
    return [StepRow(step=step, done=done.get(step.code)) for step in step_tables.steps_of(case.kind)]


def next_steps(*, case: Case) -> list[step_tables.Step]:
    """The steps that may be recorded now (their earlier phases done), the notice of conclusion excepted."""
    done = set(CaseStep.objects.filter(case=case).values_list("step", flat=True))
    last = step_tables.last_step(case.kind)
    return [step for step in step_tables.steps_of(case.kind)
            if step.code not in done and step is not last and not step_tables.missing_before(case.kind, step.code, done)]


def may_conclude(*, case: Case) -> bool:
    done = set(CaseStep.objects.filter(case=case).values_list("step", flat=True))
    return case.state not in (CaseState.CLOSED, CaseState.NOT_HANDLED) and not step_tables.missing_before(
        case.kind, step_tables.last_step(case.kind).code, done)


def case_team(*, case: Case) -> list[TeamMember]:
    return list(TeamMember.objects.filter(case=case).select_related("person").order_by("role", "person__full_name"))


def case_timeline(*, case: Case) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(case=case).select_related("actor").order_by("at", "pk"))


def case_recommendations(*, case: Case, as_of: dt.date) -> list[Task]:
    """The tasks of the case's recommendations, each with its status on `as_of` (the reader knows of the case)."""
    ids = Recommendation.objects.filter(case=case).values("task_id")
    return list(Task.objects.filter(pk__in=ids).annotate(status=status_expression(as_of=as_of))
                .select_related("lead_unit", "leader").order_by("inspection_recommendation__position"))


def recommendation_totals_of(*, case: Case, as_of: dt.date) -> dict[str, int]:
    """Done on time, late, within deadline, overdue… of the case's recommendations (`OFFICIAL_TOTALS`)."""
    tasks = Task.objects.filter(pk__in=Recommendation.objects.filter(case=case).values("task_id"),
                                assigned_on__lte=as_of).annotate(status=status_expression(as_of=as_of))
    return official_totals({row["status"]: row["n"] for row in status_groups(tasks)})


# Programmes

def programmes_list(*, user, year: int | None = None) -> QuerySet[Programme]:
    programmes = Programme.objects.filter(programme_q(user)).select_related("body", "document")
    if year:
        programmes = programmes.filter(year=year)
    return programmes.annotate(item_count=Count("items")).order_by("-year", "body__name")


def programme_get(*, user, programme_id: int) -> Programme:
    programme = programmes_list(user=user).filter(pk=programme_id).first()
    if programme is None:
        raise NotFound()
    return programme


PLANNED, STARTED, FINISHED, SLIPPED = "planned", "started", "finished", "slipped"


def quarter_end(year: int, quarter: int) -> dt.date:
    month = quarter * 3
    return dt.date(year + (month == 12), 1 if month == 12 else month + 1, 1) - dt.timedelta(days=1)


def programme_items(*, programme: Programme, as_of: dt.date) -> list[ProgrammeItem]:
    """The items with their progress on `as_of`: finished (a case concluded), started (a case opened), slipped (its
    quarter ended with no case opened), else planned; each with the cases (`item_cases`) that carry it out."""
    items = list(programme.items.select_related("target_unit", "target_person", "lead_body")
                 .annotate(finished=Exists(Case.objects.filter(programme_item=OuterRef("pk"), completed_on__lte=as_of)),
                           started=Exists(Case.objects.filter(programme_item=OuterRef("pk"), opened_on__lte=as_of))))
    for item in items:
        if item.finished:
            item.progress = FINISHED
        elif item.started:
            item.progress = STARTED
        elif quarter_end(programme.year, item.quarter) < as_of:
            item.progress = SLIPPED
        else:
            item.progress = PLANNED
    return items


def programme_progress(*, programme: Programme, as_of: dt.date) -> dict[str, int]:
    counts = {PLANNED: 0, STARTED: 0, FINISHED: 0, SLIPPED: 0}
    for item in programme_items(programme=programme, as_of=as_of):
        counts[item.progress] += 1
    return counts


# Discipline

@dataclass(frozen=True)
class DisciplineFilters:
    form: str | None = None
    target_kind: str | None = None
    body: Unit | None = None
    state: str | None = None
    decided_from: dt.date | None = None
    decided_to: dt.date | None = None


def disciplines_list(*, user, filters: DisciplineFilters = DisciplineFilters()) -> QuerySet[DisciplineDecision]:
    decisions = (DisciplineDecision.objects.filter(discipline_q(user))
                 .select_related("body", "target_unit", "target_person", "document"))
    for name in ("form", "target_kind", "body", "state"):
        if getattr(filters, name):
            decisions = decisions.filter(**{name: getattr(filters, name)})
    if filters.decided_from:
        decisions = decisions.filter(decided_on__gte=filters.decided_from)
    if filters.decided_to:
        decisions = decisions.filter(decided_on__lte=filters.decided_to)
    return decisions.order_by("-decided_on", "-pk")


# People of the register, by name: team members and member targets

def people_named(*, viewer, name: str, limit: int = 10) -> list[Person]:
    """People of the register whose name holds `name` (without diacritics): those holding or having held a post in a
    unit `viewer` reads (who holds a post is a public fact), or whose dossier such a unit keeps."""
    folded = fold(name or "").strip()
    if not folded:
        return []
    units = reach(viewer)
    held = Holding.objects.filter(person=OuterRef("pk"), position__unit__in=units)
    people = Person.objects.filter(search_name__contains=folded)
    if viewer is not None and not getattr(viewer, "is_superuser", False):
        people = people.filter(Q(Exists(held)) | Q(kept_by__in=units))
    exact = [person for person in people.order_by("full_name")[:limit] if fold(person.full_name) == folded]
    return exact or list(people.order_by("full_name")[:limit])


# Counts for the registers, the periodic report and the reviews

def case_counts(*, user, as_of: dt.date, start: dt.date | None = None, end: dt.date | None = None,
                body: Unit | None = None, by: str = "kind") -> dict[tuple[str, str], int]:
    """How many cases `user` may know of were opened in [start, end], by (`by`: kind or body code, state on `as_of`)."""
    cases = cases_list(user=user, filters=CaseFilters(as_of=as_of, body=body, opened_from=start, opened_to=end))
    field = "body__code" if by == "body" else "kind"
    rows = cases.order_by().values(field, "state_on").annotate(n=Count("id"))
    return {(row[field], row["state_on"]): row["n"] for row in rows}


def recommendation_totals(*, user, as_of: dt.date, start: dt.date | None = None, end: dt.date | None = None,
                          body: Unit | None = None) -> dict[str, dict[str, int]]:
    """The official totals of the recommendations of the cases `user` may know of, concluded in [start, end], per lead
    unit code (the recommendations' tasks)."""
    cases = visible_cases(user, Case.objects.filter(completed_on__isnull=False))
    if body is not None:
        cases = cases.filter(body=body)
    if start:
        cases = cases.filter(completed_on__gte=start)
    if end:
        cases = cases.filter(completed_on__lte=end)
    tasks = (Task.objects.filter(pk__in=Recommendation.objects.filter(case__in=cases.values("pk")).values("task_id"),
                                 assigned_on__lte=as_of).annotate(status=status_expression(as_of=as_of)))
    per_unit: dict[str, dict[str, int]] = {}
    for row in status_groups(tasks, by="lead_unit__code"):
        per_unit.setdefault(row["lead_unit__code"], {})[row["status"]] = row["n"]
    return {code: official_totals(counts) for code, counts in per_unit.items()}


def discipline_counts(*, user, start: dt.date | None = None, end: dt.date | None = None,
                      body: Unit | None = None) -> dict[tuple[str, str], int]:
    """How many decisions in force `user` may know of were decided in [start, end], by (form, target kind)."""
    decisions = disciplines_list(user=user, filters=DisciplineFilters(body=body, decided_from=start, decided_to=end))
    rows = (decisions.exclude(state=DisciplineState.ANNULLED).order_by().values("form", "target_kind").annotate(n=Count("id")))
    return {(row["form"], row["target_kind"]): row["n"] for row in rows}


def units_disciplined(*, units, start: dt.date, end: dt.date) -> set[int]:
    """Of `units` (ids), those disciplined as organizations by a decision in force decided in [start, end]: the fact a
    review reads ("none of its units disciplined"), not the decision itself, so no reader is asked."""
    return set(DisciplineDecision.objects.filter(target_unit_id__in=units, decided_on__gte=start, decided_on__lte=end)
               .exclude(state=DisciplineState.ANNULLED).values_list("target_unit_id", flat=True))


def people_disciplined(*, people, start: dt.date, end: dt.date) -> set[int]:
    """Of `people` (ids), those disciplined by a decision in force decided in [start, end] (for the reviews)."""
    return set(DisciplineDecision.objects.filter(target_person_id__in=people, decided_on__gte=start, decided_on__lte=end)
               .exclude(state=DisciplineState.ANNULLED).values_list("target_person_id", flat=True))


