"""Reads from a PostgreSQL streaming replica, writes on the primary (mandate/replica.py), on a primary and a standby of
the test's own: `initdb` and `pg_basebackup` as the postgres user, on ports of their own — never the shared server.

With the standby's replay paused, a list read from it shows the state before a write, which proves where it read;
the writer, holding the cookie its write answered with, reads its own change from the primary at once.
"""
import http.client
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from tests.ops.test_crash_recovery import Server, free_port, run_script

BINARIES = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
pytestmark = pytest.mark.skipif(not BINARIES or shutil.which("runuser") is None and os.geteuid() != 0,
                                reason="PostgreSQL's server binaries (Debian's postgresql package) are not installed")


AS_POSTGRES = [] if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--"]  # the server refuses to run as root


def as_postgres(*command: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([*AS_POSTGRES, *command], check=True, capture_output=True, text=True, timeout=120, **options)


@contextmanager
def primary_and_standby():
    """A primary and its streaming standby, each in a directory of its own, stopped and removed afterwards."""
    bin_dir = BINARIES[-1].parent
    work = Path(tempfile.mkdtemp(prefix="mandate-replica-", dir="/tmp"))
    if os.geteuid() == 0:
        shutil.chown(work, "postgres", "postgres")
    primary, standby = work / "primary", work / "standby"
    ports = {"primary": free_port(), "standby": free_port()}
    started = []
    try:
        as_postgres(str(bin_dir / "initdb"), "-D", str(primary), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--locale=C.UTF-8")
        for name, directory in (("primary", primary), ("standby", standby)):
            if name == "standby":
                as_postgres(str(bin_dir / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(ports["primary"]),
                            "-U", "postgres", "-D", str(directory), "-R", "-X", "stream")
            as_postgres(str(bin_dir / "pg_ctl"), "-D", str(directory), "-l", str(work / f"{name}.log"), "-w", "-o",
                        f"-p {ports[name]} -k {work} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
            started.append(directory)
        yield ports
    finally:
        for directory in reversed(started):
            subprocess.run([*AS_POSTGRES, str(bin_dir / "pg_ctl"), "-D", str(directory), "-m", "immediate", "stop"],
                           capture_output=True, timeout=60)
        shutil.rmtree(work, ignore_errors=True)


def sql(port: int, statement: str, dbname: str = "postgres"):
    with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname=dbname, autocommit=True) as connection:
        cursor = connection.execute(statement)
        return cursor.fetchall() if cursor.description else []


def caught_up(ports) -> None:
    target = sql(ports["primary"], "SELECT pg_current_wal_lsn()::text")[0][0]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if sql(ports["standby"], f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")[0][0]:
            return
        time.sleep(0.1)
    raise AssertionError("the standby did not catch up within 60 s")


def get(port, token, path, cookie=None):
    headers = {"Authorization": f"Bearer {token}", **({"Cookie": cookie} if cookie else {})}
    with urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers),
                                timeout=10) as response:
        return json.loads(response.read())


def post_progress(port, token, task, fields) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("POST", f"/api/v1/tasks/{task}/progress", urllib.parse.urlencode(fields),
                       {"Authorization": f"Bearer {token}", "Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    response.read()
    return response.status, response.getheader("Set-Cookie") or ""


def test_lists_read_from_the_standby_and_the_writer_reads_its_own_write_from_the_primary(tmp_path):
    with primary_and_standby() as ports:
        sql(ports["primary"], 'CREATE DATABASE "mandate"')
        base = "postgres://postgres@127.0.0.1:{}/mandate"
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))}
        environment.update(MANDATE_DATA_DIR=str(tmp_path / "data"), MANDATE_SECRET_KEY="replica-test-" + "x" * 40,
                           MANDATE_ALLOWED_HOSTS="127.0.0.1", MANDATE_DEBUG="0",
                           PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"),
                           DATABASE_URL=base.format(ports["primary"]))
        (tmp_path / "data").mkdir()
        given = run_script(environment, "setup", "2")
        token, task = given["token"], given["tasks"][0]
        caught_up(ports)
        environment["MANDATE_REPLICA_URL"] = base.format(ports["standby"])
        server = Server(environment, tmp_path / "gunicorn.log").start(token, task)
        try:
            before = get(server.port, token, f"/api/v1/tasks/{task}")
            assert get(server.port, token, f"/api/v1/tasks/{task}/progress") == []

            sql(ports["standby"], "SELECT pg_wal_replay_pause()", dbname="mandate")
            status, cookie = post_progress(server.port, token, task,
                                           {"percent": 40, "text": "đã họp triển khai", "version": before["version"]})
            assert status == 201 and "mandate_wrote=" in cookie
            # On the primary at once.
            assert sql(ports["primary"], "SELECT count(*) FROM tasks_progressreport", dbname="mandate")[0][0] == 1
            # The writer, sending back its cookie, reads its own report from the primary...
            wrote = cookie.split(";")[0]
            assert len(get(server.port, token, f"/api/v1/tasks/{task}/progress", cookie=wrote)) == 1
            assert get(server.port, token, f"/api/v1/tasks/{task}", cookie=wrote)["progress"] == 40
            # ... while a list read without it comes from the paused standby, which has not replayed the write.
            assert get(server.port, token, f"/api/v1/tasks/{task}/progress") == []
            listed = {row["id"]: row["progress"] for row in get(server.port, token, "/api/v1/tasks?lead_unit=25.TU.BTC")["items"]}
            assert listed[task] == 0
            listed = {row["id"]: row["progress"]
                      for row in get(server.port, token, "/api/v1/tasks?lead_unit=25.TU.BTC", cookie=wrote)["items"]}
            assert listed[task] == 40

            sql(ports["standby"], "SELECT pg_wal_replay_resume()", dbname="mandate")
            caught_up(ports)
            assert len(get(server.port, token, f"/api/v1/tasks/{task}/progress")) == 1
            health = get(server.port, token, "/healthz")
            assert health["replica"]["status"] == "ok" and health["replica"]["lag_seconds"] is not None
        finally:
            server.stop()
