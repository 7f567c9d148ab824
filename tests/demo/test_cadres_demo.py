"""`mandate demo`'s cadre files: the key posts of Phú Thọ and Hà Nội before and after 2025-07-01 and seed 000's
elections, an acting post, rotations, the 2025 merger's cadre to be arranged and a planned commune merger's."""
import datetime as dt
import io

import pytest
from django.core.management import call_command

from mandate.personnel.models import EventKind, HoldingKind, Person, PersonnelEvent
from mandate.personnel.selectors import holders_of_kind
from mandate.personnel.titles import Title
from mandate.reorganizations.models import Reorganization
from mandate.reorganizations.selectors import posts_to_arrange, reorganization_preview

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo():
    call_command("demo", "--no-workload", "--quiet", stdout=io.StringIO())


def _chairs(codes, day):
    return [(h.person.full_name, h.position.unit.code, h.kind) for h in holders_of_kind(kind=Title.COMMITTEE_CHAIR, unit_codes=codes, as_of=day)]


def test_who_chaired_phu_tho_on_the_eve_of_the_merger_and_on_its_first_day(demo):
    provinces = ["old-25.UBND", "old-26.UBND", "old-17.UBND", "25.UBND"]
    assert _chairs(provinces, dt.date(2025, 6, 30)) == [("Đinh Thị Hạnh", "old-17.UBND", "official"),
                                                        ("Cao Văn Sơn", "old-25.UBND", "official"),
                                                        ("Lưu Minh Quyết", "old-26.UBND", "official")]
    assert _chairs(provinces, dt.date(2025, 7, 1)) == [("Lưu Minh Quyết", "25.UBND", "official")]
    assert Person.objects.get(full_name="Lưu Minh Quyết").user.username == "chutich.phutho"


def test_hanoi_acts_then_elects_after_the_congress(demo):
    assert _chairs(["01.UBND"], dt.date(2025, 12, 1)) == [("Tạ Hữu Bình", "01.UBND", HoldingKind.ACTING)]
    assert _chairs(["01.UBND"], dt.date(2025, 12, 10)) == [("Tạ Hữu Bình", "01.UBND", HoldingKind.OFFICIAL)]
    nominated = PersonnelEvent.objects.filter(kind=EventKind.NOMINATION, effective_on=dt.date(2025, 11, 25))
    assert nominated.count() == 4 and {e.document.issuing_unit.code for e in nominated} == {"01.TU.BCH"}
    assert PersonnelEvent.objects.filter(kind=EventKind.ELECTION, position__unit__code="01.TU.UBKT").get().votes_for == 70
    # The secretary the seed names has no record: his personal data is not in the seed.
    assert not Person.objects.filter(full_name="Nguyễn Duy Ngọc").exists()


def test_rotations_to_communes_and_the_cadres_to_be_arranged(demo):
    rotations = PersonnelEvent.objects.filter(kind=EventKind.ROTATION)
    assert sorted(e.person.full_name for e in rotations) == ["Hà Thị Yến", "Nguyễn Đăng Khoa"]
    assert all(e.position.unit.code.endswith(".UBND") and e.ends_on == dt.date(2028, 7, 20) for e in rotations)
    assert [(h.person.full_name, h.reason) for h in posts_to_arrange()] == [("Hoàng Tiến Dũng", "no_seat")]
    planned = Reorganization.objects.get(batch="demo-xa-2027")
    preview = reorganization_preview(reorganization_id=planned.pk)
    assert preview.can_apply and len(preview.posts.to_arrange) == 4 and not preview.posts.carried
