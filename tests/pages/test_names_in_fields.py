"""Fields that name a person or a unit take names (without diacritics), offer only people who work here now, and ask
for a choice when a name is shared; a unit field never shows a code."""
import datetime as dt
import re

from mandate.accounts.services import membership_grant
from mandate.core import clock
from mandate.orgs.models import Unit
from mandate.orgs.selectors import unit_picks, units_list
from pages_fixtures import make_task, plan  # noqa: F401  (fixtures)


def signed_in(client, user):
    client.force_login(user)
    return client


def suggestions(client, typed: str) -> str:
    return client.get("/people/search/", {"field": "leader", "leader": typed}).content.decode()


def test_people_are_found_by_name_without_diacritics_with_position_and_unit(client, make_user):
    make_user("leader", "25.TU.BTC", username="a1", full_name="Nguyễn Văn An", position="Trưởng ban")
    c = signed_in(client, make_user("specialist", "25"))
    html = suggestions(c, "nguyen van an")
    assert '<option value="Nguyễn Văn An">Nguyễn Văn An — Trưởng ban — Ban Tổ chức Tỉnh ủy Phú Thọ</option>' in html
    assert "a1" not in html  # no user name in the field


def test_people_who_left_are_not_offered(client, make_user):
    gone = make_user("leader", "25.TU", username="gone", full_name="Trần Thị Đã Nghỉ")
    gone.is_active = False
    gone.save()
    make_user(username="norole", full_name="Trần Thị Không Vai")
    ended = Unit.objects.get(code="25.TU.VP")
    moved = make_user(username="moved", full_name="Trần Thị Đơn Vị Cũ")
    membership_grant(actor=None, user=moved, unit=ended, role="leader")
    Unit.objects.filter(pk=ended.pk).update(valid_to=clock.today() - dt.timedelta(days=1))
    c = signed_in(client, make_user("specialist", "25"))
    html = suggestions(c, "tran thi")
    assert "Đã Nghỉ" not in html and "Không Vai" not in html and "Đơn Vị Cũ" not in html


def test_a_name_two_people_share_asks_for_a_choice(client, make_user, make_task, unit):  # noqa: F811
    first = make_user("leader", "25.TU", username="l1", full_name="Lê Văn Bình", position="Phó Bí thư")
    second = make_user("leader", "25.UBND", username="l2", full_name="Lê Văn Bình", position="Phó Chủ tịch")
    task = make_task(lead="25")
    c = signed_in(client, make_user("specialist", "25"))
    html = suggestions(c, "le van binh")
    assert html.count("<option") == 2 and 'value="Lê Văn Bình — Phó Bí thư — ' in html
    commune = units_list(as_of=clock.today(), level="commune", parent=unit("25")).first()
    # A commune's name that another commune bears too is written with its parent's, as its suggestion writes it.
    posted = {"title": "Rà soát tại xã", "lead_unit": unit_picks([commune], as_of=clock.today())[0][1],
              "product": "Báo cáo của xã"}
    refused = c.post(f"/tasks/{task.pk}/delegate/", {**posted, "leader": "le van binh"})
    assert refused.status_code == 422 and "chọn một người trong các gợi ý" in refused.content.decode()
    assert not task.children.exists()
    picked = [line.split('value="')[1].split('"')[0] for line in html.splitlines() if "Phó Chủ tịch" in line][0]
    done = c.post(f"/tasks/{task.pk}/delegate/", {**posted, "leader": picked})
    assert done.status_code == 302, re.findall(r"class=\"error\"[^>]*>([^<]*)", done.content.decode())
    assert task.children.get().leader == second != first


def test_the_new_task_form_takes_the_leader_by_name(client, make_user, plan):  # noqa: F811
    leader = make_user("leader", "25.TU", username="l3", full_name="Phạm Thị Cúc")
    c = signed_in(client, make_user("specialist", "25.TU"))
    document = plan
    response = c.post("/tasks/new/", {"document": document.pk, "title": "Việc", "lead_unit": "ban to chuc tinh uy phu tho",
                                      "leader": "pham thi cuc", "deadline": "31/12/2030", "product": "Báo cáo"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert document.tasks.get().leader == leader


def test_a_unit_field_shows_the_name_of_a_unit_a_link_names_by_code(client, make_user):
    c = signed_in(client, make_user("viewer", "25"))
    html = c.get("/tasks/", {"lead_unit": "25.TU.BTC"}).content.decode()
    shown = re.findall(r'<input type="text" name="lead_unit"[^>]*>', html)
    assert len(shown) == 1 and 'value="Ban Tổ chức Tỉnh ủy Phú Thọ"' in shown[0]
