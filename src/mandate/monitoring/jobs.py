"""Background jobs of monitoring (django-tasks, database backend). In this project "task" means a directive's task.

The schedule (docs/decisions.md, "Reminders run by themselves"): `remind_hour` runs once an hour, on the hour. It
first puts its own next run in the queue (so a failed run never stops the schedule), then records the day's
reminders (the first run of a day records them, later runs find them recorded and add nothing) and e-mails the
digests of the people whose chosen hour has come. `mandate worker` puts the first run in the queue and runs the
worker. The hour is the application's (`clock.now()`), the moment of the next run the machine's.
"""
import datetime as dt

from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mandate.core import clock
from mandate.monitoring.services import digests_deliver, reminders_run


@task()
def remind(day: str | None = None) -> dict:
    """The daily reminders: record the digests, then send them. Idempotent: run it as often as you like."""
    when = dt.date.fromisoformat(day) if day else clock.today()
    run = reminders_run(day=when)
    return {"day": when.isoformat(), "digests": run.digests, "notifications": run.notifications,
            "sent": digests_deliver(day=when)}


@task()
def remind_hour() -> dict:
    """One run of the hourly schedule: the next run queued, today's reminders recorded, the digests due by this hour sent."""
    schedule_reminders(at=next_hour(clock.machine_now()))
    moment = clock.now()
    run = reminders_run(day=moment.date())
    return {"day": moment.date().isoformat(), "hour": moment.hour, "digests": run.digests,
            "notifications": run.notifications, "sent": digests_deliver(day=moment.date(), hour=moment.hour)}


def next_hour(moment: dt.datetime) -> dt.datetime:
    return moment.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)


def schedule_reminders(*, at: dt.datetime | None = None) -> bool:
    """Queue a run of `remind_hour` (at `at`, or at once) unless one is queued already; True when it queued one."""
    if DBTaskResult.objects.filter(task_path=remind_hour.module_path, status=TaskResultStatus.READY).exists():
        return False
    (remind_hour.using(run_after=at) if at is not None else remind_hour).enqueue()
    return True
