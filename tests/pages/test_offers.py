"""Menus and buttons offer only what the user's role may do: a viewer is not offered to assign or to read a directive,
a group's secretary (a delegate with no role) is not offered to open a meeting; and the pages refuse them all the same."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ASSIGN, READ, OPEN = "Giao nhiệm vụ", "Đọc văn bản chỉ đạo", "Mở hội nghị"


def html_of(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_a_viewer_is_offered_neither_assigning_nor_reading_a_directive(client, make_user):
    client.force_login(make_user("viewer", "25"))
    for path in ("/", "/tasks/"):
        html = html_of(client, path)
        assert ASSIGN not in html and READ not in html and reverse("ingest") not in html
    assert client.get(reverse("task_create")).status_code == 403
    assert client.get(reverse("ingest")).status_code == 403


def test_a_secretary_with_no_role_is_not_offered_to_open_a_meeting(client, make_user):
    client.force_login(make_user(full_name="Trần Thư Ký"))
    assert OPEN not in html_of(client, reverse("meetings:list"))
    assert client.get(reverse("meetings:create")).status_code == 403


def test_a_specialist_is_offered_all_three(client, make_user):
    client.force_login(make_user("specialist", "25.TU.VP"))
    html = html_of(client, "/tasks/")
    assert ASSIGN in html and READ in html
    assert OPEN in html_of(client, reverse("meetings:list"))
    assert client.get(reverse("ingest")).status_code == 200
    assert client.get(reverse("meetings:create")).status_code == 200
