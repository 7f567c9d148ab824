"""The search page: `/search/?q=` — each group's best hits, or one group page by page."""
import datetime as dt

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mandate.search.forms import SearchForm
from mandate.search.presenting import hit_rows, kind_label
from mandate.search.selectors import GROUPS, Results, search_counts, search_hits
from mandate.web.pages import page

PAGE_SIZE = 20
PREVIEW_SIZE = 5


class _Hits:
    """The hits of one group as the paginator reads them: counted once, each page read when it is asked for."""

    def __init__(self, *, user, results: Results, group: str):
        self.user, self.results, self.group = user, results, group

    def count(self) -> int:
        return self.results.counts[self.group]

    def __getitem__(self, page: slice) -> list:
        hits = search_hits(user=self.user, words=self.results.words, group=self.group,
                           limit=page.stop - page.start, offset=page.start)
        return hit_rows(hits, self.results.words)


@page
def search(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    form = SearchForm(request.GET)
    context = {"form": form, "groups": [], "page_obj": None, "asked": False, "results": None}
    if form.is_valid() and form.cleaned_data["q"].strip():
        results = search_counts(user=request.user, query=form.cleaned_data["q"])
        group = form.cleaned_data["group"] or None
        context.update(asked=True, results=results, group=group)
        if results.words and group:
            context["page_obj"] = Paginator(_Hits(user=request.user, results=results, group=group), PAGE_SIZE).get_page(
                request.GET.get("page"))
        elif results.words:
            context["groups"] = [
                {"name": name, "label": kind_label(name), "count": results.counts[name],
                 "rows": hit_rows(search_hits(user=request.user, words=results.words, group=name, limit=PREVIEW_SIZE),
                                  results.words) if results.counts[name] else []}
                for name in GROUPS]
    status = 200 if form.is_valid() else 422
    return render(request, "search/results.html", context, status=status)
