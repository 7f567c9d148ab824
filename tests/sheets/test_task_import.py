"""Tasks imported from a spreadsheet: previewed row by row, written all at once on confirmation, never twice."""
import datetime as dt

import pytest
from django.utils import translation

from mandate.audit.models import AuditRecord
from mandate.core.errors import DomainError
from mandate.sheets.models import ImportBatch, ImportedRow
from mandate.sheets.services import import_confirm, import_preview
from mandate.tasks.models import Task

from sheets_samples import HEADERS, task_rows, xlsx

pytestmark = pytest.mark.django_db


def preview(user, upload):
    return import_preview(actor=user, upload=upload, as_of=dt.date(2026, 2, 1))


def by_status(batch, status):
    return [row for row in batch.rows if row["status"] == status]


def test_good_rows_are_matched_without_diacritics_and_nothing_is_written_before_confirmation(office):
    leader, plan = office
    batch = preview(leader, xlsx(task_rows(6, number=plan.number_text)))
    assert [row["status"] for row in batch.rows] == ["new"] * 6
    assert Task.objects.count() == 0
    row = batch.rows[0]  # "van phong tinh uy phu tho", "nguyen van chanh van phong"
    assert (row["lead_unit"], row["leader"]) == ("25.TU.VP", "chanhvp")
    assert row["matches"]["lead_unit"]["confidence"] >= 0.8
    assert row["matches"]["lead_unit"]["candidates"][0][1] == "Văn phòng Tỉnh ủy Phú Thọ"
    batch = import_confirm(actor=leader, batch=batch, choices={}, decisions={})
    tasks = Task.objects.order_by("id")
    assert tasks.count() == 6 and batch.created_count == 6
    assert all(task.imported and task.document == plan for task in tasks)
    assert tasks[2].coordinations.get().unit.code == "25.TU.VP"
    assert tasks[0].deadline == dt.date(2027, 12, 31) == tasks[1].deadline
    record = AuditRecord.objects.get(action="import.confirm")
    assert record.after["created"] == 6


def test_bad_rows_are_refused_with_their_reasons_in_the_readers_language(office):
    leader, plan = office
    rows = task_rows(5, number=plan.number_text)
    rows[0][7] = ""  # no product: a missing clear
    rows[1][3] = "Sở Không Tồn Tại Ở Đâu Cả"  # an unknown unit
    rows[2][6] = "31/02/2025"  # no such day
    rows[3][2] = "99-KH/TU"  # no such document
    batch = preview(leader, xlsx(rows))
    refused = {row["line"]: row for row in by_status(batch, "refused")}
    assert sorted(refused) == [2, 3, 4, 5] and by_status(batch, "new")[0]["line"] == 6
    assert [e["field"] for e in refused[2]["errors"]] == ["product"]
    assert [e["field"] for e in refused[3]["errors"]] == ["lead_unit"]
    assert [e["field"] for e in refused[4]["errors"]] == ["deadline"]
    assert [e["field"] for e in refused[5]["errors"]] == ["document"]
    from mandate.sheets import task_rows as tasks_kind
    from mandate.sheets.views import _shown

    with translation.override("vi"):
        reasons = [_shown(tasks_kind, refused[line])["reasons"][0] for line in (2, 3, 4, 5)]
    assert reasons[0].startswith("Sản phẩm: ") and "rõ sản phẩm" in reasons[0]
    assert reasons[1].startswith("Đơn vị chủ trì: ") and "«Sở Không Tồn Tại Ở Đâu Cả»" in reasons[1]
    assert reasons[2].startswith("Thời hạn: ") and "«31/02/2025»" in reasons[2] and "ngày" in reasons[2]
    assert "«99-KH/TU»" in reasons[3] and reasons[3].isascii() is False
    batch = import_confirm(actor=leader, batch=batch, choices={}, decisions={})
    assert Task.objects.count() == 1


def test_a_second_import_of_the_same_file_adds_nothing(office):
    leader, plan = office
    rows = task_rows(4, number=plan.number_text)
    import_confirm(actor=leader, batch=preview(leader, xlsx(rows)), choices={}, decisions={})
    again = preview(leader, xlsx(rows))
    assert [row["status"] for row in again.rows] == ["existing"] * 4
    import_confirm(actor=leader, batch=again, choices={}, decisions={})
    assert Task.objects.count() == 4 and ImportedRow.objects.count() == 4


def test_an_edited_copy_creates_only_the_added_rows_and_shows_the_changed_one(office):
    leader, plan = office
    rows = task_rows(10, number=plan.number_text)
    import_confirm(actor=leader, batch=preview(leader, xlsx(rows)), choices={}, decisions={})
    edited = list(reversed(rows)) + task_rows(5, number=plan.number_text, start=11)
    edited[3] = [*edited[3][:7], "Báo cáo kết quả và đề xuất"]  # NV-007's product changed
    batch = preview(leader, xlsx(edited))
    assert len(by_status(batch, "existing")) == 9
    assert [row["key"] for row in by_status(batch, "new")] == [f"NV-{i:03d}" for i in range(11, 16)]
    [changed] = by_status(batch, "changed")
    assert changed["key"] == "NV-007"
    first = Task.objects.get(pk=changed["imported_id"])
    import_confirm(actor=leader, batch=batch, choices={}, decisions={})
    assert Task.objects.count() == 15
    assert Task.objects.get(pk=first.pk).product == "Báo cáo kết quả"  # kept: the decision defaults to keep


def test_a_changed_row_imported_anew_takes_over_the_key(office):
    leader, plan = office
    rows = task_rows(2, number=plan.number_text)
    import_confirm(actor=leader, batch=preview(leader, xlsx(rows)), choices={}, decisions={})
    rows[0][1] = "Nhiệm vụ số 1: rà soát lại"
    batch = preview(leader, xlsx(rows))
    [changed] = by_status(batch, "changed")
    import_confirm(actor=leader, batch=batch, choices={}, decisions={changed["line"]: "new"})
    assert Task.objects.count() == 3
    assert [row["status"] for row in preview(leader, xlsx(rows)).rows] == ["existing", "existing"]


def test_an_uncertain_name_is_asked_never_picked(office):
    leader, plan = office
    rows = task_rows(1, number=plan.number_text)
    rows[0][3] = "Ủy ban nhân dân"  # the province's and every commune's
    batch = preview(leader, xlsx(rows))
    [row] = batch.rows
    assert row["status"] == "ask" and row["lead_unit"] is None
    candidates = row["matches"]["lead_unit"]["candidates"]
    assert len(candidates) > 1
    import_confirm(actor=leader, batch=batch, choices={}, decisions={})
    assert Task.objects.count() == 0  # not chosen: not created
    batch = preview(leader, xlsx([[*rows[0][:0], "NV-101", *rows[0][1:]]]))
    choice = batch.rows[0]["matches"]["lead_unit"]["candidates"][0][0]
    import_confirm(actor=leader, batch=batch, choices={f"{batch.rows[0]['line']}.lead_unit": choice, "2.x": "25"},
                   decisions={})
    assert Task.objects.get().lead_unit.code == choice


def test_a_choice_outside_the_candidates_is_not_taken(office):
    leader, plan = office
    rows = task_rows(1, number=plan.number_text)
    rows[0][3] = "Ủy ban nhân dân"
    batch = preview(leader, xlsx(rows))
    import_confirm(actor=leader, batch=batch, choices={"2.lead_unit": "01.TU"}, decisions={})
    assert Task.objects.count() == 0


def test_a_formula_is_never_computed_and_its_row_is_refused(office):
    leader, plan = office
    rows = task_rows(2, number=plan.number_text)
    rows[0][1] = '=HYPERLINK("http://example.com","bấm")'
    batch = preview(leader, xlsx(rows))
    assert batch.rows[0]["status"] == "refused" and batch.rows[0]["errors"][0]["field"] == "title"
    assert batch.rows[1]["status"] == "new"


def test_a_row_key_twice_in_one_file_is_refused_the_second_time(office):
    leader, plan = office
    rows = task_rows(2, number=plan.number_text)
    rows[1][0] = rows[0][0]
    batch = preview(leader, xlsx(rows))
    assert [row["status"] for row in batch.rows] == ["new", "refused"]
    assert batch.rows[1]["errors"][0]["params"] == {"value": "NV-001", "line": 2}


def test_a_csv_with_english_headers_and_semicolons_reads_alike(office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    leader, plan = office
    header = "Row key;Task to do;Assigning document number;Lead unit;Coordinators;Leader in charge;Deadline;Product\n"
    body = f"K1;Rà soát;{plan.number_text};ban to chuc tinh uy phu tho;;tran thi truong ban;2027-06-30;Báo cáo\n"
    batch = preview(leader, SimpleUploadedFile("tasks.csv", (header + body).encode("utf-8-sig")))
    assert batch.rows[0]["status"] == "new" and batch.rows[0]["lead_unit"] == "25.TU.BTC"


def test_a_file_without_the_columns_or_not_a_spreadsheet_is_refused_naming_the_file(office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    leader, _plan = office
    with pytest.raises(DomainError) as refused:
        preview(leader, xlsx([["a"]], headers=["Mã dòng", "Ghi chú"]))
    assert refused.value.errors[0].field == "file" and "Nội dung nhiệm vụ" in refused.value.errors[0].reason
    with pytest.raises(DomainError):
        preview(leader, SimpleUploadedFile("tasks.xlsx", b"PK\x03\x04 not a zip"))
    with pytest.raises(DomainError):
        preview(leader, SimpleUploadedFile("tasks.docx", b"x"))
    assert ImportBatch.objects.count() == 0


def test_one_row_refused_at_confirmation_refuses_them_all(office, unit):
    leader, plan = office
    batch = preview(leader, xlsx(task_rows(3, number=plan.number_text)))
    unit("25.TU.UBKT").memberships.all().delete()  # no matter: the leader stays a user
    batch.rows[2]["leader"] = "nobody"  # as if the person was removed meanwhile
    with pytest.raises(DomainError) as refused:
        import_confirm(actor=leader, batch=batch, choices={}, decisions={})
    assert "4" in str(refused.value)
    assert Task.objects.count() == 0 and ImportedRow.objects.count() == 0


def test_only_those_who_assign_may_import_and_only_their_own_preview(office, make_user):
    leader, plan = office
    viewer = make_user("viewer", "25.TU")
    with pytest.raises(DomainError):
        preview(viewer, xlsx(task_rows(1, number=plan.number_text)))
    batch = preview(leader, xlsx(task_rows(1, number=plan.number_text)))
    other = make_user("leader", "25.TU")
    with pytest.raises(DomainError):
        import_confirm(actor=other, batch=batch, choices={}, decisions={})
    import_confirm(actor=leader, batch=batch, choices={}, decisions={})
    with pytest.raises(DomainError):
        import_confirm(actor=leader, batch=batch, choices={}, decisions={})
    assert Task.objects.count() == 1


def test_headers_are_the_templates(office):
    from mandate.sheets.task_rows import COLUMNS

    with translation.override("vi"):
        labels = [str(column.label) for column in COLUMNS]
    assert set(HEADERS) <= set(labels)
