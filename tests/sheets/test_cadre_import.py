"""Onboarding of cadre files: posts, then cadres with the posts they hold, imported from the organization committee's
spreadsheets through the same preview as tasks; per-row refusals; a second import adds nothing."""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.accounts.models import Role
from mandate.core.errors import PermissionDenied
from mandate.personnel.models import Holding, HoldingKind, Person, Position
from mandate.personnel.titles import Title
from mandate.sheets.services import import_confirm, import_preview

from sheets_samples import xlsx

pytestmark = pytest.mark.django_db

POST_HEADERS = ["Mã dòng", "Đơn vị", "Chức vụ", "Chức danh chuẩn", "Số lượng", "Cấp ủy quản lý", "Áp dụng từ ngày"]
CADRE_HEADERS = ["Mã dòng", "Họ và tên", "Ngày sinh", "Giới tính", "Quê quán", "Dân tộc", "Ngày vào Đảng", "Ngày chính thức",
                 "Trình độ học vấn, chuyên môn", "Lý luận chính trị", "Đơn vị", "Chức vụ", "Hình thức đảm nhiệm", "Từ ngày", "Đến ngày"]
AS_OF = dt.date(2025, 8, 1)


@pytest.fixture
def organizer(make_user, freeze):
    freeze(AS_OF)
    return make_user(Role.SPECIALIST, "25.TU.BTC", username="btc_nhap")


def preview(user, upload, kind):
    return import_preview(actor=user, upload=upload, as_of=AS_OF, kind=kind)


POSTS = [
    ["CD-1", "Ủy ban nhân dân tỉnh Phú Thọ", "Phó Chủ tịch UBND tỉnh", "", 5, "Tỉnh ủy Phú Thọ", "01/07/2025"],
    ["CD-2", "ban to chuc tinh uy phu tho", "Chuyên viên", "chuyên viên", "20", "", ""],
    ["CD-3", "Ủy ban nhân dân tỉnh Phú Thọ", "Chủ tịch UBND tỉnh", "Chủ tịch UBND", 1, "", dt.date(2025, 7, 1)],
    ["CD-4", "Ủy ban nhân dân tỉnh Phú Thọ", "Cố vấn đặc biệt", "", 1, "", ""],
    ["CD-5", "Ủy ban nhân dân tỉnh Phú Thọ", "Trưởng phòng Tổng hợp", "", "nhiều", "", ""],
    ["CD-6", "Sở Không Có", "Giám đốc Sở", "", 1, "", ""],
]


def test_posts_are_added_with_their_titles_and_seats_and_a_second_import_adds_nothing(organizer):
    batch = preview(organizer, xlsx(POSTS, headers=POST_HEADERS, name="chuc-danh.xlsx"), "positions")
    assert [row["status"] for row in batch.rows] == ["new", "new", "new", "refused", "refused", "refused"]
    assert [row["errors"][0]["field"] for row in batch.rows[3:]] == ["title", "seats", "unit"]
    import_confirm(actor=organizer, batch=batch, choices={}, decisions={})
    vice = Position.objects.get(unit__code="25.UBND", title="Phó Chủ tịch UBND tỉnh")
    assert (vice.kind, vice.seats, vice.managing_unit.code, vice.valid_from) == (Title.COMMITTEE_VICE_CHAIR, 5, "25.TU", dt.date(2025, 7, 1))
    assert Position.objects.get(unit__code="25.TU.BTC", title="Chuyên viên").seats == 20
    again = preview(organizer, xlsx(POSTS, headers=POST_HEADERS, name="chuc-danh.xlsx"), "positions")
    assert [row["status"] for row in again.rows[:3]] == ["existing", "existing", "existing"]
    count = Position.objects.count()
    import_confirm(actor=organizer, batch=again, choices={}, decisions={})
    assert Position.objects.count() == count


def test_cadres_are_entered_once_with_each_post_they_hold(organizer):
    import_confirm(actor=organizer, batch=preview(organizer, xlsx(POSTS[:3], headers=POST_HEADERS), "positions"),
                   choices={}, decisions={})
    cadres = [
        ["CB-1", "Hoàng Văn Thử", "12/03/1972", "Nam", "Phú Thọ", "Mường", "19/05/1995", "19/05/1996", "Thạc sĩ Quản lý công",
         "Cao cấp", "Ủy ban nhân dân tỉnh Phú Thọ", "Phó Chủ tịch UBND tỉnh", "Chính thức", "01/07/2025", ""],
        ["CB-2", "Hoàng Văn Thử", dt.date(1972, 3, 12), "nam", "", "", "", "", "", "", "Ủy ban nhân dân tỉnh Phú Thọ",
         "Chủ tịch UBND", "quyền", "15/07/2025", ""],
        ["CB-3", "Đinh Thị Mẫu", "02/09/1985", "Nữ", "Hòa Bình", "Mường", "", "", "Cử nhân Luật", "Trung cấp",
         "Ban Tổ chức Tỉnh ủy Phú Thọ", "Chuyên viên", "", "01/07/2025", ""],
        ["CB-4", "Lỗi Giới Tính", "02/09/1985", "không rõ", "", "", "", "", "", "", "Ban Tổ chức Tỉnh ủy Phú Thọ", "Chuyên viên",
         "", "01/07/2025", ""],
        ["CB-5", "Không Có Chức", "02/09/1980", "Nam", "", "", "", "", "", "", "Ban Tổ chức Tỉnh ủy Phú Thọ", "Trưởng ban",
         "", "01/07/2025", ""],
        ["CB-6", "Sai Ngày", "02/09/1980", "Nam", "", "", "", "", "", "", "Ban Tổ chức Tỉnh ủy Phú Thọ", "Chuyên viên",
         "", "01/07/2025", "01/06/2025"],
    ]
    batch = preview(organizer, xlsx(cadres, headers=CADRE_HEADERS, name="can-bo.xlsx"), "cadres")
    assert [row["status"] for row in batch.rows] == ["new", "new", "new", "refused", "refused", "refused"]
    assert [row["errors"][0]["field"] for row in batch.rows[3:]] == ["sex", "post", "ends_on"]
    import_confirm(actor=organizer, batch=batch, choices={}, decisions={})
    person = Person.objects.get(full_name="Hoàng Văn Thử")  # one record, two posts
    assert (person.ethnicity, person.political_theory, person.party_full_member_on, person.kept_by.code) == (
        "Mường", "advanced", dt.date(1996, 5, 19), "25.UBND")
    assert sorted(person.holdings.values_list("position__title", "kind", "starts_on")) == [
        ("Chủ tịch UBND tỉnh", HoldingKind.ACTING, dt.date(2025, 7, 15)),
        ("Phó Chủ tịch UBND tỉnh", HoldingKind.OFFICIAL, dt.date(2025, 7, 1))]
    again = preview(organizer, xlsx(cadres, headers=CADRE_HEADERS, name="can-bo.xlsx"), "cadres")
    assert [row["status"] for row in again.rows[:3]] == ["existing", "existing", "existing"]
    counts = (Person.objects.count(), Holding.objects.count())
    import_confirm(actor=organizer, batch=again, choices={}, decisions={})
    assert (Person.objects.count(), Holding.objects.count()) == counts


def test_only_the_organization_committee_imports_cadre_files(make_user, freeze):
    freeze(AS_OF)
    specialist = make_user(Role.SPECIALIST, "25.UBND", username="cv_khong_btc")
    upload = SimpleUploadedFile("chuc-danh.csv", ("Đơn vị,Chức danh\nỦy ban nhân dân tỉnh Phú Thọ,Chuyên viên\n").encode())
    with pytest.raises(PermissionDenied):
        preview(specialist, upload, "positions")
    assert not Position.objects.exists()
