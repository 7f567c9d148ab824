"""A periodic report compiles itself from the task list, the scorecard, the register and the KPI targets; issued, it
is a registered BC document that keeps its figures; the receiver sees who sent theirs, reminds the others and rolls
their figures up."""
import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from mandate.accounts.models import Role
from mandate.core.errors import DomainError
from mandate.documents.models import Document
from mandate.monitoring.services import kpi_actual_report, kpi_target_create
from mandate.reviews import services
from mandate.reviews.compile import report_figures
from mandate.reviews.models import ReportReminder, ReportState
from mandate.reviews.selectors import LATE, MISSING, NOT_YET, ON_TIME, regime_period, submissions_of
from mandate.tasks.selectors import TaskFilters, status_counts, tasks_list
from mandate.tasks.status import OFFICIAL_TOTALS
from tests.factories import a_document
from tests.monitoring.builders import random_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def regime(unit, make_user):
    leader = make_user(Role.LEADER, "25.TU", username="bithu.tinh")
    return services.regime_create(actor=leader, receiver=unit("25.TU"), title="Báo cáo quý", frequency="quarterly",
                                  reporters=[unit("04792.DU"), unit("04795.DU"), unit("04828.DU")])


def test_each_compiled_figure_equals_the_task_list_and_the_scorecard_with_the_same_filters(freeze, make_user, unit, regime):
    random_tasks(seed=19, count=40)
    freeze(dt.date(2025, 9, 30))
    leader = make_user(Role.LEADER, "25.TU")
    report = services.report_draft(actor=leader, regime=regime, unit=unit("25.TU"), period="2025-Q3")
    assert (report.period_start, report.period_end, report.due_on) == (dt.date(2025, 6, 15), dt.date(2025, 9, 14),
                                                                         dt.date(2025, 9, 20))
    figures = report_figures(user=leader, report=report)
    filters = TaskFilters(as_of=dt.date(2025, 9, 14), lead_unit=unit("25.TU"), subtree=True,
                          assigned_from=dt.date(2025, 6, 15), assigned_to=dt.date(2025, 9, 14))
    counts = status_counts(user=leader, filters=filters)
    assert counts["assigned"] > 10
    for name in OFFICIAL_TOTALS:
        assert figures["tasks"][name] == counts[name] == tasks_list(user=leader, filters=dataclasses.replace(
            filters, status=name)).count(), name
    assert figures["tasks"]["extended"] == tasks_list(user=leader, filters=filters).filter(extension_count__gt=0).count()
    lagging = {row["unit"]: row["overdue"] for row in figures["lagging"]}
    for code, overdue in lagging.items():
        assert overdue == tasks_list(user=leader, filters=dataclasses.replace(
            filters, lead_unit=unit(code), subtree=False, status="overdue")).count()


def test_documents_by_type_and_kpis_are_those_of_the_register_and_the_targets(freeze, make_user, unit, regime):
    freeze(dt.date(2025, 12, 31))
    for kind in ("CT", "CT", "KH"):
        a_document(issuing_unit="25.TU.BTV", type=kind, issued_on=dt.date(2025, 10, 1))
    a_document(issuing_unit="25.TU.BTV", type="CT", issued_on=dt.date(2025, 9, 14))  # the day before the window
    target = kpi_target_create(actor=None, unit=unit("25.TU"), indicator="Tăng trưởng GRDP", period_start=dt.date(2025, 1, 1),
                               period_end=dt.date(2025, 12, 31), comparison="gte", target=Decimal(8), measure="%")
    kpi_actual_report(actor=None, target=target, value=Decimal("8.2"), reported_on=dt.date(2025, 11, 1))
    leader = make_user(Role.LEADER, "25.TU")
    report = services.report_draft(actor=leader, regime=regime, unit=unit("25.TU"), period="2025-Q4")
    figures = report_figures(user=leader, report=report)
    assert figures["documents"] == [{"type": "CT", "count": 2}, {"type": "KH", "count": 1}]
    assert [(k["indicator"], k["target"], k["actual"], k["outcome"]) for k in figures["kpis"]] == [
        ("Tăng trưởng GRDP", "8.0000", "8.2000", "achieved")]


def test_issuing_registers_a_bc_document_and_keeps_the_figures(freeze, make_user, unit, regime):
    freeze(dt.date(2025, 9, 18))
    writer = make_user(Role.SPECIALIST, "04792.DU")
    report = services.report_draft(actor=writer, regime=regime, unit=unit("04792.DU"), period="2025-Q3")
    report = services.report_edit(actor=writer, report=report, version=1, summary="Tình hình chung ổn định.",
                                  proposals="Đề nghị bổ sung biên chế.")
    report = services.report_issue(actor=writer, report=report, version=2, signer="Nguyễn Văn B")
    document = Document.objects.get(pk=report.document_id)
    assert (report.state, document.type, document.issuing_unit.code, document.issued_on) == (
        ReportState.ISSUED, "BC", "04792.DU", dt.date(2025, 9, 18))
    assert document.number_text == "01-BC/ĐU"
    assert report.figures["tasks"]["assigned"] == 0
    a_document(issuing_unit="04792.DU", type="CV", issued_on=dt.date(2025, 9, 1))
    assert report_figures(user=writer, report=report)["documents_total"] == report.figures["documents_total"]
    with pytest.raises(DomainError) as refused:
        services.report_edit(actor=writer, report=report, version=3, summary="Sửa sau khi ban hành")
    assert refused.value.errors[0].field == "state"


def test_the_receiver_sees_who_sent_on_time_late_or_not_yet_and_reminds_the_missing(freeze, make_user, unit, regime, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    btc, vp = make_user(Role.SPECIALIST, "04792.DU"), make_user(Role.SPECIALIST, "04828.DU")
    kiem_tra = make_user(Role.LEADER, "04795.DU", email="ubkt@example.vn")
    office = make_user(Role.SPECIALIST, "25.TU")
    freeze(dt.date(2025, 9, 19))
    on_time = services.report_draft(actor=btc, regime=regime, unit=unit("04792.DU"), period="2025-Q3")
    services.report_issue(actor=btc, report=on_time)
    freeze(dt.date(2025, 9, 23))
    late = services.report_draft(actor=vp, regime=regime, unit=unit("04828.DU"), period="2025-Q3")
    services.report_issue(actor=vp, report=late)
    period = regime_period(regime=regime, key="2025-Q3")
    result = submissions_of(user=office, regime=regime, period=period)
    assert [(row.unit.code, row.state, row.days_late) for row in result.rows] == [
        ("04792.DU", ON_TIME, 0), ("04795.DU", MISSING, 3), ("04828.DU", LATE, 3)]
    assert submissions_of(user=office, regime=regime, period=period, today=dt.date(2025, 9, 20)).rows[1].state == NOT_YET
    with pytest.raises(DomainError) as refused:
        services.reporters_remind(actor=office, regime=regime, period="2025-Q3", units=[unit("04792.DU")])
    assert refused.value.errors[0].field == "units"
    with django_capture_on_commit():
        assert services.reporters_remind(actor=office, regime=regime, period="2025-Q3") == 1
    assert [m.to for m in mail.outbox] == [["ubkt@example.vn"]]
    assert services.reporters_remind(actor=office, regime=regime, period="2025-Q3") == 0  # once a day
    assert ReportReminder.objects.get().recipient == kiem_tra
    own = services.report_draft(actor=office, regime=regime, unit=unit("25.TU"), period="2025-Q3")
    received = report_figures(user=office, report=own)["received"]
    assert received["summary"] == {ON_TIME: 1, LATE: 1, NOT_YET: 0, MISSING: 1}
    assert [row["state"] for row in received["rows"]] == [ON_TIME, MISSING, LATE]


def django_capture_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_a_reporter_outside_the_receiver_and_a_period_of_another_form_are_refused(make_user, unit):
    leader = make_user(Role.LEADER, "25.TU")
    with pytest.raises(DomainError) as refused:
        services.regime_create(actor=leader, receiver=unit("25.TU"), title="Sai", frequency="monthly",
                               reporters=[unit("01.TU.BTC")])
    assert [e.field for e in refused.value.errors] == ["reporters"]
    regime = services.regime_create(actor=leader, receiver=unit("25.TU"), title="Tháng", frequency="monthly",
                                    reporters=[unit("25.TU.BTC")])
    with pytest.raises(DomainError) as refused:
        services.report_draft(actor=leader, regime=regime, unit=unit("25.TU.BTC"), period="2025-Q3")
    assert (refused.value.errors[0].field, refused.value.errors[0].code) == ("period", "period_form")
