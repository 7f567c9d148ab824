"""The production server killed with SIGKILL in the middle of a burst of writes loses no acknowledged progress
report and leaves none half-written (each has its timeline event and its audit record; the audit chain holds)."""
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
import psycopg

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SCRIPTS = Path(__file__).with_name("server_scripts.py")
CLIENTS = 6
TASKS = 6


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def server_database(tmp_path):
    """The environment of a server on a database of its own: a SQLite file, or a scratch PostgreSQL database."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))}
    environment.update(MANDATE_DATA_DIR=str(tmp_path / "data"), MANDATE_SECRET_KEY="crash-test-" + "x" * 40,
                       MANDATE_ALLOWED_HOSTS="127.0.0.1", MANDATE_DEBUG="0", PYTHONPATH=str(ROOT / "src"))
    (tmp_path / "data").mkdir()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        environment.pop("DATABASE_URL", None)
        yield environment
        return
    config = dj_database_url.parse(url)
    name = f"mandate_ops_crash_{os.getpid()}"
    admin = dict(host=config["HOST"] or None, port=config["PORT"] or None, user=config["USER"] or None,
                 password=config["PASSWORD"] or None, dbname="postgres", autocommit=True)
    with psycopg.connect(**admin) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urllib.parse.urlsplit(url)
    environment["DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path="/" + name))
    try:
        yield environment
    finally:
        with psycopg.connect(**admin) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_script(environment, *arguments) -> dict:
    finished = subprocess.run([sys.executable, str(SCRIPTS), *arguments], env=environment, cwd=ROOT,
                              capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return json.loads(finished.stdout.strip().splitlines()[-1])


class Server:
    """gunicorn on mandate.wsgi, 2 workers, in a process group of its own so that SIGKILL reaches every worker."""

    def __init__(self, environment, log: Path, workers: int = 2):
        self.environment, self.log, self.workers = environment, log, workers
        self.port, self.process = None, None

    def start(self, token: str, task_id: int):
        self.port = free_port()
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "mandate.wsgi", "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}",
             "--timeout", "30", "--graceful-timeout", "1"],
            env=self.environment, cwd=self.log.parent, stdout=self.log.open("ab"), stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            try:
                if request(self.port, token, "GET", f"/api/v1/tasks/{task_id}")[0] == 200:
                    return self
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.2)
        raise AssertionError("the server did not answer within 30 s:\n" + self.log.read_text()[-3000:])

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def request(port, token, method, path, fields=None, *, as_json=False, timeout=10):
    headers = {"Authorization": f"Bearer {token}"}
    data = None
    if fields is not None and as_json:
        data, headers["Content-Type"] = json.dumps(fields).encode(), "application/json"
    elif fields is not None:
        data = urllib.parse.urlencode(fields).encode()
    message = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(message, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_a_killed_server_loses_no_acknowledged_progress_report(tmp_path):
    with server_database(tmp_path) as environment:
        given = run_script(environment, "setup", str(TASKS))
        token, tasks = given["token"], given["tasks"]
        server = Server(environment, tmp_path / "gunicorn.log").start(token, tasks[0])
        acknowledged, refused, cut, stop = [], [], [], threading.Event()
        lock = threading.Lock()

        def client(number: int):
            sent, task = 0, tasks[number % TASKS]
            version = request(server.port, token, "GET", f"/api/v1/tasks/{task}")[1]["version"]  # each client its own task
            while not stop.is_set() and sent < 400:
                sent += 1
                try:
                    status, body = request(server.port, token, "POST", f"/api/v1/tasks/{task}/progress",
                                           {"percent": sent % 101, "text": f"báo cáo {number}-{sent}", "version": version})
                    version += status == 201
                except (OSError, http.client.HTTPException):
                    cut.append(number)  # the server died under this request: not acknowledged
                    return
                with lock:
                    if status == 201:
                        acknowledged.append(body["id"])
                    else:
                        refused.append((status, body))

        try:
            threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 20
            while len(acknowledged) < 60 and time.monotonic() < deadline:
                time.sleep(0.05)
            server.kill()
            stop.set()
            for thread in threads:
                thread.join(timeout=30)
            assert refused == []
            assert len(acknowledged) >= 60
            assert cut, "the server was killed between requests, not in the middle of one"

            after = run_script(environment, "inspect")
            assert set(acknowledged) <= set(after["reports"])
            assert after["reports_without_event"] == []
            assert after["events_without_report"] == []
            assert after["audits_per_task"] == after["reports_per_task"]
            assert after["audit_verified"] is True

            server.start(token, tasks[0])
            version = request(server.port, token, "GET", f"/api/v1/tasks/{tasks[0]}")[1]["version"]
            status, body = request(server.port, token, "POST", f"/api/v1/tasks/{tasks[0]}/progress",
                                   {"percent": 100, "text": "sau khi khởi động lại", "version": version})
            assert status == 201
            assert body["id"] > max(after["reports"])
            listed = request(server.port, token, "GET", f"/api/v1/tasks/{tasks[0]}/progress")[1]
            assert {r["id"] for r in listed} == set(after["reports_by_task"][str(tasks[0])]) | {body["id"]}
        finally:
            stop.set()
            server.stop()



WRITERS = 50


def test_a_killed_server_under_fifty_writers_loses_no_acknowledged_write(tmp_path):
    """Issue 21: the same kill under 50 concurrent writers — progress reports and task creations, 4 workers — with
    the audit trail in shards: every acknowledged report and task is there with its audit record, none half-written,
    and `mandate audit verify` finds every shard intact."""
    with server_database(tmp_path) as environment:
        given = run_script(environment, "setup", str(WRITERS))
        token, tasks = given["token"], given["tasks"]
        server = Server(environment, tmp_path / "gunicorn.log", workers=4).start(token, tasks[0])
        reports, created, refused, cut, stop = [], [], [], [], threading.Event()
        lock = threading.Lock()

        def writer(number: int):
            sent, task = 0, tasks[number]
            try:
                version = request(server.port, token, "GET", f"/api/v1/tasks/{task}", timeout=60)[1]["version"]
            except (OSError, http.client.HTTPException):
                cut.append(number)
                return
            while not stop.is_set() and sent < 200:
                sent += 1
                try:
                    if sent % 2:
                        status, body = request(server.port, token, "POST", f"/api/v1/tasks/{task}/progress",
                                               {"percent": sent % 101, "text": f"báo cáo {number}-{sent}", "version": version},
                                               timeout=60)
                    else:
                        status, body = request(server.port, token, "POST", "/api/v1/tasks", {
                            "document_id": given["document"], "title": f"Nhiệm vụ {number}-{sent}", "lead_unit": "25.TU.BTC",
                            "leader": given["leader"], "deadline": given["deadline"], "product": "Báo cáo kết quả"},
                            as_json=True, timeout=60)
                except (OSError, http.client.HTTPException):
                    cut.append(number)  # the server died under this request: not acknowledged
                    return
                with lock:
                    if status == 201 and sent % 2:
                        reports.append(body["id"])
                        version += 1
                    elif status == 201:
                        created.append(body["id"])
                    else:
                        refused.append((status, body))

        try:
            threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 120
            while len(reports) + len(created) < 150 and time.monotonic() < deadline:
                time.sleep(0.05)
            server.kill()
            stop.set()
            for thread in threads:
                thread.join(timeout=90)
            assert refused == []
            assert len(reports) + len(created) >= 150 and created and reports
            assert cut, "the server was killed between requests, not in the middle of one"

            after = run_script(environment, "inspect")
            assert set(reports) <= set(after["reports"])
            assert set(created) <= set(after["tasks"])
            assert after["reports_without_event"] == [] and after["events_without_report"] == []
            assert after["audits_per_task"] == after["reports_per_task"]
            assert after["tasks_without_audit"] == []
            assert after["audit_verified"] is True
            assert len(after["shards"]) > 1, "concurrent writers appended to more than one chain"
        finally:
            stop.set()
            server.stop()
