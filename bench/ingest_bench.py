#!/usr/bin/env python3
"""Benchmark the directive reader against the labeled corpus.

    python bench/ingest_bench.py [CORPUS_DIR] [--repeat N]

Reads the corpus at run time (it is never copied into the project): runs the corpus
scorer on each gold file through `python -m mandate.ingest.cli --jsonl -`, then
measures passages per second in batch, in one process on one core, with the start-up
cost of the process both in and out.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OWN = REPO / "tests" / "ingest" / "corpus"
# ../shared/corpus from the main checkout; from a worktree (/work/wt/<name>) it is two levels up.
SHARED = next((p / "shared" / "corpus" for p in REPO.parents if (p / "shared" / "corpus").is_dir()),
              REPO.parent / "shared" / "corpus")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(SHARED))
    parser.add_argument("--repeat", type=int, default=20, help="passes over the passages for the in-process rate")
    parser.add_argument("--batch", type=int, default=600, help="passages in the one batch process (the corpus repeated)")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    _pin_to_one_core()

    gold_files = sorted(corpus.glob("*.jsonl")) + sorted(OWN.glob("*.jsonl"))
    print(f"corpus: {corpus} and {OWN.relative_to(REPO)} ({', '.join(f.name for f in gold_files)})")
    for gold in gold_files:
        summary = _score(corpus / "score.py", gold, env)
        print(f"  {gold.name}: {summary}")

    texts = [json.loads(line)["text"] for gold in gold_files for line in gold.open(encoding="utf-8") if line.strip()]
    print(f"passages: {len(texts)}, {sum(map(len, texts)) / len(texts):.0f} characters on average")
    print(f"in process: {_in_process_rate(texts, args.repeat):.0f} passages/s (after start-up)")
    batch = (texts * (args.batch // len(texts) + 1))[:args.batch]
    print(f"one batch process, {len(batch)} passages (start-up included): {_batch_rate(batch, env)}")
    return 0


def _pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def _score(scorer: Path, gold: Path, env: dict) -> str:
    command = [sys.executable, str(scorer), "--gold", str(gold),
               "--batch-cmd", f"{sys.executable} -m mandate.ingest.cli --jsonl -"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO)
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else f"scorer failed: {result.stderr[-300:]}"


def _in_process_rate(texts: list[str], repeat: int) -> float:
    sys.path.insert(0, str(REPO / "src"))
    from mandate.ingest import read

    for text in texts:  # warm up: first calls compile nothing, but fill caches
        read(text)
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            read(text)
    return repeat * len(texts) / (time.perf_counter() - start)


def _batch_rate(texts: list[str], env: dict) -> str:
    """Passages per second of wall time and per second of the process's own CPU time (user + system):
    on a machine shared with other jobs the second is what one core gives."""
    feed = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mandate.ingest.cli", "--jsonl", "-"], input=feed, text=True,
                   capture_output=True, env=env, cwd=REPO, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return f"{len(texts) / wall:.0f} passages/s of wall time, {len(texts) / cpu:.0f} per CPU second"


if __name__ == "__main__":
    sys.exit(main())
