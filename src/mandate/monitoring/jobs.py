"""Background jobs of monitoring (django-tasks, database backend). In this project "task" means a directive's task."""
import datetime as dt

from django_tasks import task

from mandate.core import clock


@task()
def remind(day: str | None = None) -> dict:
    """The daily reminders: record the digests, then send them. Idempotent: run it as often as you like."""
    from mandate.monitoring.services import digests_deliver, reminders_run

    when = dt.date.fromisoformat(day) if day else clock.today()
    run = reminders_run(day=when)
    return {"day": when.isoformat(), "digests": run.digests, "notifications": run.notifications,
            "sent": digests_deliver(day=when)}


@task()
def deliver_digests(day: str | None = None) -> int:
    """Send the digests recorded but not sent yet; enqueued on commit by `reminders_run(enqueue_delivery=True)`."""
    from mandate.monitoring.services import digests_deliver

    return digests_deliver(day=dt.date.fromisoformat(day) if day else None)
