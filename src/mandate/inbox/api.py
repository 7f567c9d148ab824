"""/api/v1/inbox: what waits for the signed-in user, section by section, each entry with the page of its action."""
import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from mandate.inbox import selectors

router = Router(tags=["inbox"])


class EntryOut(Schema):
    title: str
    url: str
    unit: str
    date: dt.date | None
    detail: str
    task_id: int | None
    meeting_id: int | None
    opinion_id: int | None


class SectionOut(Schema):
    key: str
    label: str
    action: str
    count: int
    entries: list[EntryOut]


class InboxOut(Schema):
    total: int
    sections: list[SectionOut]


@router.get("", response=InboxOut, summary="What waits for me: requests to decide, results to accept, my late tasks, opinions")
def my_inbox(request: HttpRequest):
    sections = selectors.inbox_of(user=request.user)
    return {"total": sum(s.count for s in sections),
            "sections": [{**s.__dict__, "label": str(s.label), "action": str(s.action)} for s in sections]}
