"""The Activity page on a real store's audit log: newest first, filtered as you type."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPushButton, QStackedWidget

from qkeys_desktop.core.records import EventRecord
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.activity_page import ActivityPage
from qkeys_desktop.ui.event_model import (
    DETAILS,
    EVENT,
    KEY_ID,
    NAME,
    SORT_ROLE,
    TIME,
    WHO,
    EventTableModel,
    event_label,
    who_text,
)
from qkeys_desktop.ui.tasks import TaskRunner
from qkeys_desktop.ui.wording import format_date_time

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def page(qtbot: Any, store: Store, runner: TaskRunner) -> ActivityPage:
    widget = ActivityPage(store, runner)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    return widget


def load(qtbot: Any, page: ActivityPage) -> None:
    page.reload()
    qtbot.waitUntil(lambda: page.runner.pending == 0)


def column(page: ActivityPage, number: int) -> list[str]:
    proxy = page.table.model()
    return [proxy.index(row, number).data() for row in range(proxy.rowCount())]


def some_history(store: Store) -> str:
    """A project, two keys, a regeneration (recorded as a rotation) and a deletion; returns the
    deleted key's id."""
    store.add_project("alpha")
    store.create_key("ci-deploy", ["read"], None, ["alpha"])
    doomed = store.create_key("laptop", ["read", "write"], None)
    store.regenerate_key("ci-deploy")
    store.delete_key("laptop")
    return doomed.record.key_id


def test_empty_log_says_so(qtbot: Any, page: ActivityPage) -> None:
    load(qtbot, page)
    stack = page.findChild(QStackedWidget)
    assert stack.currentWidget() is page.empty
    assert page.empty.title.text() == "No activity yet"
    assert not page.findChild(QPushButton, "clearActivityFilterButton").isVisible()


def test_events_newest_first(qtbot: Any, page: ActivityPage, store: Store) -> None:
    laptop_id = some_history(store)
    load(qtbot, page)
    assert column(page, EVENT) == [
        "Key deleted", "Key rotated", "Key created", "Key created", "Project added",
    ]
    assert column(page, NAME)[0] == "laptop"
    assert column(page, KEY_ID)[0] == laptop_id
    assert page.findChild(QStackedWidget).currentWidget() is page.table
    assert page.count_label.text() == "5 events"


def test_filter_narrows_as_you_type_without_rebuilding(
    qtbot: Any, page: ActivityPage, store: Store
) -> None:
    some_history(store)
    load(qtbot, page)
    resets: list[bool] = []
    page.model.modelReset.connect(lambda: resets.append(True))
    field = page.findChild(QLineEdit, "activityFilter")

    qtbot.keyClicks(field, "LAPTOP")  # any text column, any case
    assert column(page, NAME) == ["laptop", "laptop"]
    assert page.count_label.text() == "2 of 5 events"

    field.setText("rotated")  # the human event text, not the store's code
    assert column(page, EVENT) == ["Key rotated"]

    field.setText("alpha")  # details and names
    assert set(column(page, NAME)) == {"alpha", "ci-deploy"}

    field.setText("no such thing")
    assert page.findChild(QStackedWidget).currentWidget() is page.empty
    assert page.empty.title.text() == "No matching events"
    clear = page.findChild(QPushButton, "clearActivityFilterButton")
    assert clear.isVisible()
    clear.click()
    assert field.text() == "" and len(column(page, TIME)) == 5
    assert resets == []  # filtering never rebuilt the model


def test_reload_picks_up_new_events_and_keeps_the_selection(
    qtbot: Any, page: ActivityPage, store: Store
) -> None:
    store.add_project("alpha")
    load(qtbot, page)
    page.table.selectRow(0)
    selected = page.selected_event()
    assert selected is not None and selected.name == "alpha"
    store.add_project("beta")
    load(qtbot, page)
    assert column(page, NAME) == ["beta", "alpha"]
    assert page.selected_event() == selected


def test_focus_filter(qtbot: Any, page: ActivityPage, store: Store) -> None:
    store.add_project("Backend")  # an empty log hides the filter: nothing to filter yet
    load(qtbot, page)
    with qtbot.waitActive(page):  # focus goes to an active window only (asynchronous)
        page.activateWindow()
    page.focus_filter()
    qtbot.waitUntil(lambda: page.filter.hasFocus())


def test_local_time_format() -> None:
    moment = datetime(2026, 11, 29, 14, 5).astimezone()  # 14:05 local
    assert format_date_time(moment) == "Nov 29, 2026 14:05"
    assert format_date_time(moment.astimezone(UTC)) == "Nov 29, 2026 14:05"


def test_event_labels() -> None:
    assert [event_label(k) for k in ("key.created", "key.deleted", "key.regenerated",
                                     "project.added", "project.renamed", "project.removed")] == [
        "Key created", "Key deleted", "Key regenerated", "Project added", "Project renamed",
        "Project removed",
    ]
    assert event_label("key.exported") == "Key exported"  # a kind from a newer version


def test_a_keys_life_is_worded_with_its_own_icons(
    qtbot: Any, page: ActivityPage, store: Store
) -> None:
    store.create_key("ci", ["read"], None)
    store.edit_key("ci", description="runs the nightly deploy")
    store.set_key_disabled("ci", True)
    store.set_key_disabled("ci", False)
    store.rotate_key("ci", overlap=timedelta(hours=1))
    store.set_policy(max_lifetime_days=90)
    load(qtbot, page)
    assert column(page, EVENT) == [
        "Policy changed", "Key rotated", "Key enabled", "Key disabled", "Key edited",
        "Key created",
    ]
    icons = [page.table.model().index(row, EVENT).data(Qt.ItemDataRole.DecorationRole)
             for row in range(6)]
    assert not any(icon.isNull() for icon in icons)
    # each step of the life looks different from its neighbours
    keys = [icon.pixmap(16, 16).toImage() for icon in icons]
    assert all(a != b for a, b in pairwise(keys))
    assert "90 days" in column(page, DETAILS)[0]


def test_old_regenerations_keep_their_word() -> None:
    model = EventTableModel()
    at = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    model.set_events([EventRecord(at, "key.regenerated", "qk_7Gh2kLm9Qx4a", "ci", "")])
    assert model.index(0, EVENT).data() == "Key regenerated"
    assert model.index(0, WHO).data() == ""  # recorded before qkeys kept who did it
    assert "before" in model.index(0, WHO).data(Qt.ItemDataRole.ToolTipRole)


def test_who_column_names_the_person_and_the_surface(
    qtbot: Any, page: ActivityPage, store: Store
) -> None:
    store.actor, store.surface = "alice@laptop", "cli"
    store.add_project("alpha")
    store.actor, store.surface = "bob@build-01", "window"
    store.add_project("beta")
    store.actor, store.surface = "carol@server", "api"
    store.add_project("gamma")
    load(qtbot, page)
    assert column(page, WHO) == [
        "carol@server · API", "bob@build-01 · Window", "alice@laptop · CLI",
    ]
    tip = page.table.model().index(2, WHO).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "alice@laptop with the qkeys command"
    page.filter.setText("ALICE")
    assert column(page, NAME) == ["alpha"]
    page.filter.setText("· window")
    assert column(page, NAME) == ["beta"]
    page.filter.clear()
    page.table.sortByColumn(WHO, Qt.SortOrder.AscendingOrder)
    assert column(page, NAME) == ["alpha", "beta", "gamma"]


@pytest.mark.parametrize(("actor", "surface", "shown"), [
    ("alice@laptop", "cli", "alice@laptop · CLI"),
    ("", "window", "Window"),
    ("bob@host", "", "bob@host"),
    ("bob@host", "mobile", "bob@host · mobile"),  # a surface from a newer version
    ("", "", ""),
])
def test_who_text(actor: str, surface: str, shown: str) -> None:
    assert who_text(actor, surface) == shown


def test_event_model_passes_modeltester(qtmodeltester: Any) -> None:
    base = datetime(2026, 11, 29, 13, 0, tzinfo=UTC)
    model = EventTableModel()
    model.set_events([
        EventRecord(base + timedelta(minutes=2), "key.deleted", "qk_7Gh2kLm9Qx4a", "ci", "revoked"),
        EventRecord(base + timedelta(minutes=2), "key.created", "qk_7Gh2kLm9Qx4a", "ci", "Read"),
        EventRecord(base, "project.renamed", None, "web", "was www"),
    ])
    qtmodeltester.check(model)
    # same second: the store's (newest-first) order wins over equal times
    assert model.index(0, TIME).data(SORT_ROLE) > model.index(1, TIME).data(SORT_ROLE)
    assert model.index(2, KEY_ID).data() == ""
    font = model.index(0, KEY_ID).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont)
    assert font == QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    for row in range(3):
        assert not model.index(row, EVENT).data(Qt.ItemDataRole.DecorationRole).isNull()
    model.set_events([])
    qtmodeltester.check(model)


def test_a_pasted_token_filters_by_its_key_id_and_is_not_kept(
    qtbot: Any, page: ActivityPage, store: Store
) -> None:
    some_history(store)
    laptop = store.create_key("laptop 2", ["read"], None)
    load(qtbot, page)
    notices: list[str] = []
    page.notice.connect(notices.append)
    field = page.findChild(QLineEdit, "activityFilter")
    QGuiApplication.clipboard().setText(laptop.token)
    field.setFocus()
    qtbot.keyClick(field, "v", modifier=Qt.KeyboardModifier.ControlModifier)
    QGuiApplication.clipboard().clear()
    assert field.text() == laptop.record.key_id and not field.isUndoAvailable()
    assert column(page, KEY_ID) == [laptop.record.key_id]
    assert len(notices) == 1 and laptop.record.key_id in notices[0]
    assert laptop.token[16:] not in notices[0]
