"""The 100-point form of the review (HD 43-HD/BTCTW): levels, the task-results part from a period's figures, the quota.

The form has 30 points of general criteria, scored by the person or collective, and 70 points of task results. How
the figures of a period (the scorecard's on-time rate, overdue and completed-after-extension counts, the KPI targets
met, the recommendations fulfilled) become those 70 points is each committee's own rule, kept as data
(`RatingScheme.rules`); `DEFAULT_RULES` is what a committee that wrote none gets:

| measure | rule | points |
| --- | --- | --- |
| on-time rate (completed on time / (completed + overdue)) | share × 30 | 30 |
| overdue tasks | 15, less 3 for each | 15 |
| completed after an extension | 5, less 1 for each | 5 |
| KPI targets achieved / targets | share × 10 | 10 |
| recommendations fulfilled / recommendations | share × 10 | 10 |

A share with nothing to measure (no task due, no target, no recommendation) gives its full points: nothing was missed.
The levels are the regulation's, not a committee's: excellent at 90 or more with the conditions (every task on time,
nobody disciplined), good from 70 to below 90, fulfilled from 50 to below 70, not fulfilled below 50 or with a
disqualifying condition. "Excellent" may go to at most 20 % of those rated "good" in one organization, rounded down.
No database here.
"""
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _, gettext_lazy

EXCELLENT, GOOD, FULFILLED, NOT_FULFILLED = "excellent", "good", "fulfilled", "not_fulfilled"
GENERAL_POINTS, TASK_POINTS = Decimal(30), Decimal(70)
EXCELLENT_MIN, GOOD_MIN, FULFILLED_MIN = Decimal(90), Decimal(70), Decimal(50)
EXCELLENT_SHARE_OF_GOOD_PERCENT = 20

SHARE, LESS_EACH = "share", "less_each"
MEASURES = ("on_time_rate", "overdue", "completed_late", "completed_after_extension", "kpi_met_rate",
            "recommendations_fulfilled_rate")
MEASURE_LABELS = {
    "on_time_rate": gettext_lazy("On-time rate"), "overdue": gettext_lazy("Overdue"),
    "completed_late": gettext_lazy("Completed late"), "completed_after_extension": gettext_lazy("Completed after extension"),
    "kpi_met_rate": gettext_lazy("Share of KPI targets achieved"),
    "recommendations_fulfilled_rate": gettext_lazy("Share of recommendations fulfilled"),
}
DEFAULT_RULES = {"task_points": [
    {"measure": "on_time_rate", "kind": SHARE, "points": 30},
    {"measure": "overdue", "kind": LESS_EACH, "points": 15, "each": 3},
    {"measure": "completed_after_extension", "kind": LESS_EACH, "points": 5, "each": 1},
    {"measure": "kpi_met_rate", "kind": SHARE, "points": 10},
    {"measure": "recommendations_fulfilled_rate", "kind": SHARE, "points": 10},
]}


KIND_LABELS = {SHARE: gettext_lazy("share of the points"), LESS_EACH: gettext_lazy("points less a deduction for each")}
# How the rules' page lays each measure out: a rate is worth a share of its points, a count loses points for each.
KIND_OF_MEASURE = {"on_time_rate": SHARE, "overdue": LESS_EACH, "completed_late": LESS_EACH,
                   "completed_after_extension": LESS_EACH, "kpi_met_rate": SHARE, "recommendations_fulfilled_rate": SHARE}


def rules_errors(rules) -> list[tuple[str, str, str]]:
    """What is wrong with a committee's rules: (field, reason in the reader's language, rule code) each, the field
    being `task_points`, or `task_points.N.<key>` for the N-th rule (from 1); empty when they can be used."""
    items = rules.get("task_points") if isinstance(rules, dict) else None
    if not isinstance(items, list) or not items:
        return [("task_points", _("the rules must hold a list “task_points”"), "required")]
    problems, total, seen = [], Decimal(0), set()
    for index, item in enumerate(items, start=1):
        where = f"task_points.{index}"
        if not isinstance(item, dict) or item.get("measure") not in MEASURES:
            problems.append((f"{where}.measure", _("rule %(n)s: the measure must be one of %(measures)s")
                             % {"n": index, "measures": ", ".join(str(MEASURE_LABELS[m]) for m in MEASURES)}, "measure"))
            continue
        label = MEASURE_LABELS[item["measure"]]
        if item["measure"] in seen:
            problems.append((f"{where}.measure", _("rule %(n)s: “%(measure)s” has a rule already") % {"n": index, "measure": label},
                             "duplicate"))
        seen.add(item["measure"])
        if item.get("kind") not in (SHARE, LESS_EACH):
            problems.append((f"{where}.kind", _("rule %(n)s (%(measure)s): the kind must be “share” or “less_each”")
                             % {"n": index, "measure": label}, "kind"))
            continue
        try:
            points = Decimal(str(item.get("points")))
            each = Decimal(str(item.get("each", 0)))
            if not points.is_finite() or not each.is_finite():
                raise ArithmeticError
        except ArithmeticError:
            problems.append((f"{where}.points", _("rule %(n)s (%(measure)s): the points must be a number")
                             % {"n": index, "measure": label}, "number"))
            continue
        if points < 0 or each < 0:
            problems.append((f"{where}.points" if points < 0 else f"{where}.each",
                             _("rule %(n)s (%(measure)s): the points may not be negative") % {"n": index, "measure": label},
                             "negative"))
        total += points
    if not problems and total != TASK_POINTS:
        problems.append(("task_points", _("the rules give %(total)s points; the task results are worth %(most)s")
                         % {"total": total, "most": TASK_POINTS}, "total"))
    return problems


def rules_problems(rules) -> list[str]:
    """What is wrong with a committee's rules, in plain words (empty when they can be used)."""
    return [reason for _field, reason, _code in rules_errors(rules)]


def _two(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def task_points(rules: dict, figures: dict) -> tuple[Decimal, list[dict]]:
    """The task-results points of `figures` under `rules`, and each rule's line (measure, value, points)."""
    lines, total = [], Decimal(0)
    for item in rules["task_points"]:
        value = figures.get(item["measure"])
        most = Decimal(str(item["points"]))
        if item["kind"] == SHARE:
            got = most if value is None else most * min(max(Decimal(str(value)), Decimal(0)), Decimal(1))
        else:
            got = max(most - Decimal(str(item.get("each", 0))) * Decimal(str(value or 0)), Decimal(0))
        got = _two(got)
        total += got
        lines.append({"measure": item["measure"], "value": value, "points": str(got), "of": str(most)})
    return min(total, TASK_POINTS), lines


def level_of(points: Decimal, *, all_on_time: bool, disciplined: bool, disqualified: bool = False) -> str:
    """The level a score reaches with its conditions."""
    if disqualified or points < FULFILLED_MIN:
        return NOT_FULFILLED
    if points >= EXCELLENT_MIN:
        return EXCELLENT if all_on_time and not disciplined else GOOD
    if points >= GOOD_MIN:
        return GOOD
    return FULFILLED


def excellent_quota(good: int) -> int:
    """How many may be rated excellent when `good` are rated good: 20 % of them, rounded down."""
    return good * EXCELLENT_SHARE_OF_GOOD_PERCENT // 100
