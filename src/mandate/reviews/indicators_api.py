"""/api/v1/indicator-sets: the indicators a province asks its communes to fill in, each commune against the target and
against the others (as the page /reviews/indicators/<id>/ shows them).

The same services as the pages: a set's indicators are given to the communes as monitoring KPI targets, and a value is
a KPI actual on that target (the latest by a date is the value; a later one corrects it, nothing is overwritten). A
spreadsheet of values goes through the KPI values import of the sheets app (`import_page`), as on the page.
"""
import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from mandate.core import clock
from mandate.core.dates import AsOfDate
from mandate.monitoring.kpis import kpi_outcome
from mandate.orgs.selectors import unit_named
from mandate.reviews import selectors, services

router = Router(tags=["indicator sets"])


class IndicatorIn(Schema):
    group: str = Field(description="openness, on_time, digitised, online, satisfaction (766/QĐ-TTg), online_rates "
                                   "(Decree 224/2026) or growth")
    name: str = ""
    comparison: str = Field("gte", description="gte (at least the target), lte (at most) or eq")
    target: Decimal | None = Field(None, description="a number, e.g. 80 or 8.5")
    measure: str = Field("", description="e.g. %")


class IndicatorSetIn(Schema):
    owner: str | None = Field(None, description="the code of the province that sets the indicators")
    title: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    indicators: list[IndicatorIn] = Field(default_factory=list)


class IndicatorOut(Schema):
    id: int
    group: str
    group_name: str
    name: str
    comparison: str
    target: Decimal
    measure: str


class CellOut(Schema):
    indicator: str
    target: Decimal = Field(description="the commune's KPI target (the set's, unless monitoring set it otherwise)")
    actual: Decimal | None
    reported_on: dt.date | None
    outcome: str = Field(description="achieved, not_achieved or not_reported")
    rank: int | None = Field(description="among the communes that reported it, best first")


class CommuneOut(Schema):
    unit: str
    unit_name: str
    achieved: int
    reported: int
    values: list[CellOut]


class IndicatorSetOut(Schema):
    id: int
    owner: str
    owner_name: str
    title: str
    period_start: dt.date
    period_end: dt.date
    indicators: list[IndicatorOut]


class IndicatorSetDetailOut(IndicatorSetOut):
    as_of: dt.date
    communes: list[CommuneOut] = Field(description="the communes given the set that you may see: a commune its own, "
                                                   "the province all, best first")
    import_page: str = Field(description="the page that imports the values from a spreadsheet (with its preview)")


def _indicators(found) -> list[dict]:
    return [{"id": i.pk, "group": i.group, "group_name": i.get_group_display(), "name": i.name, "comparison": i.comparison,
             "target": i.target, "measure": i.measure} for i in found.indicators.all()]


def _set(found) -> dict:
    return {"id": found.pk, "owner": found.owner.code, "owner_name": found.owner.name, "title": found.title,
            "period_start": found.period_start, "period_end": found.period_end, "indicators": _indicators(found)}


def _detail(request, found, as_of: dt.date) -> dict:
    indicators, rows = selectors.indicator_matrix(user=request.user, indicator_set=found, as_of=as_of)
    communes = [{"unit": row.unit.code, "unit_name": row.unit.name, "achieved": row.achieved, "reported": row.reported,
                 "values": [{"indicator": indicator.name, "target": cell.row.target.target, "actual": cell.row.actual,
                             "reported_on": cell.row.reported_on, "outcome": cell.row.outcome, "rank": cell.rank}
                            for indicator, cell in zip(indicators, row.cells, strict=True) if cell is not None]}
                for row in rows]
    return {**_set(found), "as_of": as_of, "communes": communes, "import_page": reverse("kpi_values_import")}


class SetQuery(Schema):
    owner: str | None = Field(None, description="the code of the province that owns the sets")
    period_from: dt.date | None = Field(None, description="sets whose period ends on or after this day")
    period_to: dt.date | None = Field(None, description="sets whose period starts on or before this day")


@router.get("", response=list[IndicatorSetOut], summary="The indicator sets I may see (of a province, over a period)")
def list_sets(request: HttpRequest, query: Query[SetQuery]):
    rows = selectors.indicator_sets_list(user=request.user, owner=unit_named(query.owner, "owner"),
                                         period_from=query.period_from, period_to=query.period_to)
    return [_set(found) for found in rows.prefetch_related("indicators")[:200]]


@router.post("", response={201: IndicatorSetDetailOut}, summary="A province sets the indicators its communes fill in")
def create_set(request: HttpRequest, payload: IndicatorSetIn):
    created = services.indicator_set_create(
        actor=request.user, owner=unit_named(payload.owner, "owner"), title=payload.title,
        period_start=payload.period_start, period_end=payload.period_end,
        indicators=[item.dict() for item in payload.indicators])
    return Status(201, _detail(request, created, clock.today()))


@router.get("/{int:set_id}", response=IndicatorSetDetailOut,
            summary="One set: each indicator and its target, each commune's values against it and its rank")
def get_set(request: HttpRequest, set_id: int, as_of: AsOfDate | None = None):
    return _detail(request, selectors.indicator_set_get(user=request.user, set_id=set_id), as_of or clock.today())


class ApplyIn(Schema):
    units: list[str] | None = Field(None, description="the codes of the units to give the set to; the province's "
                                                      "communes by default")


@router.post("/{int:set_id}/apply", response=dict[str, int],
             summary="Give the set's indicators to the communes as their KPI targets (those that have them are left)")
def apply_set(request: HttpRequest, set_id: int, payload: ApplyIn):
    found = selectors.indicator_set_get(user=request.user, set_id=set_id)
    units = [unit_named(code, "units") for code in payload.units] if payload.units is not None else None
    return {"targets": services.indicator_set_apply(actor=request.user, indicator_set=found, units=units)}


class ValueIn(Schema):
    unit: str | None = Field(None, description="the code of the commune")
    indicator: str = Field("", description="the indicator's name, as the set spells it")
    value: Decimal | None = None
    reported_on: dt.date | None = Field(None, description="today by default")


class ValueOut(Schema):
    unit: str
    indicator: str
    value: Decimal
    reported_on: dt.date
    target: Decimal
    outcome: str


@router.post("/{int:set_id}/values", response={201: ValueOut},
             summary="A commune's value of one indicator (its KPI actual); a later value corrects an earlier one")
def report_value(request: HttpRequest, set_id: int, payload: ValueIn):
    found = selectors.indicator_set_get(user=request.user, set_id=set_id)
    actual = services.indicator_value_report(actor=request.user, indicator_set=found, unit=unit_named(payload.unit, "unit"),
                                             indicator=payload.indicator, value=payload.value,
                                             reported_on=payload.reported_on)
    target = actual.target
    return Status(201, {"unit": target.unit.code, "indicator": target.indicator, "value": actual.value,
                        "reported_on": actual.reported_on, "target": target.target,
                        "outcome": kpi_outcome(comparison=target.comparison, target=target.target, actual=actual.value)})
