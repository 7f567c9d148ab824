"""The page of one document: its facts and chain from the register, the tasks it gave, and its history.

Composed here, not in `documents`, because it shows tasks and offers to assign one: the register sits below tasks,
so its own template (`documents/detail.html`) leaves blocks that `tasks/document_detail.html` fills.
"""
import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mandate.web.pages import page
from mandate.audit.reads import read_log
from mandate.documents.forms import type_name
from mandate.documents.selectors import document_attachments, document_chain, document_get
from mandate.tasks.history import history_lines
from mandate.tasks.permissions import can_assign
from mandate.tasks.selectors import TaskFilters, tasks_list

@page
def document_detail(request: HttpRequest, document_id: int, as_of: dt.date) -> HttpResponse:
    document = document_get(user=request.user, document_id=document_id)
    read_log(reader=request.user, items=[document], via="page")
    return render(request, "tasks/document_detail.html", {
        "document": document, "type_name": type_name(document.type),
        "chain": document_chain(user=request.user, document=document),
        "attachments": document_attachments(document=document),
        "tasks": tasks_list(user=request.user, filters=TaskFilters(as_of=as_of, document=document)),
        "may_assign": document.issuing_unit is not None and can_assign(request.user, document.issuing_unit),
        "history": history_lines(obj=document),  # `document` came through document_get: the user may see it
    })
