"""How the window starts: its first frame shows the keys, and it builds only the page it shows;
the real ``qkeys`` start on a current registry and on one that needs upgrading, never importing
the PostgreSQL driver for a file.

(Start-up *time* is measured by tests/benchmarks/bench_startup.py, never asserted here.)
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget
from test_registry_upgrade import build_release_4

from qkeys_desktop.core import migrations
from qkeys_desktop.core.errors import StoreError
from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.records import KeyRow
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.activity_page import ActivityPage
from qkeys_desktop.ui.main_window import ACTIVITY_PAGE, PROJECTS_PAGE, MainWindow
from qkeys_desktop.ui.projects_page import ProjectsPage
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.tasks import TaskRunner

NEVER_MS = 600_000  # a wait that only the keys arriving can end
START_TIMEOUT = 120


class OnShow(QObject):
    """Calls ``seen()`` at the moment the watched widget is shown, and keeps its answers."""

    def __init__(self, widget: QWidget, seen: Callable[[], object]) -> None:
        super().__init__(widget)
        self.seen, self.answers = seen, []  # type: list[object]
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.answers.append(self.seen())
        return False


def new_window(qtbot: Any, store: Store, settings: AppSettings,
               runner: TaskRunner) -> MainWindow:
    window = MainWindow(store, settings, runner)
    qtbot.addWidget(window)
    return window


def test_the_window_appears_with_its_keys_already_in_the_table(
        qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner) -> None:
    names = {store.create_key(f"key {n}", ["read"], None).record.name for n in range(3)}
    window = new_window(qtbot, store, settings, runner)
    table = window.keys_page.table
    shown = OnShow(window, lambda: {table.model().index(row, 0).data()
                                    for row in range(table.model().rowCount())})
    window.show_when_keys_loaded(NEVER_MS)
    qtbot.waitUntil(window.isVisible)
    assert shown.answers == [names]  # not an empty table that fills a moment later


def test_a_read_that_fails_still_shows_the_window_and_says_why(
        qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner,
        monkeypatch: pytest.MonkeyPatch) -> None:
    store.create_key("listed", ["read"], None)

    def key_table(pks: object = None) -> tuple[list[int], list[KeyRow], list[str]]:
        raise StoreError("the disk went away")  # the table's read; the reminders' still works

    monkeypatch.setattr(store, "key_table", key_table)
    window = new_window(qtbot, store, settings, runner)
    window.show_when_keys_loaded(50)
    qtbot.waitUntil(window.isVisible)
    qtbot.waitUntil(lambda: "the disk went away" in window.statusBar().currentMessage())
    assert window.keys_page.table.model().rowCount() == 0


def test_the_projects_and_activity_pages_are_built_when_first_shown(
        qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner) -> None:
    store.add_project("Backend")
    store.create_key("deploy", ["read"], None)
    window = new_window(qtbot, store, settings, runner)
    window.show()
    qtbot.waitUntil(lambda: window.keys_page.table.model().rowCount() == 1)
    assert window.findChildren(ProjectsPage) == []
    assert window.findChildren(ActivityPage) == []

    window.show_page(PROJECTS_PAGE)
    projects = window.stack.currentWidget()
    assert isinstance(projects, ProjectsPage) and projects is window.projects_page
    qtbot.waitUntil(lambda: projects.table.model().rowCount() == 1)
    assert projects.table.model().index(0, 0).data() == "Backend"

    window.show_page(ACTIVITY_PAGE)
    activity = window.stack.currentWidget()
    assert isinstance(activity, ActivityPage) and activity is window.activity_page
    qtbot.waitUntil(lambda: activity.table.model().rowCount() >= 2)  # the project, the key
    assert window.stack.count() == 3
    assert window.findChildren(ProjectsPage) == [projects]  # built once, kept


def test_a_window_that_was_left_on_the_activity_page_opens_on_it_loaded(
        qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner) -> None:
    store.create_key("deploy", ["read"], None)
    settings.last_page = ACTIVITY_PAGE
    window = new_window(qtbot, store, settings, runner)
    window.show_when_keys_loaded(NEVER_MS)
    qtbot.waitUntil(window.isVisible)
    activity = window.stack.currentWidget()
    assert isinstance(activity, ActivityPage)
    qtbot.waitUntil(lambda: activity.table.model().rowCount() == 1)
    assert window.findChildren(ProjectsPage) == []


def start_qkeys(target: str) -> dict[str, Any]:
    """Run the real ``qkeys --db target`` until its window appears; what it showed."""
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("window_start_app.py")),
                           target], capture_output=True, text=True, timeout=START_TIMEOUT,
                          check=False)
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def test_qkeys_opens_on_a_registry_showing_the_keys_the_store_lists(
        tmp_path: Path, fast_hasher: SecretHasher) -> None:
    path = str(tmp_path / "keys.db")
    store = Store.open(path, hasher=fast_hasher)
    for name in ("billing", "deploy", "nightly"):
        store.create_key(name, ["read"], None)
    listed = sorted(key.name for key in store.list_keys())
    store.close()
    shown = start_qkeys(path)
    assert shown["shown"] == listed
    assert shown["psycopg2"] is False  # a file registry never loads the server driver


def test_qkeys_opens_a_registry_of_the_previous_release_and_upgrades_it(
        tmp_path: Path, fast_hasher: SecretHasher) -> None:
    path = str(tmp_path / "old.db")
    issued = build_release_4(path, fast_hasher)
    shown = start_qkeys(path)
    store = Store.open(path, hasher=fast_hasher)
    try:
        assert migrations.current_version(store.db) == migrations.LATEST_VERSION
        assert shown["shown"] == sorted(key.name for key in store.list_keys())
        assert set(shown["shown"]) >= {"Scoped", "Paused", "Overlap"}
        assert store.verify(issued.live["Scoped"], "read", "Lab").ok  # its token still works
    finally:
        store.close()
