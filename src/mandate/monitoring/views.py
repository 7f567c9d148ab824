"""Pages of monitoring: the scorecard overview with its charts, clusters, lagging units, the cascade, KPIs, my notifications.

Every number on these pages links to the task list that produces it.
"""
import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST
from django.utils.translation import gettext as _

from mandate.accounts.permissions import READERS, has_role_over, is_system_admin
from mandate.accounts.selectors import membership_units
from mandate.web.pages import page
from mandate.core.errors import NotFound
from mandate.monitoring import cascade as cascade_selectors
from mandate.monitoring import kpis as kpi_selectors
from mandate.monitoring import report_tables, selectors, services
from mandate.monitoring.forms import CascadeForm, KpiScopeForm, LaggingForm, ReminderPreferenceForm, ScopeForm
from mandate.orgs.models import Cluster, Unit
from mandate.orgs.selectors import unit_get
from mandate.orgs.territory import NATION_CODE
from mandate.tasks.selectors import TaskFilters
from mandate.tasks.status import OFFICIAL_TOTALS


@dataclass
class Scope:
    form: ScopeForm
    units: list
    unit: Unit | None
    filters: TaskFilters | None

    def query(self, **extra) -> str:
        """The query string that reproduces this scope (for exports and links)."""
        params = {"unit": self.unit.code if self.unit else "", "subtree": "true" if self.filters and self.filters.subtree else "",
                  "assigned_from": _iso(self.filters.assigned_from) if self.filters else "",
                  "assigned_to": _iso(self.filters.assigned_to) if self.filters else "",
                  "as_of": self.filters.as_of.isoformat() if self.filters else "", **extra}
        return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def scope_from_request(request: HttpRequest, as_of: dt.date, form_class=ScopeForm) -> Scope:
    """The unit asked for when the user may read it, else the user's first unit; the period; the as-of date."""
    units = membership_units(user=request.user)
    if not units and is_system_admin(request.user):
        units = [unit_get(code=NATION_CODE)]
    data = request.GET.copy()
    if "subtree" not in data and "unit" not in data:
        data["subtree"] = "true"
    form = form_class(data)
    cleaned = form.cleaned_data if form.is_valid() else {}
    chosen = cleaned.get("unit")
    unit = chosen if chosen is not None and has_role_over(request.user, chosen, READERS) else (
        units[0] if units else None)
    filters = None
    if unit is not None:
        filters = TaskFilters(as_of=as_of, lead_unit=unit, subtree=bool(cleaned.get("subtree", True)),
                              assigned_from=cleaned.get("assigned_from"), assigned_to=cleaned.get("assigned_to"))
    return Scope(form=form, units=units, unit=unit, filters=filters)


def tasks_link(filters: TaskFilters, *, status: str = "", unit: Unit | None = None, subtree: bool | None = None,
               as_of: dt.date | None = None) -> str:
    """The task list behind a number: the same unit, subtree, period, as-of date and status (an official total's
    name is also the filter that lists the tasks it counts; "assigned" is every task the list shows)."""
    unit = unit or filters.lead_unit
    subtree = filters.subtree if subtree is None else subtree
    params = {"status": "" if status == "assigned" else status, "lead_unit": unit.code if unit else "", "subtree": "true" if subtree else "",
              "assigned_from": _iso(filters.assigned_from), "assigned_to": _iso(filters.assigned_to),
              "as_of": (as_of or filters.as_of).isoformat()}
    return f"{reverse('tasks')}?{urlencode({k: v for k, v in params.items() if v})}"


def _links(filters: TaskFilters, **kwargs) -> dict[str, str]:
    """The task list behind each official total, by the total's name."""
    return {name: tasks_link(filters, status=name, **kwargs) for name in OFFICIAL_TOTALS}


@page
def overview(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    scope = scope_from_request(request, as_of)
    context = {"scope": scope, "form": scope.form, "unit": scope.unit, "units": scope.units}
    if scope.filters is not None:
        filters = scope.filters
        card = selectors.scorecard(user=request.user, filters=filters)
        links = _links(filters)
        # The ranking's rows add up to the subtree's total: the units below, and the tasks the unit leads itself.
        rows = selectors.subtree_rows(user=request.user, unit=scope.unit, filters=filters)
        ranked = rows.ranked
        rank_links = [tasks_link(filters, unit=r.unit, subtree=True) for r in ranked]
        trend = selectors.monthly_trend(user=request.user, filters=filters, months=12)
        trend_links = [tasks_link(filters, status="overdue", as_of=end) for end, _card in trend]
        context.update(
            card=card, links=links,
            coordinating=selectors.scorecard_coordinating(user=request.user, filters=filters),
            cards=[("assigned", "neutral", card.assigned, links["assigned"]),
                   ("completed_on_time", "green", card.completed_on_time, links["completed_on_time"]),
                   ("completed_late", "amber", card.completed_late, links["completed_late"]),
                   ("within_deadline", "blue", card.within_deadline, links["within_deadline"]),
                   ("due_soon", "orange", card.due_soon, links["due_soon"]),
                   ("overdue", "red", card.overdue, links["overdue"])],
            status_svg=report_tables.status_chart(card, links),
            trend_svg=report_tables.trend_chart(trend, trend_links),
            ranking_svg=report_tables.ranking_chart(ranked, rank_links) if ranked else "",
            ranked=[(r, rank_links[i], _links(TaskFilters(**{**filters.__dict__, "lead_unit": r.unit, "subtree": True})))
                    for i, r in enumerate(ranked)],
            own=rows.own, own_label=report_tables.own_tasks_label(scope.unit.name),
            own_links=_links(TaskFilters(**{**filters.__dict__, "lead_unit": scope.unit, "subtree": False})),
            ranking_total=rows.total,
            total_links=_links(TaskFilters(**{**filters.__dict__, "lead_unit": scope.unit, "subtree": True})),
            clusters=Cluster.objects.order_by("code")[:50],
            export_query=scope.query(),
        )
    return render(request, "monitoring/overview.html", context)


def cluster_from_request(request: HttpRequest, code: str, as_of: dt.date) -> tuple[Cluster, TaskFilters]:
    """The emulation cluster a page or an export names, and the filters of its period."""
    found = Cluster.objects.filter(code=code).first()
    if found is None:
        raise NotFound(_("No emulation cluster “%(code)s”.") % {"code": code})
    form = ScopeForm(request.GET)
    cleaned = form.cleaned_data if form.is_valid() else {}
    return found, TaskFilters(as_of=as_of, subtree=True, assigned_from=cleaned.get("assigned_from"),
                              assigned_to=cleaned.get("assigned_to"))


@page
def cluster(request: HttpRequest, code: str, as_of: dt.date) -> HttpResponse:
    found, filters = cluster_from_request(request, code, as_of)
    ranked = selectors.cluster_scorecards(user=request.user, cluster=found, filters=filters)
    rows = [(r, _links(TaskFilters(**{**filters.__dict__, "lead_unit": r.unit}))) for r in ranked]
    return render(request, "monitoring/cluster.html", {
        "cluster": found, "form": ScopeForm(request.GET), "rows": rows,
        "ranking_svg": report_tables.ranking_chart(ranked, [links["assigned"] for _r, links in rows]) if ranked else "",
        "export_query": urlencode({"cluster": found.code, "as_of": as_of.isoformat(),
                                   "assigned_from": _iso(filters.assigned_from), "assigned_to": _iso(filters.assigned_to)}),
    })


def lagging_options(form: LaggingForm) -> dict:
    cleaned = form.cleaned_data if form.is_valid() else {}
    rate = cleaned.get("min_rate")
    return {"min_overdue": cleaned.get("min_overdue") or (None if rate else 1), "min_rate": rate / 100 if rate else None,
            "level": cleaned.get("level") or None}


@page
def lagging(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    scope = scope_from_request(request, as_of, LaggingForm)
    context = {"scope": scope, "form": scope.form}
    if scope.filters is not None:
        rows = selectors.lagging_units(user=request.user, filters=scope.filters, **lagging_options(scope.form))
        context.update(rows=[(row, tasks_link(scope.filters, status="overdue", unit=row.unit, subtree=True)) for row in rows],
                       export_query=scope.query(**{k: request.GET.get(k, "") for k in ("min_overdue", "min_rate", "level")}))
    return render(request, "monitoring/lagging.html", context)


def cascade_from_request(request: HttpRequest, as_of: dt.date):
    form = CascadeForm(request.GET or None, viewer=request.user)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    directive = data["document"]
    within = data.get("within") or unit_get(code=NATION_CODE)
    result = cascade_selectors.directive_cascade(user=request.user, directive=directive, level=data["level"], within=within, as_of=as_of,
                                                 due=data.get("due"))
    return form, result


@page
def cascade(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    form, result = cascade_from_request(request, as_of)
    if result is not None and request.GET.get("document", "").strip().isdigit():
        # A link made when the page asked for a database id: the same page, naming the directive by its number.
        query = request.GET.copy()
        query["document"] = result.directive.number_text
        return redirect(f"{reverse('monitoring:cascade')}?{query.urlencode()}")
    rows = None
    if result is not None:
        rows = [r for r in result.rows if not (form.cleaned_data.get("missing_only") and r.took_up)]
    return render(request, "monitoring/cascade.html", {
        "form": form, "cascade": result, "rows": rows, "summary": result.summary() if result else None,
        "chart_svg": report_tables.cascade_chart(result) if result else "",
        "export_query": request.GET.urlencode(),
    })


@page
def kpis(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    scope = scope_from_request(request, as_of, KpiScopeForm)
    rows = []
    if scope.unit is not None:
        period = scope.form.cleaned_data if scope.form.is_valid() else {}
        rows = kpi_selectors.kpi_targets_list(user=request.user, as_of=as_of, unit=scope.unit, subtree=scope.filters.subtree,
                                              period_from=period.get("period_from"), period_to=period.get("period_to"))
    return render(request, "monitoring/kpis.html", {"scope": scope, "form": scope.form, "rows": rows,
                                                    "summary": kpi_selectors.kpi_summary(rows)})


@page
def notifications(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    items = list(selectors.notifications_of(user=request.user)[:200])
    return render(request, "monitoring/notifications.html", {"items": items,
                                                             "unread": sum(1 for n in items if n.read_at is None)})


@page
def reminder_preferences(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """The signed-in user's choice: the daily digest by e-mail at an hour, or in Mandate only."""
    current = selectors.reminder_preference_of(user=request.user)
    if request.method != "POST":
        form = ReminderPreferenceForm(initial={"channel": current.channel, "digest_hour": current.digest_hour})
        return render(request, "monitoring/preferences.html", {"form": form})
    form = ReminderPreferenceForm(request.POST)
    form.submit(lambda data: services.reminder_preference_set(actor=request.user, user=request.user, **data))
    if form.refused:
        return render(request, "monitoring/preferences.html", {"form": form}, status=form.status)
    messages.success(request, _("Your reminder settings are saved."))
    return redirect("reminder_preferences")


@require_POST
@page
def notifications_read(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    services.notifications_mark_read(actor=request.user)
    return redirect("monitoring:notifications")

