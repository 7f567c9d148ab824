"""Pages of reviews, under /reviews/: report regimes and who has sent theirs, reports that compile themselves, the
review and quality rating, indicator sets per commune."""
import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.core.errors import NotFound, invalid
from mandate.core.ids import query_id
from mandate.core.preconditions import form_version
from mandate.reviews import exports, selectors, services
from mandate.reviews.compile import report_figures
from mandate.reviews.forms import (
    AppraisalForm, DecisionForm, DraftForm, IndicatorSetForm, IndicatorValueForm, IssueForm, NarrativeForm, PeriodForm,
    RatingRulesForm, RatingScopeForm, RegimeForm, RulesPickerForm, SelfAssessmentForm,
)
from mandate.reviews.models import Level, ReviewState
from mandate.reviews.points import DEFAULT_RULES, KIND_LABELS, MEASURE_LABELS
from mandate.reviews.permissions import can_set_rating_scheme, can_decide_rating, can_define_indicators, can_draft_report, can_issue_report
from mandate.web.pages import page


@page
def index(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    return render(request, "reviews/index.html", {
        "regimes": selectors.regimes_list(user=request.user)[:20],
        "reports": selectors.reports_list(user=request.user)[:10],
        "sets": selectors.indicator_sets_list(user=request.user)[:10]})


@page
def regimes(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    form = RegimeForm(request.POST or None, viewer=request.user)
    if request.method == "POST":
        regime = form.submit(lambda data: services.regime_create(actor=request.user, **data))
        if regime is not None:
            messages.success(request, _("The report regime is saved."))
            return redirect("reviews:regime", regime_id=regime.pk)
    return render(request, "reviews/regimes.html", {"form": form, "regimes": selectors.regimes_list(user=request.user)},
                  status=form.status)


@page
def regime(request: HttpRequest, regime_id: int, as_of: dt.date) -> HttpResponse:
    found = selectors.regime_get(user=request.user, regime_id=regime_id)
    recent = selectors.regime_recent_periods(regime=found, day=as_of)
    chosen = PeriodForm(request.GET).data.get("period") or (recent[0].key if recent else "")
    submissions = None
    if chosen:
        submissions = selectors.submissions_of(user=request.user, regime=found,
                                               period=selectors.regime_period(regime=found, key=chosen))
    draft = DraftForm(initial={"period": chosen}, viewer=request.user)
    return render(request, "reviews/regime.html", {
        "regime": found, "recent": recent, "chosen": chosen, "submissions": submissions, "draft": draft,
        "summary": submissions.summary() if submissions else None,
        "own": selectors.reports_list(user=request.user, regime=found).filter(unit=found.receiver,
                                                                              period_start=submissions.period.start).first()
        if submissions else None})


@require_POST
@page
def remind(request: HttpRequest, regime_id: int, as_of: dt.date) -> HttpResponse:
    found = selectors.regime_get(user=request.user, regime_id=regime_id)
    period = request.POST.get("period", "")
    count = services.reporters_remind(actor=request.user, regime=found, period=period)
    messages.success(request, _("%(n)s people were reminded.") % {"n": count})
    return redirect(f"{reverse('reviews:regime', args=[found.pk])}?{urlencode({'period': period})}")


@require_POST
@page
def report_new(request: HttpRequest, regime_id: int, as_of: dt.date) -> HttpResponse:
    found = selectors.regime_get(user=request.user, regime_id=regime_id)
    form = DraftForm(request.POST, viewer=request.user)
    report = form.submit(lambda data: services.report_draft(actor=request.user, regime=found, **data))
    if report is None:
        return render(request, "reviews/regime.html", {"regime": found, "draft": form, "recent": [],
                                                       "chosen": request.POST.get("period", "")}, status=form.status)
    return redirect("reviews:report", report_id=report.pk)


@page
def reports(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    return render(request, "reviews/reports.html", {"reports": selectors.reports_list(user=request.user)[:200]})


def _report_context(request, report, narrative=None, issue=None) -> dict:
    figures = report_figures(user=request.user, report=report)
    return {"report": report, "figures": figures, "printed": exports.report_paper(report=report, figures=figures),
            "counted_on": dt.date.fromisoformat(figures["as_of"]),
            "narrative": narrative or NarrativeForm(initial={name: getattr(report, name) for name in ("title", *services.NARRATIVE)}),
            "issue": issue or IssueForm(), "may_edit": report.state == "draft" and can_draft_report(request.user, report.unit),
            "may_issue": report.state == "draft" and can_issue_report(request.user, report.unit)}


@page
def report(request: HttpRequest, report_id: int, as_of: dt.date) -> HttpResponse:
    found = selectors.report_get(user=request.user, report_id=report_id)
    if request.method == "POST":
        form = NarrativeForm(request.POST)
        saved = form.submit(lambda data: services.report_edit(actor=request.user, report=found,
                                                              version=form_version(request), **data))
        if saved is None:
            return render(request, "reviews/report.html", _report_context(request, found, narrative=form), status=form.status)
        messages.success(request, _("The report is saved."))
        return redirect("reviews:report", report_id=found.pk)
    return render(request, "reviews/report.html", _report_context(request, found))


@require_POST
@page
def report_issue(request: HttpRequest, report_id: int, as_of: dt.date) -> HttpResponse:
    found = selectors.report_get(user=request.user, report_id=report_id)
    form = IssueForm(request.POST)
    issued = form.submit(lambda data: services.report_issue(actor=request.user, report=found, version=form_version(request),
                                                           **data))
    if issued is None:
        return render(request, "reviews/report.html", _report_context(request, found, issue=form), status=form.status)
    messages.success(request, _("The report is issued as %(number)s.") % {"number": issued.document.number_text})
    return redirect("reviews:report", report_id=found.pk)


def _download(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@page
def report_export(request: HttpRequest, report_id: int, fmt: str, as_of: dt.date) -> HttpResponse:
    found = selectors.report_get(user=request.user, report_id=report_id)
    if fmt not in ("docx", "pdf"):
        raise NotFound(_("A report is exported as docx or pdf."))
    printed = exports.report_paper(report=found, figures=report_figures(user=request.user, report=found))
    content = exports.report_docx(printed) if fmt == "docx" else exports.report_pdf(printed)
    return _download(content, fmt, f"bao-cao-{found.pk}")


# ---- Ratings ----

def _rating_scope(request, as_of: dt.date, query: QueryDict | None = None):
    query = request.GET if query is None else query
    form = RatingScopeForm(query or None, viewer=request.user, auto_id="scope_%s")  # beside the self-assessment's
    data = form.cleaned_data if form.is_valid() else {}
    organization, kind, key = data.get("organization"), data.get("period_kind") or "year", data.get("period") or ""
    period = services.rating_period(period_kind=kind, period=key) if key else None
    reviews = selectors.reviews_list(user=request.user, organization=organization, period_kind=kind,
                                     period_start=period.start if period else None, subject_kind=data.get("subject_kind") or None)
    return form, organization, kind, period, reviews


def _ratings_page(request, as_of: dt.date, *, query: QueryDict | None = None, assess=None, decide=None,
                  status: int = 200) -> HttpResponse:
    """The ratings of a scope with the self-assessment form and the decision (with its refusal, when it was refused)."""
    query = request.GET if query is None else query
    form, organization, kind, period, reviews = _rating_scope(request, as_of, query)
    return render(request, "reviews/ratings.html", {
        "form": form, "assess": assess or SelfAssessmentForm(viewer=request.user), "rows": list(reviews[:500]),
        "organization": organization, "period": period, "decide": decide or DecisionForm(), "levels": Level.choices,
        "may_decide": organization is not None and can_decide_rating(request.user, organization),
        "export_query": query.urlencode()}, status=status)


@page
def ratings(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    assess = SelfAssessmentForm(request.POST or None, viewer=request.user)
    if request.method == "POST":
        review = assess.submit(lambda data: services.review_self_assess(actor=request.user, **data))
        if review is not None:
            messages.success(request, _("The self-assessment is saved."))
            return redirect("reviews:rating", review_id=review.pk)
    return _ratings_page(request, as_of, assess=assess, status=assess.status)


def _rules_rows(rules: dict) -> list[dict]:
    return [{"measure": MEASURE_LABELS.get(item["measure"], item["measure"]), "kind": KIND_LABELS.get(item["kind"], item["kind"]),
             "points": item["points"], "each": item.get("each")} for item in rules["task_points"]]


@page
def rating_rules(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """A committee's rules for the 70 points of task results, beside the documented default; its leaders change them."""
    picker = RulesPickerForm(request.GET or None, viewer=request.user)
    organization = picker.cleaned_data.get("organization") if picker.is_valid() else None
    found = selectors.rating_scheme_of(unit=organization) if organization is not None else None
    may_set = organization is not None and can_set_rating_scheme(request.user, organization)
    form = RatingRulesForm(request.POST or None, rules=found["rules"] if found else None) if may_set else None
    if request.method == "POST":
        if organization is None:
            raise invalid("organization", _("name the committee whose rules these are"), "required")
        if form is None:
            form = RatingRulesForm(request.POST)
        saved = form.submit(lambda data: services.rating_scheme_set(actor=request.user, unit=organization,
                                                                    rules=form.rules(data), version=form_version(request)))
        if saved is not None:
            messages.success(request, _("The rating rules are saved."))
            return redirect(f"{reverse('reviews:rating_rules')}?{urlencode({'organization': organization.name})}")
    return render(request, "reviews/rating_rules.html", {
        "picker": picker, "organization": organization, "found": found, "form": form,
        "rows": _rules_rows(found["rules"]) if found else [], "default_rows": _rules_rows(DEFAULT_RULES),
        "query": request.GET.urlencode()}, status=form.status if form is not None else 200)


@require_POST
@page
def ratings_decide(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    form = DecisionForm(request.POST)
    ids = [value for value in request.POST.getlist("review") if query_id(value) is not None]
    decisions = [(selectors.review_get(user=request.user, review_id=query_id(value)), request.POST.get(f"level-{value}") or None)
                 for value in ids]
    if not decisions:
        raise invalid("decisions", _("name at least one review to decide"), "required")
    organization = decisions[0][0].organization
    decided = form.submit(lambda data: services.reviews_decide(actor=request.user, organization=organization,
                                                               decisions=decisions, **data))
    back = request.POST.get("back", "")
    if decided is None:  # the ratings of the scope again, the refusal (the quota named) above the ticked rows
        return _ratings_page(request, as_of, query=QueryDict(back), decide=form, status=form.status)
    messages.success(request, _("%(n)s ratings are decided.") % {"n": len(decided)})
    return redirect(f"{reverse('reviews:ratings')}?{back}" if back else reverse("reviews:ratings"))


@page
def rating(request: HttpRequest, review_id: int, as_of: dt.date) -> HttpResponse:
    review = selectors.review_get(user=request.user, review_id=review_id)
    form = AppraisalForm(request.POST or None, initial={"appraised_points": review.self_points})
    if request.method == "POST":
        done = form.submit(lambda data: services.review_appraise(actor=request.user, review=review, **data))
        if done is not None:
            messages.success(request, _("The appraisal is saved."))
            return redirect("reviews:rating", review_id=review.pk)
    history = selectors.review_history(user=request.user, unit=review.unit, person_name=review.person_name)
    lines = [{**line, "label": MEASURE_LABELS.get(line["measure"], line["measure"])}
             for line in review.breakdown.get("lines", [])]
    return render(request, "reviews/rating.html", {"review": review, "form": form, "history": history, "lines": lines,
                                                   "may_appraise": review.state != ReviewState.DECIDED},
                  status=form.status)


@page
def ratings_export(request: HttpRequest, fmt: str, as_of: dt.date) -> HttpResponse:
    if fmt not in ("docx", "xlsx"):
        raise NotFound(_("A rating table is exported as docx or xlsx."))
    _form, organization, kind, period, reviews = _rating_scope(request, as_of)
    if organization is None:
        raise invalid("organization", _("name the competent level whose ratings to export"), "required")
    subtitle = (_("%(org)s, %(start)s to %(end)s") % {"org": organization.name, "start": period.start.strftime("%d/%m/%Y"),
                                                      "end": period.end.strftime("%d/%m/%Y")} if period else organization.name)
    table = exports.rating_table(organization=organization, reviews=list(reviews), subtitle=subtitle, day=as_of)
    content = exports.rating_docx(table) if fmt == "docx" else exports.rating_xlsx(table)
    return _download(content, fmt, f"xep-loai-{organization.code}")


# ---- Indicator sets ----

@page
def indicator_sets(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    form = IndicatorSetForm(request.POST or None, viewer=request.user)
    if request.method == "POST":
        created = form.submit(lambda data: services.indicator_set_create(actor=request.user, **data))
        if created is not None:
            messages.success(request, _("The indicator set is saved."))
            return redirect("reviews:indicator_set", set_id=created.pk)
    return render(request, "reviews/indicator_sets.html", {"form": form, "sets": selectors.indicator_sets_list(user=request.user)},
                  status=form.status)


@page
def indicator_set(request: HttpRequest, set_id: int, as_of: dt.date) -> HttpResponse:
    found = selectors.indicator_set_get(user=request.user, set_id=set_id)
    form = IndicatorValueForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.submit(lambda data: services.indicator_value_report(
            actor=request.user, indicator_set=found, **data)) is not None:
        messages.success(request, _("The value is recorded."))
        return redirect("reviews:indicator_set", set_id=found.pk)
    indicators, rows = selectors.indicator_matrix(user=request.user, indicator_set=found, as_of=as_of)
    return render(request, "reviews/indicator_set.html", {
        "set": found, "indicators": indicators, "rows": rows, "form": form,
        "may_apply": can_define_indicators(request.user, found.owner)}, status=form.status)


@require_POST
@page
def indicator_set_apply(request: HttpRequest, set_id: int, as_of: dt.date) -> HttpResponse:
    found = selectors.indicator_set_get(user=request.user, set_id=set_id)
    count = services.indicator_set_apply(actor=request.user, indicator_set=found)
    messages.success(request, _("%(n)s targets were given to the communes.") % {"n": count})
    return redirect("reviews:indicator_set", set_id=found.pk)
