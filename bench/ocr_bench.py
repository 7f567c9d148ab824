#!/usr/bin/env python3
"""The reader on scans: passages of tests/ingest/corpus/ printed, skewed, stamped and JPEG-compressed into PDFs without a
text layer (tests/ingest/scans.py), read back by OCR (documents/ocr.py), then by the reader; per language, the character
error rate against the passage's text, and the corpus scorer's summary on the scans beside the same passages as text.

    MANDATE_DATA_DIR=/tmp/x PYTHONPATH=src python bench/ocr_bench.py [--per-language N] [--language-given]

`--language-given` tells OCR each passage's language (as the page's and the API's `language` do); without it Tesseract's
script detection picks the models. Each page takes about two seconds of one core.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "src")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")

import django  # noqa: E402

django.setup()

from mandate.documents.files import IngestInputError, extract_text  # noqa: E402
from mandate.ingest.reader import read  # noqa: E402
from tests.ingest.scans import character_error_rate, scan_pdf  # noqa: E402

CORPUS = [REPO / "tests" / "ingest" / "corpus" / name for name in ("own_dev.jsonl", "own_test.jsonl")]
SCORER = next((p / "shared" / "corpus" / "score.py" for p in REPO.parents if (p / "shared" / "corpus" / "score.py").exists()),
              REPO.parent / "shared" / "corpus" / "score.py")
STAMPS = {"vi": "ỦY BAN NHÂN DÂN", "ru": "АДМИНИСТРАЦИЯ", "uk": "ВИКОНАВЧИЙ КОМІТЕТ", "en": "MINISTRY"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-language", type=int, default=6)
    parser.add_argument("--language-given", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="each passage's character error rate")
    args = parser.parse_args()
    passages = [json.loads(line) for path in CORPUS for line in path.open(encoding="utf-8") if line.strip()]
    rng = random.Random(20)
    print(f"OCR models {'given by the language' if args.language_given else 'chosen by the script'}; "
          f"200 dpi, skew ±1–2°, JPEG quality 60–80, a red stamp over the text's top right corner")
    for language in ("vi", "ru", "uk", "en"):
        chosen = [p for p in passages if p["lang"] == language][:args.per_language]
        if not chosen:
            continue
        rates, seconds, cpu, read_back = [], [], [], []
        for passage in chosen:
            pdf = scan_pdf(passage["text"], skew=rng.choice((-1, 1)) * rng.uniform(1.0, 2.0), quality=rng.randint(60, 80),
                           stamp=STAMPS[language])
            started, cpu_started = time.monotonic(), os.times().children_user
            try:
                text = extract_text(pdf, f"{passage['id']}.pdf", language=language if args.language_given else None)
            except IngestInputError as error:
                text = ""
                print(f"  {passage['id']}: {error}")
            seconds.append(time.monotonic() - started)
            cpu.append(os.times().children_user - cpu_started)
            rates.append(character_error_rate(text, passage["text"]))
            if args.verbose:
                print(f"  {passage['id']}: CER {rates[-1]:.4f}")
            read_back.append({**passage, "text": text})
        tasks = sum(len(p.get("tasks", [])) for p in chosen)
        print(f"{language}: {len(chosen)} passages, {tasks} tasks; CER mean {statistics.mean(rates):.4f}, "
              f"worst {max(rates):.4f}; OCR {statistics.mean(seconds):.1f} s a page of wall time, "
              f"{statistics.mean(cpu):.1f} s of Tesseract's CPU")
        print(f"  as text: {_score(chosen, chosen)}")
        print(f"  as scan: {_score(chosen, read_back)}")
    return 0


def _score(gold: list[dict], texts: list[dict]) -> str:
    """The scorer's summary of the reader's readings of `texts` against `gold` (the same passages)."""
    with tempfile.TemporaryDirectory() as folder:
        gold_path, pred_path = Path(folder) / "gold.jsonl", Path(folder) / "pred.jsonl"
        gold_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in gold), encoding="utf-8")
        pred_path.write_text("".join(json.dumps({"id": p["id"], **read(p["text"], language=None)}, ensure_ascii=False) + "\n"
                                     for p in texts), encoding="utf-8")
        result = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold_path), "--pred", str(pred_path)],
                                capture_output=True, text=True)
    lines = result.stdout.strip().splitlines()
    if not lines:
        return f"scorer failed: {result.stderr[-300:]}"
    tasks = next((line.split(";")[0].replace("tasks: ", "") for line in lines if line.startswith("tasks:")), "")
    return f"{lines[-1]} | tasks {tasks}"


if __name__ == "__main__":
    sys.exit(main())
