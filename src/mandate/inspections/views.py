"""Pages of the inspection commission's work: the case register, a case with its steps, timeline and forms, the
yearly programmes, the discipline register. Each view parses with its form, calls one service or selector and
renders; a refusal is shown next to the field it names, in the reader's language."""
import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.audit.reads import read_log
from mandate.core import clock
from mandate.core.errors import DomainError, FieldError, PermissionDenied
from mandate.inspections import discipline, forms, selectors, services
from mandate.inspections.models import CaseKind, CaseState, DisciplineForm as Form, DisciplineState, TargetKind
from mandate.inspections.permissions import (
    can_open_cases_somewhere, can_view_cases_somewhere, can_work_on_case,
)
from mandate.web.pages import page


def _require_circle(user) -> None:
    if not can_view_cases_somewhere(user):
        raise PermissionDenied(_("Cases are known only to the inspection commission and the committee's standing bodies."))


# The case register

@page
def case_list(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    _require_circle(request.user)
    kind = request.GET.get("kind") if request.GET.get("kind") in CaseKind.values else None
    state = request.GET.get("state") if request.GET.get("state") in CaseState.values else None
    cases = selectors.cases_list(user=request.user, filters=selectors.CaseFilters(
        as_of=as_of, kind=kind, state=state, q=request.GET.get("q")))
    return render(request, "inspections/list.html", {
        "cases": cases[:200], "kinds": CaseKind.choices, "states": CaseState.choices, "kind": kind or "",
        "state": state or "", "q": request.GET.get("q", ""), "as_of": as_of,
        "may_open": can_open_cases_somewhere(request.user)})


@page
def case_create(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    if not can_open_cases_somewhere(request.user):
        raise PermissionDenied(_("You hold no writing role in a body that conducts cases."))
    if request.method != "POST":
        return render(request, "inspections/create.html", {"form": forms.CaseForm(user=request.user,
                                                                                  initial={"opened_on": clock.today()})})
    form = forms.CaseForm(request.POST, user=request.user)
    case = form.submit(lambda data: services.case_open(actor=request.user, **data))
    if form.refused:
        return render(request, "inspections/create.html", {"form": form, "refusal": form.refusal}, status=form.status)
    messages.success(request, _("The case is opened."))
    return redirect("inspections:detail", case.pk)


# One case

def _detail_context(request: HttpRequest, case, as_of: dt.date, **forms_given) -> dict:
    steps = selectors.next_steps(case=case)
    today = clock.today()
    version = {"version": case.version}
    context = {
        "case": case, "as_of": as_of, "steps": selectors.case_steps(case=case, as_of=as_of),
        "team": selectors.case_team(case=case), "timeline": selectors.case_timeline(case=case),
        "recommendations": selectors.case_recommendations(case=case, as_of=as_of),
        "totals": selectors.recommendation_totals_of(case=case, as_of=as_of),
        "can_work": can_work_on_case(request.user, case) and case.state not in (CaseState.CLOSED, CaseState.NOT_HANDLED),
        "may_conclude": selectors.may_conclude(case=case),
        "step_form": forms.StepForm(steps=steps, viewer=request.user, initial={"done_on": today, **version}, prefix="step"),
        "extend_form": forms.ExtendForm(initial=version, prefix="extend") if case.kind == CaseKind.DENUNCIATION and not case.extension_count else None,
        "decline_form": forms.DeclineForm(initial={"on": today, **version}, prefix="decline"),
        "conclude_form": forms.ConcludeForm(initial={"done_on": today, **version}, prefix="conclude"),
        "recommendation_forms": [forms.RecommendationForm(viewer=request.user, prefix=f"r{n}") for n in range(forms.RECOMMENDATION_ROWS)],
        "is_complaint": case.kind == CaseKind.COMPLAINT,
    }
    context.update(forms_given)
    return context


@page
def case_detail(request: HttpRequest, as_of: dt.date, case_id: int) -> HttpResponse:
    case = selectors.case_get(user=request.user, case_id=case_id, as_of=as_of)
    read_log(reader=request.user, items=[case], via="page")
    return render(request, "inspections/detail.html", _detail_context(request, case, as_of))


def _act(request, case_id: int, form, name: str, call, done: str) -> HttpResponse:
    case = selectors.case_get(user=request.user, case_id=case_id, as_of=clock.today())
    form.submit(lambda data: call(case, data))
    if form.refused:
        context = _detail_context(request, case, clock.today(), **{name: form}, refusal=form.refusal)
        return render(request, "inspections/detail.html", context, status=form.status)
    messages.success(request, done)
    return redirect("inspections:detail", case_id)


@require_POST
@page
def case_step(request: HttpRequest, as_of: dt.date, case_id: int) -> HttpResponse:
    case = selectors.case_get(user=request.user, case_id=case_id, as_of=clock.today())
    form = forms.StepForm(request.POST, steps=selectors.next_steps(case=case), viewer=request.user, prefix="step")

    def record(case, data):
        services.case_step_record(actor=request.user, case=case, step=data["step"], done_on=data["done_on"],
                                  note=data["note"], document=data["document"], document_title=data["document_title"],
                                  team=form.team(), expected_version=data["version"])

    return _act(request, case_id, form, "step_form", record, _("The step is recorded."))


@require_POST
@page
def case_extend(request: HttpRequest, as_of: dt.date, case_id: int) -> HttpResponse:
    def extend(case, data):
        services.case_extend(actor=request.user, case=case, working_days=data["working_days"], reason=data["reason"],
                             denouncer_informed_on=data["denouncer_informed_on"], expected_version=data["version"])

    return _act(request, case_id, forms.ExtendForm(request.POST, prefix="extend"), "extend_form", extend,
                _("The deadline is extended."))


@require_POST
@page
def case_decline(request: HttpRequest, as_of: dt.date, case_id: int) -> HttpResponse:
    def decline(case, data):
        services.case_decline(actor=request.user, case=case, on=data["on"], reason=data["reason"],
                              expected_version=data["version"])

    return _act(request, case_id, forms.DeclineForm(request.POST, prefix="decline"), "decline_form", decline,
                _("The case is closed without being handled."))


@require_POST
@page
def case_conclude(request: HttpRequest, as_of: dt.date, case_id: int) -> HttpResponse:
    case = selectors.case_get(user=request.user, case_id=case_id, as_of=clock.today())
    rows = [forms.RecommendationForm(request.POST, viewer=request.user, prefix=f"r{n}") for n in range(forms.RECOMMENDATION_ROWS)]
    form = forms.ConcludeForm(request.POST, prefix="conclude")
    filled = [row for row in rows if row.filled()]
    if not all(row.is_valid() for row in filled):
        form.is_valid()
        context = _detail_context(request, case, clock.today(), conclude_form=form, recommendation_forms=rows,
                                  refusal=_("Nothing was saved: correct what is marked below."))
        return render(request, "inspections/detail.html", context, status=422)

    def conclude(case, data):
        specs = [services.RecommendationSpec(
            title=row.cleaned_data["title"], lead_unit=getattr(row.cleaned_data["lead_unit"], "code", None),
            leader=getattr(row.cleaned_data["leader"], "username", None), product=row.cleaned_data["product"],
            deadline=row.cleaned_data["deadline"]) for row in filled]
        try:
            services.case_conclude(actor=request.user, case=case, done_on=data["done_on"], notice_title=data["notice_title"],
                                   findings=data["findings"], signer=data["signer"], outcome=data["outcome"],
                                   new_form=data["new_form"], recommendations=specs, expected_version=data["version"])
        except DomainError as error:
            _place_on_rows(error, filled)
            raise

    response = _act(request, case_id, form, "conclude_form", conclude, _("The notice of conclusion is issued; its recommendations are tasks."))
    if response.status_code >= 400:
        context = _detail_context(request, case, clock.today(), conclude_form=form, recommendation_forms=rows,
                                  refusal=form.refusal)
        return render(request, "inspections/detail.html", context, status=form.status)
    return response


def _place_on_rows(error: DomainError, rows) -> None:
    """`tasks.N.<field>` of the service is row N's field here."""
    for item in error.errors:
        parts = item.field.split(".")
        if parts[0] == "tasks" and len(parts) >= 3 and parts[1].isdigit() and int(parts[1]) < len(rows):
            row, field = rows[int(parts[1])], parts[2]
            row.add_domain_error(DomainError(error.message, [FieldError(field, item.reason, item.code)]))


# Programmes

@page
def programme_list(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    _require_circle(request.user)
    return render(request, "inspections/programmes.html", {
        "programmes": selectors.programmes_list(user=request.user), "may_open": can_open_cases_somewhere(request.user)})


@page
def programme_detail(request: HttpRequest, as_of: dt.date, programme_id: int) -> HttpResponse:
    programme = selectors.programme_get(user=request.user, programme_id=programme_id)
    items = selectors.programme_items(programme=programme, as_of=as_of)
    progress = {key: sum(item.progress == key for item in items)
                for key in (selectors.PLANNED, selectors.STARTED, selectors.FINISHED, selectors.SLIPPED)}
    return render(request, "inspections/programme.html", {"programme": programme, "items": items, "progress": progress,
                                                          "as_of": as_of})


@page
def programme_create(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    if not can_open_cases_somewhere(request.user):
        raise PermissionDenied(_("You hold no writing role in a body that conducts cases."))
    if request.method != "POST":
        return render(request, "inspections/programme_create.html", {
            "form": forms.ProgrammeForm(initial={"year": clock.today().year, "issued_on": clock.today()}),
            "items": [forms.ItemForm(viewer=request.user, prefix=f"i{n}") for n in range(forms.ITEM_ROWS)]})
    form = forms.ProgrammeForm(request.POST)
    rows = [forms.ItemForm(request.POST, viewer=request.user, prefix=f"i{n}") for n in range(forms.ITEM_ROWS)]
    filled = [row for row in rows if row.filled()]
    if all(row.is_valid() for row in filled):
        def adopt(data):
            items = [services.ItemSpec(kind=row.cleaned_data["kind"], subject=row.cleaned_data["subject"],
                                       quarter=row.cleaned_data["quarter"], lead_body=row.cleaned_data["lead_body"],
                                       target_unit=row.cleaned_data["target_unit"], target_person=row.cleaned_data["target_person"],
                                       period=row.cleaned_data["period"]) for row in filled]
            try:
                return services.programme_adopt(actor=request.user, items=items, **data)
            except DomainError as error:
                for item in error.errors:
                    parts = item.field.split(".")
                    if parts[0] == "items" and len(parts) >= 3 and parts[1].isdigit() and int(parts[1]) < len(filled):
                        field = "target_unit" if parts[2] == "target" else parts[2]
                        filled[int(parts[1])].add_domain_error(DomainError(error.message, [FieldError(field, item.reason, item.code)]))
                raise

        programme = form.submit(adopt)
    else:
        form.is_valid()
        programme, form.refused, form.status = None, True, 422
        form.refusal = _("Nothing was saved: correct what is marked below.")
    if form.refused:
        return render(request, "inspections/programme_create.html", {"form": form, "items": rows, "refusal": form.refusal},
                      status=form.status)
    messages.success(request, _("The programme is adopted."))
    return redirect("inspections:programme", programme.pk)


# Discipline

@page
def discipline_list(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    _require_circle(request.user)
    form, status, refusal = forms.DisciplineForm(viewer=request.user, initial={"decided_on": clock.today()}), 200, None
    if request.method == "POST":
        form = forms.DisciplineForm(request.POST, viewer=request.user)
        form.submit(lambda data: discipline.discipline_decide(actor=request.user, **data))
        if not form.refused:
            messages.success(request, _("The disciplinary decision is recorded."))
            return redirect("inspections:discipline")
        status, refusal = form.status, form.refusal
    chosen = request.GET.get("form") if request.GET.get("form") in Form.values else None
    decisions = selectors.disciplines_list(user=request.user, filters=selectors.DisciplineFilters(form=chosen))
    return render(request, "inspections/discipline.html", {
        "decisions": decisions[:200], "form": form, "refusal": refusal, "forms_choices": Form.choices, "chosen": chosen or "",
        "states": dict(DisciplineState.choices), "targets": dict(TargetKind.choices),
        "may_open": can_open_cases_somewhere(request.user)}, status=status)


# Suggestions

@page
def person_search(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """Suggestions for a field that names a person of the register."""
    field = request.GET.get("field", "q")
    q = (request.GET.get(field) or "").split(" — ")[0].strip()
    people = selectors.people_named(viewer=request.user, name=q) if len(q) >= 2 else []
    names = [person.full_name for person in people]
    options = [(forms.person_pick(person, shared=names.count(person.full_name) > 1), person) for person in people]
    return render(request, "inspections/_person_options.html", {"options": options})
