"""Building the demo: the country, the bodies the seeds name, the people, the seed facts and conferences, the
cadre files (`cadres.py`), then the workload.

Every write goes through the services. A second build reuses what is there: the seed facts are
recognised by the Phú Thọ directive of seed 004, the workload by the audit record it leaves.
"""
import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from mandate.audit.models import AuditRecord
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.demo import meetings_daklak, meetings_hanoi, reports_and_ratings, seeds
from mandate.demo.cadres import cadres_build
from mandate.demo.dating import Story
from mandate.demo.inspections import inspections_build, inspections_present
from mandate.demo.meetings import meetings_build
from mandate.demo.users import LOGINS, People, Person, commune_leader, people_ensure, province_people
from mandate.demo.workload import (
    COMMUNES_PER_PROVINCE, DEPARTMENTS, MERGER, OLD_PROVINCES, PROVINCES, SEED_OLD_PROVINCES, Commune, workload_plan,
)
from mandate.demo.writer import Actors, DocumentPlan, Writer
from mandate.documents.models import Document
from mandate.tasks.models import TaskEvent
from mandate.orgs.models import Term, Tier, Unit, UnitKind
from mandate.orgs.selectors import units_list
from mandate.orgs.territory import MERGER_EFFECTIVE
from mandate.reorganizations.services import country_load, reorganization_apply_2025
from mandate.orgs.services import cluster_create, unit_create

WORKLOAD_ACTION = "demo.workload"
# The commune whose clerk logs in (vanphong.vietri): Việt Trì ward, Phú Thọ.
CLERK_COMMUNE = ("07900", "25")
# Seed steps that the people who log in take themselves, so that their own pages show their work.
LEAD_OVERRIDES = {"25.TU.BTC": "tochuc.phutho", "25.TU": "vanphong.phutho", "25.TU.VP": "vanphong.phutho",
                  "01.TU": "vanphong.hanoi", "01.TU.VP": "vanphong.hanoi", "66.TU": "vanphong.daklak",
                  "66.TU.VP": "vanphong.daklak"}
REGISTRARS = {"25": "vanphong.phutho", "01": "vanphong.hanoi", "66": "vanphong.daklak"}


@dataclass
class BuildResult:
    seeds_built: bool = False
    workload_built: bool = False
    tasks_created: int = 0
    documents_planned: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def demo_build(*, tasks: int, seed: int, workload: bool, log: Callable[[str], None] = lambda message: None) -> BuildResult:
    """Build what is missing of the demo; return what was built and how long each part took."""
    result = BuildResult()
    started = time.perf_counter()
    country_load(actor=None)
    result.timings["territory"] = time.perf_counter() - started
    log(_("Territory ready (%(seconds).1f s).") % {"seconds": result.timings["territory"]})
    story = Story()
    with transaction.atomic():
        started = time.perf_counter()
        people = None
        if not seeds_present():
            _units_ensure()
            people = people_ensure(_province_persons())
            writer = Writer(actors=_actors(people), story=story)
            for fact in seeds.ALL_DOCUMENTS:
                writer.write(_plan_of(fact), registrar=fact.registrar)
            for cluster in (seeds.CLUSTER_2024, seeds.CLUSTER_NOW):
                cluster_create(actor=None, code=cluster.code, name=cluster.name, year=cluster.year,
                               members=list(Unit.objects.filter(code__in=cluster.members)))
            result.seeds_built = True
            result.tasks_created += writer.tasks_created
            result.timings["seeds"] = time.perf_counter() - started
            log(_("Seed facts: %(tasks)d tasks (%(seconds).1f s).") % {"tasks": writer.tasks_created,
                                                                     "seconds": result.timings["seeds"]})
            # The seed conferences, held before the merger carries the open tasks of their conclusions.
            started = time.perf_counter()
            held = meetings_build(people=people, writer=writer,
                                  facts=(meetings_daklak.CONFERENCE_31, meetings_hanoi.CONFERENCE_2))
            result.tasks_created += held.tasks
            result.timings["meetings"] = time.perf_counter() - started
            log(_("Seed meetings: %(meetings)d meetings, %(opinions)d opinions, %(tasks)d tasks of their conclusions "
                  "(%(seconds).1f s).") % {"meetings": held.meetings, "opinions": held.opinions, "tasks": held.tasks,
                                          "seconds": result.timings["meetings"]})
            # Cadre work: the key posts of Hà Nội and Phú Thọ before and after 2025-07-01 (before the 2025 merger is
            # applied below, which carries the old provinces' posts still open on the day).
            started = time.perf_counter()
            written = cadres_build(clerk_commune=CLERK_COMMUNE[0], story=story)
            result.timings["cadres"] = time.perf_counter() - started
            log(_("Cadre files: %(posts)d posts, %(people)d people, %(holdings)d holdings, %(events)d decisions "
                  "(%(seconds).1f s).") % {**written, "seconds": result.timings["cadres"]})
        if not inspections_present():
            # The inspection commissions' programmes and cases (seeds 000 and 004), on the seed documents they follow.
            started = time.perf_counter()
            built = inspections_build(people=people or people_ensure(_province_persons()), story=story)
            result.tasks_created += built.recommendations
            result.timings["inspections"] = time.perf_counter() - started
            log(_("Inspections: %(cases)d cases, %(recommendations)d recommendations as tasks (%(seconds).1f s).")
                % {"cases": built.cases, "recommendations": built.recommendations, "seconds": result.timings["inspections"]})
        if workload and not workload_present():
            started = time.perf_counter()
            today = clock.today()
            communes = _communes_choose(seed=seed, today=today)
            people = people_ensure([*_province_persons(),
                                    *(commune_leader(code=c.code, name=c.name) for group in communes.values() for c in group)])
            places = {p.code: _in_text(Unit.objects.get(code=p.code).name) for p in PROVINCES}
            plans = workload_plan(tasks=tasks, seed=seed, today=today, communes=communes, places=places)
            result.timings["plan"] = time.perf_counter() - started
            # The administrator takes the workload's steps: checking a person's role costs about as much as the step
            # itself (four queries, one a scan of the placements), and 3,000 tasks must build in well under a minute.
            # Nobody decides on their own request or accepts their own result: the system records the decisions.
            writer = Writer(actors=Actors(users=people.by_username, lead=_admin, decide=_system, register=_admin),
                            story=story)
            for index, plan in enumerate(plans, 1):
                writer.write(plan)
                if index % 100 == 0:
                    log(_("  %(index)d/%(count)d documents, %(tasks)d tasks") % {"index": index, "count": len(plans),
                                                                        "tasks": writer.tasks_created})
            audit_record(actor=None, action=WORKLOAD_ACTION, object_type="demo", object_id="workload",
                         after={"tasks": writer.tasks_created, "documents": len(plans), "seed": seed, "today": today})
            result.workload_built = True
            result.tasks_created += writer.tasks_created
            result.documents_planned = len(plans)
            result.timings["workload"] = time.perf_counter() - started
            log(_("Workload: %(documents)d documents, %(tasks)d tasks (%(seconds).1f s).") % {
                "documents": len(plans), "tasks": writer.tasks_created, "seconds": result.timings["workload"]})
        # The open tasks of the provinces merged on 2025-07-01 go to their successors through the
        # same apply code as any reorganization (idempotent: nothing is left to carry the second time).
        started = time.perf_counter()
        applying = clock.now()
        merging = story.mark()
        carried = reorganization_apply_2025(actor=None)
        story.since(merging, MERGER_EFFECTIVE, hour=7)
        # The lines the merger wrote in the timelines belong to its day, not to the day the demo was built.
        TaskEvent.objects.filter(kind="reorganized", at__gte=applying).update(
            at=dt.datetime.combine(MERGER_EFFECTIVE, dt.time(7), tzinfo=clock.VIETNAM))
        if carried:
            result.timings["merger"] = time.perf_counter() - started
            log(_("2025 province merger applied: %(events)d events (%(seconds).1f s).") % {
                "events": carried, "seconds": result.timings["merger"]})
        if result.seeds_built or seeds_present():
            reports_and_ratings.build(log=log, story=story)
        # Every record of the story at its story's day (the chain sealed again over the new times).
        story.date_records()
    return result


def seeds_present() -> bool:
    return Document.objects.filter(registered=True, issuing_unit__code="25.TU.BTV", title=seeds.SEED_004_TITLE).exists()


def workload_present() -> bool:
    return AuditRecord.objects.filter(action=WORKLOAD_ACTION).exists()


# Units

def _units_ensure() -> None:
    facts = list(seeds.UNITS)
    for place in PROVINCES:
        province = Unit.objects.get(code=place.code)
        start = MERGER if province.valid_from == MERGER else None
        in_text = _in_text(province.name)
        facts += seeds.province_extra_units(place.code, in_text, valid_from=start)
        facts += [seeds.UnitFact(f"{place.code}.UBND.{suffix}", f"{name} {in_text}", UnitKind.DEPARTMENT, Tier.PROVINCE,
                                 f"{place.code}.UBND", name, suffix, start) for suffix, name in DEPARTMENTS]
    existing = set(Unit.objects.filter(code__in=[f.code for f in facts]).values_list("code", flat=True))
    for fact in facts:
        if fact.code in existing:
            continue
        unit_create(actor=None, code=fact.code, name=fact.name, kind=fact.kind, tier=fact.tier,
                    parent=Unit.objects.get(code=fact.parent), short_name=fact.short_name, issuer_code=fact.issuer_code,
                    valid_from=fact.valid_from)
    steering = Unit.objects.get(code=seeds.STEERING_COMMITTEE)
    _term_ensure(steering, name="2024–2025", starts_on=seeds.STEERING_COMMITTEE_SINCE)


def _term_ensure(unit: Unit, *, name: str, starts_on: dt.date) -> Term:
    """A steering committee numbers its documents over its mandate; orgs.services has no term service yet."""
    term = Term.objects.filter(unit=unit, starts_on=starts_on).first()
    if term is None:
        with transaction.atomic():
            term = Term.objects.create(unit=unit, name=name, starts_on=starts_on)
            audit_record(actor=None, action="term.open", obj=term, after={"unit": unit.code, "name": name, "starts_on": starts_on})
    return term


def _in_text(name: str) -> str:
    """'Tỉnh Phú Thọ' → 'tỉnh Phú Thọ', as a province reads inside a sentence."""
    return name[0].lower() + name[1:]


def _communes_choose(*, seed: int, today: dt.date) -> dict[str, list[Commune]]:
    """The communes of each province that the workload reaches; Phú Thọ's always include the clerk's ward."""
    rng = random.Random(f"communes-{seed}")
    chosen = {}
    for place in PROVINCES:
        province = Unit.objects.get(code=place.code)
        rows = list(units_list(as_of=today, level="commune", parent=province).values_list("code", "name"))
        picked = rng.sample(rows, min(COMMUNES_PER_PROVINCE, len(rows)))
        if place.code == CLERK_COMMUNE[1] and CLERK_COMMUNE[0] not in {code for code, _ in picked}:
            picked[0] = next(row for row in rows if row[0] == CLERK_COMMUNE[0])
        chosen[place.code] = [Commune(code, name, place.code) for code, name in sorted(picked)]
    return chosen


# People

def _province_persons() -> list[Person]:
    persons: dict[str, Person] = {p.username: p for p in LOGINS}
    for fact in seeds.NAMED_LEADERS:
        persons.setdefault(fact.username, Person(fact.username, fact.full_name, fact.position, fact.memberships))
    for place, closed in [*((p, False) for p in PROVINCES), *((p, True) for p in (*OLD_PROVINCES, *SEED_OLD_PROVINCES))]:
        province = Unit.objects.get(code=place.code)
        committee = Unit.objects.get(code=f"{place.code}.TU").name
        for person in province_people(code=place.code, slug=place.slug, committee=committee, place=_in_text(province.name),
                                      closed=closed, named=seeds.NAMED_PROVINCE_PEOPLE):
            persons.setdefault(person.username, person)
    return list(persons.values())


def _admin(code: str) -> str:
    return "admin"


def _system(code: str) -> None:
    return None


def _actors(people: People) -> Actors:
    """Who takes each step of the seed facts: the province's staff and leaders. Units of closed provinces and of
    the centre are worked by the administrator: nobody else holds a role over a unit that no longer exists."""
    slugs = {p.code: p.slug for p in PROVINCES}

    def lead(code: str) -> str:
        head = code.split(".")[0]
        return LEAD_OVERRIDES.get(code, f"theodoi.{slugs[head]}") if head in slugs else "admin"

    def decide(code: str) -> str:
        head, _, rest = code.partition(".")
        if code.startswith(seeds.STEERING_COMMITTEE):
            return "thuongtruc.bcd18"
        if code.startswith("VN.TW"):
            return "lanhdao.tw"
        if head in slugs:
            return f"bithu.{slugs[head]}" if rest.startswith(("TU", "DU-")) else f"chutich.{slugs[head]}"
        # The administrator carried the work out; nobody accepts their own result, so the system records the decision.
        return None

    def register(code: str) -> str:
        head, _, rest = code.partition(".")
        return REGISTRARS[head] if head in REGISTRARS and rest.startswith("TU") else lead(code)

    return Actors(users=people.by_username, lead=lead, decide=decide, register=register)


# Seed facts as plans

def _plan_of(fact: seeds.DocumentFact) -> DocumentPlan:
    return DocumentPlan(
        key=fact.key, issuing_unit=fact.issuing_unit, type=fact.type, issued_on=fact.issued_on, title=fact.title,
        text=fact.text, number=fact.number, signer=fact.signer,
        relations=list(fact.relations),
        tasks=[t.plan() for t in fact.tasks],
    )
