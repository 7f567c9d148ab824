"""Issue 14, class 9: lost updates and duplicates. Two clients editing one task cannot silently overwrite each other
(the edit carries the version it changes), and a retried or double-submitted report is recorded once."""
import datetime as dt

import pytest
from django.conf import settings
from django.utils import translation

from mandate.tasks.models import Task
from tests.factories import a_task

pytestmark = pytest.mark.django_db


def test_an_edit_without_a_version_is_refused_with_428_naming_the_field(api, make_user):
    task = a_task(lead_unit="25.TU.BTC")
    api.login(make_user("specialist", "25.TU.BTC"))
    with translation.override("en"):
        first = api.post(f"/tasks/{task.pk}/transitions", {"name": "start"})
        report = api.post_form(f"/tasks/{task.pk}/progress", {"percent": 10, "text": "Đã làm"})
    assert first.status_code == 428
    assert first.json()["errors"] == [{"field": "version", "code": "required", "reason":
                                       "is required: send the version you changed (If-Match header or a version field)"}]
    assert report.status_code == 428
    task.refresh_from_db()
    assert (task.state, task.version, task.progress_reports.count()) == ("assigned", 1, 0)


def test_of_two_clients_editing_the_same_version_the_second_gets_409_with_the_current_version(api, make_user):
    task = a_task(lead_unit="25.TU.BTC")
    one, other = make_user("specialist", "25.TU.BTC"), make_user("specialist", "25.TU.BTC")
    version = api.login(one).get(f"/tasks/{task.pk}").json()["version"]
    assert api.post_form(f"/tasks/{task.pk}/progress", {"percent": 40, "text": "Một", "version": version}).status_code == 201
    api.login(other)
    stale = api.post_form(f"/tasks/{task.pk}/progress", {"percent": 10, "text": "Hai", "version": version})
    assert (stale.status_code, stale.json()["current_version"]) == (409, version + 1)
    task.refresh_from_db()
    assert (task.progress, list(task.progress_reports.values_list("text", flat=True))) == (40, ["Một"])
    stale = api.post(f"/tasks/{task.pk}/transitions", {"name": "submit"}, HTTP_IF_MATCH=str(version))  # the header too
    assert (stale.status_code, stale.json()["current_version"]) == (409, version + 1)
    moved = api.post(f"/tasks/{task.pk}/transitions", {"name": "submit"}, HTTP_IF_MATCH=f'"{version + 1}"')
    assert moved.status_code == 200
    assert Task.objects.get(pk=task.pk).version == version + 2


def test_an_if_match_that_is_no_version_is_refused(api, make_user):
    task = a_task(lead_unit="25.TU.BTC")
    api.login(make_user("specialist", "25.TU.BTC"))
    refused = api.post(f"/tasks/{task.pk}/transitions", {"name": "start"}, HTTP_IF_MATCH="*")
    assert (refused.status_code, refused.json()["errors"][0]["field"]) == (422, "version")


def test_a_progress_report_retried_with_its_idempotency_key_is_recorded_once(api, make_user):
    task = a_task(lead_unit="25.TU.BTC")
    api.login(make_user("specialist", "25.TU.BTC"))
    fields = {"percent": 30, "text": "Đã họp", "version": 1}
    first = api.post_form(f"/tasks/{task.pk}/progress", fields, HTTP_IDEMPOTENCY_KEY="bao-cao-1")
    again = api.post_form(f"/tasks/{task.pk}/progress", fields, HTTP_IDEMPOTENCY_KEY="bao-cao-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    task.refresh_from_db()
    assert (task.progress_reports.count(), task.version, task.events.filter(kind="progress").count()) == (1, 2, 1)
    another = api.post_form(f"/tasks/{task.pk}/progress", {**fields, "version": 2}, HTTP_IDEMPOTENCY_KEY="bao-cao-2")
    assert another.status_code == 201 and task.progress_reports.count() == 2


def test_the_same_idempotency_key_with_a_different_body_is_refused_naming_the_header(api, make_user):
    task = a_task(lead_unit="25.TU.BTC")
    api.login(make_user("specialist", "25.TU.BTC"))
    assert api.post(f"/tasks/{task.pk}/transitions", {"name": "start", "version": 1},
                    HTTP_IDEMPOTENCY_KEY="k-1").status_code == 200
    with translation.override("en"):
        reused = api.post(f"/tasks/{task.pk}/transitions", {"name": "cancel", "version": 2, "reason": "x"},
                          HTTP_IDEMPOTENCY_KEY="k-1")
    assert reused.status_code == 422
    assert reused.json()["errors"][0]["field"] == "Idempotency-Key"
    assert "different request" in reused.json()["message"]
    task.refresh_from_db()
    assert (task.state, task.version) == ("in_progress", 2)


def test_idempotency_keys_are_per_user_and_forgotten_after_a_day(api, make_user, freeze):
    import datetime as dt

    from mandate.accounts.models import IdempotencyKey

    freeze(dt.date(2025, 7, 20))
    one, other = a_task(lead_unit="25.TU.BTC"), a_task(lead_unit="25.TU.BTC")
    api.login(make_user("specialist", "25.TU.BTC"))
    assert api.post(f"/tasks/{one.pk}/transitions", {"name": "start", "version": 1}, HTTP_IDEMPOTENCY_KEY="k").status_code == 200
    api.login(make_user("specialist", "25.TU.BTC"))
    assert api.post(f"/tasks/{other.pk}/transitions", {"name": "start", "version": 1}, HTTP_IDEMPOTENCY_KEY="k").status_code == 200
    assert IdempotencyKey.objects.count() == 2
    freeze(dt.date(2025, 7, 22))
    assert api.post(f"/tasks/{other.pk}/transitions", {"name": "submit", "version": 2}, HTTP_IDEMPOTENCY_KEY="k").status_code == 200
    assert IdempotencyKey.objects.count() == 1


def test_a_progress_form_submitted_twice_records_one_report_and_answers_the_second_as_the_first(client, make_user):
    import re

    task = a_task(lead_unit="25.TU.BTC")
    client.force_login(make_user("specialist", "25.TU.BTC"))
    html = client.get(f"/tasks/{task.pk}/").content.decode()
    form = html[html.index('id="progress-form"'):]
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', form).group(1)
    fields = {"form_token": token, "version": 1, "percent": 20, "text": "Đã họp tổ"}
    first = client.post(f"/tasks/{task.pk}/progress/", fields)
    second = client.post(f"/tasks/{task.pk}/progress/", fields)
    assert first.status_code == 302
    assert (second.status_code, second["Location"]) == (302, first["Location"])
    assert task.progress_reports.count() == 1
    page = client.get(second["Location"]).content.decode()
    assert "Nội dung này đã được ghi nhận; không lưu lần thứ hai." in page  # the pages speak Vietnamese first
    assert page.count('name="form_token"') >= 2 and token not in page  # every form a new token


def test_a_page_form_sent_with_an_old_version_changes_nothing(client, make_user):
    import datetime as dt

    task = a_task(lead_unit="25.TU.BTC")
    client.force_login(make_user("specialist", "25.TU.BTC"))
    html = client.get(f"/tasks/{task.pk}/").content.decode()
    assert html.count(f'name="version" value="{task.version}"') >= 3  # transitions, progress, extension, delegation
    Task.objects.filter(pk=task.pk).update(version=task.version + 1)  # someone else changed it meanwhile
    new = (task.deadline + dt.timedelta(days=10)).isoformat()
    stale = client.post(f"/tasks/{task.pk}/extensions/", {"requested_deadline": new, "reason": "Chờ", "version": task.version})
    assert stale.status_code == 409
    assert not task.extensions.exists()


def test_of_two_secretaries_answering_one_opinion_the_second_with_the_old_revision_gets_409(api, client, make_user):
    from mandate.meetings import services as meetings
    from mandate.orgs.models import Unit

    meeting = meetings.meeting_create(actor=None, body=Unit.objects.get(code="25.TU.BTV"), title="Hội nghị",
                                      starts_on=dt.date(2025, 7, 20))
    guest = meetings.delegate_add(actor=None, meeting=meeting, name="Khách mời", role="guest")
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Dự thảo", draft_text="Điều 1. Phạm vi\nNội dung.")
    opinion = meetings.opinion_give(actor=None, meeting=meeting, item=item, kind="amend", text="Làm rõ.", delegate=guest)
    path = f"/meetings/{meeting.pk}/opinions/{opinion.pk}/response"
    one, other = make_user("leader", "25.TU.BTV"), make_user("specialist", "25.TU.BTV")
    revision = api.login(one).get(f"/meetings/{meeting.pk}/opinions").json()["items"][0]["revision"]
    missing = api.post(path, {"disposition": "accepted"})
    assert missing.status_code == 428
    answered = api.post(path, {"disposition": "accepted", "version": revision})
    assert (answered.status_code, answered.json()["revision"]) == (200, revision + 1)
    stale = api.login(other).post(path, {"disposition": "not_accepted", "explanation": "Không", "version": revision})
    assert (stale.status_code, stale.json()["current_version"]) == (409, revision + 1)
    opinion.refresh_from_db()
    assert (opinion.disposition, opinion.revision) == ("accepted", revision + 1)
    closing = api.post(f"/meetings/{meeting.pk}/close", {"version": 2})
    assert (closing.status_code, closing.json()["current_version"]) == (409, 1)
    closed = client.generic("POST", f"/api/v1/meetings/{meeting.pk}/close", b"", content_type="application/json",
                            HTTP_IF_MATCH="1", **api.headers)  # no body at all
    assert (closed.status_code, closed.json()["state"], closed.json()["version"]) == (200, "closed", 2)


def test_a_response_form_sent_after_someone_else_answered_changes_nothing(client, make_user):
    from mandate.meetings import services as meetings
    from mandate.orgs.models import Unit

    meeting = meetings.meeting_create(actor=None, body=Unit.objects.get(code="25.TU.BTV"), title="Hội nghị",
                                      starts_on=dt.date(2025, 7, 20))
    guest = meetings.delegate_add(actor=None, meeting=meeting, name="Khách mời", role="guest")
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Dự thảo", draft_text="Điều 1. Phạm vi\nNội dung.")
    opinion = meetings.opinion_give(actor=None, meeting=meeting, item=item, kind="amend", text="Làm rõ.", delegate=guest)
    client.force_login(make_user("leader", "25.TU.BTV"))
    html = client.get(f"/meetings/{meeting.pk}/responses/").content.decode()
    assert 'name="version" value="1"' in html
    meetings.opinion_respond(actor=None, opinion=opinion, disposition="accepted", expected_version=1)  # someone else
    stale = client.post(f"/meetings/{meeting.pk}/responses/{opinion.pk}/",
                        {"disposition": "not_accepted", "explanation": "Không", "version": 1})
    assert stale.status_code == 409
    opinion.refresh_from_db()
    assert (opinion.disposition, opinion.revision) == ("accepted", 2)


def test_of_two_administrators_editing_one_reorganization_the_second_with_the_old_version_gets_409(api, make_user):
    from mandate.orgs.models import Unit
    from mandate.reorganizations.models import Reorganization
    from mandate.reorganizations.services import reorganization_prepare

    event = reorganization_prepare(actor=None, kind="rename", effective_on=dt.date(2025, 9, 1),
                                   predecessors=[Unit.objects.get(code="25.TU.BTC")], new_name="Ban Tổ chức (mới)")
    one, other = make_user("system_admin", "VN"), make_user("system_admin", "VN")
    version = api.login(one).get(f"/reorganizations/{event.pk}").json()["version"]
    assert api.post(f"/reorganizations/{event.pk}/apply").status_code == 428
    assert api.post(f"/reorganizations/{event.pk}/destinations", {"rule": "", "version": version}).status_code == 200
    stale = api.login(other).post(f"/reorganizations/{event.pk}/apply", {"version": version})
    assert (stale.status_code, stale.json()["current_version"]) == (409, version + 1)
    assert Reorganization.objects.get(pk=event.pk).applied_at is None
    applied = api.post(f"/reorganizations/{event.pk}/apply", HTTP_IF_MATCH=str(version + 1))
    assert (applied.status_code, applied.json()["state"], applied.json()["version"]) == (200, "applied", version + 2)
    stale = api.login(one).post(f"/reorganizations/{event.pk}/revert", {"version": version + 1})
    assert stale.status_code == 409 and Reorganization.objects.get(pk=event.pk).reverted_at is None


def _meeting_with_a_guest():
    from mandate.meetings import services as meetings
    from mandate.orgs.models import Unit

    meeting = meetings.meeting_create(actor=None, body=Unit.objects.get(code="25.TU.BTV"), title="Hội nghị",
                                      starts_on=dt.date(2025, 7, 20))
    guest = meetings.delegate_add(actor=None, meeting=meeting, name="Khách mời", role="guest")
    group = meetings.group_create(actor=None, meeting=meeting)
    return meeting, guest, group


def test_of_two_secretaries_recording_one_delegate_the_second_with_the_old_version_gets_409(api, make_user):
    from mandate.meetings.models import Delegate

    meeting, guest, _group = _meeting_with_a_guest()
    path = f"/meetings/{meeting.pk}/delegates/{guest.pk}"
    one, other = make_user("specialist", "25.TU.BTV"), make_user("specialist", "25.TU.BTV")
    version = next(d for d in api.login(one).get(f"/meetings/{meeting.pk}").json()["delegates"] if d["id"] == guest.pk)["version"]
    assert api.post(f"{path}/attendance", {"attendance": "present"}).status_code == 428
    assert api.post(f"{path}/group", {"group": 1}).status_code == 428
    present = api.post(f"{path}/attendance", {"attendance": "present", "version": version})
    assert (present.status_code, present.json()["version"]) == (200, version + 1)
    api.login(other)
    stale = api.post(f"{path}/attendance", {"attendance": "absent", "note": "Ốm", "version": version})
    assert (stale.status_code, stale.json()["current_version"]) == (409, version + 1)
    stale = api.post(f"{path}/group", {"group": 1}, HTTP_IF_MATCH=str(version))
    assert (stale.status_code, stale.json()["current_version"]) == (409, version + 1)
    guest = Delegate.objects.get(pk=guest.pk)
    assert (guest.attendance, guest.group_id, guest.version) == ("present", None, version + 1)
    placed = api.post(f"{path}/group", {"group": 1}, HTTP_IF_MATCH=str(version + 1))
    assert (placed.status_code, placed.json()["group"], placed.json()["version"]) == (200, 1, version + 2)


def test_a_delegates_row_sent_after_someone_else_changed_it_says_so_in_the_readers_language(client, make_user):
    from mandate.meetings import services as meetings
    from mandate.meetings.models import Delegate

    meeting, guest, group = _meeting_with_a_guest()
    client.force_login(make_user("specialist", "25.TU.BTV"))
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()  # pages speak Vietnamese first
    row = html[html.index(f"/delegates/{guest.pk}/"):]
    assert f'name="version" value="{guest.version}"' in row[:600]
    meetings.attendance_record(actor=None, delegate=guest, attendance="absent", expected_version=guest.version)  # someone else
    stale = client.post(f"/meetings/{meeting.pk}/delegates/{guest.pk}/",
                        {"attendance": "present", "group": group.pk, "version": guest.version})
    assert stale.status_code == 409
    assert "Nội dung này đã được người khác thay đổi" in stale.content.decode()
    guest = Delegate.objects.get(pk=guest.pk)
    assert (guest.attendance, guest.group_id) == ("absent", None)  # neither half of the row was written
    fresh = client.post(f"/meetings/{meeting.pk}/delegates/{guest.pk}/",
                        {"attendance": "present", "group": group.pk, "version": guest.version})
    assert fresh.status_code == 302
    guest = Delegate.objects.get(pk=guest.pk)
    assert (guest.attendance, guest.group_id) == ("present", group.pk)


def test_of_two_administrators_editing_one_account_the_second_with_the_old_version_gets_409(api, make_user):
    from mandate.accounts.models import Membership, User

    person = make_user("specialist", "25.TU.BTC")
    one, other = make_user("system_admin", "VN"), make_user("system_admin", "VN")
    path = f"/administration/people/{person.pk}"
    version = api.login(one).get(path).json()["version"]
    membership = Membership.objects.get(user=person)
    for edit, body in (("/deactivate", None), ("/activate", None), ("/roles", {"unit": "25.TU.BTC", "role": "viewer"}),
                       (f"/roles/{membership.pk}/withdraw", None)):
        assert api.post(path + edit, body).status_code == 428, edit
    granted = api.post(path + "/roles", {"unit": "25.TU.BTC", "role": "viewer", "version": version})
    assert (granted.status_code, granted.json()["version"]) == (201, version + 1)
    api.login(other)
    for edit, body in (("/deactivate", {"version": version}), ("/roles", {"unit": "25.TU", "role": "viewer", "version": version}),
                       (f"/roles/{membership.pk}/withdraw", {"version": version})):
        stale = api.post(path + edit, body)
        assert (stale.status_code, stale.json()["current_version"]) == (409, version + 1), edit
    person = User.objects.get(pk=person.pk)
    assert person.is_active and sorted(person.memberships.values_list("role", flat=True)) == ["specialist", "viewer"]
    deactivated = api.post(path + "/deactivate", HTTP_IF_MATCH=str(version + 1))
    assert (deactivated.status_code, deactivated.json()["is_active"], deactivated.json()["version"]) == (200, False, version + 2)


def test_an_account_page_form_sent_after_another_administrator_changed_it_changes_nothing(client, make_user):
    from mandate.accounts import administration
    from mandate.accounts.models import User

    person = make_user("specialist", "25.TU.BTC")
    client.force_login(make_user("system_admin", "VN"))
    html = client.get(f"/administration/people/{person.pk}/").content.decode()
    assert html.count(f'name="version" value="{person.version}"') == 3  # withdraw, grant, deactivate
    administration.role_grant(actor=make_user("system_admin", "VN"), user=person,
                              unit=person.memberships.get().unit, role="viewer", expected_version=person.version)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    stale = client.post(f"/administration/people/{person.pk}/", {"action": "deactivate", "version": 1})
    assert stale.status_code == 409 and "Это уже изменил кто-то другой (версия 2, у вас была 1)" in stale.content.decode()
    granted = client.post(f"/administration/people/{person.pk}/", {"action": "grant", "version": 1, "role-unit": "Tỉnh ủy Phú Thọ",
                                                                   "role-role": "leader"})
    assert granted.status_code == 409
    person = User.objects.get(pk=person.pk)
    assert person.is_active and person.version == 2 and person.memberships.count() == 2


def test_a_units_alert_settings_edited_from_an_old_version_are_refused_with_409(api, make_user):
    from mandate.orgs.models import Unit

    api.login(make_user("system_admin", "VN"))
    path = "/administration/units/25.TU.BTC/alerts"
    read = api.get(path).json()
    assert (read["warning_days"], read["reminder_days"], read["alerts_version"]) == (None, [], 1)
    assert api.post(path, {"warning_days": 5}).status_code == 428
    saved = api.post(path, {"warning_days": 5, "reminder_days": [3, 1], "version": 1})
    assert saved.json() == {"units_changed": 1, "alerts_version": 2}
    stale = api.post(path, {"warning_days": 9, "version": 1})
    assert (stale.status_code, stale.json()["current_version"]) == (409, 2)
    unit = Unit.objects.get(code="25.TU.BTC")
    assert (unit.warning_days, unit.reminder_days, unit.alerts_version) == (5, "3,1", 2)
    assert api.post(path, {"warning_days": 9}, HTTP_IF_MATCH="2").json() == {"units_changed": 1, "alerts_version": 3}
