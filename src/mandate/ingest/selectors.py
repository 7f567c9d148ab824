"""Reading a directive against the register: the reader's object with units matched and citations looked up."""
import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext

from mandate.accounts.permissions import require
from mandate.accounts.secrecy import secrecy_q
from mandate.accounts.selectors import membership_units
from mandate.documents import numbering
from mandate.documents.models import Document
from mandate.documents.permissions import can_register_somewhere, visible_documents
from mandate.documents.services import number_key
from mandate.ingest.models import LabeledExample
from mandate.ingest.reader import read
from mandate.ingest.register import province_of, unit_matcher
from mandate.orgs.models import Unit
from mandate.tasks.clears import missing_clears
from mandate.tasks.issue import DocumentHeader, TaskSpec, task_drafts

reference_number = numbering.number_in  # the document number in a number or in a cited phrase


def home_province(*, user, province_code: str | None = None) -> str | None:
    """The province whose units win ties: the one asked for, else the one of the user's first membership."""
    if province_code:
        return province_code
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return next((code for unit in membership_units(user=user) if (code := province_of(unit.code))), None)


def registered_document(*, user, number: numbering.DocumentNumber, issued_on: dt.date | None,
                        province_code: str | None = None) -> Document | None:
    """The registered document of this number that `user` may see; the signing date and the province break ties."""
    documents = visible_documents(
        user, Document.objects.filter(registered=True, number_key=number_key(number)).select_related("issuing_unit"))
    if issued_on is not None:
        documents = documents.filter(issued_on__gte=issued_on - dt.timedelta(days=1), issued_on__lte=issued_on + dt.timedelta(days=1))
    candidates = list(documents.order_by("id")[:20])
    if province_code:
        candidates.sort(key=lambda d: not (d.issuing_unit and province_of(d.issuing_unit.code) == province_code))
    return candidates[0] if candidates else None


def ingestion_read(*, user, text: str, language: str | None = None, province_code: str | None = None,
                   as_of: dt.date) -> dict:
    """The DESIGN §4 object for `text`, tasks' units matched on `as_of`, each reference with its `registered_id`.

    Reading is the first step of registering: only those who register documents somewhere may run the reader."""
    require(can_register_somewhere(user), gettext("Only those who register documents may read a directive into the register."))
    province = home_province(user=user, province_code=province_code)
    reading = read(text, language=language, units=unit_matcher(province_code=province, as_of=as_of))
    for reference in reading["references"]:
        number = reference_number(reference["raw"])
        found = None
        if number is not None:
            found = registered_document(user=user, number=number, province_code=province,
                                        issued_on=dt.date.fromisoformat(reference["date"]) if reference["date"] else None)
        reference["registered_id"] = found.pk if found else None
    return reading


def unit_names(*, codes: set[str]) -> dict[str, str]:
    """Code → name of the units among `codes` (the review shows names beside the codes it proposes)."""
    return dict(Unit.objects.filter(code__in=codes).values_list("code", "name"))


def missing_clears_of(*, header: DocumentHeader, tasks: list[TaskSpec]) -> list[set[str]]:
    """For each reviewed task, the clears it still misses, by the very check that issuing it runs
    (`tasks.issue.task_drafts`: the same units, the same leaders, the header standing in for the document)."""
    return [{error.code.removeprefix("clear_") for error in missing_clears(draft)}
            for draft in task_drafts(header=header, tasks=tasks)]


def labeled_examples(*, user=None, since: dt.date | None = None, clearance: int | None = None):
    """The confirmed readings kept as labeled examples, oldest first. For a `user`, only those whose level (and their
    document's, should it have been raised since) the user's clearance covers, and only to one who registers
    documents; `user` None is the operator at the console. `since` and `clearance` narrow further."""
    examples = LabeledExample.objects.select_related("document")
    if user is not None:
        require(can_register_somewhere(user), gettext("Only those who register documents may read the confirmed readings."))
        examples = examples.filter(secrecy_q(user, need_to_know=Q())).filter(
            Q(document__isnull=True) | secrecy_q(user, need_to_know=Q(), field="document__secrecy"))
    if since is not None:
        examples = examples.filter(created_at__date__gte=since)
    if clearance is not None:
        examples = examples.filter(secrecy__lte=clearance).filter(Q(document__isnull=True) | Q(document__secrecy__lte=clearance))
    return examples.order_by("created_at", "pk")
