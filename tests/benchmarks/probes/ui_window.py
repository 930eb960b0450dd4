"""Child: the real main window on a big registry, measuring one thing (argv[1]).

argv: MODE DB KEYS [ROUNDS]. Modes:
  stall   longest heartbeat gap of each interaction on its own (probes/_interactions.py): load,
          reload after another process's change, switching pages, the Create dialog, create,
          reveal and copy, edit, rotate, delete one, delete 1,000
  stall-sampled  the same, also sampling the UI thread's Python stack during long gaps
  table   populating a fresh keys page (store → model → view) vs a raw sqlite3 fetch
  filter  latency of single keystrokes in the search field, until the table shows the result
          (median, 95th percentile, worst)
  rss     resident memory with every key loaded and the table scrolled through
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time

from _probe import Heartbeat, StackSampler, report, status_kib, wait_until
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.app import create_application
from qkeys_desktop.ui.main_window import MainWindow

RAW_KEYS = ("SELECT id, key_id, name, permissions, all_projects, expires_at, created_at, "
            "last_used_at, keychain_service FROM api_key ORDER BY created_at DESC")
RAW_SCOPE = ("SELECT key_project.key_id, project.name FROM key_project "
             "JOIN project ON project.id = key_project.project_id ORDER BY project.name_key")


def open_window(store: Store, keys: int) -> MainWindow:
    window = MainWindow(store)
    window.resize(1280, 800)
    window.show()
    wait_until(lambda: window.keys_page.table.model().rowCount() == keys)
    return window


def stall(store: Store, keys: int, sample: bool = False) -> None:
    """The worst heartbeat gap of each interaction on its own (see :mod:`_interactions`)."""
    from _interactions import Interactions

    none_refs = sys.getrefcount(None)
    beat = Heartbeat()
    sampler = StackSampler() if sample else None
    window = MainWindow(store)  # building the window is start-up (startup_ratio), not loading
    window.resize(1280, 800)
    window.show()
    steps = Interactions(window, store, keys, beat, sampler)
    wait_until(lambda: steps.done, timeout=600)
    report(stalls=steps.stalls, ui_busy_ms=steps.busy, worst_ms=max(steps.stalls.values()),
           none_refs=[none_refs, sys.getrefcount(None)],
           **({"samples": sampler.summary()} if sampler else {}))


def table(store: Store, keys: int, rounds: int) -> None:
    from qkeys_desktop.ui.keys_page import KeysPage
    from qkeys_desktop.ui.settings import AppSettings
    from qkeys_desktop.ui.tasks import TaskRunner

    raw = sqlite3.connect(store.db.database)
    runner, settings = TaskRunner(), AppSettings()
    ours, baseline = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        raw.execute(RAW_KEYS).fetchall()
        raw.execute(RAW_SCOPE).fetchall()
        baseline.append(time.perf_counter() - started)
        page = KeysPage(store, runner, settings)
        page.resize(1100, 700)
        page.show()
        counts: list[int] = []
        page.count_changed.connect(counts.append)
        started = time.perf_counter()
        page.reload()
        wait_until(lambda: bool(counts))  # noqa: B023 (waited on at once)
        page.table.viewport().repaint()
        ours.append(time.perf_counter() - started)
        assert page.table.model().rowCount() == keys
        # Rounds apart: the page gone (qWait delivers deferred deletes, cancelling its timers:
        # the dialogs' warm-up, the search texts) and its background work done, so none of it
        # runs into the next round's reload.
        page.close()
        page.deleteLater()
        QTest.qWait(100)
        wait_until(lambda: not runner.pending)
    report(ms=min(ours) * 1000, baseline_ms=min(baseline) * 1000)


def filter_latency(store: Store, keys: int) -> None:
    window = open_window(store, keys)
    view, search = window.keys_page.table, window.keys_page.search
    haystacks = [" ".join((k.name, k.key_id, *k.projects)).casefold() for k in store.list_keys()]
    # The window idle a moment, as before a person types: that read held up its event loop (the
    # page's timers, e.g. making the search texts once the keys are shown), as no app's does.
    QTest.qWait(200)
    wait_until(lambda: not window.runner.pending)
    latencies = []
    for word in ("bill", "nightly", "qk_", "project 00"):
        typed = ""
        for char in word:
            typed += char
            expected = sum(typed in h for h in haystacks)
            latencies.append(_keystroke(search, view, char, expected))
        for _ in word:
            typed = typed[:-1]
            expected = sum(typed in h for h in haystacks) if typed else keys
            latencies.append(_keystroke(search, view, Qt.Key.Key_Backspace, expected))
    report(median_ms=statistics.median(latencies), p95_ms=_percentile(latencies, 95),
           worst_ms=max(latencies), keystrokes=len(latencies))


def _percentile(values: list[float], percent: int) -> float:
    """The ``percent``-th percentile, interpolated between the values measured (never beyond
    the worst): what one keystroke in twenty takes at least, for 95."""
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def _keystroke(search: object, view: object, key: object, expected_rows: int) -> float:
    started = time.perf_counter()
    if isinstance(key, str):
        QTest.keyClicks(search, key)
    else:
        QTest.keyClick(search, key)
    wait_until(lambda: view.model().rowCount() == expected_rows, timeout=30)
    view.viewport().repaint()
    return (time.perf_counter() - started) * 1000


def rss(store: Store, keys: int) -> None:
    window = open_window(store, keys)
    view = window.keys_page.table
    wait_until(lambda: not window.runner.pending)
    for fraction in (0.0, 0.5, 1.0):
        bar = view.verticalScrollBar()
        bar.setValue(int(bar.maximum() * fraction))
        view.viewport().repaint()
    QApplication.processEvents()
    report(rss_mib=status_kib("VmRSS") / 1024, peak_mib=status_kib("VmHWM") / 1024)


def main() -> None:
    mode, db, keys = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    create_application(["qkeys"])
    store = Store.open(db)
    if mode in ("stall", "stall-sampled"):
        stall(store, keys, sample=mode == "stall-sampled")
    elif mode == "table":
        table(store, keys, rounds)
    elif mode == "filter":
        filter_latency(store, keys)
    elif mode == "rss":
        rss(store, keys)
    else:
        sys.exit(f"unknown mode {mode}")
    # As quitting would (we never ran exec): the clipboard lets go of our data. Qt's static
    # clean-up would otherwise destroy it after Python has gone, and crash.
    QApplication.instance().aboutToQuit.emit()


if __name__ == "__main__":
    main()
