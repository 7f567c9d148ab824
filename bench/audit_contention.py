"""How many audited writes per second N concurrent transactions get when each holds its audit lock a while — the
audit chain's own scaling, apart from the CPU that a request costs (issue 21, item 2).

    python bench/audit_contention.py --code before=/tmp/before --code after=. --writers 1,10,50 --hold-ms 20 \\
        --seconds 10 --base postgres://postgres@127.0.0.1:5432/h_scale_contention

For each `--code NAME=DIR` (a checkout, DIR/src holding `mandate`) a fresh database `<base>_<NAME>` is migrated by
that code; then N threads, each on its own connection, loop for `--seconds`: BEGIN; audit_record(...); sleep
`--hold-ms` (the rest of a write's transaction: its other statements and the commit's flush, which cost the
database's time, not this machine's CPU); COMMIT. With one head row the writes/s stays near 1000 / hold-ms whatever
N is; with shards it grows with N up to the number of shards. Each database then runs `mandate audit verify`.
"""
import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from write_scaling import database_url, environment, python, recreate  # noqa: E402

RUN = r"""
import json, sys, threading, time
sys.path.insert(0, sys.argv[1])
import django
django.setup()
from django.core.management import call_command
from django.db import connection, transaction
from mandate.audit.services import audit_record
if sys.argv[2] == "migrate":
    call_command("migrate", verbosity=0)
    print(json.dumps({}))
    raise SystemExit
writers, hold, seconds = int(sys.argv[2]), float(sys.argv[3]) / 1000, float(sys.argv[4])
done, lock = [], threading.Lock()
ends = time.monotonic() + seconds
def writer(number):
    try:
        n = 0
        while time.monotonic() < ends:
            n += 1
            started = time.perf_counter()
            with transaction.atomic():
                audit_record(actor=None, action="bench.write", object_type="bench.thing", object_id=number, after={"n": n})
                time.sleep(hold)
            with lock:
                done.append((time.perf_counter() - started) * 1000)
    finally:
        connection.close()
started = time.perf_counter()
threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
for t in threads: t.start()
for t in threads: t.join()
wall = time.perf_counter() - started
done.sort()
print(json.dumps({"writers": writers, "writes": len(done), "writes_per_s": round(len(done) / wall, 1),
                  "p50_ms": round(done[len(done) // 2], 1) if done else None}))
"""

VERIFY = r"""
import io, json, sys
sys.path.insert(0, sys.argv[1])
import django
django.setup()
from django.core.management import call_command
from django.core.management.base import CommandError
try:
    call_command("audit", "verify", stdout=io.StringIO(), stderr=io.StringIO())
    print(json.dumps({"intact": True}))
except CommandError:
    print(json.dumps({"intact": False}))
"""


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", action="append", required=True)
    parser.add_argument("--writers", default="1,10,50")
    parser.add_argument("--hold-ms", type=float, default=20)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--base", default="postgres://postgres@127.0.0.1:5432/mandate_contention")
    parser.add_argument("--data", type=Path, default=Path("/tmp/audit_contention"))
    arguments = parser.parse_args(argv)
    codes = [(name, Path(root).resolve()) for name, root in (spec.split("=", 1) for spec in arguments.code)]
    envs = {}
    for name, root in codes:
        url = database_url(arguments.base, name)
        recreate(url)
        envs[name] = environment(root, url, arguments.data / name)
        python(envs[name], RUN, str(root), "migrate")
    rows = []
    for writers in (int(n) for n in arguments.writers.split(",")):
        for name, root in codes:
            load = os.getloadavg()[0]
            row = python(envs[name], RUN, str(root), str(writers), str(arguments.hold_ms), str(arguments.seconds))
            row.update(code=name, hold_ms=arguments.hold_ms, load_1m=round(load, 2))
            rows.append(row)
            print(json.dumps(row), flush=True)
    print(json.dumps({name: python(envs[name], VERIFY, str(root)) for name, root in codes}))


if __name__ == "__main__":
    main()
