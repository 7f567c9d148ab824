"""`ingest --format json FILE` and `ingest --jsonl -` (wrapped by `mandate ingest`)."""
from __future__ import annotations

import argparse
import io
import json
import sys
from typing import TextIO

from django.conf import settings
from django.utils.translation import gettext

from .reader import Matcher, read

PROGRAM = "mandate ingest"


def _(message: str) -> str:
    """In the operator's language under `mandate ingest`; as written when the reader runs without Django."""
    return gettext(message) if settings.configured else message


def main(argv: list[str], stdin: TextIO, stdout: TextIO, *, units: Matcher | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROGRAM, description=_("Read a directive's references and tasks."))
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--format", choices=["json"], default="json", help=_("one JSON object for FILE"))
    mode.add_argument("--jsonl", action="store_true", help=_('read lines {"id", "text"}; write one line each'))
    parser.add_argument("--language", choices=["vi", "ru", "uk", "en"], default=None,
                        help=_("the language of the directive (default: recognised from its text)"))
    parser.add_argument("file", help=_("a .txt, .docx or .pdf file, a scan (read by OCR), or - for standard input"))
    args = parser.parse_args(argv)
    if args.jsonl:
        try:
            lines = _open_text(args.file, stdin)
        except OSError as error:
            sys.stderr.write(f"{PROGRAM}: {_file_problem(args.file, error)}\n")
            return 2
        return _jsonl(lines, stdout, args.language, units)
    from .files import IngestInputError  # deferred: batch runs never read files

    try:
        text = _read_document(args.file, stdin, args.language)
    except IngestInputError as error:
        sys.stderr.write(f"{PROGRAM}: {error}\n")
        return 2
    except OSError as error:
        sys.stderr.write(f"{PROGRAM}: {_file_problem(args.file, error)}\n")
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
        except json.JSONDecodeError as error:
            problem = _("line %(number)d is not JSON (column %(column)d)") % {"number": number, "column": error.colno}
        except (KeyError, TypeError):
            problem = _("line %(number)d is not an object with a “text”") % {"number": number}
        else:
            stdout.write(json.dumps({"id": item.get("id"), **result}, ensure_ascii=False) + "\n")
            continue
        sys.stderr.write(f"{PROGRAM}: {problem}\n")
        status = 1
    return status


def _file_problem(path: str, error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return _("FILE: %(path)s does not exist") % {"path": path}
    if isinstance(error, IsADirectoryError):
        return _("FILE: %(path)s is a folder, not a file") % {"path": path}
    if isinstance(error, PermissionError):
        return _("FILE: %(path)s may not be read by this user") % {"path": path}
    return _("FILE: %(path)s cannot be read (%(reason)s)") % {"path": path, "reason": error.strerror or error}


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
