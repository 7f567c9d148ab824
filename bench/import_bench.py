#!/usr/bin/env python3
"""The preview of a task spreadsheet of 10,000 rows, on the embedded SQLite database (a benchmark, not a test).

    MANDATE_DATA_DIR=/tmp/import-bench PYTHONPATH=src .venv/bin/python bench/import_bench.py [--rows 10000]

On a fresh data folder it migrates and loads the country (once), then writes an .xlsx of `--rows` rows — the lead unit
named in full, without diacritics or by its short form across Phú Thọ's 455 units, four people, one row in fifty bad —
and times `sheets.services.import_preview` on it: reading the file, matching every name, checking every row's clears.
The target is under 30 s (issue 16).
"""
import argparse
import datetime as dt
import io
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from mandate.accounts.models import User  # noqa: E402
from mandate.accounts.services import membership_grant  # noqa: E402
from mandate.core.text import fold  # noqa: E402
from mandate.documents.models import Document  # noqa: E402
from mandate.documents.services import document_register  # noqa: E402
from mandate.orgs.models import Unit  # noqa: E402
from mandate.reorganizations.services import country_load  # noqa: E402
from mandate.sheets.matching import assignable_units  # noqa: E402
from mandate.sheets.services import import_preview  # noqa: E402

HEADERS = ["Mã dòng", "Nội dung nhiệm vụ", "Số văn bản giao", "Đơn vị chủ trì", "Đơn vị phối hợp", "Lãnh đạo phụ trách",
           "Thời hạn", "Sản phẩm"]
PEOPLE = [("bench-truongban", "Trần Thị Trưởng Ban", "25.TU.BTC"), ("bench-chanhvp", "Nguyễn Văn Chánh Văn Phòng", "25.TU.VP"),
          ("bench-kiemtra", "Lê Văn Kiểm Tra", "25.TU.UBKT"), ("bench-chutich", "Phạm Thị Chủ Tịch", "25.UBND")]


def world():
    call_command("migrate", verbosity=0)
    if not Unit.objects.filter(code="25").exists():
        country_load(actor=None)
    leader, created = User.objects.get_or_create(username="bench-bithu", defaults={"full_name": "Nguyễn Văn Bí Thư"})
    if created:
        membership_grant(actor=None, user=leader, unit=Unit.objects.get(code="25.TU"), role="leader")
        for username, full_name, code in PEOPLE:
            person = User.objects.create(username=username, full_name=full_name)
            membership_grant(actor=None, user=person, unit=Unit.objects.get(code=code), role="leader")
        document_register(actor=None, issuing_unit=Unit.objects.get(code="25.TU"), type="KH", issued_on=dt.date(2026, 1, 5),
                          title="Kế hoạch (benchmark)")
    return leader, Document.objects.filter(title="Kế hoạch (benchmark)").first()


def spreadsheet(rows: int, number: str, units: list[tuple[str, str]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADERS)
    for i in range(1, rows + 1):
        name, short = units[i % len(units)]
        lead = (name, fold(name), short or name)[i % 3]
        person = PEOPLE[i % len(PEOPLE)][1]
        deadline = "31/02/2027" if i % 50 == 0 else dt.date(2027, 1 + i % 12, 1 + i % 28)
        sheet.append([f"B-{i:05d}", f"Nhiệm vụ thử số {i}", number, lead, units[(i + 7) % len(units)][0] if i % 4 == 0 else "",
                      fold(person) if i % 2 else person, deadline, "Báo cáo kết quả"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    leader, plan = world()
    as_of = dt.date(2026, 2, 1)
    units = list(assignable_units(user=leader, as_of=as_of).values_list("name", "short_name"))
    content = spreadsheet(args.rows, plan.number_text, units)
    print(f"{args.rows} rows, {len(content):,} bytes, {len(units)} units to match against")
    started = time.perf_counter()
    batch = import_preview(actor=leader, upload=SimpleUploadedFile("bench.xlsx", content), as_of=as_of)
    elapsed = time.perf_counter() - started
    statuses: dict[str, int] = {}
    for row in batch.rows:
        statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    print(f"preview: {elapsed:.1f} s ({args.rows / elapsed:,.0f} rows/s); {statuses}")
    batch.delete()


if __name__ == "__main__":
    main()
