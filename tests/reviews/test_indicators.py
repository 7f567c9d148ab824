"""A province's indicator set given to its communes as monitoring KPI targets; the values entered or imported from a
spreadsheet through the sheets app's preview; each commune against the target and ranked against the others."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.accounts.models import Role
from mandate.core.errors import DomainError
from mandate.monitoring.kpis import kpi_targets_list
from mandate.monitoring.models import KpiTarget
from mandate.monitoring.selectors import child_units
from mandate.reviews import services
from mandate.reviews.selectors import indicator_matrix
from mandate.sheets.services import import_confirm, import_preview

pytestmark = pytest.mark.django_db
ONLINE, FILES = "Tỷ lệ dịch vụ công trực tuyến toàn trình", "Tỷ lệ hồ sơ giải quyết đúng hạn"


@pytest.fixture
def indicators(freeze, make_user, unit):
    freeze(dt.date(2026, 7, 5))
    leader = make_user(Role.LEADER, "25")
    created = services.indicator_set_create(
        actor=leader, owner=unit("25"), title="Chỉ số cấp xã 2026", period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31), indicators=[
            {"group": "online_rates", "name": ONLINE, "target": "80", "measure": "%"},
            {"group": "on_time", "name": FILES, "target": "98", "measure": "%"}])
    communes = child_units(unit=unit("25"), as_of=dt.date(2026, 7, 5), kind="commune")[:3]
    assert services.indicator_set_apply(actor=leader, indicator_set=created, units=communes) == 6
    assert services.indicator_set_apply(actor=leader, indicator_set=created, units=communes) == 0  # once
    return created, communes, leader


def test_the_set_gives_each_commune_monitoring_targets_and_the_province_sees_each_against_the_others(indicators):
    created, communes, leader = indicators
    assert KpiTarget.objects.filter(unit__in=communes, indicator=ONLINE, target=Decimal(80)).count() == 3
    for commune, online, files in zip(communes, ("85", "72", "90"), ("99", "97", "98"), strict=True):
        services.indicator_value_report(actor=leader, indicator_set=created, unit=commune, indicator=ONLINE, value=Decimal(online))
        services.indicator_value_report(actor=leader, indicator_set=created, unit=commune, indicator=FILES, value=Decimal(files))
    columns, rows = indicator_matrix(user=leader, indicator_set=created, as_of=dt.date(2026, 7, 5))
    assert [c.name for c in columns] == [ONLINE, FILES]
    by_unit = {row.unit.code: row for row in rows}
    third, first, second = (by_unit[c.code] for c in communes[::-1][:1] + communes[:2])
    assert [(cell.row.actual, cell.rank, cell.row.outcome) for cell in third.cells] == [
        (Decimal("90.0000"), 1, "achieved"), (Decimal("98.0000"), 2, "achieved")]
    assert (first.achieved, second.achieved) == (2, 0)
    assert rows[0].achieved == 2 and rows[-1].unit == communes[1]
    # The same rows are monitoring's: the KPI page of a commune lists its targets with these values.
    listed = kpi_targets_list(user=leader, as_of=dt.date(2026, 7, 5), unit=communes[1])
    assert sorted((row.target.indicator, row.outcome) for row in listed) == [(ONLINE, "not_achieved"), (FILES, "not_achieved")]


def test_a_commune_imports_its_values_through_the_preview_and_a_second_import_adds_nothing(indicators, make_user):
    created, communes, _leader = indicators
    clerk = make_user(Role.SPECIALIST, communes[0].code)
    sheet = (f"Đơn vị,Chỉ tiêu,Giá trị báo cáo,Ngày báo cáo\n{communes[0].name},{ONLINE},\"82,5\",30/06/2026\n"
             f"{communes[0].name},Chỉ tiêu không có,50,30/06/2026\n")
    batch = import_preview(actor=clerk, upload=SimpleUploadedFile("so-lieu.csv", sheet.encode()), as_of=dt.date(2026, 7, 5),
                           kind="kpi_values")
    assert [row["status"] for row in batch.rows] == ["new", "refused"]
    assert batch.rows[1]["errors"][0]["field"] == "indicator"
    import_confirm(actor=clerk, batch=batch, choices={}, decisions={})
    columns, rows = indicator_matrix(user=clerk, indicator_set=created, as_of=dt.date(2026, 7, 5))
    assert [row.unit for row in rows] == [communes[0]]  # a commune sees its own row
    assert rows[0].cells[0].row.actual == Decimal("82.5000")
    again = import_preview(actor=clerk, upload=SimpleUploadedFile("so-lieu.csv", sheet.encode()), as_of=dt.date(2026, 7, 5),
                           kind="kpi_values")
    assert again.rows[0]["status"] == "existing"


def test_an_indicator_named_twice_and_a_commune_outside_the_province_are_refused(indicators, unit):
    created, _communes, leader = indicators
    with pytest.raises(DomainError) as refused:
        services.indicator_set_create(actor=leader, owner=unit("25"), title="Trùng", period_start=dt.date(2026, 1, 1),
                                      period_end=dt.date(2026, 12, 31), indicators=[
                                          {"group": "growth", "name": "Tăng trưởng", "target": "8"},
                                          {"group": "growth", "name": "tăng trưởng", "target": "8"}])
    assert [e.field for e in refused.value.errors] == ["indicators.1.name"]
    hanoi = child_units(unit=unit("01"), as_of=dt.date(2026, 7, 5), kind="commune")[:1]
    with pytest.raises(DomainError) as refused:
        services.indicator_set_apply(actor=leader, indicator_set=created, units=hanoi)
    assert refused.value.errors[0].field == "units"
