import datetime as dt

import pytest

from mandate.accounts.models import Role
from mandate.orgs.models import Unit
from mandate.personnel.models import Sex
from mandate.personnel.services import person_create

DAY = dt.date(2025, 9, 15)


@pytest.fixture
def phu_tho(db, make_user, freeze):
    """Phú Thọ's inspection commission and standing committee, an outsider of the same committee, people of the
    register (a team, a full member, a probationary member)."""
    freeze(DAY)
    province = Unit.objects.get(code="25")
    def person(name, **kw):
        return person_create(actor=None, full_name=name, birth_date=kw.pop("born", dt.date(1975, 4, 2)),
                                                 sex=kw.pop("sex", Sex.MALE), kept_by=kw.pop("kept_by", province), **kw)
    return {
        "ubkt": Unit.objects.get(code="25.TU.UBKT"), "btv": Unit.objects.get(code="25.TU.BTV"),
        "tu": Unit.objects.get(code="25.TU"), "office": Unit.objects.get(code="25.TU.VP"), "province": province,
        "ubnd": Unit.objects.get(code="25.UBND"),
        "inspector": make_user(Role.SPECIALIST, "25.TU.UBKT", username="kt_phutho", full_name="Lê Văn Kiểm"),
        "chair": make_user(Role.LEADER, "25.TU.UBKT", username="ctkt_phutho", full_name="Hoàng Thị Tra"),
        "standing": make_user(Role.LEADER, "25.TU.BTV", username="btv_phutho", full_name="Đỗ Văn Thường"),
        "outsider": make_user(Role.SPECIALIST, "25.TU.VP", username="vp_phutho", full_name="Phạm Văn Ngoài"),
        "province_viewer": make_user(Role.VIEWER, "25", username="xem_phutho"),
        "lead": make_user(Role.SPECIALIST, "25.UBND", username="ubnd_phutho", full_name="Vũ Thị Làm"),
        "lead_leader": make_user(Role.LEADER, "25.UBND", username="ld_ubnd_phutho", full_name="Ngô Văn Chỉ"),
        "head": person("Nguyễn Văn Trưởng"), "member": person("Trần Thị Viên", sex=Sex.FEMALE),
        "full": person("Đặng Văn Chính", party_joined_on=dt.date(2000, 5, 19), party_full_member_on=dt.date(2001, 5, 19)),
        "probationary": person("Lý Thị Dự", sex=Sex.FEMALE, party_joined_on=dt.date(2025, 3, 1)),
    }
