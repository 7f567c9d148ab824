"""The `ingest` command line: one JSON object per file, one line per JSONL passage."""
import io
import json

from mandate.ingest.cli import main


def test_jsonl_reads_lines_and_writes_one_line_each():
    stdin = io.StringIO('{"id": "a", "text": "Giao Sở Y tế kiểm tra."}\n\n{"id": "b", "text": "Nothing here."}\n')
    stdout = io.StringIO()

    assert main(["--jsonl", "-"], stdin, stdout) == 0
    lines = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert [(line["id"], len(line["tasks"])) for line in lines] == [("a", 1), ("b", 0)]
    assert "Sở Y tế" in stdout.getvalue()  # ensure_ascii=False


def test_jsonl_reports_a_bad_line_and_goes_on(capsys):
    stdin = io.StringIO('not json\n{"id": "b", "text": "x"}\n')
    stdout = io.StringIO()

    assert main(["--jsonl", "-"], stdin, stdout) == 1
    assert [json.loads(line)["id"] for line in stdout.getvalue().splitlines()] == ["b"]
    assert "dòng 1" in capsys.readouterr().err  # the operator's language: the site's, Vietnamese


def test_format_json_reads_a_file(tmp_path):
    path = tmp_path / "directive.txt"
    path.write_text("Поручить Департаменту финансов подготовить отчёт до 1 марта 2025 года.", encoding="utf-8")
    stdout = io.StringIO()

    assert main(["--format", "json", str(path)], io.StringIO(), stdout) == 0
    result = json.loads(stdout.getvalue())
    assert (result["language"], result["tasks"][0]["deadline"]) == ("ru", "2025-03-01")


def test_format_json_refuses_an_empty_file(tmp_path, capsys):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")

    assert main(["--format", "json", str(path)], io.StringIO(), io.StringIO()) == 2
    assert "the file is empty" in capsys.readouterr().err


def test_units_matcher_is_passed_through():
    from mandate.ingest.units import UnitMatcher

    units = UnitMatcher([("SYT", "Sở Y tế", [], "01")])
    stdout = io.StringIO()

    main(["--jsonl", "-"], io.StringIO('{"id": 1, "text": "Giao Sở Y tế kiểm tra."}\n'), stdout, units=units)
    assert json.loads(stdout.getvalue())["tasks"][0]["unit"] == "SYT"
