"""The real province merger of 2025-07-01, carried through the same apply code, and "as of" either side of it."""
import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mandate.orgs.models import Unit
from mandate.reorganizations.models import Reorganization, ReorganizationLink
from mandate.reorganizations.services import MERGER_2025_BATCH, reorganization_apply_2025, reorganization_revert
from mandate.tasks import selectors
from mandate.tasks.models import Task
from tests.factories import a_document, a_task
from tests.reorganizations.reorganization_helpers import snapshot

pytestmark = pytest.mark.django_db

JUNE_30, JULY_1 = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


@pytest.fixture
def old_daklak_tasks(freeze, unit):
    freeze(dt.date(2025, 5, 1))
    document = a_document(issuing_unit="old-66.TU.BTV", type="KL", issued_on=dt.date(2025, 4, 1))
    tasks = [a_task(document=document, lead_unit="old-66.UBND", deadline=dt.date(2025, 9, 30), coordinators=["old-54.UBND"]),
             a_task(document=document, lead_unit="old-66.TU.VP", deadline=dt.date(2025, 6, 15)),
             a_task(document=document, lead_unit="old-54.UBND", deadline=dt.date(2025, 12, 31))]
    done = a_task(document=document, lead_unit="old-66.TU.BTC", deadline=dt.date(2025, 5, 30))
    from mandate.tasks.services import task_transition

    task_transition(actor=None, task=done, name="submit")
    task_transition(actor=None, task=done, name="complete")
    freeze(dt.date(2025, 11, 1))
    return tasks, done


def counts(code: str, as_of: dt.date) -> dict:
    unit = Unit.objects.get(code=code)
    return selectors.status_counts(user=None, filters=selectors.TaskFilters(as_of=as_of, lead_unit=unit, subtree=True))


def test_the_merger_hands_open_tasks_to_the_new_provinces_and_keeps_both_sides_answerable(old_daklak_tasks, unit):
    (ubnd, office, phu_yen), done = old_daklak_tasks
    june = {code: counts(code, JUNE_30) for code in ("old-66", "old-54")}
    assert (june["old-66"]["assigned"], june["old-54"]["assigned"]) == (3, 1)

    assert reorganization_apply_2025(actor=None) == 23

    assert [Task.objects.get(pk=t.pk).lead_unit.code for t in (ubnd, office, phu_yen)] == ["66.UBND", "66.TU.VP", "66.UBND"]
    assert Task.objects.get(pk=done.pk).lead_unit.code == "old-66.TU.BTC"
    assert Task.objects.get(pk=ubnd.pk).assigning_unit.code == "66.TU.BTV"
    assert list(Task.objects.get(pk=ubnd.pk).coordinations.values_list("unit__code", flat=True)) == []  # 66.UBND leads it
    assert {code: counts(code, JUNE_30) for code in ("old-66", "old-54")} == june
    assert counts("66", JULY_1)["assigned"] == 3  # Đắk Lắk and Phú Yên together; the completed one stays with old Đắk Lắk
    events = Reorganization.objects.filter(batch=MERGER_2025_BATCH)
    assert events.count() == 23 and not events.filter(applied_at__isnull=True).exists()
    assert ReorganizationLink.objects.filter(predecessor__code="old-66.UBND", successor__code="66.UBND").exists()
    assert reorganization_apply_2025(actor=None) == 0


def test_dashboard_figures_show_old_provinces_before_and_merged_ones_after(old_daklak_tasks):
    reorganization_apply_2025(actor=None)
    before = {code: counts(code, JUNE_30)["assigned"] for code in ("old-66", "old-54", "66")}
    assert before == {"old-66": 3, "old-54": 1, "66": 0}  # 66 did not exist yet
    after = {code: counts(code, JULY_1)["assigned"] for code in ("old-66", "66")}
    assert after == {"old-66": 0, "66": 3}
    filters = selectors.TaskFilters(as_of=JUNE_30, lead_unit=Unit.objects.get(code="old-66"), subtree=True)
    office = Unit.objects.get(code="old-66.TU.VP")
    assert selectors.overdue_by_unit(user=None, filters=filters) == [{"code": office.code, "name": office.name, "overdue": 1}]


def test_the_merger_can_be_reverted_exactly_while_nothing_depends_on_it(old_daklak_tasks):
    state = snapshot()
    reorganization_apply_2025(actor=None)
    for event in Reorganization.objects.filter(batch=MERGER_2025_BATCH).order_by("-id"):
        reorganization_revert(actor=None, reorganization=event)
    assert snapshot() == state


def test_the_command_applies_the_merger(old_daklak_tasks, capsys):
    call_command("reorganize", "merge-2025")
    assert "23" in capsys.readouterr().out
    assert Task.objects.filter(lead_unit__code__startswith="old-", state="assigned").count() == 0


def test_applying_the_merger_costs_a_fixed_number_of_queries_per_event_not_per_body(old_daklak_tasks):
    with CaptureQueriesContext(connection) as queries:
        reorganization_apply_2025(actor=None)
    # About 31 per event, whether 22 or 33 bodies close in it; planning the 572 bodies one by one took 1,408 in all.
    assert len(queries) <= 23 * 35
