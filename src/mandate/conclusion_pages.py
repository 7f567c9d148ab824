"""A meeting's conclusion, read from its text and issued from the meeting's own pages.

The reader's review (ingest) and the meeting's service (meetings) meet here, at the top, so that neither app imports
the other: the review proposes a TB of the body that met, and confirming issues it through `meeting_conclude`.
"""
import datetime as dt
import functools
from dataclasses import replace

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from mandate.ingest.services import ReviewLabels, example_record
from mandate.ingest.views import review_confirm, review_start
from mandate.meetings.selectors import meeting_get
from mandate.meetings.services import meeting_conclude
from mandate.tasks.issue import DocumentHeader
from mandate.web.pages import page


def _extra(meeting) -> dict:
    return {"meeting": meeting, "start_url": reverse("meeting_conclusion", args=[meeting.pk]),
            "confirm_url": reverse("meeting_conclusion_confirm", args=[meeting.pk])}


def conclusion_header(header: DocumentHeader, meeting) -> DocumentHeader:
    """What the text did not say, the meeting does: a TB of the body that met, on its last day."""
    return replace(header, type=header.type or "TB", issuing_unit=meeting.body.code,
                   issued_on=header.issued_on or meeting.ends_on,
                   title=header.title or f"Thông báo kết luận {meeting.title[:1].lower()}{meeting.title[1:]}")


@page
def conclusion_read(request: HttpRequest, as_of: dt.date, meeting_id: int) -> HttpResponse:
    """Paste the conclusion notice or upload its file; POST reads it and shows the review."""
    meeting = meeting_get(user=request.user, meeting_id=meeting_id)
    return review_start(request, as_of, header_default=functools.partial(conclusion_header, meeting=meeting),
                        extra=_extra(meeting))


def _conclude(*, meeting, labels: ReviewLabels, actor, **reviewed):
    """Conclude the meeting and keep the reviewed conclusion as a labeled example, in one transaction."""
    with transaction.atomic():
        issued = meeting_conclude(actor=actor, meeting=meeting, **reviewed)
        example_record(actor=actor, document=issued.document, text=reviewed.get("text", ""), labels=labels)
    return issued


@require_POST
@page
def conclusion_issue(request: HttpRequest, as_of: dt.date, meeting_id: int) -> HttpResponse:
    """Issue the reviewed conclusion with its tasks and conclude the meeting, all or nothing."""
    meeting = meeting_get(user=request.user, meeting_id=meeting_id)
    return review_confirm(request, issue=functools.partial(_conclude, meeting=meeting),
                          done=lambda issued: reverse("meetings:detail", args=[meeting.pk]), extra=_extra(meeting))
