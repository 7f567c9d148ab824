"""`/healthz` for a monitor, and the version an operator can read: `mandate version`, the footer, CHANGELOG.md."""
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db.migrations.recorder import MigrationRecorder
from django_tasks_db.models import DBTaskResult

from mandate import __version__, health
from mandate.core import clock

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_health_answers_without_signing_in_and_tells_no_secret(client, settings):
    answer = client.get("/healthz")
    assert answer.status_code == 200
    body = answer.json()
    assert body == {"status": "ok", "version": __version__, "database": "ok", "migrations": "ok",
                    "worker": {"overdue_tasks": 0, "last_finished_at": None}}
    assert "no-cache" in answer["Cache-Control"] and "sessionid" not in answer.cookies
    assert settings.SECRET_KEY not in answer.content.decode()


def test_health_is_served_over_plain_http_when_every_other_page_redirects(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/login/").status_code == 301


def test_a_due_task_the_worker_has_not_taken_makes_the_site_degraded(client):
    DBTaskResult.objects.create(args_kwargs={"args": [], "kwargs": {}}, task_path="mandate.monitoring.jobs.remind",
                                backend_name="default", run_after=clock.now() - dt.timedelta(hours=1))
    body = client.get("/healthz").json()
    assert (body["status"], body["worker"]["overdue_tasks"]) == ("degraded", 1)
    assert client.get("/healthz").status_code == 200


def test_a_migration_not_applied_is_a_503(client, monkeypatch):
    monkeypatch.setattr(health, "_migrations_checked_at", 0.0)
    MigrationRecorder.Migration.objects.filter(app="tasks").order_by("-id").first().delete()
    answer = client.get("/healthz")
    assert answer.status_code == 503
    assert answer.json()["migrations"] == "pending" and answer.json()["status"] == "failing"


def test_the_version_is_printed_shown_in_the_footer_and_has_its_changelog_section(client, make_user):
    printed = subprocess.run([sys.executable, "-m", "mandate", "version"], capture_output=True, text=True, check=True)
    assert printed.stdout.strip() == __version__
    assert subprocess.run([sys.executable, "-m", "mandate", "--version"], capture_output=True, text=True,
                          check=True).stdout.strip() == __version__
    assert re.search(rf"^## {re.escape(__version__)} ", (ROOT / "CHANGELOG.md").read_text(), re.MULTILINE)
    assert f"Mandate {__version__}" in (ROOT / "docs" / "operations.md").read_text()
    client.force_login(make_user("specialist", "25.TU.BTC"))
    assert f"Mandate {__version__}" in client.get("/").content.decode()
