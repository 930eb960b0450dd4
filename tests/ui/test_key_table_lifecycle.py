"""A key's life in the keys table, through the real window on a real registry (both engines):
the badges after names, the filter chips with the search, "N of M keys", Enter for the details,
disable and enable, edit, a rotation's overlap, the registry policy and descriptions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton, QTableView

from qkeys_desktop.core.records import CreatedKey
from qkeys_desktop.core.store import Store, utc_now
from qkeys_desktop.ui.key_model import BADGE_ROLE, Column
from qkeys_desktop.ui.main_window import MainWindow
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.tasks import TaskRunner
from qkeys_desktop.ui.theme import muted_color

RUN_ON_BOTH_ENGINES = True
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def create(store: Store, name: str, expires: timedelta | None = timedelta(days=90),
           description: str = "") -> CreatedKey:
    return store.create_key(name, ["read"], None if expires is None else store.clock() + expires,
                            description=description)


@pytest.fixture
def keys(store: Store) -> dict[str, CreatedKey]:
    """Four keys, oldest first: one expiring in 3 days, one never expiring, one in the
    keychain (as the window records it), one described."""
    made = {
        "Billing webhook": create(store, "Billing webhook", timedelta(days=3)),
        "Grafana read-only": create(store, "Grafana read-only", None),
        "Deploy bot": create(store, "Deploy bot"),
        "Importer": create(store, "Importer", description="Nightly CSV import on the ops box"),
    }
    store.set_keychain_service(made["Deploy bot"].record.key_id, "qkeys")
    return made


@pytest.fixture
def window(qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner,
           keys: dict[str, CreatedKey]) -> Iterator[MainWindow]:
    opened = MainWindow(store, settings, runner)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitUntil(lambda: opened.keys_page.model.rowCount() == len(keys))
    yield opened
    opened.close()
    qtbot.waitUntil(lambda: opened.watcher.pending == 0)


def table(window: MainWindow) -> QTableView:
    return window.findChild(QTableView, "keysTable")


def shown(window: MainWindow, column: Column = Column.NAME) -> list[str]:
    model = table(window).model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def cell(window: MainWindow, name: str, column: Column,
         role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    model = table(window).model()
    row = shown(window).index(name)
    return model.index(row, column).data(role)


def badge(window: MainWindow, name: str) -> str | None:
    """The badge after a key's name ("Disabled", "Rotating — …"), or None."""
    shown_badge = cell(window, name, Column.NAME, BADGE_ROLE)
    return None if shown_badge is None else shown_badge[0]


def chip(window: MainWindow, name: str) -> QPushButton:
    return window.findChild(QPushButton, f"{name}Chip")


def select(qtbot: Any, window: MainWindow, name: str) -> None:
    """Click the key's row, as a person would; the table has the focus afterwards."""
    view = table(window)
    row = shown(window).index(name)
    rect = view.visualRect(view.model().index(row, Column.NAME))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [r.name for r in window.keys_page.selected_records()] == [name]


def open_dialogs(name: str) -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.objectName() == name and w.isVisible()]


# -- states, markers ----------------------------------------------------------------------------


def test_status_column_and_markers(window: MainWindow) -> None:
    assert cell(window, "Billing webhook", Column.EXPIRES) == "in 3 days"
    assert cell(window, "Deploy bot", Column.NAME, BADGE_ROLE) is None
    never_tip = cell(window, "Grafana read-only", Column.EXPIRES, Qt.ItemDataRole.ToolTipRole)
    assert never_tip.startswith("Never expires")
    assert cell(window, "Grafana read-only", Column.EXPIRES,
                Qt.ItemDataRole.DecorationRole) is not None
    assert cell(window, "Importer", Column.NAME, Qt.ItemDataRole.ToolTipRole) == (
        "Importer\nNightly CSV import on the ops box")


def test_a_rotation_with_overlap_shows_while_it_runs(qtbot: Any, window: MainWindow,
                                                     store: Store) -> None:
    store.rotate_key("Deploy bot", overlap=timedelta(hours=5))  # another process, say
    qtbot.waitUntil(lambda: cell(window, "Deploy bot", Column.NAME, BADGE_ROLE) is not None)
    assert cell(window, "Deploy bot", Column.NAME, BADGE_ROLE)[0] == (
        "Rotating — old token stops in 5 h")
    chip(window, "rotating").click()
    assert shown(window) == ["Deploy bot"]


def test_keys_outside_a_new_policy_are_flagged(qtbot: Any, window: MainWindow,
                                               store: Store) -> None:
    store.set_policy(max_lifetime_days=30, allow_never=False)
    tip = lambda name: cell(window, name, Column.EXPIRES, Qt.ItemDataRole.ToolTipRole)  # noqa: E731
    qtbot.waitUntil(lambda: "policy" in tip("Deploy bot"))
    assert "lives longer than the policy's 30 days" in tip("Deploy bot")
    assert "never expires, which the policy no longer allows" in tip("Grafana read-only")
    assert "policy" not in tip("Billing webhook")
    assert shown(window, Column.EXPIRES)[shown(window).index("Grafana read-only")] == "Never"


# -- filters and the count ----------------------------------------------------------------------


def test_chips_narrow_rows_combine_with_search_and_the_count_says_so(
        qtbot: Any, window: MainWindow) -> None:
    assert window.count_label.text() == "4 keys"
    chip(window, "expiring").click()
    assert shown(window) == ["Billing webhook"]
    assert window.count_label.text() == "1 of 4 keys"
    chip(window, "active").click()  # states: any of them
    assert sorted(shown(window)) == ["Billing webhook", "Deploy bot", "Grafana read-only",
                                     "Importer"]
    chip(window, "in_keychain").click()  # a trait: and
    assert shown(window) == ["Deploy bot"]
    search = window.findChild(QLineEdit, "searchField")
    qtbot.keyClicks(search, "grafana")
    assert shown(window) == [] and window.count_label.text() == "0 of 4 keys"
    page = window.keys_page
    assert page.stack.currentWidget() is page.no_matches
    assert "in keychain" in page.no_matches.text.text()
    chip(window, "in_keychain").click()
    assert shown(window) == ["Grafana read-only"]
    window.findChild(QPushButton, "clearSearchButton").click()  # clears chips and search
    assert len(shown(window)) == 4 and search.text() == ""
    assert not any(c.isChecked() for c in page.chips.chips.values())
    assert window.count_label.text() == "4 keys"


def test_the_banner_shows_the_keys_it_counts(window: MainWindow) -> None:
    page = window.keys_page
    assert page.banner.isVisible() and "Show them" in page.banner.label.text()
    page.banner.label.linkActivated.emit("#show")
    assert shown(window) == ["Billing webhook"]
    assert chip(window, "expired").isChecked() and chip(window, "expiring").isChecked()
    assert window.count_label.text() == "1 of 4 keys"


def test_description_is_searchable(qtbot: Any, window: MainWindow) -> None:
    qtbot.keyClicks(window.findChild(QLineEdit, "searchField"), "csv import")
    assert shown(window) == ["Importer"]
    assert window.count_label.text() == "1 of 4 keys"


def test_chips_are_reachable_and_toggled_by_keyboard(qtbot: Any, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    search = window.findChild(QLineEdit, "searchField")
    search.setFocus()
    for _ in range(12):  # Tab along until the Disabled chip has the focus
        if QApplication.focusWidget() is chip(window, "disabled"):
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is chip(window, "disabled")
    qtbot.keyClick(chip(window, "disabled"), Qt.Key.Key_Space)
    assert chip(window, "disabled").isChecked() and shown(window) == []
    qtbot.keyClick(chip(window, "disabled"), Qt.Key.Key_Space)
    assert len(shown(window)) == 4


# -- actions ------------------------------------------------------------------------------------


def test_enter_and_double_click_open_the_details(qtbot: Any, window: MainWindow,
                                                 keys: dict[str, CreatedKey]) -> None:
    window.activateWindow()  # Enter is the table's shortcut: it needs the keyboard focus
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    select(qtbot, window, "Importer")
    assert QApplication.focusWidget() is table(window)
    qtbot.keyClick(table(window), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(open_dialogs("keyDetailsDialog")))
    details = open_dialogs("keyDetailsDialog")[0]
    assert details.key_id == keys["Importer"].record.key_id
    details.close()
    qtbot.waitUntil(lambda: not open_dialogs("keyDetailsDialog"))
    view = table(window)
    rect = view.visualRect(view.model().index(shown(window).index("Deploy bot"), Column.NAME))
    # QTest's double-click is the second click alone: the view wants the first one too
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: bool(open_dialogs("keyDetailsDialog")))
    assert open_dialogs("keyDetailsDialog")[0].key_id == keys["Deploy bot"].record.key_id
    open_dialogs("keyDetailsDialog")[0].close()


def test_disable_and_enable_change_the_status_and_verification(
        qtbot: Any, window: MainWindow, store: Store, keys: dict[str, CreatedKey]) -> None:
    token = keys["Deploy bot"].token
    select(qtbot, window, "Deploy bot")
    menu = window.keys_page.context_menu()
    toggle = menu.findChild(type(window.key_actions["disable"]), "disableMenuAction")
    assert toggle.text() == "Disable"
    toggle.trigger()
    menu.deleteLater()
    qtbot.waitUntil(lambda: badge(window, "Deploy bot") == "Disabled")
    result = store.verify(token, "read")
    assert not result.ok and result.reason == "disabled"
    assert cell(window, "Deploy bot", Column.NAME, Qt.ItemDataRole.ForegroundRole) == \
        muted_color()
    assert "Disabled the key “Deploy bot”" in window.statusBar().currentMessage()
    action = window.key_actions["disable"]  # Key ▸ Enable, on the same selection
    assert action.text() == "&Enable" and action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: badge(window, "Deploy bot") is None)
    assert store.verify(token, "read").ok
    assert cell(window, "Deploy bot", Column.NAME, Qt.ItemDataRole.ForegroundRole) is None
    assert [r.name for r in window.keys_page.selected_records()] == ["Deploy bot"]


def test_key_menu_follows_the_selection_and_the_page(qtbot: Any, window: MainWindow) -> None:
    actions = window.key_actions
    assert not any(a.isEnabled() for a in actions.values())  # nothing selected
    select(qtbot, window, "Importer")
    assert all(a.isEnabled() for a in actions.values())
    window.show_page(2)  # Activity: the Key menu acts on nothing there
    assert not any(a.isEnabled() for a in actions.values())


def test_ctrl_shift_c_copies_the_key_id(qtbot: Any, window: MainWindow,
                                        keys: dict[str, CreatedKey]) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    select(qtbot, window, "Importer")
    qtbot.keyClick(table(window), Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.clipboard().text() == keys["Importer"].record.key_id


def test_ctrl_e_opens_the_edit_dialog_and_a_rename_shows(
        qtbot: Any, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    select(qtbot, window, "Importer")
    qtbot.keyClick(table(window), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(open_dialogs("editKeyDialog")))
    dialog = open_dialogs("editKeyDialog")[0]
    name = dialog.findChild(QLineEdit, "nameEdit")
    name.setText("CSV importer")
    save = dialog.findChild(QPushButton, "saveButton")
    qtbot.waitUntil(save.isEnabled)
    save.click()
    qtbot.waitUntil(lambda: "CSV importer" in shown(window))
    assert [r.name for r in window.keys_page.selected_records()] == ["CSV importer"]


# -- use and limits -----------------------------------------------------------------------------


def test_the_uses_column_sorts_by_use_and_limited_keys_show_their_limits(
        qtbot: Any, window: MainWindow, store: Store, keys: dict[str, CreatedKey]) -> None:
    window.resize(1700, 760)  # room for the column
    for _ in range(3):
        assert store.verify(keys["Importer"].token, "read").ok
    assert store.verify(keys["Deploy bot"].token, "read").ok
    store.usage("Importer")  # counts reach the registry about once a minute: now
    store.edit_key("Deploy bot", uses=100, rate=(10, 60))  # a write: the window reloads
    qtbot.waitUntil(lambda: cell(window, "Importer", Column.USES) == "3", timeout=5000)
    view = table(window)
    assert not view.horizontalHeader().isSectionHidden(Column.USES)
    view.sortByColumn(Column.USES, Qt.SortOrder.DescendingOrder)
    assert shown(window)[:2] == ["Importer", "Deploy bot"]
    assert shown(window, Column.USES)[:2] == ["3", "1"]
    tip = cell(window, "Deploy bot", Column.USES, Qt.ItemDataRole.ToolTipRole)
    assert tip == "1 valid check in the last 30 days\nLimits: 100/100 uses · 10/min"
    assert "Limits: 100/100 uses · 10/min" in cell(window, "Deploy bot", Column.NAME,
                                                   Qt.ItemDataRole.ToolTipRole)
    assert cell(window, "Deploy bot", Column.USES, Qt.ItemDataRole.DecorationRole) is not None
    assert cell(window, "Importer", Column.USES, Qt.ItemDataRole.DecorationRole) is None


def test_the_uses_column_shows_only_where_the_names_keep_room(qtbot: Any,
                                                              window: MainWindow) -> None:
    header = table(window).horizontalHeader()
    window.resize(1200, 760)  # the usual size: the names would be cut to a word
    qtbot.waitUntil(lambda: header.isSectionHidden(Column.USES))
    assert "valid checks in the last 30 days" in cell(window, "Importer", Column.LAST_USED,
                                                      Qt.ItemDataRole.ToolTipRole)
    window.resize(1700, 760)
    qtbot.waitUntil(lambda: not header.isSectionHidden(Column.USES))
    assert header.sectionSize(Column.USES) > 0
    assert header.sectionSize(Column.NAME) >= 200


def test_keys_unused_for_90_days_are_flagged_and_chosen_by_their_chip(
        qtbot: Any, window: MainWindow, store_target: str, fast_hasher: Any) -> None:
    past = Store.open(store_target, hasher=fast_hasher,
                      clock=lambda: utc_now() - timedelta(days=120))
    try:
        old = past.create_key("Forgotten importer", ["read"], None)
        used = past.create_key("Old but busy", ["read"], None)
    finally:
        past.close()
    window.keys_page.reload()
    qtbot.waitUntil(lambda: "Forgotten importer" in shown(window), timeout=5000)
    assert old.record.key_id and used.record.key_id
    tip = cell(window, "Forgotten importer", Column.LAST_USED, Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("Not used for 90 days: a candidate for deletion")
    assert cell(window, "Forgotten importer", Column.LAST_USED,
                Qt.ItemDataRole.DecorationRole) is not None
    assert cell(window, "Importer", Column.LAST_USED, Qt.ItemDataRole.DecorationRole) is None
    chip(window, "unused").click()
    assert sorted(shown(window)) == ["Forgotten importer", "Old but busy"]
    assert window.count_label.text() == "2 of 6 keys"
    window.keys_page.store.verify(used.token, "read")  # used now: no longer a candidate
    window.keys_page.reload()
    qtbot.waitUntil(lambda: shown(window) == ["Forgotten importer"], timeout=5000)
