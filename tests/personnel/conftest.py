import datetime as dt

import pytest

from mandate.accounts.models import Role
from mandate.orgs.models import Unit
from mandate.personnel.models import Sex
from mandate.personnel.services import person_create, position_create
from mandate.personnel.titles import Title

from tests.factories import a_document

DAY = dt.date(2025, 8, 1)


@pytest.fixture
def files(db, make_user, freeze):
    """Phú Thọ before and after the merger: its People's Committee's chairs, the organization committee's specialist."""
    freeze(DAY)
    old, new = Unit.objects.get(code="old-25.UBND"), Unit.objects.get(code="25.UBND")
    standing = Unit.objects.get(code="25.TU.BTV")
    chair_old = position_create(actor=None, unit=old, kind=Title.COMMITTEE_CHAIR, title="Chủ tịch UBND tỉnh Phú Thọ",
                                managing_unit=Unit.objects.get(code="old-25.TU.BTV"))
    chair_new = position_create(actor=None, unit=new, kind=Title.COMMITTEE_CHAIR, title="Chủ tịch UBND tỉnh Phú Thọ",
                                managing_unit=standing, valid_from=dt.date(2025, 7, 1))
    vice = position_create(actor=None, unit=new, kind=Title.COMMITTEE_VICE_CHAIR, title="Phó Chủ tịch UBND tỉnh Phú Thọ",
                           seats=5, managing_unit=standing, valid_from=dt.date(2025, 7, 1))
    staff = position_create(actor=None, unit=Unit.objects.get(code="25.TU.BTC"), kind=Title.STAFF, title="Chuyên viên",
                            seats=20, managing_unit=Unit.objects.get(code="25.TU.BTC"))
    first = person_create(actor=None, full_name="Bùi Văn Quý", birth_date=dt.date(1971, 3, 12), sex=Sex.MALE,
                          kept_by=new, home_province="Phú Thọ", ethnicity="Kinh")
    second = person_create(actor=None, full_name="Trần Duy Đức", birth_date=dt.date(1971, 9, 5), sex=Sex.MALE,
                           kept_by=new, home_province="Vĩnh Phúc", ethnicity="Kinh")
    return {
        "old": old, "new": new, "standing": standing, "chair_old": chair_old, "chair_new": chair_new, "vice": vice,
        "staff": staff, "first": first, "second": second,
        "organizer": make_user(Role.SPECIALIST, "25.TU.BTC", username="btc_phutho"),
        "viewer": make_user(Role.VIEWER, "25", username="viewer_phutho"),
        "specialist": make_user(Role.SPECIALIST, "25.UBND", username="cv_ubnd"),
        "leader": make_user(Role.LEADER, "25.TU.BTV", username="btv_phutho"),
        "decision": lambda **kw: a_document(issuing_unit=kw.pop("issuing_unit", "25.TU.BTV"), type="QĐ",
                                            issued_on=kw.pop("issued_on", DAY), **kw),
    }
