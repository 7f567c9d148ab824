"""One search across the register, the tasks and the meetings, ranked, and checked as their lists are.

An entry is found when every word of the query starts a word of it (diacritics and case aside); entries whose title
(a document's number and title, a task's title, a meeting's or draft's title, an attachment's name) holds every word
come first, then the engine's rank (bm25 on SQLite, ts_rank on PostgreSQL). Whom an entry may be shown to is the
rule of its owner's list: `visible_documents`, `visible_tasks` (clearance and need to know: `accounts.secrecy`) and
`visible_meetings`, as subqueries of the same statement, so a thing above the reader's clearance is in no count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet

from mandate.accounts.permissions import is_system_admin
from mandate.core.text import nfc
from mandate.documents.models import Document
from mandate.documents.permissions import readable_documents, visible_documents
from mandate.meetings.models import Meeting
from mandate.meetings.permissions import visible_meetings
from mandate.search.index import ENTRY, FTS
from mandate.search.models import Kind
from mandate.tasks.models import Task
from mandate.tasks.permissions import visible_tasks

MAX_WORDS = 12
MAX_WORD_LENGTH = 64

GROUPS: dict[str, tuple[str, ...]] = {
    "documents": (Kind.DOCUMENT, Kind.ATTACHMENT),
    "tasks": (Kind.TASK, Kind.PROGRESS),
    "meetings": (Kind.MEETING, Kind.DRAFT),
}
GROUP_OF = {kind: group for group, kinds in GROUPS.items() for kind in kinds}


def query_words(query: str | None) -> list[str]:
    """The words of a query, and nothing else: quotes, *, -, :, parentheses and NEAR are no syntax here, only
    separators (the engine folds the words as it folded the text)."""
    words = re.findall(r"[^\W_]+", nfc(query or ""))
    return [word[:MAX_WORD_LENGTH] for word in words[:MAX_WORDS]]


@dataclass
class Hit:
    kind: str
    object_id: int
    owner_id: int
    title: str
    body: str
    in_title: bool
    score: float
    owner_title: str = ""  # the document, task or meeting an attachment, report or draft belongs to

    @property
    def group(self) -> str:
        return GROUP_OF[self.kind]


@dataclass
class Results:
    words: list[str]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(self.counts.values())


def _subquery(queryset: QuerySet) -> tuple[str, list]:
    sql, params = queryset.values("pk").query.sql_with_params()
    return sql, list(params)


def _permitted(user) -> tuple[str, list]:
    """The entries `user` may be shown, as SQL over `e`: each group by its owner's list."""
    if is_system_admin(user):
        return "1 = 1", []
    parts, params = [], []
    # A confined document known by its header only is found by its title, never by its files' words.
    for kinds, visible in (((Kind.DOCUMENT,), visible_documents(user, Document.objects.all())),
                           ((Kind.ATTACHMENT,), readable_documents(user, Document.objects.all())),
                           (GROUPS["tasks"], visible_tasks(user, Task.objects.all())),
                           (GROUPS["meetings"], visible_meetings(user, Meeting.objects.all()))):
        sql, sub_params = _subquery(visible)
        parts.append(f"(e.kind IN ({', '.join(['%s'] * len(kinds))}) AND e.owner_id IN ({sql}))")
        params += [*kinds, *sub_params]
    return "(" + " OR ".join(parts) + ")", params


def _match(words: list[str]) -> tuple[str, str, list, list]:
    """FROM and WHERE of the match, the score and title-hit columns, each with their parameters."""
    if connection.vendor == "postgresql":
        expression = " & ".join(f"'{word}':*" for word in words)  # words are letters and digits only
        source = f"{ENTRY} e, to_tsquery('simple', mandate_fold(%s)) q"
        return (source + " WHERE e.vector @@ q",
                "ts_rank(e.vector, q) AS score, (ts_filter(e.vector, '{a}') @@ q) AS in_title", [expression], [])
    expression = " ".join(f'"{word}"*' for word in words)
    source = f"{FTS} JOIN {ENTRY} e ON e.id = {FTS}.rowid"
    columns = (f"-bm25({FTS}, 10.0, 1.0) AS score, "
               f"(e.id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)) AS in_title")
    return source + f" WHERE {FTS} MATCH %s", columns, [_fold_d(expression)], [_fold_d(f"title : ({expression})")]


def _fold_d(text: str) -> str:
    return text.replace("đ", "d").replace("Đ", "D")


def search_counts(*, user, query: str | None) -> Results:
    """How many entries of each group `user` may see match `query` (one statement)."""
    words = query_words(query)
    results = Results(words=words, counts=dict.fromkeys(GROUPS, 0))
    if not words:
        return results
    source, _, match_params, _ = _match(words)
    permitted, permitted_params = _permitted(user)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT e.kind, COUNT(*) FROM {source} AND {permitted} GROUP BY e.kind",
                       [*match_params, *permitted_params])
        for kind, count in cursor.fetchall():
            results.counts[GROUP_OF[kind]] += count
    return results


def search_hits(*, user, words: list[str], group: str | None = None, limit: int = 20, offset: int = 0) -> list[Hit]:
    """One page of the entries `user` may see that match `words`, best first (title hits before the others)."""
    if not words:
        return []
    source, columns, match_params, column_params = _match(words)
    permitted, permitted_params = _permitted(user)
    kinds = GROUPS[group] if group else tuple(GROUP_OF)
    sql = (f"SELECT e.kind, e.object_id, e.owner_id, e.title, e.body, {columns} FROM {source} AND {permitted} "
           f"AND e.kind IN ({', '.join(['%s'] * len(kinds))}) ORDER BY in_title DESC, score DESC, e.id LIMIT %s OFFSET %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*column_params, *match_params, *permitted_params, *kinds, limit, offset])
        hits = [Hit(kind, object_id, owner_id, title, body, bool(in_title), score)
                for kind, object_id, owner_id, title, body, score, in_title in cursor.fetchall()]
    _name_owners(hits)
    return hits


def _name_owners(hits: list[Hit]) -> None:
    """The title of the document, task or meeting each attachment, report or draft belongs to (one read per kind)."""
    wanted = {"documents": set(), "tasks": set(), "meetings": set()}
    for hit in hits:
        if hit.kind not in (Kind.DOCUMENT, Kind.TASK, Kind.MEETING):
            wanted[hit.group].add(hit.owner_id)
    names: dict[tuple[str, int], str] = {}
    if wanted["documents"]:
        for pk, number, title in Document.objects.filter(pk__in=wanted["documents"]).values_list("pk", "number_text", "title"):
            names["documents", pk] = f"{number} {title}".strip()
    if wanted["tasks"]:
        names.update((("tasks", pk), title) for pk, title in Task.objects.filter(pk__in=wanted["tasks"]).values_list("pk", "title"))
    if wanted["meetings"]:
        names.update((("meetings", pk), title)
                     for pk, title in Meeting.objects.filter(pk__in=wanted["meetings"]).values_list("pk", "title"))
    for hit in hits:
        hit.owner_title = names.get((hit.group, hit.owner_id), "")
