"""Writes of reviews: report regimes, reports (drafted, edited, issued as BC documents), reminders to the units that
have not sent theirs, the rating scheme, reviews (self-assessment, appraisal, decision under the quota), indicator sets."""
import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mandate.accounts.models import Membership, User
from mandate.accounts.permissions import require
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.dates import day_text
from mandate.core.errors import DomainError, FieldError, NotFound, invalid
from mandate.core.integrity import refuse_duplicate
from mandate.core.limits import overlong_errors
from mandate.core.preconditions import version_checked
from mandate.core.text import nfc
from mandate.documents.services import document_register
from mandate.monitoring.kpis import ACHIEVED, kpi_summary, kpi_targets_list
from mandate.monitoring.models import Channel, Comparison, KpiActual, KpiTarget, ReminderPreference
from mandate.monitoring.selectors import scorecard
from mandate.monitoring.services import kpi_actual_report, kpi_target_create
from mandate.monitoring.selectors import child_units
from mandate.orgs.models import Unit, UnitKind
from mandate.inspections.selectors import people_disciplined, units_disciplined
from mandate.orgs.selectors import is_subordinate, territory_of, unit_subtree_ids
from mandate.personnel.models import Person
from mandate.personnel.selectors import disciplines_of
from mandate.reviews import periods, points
from mandate.reviews.compile import figures_of, report_as_of, scope_of
from mandate.reviews.sections import recommendations_of
from mandate.reviews.models import (
    DeadlineRule, Frequency, Indicator, IndicatorGroup, IndicatorSet, IndicatorTarget, Level, RatingPeriod, RatingScheme,
    Report, ReportReminder, ReportRegime, ReportState, Review, ReviewState, SubjectKind,
)
from mandate.reviews.permissions import (
    can_appraise, can_decide_rating, can_define_indicators, can_define_regime, can_draft_report, can_issue_report,
    can_remind_reporters, can_self_assess, can_set_rating_scheme,
)
from mandate.reviews.selectors import decided_counts, rating_rules_of, regime_due, regime_period, submissions_of
from mandate.tasks.permissions import LEAD_SIDE_ROLES
from mandate.tasks.selectors import TaskFilters

REPORT_TYPE = "BC"
NARRATIVE = ("summary", "results", "shortcomings", "next_tasks", "proposals")
LEVEL_ORDER = {Level.NOT_FULFILLED: 0, Level.FULFILLED: 1, Level.GOOD: 2, Level.EXCELLENT: 3}


def _refuse(message: str, errors: list[FieldError]) -> None:
    if errors:
        raise DomainError(message, errors)


def _regime_snapshot(regime: ReportRegime) -> dict:
    return {"receiver": regime.receiver.code, "title": regime.title, "frequency": regime.frequency,
            "window_start_day": regime.window_start_day, "deadline_rule": regime.deadline_rule,
            "deadline_day": regime.deadline_day, "working_days": regime.working_days,
            "aggregating_levels": regime.aggregating_levels, "reporters": sorted(regime.reporters.values_list("code", flat=True))}


def regime_create(*, actor, receiver: Unit | None, title: str, frequency: str, reporters: list[Unit],
                  window_start_day: int = 15, deadline_rule: str = DeadlineRule.DAY_OF_MONTH, deadline_day: int = 20,
                  working_days: int = 3, aggregating_levels: int = 0, contents: str = "") -> ReportRegime:
    """Define what a committee's units must report to it, how often, over which window and by when."""
    title, contents = nfc(title or "").strip(), nfc(contents or "")
    errors = overlong_errors(ReportRegime, title=title, contents=contents)
    if receiver is None:
        errors.append(FieldError("receiver", _("is required"), "required"))
    if not title:
        errors.append(FieldError("title", _("is required"), "required"))
    if frequency not in Frequency.values:
        errors.append(FieldError("frequency", _("must be one of: %(choices)s") % {"choices": ", ".join(Frequency.values)}))
    if deadline_rule not in DeadlineRule.values:
        errors.append(FieldError("deadline_rule", _("must be one of: %(choices)s") % {"choices": ", ".join(DeadlineRule.values)}))
    for name, value, low, high in (("window_start_day", window_start_day, 1, 28), ("deadline_day", deadline_day, 1, 28),
                                   ("working_days", working_days, 0, 60), ("aggregating_levels", aggregating_levels, 0, 5)):
        if not isinstance(value, int) or not low <= value <= high:
            errors.append(FieldError(name, _("must be a whole number from %(low)s to %(high)s") % {"low": low, "high": high}))
    if not reporters:
        errors.append(FieldError("reporters", _("name at least one unit that reports"), "required"))
    if receiver is not None:
        for unit in reporters:
            if unit.pk == receiver.pk or not _within_area(unit, receiver):
                errors.append(FieldError("reporters", _("%(unit)s is not within the area of %(receiver)s: it cannot report to it")
                                         % {"unit": unit.name, "receiver": receiver.name}, "not_within"))
    _refuse(_("The report regime cannot be saved."), errors)
    require(can_define_regime(actor, receiver), _("Only the leaders over %(unit)s may set what is reported to it.")
            % {"unit": receiver.name})
    taken = invalid("title", _("this committee already has a report regime of this title"), "duplicate")
    with transaction.atomic():
        with refuse_duplicate(ReportRegime, "regime_unique_title", taken):
            regime = ReportRegime.objects.create(
                receiver=receiver, title=title, frequency=frequency, window_start_day=window_start_day,
                deadline_rule=deadline_rule, deadline_day=deadline_day, working_days=working_days,
                aggregating_levels=aggregating_levels, contents=contents, created_by=_person(actor), created_at=clock.now())
        regime.reporters.set(reporters)
        audit_record(actor=actor, action="reviews.regime_create", obj=regime, after=_regime_snapshot(regime))
    return regime


def _within_area(unit: Unit, receiver: Unit) -> bool:
    """Whether `unit` stands in the receiver's area: below the territory the receiver belongs to (a provincial
    organization committee reports to the Central Organization Committee along its line, not under it in the tree),
    on the last day both existed."""
    day = min([clock.today(), *(u.valid_to - dt.timedelta(days=1) for u in (unit, receiver) if u.valid_to)])
    area = territory_of(unit=receiver, as_of=day) or receiver
    return is_subordinate(unit=unit, of=area, as_of=day)


def _person(actor):
    return actor if getattr(actor, "pk", None) else None


def report_title(regime: ReportRegime, period: periods.Period) -> str:
    """The title a report is registered under, in the register's language (Vietnamese) whoever drafts it."""
    with translation.override(settings.LANGUAGE_CODE):
        words = {"regime": regime.title, "start": day_text(period.start), "end": day_text(period.end)}
        if regime.title.casefold().startswith(_("Report").casefold()):  # "Báo cáo quý …" is not "Báo cáo Báo cáo quý …"
            return _("%(regime)s, %(start)s to %(end)s") % words
        return _("Report: %(regime)s, %(start)s to %(end)s") % words


def report_draft(*, actor, regime: ReportRegime, unit: Unit | None, period: str, title: str = "") -> Report:
    """Open a unit's report for a period of a regime; its figures compile themselves each time it is read."""
    if unit is None:
        raise invalid("unit", _("is required"), "required")
    found = regime_period(regime=regime, key=period)
    if unit.pk != regime.receiver_id and not regime.reporters.filter(pk=unit.pk).exists():
        raise invalid("unit", _("%(unit)s neither reports nor receives under this regime") % {"unit": unit.name}, "not_reporter")
    require(can_draft_report(actor, unit), _("You may not draft the reports of %(unit)s.") % {"unit": unit.name})
    title = nfc(title or "").strip() or report_title(regime, found)
    _refuse(_("The report cannot be opened."), overlong_errors(Report, title=title))
    taken = invalid("period", _("%(unit)s already has its report for this period") % {"unit": unit.name}, "duplicate")
    with transaction.atomic():
        with refuse_duplicate(Report, "report_once_per_period", taken):
            report = Report.objects.create(regime=regime, unit=unit, period_start=found.start, period_end=found.end,
                                           due_on=regime_due(regime=regime, period=found), title=title,
                                           created_by=_person(actor), created_at=clock.now())
        audit_record(actor=actor, action="reviews.report_draft", obj=report,
                     after={"regime": regime.pk, "unit": unit.code, "period": found.key, "due_on": report.due_on})
    return report


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("regime", "regime__receiver", "unit").get(pk=report.pk)


def report_edit(*, actor, report: Report, version: int | None = None, **narrative: str) -> Report:
    """Write the narrative parts of a draft (the general situation, results, shortcomings, next tasks, proposals)."""
    unknown = sorted(set(narrative) - {*NARRATIVE, "title"})
    if unknown:
        raise invalid(unknown[0], _("is not a part of the report"), "unknown")
    require(can_draft_report(actor, report.unit), _("You may not draft the reports of %(unit)s.") % {"unit": report.unit.name})
    values = {name: nfc(value or "") for name, value in narrative.items() if value is not None}
    if "title" in values and not values["title"].strip():
        raise invalid("title", _("is required"), "required")
    _refuse(_("The report cannot be saved."), overlong_errors(Report, **values))
    with transaction.atomic():
        report = _locked(report)
        if report.state != ReportState.DRAFT:
            raise invalid("state", _("the report is issued; an issued report is not changed"), "issued")
        before = {name: getattr(report, name) for name in values}
        report.version = version_checked(report, version)
        for name, value in values.items():
            setattr(report, name, value)
        report.save(update_fields=[*values, "version"])
        audit_record(actor=actor, action="reviews.report_edit", obj=report, before=before, after=values)
    return report


def report_text(report: Report) -> str:
    """The words of the report as the register keeps them (for search): its narrative parts."""
    return "\n\n".join(getattr(report, name) for name in NARRATIVE if getattr(report, name))


def report_issue(*, actor, report: Report, version: int | None = None, issued_on: dt.date | None = None,
                 signer: str = "") -> Report:
    """Issue the report: register it as a BC document of its unit and keep its figures as they stand."""
    require(can_issue_report(actor, report.unit), _("You may not issue the reports of %(unit)s.") % {"unit": report.unit.name})
    issued_on = issued_on or clock.today()
    if issued_on < report.period_start:
        raise invalid("issued_on", _("is before the period the report covers"), "before_period")
    if issued_on > clock.today():
        raise invalid("issued_on", _("is in the future"), "future")
    with transaction.atomic():
        report = _locked(report)
        if report.state != ReportState.DRAFT:
            raise invalid("state", _("the report is already issued"), "issued")
        report.version = version_checked(report, version)
        figures = figures_of(scope_of(user=actor, report=report, today=issued_on), regime=report.regime)
        document = document_register(actor=actor, issuing_unit=report.unit, type=REPORT_TYPE, issued_on=issued_on,
                                     title=report.title, signer=signer, text=report_text(report))
        report.state, report.document, report.issued_on, report.figures = ReportState.ISSUED, document, issued_on, figures
        report.issued_by = _person(actor)
        report.save(update_fields=["state", "document", "issued_on", "figures", "issued_by", "version"])
        audit_record(actor=actor, action="reviews.report_issue", obj=report,
                     after={"document": document.number_text, "issued_on": issued_on,
                            "on_time": issued_on <= report.due_on, "tasks": figures["tasks"]})
    return report


def _reminder_text(*, regime: ReportRegime, unit: Unit, period: periods.Period, due: dt.date, recipient: User) -> tuple[str, str]:
    base = settings.MANDATE_SITE_URL.rstrip("/")
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        subject = _("Report due: %(regime)s") % {"regime": regime.title}
        body = _("%(receiver)s has not yet received the report of %(unit)s for %(start)s to %(end)s, due on %(due)s "
                 "(%(regime)s). Draft and issue it in Mandate: %(link)s") % {
            "receiver": regime.receiver.name, "unit": unit.name, "start": day_text(period.start), "end": day_text(period.end),
            "due": day_text(due), "regime": regime.title, "link": base + reverse("reviews:reports")}
    return subject, body


def reporters_remind(*, actor, regime: ReportRegime, period: str, units: list[Unit] | None = None) -> int:
    """Remind the units that have not sent their report (all of them, or those named): their leaders and specialists,
    by e-mail unless they chose Mandate only; once a day at most. Returns how many people were reminded."""
    require(can_remind_reporters(actor, regime.receiver), _("Only the staff of %(unit)s may remind its reporting units.")
            % {"unit": regime.receiver.name})
    found = regime_period(regime=regime, key=period)
    submissions = submissions_of(user=actor, regime=regime, period=found)
    waiting = {row.unit.pk: row.unit for row in submissions.waiting}
    if units is not None:
        for unit in units:
            if unit.pk not in waiting:
                raise invalid("units", _("%(unit)s has already sent its report, or does not report under this regime")
                              % {"unit": unit.name}, "not_waiting")
        waiting = {unit.pk: unit for unit in units}
    today = clock.today()
    people = (Membership.objects.filter(unit_id__in=list(waiting), role__in=LEAD_SIDE_ROLES, user__is_active=True)
              .select_related("user").order_by("unit_id", "user_id"))
    in_app = set(ReminderPreference.objects.filter(channel=Channel.IN_APP).values_list("user_id", flat=True))
    already = set(ReportReminder.objects.filter(regime=regime, period_start=found.start, day=today)
                  .values_list("unit_id", "recipient_id"))
    mails, count = [], 0
    with transaction.atomic():
        for membership in people:
            key = (membership.unit_id, membership.user_id)
            if key in already:
                continue
            already.add(key)
            user = membership.user
            email = user.email if user.email and user.pk not in in_app else ""
            ReportReminder.objects.create(regime=regime, unit_id=membership.unit_id, period_start=found.start,
                                          recipient=user, day=today, email=email, sent_by=_person(actor), created_at=clock.now())
            count += 1
            if email:
                mails.append((email, *_reminder_text(regime=regime, unit=waiting[membership.unit_id], period=found,
                                                     due=submissions.due_on, recipient=user)))
        audit_record(actor=actor, action="reviews.reporters_remind", obj=regime,
                     after={"period": found.key, "units": sorted(u.code for u in waiting.values()), "people": count})
        transaction.on_commit(lambda: [send_mail(subject, body, None, [email], fail_silently=True)
                                       for email, subject, body in mails])
    return count


# ---- Review and rating ----

def _number(value) -> int | float:
    """A rule's number as the JSON of the rules keeps it: 30, or 2.5."""
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def rating_scheme_set(*, actor, unit: Unit, rules: dict, version: int | None = None) -> RatingScheme:
    """Set how a committee turns a period's figures into the 70 points of task results. `version` is the one the
    caller saw (0 while the committee follows the documented default): an older one is refused with 409."""
    require(can_set_rating_scheme(actor, unit), _("Only the leaders over %(unit)s may set its rating rules.") % {"unit": unit.name})
    problems = points.rules_errors(rules)
    if problems:
        raise DomainError(_("The rating rules cannot be used: %(problems)s") % {"problems": "; ".join(p[1] for p in problems)},
                          [FieldError(field, reason, code) for field, reason, code in problems])
    rules = {"task_points": [{"measure": item["measure"], "kind": item["kind"], "points": _number(item["points"]),
                              **({"each": _number(item.get("each", 0))} if item["kind"] == points.LESS_EACH else {})}
                             for item in rules["task_points"]]}
    with transaction.atomic():
        scheme = RatingScheme.objects.select_for_update().filter(unit=unit).first()
        before = scheme.rules if scheme is not None else None
        if scheme is None:
            version_checked(RatingScheme(version=0), version)
            scheme = RatingScheme.objects.create(unit=unit, rules=rules, updated_by=_person(actor), updated_at=clock.now())
        else:
            scheme.version = version_checked(scheme, version)
            scheme.rules, scheme.updated_by, scheme.updated_at = rules, _person(actor), clock.now()
            scheme.save(update_fields=["rules", "updated_by", "updated_at", "version"])
        audit_record(actor=actor, action="reviews.rating_scheme_set", obj=scheme, before={"rules": before},
                     after={"unit": unit.code, "rules": rules, "version": scheme.version})
    return scheme


def rating_period(*, period_kind: str, period: str) -> periods.Period:
    """A rating's period: a calendar quarter ("2025-Q4"), a calendar year ("2025") or a term ("2020-10-01..2025-09-30")."""
    frequency = {RatingPeriod.QUARTER: periods.QUARTERLY, RatingPeriod.YEAR: periods.YEARLY,
                 RatingPeriod.TERM: periods.AD_HOC}.get(period_kind)
    if frequency is None:
        raise invalid("period_kind", _("must be one of: %(choices)s") % {"choices": ", ".join(RatingPeriod.values)})
    return periods.period_of(frequency=frequency, key=period, window_start_day=1)


def task_figures(*, user, unit: Unit, person: User | None, period: periods.Period, today: dt.date | None = None) -> dict:
    """The figures of a period the task-results points are prefilled from: the scorecard (the unit with the units below
    it, or the tasks the person is in charge of), the KPI targets met, the inspections' recommendations fulfilled, and
    whether a discipline in force of the period struck the collective, one of its units, or the person."""
    as_of = report_as_of(end=period.end, today=today)
    filters = (TaskFilters(as_of=as_of, leader_id=person.pk, assigned_from=period.start, assigned_to=period.end)
               if person is not None else
               TaskFilters(as_of=as_of, lead_unit=unit, subtree=True, assigned_from=period.start, assigned_to=period.end))
    card = scorecard(user=user, filters=filters)
    kpis = kpi_summary(kpi_targets_list(user=user, as_of=as_of, unit=unit, subtree=person is None,
                                        period_from=period.start, period_to=period.end))
    targets = sum(kpis.values())
    # The recommendations of the inspections concluded in the period, addressed to the unit and those below it: the
    # share fulfilled among those done or past their deadline (the on-time rate's measure).
    recommendations = (recommendations_of(user=user, unit=unit, start=period.start, end=period.end, as_of=as_of)
                       if person is None else {"completed": 0, "overdue": 0})
    due = recommendations["completed"] + recommendations["overdue"]
    within = unit_subtree_ids(unit=unit, as_of=as_of).values("pk")
    return {"as_of": as_of.isoformat(), "assigned": card.assigned, "on_time_rate": card.on_time_rate,
            "overdue": card.overdue, "completed_late": card.completed_late,
            "completed_after_extension": card.completed_after_extension,
            "kpi_targets": targets, "kpi_met_rate": round(kpis[ACHIEVED] / targets, 4) if targets else None,
            "recommendations": due, "recommendations_fulfilled_rate": round(recommendations["completed"] / due, 4) if due else None,
            "disciplined": bool(units_disciplined(units=within, start=period.start, end=period.end)) if person is None else
            _person_disciplined(person, start=period.start, end=period.end)}


def _person_disciplined(user: User, *, start: dt.date, end: dt.date) -> bool:
    """Whether the person with this account received a discipline decided in [start, end]: an inspections' decision in
    force, or a record of their own personnel file (those the inspections app wrote are read through it, which knows
    when one was annulled)."""
    people = list(Person.objects.filter(user=user))
    if people_disciplined(people=[person.pk for person in people], start=start, end=end):
        return True
    return any(disciplines_of(person, before=end + dt.timedelta(days=1)).filter(decided_on__gte=start)
               .exclude(source__startswith="inspections:").exists() for person in people)


def _points(value, field_name: str, most: Decimal) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise invalid(field_name, _("is not a number"), "not_a_number") from None
    if not number.is_finite() or not Decimal(0) <= number <= most:
        raise invalid(field_name, _("must be from 0 to %(most)s points") % {"most": most}, "out_of_range")
    return number.quantize(Decimal("0.01"))


def _review_snapshot(review: Review) -> dict:
    return {"subject_kind": review.subject_kind, "unit": review.unit.code, "person": review.person_name,
            "organization": review.organization.code, "period": [review.period_start, review.period_end],
            "general_points": str(review.general_points), "task_points": str(review.task_points),
            "self_level": review.self_level, "appraised_level": review.appraised_level,
            "decided_level": review.decided_level, "state": review.state}


def review_self_assess(*, actor, subject_kind: str, unit: Unit | None, organization: Unit | None, period_kind: str,
                       period: str, general_points, task_points=None, person_name: str = "", person_position: str = "",
                       person: User | None = None, disciplined: bool = False, disqualified: bool = False,
                       note: str = "") -> Review:
    """The self-assessment on the 100-point form; the 70 points of task results are prefilled from the period's
    figures under the committee's rules unless given."""
    person_name, person_position, note = nfc(person_name or "").strip(), nfc(person_position or "").strip(), nfc(note or "")
    errors = overlong_errors(Review, person_name=person_name, person_position=person_position, self_note=note)
    if subject_kind not in SubjectKind.values:
        errors.append(FieldError("subject_kind", _("must be one of: %(choices)s") % {"choices": ", ".join(SubjectKind.values)}))
    if unit is None:
        errors.append(FieldError("unit", _("is required"), "required"))
    if organization is None:
        errors.append(FieldError("organization", _("is required"), "required"))
    if subject_kind == SubjectKind.INDIVIDUAL and not person_name:
        errors.append(FieldError("person_name", _("name the person rated"), "required"))
    if subject_kind == SubjectKind.COLLECTIVE and person_name:
        errors.append(FieldError("person_name", _("a collective's review names no person"), "not_collective"))
    _refuse(_("The self-assessment cannot be saved."), errors)
    found = rating_period(period_kind=period_kind, period=period)
    today = clock.today()
    collective = subject_kind == SubjectKind.COLLECTIVE
    if collective and not is_subordinate(unit=unit, of=organization, as_of=today):
        raise invalid("organization", _("a collective is decided by the level above it; %(org)s is not above %(unit)s")
                      % {"org": organization.name, "unit": unit.name}, "not_above")
    if not collective and unit.pk != organization.pk and not is_subordinate(unit=unit, of=organization, as_of=today):
        raise invalid("organization", _("%(org)s is neither %(unit)s nor above it") % {"org": organization.name, "unit": unit.name},
                      "not_above")
    general = _points(general_points, "general_points", points.GENERAL_POINTS)
    require(can_self_assess(actor, unit), _("You may not assess %(unit)s.") % {"unit": unit.name})
    figures = task_figures(user=actor, unit=unit, person=person, period=found)
    prefilled, lines = points.task_points(rating_rules_of(unit=organization), figures)
    tasks = prefilled if task_points in (None, "") else _points(task_points, "task_points", points.TASK_POINTS)
    all_on_time = figures["overdue"] == 0 and figures["completed_late"] == 0
    disciplined = bool(disciplined) or figures["disciplined"]  # a decision in force of the period counts whatever was ticked
    level = points.level_of(general + tasks, all_on_time=all_on_time, disciplined=disciplined, disqualified=disqualified)
    taken = invalid("period", _("%(subject)s already has a review for this period") % {"subject": person_name or unit.name},
                    "duplicate")
    with transaction.atomic():
        with refuse_duplicate(Review, "review_once_per_period", taken):
            review = Review.objects.create(
                subject_kind=subject_kind, unit=unit, person_name=person_name, person_position=person_position, person=person,
                organization=organization, period_kind=period_kind, period_start=found.start, period_end=found.end,
                general_points=general, task_points=tasks, breakdown={"figures": figures, "lines": lines,
                                                                       "prefilled": str(prefilled)},
                all_on_time=all_on_time, disciplined=bool(disciplined), disqualified=bool(disqualified), self_level=level,
                self_note=note, created_by=_person(actor), created_at=clock.now())
        audit_record(actor=actor, action="reviews.self_assess", obj=review, after=_review_snapshot(review))
    return review


def _level_reached(review: Review, total: Decimal) -> str:
    return points.level_of(total, all_on_time=review.all_on_time, disciplined=review.disciplined,
                           disqualified=review.disqualified)


def _level(value: str | None, field_name: str) -> str | None:
    if value in (None, ""):
        return None
    if value not in Level.values:
        raise invalid(field_name, _("must be one of: %(choices)s") % {"choices": ", ".join(Level.values)})
    return value


def review_appraise(*, actor, review: Review, appraised_points, level: str | None = None, note: str = "",
                    disciplined: bool | None = None, disqualified: bool | None = None) -> Review:
    """The competent level's appraisal: the points it finds and the level it proposes (never above what they reach)."""
    require(can_appraise(actor, review.organization), _("Only the staff of %(org)s may appraise this review.")
            % {"org": review.organization.name})
    total = _points(appraised_points, "appraised_points", points.GENERAL_POINTS + points.TASK_POINTS)
    note = nfc(note or "")
    _refuse(_("The appraisal cannot be saved."), overlong_errors(Review, appraisal_note=note))
    proposed = _level(level, "level")
    with transaction.atomic():
        review = Review.objects.select_for_update().select_related("unit", "organization").get(pk=review.pk)
        if review.state == ReviewState.DECIDED:
            raise invalid("state", _("the review is decided; it is no longer appraised"), "decided")
        if disciplined is not None:
            review.disciplined = bool(disciplined)
        if disqualified is not None:
            review.disqualified = bool(disqualified)
        reached = _level_reached(review, total)
        if proposed is not None and LEVEL_ORDER[proposed] > LEVEL_ORDER[reached]:
            raise invalid("level", _("%(points)s points with these conditions reach “%(reached)s” at most")
                          % {"points": total, "reached": Level(reached).label}, "above_points")
        review.appraised_points, review.appraised_level = total, proposed or reached
        review.appraisal_note, review.appraised_by, review.state = note, _person(actor), ReviewState.APPRAISED
        review.save(update_fields=["appraised_points", "appraised_level", "appraisal_note", "appraised_by", "state",
                                   "disciplined", "disqualified"])
        audit_record(actor=actor, action="reviews.appraise", obj=review, after=_review_snapshot(review))
    return review


def reviews_decide(*, actor, organization: Unit | None, decisions: list[tuple[Review, str | None]], note: str = "") -> list[Review]:
    """The competent level's decision on some of its reviews of one period, all or none; "excellent" stays within
    20 % of those rated "good" in the organization (rounded down), counting the decisions already made."""
    if organization is None:
        raise invalid("organization", _("is required"), "required")
    require(can_decide_rating(actor, organization), _("Only the leaders of %(org)s may decide these ratings.")
            % {"org": organization.name})
    if not decisions:
        raise invalid("decisions", _("name at least one review to decide"), "required")
    note = nfc(note or "")
    _refuse(_("The decision cannot be saved."), overlong_errors(Review, decision_note=note))
    with transaction.atomic():
        ids = [review.pk for review, _level_given in decisions]
        locked = {r.pk: r for r in Review.objects.select_for_update().select_related("unit", "organization").filter(pk__in=ids)}
        chosen: list[tuple[Review, str]] = []
        errors = []
        for index, (given, wanted) in enumerate(decisions):
            review = locked.get(given.pk)
            if review is None:
                raise NotFound(_("No review %(id)s that you may see.") % {"id": given.pk})
            field = f"decisions.{index}"
            if review.organization_id != organization.pk:
                errors.append(FieldError(field, _("%(subject)s is decided by %(org)s") % {
                    "subject": review.subject, "org": review.organization.name}, "other_organization"))
                continue
            if review.state == ReviewState.DECIDED:
                errors.append(FieldError(field, _("%(subject)s is already decided") % {"subject": review.subject}, "decided"))
                continue
            if review.state != ReviewState.APPRAISED:
                errors.append(FieldError(field, _("%(subject)s has not been appraised yet") % {"subject": review.subject},
                                         "not_appraised"))
                continue
            level = _level(wanted, f"{field}.level") or review.appraised_level
            reached = _level_reached(review, review.appraised_points)
            if LEVEL_ORDER[level] > LEVEL_ORDER[reached]:
                errors.append(FieldError(field, _("%(subject)s: %(points)s points reach “%(reached)s” at most") % {
                    "subject": review.subject, "points": review.appraised_points, "reached": Level(reached).label},
                    "above_points"))
                continue
            chosen.append((review, level))
        _refuse(_("The ratings cannot be decided."), errors)
        groups = {(r.period_kind, r.period_start, r.subject_kind) for r, _lv in chosen}
        for period_kind, period_start, subject_kind in sorted(groups):
            counts = decided_counts(organization=organization, period_kind=period_kind, period_start=period_start,
                                    subject_kind=subject_kind, exclude=ids)
            for review, level in chosen:
                if (review.period_kind, review.period_start, review.subject_kind) == (period_kind, period_start, subject_kind):
                    counts[level] = counts.get(level, 0) + 1
            good, excellent = counts.get(Level.GOOD, 0), counts.get(Level.EXCELLENT, 0)
            quota = points.excellent_quota(good)
            if excellent > quota:
                reason = _("the quota of “excellent” is %(share)s %% of those rated “good” in %(org)s, rounded down: with "
                           "%(good)s rated good at most %(quota)s may be excellent; this decision would make %(excellent)s") % {
                    "share": points.EXCELLENT_SHARE_OF_GOOD_PERCENT, "org": organization.name, "good": good,
                    "quota": quota, "excellent": excellent}
                raise DomainError(_("The ratings cannot be decided: %(reason)s") % {"reason": reason},
                                  [FieldError("level", reason, "excellent_quota")])
        today = clock.today()
        for review, level in chosen:
            review.decided_level, review.decision_note, review.decided_by = level, note, _person(actor)
            review.decided_on, review.state = today, ReviewState.DECIDED
            review.save(update_fields=["decided_level", "decision_note", "decided_by", "decided_on", "state"])
            audit_record(actor=actor, action="reviews.decide", obj=review, after=_review_snapshot(review))
    return [review for review, _level_given in chosen]


# ---- Indicator sets ----

def indicator_set_create(*, actor, owner: Unit | None, title: str, period_start: dt.date | None, period_end: dt.date | None,
                         indicators: list[dict]) -> IndicatorSet:
    """A province's set of indicators for its communes, each with its group, comparison, target and measure."""
    title = nfc(title or "").strip()
    errors = overlong_errors(IndicatorSet, title=title)
    if owner is None:
        errors.append(FieldError("owner", _("is required"), "required"))
    if not title:
        errors.append(FieldError("title", _("is required"), "required"))
    if period_start is None or period_end is None:
        errors.append(FieldError("period", _("needs a start and an end"), "required"))
    elif period_end < period_start:
        errors.append(FieldError("period_end", _("is before the start")))
    if not indicators:
        errors.append(FieldError("indicators", _("name at least one indicator"), "required"))
    cleaned, names = [], set()
    for index, item in enumerate(indicators):
        field = f"indicators.{index}"
        name = nfc(str(item.get("name") or "")).strip()
        group = item.get("group")
        comparison = item.get("comparison") or Comparison.AT_LEAST
        if not name or len(name) > 255:
            errors.append(FieldError(f"{field}.name", _("is required, at most 255 characters"), "required"))
        elif name.casefold() in names:
            errors.append(FieldError(f"{field}.name", _("is named twice in the set"), "duplicate"))
        names.add(name.casefold())
        if group not in IndicatorGroup.values:
            errors.append(FieldError(f"{field}.group", _("must be one of: %(choices)s") % {"choices": ", ".join(IndicatorGroup.values)}))
        if comparison not in Comparison.values:
            errors.append(FieldError(f"{field}.comparison", _("must be one of: %(choices)s") % {"choices": ", ".join(Comparison.values)}))
        try:
            target = Decimal(str(item.get("target")))
            if not target.is_finite() or abs(target) >= Decimal(10) ** 14:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            errors.append(FieldError(f"{field}.target", _("is not a number"), "not_a_number"))
            target = None
        cleaned.append({"name": name, "group": group, "comparison": comparison, "target": target,
                        "measure": nfc(str(item.get("measure") or ""))[:32]})
    _refuse(_("The indicator set cannot be saved."), errors)
    require(can_define_indicators(actor, owner), _("Only the leaders over %(unit)s may set its indicators.") % {"unit": owner.name})
    taken = invalid("title", _("this unit already has an indicator set of this title for this period"), "duplicate")
    with transaction.atomic():
        with refuse_duplicate(IndicatorSet, "indicator_set_unique", taken):
            created = IndicatorSet.objects.create(owner=owner, title=title, period_start=period_start, period_end=period_end,
                                                  created_by=_person(actor), created_at=clock.now())
        Indicator.objects.bulk_create([Indicator(indicator_set=created, position=i, **item) for i, item in enumerate(cleaned)])
        audit_record(actor=actor, action="reviews.indicator_set_create", obj=created,
                     after={"owner": owner.code, "title": title, "indicators": [item["name"] for item in cleaned]})
    return created


def indicator_set_apply(*, actor, indicator_set: IndicatorSet, units: list[Unit] | None = None) -> int:
    """Give every indicator of the set to each unit (by default the owner's communes today) as its KPI target for the
    period; a unit that already has it is left as it is. Returns how many targets were set."""
    today = clock.today()
    if units is None:
        units = child_units(unit=indicator_set.owner, as_of=today, kind=UnitKind.COMMUNE)
    if not units:
        raise invalid("units", _("name at least one unit"), "required")
    for unit in units:
        if not is_subordinate(unit=unit, of=indicator_set.owner, as_of=today):
            raise invalid("units", _("%(unit)s is not below %(owner)s") % {"unit": unit.name, "owner": indicator_set.owner.name},
                          "not_below")
    require(can_define_indicators(actor, indicator_set.owner), _("Only the leaders over %(unit)s may set its indicators.")
            % {"unit": indicator_set.owner.name})
    count = 0
    with transaction.atomic():
        have = set(IndicatorTarget.objects.filter(indicator__indicator_set=indicator_set)
                   .values_list("indicator_id", "target__unit_id"))
        for indicator in indicator_set.indicators.all():
            for unit in units:
                if (indicator.pk, unit.pk) in have:
                    continue
                existing = KpiTarget.objects.filter(unit=unit, indicator=indicator.name, period_start=indicator_set.period_start,
                                                    period_end=indicator_set.period_end).first()
                target = existing or kpi_target_create(
                    actor=actor, unit=unit, indicator=indicator.name, period_start=indicator_set.period_start,
                    period_end=indicator_set.period_end, comparison=indicator.comparison, target=indicator.target,
                    measure=indicator.measure)
                IndicatorTarget.objects.create(indicator=indicator, target=target)
                count += 1
        audit_record(actor=actor, action="reviews.indicator_set_apply", obj=indicator_set,
                     after={"units": sorted(u.code for u in units), "targets": count})
    return count


def indicator_value_report(*, actor, indicator_set: IndicatorSet, unit: Unit | None, indicator: str, value: Decimal | None,
                           reported_on: dt.date | None = None) -> KpiActual:
    """A commune's value of one indicator of the set, reported on its monitoring KPI target."""
    if unit is None:
        raise invalid("unit", _("is required"), "required")
    found = Indicator.objects.filter(indicator_set=indicator_set, name__iexact=(indicator or "").strip()).first()
    if found is None:
        raise invalid("indicator", _("is not an indicator of this set"), "unknown")
    link = IndicatorTarget.objects.filter(indicator=found, target__unit=unit).first()
    if link is None:
        raise invalid("unit", _("%(unit)s was not given this indicator") % {"unit": unit.name}, "not_given")
    target = KpiTarget.objects.select_related("unit").get(pk=link.target_id)
    return kpi_actual_report(actor=actor, target=target, value=value, reported_on=reported_on)
