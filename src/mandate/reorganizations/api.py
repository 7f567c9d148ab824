"""/api/v1/reorganizations: list, prepare (with links and destination choices), preview, apply, revert."""
import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from django.utils.translation import gettext as _

from mandate.accounts.permissions import require
from mandate.core import clock
from mandate.core.errors import NotFound, invalid
from mandate.core.dates import AsOfDate
from mandate.core.preconditions import VERSIONED, ExpectedVersionIn, expected_version
from mandate.documents.models import Document
from mandate.orgs.schemas import UnitDetailOut, UnitOut
from mandate.orgs.selectors import unit_ancestors, unit_get, units_list
from mandate.reorganizations import permissions, selectors, services
from mandate.reorganizations.posts import ARRANGE, CARRIED, reason_text
from mandate.reorganizations.selectors import (
    Preview, reorganization_get, reorganizations_list, unit_predecessors, unit_successors,
)

router = Router(tags=["reorganizations"])


class LinkOut(Schema):
    predecessor: str | None
    successor: str | None


class ReorganizationOut(Schema):
    id: int
    kind: str
    effective_on: dt.date
    basis_id: int | None
    basis: str | None
    note: str
    batch: str
    author: str | None
    state: str
    version: int
    applied_at: dt.datetime | None
    reverted_at: dt.datetime | None
    links: list[LinkOut]
    new_name: str
    new_parent: str | None
    default_successor: str
    rule: str

    @staticmethod
    def resolve_basis(event) -> str | None:
        return event.basis.number_text if event.basis_id and getattr(event, "basis_known", False) else None

    @staticmethod
    def resolve_author(event) -> str | None:
        return event.author.username if event.author_id else None

    @staticmethod
    def resolve_state(event) -> str:
        return "reverted" if event.reverted_at else ("applied" if event.applied_at else "prepared")

    @staticmethod
    def resolve_links(event) -> list[dict]:
        return [{"predecessor": link.predecessor.code if link.predecessor_id else None,
                 "successor": link.successor_code}
                for link in event.links.select_related("predecessor", "successor", "planned").order_by("id")]

    @staticmethod
    def resolve_new_parent(event) -> str | None:
        return event.new_parent.code if event.new_parent_id else None

    @staticmethod
    def resolve_default_successor(event) -> str:
        return event.default_successor_code


class NewUnitIn(Schema):
    code: str
    name: str
    kind: str
    tier: str
    parent: str | None = None
    short_name: str = ""
    issuer_code: str = ""


class DestinationIn(Schema):
    item_type: str
    item_id: int
    destination: str | None = None


class ReorganizationIn(Schema):
    kind: str
    effective_on: dt.date
    basis_id: int | None = None
    note: str = ""
    batch: str = ""
    predecessors: list[str] = []
    successors: list[str] = []
    new_units: list[NewUnitIn] = []
    links: list[LinkOut] | None = None
    new_name: str = ""
    new_short_name: str = ""
    new_parent: str | None = None
    default_successor: str = ""
    rule: str = ""
    destinations: list[DestinationIn] = []


class DestinationsIn(ExpectedVersionIn):
    destinations: list[DestinationIn] = []
    default_successor: str | None = None
    rule: str | None = None


class ItemOut(Schema):
    item_type: str
    item_id: int
    label: str
    source: str
    destination: str | None
    how: str


class HandingOut(Schema):
    predecessor: str
    successors: list[str]
    mode: str
    counts: dict[str, int]
    items: dict[str, list[ItemOut]]
    handed: dict[str, int] | None = Field(None, description="once applied: the open tasks led and assigned and the coordinations it handed on")


class PostMoveOut(Schema):
    person: str
    position: str
    unit: str
    kind: str = Field(description="how the post is held: official, acting, concurrent, seconded")
    destination: str | None = Field(description="the successor's code; null: the unit closes without one")
    to_position: str | None = Field(description="the successor's post it lands in (null: one the event opens, or none)")
    outcome: str = Field(description="carried (a holding of the same kind at the successor) or arrange (to be arranged)")
    reason: str


class PostLandingOut(Schema):
    successor: str
    title: str
    opens: bool = Field(description="the event opens this post at the successor")
    seats: int
    occupied: int
    people: int
    fits: bool


class PostHandedOut(Schema):
    person: str
    position: str
    unit: str
    outcome: str
    to_position: str | None
    to_unit: str | None
    reason: str


class PostsOut(Schema):
    positions: int = Field(description="the posts of the closing units, open on the effective date")
    carried: int
    to_arrange: int
    landings: list[PostLandingOut]
    people: list[PostMoveOut]
    handed: list[PostHandedOut] | None = Field(None, description="once applied: what it did with each person")


class PreviewOut(Schema):
    reorganization: ReorganizationOut
    can_apply: bool
    closes: list[str]
    already_closed: list[str]
    opens: list[str]
    rename: dict | None
    move: dict | None
    totals: dict[str, int]
    handed: dict[str, int] | None = Field(None, description="once applied: what all predecessors handed on")
    handings: list[HandingOut]
    extensions: list[dict]
    sequences: list[dict]
    missing: list[ItemOut]
    errors: list[dict]
    posts: PostsOut


class QueryIn(Schema):
    batch: str | None = None
    state: str | None = None
    as_of: AsOfDate | None = None


def _unit(code: str | None, field_name: str):
    if not code:
        return None
    try:
        return unit_get(code=code)
    except NotFound:
        raise invalid(field_name, _("no unit has the code “%(code)s”") % {"code": code}, "unknown_unit") from None


def _item(item) -> dict:
    return {"item_type": str(item.item_type), "item_id": item.item_id, "label": str(item.label), "source": item.source.code,
            "destination": item.destination, "how": item.how}


def _preview(preview: Preview) -> dict:
    return {
        "reorganization": preview.reorganization, "can_apply": preview.can_apply,
        "closes": [u.code for u in preview.closes], "already_closed": [u.code for u in preview.already_closed],
        "opens": [p.code for p in preview.opens],
        "rename": {"unit": preview.rename[0].code, "from": preview.rename[1], "to": preview.rename[2]} if preview.rename else None,
        "move": {"unit": preview.move[0].code, "from": preview.move[1].code if preview.move[1] else None,
                 "to": preview.move[2].code if preview.move[2] else None, "subtree_size": preview.move[3]} if preview.move else None,
        "totals": preview.totals(), "handed": preview.handed_totals(),
        "handings": [{"predecessor": h.predecessor.code, "successors": h.successors, "mode": h.mode, "counts": h.counts,
                      "items": {kind: [_item(i) for i in items] for kind, items in h.items.items()}, "handed": h.handed}
                     for h in preview.handings],
        "extensions": [{"extension": e["extension"].pk, "task": e["task"].pk, "requested_deadline": e["extension"].requested_deadline,
                        "lead": e["lead"], "decided_by": e["decided_by"]} for e in preview.extensions],
        "sequences": [{"unit": s["unit"].code, "type": s["sequence"].type, "period": s["sequence"].period,
                       "last_number": s["sequence"].last_number, "successors": s["successors"]} for s in preview.sequences],
        "missing": [_item(i) for i in preview.missing],
        "errors": [{"field": e.field, "reason": e.reason, "code": e.code} for e in preview.errors],
        "posts": _posts(preview),
    }


def _posts(preview: Preview) -> dict:
    posts = preview.posts
    handed = None
    if preview.reorganization.is_applied:
        handed = [{"person": row.person.full_name, "position": row.from_position.title, "unit": row.from_position.unit.code,
                   "outcome": ARRANGE if row.to_holding_id is None else CARRIED,
                   "to_position": row.to_holding.position.title if row.to_holding_id else None,
                   "to_unit": row.to_holding.position.unit.code if row.to_holding_id else None,
                   "reason": reason_text(row.reason) if row.reason else ""}
                  for row in selectors.reorganization_posts_handed(reorganization=preview.reorganization)]
    return {
        "positions": len(posts.closing), "carried": len(posts.carried), "to_arrange": len(posts.to_arrange),
        "landings": [{"successor": landing.successor, "title": landing.title, "opens": landing.target is None,
                      "seats": landing.seats, "occupied": landing.occupied, "people": len(landing.moves), "fits": landing.fits}
                     for landing in posts.landings],
        "people": [{"person": move.holding.person.full_name, "position": move.source.title, "unit": move.source.unit.code,
                    "kind": move.holding.kind, "destination": move.destination,
                    "to_position": move.landing.target.title if move.landing and move.landing.target else None,
                    "outcome": move.outcome, "reason": reason_text(move.reason, move.landing) if move.reason else ""}
                   for move in posts.moves],
        "handed": handed,
    }


@router.get("", response=list[ReorganizationOut], summary="Reorganizations, newest effective date first")
@paginate
def list_reorganizations(request: HttpRequest, query: Query[QueryIn]):
    return reorganizations_list(user=request.user, batch=query.batch, state=query.state, as_of=query.as_of)


@router.post("", response={201: ReorganizationOut}, summary="Prepare a reorganization with its links and destinations")
def create_reorganization(request: HttpRequest, payload: ReorganizationIn):
    basis = None
    if payload.basis_id is not None:
        basis = Document.objects.filter(pk=payload.basis_id).first()
        if basis is None:
            raise invalid("basis_id", _("no document %(id)s") % {"id": payload.basis_id}, "unknown_document")
    new_units = [{**spec.dict(), "parent": _unit(spec.parent, f"new_units.{index}.parent")}
                 for index, spec in enumerate(payload.new_units)]
    links = None
    if payload.links is not None:
        links = [(_unit(link.predecessor, f"links.{index}.predecessor"), link.successor) for index, link in enumerate(payload.links)]
    event = services.reorganization_prepare(
        actor=request.user, kind=payload.kind, effective_on=payload.effective_on, basis=basis, note=payload.note,
        batch=payload.batch, predecessors=[_unit(code, f"predecessors.{i}") for i, code in enumerate(payload.predecessors)],
        successors=payload.successors, new_units=new_units, links=links, new_name=payload.new_name,
        new_short_name=payload.new_short_name, new_parent=_unit(payload.new_parent, "new_parent"),
        default_successor=payload.default_successor, rule=payload.rule,
        destinations=[(d.item_type, d.item_id, d.destination) for d in payload.destinations])
    return Status(201, event)


@router.get("/{reorganization_id}", response=ReorganizationOut, summary="One reorganization")
def reorganization_detail(request: HttpRequest, reorganization_id: int):
    return reorganization_get(reorganization_id=reorganization_id, user=request.user)


@router.get("/{reorganization_id}/preview", response=PreviewOut, summary="What applying would move where, and what has no destination")
def reorganization_preview(request: HttpRequest, reorganization_id: int):
    require(permissions.can_preview_reorganization(request.user), "Only system administrators see what would move.")
    return _preview(selectors.reorganization_preview(reorganization_id=reorganization_id))


@router.post("/{reorganization_id}/destinations", response={200: PreviewOut, **VERSIONED},
             summary="Choose destinations, a default successor or a rule")
def reorganization_destinations(request: HttpRequest, reorganization_id: int, payload: DestinationsIn):
    event = services.reorganization_destinations_set(
        actor=request.user, reorganization=reorganization_get(reorganization_id=reorganization_id),
        destinations=[(d.item_type, d.item_id, d.destination) for d in payload.destinations],
        default_successor=payload.default_successor, rule=payload.rule,
        expected_version=expected_version(request, payload.version))
    return _preview(selectors.reorganization_preview(reorganization_id=event.pk))


@router.post("/{reorganization_id}/apply", response={200: ReorganizationOut, **VERSIONED},
             summary="Apply in one transaction; refused while anything lacks a destination")
def reorganization_apply(request: HttpRequest, reorganization_id: int, payload: ExpectedVersionIn | None = None):
    return services.reorganization_apply(actor=request.user, reorganization=reorganization_get(reorganization_id=reorganization_id),
                                         expected_version=expected_version(request, payload.version if payload else None))


@router.post("/{reorganization_id}/revert", response={200: ReorganizationOut, **VERSIONED},
             summary="Revert while nothing later depends on it")
def reorganization_revert(request: HttpRequest, reorganization_id: int, payload: ExpectedVersionIn | None = None):
    return services.reorganization_revert(actor=request.user, reorganization=reorganization_get(reorganization_id=reorganization_id),
                                          expected_version=expected_version(request, payload.version if payload else None))


@router.post("/batches/{batch}/apply", response=list[ReorganizationOut], summary="Apply every prepared event of a batch together")
def batch_apply(request: HttpRequest, batch: str):
    return services.reorganization_batch_apply(actor=request.user, batch=batch)


# One unit with its lineage, under /api/v1/units beside the structure's own endpoints: the links from predecessors
# to successors are this app's data.
units_router = Router(tags=["units"])


@units_router.get("/{code}", response=UnitDetailOut, summary="One unit, its place and its lineage")
def unit_detail(request: HttpRequest, code: str, as_of: AsOfDate | None = None):
    as_of = as_of or clock.today()
    unit = unit_get(code=code)
    ancestors = unit_ancestors(unit=unit, as_of=as_of)
    return {
        **UnitOut.from_orm(unit).dict(),
        "parent": ancestors[-1] if ancestors else None,
        "ancestors": ancestors,
        "children": list(units_list(as_of=as_of, parent=unit)),
        "predecessors": list(unit_predecessors(unit=unit)),
        "successors": list(unit_successors(unit=unit)),
        "as_of": as_of,
    }
