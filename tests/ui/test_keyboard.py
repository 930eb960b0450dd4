"""The window by keyboard alone: Tab leaves tables and arrows move their rows, the focused row
is outlined, Ctrl/Alt+1–3 switch pages, F1 lists every shortcut (read from the actions), Esc
clears a search then returns to the list, Enter after Copy closes the reveal, and the
platform's standard keys are used where there are some."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from doubles import Confirmations
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QImage, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QMenu,
    QTableView,
    QWidget,
)

from qkeys_desktop.core.records import CreatedKey
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.help_dialog import keys_text, plain
from qkeys_desktop.ui.main_window import (
    ACTIVITY_PAGE,
    KEYS_PAGE,
    PROJECTS_PAGE,
    MainWindow,
    drop_clashes,
)
from qkeys_desktop.ui.reveal_dialog import RevealDialog
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.tasks import TaskRunner

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                        "This plugin does not support raise"),
              pytest.mark.usefixtures("clipboard")]
Key = Qt.Key
Mod = Qt.KeyboardModifier


@pytest.fixture
def window(qtbot: Any, store: Store, settings: AppSettings,
           runner: TaskRunner) -> Iterator[MainWindow]:
    store.add_project("backend")
    for name in ("Deploy bot", "Importer", "Nightly backup"):
        store.create_key(name, ["read"], store.clock() + timedelta(days=90), ["backend"])
    opened = MainWindow(store, settings, runner)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitUntil(lambda: opened.keys_page.model.rowCount() == 3)
    opened.activateWindow()  # keys go to the focused widget of the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is opened)
    yield opened
    opened.close()
    qtbot.waitUntil(lambda: opened.watcher.pending == 0)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(qtbot: Any, key: Key, modifiers: Mod = Mod.NoModifier) -> None:
    """A key pressed where the focus is, as a person would."""
    target = focused()
    assert target is not None
    qtbot.keyClick(target, key, modifiers)


def current_row(table: QTableView) -> int:
    return table.currentIndex().row()


# -- tables ---------------------------------------------------------------------------------------


def test_tab_leaves_the_keys_table_both_ways_and_arrows_move_the_rows(
        qtbot: Any, window: MainWindow) -> None:
    table = window.keys_page.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    assert current_row(table) == 0  # the focus brought a current row with it
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Down)
    assert current_row(table) == 2 and focused() is table
    assert [i.row() for i in table.selectionModel().selectedRows()] == [2]
    press(qtbot, Key.Key_Up)
    assert current_row(table) == 1
    press(qtbot, Key.Key_Tab)
    assert focused() is not table and current_row(table) == 1  # out, not to the next cell
    table.setFocus()
    press(qtbot, Key.Key_Backtab, Mod.ShiftModifier)
    assert focused() in window.keys_page.chips.chips.values()  # the filter chips above it
    assert current_row(table) == 1


@pytest.mark.parametrize("page", [PROJECTS_PAGE, ACTIVITY_PAGE])
def test_tab_leaves_the_other_tables(qtbot: Any, window: MainWindow, page: int) -> None:
    window.show_page(page)
    table = window.projects_page.table if page == PROJECTS_PAGE else window.activity_page.table
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    press(qtbot, Key.Key_Tab)
    assert focused() is not table


def highlight_pixels(table: QTableView, row: int) -> int:
    """How many pixels of ``row`` (as painted now) have exactly the highlight colour."""
    image: QImage = table.viewport().grab().toImage()
    index = table.model().index(row, 0)
    rect = QRect(0, table.visualRect(index).top(), table.viewport().width(),
                 table.visualRect(index).height())
    ratio = image.devicePixelRatio()
    highlight = QGuiApplication.palette().color(QPalette.ColorRole.Highlight).rgb()
    return sum(1 for y in range(int(rect.top() * ratio), int(rect.bottom() * ratio))
               for x in range(0, image.width(), 2)
               if QColor(image.pixel(x, y)).rgb() == highlight)


def test_the_current_row_is_outlined_while_the_table_has_the_focus(
        qtbot: Any, window: MainWindow) -> None:
    table = window.keys_page.table
    window.keys_page.search.setFocus()
    qtbot.waitUntil(lambda: not table.hasFocus())
    current = table.selectionModel().SelectionFlag.NoUpdate  # current, but not selected:
    table.selectionModel().setCurrentIndex(table.model().index(1, 0), current)  # no tint
    assert highlight_pixels(table, 1) == 0  # no focus, no outline
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    assert highlight_pixels(table, 1) > table.viewport().width()  # top and bottom, a row long
    assert highlight_pixels(table, 0) == 0
    table.selectionModel().setCurrentIndex(table.model().index(2, 0), current)  # Ctrl+Down
    assert highlight_pixels(table, 1) == 0 and highlight_pixels(table, 2) > 0


# -- pages and shortcuts --------------------------------------------------------------------------


@pytest.mark.parametrize("modifier", [Mod.ControlModifier, Mod.AltModifier])
def test_ctrl_or_alt_and_a_digit_show_each_page(qtbot: Any, window: MainWindow,
                                                modifier: Mod) -> None:
    window.keys_page.table.setFocus()
    for key, page in ((Key.Key_3, ACTIVITY_PAGE), (Key.Key_2, PROJECTS_PAGE),
                      (Key.Key_1, KEYS_PAGE)):
        press(qtbot, key, modifier)
        assert window.stack.currentIndex() == page
        assert window.sidebar.currentRow() == page
        assert window.page_actions.checkedAction() is window.page_actions.actions()[page]


def mnemonics(texts: list[str]) -> list[str]:
    return [m.lower() for text in texts for m in re.findall(r"(?<!&)&([^&\s])", text)]


def test_no_mnemonic_of_the_window_is_a_digit_so_alt_digits_are_free(window: MainWindow) -> None:
    texts = [w.text() for w in window.findChildren(QAbstractButton)]
    texts += [w.text() for w in window.findChildren(QLabel)]
    texts += [a.text() for a in window.menuBar().actions()]
    letters = mnemonics(texts)
    assert letters and "f" in letters  # the check sees mnemonics (&File)
    assert not [m for m in letters if m.isdigit()]


def window_actions(window: MainWindow) -> list[QAction]:
    return [a for a in window.findChildren(QAction) if a.shortcuts()
            and isinstance(a.parent(), MainWindow)]


def test_f1_lists_every_shortcut_of_the_window(qtbot: Any, window: MainWindow) -> None:
    window.keys_page.table.setFocus()
    press(qtbot, Key.Key_F1)
    qtbot.waitUntil(lambda: window.findChild(QWidget, "shortcutsDialog") is not None)
    dialog = window.show_shortcuts()  # the same window, raised
    assert window.findChildren(type(dialog)) == [dialog]
    listed = {(what, keys) for _section, what, keys in dialog.listed}
    actions = window_actions(window)
    assert len(actions) >= 14
    for action in actions:
        assert (plain(action.text()), keys_text(action.shortcuts())) in listed
    sections = [section for section, *_ in dialog.listed]
    assert {"File", "Edit", "View", "Key", "Help", "Projects page"} <= set(sections)
    assert ("Rename…".rstrip("…"), "F2") in listed
    assert ("Show API Keys" not in {what for what, _ in listed})  # items say the page's name
    assert ("API Keys", "Ctrl+1, Alt+1") in listed
    dialog.close()


def test_the_shortcut_list_follows_the_actions(qtbot: Any, window: MainWindow) -> None:
    """Read from the actions, the list cannot drift from what the keys do."""
    window.refresh_action.setShortcuts([QKeySequence("Ctrl+Shift+F5")])
    dialog = window.show_shortcuts()
    assert ("Edit", "Refresh", "Ctrl+Shift+F5") in dialog.listed
    dialog.close()


def test_standard_keys_are_the_platforms(window: MainWindow) -> None:
    """Where Qt knows the platform's key for an action (KDE, GNOME, macOS differ) the action
    has every one of them, but one that another action owns."""
    owned = {a.shortcut().toString() for a in window.findChildren(QAction)}
    for action, standard in ((window.new_key_action, QKeySequence.StandardKey.New),
                             (window.find_action, QKeySequence.StandardKey.Find),
                             (window.delete_action, QKeySequence.StandardKey.Delete),
                             (window.refresh_action, QKeySequence.StandardKey.Refresh),
                             (window.shortcuts_action, QKeySequence.StandardKey.HelpContents)):
        platform = QKeySequence.keyBindings(standard)
        assert platform, standard
        expected = [k for i, k in enumerate(platform) if i == 0 or k.toString() not in owned]
        assert action.shortcuts() == expected


def test_an_alternate_key_owned_by_another_action_is_dropped(qtbot: Any) -> None:
    owner, parent = QWidget(), QMenu()
    qtbot.addWidget(owner)
    rotate, refresh = QAction("Rotate", parent), QAction("Refresh", parent)
    rotate.setShortcut(QKeySequence("Ctrl+R"))
    refresh.setShortcuts([QKeySequence("F5"), QKeySequence("Ctrl+R")])  # as on GNOME
    drop_clashes([rotate, refresh])
    assert [k.toString() for k in refresh.shortcuts()] == ["F5"]
    assert [k.toString() for k in rotate.shortcuts()] == ["Ctrl+R"]


# -- search fields --------------------------------------------------------------------------------


def test_esc_clears_the_key_search_then_returns_to_the_table(qtbot: Any,
                                                             window: MainWindow) -> None:
    page = window.keys_page
    window.find_action.trigger()
    assert focused() is page.search
    qtbot.keyClicks(page.search, "import")
    assert page.proxy.rowCount() == 1
    press(qtbot, Key.Key_Escape)
    assert page.search.text() == "" and page.proxy.rowCount() == 3
    assert focused() is page.search  # a first Esc only clears
    press(qtbot, Key.Key_Escape)
    assert focused() is page.table


def test_esc_clears_a_search_that_matched_nothing(qtbot: Any, window: MainWindow) -> None:
    page = window.keys_page
    page.focus_search()
    qtbot.keyClicks(page.search, "no such key")
    assert page.stack.currentWidget() is page.no_matches
    press(qtbot, Key.Key_Escape)
    assert page.stack.currentWidget() is page.table


def test_esc_clears_the_activity_filter_then_returns_to_the_table(
        qtbot: Any, window: MainWindow) -> None:
    window.show_page(ACTIVITY_PAGE)
    page = window.activity_page
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    press(qtbot, Key.Key_F, Mod.ControlModifier)
    assert focused() is page.filter
    qtbot.keyClicks(page.filter, "Importer")
    press(qtbot, Key.Key_Escape)
    assert page.filter.text() == "" and focused() is page.filter
    press(qtbot, Key.Key_Escape)
    assert focused() is page.table


# -- the reveal -----------------------------------------------------------------------------------


@pytest.fixture
def created(store: Store) -> CreatedKey:
    return store.create_key("CI deploy", ["read"], store.clock() + timedelta(days=30))


def test_enter_after_copy_closes_the_reveal(qtbot: Any, confirm: Confirmations,
                                            window: MainWindow, created: CreatedKey) -> None:
    reveal = RevealDialog(created, window)
    qtbot.addWidget(reveal)
    reveal.show()
    qtbot.waitExposed(reveal)
    reveal.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is reveal)
    confirm.answer = False
    press(qtbot, Key.Key_Return)  # not copied yet: Enter asks before the key is lost
    assert confirm.asked and reveal.isVisible()
    qtbot.mouseClick(reveal.copy_button, Qt.MouseButton.LeftButton)
    assert reveal.copied and focused() is reveal.copy_button
    asked = len(confirm.asked)
    press(qtbot, Key.Key_Return)  # Enter on the Copy button just clicked: Done, not Copy again
    assert not reveal.isVisible() and len(confirm.asked) == asked
    assert reveal.result() == reveal.DialogCode.Accepted
