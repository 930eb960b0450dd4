"""Ctrl+Q to the end of the process: how long the window's process lives on after the user quit.

A fresh child (probes/quit_app.py) starts qkeys as the ``qkeys`` script does, waits until its
keys are shown, copies a token with the secure clipboard (so quitting has it to clear) and
presses Ctrl+Q; the time runs from just before the key press to the child's exit, as a person
or a session manager waiting for it would see it.
"""

from __future__ import annotations

import statistics
import subprocess
import time

from bench_ui import ui_env
from common import PROBES, PYTHON, Budget, Figure
from fixtures import Workspace


def _quit_ms(registry: str, env: dict[str, str]) -> float:
    process = subprocess.Popen([PYTHON, str(PROBES / "quit_app.py"), registry],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    pressed = None
    for line in process.stdout:
        if line.startswith("quit"):
            pressed = time.perf_counter()
            break
    _, errors = process.communicate(timeout=120)
    ended = time.perf_counter()
    if process.returncode != 0 or pressed is None:
        raise RuntimeError(f"quit_app failed ({process.returncode}): {errors[-3000:]}")
    return (ended - pressed) * 1000


def quit_window(workspace: Workspace, budget: Budget) -> list[Figure]:
    registry = workspace.scratch(Workspace.SMALL, "quit")
    env = ui_env(workspace.directory / "home-quit")
    _quit_ms(str(registry.path), env)  # byte-code and page caches
    times = sorted(_quit_ms(str(registry.path), env) for _ in range(budget.reps(3, 9)))
    return [Figure("quit_ms", statistics.median(times), "ms", 300.0,
                   note=f"Ctrl+Q → process exit, window showing 1,000 keys, a token on the "
                        f"clipboard (median of {len(times)}; worst {times[-1]:.0f} ms)")]
