"""Reminders run by themselves (issue 16, item 5): a real worker process (`mandate worker`, django-tasks' database
worker) on the test's database, its clock fixed by MANDATE_CLOCK, sends the 3-day reminder to a real SMTP server."""
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

from mandate.accounts.models import Role
from mandate.monitoring.models import Channel, Digest, Notification
from mandate.monitoring.services import reminder_preference_set
from tests.factories import a_task

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2025, 8, 1)


def _database_url() -> str:
    """The test database, as the worker's DATABASE_URL."""
    config = connection.settings_dict
    if config["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{config['NAME']}"
    password = f":{config['PASSWORD']}" if config["PASSWORD"] else ""
    return f"postgres://{config['USER']}{password}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{config['NAME']}"


def _worker(tmp_path, smtp_port: int, moment: str) -> subprocess.Popen:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))}
    environment.update(DATABASE_URL=_database_url(), MANDATE_CLOCK=moment, MANDATE_EMAIL_HOST="127.0.0.1",
                       MANDATE_EMAIL_PORT=str(smtp_port), MANDATE_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                       MANDATE_DATA_DIR=str(tmp_path), MANDATE_SECRET_KEY="worker-test-" + "x" * 40, MANDATE_DEBUG="0",
                       PYTHONPATH=str(ROOT / "src"))
    return subprocess.Popen([sys.executable, "-m", "mandate", "worker", "--interval", "0.2"], env=environment, cwd=ROOT,
                            stdout=(tmp_path / "worker.log").open("wb"), stderr=subprocess.STDOUT)


def _until(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_running_worker_sends_the_three_day_reminder_by_smtp(transactional_country, smtp, make_user, tmp_path, settings):
    leader = make_user(email="lanh.dao@example.vn", full_name="Trần Thị B", language="vi")
    reader = make_user(Role.SPECIALIST, "25.TU.BTC", email="chuyen.vien@example.vn")
    reminder_preference_set(actor=reader, user=reader, channel=Channel.IN_APP, digest_hour=7)
    task = a_task(lead_unit="25.TU.BTC", deadline=DAY + dt.timedelta(days=3), leader=leader, title="Báo cáo sơ kết",
                  assigned_on=dt.date(2025, 7, 15))
    worker = _worker(tmp_path, settings.EMAIL_PORT, f"{DAY.isoformat()}T09:00")
    try:
        arrived = _until(lambda: smtp.messages)
        log = (tmp_path / "worker.log").read_text(errors="replace")
        assert arrived, log[-3000:]
        assert worker.poll() is None  # still running, waiting for the next hour
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    recipients, message = smtp.messages[0]
    assert recipients == ["lanh.dao@example.vn"]
    assert f"/tasks/{task.pk}/" in message
    notes = {(n.recipient_id, n.kind, n.days) for n in Notification.objects.filter(task=task)}
    assert notes == {(leader.pk, "due_soon", 3), (reader.pk, "due_soon", 3)}  # in Mandate for both, by e-mail for one
    assert len(smtp.messages) == 1
    assert Digest.objects.get(recipient=leader, day=DAY).sent_at is not None
    assert Digest.objects.get(recipient=reader, day=DAY).email == ""
