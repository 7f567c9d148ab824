"""The rules a personnel event must keep, each a function of plain values (no query): given the facts, the
reason it is broken (a translatable sentence) or None. `events.py` reads the facts and names the field and the rule.

- age (377-QĐ/TW): on the day the dossier is received, at least 60 months before the retirement age of Decree
  135/2020 (`retirement.py`), for an appointment, a nomination for election and a designation;
- tenure: at least 24 months in the current or an equivalent post (the same grade of `titles.py`) before a higher
  one; a first appointment to a leadership post is excepted;
- discipline: a higher post only 24 months after a reprimand (khiển trách), 36 after a warning (cảnh cáo), 60 after
  a removal from office (cách chức); never after an expulsion from the Party (khai trừ);
- rotation (65-QĐ/TW): at least 10 years (120 months) of working time left, and in the planning pool;
- procedure: an internal candidate through five meetings (leadership → enlarged leadership → leadership → key cadres
  → leadership), an external one through three (leadership → key cadres → leadership), each attended by at least 2/3
  of those convened, the last choosing the candidate by more than half of those convened; an election likewise.
Each waiting time ends on the same calendar day that many months later: the day itself is allowed.
"""
import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mandate.personnel.models import StepKind
from mandate.personnel.retirement import add_months, months_between, retirement_day

MONTHS_BEFORE_RETIREMENT = 60
MONTHS_IN_POST = 24
# Rotation (65-QĐ/TW of 28 April 2022, Art. 5; Decree 138/2020/NĐ-CP Art. 56.4): at least two terms (10 years) of
# working time left on the day of the rotation; a head rotated so that the key posts are not held by a local cadre
# nor held more than two consecutive terms in one place needs one term (5 years).
MONTHS_OF_WORK_FOR_ROTATION = 120
MONTHS_OF_WORK_FOR_HEADS_ROTATION = 60
# A rotation lasts at least 3 years (36 months), 65-QĐ/TW Art. 8, save special cases the competent level decides.
MONTHS_OF_ROTATION = 36
# Months after a discipline before a higher post; None: never (expelled from the Party).
WAITING_AFTER_DISCIPLINE = {"reprimand": 24, "warning": 36, "removal": 60, "expulsion": None}
INTERNAL_STEPS = ("leadership", "enlarged_leadership", "leadership", "key_cadres", "leadership")
EXTERNAL_STEPS = ("leadership", "key_cadres", "leadership")
STEP_LABELS = dict(StepKind.choices)


def _day(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def age_rule(*, sex: str, birth_date: dt.date, dossier_day: dt.date) -> str | None:
    """At least 60 months before the retirement age on the day the dossier is received."""
    retires = retirement_day(sex=sex, birth_date=birth_date)
    if add_months(dossier_day, MONTHS_BEFORE_RETIREMENT) <= retires:
        return None
    return _("reaches retirement age on %(retires)s, %(months)s months after the dossier of %(day)s; at least %(least)s are needed "
             "(age rule)") % {"retires": _day(retires), "months": max(months_between(dossier_day, retires), 0),
                              "day": _day(dossier_day), "least": MONTHS_BEFORE_RETIREMENT}


def tenure_rule(*, in_grade_since: dt.date | None, first_appointment: bool, on: dt.date) -> str | None:
    """At least 24 months in the current or an equivalent post before a higher one (first appointments excepted)."""
    if first_appointment or in_grade_since is None:
        return None
    if add_months(in_grade_since, MONTHS_IN_POST) <= on:
        return None
    return _("has held the current or an equivalent post since %(since)s, %(months)s months on %(day)s; at least %(least)s "
             "are needed (rule of 24 months in post)") % {
        "since": _day(in_grade_since), "months": max(months_between(in_grade_since, on), 0), "day": _day(on), "least": MONTHS_IN_POST}


@dataclass(frozen=True)
class Discipline:
    form: str
    form_label: str
    decided_on: dt.date


def discipline_rule(*, disciplines: list[Discipline], on: dt.date) -> str | None:
    """A higher post only once the waiting time after every discipline has passed."""
    for discipline in sorted(disciplines, key=lambda d: d.decided_on, reverse=True):
        months = WAITING_AFTER_DISCIPLINE[discipline.form]
        if months is None:
            return _("was disciplined by %(form)s on %(day)s and may not be given a higher post (discipline rule)") % {
                "form": discipline.form_label, "day": _day(discipline.decided_on)}
        until = add_months(discipline.decided_on, months)
        if on < until:
            return _("was disciplined by %(form)s on %(day)s; a higher post only from %(until)s, %(months)s months later "
                     "(discipline rule)") % {"form": discipline.form_label, "day": _day(discipline.decided_on),
                                             "until": _day(until), "months": months}
    return None


def rotation_rule(*, sex: str, birth_date: dt.date, on: dt.date, head: bool = False) -> str | None:
    """A rotated cadre has at least 10 years of working time left; a head rotated under the rule of non-local heads
    (`head`: the post rotated to is one of `titles.HEADS_NOT_LOCAL`) at least 5."""
    least = MONTHS_OF_WORK_FOR_HEADS_ROTATION if head else MONTHS_OF_WORK_FOR_ROTATION
    retires = retirement_day(sex=sex, birth_date=birth_date)
    if add_months(on, least) <= retires:
        return None
    return _("has %(months)s months of working time left on %(day)s; a rotation needs at least %(least)s (rotation rule)") % {
        "months": max(months_between(on, retires), 0), "day": _day(on), "least": least}


def rotation_period_rule(*, starts: dt.date, ends: dt.date | None) -> str | None:
    """A rotation whose end is given lasts at least 36 months (an open rotation lasts until another decision)."""
    if ends is None or add_months(starts, MONTHS_OF_ROTATION) <= ends:
        return None
    return _("lasts %(months)s months from %(day)s; a rotation lasts at least %(least)s (rotation period)") % {
        "months": max(months_between(starts, ends), 0), "day": _day(starts), "least": MONTHS_OF_ROTATION}


def has_quorum(*, convened: int, present: int) -> bool:
    """At least two thirds of those convened attend."""
    return convened > 0 and 3 * present >= 2 * convened


def is_chosen(*, convened: int, votes_for: int) -> bool:
    """More than half of those convened (not of those present) vote for the candidate."""
    return 2 * votes_for > convened


@dataclass(frozen=True)
class Step:
    kind: str
    held_on: dt.date
    convened: int
    present: int
    votes_for: int | None = None


def procedure_errors(*, internal: bool | None, steps: list[Step], decided_on: dt.date) -> list[tuple[str, str, str]]:
    """(field, reason, rule) of every way the appointment's procedure falls short."""
    if internal is None:
        return [("internal", _("say whether the candidate comes from inside the unit (five meetings) or from outside (three)"),
                 "procedure")]
    expected = INTERNAL_STEPS if internal else EXTERNAL_STEPS
    errors = []
    if tuple(step.kind for step in steps) != expected:
        order = " → ".join(str(STEP_LABELS[kind]) for kind in expected)
        reason = (_("a candidate from inside the unit goes through five meetings in this order: %(order)s (procedure)") if internal
                  else _("a candidate from outside the unit goes through three meetings in this order: %(order)s (procedure)"))
        errors.append(("steps", reason % {"order": order}, "procedure"))
    for number, step in enumerate(steps, start=1):
        if number > 1 and step.held_on < steps[number - 2].held_on:
            errors.append((f"steps.{number}", _("meeting %(number)s is dated before the one before it") % {"number": number}, "procedure"))
        if step.held_on > decided_on:
            errors.append((f"steps.{number}", _("meeting %(number)s is dated after the decision of %(day)s") % {
                "number": number, "day": _day(decided_on)}, "procedure"))
        if not has_quorum(convened=step.convened, present=step.present):
            errors.append((f"steps.{number}", _("meeting %(number)s: %(present)s of %(convened)s convened attended; at least two "
                                                "thirds are needed (quorum)") % {"number": number, "present": step.present,
                                                                                 "convened": step.convened}, "quorum"))
    if steps:
        last = steps[-1]
        if last.votes_for is None or not is_chosen(convened=last.convened, votes_for=last.votes_for):
            errors.append((f"steps.{len(steps)}", _("the last meeting chose the candidate by %(votes)s of %(convened)s convened; "
                                                    "more than half are needed (majority)") % {
                "votes": last.votes_for or 0, "convened": last.convened}, "majority"))
    return errors


def vote_errors(*, convened: int | None, present: int | None, votes_for: int | None) -> list[tuple[str, str, str]]:
    """An election: a quorum of two thirds of those convened, elected by more than half of them."""
    if convened is None or present is None or votes_for is None:
        return [("votes_for", _("an election needs those convened, those present and the votes for the candidate"), "vote")]
    errors = []
    if not has_quorum(convened=convened, present=present):
        errors.append(("votes_present", _("%(present)s of %(convened)s convened attended; at least two thirds are needed (quorum)")
                       % {"present": present, "convened": convened}, "quorum"))
    if not is_chosen(convened=convened, votes_for=votes_for):
        errors.append(("votes_for", _("%(votes)s of %(convened)s convened voted for the candidate; more than half are needed (majority)")
                       % {"votes": votes_for, "convened": convened}, "majority"))
    return errors
