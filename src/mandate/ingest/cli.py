"""`ingest --format json FILE` and `ingest --jsonl -` (wrapped by `mandate ingest`)."""
from __future__ import annotations

import argparse
import io
import json
import sys
from typing import TextIO

from .reader import Matcher, read


def main(argv: list[str], stdin: TextIO, stdout: TextIO, *, units: Matcher | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ingest", description="Read a directive's references and tasks.")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--format", choices=["json"], default="json", help="one JSON object for FILE")
    mode.add_argument("--jsonl", action="store_true", help='read lines {"id", "text"}; write one line each')
    parser.add_argument("--language", choices=["vi", "ru", "uk", "en"], default=None)
    parser.add_argument("file", help="a .txt, .docx or .pdf file, a scan (read by OCR), or - for standard input")
    args = parser.parse_args(argv)
    if args.jsonl:
        return _jsonl(_open_text(args.file, stdin), stdout, args.language, units)
    from .files import IngestInputError  # deferred: batch runs never read files

    try:
        text = _read_document(args.file, stdin, args.language)
    except (IngestInputError, OSError) as error:
        sys.stderr.write(f"ingest: {error}\n")
        return 2
    stdout.write(json.dumps(read(text, language=args.language, units=units), ensure_ascii=False) + "\n")
    return 0


def _jsonl(lines: TextIO, stdout: TextIO, language: str | None, units: Matcher | None) -> int:
    status = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            result = read(item["text"], language=language or item.get("language"), units=units)
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            sys.stderr.write(f"ingest: line {number}: {error}\n")
            status = 1
            continue
        stdout.write(json.dumps({"id": item.get("id"), **result}, ensure_ascii=False) + "\n")
    return status


def _open_text(path: str, stdin: TextIO) -> TextIO:
    if path == "-":
        return stdin
    return open(path, encoding="utf-8")


def _read_document(path: str, stdin: TextIO, language: str | None) -> str:
    from .files import extract_text

    if path == "-":
        buffer = getattr(stdin, "buffer", None)
        if buffer is not None:
            return extract_text(buffer.read(), "stdin.txt")
        return stdin.read()
    with open(path, "rb") as handle:
        return extract_text(handle.read(), path, language=language)


def _utf8(stream: TextIO) -> TextIO:
    if hasattr(stream, "buffer"):
        return io.TextIOWrapper(stream.buffer, encoding="utf-8", newline="")
    return stream


if __name__ == "__main__":
    out = _utf8(sys.stdout)
    code = main(sys.argv[1:], _utf8(sys.stdin), out)
    out.flush()
    sys.exit(code)
