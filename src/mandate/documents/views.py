"""Pages of the register: the list and registering a document (one document's page, with its tasks, is in tasks)."""
import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mandate.audit.reads import read_log
from mandate.web.downloads import file_download
from mandate.web.pages import page
from mandate.core.errors import DomainError, PermissionDenied
from mandate.documents import selectors, services
from mandate.documents.forms import RELATION_ROWS, DocumentFilterForm, DocumentRegisterForm
from mandate.documents.permissions import can_register_somewhere

PAGE_SIZE = 25


def documents_from(request: HttpRequest, as_of: dt.date):
    """The register's filters from the query string: (form, the documents they select)."""
    form = DocumentFilterForm(request.GET)
    documents = []
    if form.is_valid():
        data = form.cleaned_data
        documents = selectors.documents_list(user=request.user, q=data["q"] or None, type=data["type"] or None,
                                             issuing_unit=data["issuing_unit"], subtree=True, as_of=as_of)
    return form, documents


@page
def document_search(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """Suggestions for a field that takes a document: those the user may know of, by number or title."""
    field = request.GET.get("field", "q")
    text = (request.GET.get(field) or "").strip()
    found = selectors.documents_named(user=request.user, text=text) if len(text) >= 2 else []
    return render(request, "documents/_document_options.html", {"picks": selectors.document_picks(found)})


@page
def document_list(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    form, documents = documents_from(request, as_of)
    page_obj = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    may_register = can_register_somewhere(request.user)
    return render(request, "documents/list.html", {"form": form, "page_obj": page_obj, "may_register": may_register,
                                                   "export_query": request.GET.urlencode()})


@page
def document_register(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    if not can_register_somewhere(request.user):
        raise PermissionDenied(_("You hold no role that may register documents."))
    if request.method != "POST":
        return render(request, "documents/register.html", {"form": DocumentRegisterForm(initial={"issued_on": as_of})})
    form = DocumentRegisterForm(request.POST)
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        relations = [services.RelationSpec(kind=data[f"relation_kind_{i}"], number=data[f"relation_number_{i}"],
                                           issued_on=data[f"relation_date_{i}"])
                     for i in range(RELATION_ROWS) if data[f"relation_kind_{i}"]]
        try:
            document = services.document_register(
                actor=request.user, issuing_unit=data["issuing_unit"], type=data["type"], issued_on=data["issued_on"],
                title=data["title"], number=data["number"] or None, signer=data["signer"], text=data["text"],
                secrecy=data["secrecy"], relations=relations)
        except DomainError as error:
            form.add_domain_error(error)
            status = error.status
        else:
            messages.success(request, _("Document %(number)s was registered.") % {"number": document.number_text})
            return redirect("document_detail", document_id=document.pk)
    return render(request, "documents/register.html", {"form": form, "refusal": getattr(form, "refusal", None)},
                  status=status)


@page
def attachment_download(request: HttpRequest, document_id: int, attachment_id: int, as_of: dt.date) -> HttpResponse:
    """An attachment, to those who may see its document (uploads are never served by path)."""
    attachment = selectors.attachment_get(user=request.user, document_id=document_id, attachment_id=attachment_id)
    read_log(reader=request.user, items=[attachment.document], via="download")
    return file_download(attachment.file, name=attachment.name)
