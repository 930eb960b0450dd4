"""Ctrl+Q to the end of the process: how long the window's process lives on after the user quit.

A fresh child (probes/quit_app.py) starts qkeys as the ``qkeys`` script does, waits until its
keys are shown, copies a token with the secure clipboard (so quitting has it to clear) and
presses Ctrl+Q; the time runs from just before the key press to the child's exit, as a person
or a session manager waiting for it would see it. On Qt's offscreen platform, and on a real X
server (a private Xvfb) when one is installed: there the window owns an X clipboard selection.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

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


@contextmanager
def x_server() -> Iterator[str | None]:
    """The DISPLAY of a private Xvfb for the run, or None when Xvfb is not installed."""
    program = shutil.which("Xvfb")
    if program is None:
        yield None
        return
    read, write = os.pipe()  # -displayfd: Xvfb picks a free display and writes it once ready
    server = subprocess.Popen([program, "-displayfd", str(write), "-screen", "0", "1600x1000x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as answer:
            yield ":" + answer.readline().strip()
    finally:
        server.terminate()
        server.wait(timeout=10)


def _series(registry: str, env: dict[str, str], rounds: int) -> list[float]:
    _quit_ms(registry, env)  # byte-code and page caches
    return sorted(_quit_ms(registry, env) for _ in range(rounds))


def _figure(name: str, times: list[float], where: str) -> Figure:
    return Figure(name, statistics.median(times), "ms", 300.0,
                  note=f"Ctrl+Q → process exit {where}, window showing 1,000 keys, a token on "
                       f"the clipboard (median of {len(times)}; worst {times[-1]:.0f} ms)")


def quit_window(workspace: Workspace, budget: Budget) -> list[Figure]:
    registry = str(workspace.scratch(Workspace.SMALL, "quit").path)
    env = ui_env(workspace.directory / "home-quit")
    rounds = budget.reps(3, 9)
    figures = [_figure("quit_ms", _series(registry, env, rounds), "(offscreen)")]
    with x_server() as display:
        if display is not None:
            on_x = {**env, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display}
            figures.append(_figure("quit_xvfb_ms", _series(registry, on_x, rounds), "on Xvfb"))
    return figures
