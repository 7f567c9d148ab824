"""Spreadsheets of tasks built with openpyxl for the import tests."""
import datetime as dt
import io

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
