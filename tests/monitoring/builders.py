"""Random tasks over a province for the monitoring tests, built through the services."""
import datetime as dt
import random

from mandate.accounts.models import User
from mandate.orgs.models import Unit
from mandate.tasks.services import extension_decide, extension_request, task_transition
from tests.factories import a_document, a_leader, a_task

LEADS = ["25.TU.BTC", "25.TU.VP", "25.UBND", "25.TU", "01.TU.BTC"]


def random_tasks(seed: int, count: int = 40):
    """Tasks with random assignment dates, deadlines, completions, cancellations and extensions."""
    rng = random.Random(seed)
    document = a_document(issued_on=dt.date(2025, 7, 2))
    leaders = [a_leader() for _ in range(3)]
    communes = list(Unit.objects.filter(code__regex=r"^\d{5}\.UBND$", placements__path__startswith=_path("25"))
                    .values_list("code", flat=True)[:3])
    leads = [code for code in LEADS if Unit.objects.filter(code=code).exists()] + communes
    admin = User.objects.create_user(username=f"office{seed}-{rng.random()}", is_superuser=True)
    tasks = []
    for _ in range(count):
        assigned = dt.date(2025, 7, 2) + dt.timedelta(days=rng.randint(0, 60))
        deadline = assigned + dt.timedelta(days=rng.randint(1, 60))
        lead = rng.choice(leads)
        others = [code for code in ("25.TU.BTC", "25.UBND") if code != lead]
        task = a_task(document=document, lead_unit=lead, deadline=deadline, leader=rng.choice(leaders),
                      assigned_on=assigned, coordinators=rng.sample(others, rng.randint(0, 1)))
        roll = rng.random()
        if roll < 0.15:
            extension_request(actor=admin, task=task, requested_deadline=deadline + dt.timedelta(days=rng.randint(1, 20)),
                              reason="Cần thêm thời gian")
            # The system decides: nobody approves their own request for more time (issue 14, class 2).
            extension_decide(actor=None, extension=task.extensions.get(), approve=True)
            task.refresh_from_db()
        if roll < 0.55:
            done = task.assigned_on + dt.timedelta(days=rng.randint(0, 80))
            task_transition(actor=None, task=task, name="submit", on=done)
            task_transition(actor=None, task=task, name="complete", on=done)
        elif roll < 0.62:
            task_transition(actor=None, task=task, name="cancel", reason="Không còn cần", on=assigned + dt.timedelta(days=3))
        task.refresh_from_db()
        tasks.append(task)
    return tasks, leaders


def _path(code: str) -> str:
    from mandate.orgs.selectors import unit_placement
    return unit_placement(unit=Unit.objects.get(code=code), as_of=dt.date(2025, 9, 1)).path

