"""`GET /api/v1/tasks/{id}?include=progress,events,children`: the task, its progress reports with their evidence, its
timeline and its delegated parts in one request; `include` naming anything else is refused naming the field."""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.accounts.models import Role
from mandate.tasks import services
from tests.factories import a_task

pytestmark = pytest.mark.django_db


def test_one_request_tells_the_whole_story(api, make_user):
    specialist = make_user(Role.SPECIALIST, "25.TU.BTC")
    task = a_task(lead_unit="25.TU.BTC", deadline=dt.date.today() + dt.timedelta(days=30))
    services.progress_report(actor=specialist, task=task, percent=30, text="Đã xây dựng kế hoạch",
                             files=[SimpleUploadedFile("ke-hoach.txt", "Kế hoạch".encode())])
    services.progress_report(actor=specialist, task=task, percent=60, text="Đã tổ chức hội nghị", files=[])
    client = api.login(specialist)
    story = client.get(f"/tasks/{task.pk}", include="progress,events,children")
    assert story.status_code == 200, story.content
    body = story.json()
    assert [(r["percent"], r["text"], r["evidence"]) for r in body["progress_reports"]] == [
        (30, "Đã xây dựng kế hoạch", ["ke-hoach.txt"]), (60, "Đã tổ chức hội nghị", [])]
    assert [event["kind"] for event in body["timeline"]].count("progress") == 2
    assert body["children"] == []
    plain = client.get(f"/tasks/{task.pk}").json()
    assert plain["progress_reports"] is None and plain["timeline"] == body["timeline"]
    assert client.get(f"/tasks/{task.pk}/progress").json() == body["progress_reports"]


def test_include_names_only_what_the_detail_has(api, make_user):
    specialist = make_user(Role.SPECIALIST, "25.TU.BTC")
    task = a_task(lead_unit="25.TU.BTC", deadline=dt.date.today() + dt.timedelta(days=30))
    refused = api.login(specialist).get(f"/tasks/{task.pk}", include="progress,secrets")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "include"
    assert "progress" in refused.json()["errors"][0]["reason"]
