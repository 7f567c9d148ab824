"""The review's own edits of its task rows (split one, merge two, add a missed one from a sentence), and the
labels a confirmation leaves: what the reader proposed and what the clerk confirmed, in the corpus's label shape.

Rows are the dicts of `views._rows_from_post`; nothing here touches the database."""
import re

from mandate.ingest.reader import read

SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|:\s*\n|\n")
SENTENCE_MIN = 12  # shorter pieces are headings and numbers, not sentences that assign anything


def sentences(text: str) -> list[tuple[int, int, str]]:
    """The text's sentences (start, end, the sentence), to pick the one a missed task stands in."""
    found, at = [], 0
    for end in [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]:
        piece = text[at:end]
        stripped = piece.strip(" \t\r\n-–•+*")
        if len(stripped) >= SENTENCE_MIN:
            start = at + piece.index(stripped)
            found.append((start, start + len(stripped), stripped))
        at = end
    return found


def is_blank(row: dict) -> bool:
    """The empty row the review offers for a missed task, left empty."""
    return not (row["title"] or row["lead_unit"] or row["span"] or row["product"] or row["leader"])


def with_sentence(row: dict, text: str) -> dict:
    """A row whose sentence was picked: the sentence is its source and, unless written, its work."""
    span = row.get("sentence") or row["span"]
    if not span or not 0 <= span[0] < span[1] <= len(text):
        return row
    return {**row, "span": span, "title": row["title"] or text[span[0]:span[1]].strip()}


def split(rows: list[dict], index: int) -> list[dict]:
    """Row `index` becomes two alike (one sentence assigning two bodies): the clerk then corrects the second."""
    if not 0 <= index < len(rows):
        return rows
    copy = {**rows[index], "lead_unit": "", "coordinator_codes": [], "candidates": [], "confidence": None, "errors": {}}
    return rows[:index + 1] + [copy] + rows[index + 1:]


def merge(rows: list[dict], index: int) -> list[dict]:
    """Row `index` and the next become one task: the first's lead, both works and coordinators, the earlier deadline."""
    if not 0 <= index < len(rows) - 1:
        return rows
    first, second = rows[index], rows[index + 1]
    spans = [s for s in (first["span"], second["span"]) if s]
    deadlines = [d for d in (first["deadline"], second["deadline"]) if d]
    merged = {
        **first, "keep": first["keep"] or second["keep"],
        "title": "; ".join(t for t in (first["title"], second["title"]) if t),
        "assignee": ", ".join(a for a in (first["assignee"], second["assignee"]) if a),
        "lead_unit": first["lead_unit"] or second["lead_unit"],
        "coordinator_codes": list(dict.fromkeys(first["coordinator_codes"] + second["coordinator_codes"])),
        "leader": first["leader"] or second["leader"], "product": first["product"] or second["product"],
        "deadline": min(deadlines) if deadlines else None, "recurrence": first["recurrence"] or second["recurrence"],
        "deadline_raw": first["deadline_raw"] or second["deadline_raw"],
        "span": [min(s[0] for s in spans), max(s[1] for s in spans)] if spans else None, "errors": {},
    }
    return rows[:index] + [merged] + rows[index + 2:]


def reading(text: str, language: str | None) -> dict:
    """The reader's own reading of the text, without the register (its proposal, as the label shape needs it)."""
    return read(text, language=language)


def proposal_labels(reading: dict) -> dict:
    """The reader's reading in the label shape (what `mandate ingest-eval` compares the confirmed labels with)."""
    return {
        "title": (reading.get("document") or {}).get("title") or "",
        "references": [{key: reference.get(key) for key in ("raw", "number", "type", "issuer", "year", "date", "self")}
                       for reference in reading["references"]],
        "tasks": [{"assignee": task["assignee"], "coordinators": list(task["coordinators"]), "deadline": task["deadline"],
                   "deadline_raw": task["deadline_raw"], "span": task["span"]} for task in reading["tasks"]],
    }


def confirmed_labels(*, title: str, references: list[dict], tasks: list[dict], names: dict[str, str],
                     own_number: dict | None) -> dict:
    """The confirmed rows in the label shape. A task keeps the reader's assignee as written while its lead unit is
    the one the reader matched to it; a lead unit the clerk chose (an added, split or corrected task) is named."""
    labelled_tasks = []
    for row in tasks:
        written = row["assignee"] if row["assignee"] and row["lead_unit"] == row.get("read_unit", "") else ""
        labelled_tasks.append({
            "assignee": written or names.get(row["lead_unit"], row["lead_unit"]),
            "coordinators": [names.get(code, code) for code in row["coordinator_codes"]],
            "deadline": row["deadline"].isoformat() if row["deadline"] else None,
            "deadline_raw": row["deadline_raw"] or None, "span": row["span"]})
    labelled_references = [dict(reference) for reference in references]
    if own_number is not None:
        labelled_references.insert(0, {**own_number, "self": True})
    return {"title": title, "references": labelled_references, "tasks": labelled_tasks}


def number_labels(raw: str, number, date) -> dict:
    """A reference in the label shape from its confirmed number (`documents.numbering.DocumentNumber` or None)."""
    if number is None:
        return {"raw": raw, "number": raw, "type": None, "issuer": None, "year": None,
                "date": date.isoformat() if date else None, "partial": True}
    return {"raw": raw, "number": str(number.number), "type": number.type, "issuer": number.issuer, "year": number.year,
            "date": date.isoformat() if date else None}
