"""Pages of the structure: the tree of units as of a date, and the unit search behind every picker."""
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mandate.web.pages import page
from mandate.core.errors import NotFound
from mandate.orgs import selectors
from mandate.orgs.forms import UnitTreeForm

SEARCH_LIMIT = 15


@page
def unit_tree(request: HttpRequest, as_of) -> HttpResponse:
    form = UnitTreeForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    root, q, depth = data.get("root"), data.get("q") or "", data.get("depth") or 2
    context = {"form": form, "q": q, "depth": depth}
    if q:
        context["provinces"] = selectors.units_list(as_of=as_of, level="province", q=q)[:50]
    elif root is None:
        context["provinces"] = selectors.units_list(as_of=as_of, level="province")
    if root is not None:
        try:
            context["tree"] = selectors.unit_tree(root=root, as_of=as_of, depth=depth)
        except NotFound:
            context["missing_root"] = root
        context["ancestors"] = selectors.unit_ancestors(unit=root, as_of=as_of)
    return render(request, "orgs/tree.html", context)


@page
def unit_search(request: HttpRequest, as_of) -> HttpResponse:
    """Suggestions for a unit picker: `<option>`s for the picker's datalist, or a list to click."""
    field = request.GET.get("field", "q")
    q = (request.GET.get(field) or request.GET.get("q") or "").split(" — ")[0].strip()
    units = list(selectors.units_list(as_of=as_of, q=q)[:SEARCH_LIMIT]) if len(q) >= 2 else []
    if q and not any(unit.code == q for unit in units):
        try:  # a code typed in full comes first
            units.insert(0, selectors.unit_get(code=q))
        except NotFound:
            pass
    template = "orgs/_unit_options.html" if request.GET.get("as") != "list" else "orgs/_unit_list.html"
    return render(request, template, {"units": units, "picks": selectors.unit_picks(units, as_of=as_of), "field": field, "q": q})
