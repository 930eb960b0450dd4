"""Expiry reminders: what is said, once a day, through a (patched) tray or the window's notice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import shiboken6
from doubles import FakeClock
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QSystemTrayIcon

from qkeys_desktop.core.errors import StoreError
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.reminders import (
    EMBED_WAIT_MS,
    TICK_MS,
    DueKey,
    ExpiryReminders,
    news,
    opened_by_click,
    wording,
)
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.tasks import TaskRunner

RUN_ON_BOTH_ENGINES = True


class Tray:
    """What the patched QSystemTrayIcon was asked to show."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []


@pytest.fixture
def tray(monkeypatch: pytest.MonkeyPatch) -> Tray:
    """A desktop with a tray that takes messages; nothing is really shown."""
    seen = Tray()
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda self: None)
    monkeypatch.setattr(QSystemTrayIcon, "geometry", lambda self: QRect(1200, 0, 24, 24))
    monkeypatch.setattr(QSystemTrayIcon, "showMessage",
                        lambda self, title, text, *_: seen.messages.append((title, text)))
    return seen


@pytest.fixture
def no_tray(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))


NOTICES: dict[int, list[str]] = {}
MADE: list[ExpiryReminders] = []


@pytest.fixture(autouse=True)
def deleted_at_the_end(qtbot: Any) -> Iterator[None]:
    """Each test's reminders live until it ends (one collected before its read reports would
    drop the report, as it should), then go here, on the UI thread: left to the garbage
    collector, their timers could be stopped from a worker thread, which Qt refuses."""
    yield
    for reminders in MADE:
        NOTICES.pop(id(reminders), None)
        if shiboken6.isValid(reminders):
            shiboken6.delete(reminders)
    MADE.clear()


def make(qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings,
         clock: FakeClock) -> ExpiryReminders:
    reminders = ExpiryReminders(store, runner, settings, clock=clock)
    MADE.append(reminders)
    NOTICES[id(reminders)] = said = []
    reminders.notice.connect(said.append)
    return reminders


def notices(reminders: ExpiryReminders) -> list[str]:
    """What the reminders told the window (its status bar) instead of the desktop."""
    return NOTICES[id(reminders)]


def settle(qtbot: Any, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: runner.pending == 0)


def some_keys(store: Store, clock: FakeClock) -> dict[str, str]:
    """Keys expired, expiring soon, later, never, and one disabled; their ids by name."""
    ids = {"gone": store.create_key("gone", ["read"], clock() + timedelta(days=1)).record.key_id}
    clock.advance(days=2)
    for name, days in (("soon", 3), ("sooner", 2), ("later", 30), ("never", None),
                       ("paused", 1)):
        expires = None if days is None else clock() + timedelta(days=days)
        ids[name] = store.create_key(name, ["read"], expires).record.key_id
    store.set_key_disabled("paused", True)
    return ids


def test_keys_due_within_a_week_are_notified_and_expired_ones_said_apart(
    qtbot: Any, timed: Store, clock: FakeClock, runner: TaskRunner, settings: AppSettings,
    tray: Tray
) -> None:
    some_keys(timed, clock)
    reminders = make(qtbot, timed, runner, settings, clock)
    reminders.start()
    settle(qtbot, runner)
    assert len(tray.messages) == 1
    title, text = tray.messages[0]
    assert title == "2 API keys will expire soon; 1 API key expired"
    assert text.splitlines() == [
        "Expiring: “sooner” in 2 days, “soon” in 3 days.",
        "Expired: “gone” on Jun 2, 2030.",
        "Click to open the soonest in qkeys.",
    ]
    assert "later" not in text and "paused" not in text and "never" not in text
    assert reminders.findChild(QSystemTrayIcon, "expiryTrayIcon") is reminders.tray
    assert notices(reminders) == []


def test_clicking_the_notification_asks_for_the_soonest_key(
    qtbot: Any, timed: Store, clock: FakeClock, runner: TaskRunner, settings: AppSettings,
    tray: Tray
) -> None:
    ids = some_keys(timed, clock)
    reminders = make(qtbot, timed, runner, settings, clock)
    reminders.start()
    settle(qtbot, runner)
    assert reminders.tray is not None
    with qtbot.waitSignal(reminders.key_requested) as requested:
        reminders.tray.messageClicked.emit()
    assert requested.args == [ids["sooner"]]


def test_one_key_is_named_and_opened(
    qtbot: Any, timed: Store, clock: FakeClock, runner: TaskRunner, settings: AppSettings,
    tray: Tray
) -> None:
    key = timed.create_key("ci-deploy", ["read"], clock() + timedelta(hours=5))
    reminders = make(qtbot, timed, runner, settings, clock)
    reminders.start()
    settle(qtbot, runner)
    assert tray.messages == [("1 API key will expire soon",
                              "Expiring: “ci-deploy” in 5 hours.\nClick to open the key in qkeys.")]
    with qtbot.waitSignal(reminders.key_requested) as requested:
        reminders.open_key()
    assert requested.args == [key.record.key_id]


def test_a_restart_the_same_day_says_nothing_new_and_the_next_day_repeats_only_expiring(
    qtbot: Any, timed: Store, clock: FakeClock, runner: TaskRunner, settings: AppSettings,
    tray: Tray
) -> None:
    some_keys(timed, clock)
    make(qtbot, timed, runner, settings, clock).start()
    settle(qtbot, runner)
    settings.q.sync()
    restarted = AppSettings(type(settings.q)(settings.q.fileName(), settings.q.format()))
    clock.advance(hours=3)
    make(qtbot, timed, runner, restarted, clock).start()
    settle(qtbot, runner)
    assert len(tray.messages) == 1  # the same day: remembered across the restart
    clock.advance(days=1)
    make(qtbot, timed, runner, restarted, clock).start()
    settle(qtbot, runner)
    assert len(tray.messages) == 2
    title, text = tray.messages[1]
    assert title == "2 API keys will expire soon"  # "gone" was said once; "sooner" is in a day
    assert "“sooner” in 21 hours" in text and "gone" not in text


def test_checks_once_a_day_while_running(
    qtbot: Any, timed: Store, clock: FakeClock, runner: TaskRunner, settings: AppSettings,
    tray: Tray, monkeypatch: pytest.MonkeyPatch
) -> None:
    timed.create_key("soon", ["read"], clock() + timedelta(days=5))
    reads: list[bool] = []
    key_rows = timed.key_rows
    monkeypatch.setattr(timed, "key_rows",
                        lambda **only: reads.append(True) or key_rows(**only))
    reminders = make(qtbot, timed, runner, settings, clock)
    reminders.start()
    settle(qtbot, runner)
    assert reminders.timer.isActive() and reminders.timer.interval() == TICK_MS
    clock.advance(hours=6)
    reminders.timer.timeout.emit()  # the same day: not even a look at the registry
    settle(qtbot, runner)
    assert len(reads) == 1 and len(tray.messages) == 1
    clock.advance(days=1)
    reminders.timer.timeout.emit()
    settle(qtbot, runner)
    assert len(reads) == 2 and len(tray.messages) == 2
    assert "“soon” in 4 days" in tray.messages[1][1]


def test_without_a_tray_the_window_is_told_instead(
    qtbot: Any, timed: Store, clock: FakeClock, runner: TaskRunner, settings: AppSettings,
    no_tray: None
) -> None:
    timed.create_key("soon", ["read"], clock() + timedelta(days=3))
    reminders = make(qtbot, timed, runner, settings, clock)
    reminders.start()
    settle(qtbot, runner)
    assert notices(reminders) == [
        "1 API key will expire soon. Expiring: “soon” in 3 days."]
    assert reminders.findChild(QSystemTrayIcon) is None


def test_turned_off_in_settings_nothing_is_read_or_said(
    qtbot: Any, timed: Store, clock: FakeClock, runner: TaskRunner, settings: AppSettings,
    tray: Tray, monkeypatch: pytest.MonkeyPatch
) -> None:
    timed.create_key("soon", ["read"], clock() + timedelta(days=3))
    settings.expiry_reminders = False
    monkeypatch.setattr(timed, "key_rows", lambda **_: pytest.fail("read with reminders off"))
    reminders = make(qtbot, timed, runner, settings, clock)
    reminders.start()
    reminders.timer.timeout.emit()
    settle(qtbot, runner)
    assert tray.messages == [] and reminders.tray is None


def test_a_failed_read_is_said_and_tried_again_at_the_next_tick(
    qtbot: Any, timed: Store, clock: FakeClock, runner: TaskRunner, settings: AppSettings,
    tray: Tray, monkeypatch: pytest.MonkeyPatch
) -> None:
    timed.create_key("soon", ["read"], clock() + timedelta(days=3))
    key_rows = timed.key_rows

    def unreachable(**_: object) -> list[Any]:
        raise StoreError("The registry cannot be reached.")

    monkeypatch.setattr(timed, "key_rows", unreachable)
    reminders = make(qtbot, timed, runner, settings, clock)
    reminders.start()
    settle(qtbot, runner)
    assert notices(reminders) == [
        "Could not check for expiring keys: The registry cannot be reached."]
    monkeypatch.setattr(timed, "key_rows", key_rows)
    reminders.timer.timeout.emit()
    settle(qtbot, runner)
    assert len(tray.messages) == 1


NOW = datetime(2030, 6, 1, 12, 0, tzinfo=UTC)


def due(name: str, days: float) -> DueKey:
    return DueKey(f"qk_{name}", name, NOW + timedelta(days=days), days <= 0)


def test_news_prunes_keys_no_longer_due() -> None:
    today = NOW.date()
    said = {"qk_old": "expiring 2030-05-31", "qk_gone": "expired", "qk_extended": "expired"}
    tell, marks = news([due("old", 2), due("gone", -1)], said, today)
    assert [key.name for key in tell] == ["old"]
    assert marks == {"qk_old": "expiring 2030-06-01", "qk_gone": "expired"}


def test_many_keys_are_counted_not_all_named() -> None:
    keys = [due(f"k{n}", n + 1) for n in range(5)]
    title, text = wording(keys, NOW)
    assert title == "5 API keys will expire soon"
    assert text.splitlines()[0] == (
        "Expiring: “k0” in 1 day, “k1” in 2 days, “k2” in 3 days and 2 more.")
    assert opened_by_click(keys) == "qk_k0"
    expired = [due("a", -3), due("b", -1)]
    assert opened_by_click(expired) == "qk_b"  # the one that expired last


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window stack
def test_the_window_opens_the_reminded_keys_details_when_the_notification_is_clicked(
    qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings, tray: Tray
) -> None:
    from PySide6.QtWidgets import QDialog

    from qkeys_desktop.ui.main_window import KEYS_PAGE, PROJECTS_PAGE, MainWindow

    store.create_key("later", ["read"], store.clock() + timedelta(days=60))
    soon = store.create_key("ci-deploy", ["read"], store.clock() + timedelta(days=2))
    window = MainWindow(store, settings, runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.keys_page._loaded_once and runner.pending == 0)
    assert [title for title, _ in tray.messages] == ["1 API key will expire soon"]
    window.show_page(PROJECTS_PAGE)
    assert window.reminders.tray is not None
    window.reminders.tray.messageClicked.emit()
    assert window.stack.currentIndex() == KEYS_PAGE
    assert [r.key_id for r in window.keys_page.selected_records()] == [soon.record.key_id]
    qtbot.waitUntil(lambda: window.findChild(QDialog, "keyDetailsDialog") is not None)
    details = window.findChild(QDialog, "keyDetailsDialog")
    qtbot.waitUntil(lambda: runner.pending == 0)
    details.close()
    window.close()
    qtbot.waitUntil(lambda: window.watcher.pending == 0)


def test_the_window_shows_the_reminder_in_its_status_bar_without_a_tray(
    qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings, no_tray: None
) -> None:
    from qkeys_desktop.ui.main_window import MainWindow

    store.create_key("ci-deploy", ["read"], store.clock() + timedelta(days=2))
    window = MainWindow(store, settings, runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "will expire soon" in window.statusBar().currentMessage())
    assert "“ci-deploy” in 2 days" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: runner.pending == 0)
    window.close()
    qtbot.waitUntil(lambda: window.watcher.pending == 0)


def test_the_message_waits_until_the_tray_has_taken_the_icon_in(
    qtbot: Any, timed: Store, clock: FakeClock, runner: TaskRunner, settings: AppSettings,
    tray: Tray, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An X11 tray takes a new icon in a moment after show(); until then the icon is said to be
    at the screen's origin, and a message sent then points at the top-left corner."""
    embedded: list[QRect] = []
    monkeypatch.setattr(QSystemTrayIcon, "geometry",
                        lambda self: embedded[0] if embedded else QRect(0, 0, 22, 22))
    some_keys(timed, clock)
    reminders = make(qtbot, timed, runner, settings, clock)
    reminders.start()
    settle(qtbot, runner)
    assert reminders.tray is not None
    qtbot.wait(3 * EMBED_WAIT_MS)
    assert tray.messages == []  # not pointing at the wrong corner
    embedded.append(QRect(1200, 0, 24, 24))
    qtbot.waitUntil(lambda: len(tray.messages) == 1)
    assert "sooner" in tray.messages[0][1]
