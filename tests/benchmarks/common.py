"""What every benchmark shares: the Figure record, timing helpers and child processes.

Figures are ratios against a baseline measured in the same run, on the same machine, interleaved
with the measurement, so a noisy or slow machine moves both sides alike. Child processes run
with byte-code caching on (in a private cache directory, so the checkout stays clean): an
installed app has its ``.pyc`` files, and startup figures must not be dominated by compiling.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PROBES = HERE / "probes"
PYTHON = sys.executable
PYCACHE = Path(tempfile.gettempdir()) / "qkeys-bench-pycache"


@dataclass
class Figure:
    """One line of the report. ``target`` applies to ``ratio`` when ``on_ratio`` else to value."""

    name: str
    value: float
    unit: str
    target: float | None = None
    baseline: float | None = None
    on_ratio: bool = False
    note: str = ""
    checks: dict[str, bool] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline <= 0:
            return None
        return self.value / self.baseline

    @property
    def measured(self) -> float | None:
        """The number the target is about."""
        return self.ratio if self.on_ratio else self.value

    @property
    def met(self) -> bool | None:
        """Whether the target is met and every check passed (None: informational figure)."""
        if self.target is None:
            return all(self.checks.values()) if self.checks else None
        measured = self.measured
        return measured is not None and measured <= self.target and all(self.checks.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": round(self.value, 4),
            "unit": self.unit,
            "baseline": None if self.baseline is None else round(self.baseline, 4),
            "ratio": None if self.ratio is None else round(self.ratio, 4),
            "target": self.target,
            "target_on": "ratio" if self.on_ratio else "value",
            "met": self.met,
            "checks": self.checks,
            "note": self.note,
        }


@dataclass(frozen=True)
class Budget:
    """How many repetitions a run can afford: --quick keeps the whole suite under a minute."""

    quick: bool

    def reps(self, quick: int, full: int) -> int:
        return quick if self.quick else full


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def per_call_seconds(function: Callable[[], object], calls: int) -> float:
    """Mean time of one call over a tight loop of ``calls`` calls."""
    started = time.perf_counter()
    for _ in range(calls):
        function()
    return (time.perf_counter() - started) / calls


def interleaved_best(
    measure: Callable[[], float], baseline: Callable[[], float], rounds: int
) -> tuple[float, float]:
    """Best (lowest) of ``measure()`` and of ``baseline()`` over ``rounds``, alternated so drift
    hits both alike. The minimum, as :mod:`timeit` advises: other processes only ever add time,
    so the lowest reading is the one closest to the code's own cost, on either side."""
    ours, theirs = [], []
    for i in range(rounds):
        first, second = (measure, baseline) if i % 2 == 0 else (baseline, measure)
        a, b = first(), second()
        ours.append(a if first is measure else b)
        theirs.append(b if first is measure else a)
    return min(ours), min(theirs)


def child_env(**extra: str) -> dict[str, str]:
    """The environment of measured child processes: byte-code cached, no user state touched."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["PYTHONFAULTHANDLER"] = "1"  # a crashing child says where
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def run_probe(
    script: str, args: Sequence[str] = (), stdin: str = "", env: dict[str, str] | None = None,
    timeout: float = 300,
) -> dict[str, Any]:
    """Run ``probes/<script>.py``; it reports one JSON object as its last line of stdout."""
    done = subprocess.run(
        [PYTHON, str(PROBES / f"{script}.py"), *args], input=stdin, capture_output=True,
        text=True, env=env or child_env(), timeout=timeout, check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"probe {script} failed ({done.returncode}):\n{done.stderr[-3000:]}"
                           f"\nstdout: {done.stdout[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def wall_ms(command: Sequence[str], stdin: str = "", env: dict[str, str] | None = None,
            expect: int = 0) -> float:
    """Wall time of a whole process, spawn to exit, in milliseconds."""
    started = time.perf_counter()
    done = subprocess.run(list(command), input=stdin.encode(), capture_output=True,
                          env=env or child_env(), check=False)
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != expect:
        raise RuntimeError(f"{command} exited {done.returncode}: {done.stderr.decode()[-2000:]}")
    return elapsed
