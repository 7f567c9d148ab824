"""The findings of a supervision case cite tasks of its directive: the form posted from the supervision panel."""
import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mandate.core.errors import DomainError
from mandate.core.ids import query_id
from mandate.inspections.citations import findings_cite
from mandate.inspections.selectors import case_get
from mandate.tasks.models import Task
from mandate.web.forms import reason_text, refusal_message
from mandate.web.pages import page


@require_POST
@page
def case_cite(request: HttpRequest, case_id: int, as_of: dt.date) -> HttpResponse:
    case = case_get(user=request.user, case_id=case_id, as_of=as_of)
    ids = [number for number in map(query_id, request.POST.getlist("task")) if number is not None]
    try:
        cited = findings_cite(actor=request.user, case=case, tasks=list(Task.objects.filter(pk__in=ids)),
                              note=request.POST.get("note", ""))
    except DomainError as error:
        if error.status == 403:
            raise
        messages.error(request, " ".join([refusal_message(error), *(reason_text(item) for item in error.errors)]))
    else:
        messages.success(request, ngettext("The findings cite %(n)s task.", "The findings cite %(n)s tasks.", len(cited))
                         % {"n": len(cited)})
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    return redirect("inspections:detail", case.pk)
