"""Load test: simulated users against a running Mandate server on this machine, for a fixed duration.

    DATABASE_URL=postgres://…/mandate_load python bench/load.py --url http://127.0.0.1:8000 --users 100 --seconds 300

The script first reads the server's database (same DATABASE_URL / MANDATE_DATA_DIR as the server) to pick the
users — the specialists of the 34 provinces, then of communes, each with open tasks in its subtree — and issues
each one an API token (`token_create`). Then each user runs in its own thread until the time is up, choosing
at random (fixed seed) one of:

    counts    GET  /api/v1/tasks/counts?lead_unit=<own unit>&subtree=true      (the dashboard's numbers)
    list      GET  /api/v1/tasks?status=overdue&lead_unit=<own unit>&subtree=true
    detail    GET  /api/v1/tasks/<a task of its subtree>
    progress  GET the task for its version, then POST /api/v1/tasks/<an open task it leads>/progress  (percent, text,
              If-Match: version; once more with the current version on a 409)

and waits an exponentially distributed think time between requests (`--think`, mean seconds; 0 = none).
A request is an error when it fails or its status is not 200 (201 for progress). Only 127.0.0.1 is allowed.
"""
import argparse
import datetime as dt
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

KINDS = {"counts": 0.25, "list": 0.25, "detail": 0.35, "progress": 0.15}


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the server, on 127.0.0.1 only")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--think", type=float, default=5.0, help="mean think time between a user's requests (s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30, help="seconds before a request counts as an error")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    arguments = parser.parse_args(argv)
    target = urllib.parse.urlsplit(arguments.url)
    if target.hostname != "127.0.0.1" or target.scheme != "http":
        parser.error("--url must be http://127.0.0.1:PORT (this benchmark only talks to the loopback interface)")
    return arguments


def simulated_users(count: int, *, seed: int) -> list[dict]:
    """Specialists with open tasks in their subtree, provinces first; each gets a fresh token."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mandate.settings")
    import django

    django.setup()
    from mandate.accounts.models import Membership, Role
    from mandate.accounts.services import token_create
    from mandate.core import clock
    from mandate.orgs.selectors import unit_subtree_ids
    from mandate.tasks.models import Task, TaskState

    today = clock.today()
    rng = random.Random(seed)
    open_states = [TaskState.ASSIGNED, TaskState.IN_PROGRESS, TaskState.RETURNED]
    memberships = (Membership.objects.filter(role=Role.SPECIALIST, user__username__startswith="specialist.")
                   .exclude(unit__code="VN.TW").select_related("user", "unit").order_by("unit__code"))
    provinces = [m for m in memberships if m.unit.code.isdigit() and len(m.unit.code) == 2 and m.unit.is_valid_on(today)]
    communes = [m for m in memberships if len(m.unit.code) > 2 and m.unit.is_valid_on(today)]
    rng.shuffle(communes)
    users = []
    for membership in provinces + communes:
        if len(users) == count:
            break
        subtree = Task.objects.filter(lead_unit_id__in=unit_subtree_ids(unit=membership.unit, as_of=today),
                                      secrecy=0)
        writable = list(subtree.filter(state__in=open_states).values_list("id", flat=True)[:20])
        if not writable:
            continue
        readable = list(subtree.values_list("id", flat=True)[:50])
        users.append({"username": membership.user.username, "unit": membership.unit.code, "writable": writable,
                      "readable": readable, "token": token_create(actor=None, user=membership.user, name="load test",
                                                                  lifetime=dt.timedelta(days=1))})
    if len(users) < count:
        raise SystemExit(f"only {len(users)} specialists have open tasks; run `mandate generate` first")
    return users


class User(threading.Thread):
    def __init__(self, number: int, profile: dict, arguments, until: float, results: dict, lock: threading.Lock):
        super().__init__(daemon=True)
        self.number, self.profile, self.arguments, self.until = number, profile, arguments, until
        self.results, self.lock = results, lock
        self.rng = random.Random(arguments.seed * 1000 + number)
        self.target = urllib.parse.urlsplit(arguments.url)

    def request(self, method: str, path: str, fields: dict | None = None, version: int | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.target.port or 80, timeout=self.arguments.timeout)
        headers = {"Authorization": f"Bearer {self.profile['token']}"}
        if version is not None:
            headers["If-Match"] = str(version)
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def one(self, kind: str) -> tuple[int, int]:
        unit = urllib.parse.quote(self.profile["unit"])
        if kind == "counts":
            return 200, self.request("GET", f"/api/v1/tasks/counts?lead_unit={unit}&subtree=true")[0]
        if kind == "list":
            return 200, self.request("GET", f"/api/v1/tasks?status=overdue&lead_unit={unit}&subtree=true")[0]
        if kind == "detail":
            return 200, self.request("GET", f"/api/v1/tasks/{self.rng.choice(self.profile['readable'])}")[0]
        task = self.rng.choice(self.profile["writable"])
        # An edit carries the version it changes (If-Match): read it first, and once more when another worker won.
        status, body = self.request("GET", f"/api/v1/tasks/{task}")
        version = json.loads(body)["version"] if status == 200 else None
        fields = {"percent": self.rng.randint(1, 99), "text": f"Báo cáo tải thử {self.number}"}
        status, body = self.request("POST", f"/api/v1/tasks/{task}/progress", fields, version)
        if status == 409:
            status, body = self.request("POST", f"/api/v1/tasks/{task}/progress", fields, json.loads(body)["current_version"])
        return 201, status

    def run(self):
        kinds, weights = list(KINDS), list(KINDS.values())
        while time.monotonic() < self.until:
            if self.arguments.think:
                pause = self.rng.expovariate(1 / self.arguments.think)
                if time.monotonic() + pause >= self.until:
                    break
                time.sleep(pause)
            kind = self.rng.choices(kinds, weights)[0]
            started = time.perf_counter()
            try:
                expected, status = self.one(kind)
                error = None if status == expected else f"HTTP {status}"
            except (OSError, http.client.HTTPException) as failure:
                error = type(failure).__name__
            elapsed = (time.perf_counter() - started) * 1000
            with self.lock:
                self.results[kind].append((elapsed, error))


def percentile(sorted_values: list[float], share: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(share * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def summary(results: dict, seconds: float) -> dict:
    rows = {}
    everything = []
    for kind in [*KINDS, "all"]:
        samples = everything if kind == "all" else results.get(kind, [])
        if kind != "all":
            everything.extend(samples)
        times = sorted(t for t, _ in samples)
        errors = defaultdict(int)
        for _, error in samples:
            if error:
                errors[error] += 1
        rows[kind] = {"requests": len(samples), "errors": sum(errors.values()), "error_kinds": dict(errors),
                      "per_second": round(len(samples) / seconds, 1),
                      **{f"p{p}_ms": round(percentile(times, p / 100), 1) for p in (50, 95, 99)},
                      "max_ms": round(times[-1], 1) if times else None}
    return rows


def main(argv=None) -> int:
    arguments = parse_arguments(argv)
    profiles = simulated_users(arguments.users, seed=arguments.seed)
    results, lock = defaultdict(list), threading.Lock()
    started = time.monotonic()
    until = started + arguments.seconds
    users = [User(n, profile, arguments, until, results, lock) for n, profile in enumerate(profiles)]
    for user in users:
        user.start()
    for user in users:
        user.join(arguments.seconds + arguments.timeout + 60)
    elapsed = time.monotonic() - started
    rows = summary(results, elapsed)
    print(f"{arguments.users} users, {elapsed:.0f} s, think time {arguments.think} s (mean), {arguments.url}")
    print(f"{'kind':<10}{'requests':>10}{'errors':>8}{'req/s':>8}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    for kind, row in rows.items():
        print(f"{kind:<10}{row['requests']:>10}{row['errors']:>8}{row['per_second']:>8}{row['p50_ms']:>10}"
              f"{row['p95_ms']:>10}{row['p99_ms']:>10}{row['max_ms'] or 0:>10}")
        if row["error_kinds"] and kind != "all":
            print(f"{'':<10}errors: {row['error_kinds']}")
    if arguments.json:
        arguments.json.write_text(json.dumps({"users": arguments.users, "seconds": round(elapsed, 1),
                                              "think": arguments.think, "url": arguments.url, "kinds": rows}, indent=2))
    return 1 if rows["all"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
