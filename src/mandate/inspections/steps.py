"""The steps of each kind of case, as data (296-QĐ/TW of 30 May 2025 and its guidance HD 08-HD/TW of June 2025).

Every case goes prepare → conduct → close. A kind's table lists its steps in order, each in one phase; a step of a
later phase may be recorded only when every required step of the earlier phases is done, and the last step (the
notice of conclusion, a registered TB document) closes the case. A step may require a registered document of a type
(the decision, QĐ; the notice of conclusion, TB) or the team (head and members). The services read these tables and
nothing else; a new kind of case is a new table here.
"""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mandate.inspections.models import CaseKind, CaseState

PREPARE, CONDUCT, CLOSE = "prepare", "conduct", "close"
PHASES = (PREPARE, CONDUCT, CLOSE)
# The state a case is in once a step of that phase is recorded.
PHASE_STATE = {PREPARE: CaseState.PREPARE, CONDUCT: CaseState.CONDUCT, CLOSE: CaseState.CONDUCT}


@dataclass(frozen=True)
class Step:
    code: str
    phase: str
    label: object
    required: bool = True
    document_type: str = ""   # a registered document of this type is named when the step is recorded
    team: bool = False        # the team (a head at least) is named when the step is recorded


RECEIVED = Step("received", PREPARE, _("Filing received and registered"))
ACCEPTED = Step("accepted", PREPARE, _("Filing accepted for settlement"))
DECISION = Step("decision", PREPARE, pgettext_lazy("inspection", "Decision"), document_type="QĐ", team=True)
PLAN = Step("plan", PREPARE, _("Plan and outline"))
NOTICE = Step("notice", PREPARE, _("Notice to the target"))
SELF_REPORT = Step("self_report", CONDUCT, _("The target's self-report"))
EXPLANATION = Step("explanation", CONDUCT, _("The denounced party's explanation"))
VERIFICATION = Step("verification", CONDUCT, _("Verification"))
FINANCE_CHECK = Step("ledger_check", CONDUCT, _("Check of receipts, spending, dues and ledgers"))
TEAM_REPORT = Step("team_report", CLOSE, _("Team report"))
CONFERENCE = Step("conference", CLOSE, _("Meeting of the commission"), required=False)
CONCLUSION = Step("conclusion", CLOSE, _("Conclusion"))
CONCLUSION_NOTICE = Step("conclusion_notice", CLOSE, _("Notice of conclusion"), document_type="TB")

_INSPECTION = (DECISION, PLAN, NOTICE, SELF_REPORT, VERIFICATION, TEAM_REPORT, CONFERENCE, CONCLUSION, CONCLUSION_NOTICE)

STEPS: dict[str, tuple[Step, ...]] = {
    CaseKind.THEMATIC_INSPECTION: _INSPECTION,
    CaseKind.THEMATIC_SUPERVISION: (DECISION, PLAN, NOTICE, SELF_REPORT, Step("supervision", CONDUCT, _("Supervision at the target")),
                                    TEAM_REPORT, CONFERENCE, Step("conclusion", CLOSE, _("Notice of the supervision's results")),
                                    CONCLUSION_NOTICE),
    CaseKind.VIOLATION_ORGANIZATION: _INSPECTION,
    CaseKind.VIOLATION_MEMBER: _INSPECTION,
    CaseKind.LOWER_LEVEL_WORK: _INSPECTION,
    CaseKind.FINANCE: (DECISION, PLAN, NOTICE, SELF_REPORT, FINANCE_CHECK, VERIFICATION, TEAM_REPORT, CONFERENCE,
                       CONCLUSION, CONCLUSION_NOTICE),
    CaseKind.COMPLAINT: (RECEIVED, ACCEPTED, DECISION, PLAN, VERIFICATION, TEAM_REPORT, CONFERENCE,
                         Step("conclusion", CLOSE, _("Decision on the complaint")), CONCLUSION_NOTICE),
    CaseKind.DENUNCIATION: (RECEIVED, ACCEPTED, DECISION, PLAN, NOTICE, EXPLANATION, VERIFICATION, TEAM_REPORT,
                            CONFERENCE, Step("conclusion", CLOSE, _("Conclusion on the denunciation")), CONCLUSION_NOTICE),
}

# The kinds filed by someone (they open on the day the filing is received) rather than decided by the body.
FILED_KINDS = (CaseKind.COMPLAINT, CaseKind.DENUNCIATION)
# Inspections of a member: the target is a person of the register.
MEMBER_KINDS = (CaseKind.VIOLATION_MEMBER,)


def steps_of(kind: str) -> tuple[Step, ...]:
    return STEPS[kind]


def step_of(kind: str, code: str) -> Step | None:
    return next((step for step in STEPS[kind] if step.code == code), None)


def last_step(kind: str) -> Step:
    return STEPS[kind][-1]


def missing_before(kind: str, code: str, done: set[str]) -> list[Step]:
    """The required steps of the phases before `code`'s that are not in `done`."""
    step = step_of(kind, code)
    earlier = PHASES[:PHASES.index(step.phase)]
    missing = [s for s in STEPS[kind] if s.phase in earlier and s.required and s.code not in done]
    if step is last_step(kind):  # the notice of conclusion closes the case: everything required before it is done
        missing += [s for s in STEPS[kind] if s.phase == CLOSE and s.required and s is not step and s.code not in done]
    return missing
