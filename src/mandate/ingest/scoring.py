"""The corpus scorer's metrics, vendored from `/work/shared/corpus/score.py` (the shared file lives outside the
project and is not installed with it, so it cannot be imported at run time). The functions are copied unchanged
(`fold`, `code`, `number`, `ref_matches`, `unique_refs`, `match`, `task_score`, `f1`, `similarity`); the loop of
its `main()` is `tally` + `figures` here. Keep them in step with the shared scorer: the held-out set is judged by it.
"""
from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

ASSIGNEE_MATCH = 75  # similarity (0-100) above which two assignee strings name the same body


def similarity(a: str, b: str) -> float:
    return max(fuzz.token_set_ratio(a, b), fuzz.partial_ratio(a, b))


def fold(text: str | None) -> str:
    """Case-, accent- and punctuation-insensitive form of a code or a name."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-zа-яёіїєґ]+", " ", text.casefold()).strip()


def code(text: str | None) -> str:
    return fold(text).replace(" ", "")


def number(text) -> str:
    digits = re.sub(r"\D", "", str(text or ""))
    return digits.lstrip("0") or digits


def ref_matches(gold: dict, pred: dict) -> bool:
    if number(gold.get("number")) != number(pred.get("number")):
        return False
    for field in ("type", "issuer"):
        if gold.get(field) and code(gold[field]) != code(pred.get(field)):
            return False
    if gold.get("year") and pred.get("year") and str(gold["year"]) != str(pred["year"]):  # noqa: SIM103 (as vendored)
        return False
    return True


def unique_refs(refs: list[dict]) -> list[dict]:
    seen, out = set(), []
    for r in refs:
        key = (number(r.get("number")), code(r.get("type")), code(r.get("issuer")), str(r.get("year") or ""))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def match(golds: list[dict], preds: list[dict], same) -> list[tuple[dict, dict]]:
    """Greedy one-to-one matching; `same` returns a score or None."""
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            s = same(g, p)
            if s is not None:
                pairs.append((s, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((golds[gi], preds[pi]))
    return out


def task_score(gold: dict, pred: dict):
    s = similarity(fold(gold.get("assignee")), fold(pred.get("assignee")))
    return s if s >= ASSIGNEE_MATCH else None


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def tally(pairs: list[tuple[dict, dict]]) -> dict:
    """The scorer's counts over (gold, prediction) pairs of passages, as its `main()` adds them up."""
    totals = dict(ref_tp=0, ref_pred=0, ref_gold=0, date_ok=0, date_n=0,
                  task_tp=0, task_pred=0, task_gold=0, dl_ok=0, dl_n=0, spec_tp=0, spec_gold=0)
    for doc, pred in pairs:
        g_refs, p_refs = unique_refs(doc.get("references", [])), unique_refs(pred.get("references") or [])
        ref_pairs = match(g_refs, p_refs, lambda g, p: 1 if ref_matches(g, p) else None)
        totals["ref_tp"] += len(ref_pairs)
        totals["ref_pred"] += len(p_refs)
        totals["ref_gold"] += len(g_refs)
        for g, p in ref_pairs:
            if g.get("date"):
                totals["date_n"] += 1
                totals["date_ok"] += int(str(p.get("date") or "")[:10] == g["date"])
        g_tasks, p_tasks = doc.get("tasks", []), pred.get("tasks") or []
        task_pairs = match(g_tasks, p_tasks, task_score)
        totals["task_tp"] += len(task_pairs)
        totals["task_pred"] += len(p_tasks)
        totals["task_gold"] += len(g_tasks)
        totals["spec_gold"] += sum(1 for t in g_tasks if not t.get("generic"))
        totals["spec_tp"] += sum(1 for g, _ in task_pairs if not g.get("generic"))
        for g, p in task_pairs:
            gold_dl, pred_dl = str(g.get("deadline") or ""), str(p.get("deadline") or "")[:10]
            if gold_dl or pred_dl:  # pairs where neither side has a deadline say nothing
                totals["dl_n"] += 1
                totals["dl_ok"] += int(gold_dl == pred_dl)
    return totals


def figures(totals: dict, documents: int) -> dict:
    """The scorer's summary figures from `tally`'s counts."""
    t = totals
    rp, rr, rf = f1(t["ref_tp"], t["ref_pred"], t["ref_gold"])
    tp_, tr, tf = f1(t["task_tp"], t["task_pred"], t["task_gold"])
    return {
        "docs": documents, "refs_precision": rp, "refs_recall": rr, "refs_f1": rf,
        "ref_date_acc": t["date_ok"] / t["date_n"] if t["date_n"] else 1.0,
        "tasks_precision": tp_, "tasks_recall": tr, "tasks_f1": tf,
        "specific_recall": t["spec_tp"] / t["spec_gold"] if t["spec_gold"] else 1.0,
        "deadline_acc": t["dl_ok"] / t["dl_n"] if t["dl_n"] else 1.0,
        "tasks_gold": t["task_gold"], "tasks_predicted": t["task_pred"], "tasks_matched": t["task_tp"],
        "deadlines_scored": t["dl_n"],
    }
