"""Timing an application code path against its floor, in the same run and on the same connection.

Runs alternate (app, floor, app, floor, …) so that load from other processes on the machine falls
on both sides alike; the figure that matters is the ratio of the medians.
"""
import datetime as dt
import os
import platform
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection


class Skip(Exception):
    """A scenario that cannot run here; the message says why."""


class AnswerMismatch(AssertionError):
    pass


@dataclass
class Measured:
    app_ms: list[float] = field(default_factory=list)
    floor_ms: list[float] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: with few runs, the p95 is the slowest run."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, -(-int(fraction * 100) * len(ordered) // 100) - 1))
    return ordered[rank]


def timed(function: Callable) -> tuple[float, object]:
    started = time.perf_counter()
    answer = function()
    return (time.perf_counter() - started) * 1000, answer


def compare(app_answer, floor_answer, name: str) -> None:
    if app_answer != floor_answer:
        raise AnswerMismatch(f"{name}: the application answered {app_answer!r} but the floor {floor_answer!r}")


def measure(*, name: str, app: Callable, floor: Callable | None, repeat: int, check: bool = True,
            warmup: int = 1) -> Measured:
    """Warm both paths up (comparing their answers), then time them alternately."""
    result = Measured()
    for _ in range(warmup):
        app_answer = app()
        if floor is not None:
            floor_answer = floor()
            if check:
                compare(app_answer, floor_answer, name)
    for _ in range(repeat):
        ms, app_answer = timed(app)
        result.app_ms.append(ms)
        if floor is not None:
            ms, floor_answer = timed(floor)
            result.floor_ms.append(ms)
            if check:
                compare(app_answer, floor_answer, name)
    return result


def summary(name: str, measured: Measured) -> dict:
    p50 = statistics.median(measured.app_ms)
    row = {"name": name, "p50_ms": round(p50, 3), "p95_ms": round(percentile(measured.app_ms, 0.95), 3)}
    if measured.floor_ms:
        floor = statistics.median(measured.floor_ms)
        row.update(floor_p50_ms=round(floor, 3), ratio=round(p50 / floor, 2) if floor > 0 else None)
    else:
        row.update(floor_p50_ms=None, ratio=None)
    row["runs"] = len(measured.app_ms)
    row.update(measured.extra)
    return row


def database_label() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"postgresql {cursor.fetchone()[0]}"
    import sqlite3

    return f"sqlite {sqlite3.sqlite_version}"


def machine() -> dict:
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "")
    except OSError:
        pass
    memory = ""
    try:
        memory = subprocess.run(["free", "-g"], capture_output=True, text=True, check=False).stdout.splitlines()[1]
        memory = " ".join(memory.split()[:2]) + " GB"
    except (OSError, IndexError):
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": memory, "python": platform.python_version(),
            "load_average": [round(value, 2) for value in os.getloadavg()],
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
