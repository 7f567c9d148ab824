"""API schemas of tasks that other apps' endpoints reuse."""
from ninja import Field, Schema


class OfficialTotalsOut(Schema):
    """The official report's totals, as `mandate.tasks.status.OFFICIAL_TOTALS` defines them: the counts of
    `/api/v1/tasks/counts` and the numbers of every scorecard. Completed on time, completed late, within deadline
    and overdue add up to those assigned; each total's name is also the `status` filter that lists its tasks."""

    assigned: int = Field(description="every task assigned by the date of reckoning, except those cancelled")
    completed: int = Field(description="completed_on_time + completed_late")
    completed_on_time: int
    completed_late: int
    not_completed: int = Field(description="within_deadline + overdue")
    within_deadline: int = Field(description="not completed and not overdue; includes due_soon, as the official report counts it")
    due_soon: int = Field(description="within deadline, with the deadline inside the lead unit's warning window")
    overdue: int
