"""Start-up: spawn → the window painted showing its keys, against a minimal PySide6 window.

Both sides are fresh child processes (probes/startup_app.py, probes/startup_minimal.py), spawned
alternately so a busy machine slows both alike, with byte-code cached as after any first run.
"Started" is a Qt paint timestamp: the keys table (or the baseline's table) has painted rows.
Measured on Qt's offscreen platform and on a real X server (a private Xvfb) when one is
installed; without Xvfb that figure is skipped, and the run says so.
"""

from __future__ import annotations

import statistics
import subprocess
import time

from bench_quit import x_server
from bench_ui import ui_env
from common import PROBES, PYTHON, Budget, Figure
from fixtures import Workspace

TARGET_RATIO = 1.3


def spawn_times(script: str, args: list[str], env: dict[str, str],
                said: dict[str, list[str]] | None = None) -> dict[str, float]:
    """Milliseconds from spawning ``probes/<script>.py`` to each line it prints (first word);
    ``said`` gets the rest of each line."""
    started = time.perf_counter()
    process = subprocess.Popen([PYTHON, str(PROBES / f"{script}.py"), *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    times: dict[str, float] = {}
    assert process.stdout is not None
    for line in process.stdout:
        word, *rest = line.split()
        times.setdefault(word, (time.perf_counter() - started) * 1000)
        if said is not None:
            said[word] = rest
    _, errors = process.communicate(timeout=120)
    if process.returncode != 0 or "keys" not in times:
        raise RuntimeError(f"{script} failed ({process.returncode}): {errors[-3000:]}")
    return times


def _series(registry: str, env: dict[str, str],
            rounds: int) -> tuple[list[dict[str, float]], list[float], set[str]]:
    """``rounds`` start-ups of each side, alternated (the first round of each only fills the
    byte-code and page caches), and the heavy modules any start of ours had imported."""
    app: list[dict[str, float]] = []
    minimal: list[float] = []
    heavy: set[str] = set()
    for i in range(rounds + 1):
        said: dict[str, list[str]] = {}
        ours = spawn_times("startup_app", [registry], env, said)
        heavy.update(said.get("loaded", []))
        base = spawn_times("startup_minimal", [], env)["keys"]
        if i:
            app.append(ours)
            minimal.append(base)
    return app, minimal, heavy


def _figures(suffix: str, where: str, app: list[dict[str, float]], minimal: list[float],
             heavy: set[str]) -> list[Figure]:
    best = min(app, key=lambda t: t["keys"])  # the lowest reading: others only ever add time
    medians = {name: statistics.median(t[name] for t in app) for name in best}
    return [
        Figure(f"startup{suffix}_ratio", best["keys"], "ms", TARGET_RATIO, min(minimal),
               on_ratio=True,
               note=f"{where}: spawn → window painted showing its 1,000 keys; baseline: spawn → "
                    f"a minimal PySide6 main window with a table painted (best of {len(app)}; "
                    f"medians {medians['keys']:.0f} / {statistics.median(minimal):.0f} ms); of "
                    f"the best run: window built {best['window']:.0f}, first frame "
                    f"{best['painted']:.0f}, keys painted {best['keys']:.0f} ms",
               checks={"no psycopg2, playhouse, keyring or argon2 imported before the keys show "
                       f"(imported: {', '.join(sorted(heavy)) or 'none'})": not heavy}),
        Figure(f"startup{suffix}_visible_ms", best["painted"], "ms", None, min(minimal),
               note=f"{where}: spawn → the window's first frame"),
    ]


def startup(workspace: Workspace, budget: Budget) -> list[Figure]:
    registry = str(workspace.scratch(Workspace.SMALL, "startup").path)
    env = ui_env(workspace.directory / "home-startup")
    rounds = budget.reps(4, 20)
    figures = _figures("", "offscreen", *_series(registry, env, rounds))
    with x_server() as display:
        if display is None:
            print("  startup_xvfb: skipped, Xvfb is not installed (apt install xvfb)", flush=True)
            return figures
        on_x = {**env, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display}
        figures += _figures("_xvfb", "on Xvfb", *_series(registry, on_x, rounds))
    return figures
