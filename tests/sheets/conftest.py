"""A province office that assigns tasks, its document, its people, and spreadsheets of tasks built with openpyxl."""
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

HEADERS = ["Mã dòng", "Nội dung nhiệm vụ", "Số văn bản giao", "Đơn vị chủ trì", "Đơn vị phối hợp", "Lãnh đạo phụ trách",
           "Thời hạn", "Sản phẩm"]


def task_rows(count: int, *, number: str, start: int = 1) -> list[list]:
    """`count` good rows: keys NV-001…, units and people named without diacritics half of the time."""
    units = ["Ban Tổ chức Tỉnh ủy Phú Thọ", "van phong tinh uy phu tho", "Ủy ban Kiểm tra Tỉnh ủy Phú Thọ"]
    people = ["Trần Thị Trưởng Ban", "nguyen van chanh van phong", "Lê Văn Kiểm Tra"]
    return [[f"NV-{i:03d}", f"Nhiệm vụ số {i}: rà soát, báo cáo", number, units[i % 3],
             "Văn phòng Tỉnh ủy Phú Thọ" if i % 3 == 0 else "", people[i % 3],
             dt.date(2027, 12, 31) if i % 2 else "31/12/2027", "Báo cáo kết quả"] for i in range(start, start + count)]


def xlsx(rows: list[list], *, headers=HEADERS, name: str = "nhiem-vu.xlsx") -> SimpleUploadedFile:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def office(db, make_user, unit):
    """A leader of the Phú Thọ party committee, three people named as leaders, and the committee's plan."""
    from mandate.accounts.services import membership_grant
    from mandate.documents.services import document_register

    leader = make_user("leader", "25.TU", username="bithu", full_name="Nguyễn Văn Bí Thư")
    for username, full_name, code in (("truongban", "Trần Thị Trưởng Ban", "25.TU.BTC"),
                                      ("chanhvp", "Nguyễn Văn Chánh Văn Phòng", "25.TU.VP"),
                                      ("kiemtra", "Lê Văn Kiểm Tra", "25.TU.UBKT")):
        person = make_user(username=username, full_name=full_name)
        membership_grant(actor=None, user=person, unit=unit(code), role="leader")
    plan = document_register(actor=None, issuing_unit=unit("25.TU"), type="KH", issued_on=dt.date(2026, 1, 5),
                             title="Kế hoạch thực hiện Kết luận số 177-KL/TW")
    return leader, plan
