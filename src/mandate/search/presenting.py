"""What the page and the API show of a hit: its kind in the reader's language, its link, its marked words."""
from django.urls import reverse
from django.utils.translation import gettext as _

from mandate.search.models import Kind
from mandate.search.selectors import Hit
from mandate.search.snippets import excerpt, highlight

SNIPPET_CHARS = 220


def kind_label(kind: str) -> str:
    return {
        Kind.DOCUMENT: _("Document"), Kind.ATTACHMENT: _("Attachment"), Kind.TASK: _("Task"),
        Kind.PROGRESS: _("Progress report"), Kind.MEETING: _("Meeting"), Kind.DRAFT: _("Draft"),
        "documents": _("Documents"), "tasks": _("Tasks"), "meetings": _("Meetings"),
    }[kind]


def hit_url(hit: Hit) -> str:
    if hit.group == "documents":
        return reverse("document_detail", args=[hit.owner_id])
    if hit.group == "tasks":
        return reverse("task_detail", args=[hit.owner_id])
    return reverse("meetings:detail", args=[hit.owner_id])


def _title(hit: Hit) -> str:
    return hit.title.strip() or kind_label(hit.kind)  # a progress report has no title: "Progress report · <its task>"


def hit_rows(hits: list[Hit], words: list[str]) -> list[dict]:
    """Each hit for the page: its title and snippet with the searched words marked (escaped HTML)."""
    return [{"kind": hit.kind, "kind_label": kind_label(hit.kind), "url": hit_url(hit),
             "title": highlight(_title(hit), words),
             "owner_title": hit.owner_title if hit.kind not in (Kind.DOCUMENT, Kind.TASK, Kind.MEETING) else "",
             "snippet": highlight(hit.body, words, width=SNIPPET_CHARS) if hit.body.strip() else ""}
            for hit in hits]


def hit_item(hit: Hit, words: list[str]) -> dict:
    """Each hit for the API: plain text (a client marks the words itself)."""
    return {"kind": hit.kind, "group": hit.group, "id": hit.owner_id, "object_id": hit.object_id, "title": _title(hit),
            "owner_title": hit.owner_title, "snippet": excerpt(hit.body, words, width=SNIPPET_CHARS), "in_title": hit.in_title,
            "url": hit_url(hit)}
