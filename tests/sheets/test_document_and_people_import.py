"""Documents and people imported from spreadsheets, through document_register and user_create + membership_grant."""
import datetime as dt

import pytest
from django.utils import translation

from mandate.accounts.models import Membership, User
from mandate.core.errors import DomainError
from mandate.documents.models import Document
from mandate.sheets.services import import_confirm, import_preview

from sheets_samples import xlsx

pytestmark = pytest.mark.django_db

DOCUMENT_HEADERS = ["Mã dòng", "Số, ký hiệu", "Ngày ban hành", "Trích yếu", "Cơ quan ban hành", "Người ký"]
PEOPLE_HEADERS = ["Mã dòng", "Tên đăng nhập", "Họ và tên", "Thư điện tử", "Chức vụ", "Đơn vị", "Vai trò"]


def preview(user, upload, kind):
    return import_preview(actor=user, upload=upload, as_of=dt.date(2026, 2, 1), kind=kind)


def test_documents_are_registered_with_their_own_numbers_and_a_second_import_adds_nothing(office):
    leader, _plan = office
    rows = [["VB-1", "15-CT/TU", "10/01/2026", "Chỉ thị về chuyển đổi số", "tinh uy phu tho", "Nguyễn Văn Bí Thư"],
            ["VB-2", "03-KH/TU", dt.date(2026, 1, 12), "Kế hoạch tổng kết", "Tỉnh ủy Phú Thọ", ""],
            ["VB-3", "không phải số", "10/01/2026", "Sai số", "Tỉnh ủy Phú Thọ", ""],
            ["VB-4", "16-CT/TU", "30/02/2026", "Sai ngày", "Tỉnh ủy Phú Thọ", ""],
            ["VB-5", "17-CT/TU", "10/01/2026", "Cơ quan lạ", "Sở Không Có", ""],
            ["VB-6", "01-KH/TU", "05/01/2026", "Trùng số đã đăng ký", "Tỉnh ủy Phú Thọ", ""]]
    batch = preview(leader, xlsx(rows, headers=DOCUMENT_HEADERS), "documents")
    assert [row["status"] for row in batch.rows] == ["new", "new", "refused", "refused", "refused", "refused"]
    assert [row["errors"][0]["field"] for row in batch.rows[2:]] == ["number", "issued_on", "issuing_unit", "number"]
    assert batch.rows[0]["issuing_unit"] == "25.TU"
    import_confirm(actor=leader, batch=batch, choices={}, decisions={})
    chi_thi = Document.objects.get(number_text="15-CT/TU")
    assert chi_thi.issued_on == dt.date(2026, 1, 10) and chi_thi.signer == "Nguyễn Văn Bí Thư"
    assert Document.objects.filter(number_text="03-KH/TU").exists()
    again = preview(leader, xlsx(rows, headers=DOCUMENT_HEADERS), "documents")
    assert [row["status"] for row in again.rows[:2]] == ["existing", "existing"]
    count = Document.objects.count()
    import_confirm(actor=leader, batch=again, choices={}, decisions={})
    assert Document.objects.count() == count


def test_people_are_opened_with_their_role_by_a_unit_administrator(make_user):
    admin = make_user("unit_admin", "25", username="quantri")
    rows = [["ND-1", "nguyenvana", "Nguyễn Văn A", "a@example.gov.vn", "Chuyên viên", "van phong tinh uy phu tho", "chuyên viên"],
            ["ND-2", "tranthib", "Trần Thị B", "", "", "Ban Tổ chức Tỉnh ủy Phú Thọ", "lanh dao"],
            ["ND-3", "quantri", "Trùng tên", "", "", "Ban Tổ chức Tỉnh ủy Phú Thọ", "xem"],
            ["ND-4", "levanc", "Lê Văn C", "", "", "Ban Tổ chức Tỉnh ủy Phú Thọ", "bí thư"],
            ["ND-5", "phamd", "Phạm D", "", "", "Tỉnh ủy Hà Nội", "xem"]]
    batch = preview(admin, xlsx(rows, headers=PEOPLE_HEADERS), "users")
    # "Tỉnh ủy Hà Nội" is like Phú Thọ's "Tỉnh ủy" but says more: asked, never taken.
    assert [row["status"] for row in batch.rows] == ["new", "new", "refused", "refused", "ask"]
    assert [row["errors"][0]["field"] for row in batch.rows[2:4]] == ["username", "role"]
    with translation.override("vi"):
        from mandate.sheets import user_rows
        from mandate.sheets.views import _shown

        assert "«bí thư» không phải là vai trò" in _shown(user_rows, batch.rows[3])["reasons"][0]
    import_confirm(actor=admin, batch=batch, choices={}, decisions={})
    person = User.objects.get(username="nguyenvana")
    assert person.full_name == "Nguyễn Văn A" and not person.has_usable_password()
    assert Membership.objects.get(user=person).unit.code == "25.TU.VP"
    assert Membership.objects.get(user__username="tranthib").role == "leader"
    again = preview(admin, xlsx(rows[:2], headers=PEOPLE_HEADERS), "users")
    assert [row["status"] for row in again.rows] == ["existing", "existing"]


def test_only_administrators_import_people(office):
    leader, _plan = office  # a leader, not a unit administrator
    with pytest.raises(DomainError):
        preview(leader, xlsx([["x", "y", "z", "", "", "Tỉnh ủy Phú Thọ", "xem"]], headers=PEOPLE_HEADERS), "users")
