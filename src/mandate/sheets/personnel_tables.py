"""The content of the organization committee's lists, as official reports (`reports.exports.OfficialReport`):

- the leaders by body (like form 9A/9B): each body of the unit's subtree, its leadership posts and who holds them on a
  day, official or acting;
- the appointments and nominations of a period (like form 13): appointments, reappointments, nominations, elections
  and designations decided in the period, with their decision;
- the rotations of a period (like form 11): who went from which post to which, for how long, by which decision;
- the vacancies and staffing: every seat empty or held only by an acting cadre on a day, each body's headcount against
  its quota, and the cadres reorganizations left to be arranged.

Who holds which post is a public fact (whoever reads the unit reads it); a person's birth year, sex and ethnicity are
personal data, printed only for the people whose record the reader may open (`personnel.permissions.visible_people`),
and each such printing is logged as an opening of the record (channel "export").
"""
import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mandate.orgs.models import Unit
from mandate.orgs.selectors import unit_subtree_ids
from mandate.personnel.models import EventKind, Headcount, Holding, HoldingKind, Person, PersonnelEvent, Position, Sex, StaffingQuota
from mandate.personnel.permissions import visible_people, visible_positions
from mandate.personnel.selectors import open_seats, vacancies_by_unit, vacant_posts, vacant_since
from mandate.personnel.services import record_opened
from mandate.reorganizations.posts import reason_text
from mandate.reorganizations.selectors import posts_to_arrange
from mandate.reports.exports import OfficialReport
from mandate.reports.paper import Paper

APPOINTING = (EventKind.APPOINTMENT, EventKind.REAPPOINTMENT, EventKind.NOMINATION, EventKind.ELECTION, EventKind.DESIGNATION)
ROTATING = (EventKind.ROTATION,)
EXPORT_CHANNEL = "export"


def _day(value: dt.date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _held_on(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}starts_on__lte": day}) & (Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gt": day}))


def _valid_on(day: dt.date, prefix: str = "") -> Q:
    return ((Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day}))
            & (Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day})))


@dataclass
class Personal:
    """What a list may print of each person: their personal columns only when the reader may open their record."""

    reader: object
    visible: set[int]

    def birth_year(self, person: Person) -> str:
        return str(person.birth_date.year) if person.pk in self.visible else "—"

    def sex(self, person: Person) -> str:
        return (_("Female") if person.sex == Sex.FEMALE else _("Male")) if person.pk in self.visible else "—"

    def ethnicity(self, person: Person) -> str:
        return (person.ethnicity or "") if person.pk in self.visible else "—"

    def log(self, people) -> None:
        for person in {p.pk: p for p in people if p.pk in self.visible}.values():
            record_opened(actor=self.reader, person=person, channel=EXPORT_CHANNEL)


def _personal(reader, people: list[Person]) -> Personal:
    ids = [person.pk for person in people]
    return Personal(reader=reader, visible=set(visible_people(reader, Person.objects.filter(pk__in=ids)).values_list("pk", flat=True)))


def _units(reader, unit: Unit, as_of: dt.date) -> dict[int, Unit]:
    return {u.pk: u for u in Unit.objects.filter(pk__in=unit_subtree_ids(unit=unit, as_of=as_of)).order_by("code")}


def _posts(reader, units: dict[int, Unit], day: dt.date):
    return visible_positions(reader, Position.objects.filter(unit__in=list(units)).filter(_valid_on(day)))


def leaders_report(*, reader, paper: Paper, unit: Unit, as_of: dt.date) -> OfficialReport:
    """The leaders of every body of `unit`'s subtree on `as_of`, body by body (like form 9A/9B)."""
    units = _units(reader, unit, as_of)
    posts = _posts(reader, units, as_of).filter(grade__gt=0)
    holdings = list(Holding.objects.filter(position__in=posts).filter(_held_on(as_of))
                    .select_related("person", "position", "position__unit")
                    .order_by("position__unit__code", "-position__grade", "position__title", "kind", "person__full_name"))
    personal = _personal(reader, [h.person for h in holdings])
    rows, sections, number, body = [], [], 0, None
    for holding in holdings:
        if holding.position.unit_id != body:
            body = holding.position.unit_id
            sections.append(len(rows))
            rows.append([units[body].name])
        number += 1
        person = holding.person
        rows.append([number, person.full_name, personal.birth_year(person), personal.sex(person), personal.ethnicity(person),
                     holding.position.title, str(HoldingKind(holding.kind).label), _day(holding.starts_on)])
    personal.log([h.person for h in holdings])
    return OfficialReport(
        paper=paper, title=_("List of leaders by body"),
        subtitle=_("%(unit)s, as of %(date)s: %(count)s leaders") % {"unit": unit.name, "date": _day(as_of), "count": number},
        columns=[_("No."), _("Full name"), _("Born"), _("Sex"), _("Ethnicity"), _("Post"), _("Held as"), _("Since")],
        rows=rows, section_rows=tuple(sections), text_columns=(1, 3, 4, 5, 6), widths=(6, 28, 8, 8, 10, 40, 22, 12))


def _events(reader, unit: Unit, kinds, starts: dt.date, ends: dt.date):
    units = _units(reader, unit, ends)
    posts = visible_positions(reader, Position.objects.filter(unit__in=list(units)))
    return list(PersonnelEvent.objects.filter(kind__in=kinds, effective_on__gte=starts, effective_on__lte=ends, position__in=posts)
                .select_related("person", "position", "position__unit", "document").order_by("effective_on", "id"))


def _period(starts: dt.date, ends: dt.date) -> str:
    return _("from %(start)s to %(end)s") % {"start": _day(starts), "end": _day(ends)}


def appointments_report(*, reader, paper: Paper, unit: Unit, starts: dt.date, ends: dt.date) -> OfficialReport:
    """The appointments, reappointments, nominations, elections and designations of a period (like form 13)."""
    events = _events(reader, unit, APPOINTING, starts, ends)
    personal = _personal(reader, [e.person for e in events])
    rows = [[i, event.person.full_name, personal.birth_year(event.person), personal.sex(event.person), event.position.title,
             event.position.unit.name, str(EventKind(event.kind).label), event.document.number_text, _day(event.effective_on)]
            for i, event in enumerate(events, start=1)]
    personal.log([e.person for e in events])
    return OfficialReport(
        paper=paper, title=_("Appointments and nominations"),
        subtitle=_("%(unit)s, %(period)s: %(count)s decisions") % {"unit": unit.name, "period": _period(starts, ends),
                                                                   "count": len(rows)},
        columns=[_("No."), _("Full name"), _("Born"), _("Sex"), _("Post"), _("Unit"), _("Form"), _("Decision number"), _("Effective on")],
        rows=rows, text_columns=(1, 3, 4, 5, 6, 7), widths=(6, 26, 8, 8, 34, 30, 24, 16, 12))


def rotations_report(*, reader, paper: Paper, unit: Unit, starts: dt.date, ends: dt.date) -> OfficialReport:
    """The rotations of a period (like form 11): from which post to which, until when, by which decision."""
    events = _events(reader, unit, ROTATING, starts, ends)
    before = {h.ended_by_id: h for h in Holding.objects.filter(ended_by__in=[e.pk for e in events])
              .select_related("position", "position__unit")}
    personal = _personal(reader, [e.person for e in events])
    rows = []
    for i, event in enumerate(events, start=1):
        left = before.get(event.pk)
        rows.append([i, event.person.full_name, personal.birth_year(event.person),
                     f"{left.position.title}, {left.position.unit.name}" if left else "—",
                     f"{event.position.title}, {event.position.unit.name}", _day(event.effective_on),
                     _day(event.ends_on) or _("no end set"), event.document.number_text])
    personal.log([e.person for e in events])
    return OfficialReport(
        paper=paper, title=_("Rotation of cadres"),
        subtitle=_("%(unit)s, %(period)s: %(count)s cadres rotated") % {"unit": unit.name, "period": _period(starts, ends),
                                                                        "count": len(rows)},
        columns=[_("No."), _("Full name"), _("Born"), _("Post before the rotation"), _("Post rotated to"), _("Rotated on"),
                 _("Until"), _("Decision number")],
        rows=rows, text_columns=(1, 3, 4, 6, 7), widths=(6, 26, 8, 40, 40, 12, 12, 16))


def vacancies_report(*, reader, paper: Paper, unit: Unit, as_of: dt.date) -> OfficialReport:
    """Every seat of `unit`'s subtree empty or held only by an acting cadre on `as_of`; each body's headcount against
    its quota for the year; and the cadres reorganizations left to be arranged."""
    units = _units(reader, unit, as_of)
    # The same posts and the same seat count as the posts page and GET /api/v1/personnel/vacancies (personnel.selectors).
    posts = vacant_posts(user=reader, unit=unit, as_of=as_of)
    _rows_by_unit, total = vacancies_by_unit(user=reader, unit=unit, as_of=as_of, posts=posts)
    rows, sections = [], []
    sections.append(len(rows))
    rows.append([_("Vacant seats and seats held only by an acting cadre")])
    for number, post in enumerate(posts, start=1):
        empty, acting = open_seats(post)
        if empty and acting:
            state = _("%(empty)s vacant, %(acting)s held only by an acting cadre") % {"empty": empty, "acting": acting}
        elif acting:
            state = _("acting only")
        else:
            state = _("%(count)s vacant") % {"count": empty}
        rows.append([number, post.unit.name, post.title, post.seats, post.held, post.acting, state, _day(vacant_since(post))])
    year = as_of.year
    quotas = dict(StaffingQuota.objects.filter(unit__in=list(units), year=year).values_list("unit_id", "quota"))
    counts = dict(Headcount.objects.filter(unit__in=list(units), year=year).values_list("unit_id", "count"))
    staffed = sorted(set(quotas) | set(counts), key=lambda pk: units[pk].code)
    if staffed:
        sections.append(len(rows))
        rows.append([_("Headcount against the staffing quota, %(year)s") % {"year": year}])
        for i, pk in enumerate(staffed, start=1):
            quota, count = quotas.get(pk), counts.get(pk)
            surplus = count - quota if quota is not None and count is not None else None
            rows.append([i, units[pk].name, _("quota %(quota)s") % {"quota": quota if quota is not None else "—"},
                         "", count if count is not None else "—", "",
                         (_("%(count)s over the quota") % {"count": surplus} if surplus and surplus > 0
                          else _("within the quota") if surplus is not None else "—"), ""])
    waiting = posts_to_arrange(unit_ids=[*units, *Unit.objects.filter(successor_links__successor__in=list(units))
                                         .values_list("pk", flat=True)])
    if waiting:
        sections.append(len(rows))
        rows.append([_("Cadres to be arranged after a reorganization")])
        for i, handover in enumerate(waiting, start=1):
            rows.append([i, handover.from_position.unit.name, handover.from_position.title, "", "", "",
                         f"{handover.person.full_name}: {reason_text(handover.reason)}",
                         _day(handover.reorganization.effective_on)])
    return OfficialReport(
        paper=paper, title=_("Vacancies and staffing"),
        subtitle=_("%(unit)s, as of %(date)s: %(seats)s seats not officially held (%(acting)s of them held only by an "
                   "acting cadre) in %(posts)s posts") % {
            "unit": unit.name, "date": _day(as_of), "seats": total.vacant_seats, "acting": total.acting_seats, "posts": total.posts},
        columns=[_("No."), _("Unit"), _("Post"), _("Seats"), _("Official"), _("Acting"), _("State"), _("Since")],
        rows=rows, section_rows=tuple(sections), text_columns=(1, 2, 6), widths=(6, 34, 36, 8, 10, 10, 30, 12))
