"""The values of KPI targets, read from a spreadsheet (a province's communes filling in their indicators, issue 19):
each row as `monitoring.services.kpi_actual_report` will record it.

A row names the unit (by name, among the units with targets that the user may report for), the indicator (as the
target names it), the value and the day it was reached; it is previewed against the unit's target for that indicator
whose period holds the day (the latest target when no day is given).
"""
import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _, gettext_noop

from mandate.accounts.permissions import WRITERS, is_system_admin, reach
from mandate.core import clock
from mandate.core.text import fold_words
from mandate.monitoring.models import KpiTarget
from mandate.monitoring.services import kpi_actual_report
from mandate.sheets.matching import Names, names_of, reached_units
from mandate.sheets.reading import Column, Row
from mandate.sheets.rows import FORMULA, cell_text, days, fingerprint, identity, named, refusal

KIND = "kpi_values"
TITLE = _("Import the values of indicators from a spreadsheet")
LIST_URL = "monitoring:kpis"
DETAIL_URL = None
TEMPLATE_NAME = "mau-nhap-so-lieu-chi-so.xlsx"
SHEET_TITLE = "Số liệu chỉ số"
SUMMARY = (_("Indicator"), _("Reported value"))
DONE = ("%(count)s value imported.", "%(count)s values imported.")
REFUSED = gettext_noop("Only the staff of a unit with targets may import their values.")

COLUMNS = (
    Column("key", _("Row key"), example="XA-001"),
    Column("unit", _("Unit"), required=True, example="Phường Tân Hòa"),
    Column("indicator", _("Indicator"), required=True, example="Tỷ lệ dịch vụ công trực tuyến toàn trình"),
    Column("value", _("Reported value"), required=True, example="82,5"),
    Column("reported_on", _("Reported on"), example="30/06/2026"),
    Column("note", _("Note"), example=""),
)
CONTENT = [column.name for column in COLUMNS if column.name != "key"]
UNKNOWN_UNIT = gettext_noop("no unit with targets that you may report for is called «%(value)s»")
NO_TARGET = gettext_noop("%(unit)s has no target «%(value)s» for that day")
NOT_A_NUMBER = gettext_noop("«%(value)s» is not a number")
REQUIRED = gettext_noop("is required")


def may_import(user) -> bool:
    return is_system_admin(user) or reach(user, WRITERS).exists()


class Context:
    def __init__(self, *, user, units: Names) -> None:
        self.user = user
        self.units = units


def context(*, user, as_of: dt.date) -> Context:
    units = reached_units(user=user, roles=WRITERS, as_of=as_of).filter(kpi_targets__isnull=False).distinct()
    return Context(user=user, units=names_of(units))


def _number(text: str) -> Decimal | None:
    """'82,5', '82.5', '1.234,5' as a reader of either decimal comma or point writes it."""
    cleaned = text.replace(" ", "").replace("%", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() and abs(value) < Decimal(10) ** 14 else None


def _target(unit_code: str, indicator: str, day: dt.date | None) -> KpiTarget | None:
    targets = KpiTarget.objects.filter(unit__code=unit_code)
    wanted = fold_words(indicator)
    found = [t for t in targets.order_by("-period_end") if fold_words(t.indicator) == wanted]
    if day is not None:
        found = [t for t in found if t.period_start <= day <= t.period_end]
    return found[0] if found else None


def preview_row(row: Row, context: Context, seen_keys: dict[str, int]) -> dict:
    values = row.values
    errors = [refusal(name, FORMULA) for name in row.formulas]
    text = {name: cell_text(values[name]) for name in values}
    errors += [refusal(name, REQUIRED) for name in ("unit", "indicator", "value")
               if not text.get(name) and name not in row.formulas]
    found_days = days(values, text, ("reported_on",), errors)
    value = None
    if text.get("value"):
        value = _number(text["value"])
        if value is None:
            errors.append(refusal("value", NOT_A_NUMBER, value=text["value"]))
    matches: dict[str, dict] = {}
    unit, asked = None, False
    if text.get("unit"):
        match = context.units.match(text["unit"])
        matches["unit"] = match.as_dict()
        unit, refused, asked = named(match, "unit", UNKNOWN_UNIT)
        errors += [refused] if refused else []
    if unit and text.get("indicator") and _target(unit, text["indicator"], found_days.get("reported_on")) is None:
        errors.append(refusal("indicator", NO_TARGET, value=text["indicator"], unit=matches["unit"]["candidates"][0][1]))
    print_ = fingerprint(values, CONTENT)
    key, known_as = identity(row, text, print_, seen_keys, errors)
    reported_on = found_days.get("reported_on")
    return {
        "line": row.line, "key": key, "identity": known_as, "fingerprint": print_,
        "status": "refused" if errors else ("ask" if asked else "new"), "scope": "", "title": text.get("unit", ""),
        "summary": [text.get("indicator", ""), text.get("value", "")], "values": text, "unit": unit,
        "value": str(value) if value is not None else None, "reported_on": reported_on.isoformat() if reported_on else None,
        "matches": matches, "errors": errors,
    }


def after_comparison(row: dict) -> None:
    return None


def creator(*, actor, batch, rows: list[dict]):
    def create(row: dict):
        day = dt.date.fromisoformat(row["reported_on"]) if row.get("reported_on") else None
        target = _target(row["unit"], row["values"]["indicator"], day)
        return kpi_actual_report(actor=actor, target=target, value=Decimal(row["value"]), reported_on=day or clock.today(),
                                 note=row["values"].get("note", ""))

    return create
