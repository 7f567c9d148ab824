"""/api/v1/search: one search across documents, tasks and meetings, as the page does it."""
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from mandate.core.errors import invalid
from mandate.core.pagination import MAX_OFFSET
from mandate.search.presenting import hit_item
from mandate.search.selectors import GROUPS, search_counts, search_hits

router = Router(tags=["search"])


class HitOut(Schema):
    kind: str = Field(description="document, attachment, task, progress, meeting or draft")
    group: str = Field(description="documents, tasks or meetings")
    id: int = Field(description="the document, task or meeting to open")
    object_id: int = Field(description="the row found: the attachment, progress report or draft version itself")
    title: str
    owner_title: str
    snippet: str
    in_title: bool
    url: str


class SearchQuery(Schema):
    q: str = Field("", description="the words to find; diacritics and case do not matter", max_length=200)
    group: str | None = Field(None, description="documents, tasks or meetings; every group when absent")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class SearchOut(Schema):
    query: str
    words: list[str]
    counts: dict[str, int]
    count: int = Field(description="the hits of `group`, or of every group")
    items: list[HitOut]


@router.get("", response=SearchOut, summary="Find documents, tasks and meetings by their words, without diacritics")
def search(request: HttpRequest, query: Query[SearchQuery]):
    q, group = query.q, query.group
    if group and group not in GROUPS:
        raise invalid("group", _("'%(name)s' is not one of %(names)s") % {"name": group, "names": ", ".join(GROUPS)})
    results = search_counts(user=request.user, query=q)
    if not results.words:
        raise invalid("q", _("holds no word to search for"))
    hits = search_hits(user=request.user, words=results.words, group=group or None, limit=query.limit, offset=query.offset)
    return {"query": q, "words": results.words, "counts": results.counts,
            "count": results.counts[group] if group else results.count, "items": [hit_item(hit, results.words) for hit in hits]}
