"""/api/v1/units: the structure as of any date (one unit with its lineage: `reorganizations.api`)."""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from mandate.core import clock
from mandate.core.dates import AsOfDate
from mandate.orgs import selectors
from mandate.orgs.models import Tier, UnitKind
from mandate.orgs.schemas import TreeOut, UnitOut

router = Router(tags=["units"])


class UnitFilters(Schema):
    level: UnitKind | None = None
    kind: UnitKind | None = None
    tier: Tier | None = None
    parent: str | None = None
    within: str | None = None
    q: str | None = None
    as_of: AsOfDate | None = None


@router.get("", response=list[UnitOut], summary="List units open on a date")
@paginate
def list_units(request: HttpRequest, filters: Query[UnitFilters]):
    as_of = filters.as_of or clock.today()
    parent = selectors.unit_get(code=filters.parent) if filters.parent else None
    within = selectors.unit_get(code=filters.within) if filters.within else None
    return selectors.units_list(as_of=as_of, level=filters.level, kind=filters.kind, tier=filters.tier,
                                parent=parent, q=filters.q, within=within)


def _tree(node: selectors.TreeNode) -> dict:
    return {"code": node.unit.code, "name": node.unit.name, "kind": node.unit.kind,
            "children": [_tree(child) for child in node.children]}


@router.get("/tree", response=TreeOut, summary="The tree under a unit on a date")
def unit_tree(request: HttpRequest, root: str = "VN", as_of: AsOfDate | None = None, depth: int | None = None):
    node = selectors.unit_tree(root=selectors.unit_get(code=root), as_of=as_of or clock.today(), depth=depth)
    return _tree(node)
