"""Write scaling: N concurrent writers (progress reports and task creations) through gunicorn on PostgreSQL, for
one or more versions of the code measured side by side in one run (issue 21, item 2).

    python bench/write_scaling.py --code before=/tmp/before --code after=. --writers 1,10,50 --seconds 20 \\
        --workers 4 --base postgres://postgres@127.0.0.1:5432/h_scale --port 8110 --json /tmp/write_scaling.json

Each `--code NAME=DIR` is a checkout (DIR/src holds `mandate`, DIR/tests the factories); each gets a fresh
database `<base name>_<NAME>`, migrated and loaded by that code (the country, one writer with a token, one task
per writer), and its own gunicorn (`--workers` sync workers, on --port, --port+1, ...). Then, for each number of
writers and in turn for each code — alternated, so that other load on the machine falls on every code alike —
the writers run for `--seconds`: each alternates a progress report on a task of its own (POST
/api/v1/tasks/{id}/progress with the version it holds) and a task creation (POST /api/v1/tasks). A write is
acknowledged when it answers 201; anything else is an error. Afterwards each database runs `mandate audit
verify`. The load average (1 min) is taken before and after each step. Only 127.0.0.1 is used.
"""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import psycopg

SETUP = r"""
import datetime as dt, json, sys
sys.path.insert(0, sys.argv[1])
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from mandate.accounts.models import Role, User
from mandate.accounts.services import membership_grant, token_create
from mandate.core import clock
from mandate.orgs.models import Unit
from mandate.reorganizations.services import country_load
from tests.factories import a_document, a_task
country_load(actor=None)
writer = User.objects.create_user(username="writer", password="x" * 12)
for code in ("25.TU.BTC", "25.TU.BTV"):
    membership_grant(actor=None, user=writer, unit=Unit.objects.get(code=code), role=Role.SPECIALIST)
leader = User.objects.create_user(username="bench-leader", full_name="Nguyễn Văn A")
document = a_document(issued_on=clock.today())
deadline = clock.today() + dt.timedelta(days=60)
tasks = [a_task(document=document, lead_unit="25.TU.BTC", deadline=deadline, assigned_on=clock.today(), leader=leader).pk
         for _ in range(int(sys.argv[2]))]
print(json.dumps({"token": token_create(actor=None, user=writer), "tasks": tasks, "document": document.pk,
                  "deadline": deadline.isoformat()}))
"""

VERIFY = r"""
import io, json, sys
sys.path.insert(0, sys.argv[1])
import django
django.setup()
from django.core.management import call_command
from django.core.management.base import CommandError
from mandate.audit.models import AuditRecord
from mandate.tasks.models import ProgressReport, Task
out, err = io.StringIO(), io.StringIO()
try:
    call_command("audit", "verify", stdout=out, stderr=err)
    intact = True
except CommandError:
    intact = False
print(json.dumps({"intact": intact, "said": (out.getvalue() + err.getvalue())[-500:], "records": AuditRecord.objects.count(),
                  "reports": sorted(ProgressReport.objects.values_list("pk", flat=True)),
                  "tasks": sorted(Task.objects.values_list("pk", flat=True))}))
"""


def load() -> float:
    return os.getloadavg()[0]


def database_url(base: str, name: str) -> str:
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parts._replace(path=f"{parts.path}_{name}"))


def recreate(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    with psycopg.connect(host=parts.hostname, port=parts.port or 5432, user=parts.username or "postgres",
                         dbname="postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{parts.path[1:]}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{parts.path[1:]}"')


def environment(root: Path, url: str, data: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))}
    data.mkdir(parents=True, exist_ok=True)
    env.update(DATABASE_URL=url, PYTHONPATH=str(root / "src"), MANDATE_DATA_DIR=str(data), MANDATE_DEBUG="0",
               MANDATE_SECRET_KEY="write-scaling-" + "x" * 40, MANDATE_ALLOWED_HOSTS="127.0.0.1",
               DJANGO_SETTINGS_MODULE="mandate.settings")
    return env


def python(env: dict, script: str, *arguments) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *arguments], env=env, capture_output=True, text=True, timeout=900)
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


class Server:
    """gunicorn on one code's mandate.wsgi, in a process group of its own (so that SIGKILL reaches every worker)."""

    def __init__(self, env: dict, port: int, workers: int, log: Path):
        self.env, self.port, self.workers, self.log, self.process = env, port, workers, log, None

    def start(self, token: str, probe: str) -> "Server":
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(
            [str(gunicorn), "mandate.wsgi", "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}",
             "--timeout", "60", "--graceful-timeout", "1", "--log-level", "warning"],
            env=self.env, stdout=self.log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(self.log.read_text()[-3000:])
            try:
                if request(self.port, token, "GET", probe)[0] == 200:
                    return self
            except (OSError, http.client.HTTPException):
                time.sleep(0.3)
        raise SystemExit("the server did not answer within 60 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            self.process.wait(timeout=20)


def request(port: int, token: str, method: str, path: str, fields=None, *, as_json=False, timeout=60):
    body, headers = None, {"Authorization": f"Bearer {token}"}
    if fields is not None:
        body = json.dumps(fields) if as_json else urllib.parse.urlencode(fields)
        headers["Content-Type"] = "application/json" if as_json else "application/x-www-form-urlencoded"
    link = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        link.request(method, path, body=body, headers=headers)
        response = link.getresponse()
        raw = response.read()
        return response.status, json.loads(raw) if raw and raw[:1] in b"[{" else raw
    finally:
        link.close()


def writers_run(port: int, given: dict, writers: int, seconds: float, *, stop: threading.Event | None = None,
                acknowledged: list | None = None) -> dict:
    """`writers` threads, each alternating a progress report on its own task and a task creation, for `seconds`."""
    token, tasks = given["token"], given["tasks"]
    latencies = {"progress": [], "create": []}
    errors: list = []
    cut: list = []
    acknowledged = acknowledged if acknowledged is not None else []
    lock = threading.Lock()
    stop = stop or threading.Event()
    ends = time.monotonic() + seconds

    def writer(number: int):
        task, sent = tasks[number % len(tasks)], 0
        try:
            version = request(port, token, "GET", f"/api/v1/tasks/{task}")[1]["version"]
        except (OSError, http.client.HTTPException, TypeError) as error:
            with lock:
                cut.append(repr(error))
            return
        while time.monotonic() < ends and not stop.is_set():
            sent += 1
            kind = "progress" if sent % 2 else "create"
            started = time.perf_counter()
            try:
                if kind == "progress":
                    status, body = request(port, token, "POST", f"/api/v1/tasks/{task}/progress",
                                           {"percent": sent % 101, "text": f"báo cáo {number}-{sent}", "version": version})
                else:
                    status, body = request(port, token, "POST", "/api/v1/tasks", {
                        "document_id": given["document"], "title": f"Nhiệm vụ đo tải {number}-{sent}",
                        "lead_unit": "25.TU.BTC", "leader": "bench-leader", "deadline": given["deadline"],
                        "product": "Báo cáo kết quả"}, as_json=True)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    cut.append(repr(error))  # the server went away under this request: not acknowledged
                return
            ms = (time.perf_counter() - started) * 1000
            with lock:
                if status == 201:
                    latencies[kind].append(ms)
                    acknowledged.append((kind, body["id"]))
                    version += kind == "progress"
                else:
                    errors.append((kind, status, str(body)[:300]))

    started = time.perf_counter()
    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    every = latencies["progress"] + latencies["create"]

    def p(values, q):
        return round(statistics.quantiles(values, n=100)[q - 1], 1) if len(values) >= 2 else (round(values[0], 1) if values else None)

    return {"writers": writers, "seconds": round(wall, 1), "writes": len(every),
            "writes_per_s": round(len(every) / wall, 1) if wall else None,
            "progress": len(latencies["progress"]), "creates": len(latencies["create"]),
            "p50_ms": p(every, 50), "p95_ms": p(every, 95),
            "create_p50_ms": p(latencies["create"], 50), "progress_p50_ms": p(latencies["progress"], 50),
            "errors": len(errors), "first_error": errors[0] if errors else None, "cut": len(cut)}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", action="append", required=True, help="NAME=DIR of a checkout; give one or more")
    parser.add_argument("--writers", default="1,10,50")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--base", default="postgres://postgres@127.0.0.1:5432/mandate_writes")
    parser.add_argument("--port", type=int, default=8110)
    parser.add_argument("--data", type=Path, default=Path("/tmp/write_scaling"))
    parser.add_argument("--json", type=Path)
    arguments = parser.parse_args(argv)
    counts = [int(n) for n in arguments.writers.split(",")]
    codes = [(name, Path(root).resolve()) for name, root in (spec.split("=", 1) for spec in arguments.code)]
    servers, given, envs = {}, {}, {}
    rows = []
    try:
        for offset, (name, root) in enumerate(codes):
            url = database_url(arguments.base, name)
            recreate(url)
            envs[name] = environment(root, url, arguments.data / name)
            given[name] = python(envs[name], SETUP, str(root), str(max(counts)))
            servers[name] = Server(envs[name], arguments.port + offset, arguments.workers,
                                   arguments.data / f"{name}-gunicorn.log").start(given[name]["token"],
                                                                                  f"/api/v1/tasks/{given[name]['tasks'][0]}")
        for writers in counts:
            for name, _root in codes:
                writers_run(servers[name].port, given[name], writers, min(2.0, arguments.seconds))  # warm every worker
                before = load()
                row = writers_run(servers[name].port, given[name], writers, arguments.seconds)
                row.update(code=name, load_before=round(before, 2), load_after=round(load(), 2))
                rows.append(row)
                print(json.dumps(row), flush=True)
    finally:
        for server in servers.values():
            server.stop()
    verified = {name: {k: v for k, v in python(envs[name], VERIFY, str(root)).items() if k in ("intact", "said", "records")}
                for name, root in codes}
    ratios = []
    if len(codes) > 1:
        first = codes[0][0]
        for writers in counts:
            base = next(r for r in rows if r["code"] == first and r["writers"] == writers)
            for name, _root in codes[1:]:
                row = next(r for r in rows if r["code"] == name and r["writers"] == writers)
                ratios.append({"writers": writers, "code": name, "vs": first,
                               "throughput_ratio": round(row["writes_per_s"] / base["writes_per_s"], 2) if base["writes_per_s"] else None,
                               "p50_ratio": round(row["p50_ms"] / base["p50_ms"], 2) if base["p50_ms"] else None})
    result = {"machine": {"cpus": os.cpu_count(), "workers": arguments.workers, "seconds": arguments.seconds},
              "rows": rows, "ratios": ratios, "verify": verified}
    print(json.dumps({"ratios": ratios, "verify": verified}, indent=1))
    if arguments.json:
        arguments.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
