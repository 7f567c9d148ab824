#!/usr/bin/env python3
"""The corpus scorer's summary per file and per language, for the reader's figures in docs/ingest.md.

    python bench/ingest_by_language.py [--src DIR] GOLD.jsonl [GOLD.jsonl ...]

Splits each gold file by its passages' `lang` into temporary files and runs
`../shared/corpus/score.py` on each through `python -m mandate.ingest.cli --jsonl -`;
prints the scorer's last line (its summary) for the whole file and for each language.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# ../shared/corpus from the main checkout; from a worktree (/work/wt/<name>) it is two levels up.
SCORER = next((p / "shared" / "corpus" / "score.py" for p in REPO.parents if (p / "shared" / "corpus" / "score.py").exists()),
              REPO.parent / "shared" / "corpus" / "score.py")


def main() -> int:
    args = sys.argv[1:]
    src = REPO / "src"
    if args[:1] == ["--src"]:  # another checkout's reader, e.g. the one before a change
        src, args = Path(args[1]), args[2:]
    env = {**os.environ, "PYTHONPATH": str(src) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    for gold in map(Path, args):
        docs = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
        print(f"{gold.name}: {_score(gold, env)}")
        for lang in ("vi", "ru", "uk", "en"):
            part = [d for d in docs if d.get("lang") == lang]
            if not part:
                continue
            with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
                handle.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in part)
            try:
                print(f"  {lang} ({len(part)} passages, {sum(len(d.get('tasks', [])) for d in part)} tasks): "
                      f"{_score(Path(handle.name), env)}")
            finally:
                os.unlink(handle.name)
    return 0


def _score(gold: Path, env: dict) -> str:
    command = [sys.executable, str(SCORER), "--gold", str(gold),
               "--batch-cmd", f"{sys.executable} -m mandate.ingest.cli --jsonl -"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO)
    lines = result.stdout.strip().splitlines()
    if not lines:
        return f"scorer failed: {result.stderr[-300:]}"
    tasks = next((line.split(";")[0].replace("tasks: ", "") for line in lines if line.startswith("tasks:")), "")
    return f"{lines[-1]} | tasks {tasks}"


if __name__ == "__main__":
    sys.exit(main())
