"""The window: stalls of the UI thread, the 100,000-key table, search, memory (start-up:
bench_startup.py).

Each figure comes from a fresh child process (probes/ui_window.py) on the
offscreen Qt platform, with its own HOME and settings, so runs never see each other's state.
"""

from __future__ import annotations

from pathlib import Path

from common import Budget, Figure, child_env, run_probe
from fixtures import Workspace

PROJECTS_BIG = 1_000


def ui_env(home: Path) -> dict[str, str]:
    """Offscreen Qt, and a private HOME/XDG so settings and data never touch the user's."""
    home.mkdir(parents=True, exist_ok=True)
    return child_env(
        QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(home / "runtime"), QT_LOGGING_RULES="*.debug=false;qt.qpa.*=false",
    )


def _ui_probe(workspace: Workspace, mode: str, label: str, *args: str) -> dict[str, float]:
    registry = workspace.scratch(Workspace.BIG, f"ui-{label}")
    env = ui_env(workspace.directory / f"home-{label}")
    return run_probe("ui_window", [mode, str(registry.path), str(Workspace.BIG), *args], env=env)


def stall(workspace: Workspace, budget: Budget) -> list[Figure]:
    """Worst heartbeat gap: loading 100,000 keys, reloading them, creating a key."""
    runs = sorted((_ui_probe(workspace, "stall", f"stall{i}") for i in range(budget.reps(1, 5))),
                  key=lambda r: r["worst_ms"])
    run = runs[len(runs) // 2]  # the median run: a stall figure should not be the lucky one
    return [Figure(
        "max_ui_stall_ms", run["worst_ms"], "ms", 50.0,
        note=f"10 ms heartbeat; load {run['load_ms']:.0f}, reload {run['reload_ms']:.0f}, "
             f"create via dialog {run['create_ms']:.0f} ms (median of {len(runs)} runs; worst "
             f"stall of each run: {', '.join(str(round(r['worst_ms'])) for r in runs)} ms)")]


def table(workspace: Workspace, budget: Budget) -> list[Figure]:
    """Populating the keys table from 100,000 keys / 1,000 projects vs a raw sqlite3 fetch."""
    result = _ui_probe(workspace, "table", "table", str(budget.reps(3, 7)))
    return [Figure("table_100k_ratio", result["ms"], "ms", 2.0, result["baseline_ms"],
                   on_ratio=True, note="reload → table shows 100,000 keys (store, model, "
                   "view); baseline: raw sqlite3 fetchall of the same columns")]


def search(workspace: Workspace, budget: Budget) -> list[Figure]:
    """Median latency of one keystroke in the search field at 100,000 keys."""
    result = _ui_probe(workspace, "filter", "filter")
    return [Figure("filter_100k_ms", result["median_ms"], "ms", 50.0,
                   note=f"key press → table repainted with the matches; worst "
                        f"{result['worst_ms']:.0f} ms over {result['keystrokes']} keystrokes")]


def memory(workspace: Workspace, budget: Budget) -> list[Figure]:
    """Resident memory of the window showing 100,000 keys."""
    result = _ui_probe(workspace, "rss", "rss")
    return [Figure("rss_100k_mb", result["rss_mib"], "MiB", 400.0,
                   note=f"VmRSS after loading and scrolling; peak {result['peak_mib']:.0f} MiB")]
