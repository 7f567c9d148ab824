"""The workflow of a task: which step leads from which state, and which side may take it."""
from dataclasses import dataclass

from mandate.accounts.models import Decision
from mandate.tasks.models import TaskState as S


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    side: str  # "lead": the lead unit's people; "assigner": the assigning unit's leaders
    needs_reason: bool = False
    decision: str = ""  # the working regulation's decision this step is (who may take it: accounts.regulations)


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("start", (S.ASSIGNED, S.RETURNED), S.IN_PROGRESS, "lead"),
        Transition("submit", (S.ASSIGNED, S.IN_PROGRESS, S.RETURNED), S.SUBMITTED, "lead"),
        Transition("complete", (S.SUBMITTED,), S.COMPLETED, "assigner", decision=Decision.ACCEPTANCE),
        Transition("return", (S.SUBMITTED,), S.RETURNED, "assigner", needs_reason=True, decision=Decision.ACCEPTANCE),
        Transition("cancel", (S.ASSIGNED, S.IN_PROGRESS, S.SUBMITTED, S.RETURNED), S.CANCELLED, "assigner", needs_reason=True),
    )
}


def available(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]
