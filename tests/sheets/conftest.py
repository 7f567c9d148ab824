"""A province office that assigns tasks, its document and its people (the sheets: `sheets_samples`)."""
import datetime as dt

import pytest


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
