"""The commission's registers and its periodic report, as `reports.registers.Register` on the Party's paper.

- the programme (chương trình kiểm tra, giám sát): each planned item, its quarter, and what of it has started,
  finished or slipped as of a date (`selectors.programme_items`);
- the case register (sổ theo dõi các cuộc kiểm tra, giám sát, giải quyết khiếu nại, tố cáo), by kind and state;
- the discipline register (sổ theo dõi thi hành kỷ luật), by form and by the level of the deciding body;
- the report of the commission's work for a quarter or a half-year (báo cáo kết quả công tác kiểm tra, giám sát).

Every number is read as the pages read it: a case's state and deadline status on a date are `selectors.
cases_with_status`'s annotations (`state_on`, `status`), its recommendations' totals `recommendation_totals_of`.
The callers (`exports`) pass only what the reader may know of: a register never widens what its reader sees, and no
register prints a case's findings. The paper is the body's own (its committee over its name, "ĐẢNG CỘNG SẢN VIỆT NAM",
"Số      -BC/UBKTTU" left for the register's number, the place and date), signed on behalf of the commission.
"""
import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.utils.translation import gettext_lazy

from mandate.inspections.models import Case, CaseKind, CaseState, DisciplineDecision, DisciplineForm, Programme, TargetKind
from mandate.inspections.selectors import (
    FINISHED, PLANNED, SLIPPED, STARTED, programme_items, quarter_end, recommendation_totals_of,
)
from mandate.orgs.models import Tier, Unit, UnitKind
from mandate.reports.paper import Paper, Signature
from mandate.reports.registers import Register, Table
from mandate.reports.selectors import paper_of
from mandate.tasks.status import Status

# The shapes of a report's period: a calendar quarter, or the first or the second half of a year.
QUARTER, HALF = "quarter", "half"
REPORT_TYPE = "BC"
COMMISSION_SIGNATURE = Signature(capacity="T/M ỦY BAN KIỂM TRA", title="CHỦ NHIỆM")
COMMITTEE_SIGNATURE = Signature(capacity="T/M BAN THƯỜNG VỤ", title="BÍ THƯ")

STATUS_LABELS = {
    Status.COMPLETED_ON_TIME: gettext_lazy("completed on time"), Status.COMPLETED_LATE: gettext_lazy("completed late"),
    Status.OVERDUE: gettext_lazy("overdue"), Status.DUE_SOON: gettext_lazy("due soon"),
    Status.WITHIN_DEADLINE: gettext_lazy("within deadline"),
}
PROGRESS_LABELS = {STARTED: gettext_lazy("started"), FINISHED: gettext_lazy("finished"),
                   SLIPPED: gettext_lazy("slipped"), PLANNED: gettext_lazy("planned")}
TIER_LABELS = {Tier.CENTRAL: gettext_lazy("Central"), Tier.PROVINCE: gettext_lazy("Province"),
               Tier.COMMUNE: gettext_lazy("Commune")}
TARGET_COLUMNS = (TargetKind.ORGANIZATION, TargetKind.FULL_MEMBER, TargetKind.PROBATIONARY_MEMBER)
OPEN_STATES = (CaseState.PREPARE, CaseState.CONDUCT)


@dataclass(frozen=True)
class Period:
    """The days a report covers, both included: a calendar quarter or half-year."""

    shape: str
    number: int  # the quarter (1–4) or the half (1–2)
    year: int

    @property
    def quarters(self) -> tuple[int, ...]:
        return (self.number,) if self.shape == QUARTER else ((1, 2) if self.number == 1 else (3, 4))

    @property
    def starts_on(self) -> dt.date:
        return dt.date(self.year, (self.quarters[0] - 1) * 3 + 1, 1)

    @property
    def ends_on(self) -> dt.date:
        return quarter_end(self.year, self.quarters[-1])

    def label(self) -> str:
        if self.shape == QUARTER:
            return _("quarter %(number)s of %(year)s") % {"number": self.number, "year": self.year}
        if self.number == 1:
            return _("the first six months of %(year)s") % {"year": self.year}
        return _("the last six months of %(year)s") % {"year": self.year}


def _day(day: dt.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def roman(number: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + letters, number - value
    return out


def commission_paper(*, body: Unit, day: dt.date, type_code: str = REPORT_TYPE) -> Paper:
    """The paper a register or report of `body` carries; its number is left blank for the register to fill in."""
    paper = paper_of(unit=body, day=day,
                     signature=COMMISSION_SIGNATURE if body.kind == UnitKind.INSPECTION_COMMISSION else COMMITTEE_SIGNATURE,
                     recipients=(_("Standing Committee (to report)"), _("Archives")))
    number = f"     -{type_code}/{body.issuer_code}" if body.issuer_code else ""
    return Paper(system=paper.system, issuer=paper.issuer, superior=paper.superior, number=number, place=paper.place,
                 day=paper.day, recipients=paper.recipients, signature=paper.signature)


def target_name(item) -> str:
    """A case's, an item's or a decision's target: the unit by its name, the member by their full name."""
    if item.target_unit_id:
        return item.target_unit.name
    return item.target_person.full_name if item.target_person_id else ""


def _scope(subtitle: str, parts: list) -> str:
    return subtitle + (" (" + "; ".join(str(part) for part in parts) + ")" if parts else "")


# ---- the programme ----

def programme_register(*, programme: Programme, as_of: dt.date) -> Register:
    items = programme_items(programme=programme, as_of=as_of)
    rows = tuple((index, CaseKind(item.kind).label, target_name(item), item.subject, item.period, item.lead_body.name,
                  _("Quarter %(n)s") % {"n": item.quarter}, str(PROGRESS_LABELS[item.progress]))
                 for index, item in enumerate(items, start=1))
    counts = Counter(item.progress for item in items)
    summary = _("%(total)s items: %(finished)s finished, %(started)s started, %(slipped)s slipped, %(planned)s "
                "planned.") % {"total": len(items), "finished": counts[FINISHED], "started": counts[STARTED],
                               "slipped": counts[SLIPPED], "planned": counts[PLANNED]}
    return Register(
        paper=commission_paper(body=programme.body, day=as_of),
        title=programme.title,
        subtitle=_("Adopted by %(number)s; as it stands on %(date)s") % {
            "number": programme.document.number_text or programme.document.title, "date": _day(as_of)},
        tables=(Table("", (_("No."), _("Kind"), pgettext("inspection", "Target"), _("Subject matter"), _("Period examined"), _("Lead body"),
                           _("Quarter"), _("Progress")), rows,
                      widths=(1.0, 3.4, 3.6, 6.0, 2.2, 3.4, 1.8, 2.2), empty=_("The programme has no item yet.")),),
        notes=(summary,), sheet_name=_("Programme"),
    )


# ---- the case register ----

def case_columns() -> tuple[str, ...]:
    return (_("No."), _("Kind"), pgettext("inspection", "Case"), pgettext("inspection", "Target"), pgettext("inspection", "Decision"), _("Opened on"), _("Deadline"), _("State"),
            _("Deadline status"), _("Notice of conclusion"), _("Recommendations done"))


def case_rows(cases: list[Case], *, as_of: dt.date) -> tuple[tuple, ...]:
    """One row per case of `cases` (annotated by `cases_with_status` on `as_of`)."""
    rows = []
    for index, case in enumerate(cases, start=1):
        totals = recommendation_totals_of(case=case, as_of=as_of)
        decision = next((step.document for step in case.steps.all() if step.step == "decision" and step.document_id), None)
        closed = case.state_on == CaseState.CLOSED
        rows.append((
            index, CaseKind(case.kind).label, case.title, target_name(case),
            decision.number_text if decision is not None else "", _day(case.opened_on), _day(case.deadline),
            CaseState(case.state_on).label, str(STATUS_LABELS.get(case.status, "")) if case.deadline else "",
            case.conclusion_notice.number_text if closed and case.conclusion_notice_id else "",
            f"{totals['completed']}/{totals['assigned']}" if totals["assigned"] else "",
        ))
    return tuple(rows)


def case_register(*, body: Unit, cases: list[Case], as_of: dt.date, kind: str = "", state: str = "") -> Register:
    """The cases `cases` holds (already filtered by kind, state and the reader's access), one section per kind."""
    by_kind: dict[str, list[Case]] = {}
    for case in sorted(cases, key=lambda c: (c.opened_on, c.pk)):
        by_kind.setdefault(case.kind, []).append(case)
    columns = case_columns()
    widths = (1.0, 3.0, 5.0, 3.4, 2.4, 2.2, 2.2, 2.2, 2.4, 2.6, 2.0)
    tables = tuple(Table(f"{roman(index)}. {CaseKind(code).label}", columns, case_rows(by_kind[code], as_of=as_of),
                         widths=widths)
                   for index, code in enumerate([c for c in CaseKind.values if c in by_kind], start=1))
    scope = [CaseKind(kind).label] if kind else []
    scope += [CaseState(state).label] if state else []
    return Register(
        paper=commission_paper(body=body, day=as_of),
        title=_("Register of inspections, supervisions, complaints and denunciations"),
        subtitle=_scope(_("As it stands on %(date)s") % {"date": _day(as_of)}, scope),
        tables=tables or (Table("", columns, (), empty=_("No case."), widths=widths),),
        notes=(_("%(n)s cases. Confidential: for the inspection commission and the standing committee only.")
               % {"n": len(cases)},), sheet_name=_("Cases"),
    )


# ---- the discipline register ----

def decision_columns() -> tuple[str, ...]:
    return (_("No."), _("Disciplined"), _("Kind of target"), pgettext("discipline", "Form"), _("Violation"), _("Deciding body"), _("Level"),
            _("Decided on"), pgettext("inspection", "Decision"), _("State of the decision"))


def decision_rows(decisions: list[DisciplineDecision]) -> tuple[tuple, ...]:
    return tuple((index, target_name(d), TargetKind(d.target_kind).label, DisciplineForm(d.form).label, d.violation,
                  d.body.name, str(TIER_LABELS.get(d.body.tier, "")), _day(d.decided_on), d.document.number_text,
                  d.get_state_display())
                 for index, d in enumerate(decisions, start=1))


def discipline_summary(decisions: list[DisciplineDecision], *, heading: str) -> Table:
    """How many decisions of each form, by the level of the deciding body and by the kind of target."""
    by_tier = Counter((d.form, d.body.tier) for d in decisions)
    by_target = Counter((d.form, d.target_kind) for d in decisions)
    rows = tuple((index, DisciplineForm(form).label, *(by_tier[(form, tier)] for tier in Tier.values),
                  *(by_target[(form, target)] for target in TARGET_COLUMNS), sum(by_tier[(form, t)] for t in Tier.values))
                 for index, form in enumerate(DisciplineForm.values, start=1))
    totals = (None, _("Total"), *(sum(by_tier[(f, tier)] for f in DisciplineForm.values) for tier in Tier.values),
              *(sum(by_target[(f, target)] for f in DisciplineForm.values) for target in TARGET_COLUMNS), len(decisions))
    columns = (_("No."), pgettext("discipline", "Form"), *(str(TIER_LABELS[tier]) for tier in Tier.values),
               *(TargetKind(target).label for target in TARGET_COLUMNS), _("Total"))
    return Table(heading, columns, rows, totals=totals, widths=(1.0, 4.0, 2.0, 2.0, 2.0, 2.4, 2.4, 2.4, 1.8))


def discipline_register(*, body: Unit, decisions: list[DisciplineDecision], as_of: dt.date, form: str = "",
                        level: str = "") -> Register:
    scope = [DisciplineForm(form).label] if form else []
    scope += [str(TIER_LABELS[level])] if level else []
    return Register(
        paper=commission_paper(body=body, day=as_of), title=_("Register of disciplinary decisions"),
        subtitle=_scope(_("As it stands on %(date)s") % {"date": _day(as_of)}, scope),
        tables=(discipline_summary(decisions, heading=_("By form and level")),
                Table(_("Decisions"), decision_columns(), decision_rows(decisions),
                      widths=(1.0, 3.4, 2.6, 2.4, 5.0, 3.4, 1.8, 2.2, 2.4, 2.2), empty=_("No disciplinary decision."))),
        sheet_name=_("Discipline"),
    )


# ---- the report of the commission's work ----

def commission_report(*, body: Unit, period: Period, programme: Programme | None, cases: list[Case],
                      decisions: list[DisciplineDecision], day: dt.date) -> Register:
    """What the commission did in `period`: the programme's items of its quarters, the cases by kind (opened,
    concluded, open at its end, overdue at its end), discipline by form, and how the recommendations stand.

    `cases` are annotated on the period's end (or on `day` while the period runs); `decisions` those in force or
    changed, decided in the period."""
    start, end = period.starts_on, period.ends_on
    as_of = min(end, day)
    sections = []
    if programme is not None:
        items = [item for item in programme_items(programme=programme, as_of=as_of) if item.quarter in period.quarters]
        progress = Counter(item.progress for item in items)
        sections.append(Table(
            _("I. The programme of inspection and supervision"),
            (_("No."), _("Programme"), _("Items of the period"), _("Finished"), _("Started"), _("Slipped"), _("Planned")),
            ((1, f"{programme.title} ({programme.document.number_text})", len(items), progress[FINISHED],
              progress[STARTED], progress[SLIPPED], progress[PLANNED]),), widths=(1.0, 7.0, 2.4, 2.0, 2.0, 2.0, 2.0)))
    by_kind = []
    for index, kind in enumerate(CaseKind.values, start=1):
        of_kind = [c for c in cases if c.kind == kind]
        by_kind.append((
            index, CaseKind(kind).label, sum(start <= c.opened_on <= end for c in of_kind),
            sum(bool(c.completed_on and start <= c.completed_on <= as_of) for c in of_kind),
            sum(c.state_on in OPEN_STATES for c in of_kind),
            sum(c.state_on in OPEN_STATES and c.status == Status.OVERDUE for c in of_kind),
        ))
    sections.append(Table(
        _("II. Inspections, supervisions, complaints and denunciations"),
        (_("No."), _("Kind"), _("Opened in the period"), _("Concluded in the period"), _("Open at its end"),
         _("Overdue at its end")), tuple(by_kind),
        totals=(None, _("Total"), *(sum(row[column] for row in by_kind) for column in range(2, 6))),
        widths=(1.0, 7.0, 2.6, 2.6, 2.6, 2.6)))
    sections.append(discipline_summary(decisions, heading=_("III. Discipline")))
    concluded = [c for c in cases if c.state_on == CaseState.CLOSED]
    rows = []
    for case in concluded:
        totals = recommendation_totals_of(case=case, as_of=as_of)
        if totals["assigned"]:
            rows.append((len(rows) + 1, case.title, case.conclusion_notice.number_text if case.conclusion_notice_id else "",
                         totals["assigned"], totals["completed"], totals["overdue"],
                         totals["assigned"] - totals["completed"] - totals["overdue"]))
    sections.append(Table(
        _("IV. Following up the recommendations"),
        (_("No."), pgettext("inspection", "Case"), _("Notice of conclusion"), _("Recommendations"), _("Done"), _("Overdue"), _("In progress")),
        tuple(rows), widths=(1.0, 6.0, 2.8, 2.4, 2.0, 2.0, 2.2), empty=_("No conclusion with recommendations yet.")))
    return Register(
        paper=commission_paper(body=body, day=day),
        title=_("Report on the inspection and supervision work of %(period)s") % {"period": period.label()},
        subtitle=_("From %(start)s to %(end)s") % {"start": _day(start), "end": _day(end)},
        tables=tuple(sections),
        notes=(_("Counted on %(date)s. Confidential: for the inspection commission and the standing committee only.")
               % {"date": _day(as_of)},),
        sheet_name=_("Report"),
    )
