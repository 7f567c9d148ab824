"""The task pages through Django's test client: who may see them, what they show, how refusals read."""
import datetime as dt
import re

import pytest

from mandate.core import clock
from mandate.orgs.selectors import units_list
from mandate.tasks.models import Task

from pages_fixtures import make_task, plan  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def count_on(html: str, key: str) -> int:
    match = re.search(rf'data-count="{key}">\s*<span class="card-number">([\d.,]+)</span>', html)
    return int(match.group(1).replace(",", "").replace(".", ""))


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/"


def test_login_page_speaks_vietnamese_by_default_even_to_an_english_browser(client):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


def test_sign_in_with_password_opens_the_dashboard(client, make_user):
    make_user("leader", "25", username="bithu")
    response = client.post("/login/", {"username": "bithu", "password": "x" * 12})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_dashboard_counts_by_status_for_my_unit_and_below(client, make_user, make_task):
    make_task(days=-3)
    make_task(days=2)
    make_task(days=40)
    make_task(days=5, lead="25.UBND")
    make_task(days=-1, lead="01.TU.BTC")  # Hà Nội's: outside my unit
    response = signed_in(client, make_user("leader", "25")).get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert count_on(html, "assigned") == 4
    assert count_on(html, "overdue") == 1
    assert count_on(html, "due_soon") == 2
    assert count_on(html, "within_deadline") == 3
    assert count_on(html, "completed_on_time") == 0
    assert "/tasks/?status=overdue&amp;lead_unit=25&amp;subtree=on" in html
    assert "Ban Tổ chức Tỉnh ủy Phú Thọ" in html  # lagging units


def test_dashboard_as_of_an_earlier_date_counts_what_was_assigned_by_then(client, make_user, make_task):
    make_task(days=10)
    before = clock.today() - dt.timedelta(days=45)
    html = signed_in(client, make_user("leader", "25")).get("/", {"as_of": before.isoformat()}).content.decode()
    assert count_on(html, "assigned") == 0
    assert f'value="{before:%d/%m/%Y}"' in html  # the header's field writes the date as the page does


def test_dashboard_without_a_role_says_so(client, make_user):
    response = signed_in(client, make_user()).get("/")
    assert response.status_code == 200
    assert "Bạn chưa giữ vai trò" in response.content.decode()


def test_task_list_filters_by_status_and_shows_coloured_badges(client, make_user, make_task):
    late = make_task(days=-2, title="Tổng kết công tác cán bộ")
    make_task(days=20, title="Xây dựng đề án")
    c = signed_in(client, make_user("viewer", "25"))
    html = c.get("/tasks/", {"status": "overdue", "lead_unit": "25", "subtree": "on"}).content.decode()
    assert late.title in html
    assert "Xây dựng đề án" not in html
    assert '<span class="badge red">Quá hạn</span>' in html
    html = c.get("/tasks/", {"q": "de an"}).content.decode()
    assert "Xây dựng đề án" in html and late.title not in html


def test_task_list_names_the_field_of_a_bad_filter(client, make_user):
    response = signed_in(client, make_user("viewer", "25")).get("/tasks/", {"lead_unit": "NOPE", "deadline_from": "soon"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Không có đơn vị nào có tên hoặc mã “NOPE”." in html
    assert "“soon” không phải là một ngày: hãy viết theo dạng dd/mm/yyyy" in html


def test_task_list_paginates(client, make_user, make_task):
    for index in range(27):
        make_task(days=index + 1, title=f"Việc số {index}")
    c = signed_in(client, make_user("viewer", "25"))
    assert c.get("/tasks/").content.decode().count('href="/tasks/') >= 25
    second = c.get("/tasks/", {"page": 2}).content.decode()
    assert "Việc số 26" in second and "Việc số 0<" not in second


def test_task_detail_shows_clears_timeline_and_only_permitted_buttons(client, make_user, make_task):
    task = make_task()
    viewer = signed_in(client, make_user("viewer", "25")).get(f"/tasks/{task.pk}/").content.decode()
    assert task.title in viewer and "Báo cáo kết quả rà soát" in viewer
    assert 'data-transition="' not in viewer
    assert "Báo cáo tiến độ" not in viewer
    client.logout()
    staff = signed_in(client, make_user("specialist", "25.TU.BTC")).get(f"/tasks/{task.pk}/").content.decode()
    assert 'data-transition="start"' in staff and 'data-transition="submit"' in staff
    assert 'data-transition="cancel"' not in staff  # a decision of the assigning side
    assert f'name="version" value="{task.version}"' in staff


def test_task_detail_of_another_province_is_not_found(client, make_user, make_task):
    task = make_task()
    response = signed_in(client, make_user("leader", "01")).get(f"/tasks/{task.pk}/")
    assert response.status_code == 404


def test_progress_report_moves_the_task_and_lands_in_the_timeline(client, make_user, make_task):
    task = make_task()
    c = signed_in(client, make_user("specialist", "25.TU.BTC"))
    response = c.post(f"/tasks/{task.pk}/progress/", {"percent": 40, "text": "Đã rà soát 40 xã", "version": task.version},
                      follow=True)
    html = response.content.decode()
    task.refresh_from_db()
    assert (task.progress, task.state, task.version) == (40, "in_progress", 2)
    assert "Đã rà soát 40 xã" in html and "Đã báo cáo tiến độ." in html


def test_progress_report_without_text_names_the_field(client, make_user, make_task):
    task = make_task()
    response = signed_in(client, make_user("specialist", "25.TU.BTC")).post(
        f"/tasks/{task.pk}/progress/", {"percent": 40, "text": "", "version": task.version})
    assert response.status_code == 422
    assert "bắt buộc: nêu rõ đã làm được gì" in response.content.decode()
    task.refresh_from_db()
    assert task.progress == 0


def test_progress_report_on_a_stale_version_says_someone_else_changed_it(client, make_user, make_task):
    task = make_task()
    c = signed_in(client, make_user("specialist", "25.TU.BTC"))
    c.post(f"/tasks/{task.pk}/progress/", {"percent": 10, "text": "Bước một", "version": 1})
    response = c.post(f"/tasks/{task.pk}/progress/", {"percent": 20, "text": "Bước hai", "version": 1})
    assert response.status_code == 409
    assert "Người khác vừa thay đổi nhiệm vụ này" in response.content.decode()
    task.refresh_from_db()
    assert task.progress == 10


def test_progress_report_by_a_viewer_is_refused_and_changes_nothing(client, make_user, make_task):
    task = make_task()
    response = signed_in(client, make_user("viewer", "25")).post(
        f"/tasks/{task.pk}/progress/", {"percent": 50, "text": "x", "version": 1})
    assert response.status_code == 403
    task.refresh_from_db()
    assert (task.progress, task.version) == (0, 1)


def test_cancel_needs_a_reason(client, make_user, make_task):
    task = make_task()
    c = signed_in(client, make_user("leader", "25.TU"))
    response = c.post(f"/tasks/{task.pk}/transition/", {"name": "cancel", "reason": "", "version": 1})
    assert response.status_code == 422
    assert "Lý do" in response.content.decode()
    task.refresh_from_db()
    assert task.state == "assigned"
    response = c.post(f"/tasks/{task.pk}/transition/", {"name": "cancel", "reason": "Trùng việc", "version": 1})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == "cancelled"


def test_extension_request_then_refusal_needs_a_note(client, make_user, make_task):
    task = make_task()
    lead = signed_in(client, make_user("specialist", "25.TU.BTC"))
    new = (task.deadline + dt.timedelta(days=10)).isoformat()
    assert lead.post(f"/tasks/{task.pk}/extensions/", {"requested_deadline": new, "reason": "Chờ số liệu"}).status_code == 302
    extension = task.extensions.get()
    client.logout()
    boss = signed_in(client, make_user("leader", "25.TU"))
    html = boss.get(f"/tasks/{task.pk}/").content.decode()
    assert "Quyết định gia hạn" in html
    refused = boss.post(f"/tasks/{task.pk}/extensions/{extension.pk}/decision/", {"approve": "0", "note": ""})
    assert refused.status_code == 422
    approved = boss.post(f"/tasks/{task.pk}/extensions/{extension.pk}/decision/", {"approve": "1", "note": ""})
    assert approved.status_code == 302
    task.refresh_from_db()
    assert task.deadline.isoformat() == new and task.extension_count == 1


def test_delegate_to_a_unit_below(client, make_user, make_task, unit):
    task = make_task(lead="25")
    c = signed_in(client, make_user("specialist", "25"))
    leader = make_user(username="chutich_xa")
    commune = units_list(as_of=clock.today(), level="commune", parent=unit("25")).first()
    response = c.post(f"/tasks/{task.pk}/delegate/", {"title": "Rà soát tại xã", "lead_unit": commune.code,
                                                      "leader": leader.username, "product": "Báo cáo của xã"})
    assert response.status_code == 302
    child = task.children.get()
    assert (child.lead_unit, child.deadline) == (commune, task.deadline)
    outside = c.post(f"/tasks/{task.pk}/delegate/", {"title": "Sai chỗ", "lead_unit": "01.TU", "leader": leader.username,
                                                     "product": "x"})
    assert outside.status_code == 422
    assert "không phải là đơn vị cấp dưới của" in outside.content.decode()  # the refusal in the page's language
    assert "is not below" not in outside.content.decode()


def test_create_form_shows_the_six_clears(client, make_user, plan):
    response = signed_in(client, make_user("specialist", "25.TU")).get("/tasks/new/", {"document": plan.pk})
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("rõ người", "rõ việc", "rõ thời gian", "rõ trách nhiệm", "rõ sản phẩm", "rõ thẩm quyền"):
        assert name in html
    assert f'<option value="{plan.pk}" selected>' in html


def test_create_form_is_forbidden_to_a_viewer(client, make_user):
    assert signed_in(client, make_user("viewer", "25")).get("/tasks/new/").status_code == 403


def test_check_endpoint_names_the_missing_clears(client, make_user, plan):
    c = signed_in(client, make_user("specialist", "25.TU"))
    html = c.post("/tasks/new/check/", {"document": plan.pk, "title": "Việc", "lead_unit": "25.TU.BTC"}).content.decode()
    assert 'data-clear-chip="person" class="missing"' in html
    assert 'data-clear-chip="work" class="ok"' in html
    assert "<strong>Chưa rõ:</strong>\n  rõ người, rõ thời gian, rõ sản phẩm</p>" in html


def test_submitting_an_unclear_task_is_refused_naming_each_clear(client, make_user, plan):
    c = signed_in(client, make_user("specialist", "25.TU"))
    response = c.post("/tasks/new/", {"document": plan.pk, "title": "Việc", "lead_unit": "25.TU.BTC"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Nhiệm vụ chưa rõ: rõ người, rõ thời gian, rõ sản phẩm." in html
    assert "rõ sản phẩm: nêu rõ sản phẩm chứng minh đã hoàn thành" in html
    assert Task.objects.count() == 0


def test_submitting_a_clear_task_assigns_it(client, make_user, plan):
    leader = make_user("leader", "25.TU.BTC", username="truongban")
    c = signed_in(client, make_user("specialist", "25.TU"))
    deadline = (clock.today() + dt.timedelta(days=30)).isoformat()
    response = c.post("/tasks/new/", {"document": plan.pk, "title": "Rà soát quy hoạch", "lead_unit": "25.TU.BTC",
                                      "coordinators": "25.UBND, 25.TU.VP", "leader": "truongban", "deadline": deadline,
                                      "product": "Báo cáo"})
    task = Task.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/tasks/{task.pk}/"
    assert (task.leader, task.assigning_unit.code) == (leader, "25.TU")
    assert sorted(task.coordinations.values_list("unit__code", flat=True)) == ["25.TU.VP", "25.UBND"]


def test_unit_and_user_pickers_suggest(client, make_user):
    make_user("leader", "25.TU", username="nguyenvana", full_name="Nguyễn Văn A")
    c = signed_in(client, make_user("viewer", "25"))
    html = c.get("/units/search/", {"field": "lead_unit", "lead_unit": "ban to chuc phu tho"}).content.decode()
    # The field shows the name the person picked, never the unit's code.
    assert '<option value="Ban Tổ chức Tỉnh ủy Phú Thọ">Ban Tổ chức Tỉnh ủy Phú Thọ</option>' in html
    assert '<option value="Nguyễn Văn A">' in c.get("/people/search/", {"field": "leader", "leader": "nguyen"}).content.decode()


def test_english_after_switching_language(client, make_user, make_task):
    make_task(days=-1)
    c = signed_in(client, make_user("leader", "25"))
    response = c.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Overdue" in html and "Units lagging behind" in html
    assert "Quá hạn" not in html
