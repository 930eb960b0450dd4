"""The key details dialog against a real store: the facts, the status, the history with who did
what, and its actions (edit, rotate, disable, enable), reloading itself after any change."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
import shiboken6
from doubles import Confirmations
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView, QToolButton, QWidget

from qkeys_desktop.core.records import CreatedKey
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.edit_key_dialog import EditKeyDialog
from qkeys_desktop.ui.key_details_dialog import (
    KeyDetailsDialog,
    load_key_view,
    open_key_details,
    top_counts,
)
from qkeys_desktop.ui.reveal_dialog import RevealDialog
from qkeys_desktop.ui.rotate_dialog import RotateKeyDialog
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.tasks import TaskRunner
from qkeys_desktop.ui.usage_chart import EMPTY_TEXT, UsageChart

RUN_ON_BOTH_ENGINES = True


pytestmark = pytest.mark.usefixtures("clipboard")  # no test reaches the real clipboard


@pytest.fixture
def created(store: Store) -> CreatedKey:
    store.add_project("backend")
    return store.create_key("CI deploy", ["read", "write"], store.clock() + timedelta(days=30),
                            ["backend"], description="Deploys the web app")


@pytest.fixture
def written() -> list[tuple[str, str]]:
    return []


@pytest.fixture
def details(qtbot: Any, window: QWidget, store: Store, runner: TaskRunner,
            settings: AppSettings, created: CreatedKey,
            written: list[tuple[str, str]]) -> KeyDetailsDialog:
    dialog = open_key_details(window, store, runner, settings, created.record.key_id,
                              on_written=lambda k, n: written.append((k, n)))
    qtbot.waitUntil(lambda: dialog.loaded_record is not None)
    return dialog


def field(dialog: QWidget, name: str) -> str:
    label = dialog.findChild(QLabel, f"detail_{name}")
    assert label is not None, name
    return label.text()


def label(dialog: QWidget, name: str) -> QLabel:
    found = dialog.findChild(QLabel, name)
    assert found is not None, name
    return found


def button(dialog: QWidget, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert found is not None, name
    return found


def history(dialog: QWidget) -> list[list[str]]:
    table = dialog.findChild(QTableView, "historyTable")
    assert table is not None
    model = table.model()
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def reloaded(qtbot: Any, dialog: KeyDetailsDialog, check: Any) -> None:
    qtbot.waitUntil(lambda: dialog.loaded_record is not None and check(dialog.loaded_record))


def test_shows_what_the_key_is_and_its_history(details: KeyDetailsDialog, store: Store,
                                               created: CreatedKey) -> None:
    assert details.title.text() == "CI deploy"
    assert details.subtitle.text() == "Deploys the web app"
    assert field(details, "keyId") == created.record.key_id
    assert field(details, "status") == "Active"
    assert field(details, "permissions") == "Read, Write"
    assert field(details, "scope") == "backend"
    assert "(in 30 days)" in field(details, "expires")
    assert field(details, "created").endswith(f"by {store.actor} (api)")
    assert field(details, "lastUsed") == "Never"
    assert field(details, "delivery").startswith("Shown once")
    assert not details.findChild(QLabel, "detail_policy").isVisible()
    rows = history(details)
    assert len(rows) == 1
    assert rows[0][1] == "Key created" and rows[0][2] == f"{store.actor} (api)"
    assert button(details, "disableKeyButton").text() == "Disable"


def test_the_key_id_is_copied(details: KeyDetailsDialog, created: CreatedKey) -> None:
    copy = details.findChild(QToolButton, "copyKeyIdButton")
    assert copy is not None
    copy.click()
    assert QGuiApplication.clipboard().text() == created.record.key_id


def test_a_key_in_the_keychain_and_one_breaking_the_policy_say_so(
        qtbot: Any, window: QWidget, store: Store, runner: TaskRunner, settings: AppSettings,
        created: CreatedKey) -> None:
    store.set_keychain_service(created.record.key_id, "team-keys")
    store.set_policy(max_lifetime_days=7)
    dialog = open_key_details(window, store, runner, settings, created.record.key_id)
    qtbot.waitUntil(lambda: dialog.loaded_record is not None)
    assert field(dialog, "delivery") == "OS keychain: service “team-keys”, account “CI deploy”"
    assert "lives longer than the policy's 7 days" in field(dialog, "policy")
    assert dialog.findChild(QLabel, "detail_policy").isVisible()


def test_disable_asks_then_pauses_the_key_and_enable_resumes_it(
        qtbot: Any, details: KeyDetailsDialog, store: Store, created: CreatedKey,
        confirm: Confirmations, written: list[tuple[str, str]]) -> None:
    button(details, "disableKeyButton").click()
    assert confirm.asked and confirm.asked[0]["action"] == "Disable"
    reloaded(qtbot, details, lambda record: record.disabled_at is not None)
    refused = store.verify(created.token, "read", "backend")
    assert not refused.ok and refused.reason == "disabled"
    assert field(details, "status").startswith("Disabled since")
    assert details.status_pill.text() == "Disabled"
    assert "disabled" in details.banner.text() and details.banner.isVisible()
    assert button(details, "disableKeyButton").text() == "Enable"
    assert written[-1][0] == created.record.key_id and "Disabled" in written[-1][1]
    asked = len(confirm.asked)
    button(details, "disableKeyButton").click()  # Enable: nothing to confirm
    reloaded(qtbot, details, lambda record: record.disabled_at is None)
    assert len(confirm.asked) == asked
    assert store.verify(created.token, "read", "backend").ok
    assert [row[1] for row in history(details)][:2] == ["Key enabled", "Key disabled"]


def test_declining_to_disable_changes_nothing(qtbot: Any, details: KeyDetailsDialog,
                                              store: Store, created: CreatedKey,
                                              confirm: Confirmations) -> None:
    confirm.answer = False
    button(details, "disableKeyButton").click()
    assert store.get_key(created.record.key_id).disabled_at is None
    assert button(details, "disableKeyButton").isEnabled()


def test_a_change_elsewhere_shows_up(qtbot: Any, details: KeyDetailsDialog, store: Store,
                                     created: CreatedKey) -> None:
    store.edit_key(created.record.key_id, name="Renamed elsewhere")
    qtbot.waitUntil(lambda: details.title.text() == "Renamed elsewhere", timeout=5000)
    assert history(details)[0][1] == "Key edited"


def test_a_rotation_elsewhere_is_followed_and_its_overlap_shown(
        qtbot: Any, details: KeyDetailsDialog, store: Store, created: CreatedKey) -> None:
    new = store.rotate_key(created.record.key_id, overlap=timedelta(hours=5))
    qtbot.waitUntil(lambda: field(details, "keyId") == new.record.key_id, timeout=5000)
    assert details.key_id == new.record.key_id
    assert field(details, "status") == "Active · rotating: the old token stops in 5 hours"
    assert created.record.key_id in details.banner.text()
    assert "“rotated”" in details.banner.text()
    assert [row[1] for row in history(details)] == ["Key rotated", "Key created"]


def test_a_key_deleted_elsewhere_says_so_and_offers_only_close(
        qtbot: Any, details: KeyDetailsDialog, store: Store, created: CreatedKey) -> None:
    store.delete_key(created.record.key_id)
    qtbot.waitUntil(lambda: details.view is not None and details.view.record is None,
                    timeout=5000)
    assert "was deleted on" in details.banner.text() and "“revoked”" in details.banner.text()
    assert details.status_pill.text() == "Revoked"
    for name in ("editKeyButton", "rotateKeyButton", "disableKeyButton"):
        assert not button(details, name).isEnabled()
    assert button(details, "closeButton").isEnabled()
    assert history(details)[0][1] == "Key deleted"


def test_edit_opens_over_it_and_the_details_follow(
        qtbot: Any, details: KeyDetailsDialog, store: Store, created: CreatedKey,
        written: list[tuple[str, str]]) -> None:
    button(details, "editKeyButton").click()
    edit = details.findChild(EditKeyDialog)
    assert edit is not None
    qtbot.waitUntil(lambda: not edit.loading)
    name = edit.findChild(QLineEdit, "nameEdit")
    assert name is not None
    name.setText("CI deploy v2")
    button(edit, "saveButton").click()
    reloaded(qtbot, details, lambda record: record.name == "CI deploy v2")
    assert details.title.text() == "CI deploy v2"
    assert written == [(created.record.key_id, "Saved the changes to “CI deploy v2”.")]


def test_rotate_opens_over_it_delivers_and_the_details_follow(
        qtbot: Any, details: KeyDetailsDialog, store: Store, created: CreatedKey,
        confirm: Confirmations, written: list[tuple[str, str]]) -> None:
    button(details, "rotateKeyButton").click()
    rotate = details.findChild(RotateKeyDialog)
    assert rotate is not None
    qtbot.waitUntil(lambda: not rotate.loading)
    button(rotate, "rotateButton").click()
    qtbot.waitUntil(lambda: bool(written))
    new_id = written[0][0]
    assert new_id != created.record.key_id
    reloaded(qtbot, details, lambda record: record.key_id == new_id)
    reveal = details.findChild(RevealDialog)
    assert reveal is not None and store.verify(reveal.token(), "read", "backend").ok
    assert store.verify(created.token, "read", "backend").ok  # 24 hours of overlap


def test_escape_closes_it(qtbot: Any, details: KeyDetailsDialog) -> None:
    details.activateWindow()
    qtbot.keyClick(details, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(details))


def test_top_counts_names_five_and_sums_the_rest() -> None:
    counts = {"a": 1, "b": 9, "c": 3, "": 7, "d": 3, "e": 2, "f": 0, "g": 1}
    assert top_counts(counts) == [("b", 9), ("No client label", 7), ("c", 3), ("d", 3),
                                  ("e", 2), ("2 others", 2)]
    assert top_counts({"x": 4}) == [("x", 4)]
    assert top_counts({}) == []


def test_usage_of_the_last_30_days_by_day_reason_and_client(
        qtbot: Any, window: QWidget, store: Store, runner: TaskRunner, settings: AppSettings,
        created: CreatedKey) -> None:
    for client in ("web-1", "web-1", "web-2", "cron"):
        assert store.verify(created.token, "read", "backend", client=client).ok
    assert not store.verify(created.token, "delete", "backend", client="cron").ok
    assert not store.verify(created.token, "read", "elsewhere").ok  # out of scope, no client
    dialog = open_key_details(window, store, runner, settings, created.record.key_id)
    qtbot.waitUntil(lambda: dialog.loaded_record is not None)
    chart = dialog.findChild(UsageChart, "usageChart")
    assert chart is not None and chart.isVisible()
    days = chart.days()
    assert len(days) == 30 and days[-1][1:] == (4, 2)
    assert chart.accessibleDescription().startswith("Last 30 days: 4 valid and 2 rejected")
    # last use is written at most once a minute per key: the first check's client is kept
    totals = label(dialog, "usageTotals").text()
    assert totals == "4 valid\n2 rejected\nLast used by web-1"
    reasons = label(dialog, "usageByReason").accessibleDescription()
    assert reasons == "Action not permitted: 1; Project out of scope: 1"
    clients = label(dialog, "usageByClient").accessibleDescription()
    assert clients == "cron: 2; web-1: 2; No client label: 1; web-2: 1"
    assert field(dialog, "lastUsed").endswith(" by web-1")


def test_an_unused_key_shows_the_empty_chart(details: KeyDetailsDialog) -> None:
    chart = details.findChild(UsageChart, "usageChart")
    assert chart is not None and chart.empty()
    assert chart.accessibleDescription() == EMPTY_TEXT + "."
    assert label(details, "usageByReason").accessibleDescription() == "No rejections"


def test_the_limits_are_shown(qtbot: Any, window: QWidget, store: Store, runner: TaskRunner,
                              settings: AppSettings, details: KeyDetailsDialog) -> None:
    assert field(details, "limits") == "None: any number of checks, at any rate"
    limited = store.create_key("Metered", ["read"], None, uses=100, refill="daily",
                               rate=(10, 60))
    assert store.verify(limited.token, "read").ok
    dialog = open_key_details(window, store, runner, settings, limited.record.key_id)
    qtbot.waitUntil(lambda: dialog.loaded_record is not None)
    assert field(dialog, "limits") == ("99 of 100 uses left, refilled to 100 every day (UTC)\n"
                                       "At most 10 valid checks per minute")


def test_usage_is_read_off_the_ui_thread_with_the_rest(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, details: KeyDetailsDialog, store: Store,
        created: CreatedKey) -> None:
    threads: list[threading.Thread] = []
    real = store.usage

    def usage(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "usage", usage)
    with qtbot.waitSignal(details.loaded):
        details.reload()
    assert threads and threading.main_thread() not in threads
    assert load_key_view(store, created.record.key_id).usage is not None
