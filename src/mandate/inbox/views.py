"""Pages of the inbox: the whole list, the part the dashboard shows, and the number in the menu."""
import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mandate.inbox import selectors
from mandate.web.pages import page

# What the dashboard shows of each section: the first few, with a link to the whole list.
ON_DASHBOARD = 3


@page
def inbox(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    sections = selectors.inbox_of(user=request.user)
    return render(request, "inbox/inbox.html", {"sections": sections, "total": sum(s.count for s in sections)})


@page
def inbox_summary(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """The dashboard's panel, fetched by the dashboard when it loads (the dashboard's app stands below the inbox)."""
    sections = selectors.inbox_of(user=request.user, shown=ON_DASHBOARD)
    return render(request, "inbox/_summary.html", {"sections": sections, "total": sum(s.count for s in sections)})


@page
def inbox_count(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """The number beside "What waits for me" in the menu."""
    return render(request, "inbox/_count.html", {"total": selectors.inbox_count(user=request.user)})
