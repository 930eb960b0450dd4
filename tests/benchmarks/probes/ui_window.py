"""Child: the real main window on a big registry, measuring one thing (argv[1]).

argv: MODE DB KEYS [ROUNDS]. Modes:
  stall   longest heartbeat gap while the window loads the keys, reloads them, and while a key is
          created through the Create API Key dialog (default argon2), written and delivered
  table   populating a fresh keys page (store → model → view) vs a raw sqlite3 fetch
  filter  latency of single keystrokes in the search field, until the table shows the result
  rss     resident memory with every key loaded and the table scrolled through
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time

from _probe import Heartbeat, report, status_kib, wait_until
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from qkeys_desktop.core.store import Store
from qkeys_desktop.ui import delivery, prompts
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


def stall(store: Store, keys: int) -> None:
    prompts.confirm = lambda *_args, **_kwargs: True  # nothing may block on a question
    none_refs = sys.getrefcount(None)
    beat = Heartbeat()
    window = MainWindow(store)  # building the window is start-up (startup_ratio), not loading
    window.show()
    beat.start()
    wait_until(lambda: window.keys_page.table.model().rowCount() == keys)
    wait_until(lambda: not window.runner.pending)
    load = beat.stop()
    loads: list[int] = []
    window.keys_page.count_changed.connect(loads.append)
    beat.start()
    window.reload_all()  # what a write by another process triggers
    wait_until(lambda: bool(loads) and not window.runner.pending)
    reload = beat.stop()
    beat.start()
    steps = _CreateThroughDialog(window, keys + 1)
    wait_until(lambda: steps.done, timeout=300)
    create = beat.stop()
    report(load_ms=load, reload_ms=reload, create_ms=create, worst_ms=max(load, reload, create),
           none_refs=[none_refs, sys.getrefcount(None)])


class _CreateThroughDialog:
    """Drives File ▸ New API Key from timers, since the dialog runs its own (modal) loop."""

    def __init__(self, window: MainWindow, keys_after: int) -> None:
        from qkeys_desktop.ui.create_dialog import CreateKeyDialog

        self.window, self.keys_after, self.dialog_class = window, keys_after, CreateKeyDialog
        self.state, self.done = "open", False
        self.driver = QTimer()
        self.driver.setInterval(20)
        self.driver.timeout.connect(self.step)
        self.driver.start()
        QTimer.singleShot(0, window.create_key)

    def step(self) -> None:
        modal = QApplication.activeModalWidget()
        if self.state == "open" and isinstance(modal, self.dialog_class) and not modal.loading:
            modal.form.name_edit.setText("benchmark key")
            modal.create_button.click()
            self.state = "creating"
        elif self.state == "creating" and delivery.open_reveal_dialogs():
            reveal = delivery.open_reveal_dialogs()[0]
            reveal.copy_token()
            reveal.accept()
            self.state = "listing"
        elif (self.state == "listing" and not self.window.runner.pending
              and self.window.keys_page.table.model().rowCount() == self.keys_after):
            self.driver.stop()
            self.done = True


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
        page.close()
        page.deleteLater()
        QApplication.processEvents()
    report(ms=min(ours) * 1000, baseline_ms=min(baseline) * 1000)


def filter_latency(store: Store, keys: int) -> None:
    window = open_window(store, keys)
    view, search = window.keys_page.table, window.keys_page.search
    haystacks = [" ".join((k.name, k.key_id, *k.projects)).casefold() for k in store.list_keys()]
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
    report(median_ms=statistics.median(latencies), worst_ms=max(latencies),
           keystrokes=len(latencies))


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
    if mode == "stall":
        stall(store, keys)
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
