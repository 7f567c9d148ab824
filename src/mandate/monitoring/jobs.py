"""Background jobs of monitoring (django-tasks, database backend). In this project "task" means a directive's task."""
import datetime as dt

from django_tasks import task

from mandate.core import clock
from mandate.monitoring.services import digests_deliver, reminders_run


@task()
def remind(day: str | None = None) -> dict:
    """The daily reminders: record the digests, then send them. Idempotent: run it as often as you like."""
    when = dt.date.fromisoformat(day) if day else clock.today()
    run = reminders_run(day=when)
    return {"day": when.isoformat(), "digests": run.digests, "notifications": run.notifications,
            "sent": digests_deliver(day=when)}
