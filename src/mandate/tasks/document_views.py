"""The page of one document: its facts and chain from the register, the tasks it gave, and its history.

Composed here, not in `documents`, because it shows tasks and offers to assign one: the register sits below tasks,
so its own template (`documents/detail.html`) leaves blocks that `tasks/document_detail.html` fills.
"""
import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.web.forms import reason_text
from mandate.web.pages import page
from mandate.audit.reads import read_log
from mandate.core.errors import DomainError
from mandate.documents.forms import type_name
from mandate.documents.permissions import can_change_document, can_read_document_files
from mandate.documents.selectors import document_attachments, document_chain, document_get
from mandate.documents.services import attachment_add
from mandate.tasks.history import history_lines
from mandate.tasks.permissions import can_assign
from mandate.tasks.selectors import TaskFilters, tasks_list

@page
def document_detail(request: HttpRequest, document_id: int, as_of: dt.date) -> HttpResponse:
    document = document_get(user=request.user, document_id=document_id)
    read_log(reader=request.user, items=[document], via="page")
    return _render(request, document, as_of)


@require_POST
@page
def document_attach(request: HttpRequest, document_id: int, as_of: dt.date) -> HttpResponse:
    """A file attached from the document's page; a refused file is named on the page with its reason."""
    document = document_get(user=request.user, document_id=document_id)
    upload = request.FILES.get("file")
    if upload is None:
        return _render(request, document, as_of, refusal=_("Choose a file to attach."), status=422)
    try:
        attachment = attachment_add(actor=request.user, document=document, upload=upload)
    except DomainError as error:
        reasons = [reason_text(item) for item in error.errors]
        return _render(request, document, as_of, refusal=error.message, reasons=reasons, status=error.status)
    messages.success(request, _("%(name)s is attached.") % {"name": attachment.name})
    return redirect("document_detail", document_id=document.pk)


def _render(request, document, as_of, *, refusal: str = "", reasons: list[str] = (), status: int = 200) -> HttpResponse:
    return render(request, "tasks/document_detail.html", {
        "attach_refusal": refusal, "attach_reasons": list(reasons),
        "attach_extensions": ", ".join(settings.MANDATE_UPLOAD_EXTENSIONS),
        "may_attach": can_change_document(request.user, document),
        "may_read_files": can_read_document_files(request.user, document),
        "document": document, "type_name": type_name(document.type),
        "chain": document_chain(user=request.user, document=document),
        "attachments": document_attachments(user=request.user, document=document),
        "tasks": tasks_list(user=request.user, filters=TaskFilters(as_of=as_of, document=document)),
        "may_assign": document.issuing_unit is not None and can_assign(request.user, document.issuing_unit),
        "history": history_lines(obj=document),  # `document` came through document_get: the user may see it
    }, status=status)
