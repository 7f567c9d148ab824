"""Print bench JSON files as one Markdown table: python bench/table.py /tmp/bench-logs/bench-*.json"""
import json
import sys

rows = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        report = json.load(handle)
    for row in report["scenarios"]:
        rows.append((report["database"].split()[0], report["tasks"], row))

print("| database | tasks | scenario | p50 ms | p95 ms | floor p50 ms | ratio | answer |")
print("| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |")
for database, tasks, row in rows:
    if "skipped" in row:
        print(f"| {database} | {tasks:,} | {row['name']} | skipped: {row['skipped']} | | | | |")
        continue
    answer = row.get("answer_tasks", row.get("answer_rows", row.get("requests_per_s", "")))
    if "requests_per_s" in row:
        answer = f"{row['requests_per_s']} req/s, {row['concurrency']} clients, {row['errors']} errors"
    elif "texts_per_s" in row:
        answer = f"{row['texts_per_s']} texts/s"
    floor = "" if row.get("floor_p50_ms") is None else row["floor_p50_ms"]
    print(f"| {database} | {tasks:,} | {row['name']} | {row['p50_ms']} | {row['p95_ms']} | {floor} | {row.get('ratio') or ''} | {answer} |")
