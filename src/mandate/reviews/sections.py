"""The report sections of the apps that stand below reviews and are not tasks: inspections (the cases opened in the
period, their recommendations) and personnel (the cadre movements of the period). Each is a `Section` of a `Scope`,
or None when the period holds nothing of it; `compile.SECTION_PROVIDERS` lists them. They read the owners' selectors,
so a reader sees only the cases and the records they may know of."""
from collections import Counter

from django.utils.translation import gettext as _

from mandate.inspections.models import CaseKind, CaseState
from mandate.inspections.selectors import CaseFilters, cases_list, recommendation_totals
from mandate.orgs.models import Unit
from mandate.orgs.selectors import unit_subtree_ids
from mandate.personnel.models import EventKind
from mandate.personnel.selectors import events_list
from mandate.reviews.scope import Scope, Section
from mandate.tasks.status import OFFICIAL_FOUR, OFFICIAL_TOTALS


def inspections_section(scope: Scope) -> Section | None:
    """Cases the unit's bodies (its commission among them) opened in the period, by kind and state on the cut-off."""
    within = unit_subtree_ids(unit=scope.unit, as_of=scope.as_of)
    cases = (cases_list(user=scope.user, filters=CaseFilters(as_of=scope.as_of, opened_from=scope.start, opened_to=scope.end))
             .filter(body__in=within))
    counts = Counter((case.kind, case.state_on) for case in cases)
    if not counts:
        return None
    rows = [[str(CaseKind(kind).label), str(CaseState(state).label), n] for (kind, state), n in sorted(counts.items())]
    return Section(key="inspections", title=_("Inspection and supervision in the period"),
                   columns=[_("Kind"), _("State"), _("Number of cases")],
                   rows=rows)


def recommendations_of(*, user, unit, start, end, as_of) -> dict[str, int]:
    """The official totals of the recommendations addressed to the unit and the units below it, of the cases concluded
    in the period."""
    codes = set(Unit.objects.filter(pk__in=unit_subtree_ids(unit=unit, as_of=as_of)).values_list("code", flat=True))
    totals = dict.fromkeys(OFFICIAL_TOTALS, 0)
    for code, counts in recommendation_totals(user=user, as_of=as_of, start=start, end=end).items():
        if codes is None or code in codes:
            for name in totals:
                totals[name] += counts[name]
    return totals


def recommendations_section(scope: Scope) -> Section | None:
    totals = recommendations_of(user=scope.user, unit=scope.unit, start=scope.start, end=scope.end, as_of=scope.as_of)
    if not totals["assigned"]:
        return None
    labels = {"completed_on_time": _("Completed on time"), "completed_late": _("Completed late"),
              "within_deadline": _("Within deadline"), "overdue": _("Overdue")}
    rows = [[_("Assigned"), totals["assigned"]], *([labels[name], totals[name]] for name in OFFICIAL_FOUR)]
    return Section(key="recommendations", title=_("Recommendations of the inspections and their fulfilment"),
                   columns=[_("Figure"), _("Number of recommendations")], rows=rows)


def cadre_movements_section(scope: Scope) -> Section | None:
    """The personnel events that took effect in the period on the posts of the unit and the units below it."""
    within = unit_subtree_ids(unit=scope.unit, as_of=scope.as_of)
    events = events_list(user=scope.user, date_from=scope.start, date_to=scope.end).filter(position__unit__in=within)
    counts = Counter(events.values_list("kind", flat=True))
    if not counts:
        return None
    rows = [[str(EventKind(kind).label), n] for kind, n in sorted(counts.items())]
    return Section(key="cadre_movements", title=_("Cadre work: appointments, elections, transfers and other movements"),
                   columns=[_("Kind"), _("Cadres")], rows=rows)
