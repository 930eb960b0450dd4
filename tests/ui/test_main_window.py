"""The real main window on a real store: listing, search, sort, banner, delete, rotate,
live reload from another process, shortcuts, remembered layout, and the no-peewee rule."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from doubles import Confirmations
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
)
from qkeys_cli import run_qkeys

import qkeys_desktop
from qkeys_desktop.core.records import CreatedKey
from qkeys_desktop.core.store import Store, utc_now
from qkeys_desktop.ui import delivery
from qkeys_desktop.ui.key_model import BADGE_ROLE, Column
from qkeys_desktop.ui.main_window import ACTIVITY_PAGE, COUNT_ROLE, KEYS_PAGE, MainWindow
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.tasks import TaskRunner
from qkeys_desktop.ui.typed_confirm import TypedConfirmDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
UI_DIR = Path(qkeys_desktop.__file__).parent / "ui"


def open_window(qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner) -> MainWindow:
    window = MainWindow(store, settings, runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.keys_page._loaded_once)
    return window


@pytest.fixture
def window(qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner,
           ) -> Iterator[MainWindow]:
    opened = open_window(qtbot, store, settings, runner)
    yield opened
    opened.close()
    qtbot.waitUntil(lambda: opened.watcher.pending == 0)


def create(store: Store, name: str, projects: list[str] | None = None,
           expires: timedelta | None = timedelta(days=30), ago: timedelta = timedelta(0),
           ) -> CreatedKey:
    """A key created ``ago`` (expiring ``expires`` after that), as if at that moment."""
    for project in projects or []:
        if project not in {p.name for p in store.list_projects()}:
            store.add_project(project)
    store.clock = lambda: utc_now() - ago
    try:
        return store.create_key(name, ["read", "write"],
                                None if expires is None else store.clock() + expires, projects)
    finally:
        store.clock = utc_now


def table(window: MainWindow) -> QTableView:
    return window.findChild(QTableView, "keysTable")


def shown_names(window: MainWindow) -> list[str]:
    view = table(window)
    return [view.model().index(r, Column.NAME).data() for r in range(view.model().rowCount())]


def select_rows(window: MainWindow, *names: str) -> None:
    view = table(window)
    view.clearSelection()
    for row, name in enumerate(shown_names(window)):
        if name in names:
            view.selectionModel().select(
                view.model().index(row, 0),
                view.selectionModel().SelectionFlag.Select
                | view.selectionModel().SelectionFlag.Rows)


def button(window: MainWindow, name: str) -> QPushButton:
    return window.findChild(QPushButton, name)


def run_cli(db_path: Path, *args: str) -> str:
    """The command line in another process, on the same database file."""
    done = run_qkeys(db_path, *args)
    assert done.status == 0, done.err
    return done.out


# -- layout and listing -------------------------------------------------------------------------


def test_window_has_title_menus_sidebar_and_status(window: MainWindow, store: Store) -> None:
    assert window.windowTitle() == "qkeys"
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Key", "&Help"]
    shortcuts = {a.objectName(): a.shortcut().toString() for a in window.findChildren(type(
        window.new_key_action)) if a.objectName()}
    assert shortcuts["newKeyAction"] == "Ctrl+N"
    assert shortcuts["quitAction"] == "Ctrl+Q"
    assert shortcuts["deleteAction"] == "Del"
    assert shortcuts["findAction"] == "Ctrl+F"
    assert shortcuts["refreshAction"] == "F5"
    assert shortcuts["editAction"] == "Ctrl+E"
    assert shortcuts["rotateAction"] == "Ctrl+R"
    assert shortcuts["copy_idAction"] == "Ctrl+Shift+C"
    assert shortcuts["detailsAction"] == "Return"  # shown; the table binds it
    assert shortcuts["shortcutsAction"] == "F1"
    assert shortcuts["page2Action"] == "Ctrl+2"
    assert [window.sidebar.item(r).text() for r in range(window.sidebar.count())] == [
        "API Keys", "Projects", "Activity"]
    assert window.findChild(QStackedWidget, "pages").currentIndex() == KEYS_PAGE
    assert store.target in window.database_label.text()
    assert window.count_label.text() == "0 keys"


def test_the_key_id_column_shows_each_whole_id_without_an_ellipsis(
        qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner) -> None:
    created = create(store, "GitHub Actions deploy", ["Backend"])
    window = open_window(qtbot, store, settings, runner)
    view = table(window)
    index = view.model().index(0, Column.KEY)
    text = index.data()
    assert text == created.record.key_id and not text.endswith("…")
    metrics = QFontMetrics(index.data(Qt.ItemDataRole.FontRole))
    # the style's own room for the text (cell padding included) holds the whole id
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    option.text = text
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
    room = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
    assert room.width() >= metrics.horizontalAdvance(text)
    window.close()


def test_empty_state_invites_to_create_the_first_key(window: MainWindow) -> None:
    page = window.keys_page
    assert page.stack.currentWidget() is page.empty
    assert button(window, "emptyCreateButton").isVisible()
    assert page.empty.title.text() == "No API keys yet"
    assert not window.findChild(QLineEdit, "searchField").isVisible()
    assert not page.banner.isVisible()


def test_keys_are_listed_with_their_count(qtbot: Any, store: Store, settings: AppSettings,
                                          runner: TaskRunner) -> None:
    create(store, "GitHub Actions deploy", ["Backend"])
    create(store, "Grafana read-only", expires=None)
    window = open_window(qtbot, store, settings, runner)
    assert sorted(shown_names(window)) == ["GitHub Actions deploy", "Grafana read-only"]
    assert window.sidebar.item(KEYS_PAGE).data(COUNT_ROLE) == 2
    assert window.count_label.text() == "2 keys"
    assert window.keys_page.stack.currentWidget() is table(window)
    window.close()


def test_search_filters_by_name_key_id_and_project(qtbot: Any, store: Store,
                                                   settings: AppSettings,
                                                   runner: TaskRunner) -> None:
    deploy = create(store, "GitHub Actions deploy", ["Backend"])
    create(store, "Grafana read-only")
    create(store, "Mobile app (iOS)", ["Mobile app"])
    window = open_window(qtbot, store, settings, runner)
    search = window.findChild(QLineEdit, "searchField")
    search.setText("grafana")
    assert shown_names(window) == ["Grafana read-only"]
    search.setText(deploy.record.key_id.lower())
    assert shown_names(window) == ["GitHub Actions deploy"]
    search.setText("MOBILE")
    assert shown_names(window) == ["Mobile app (iOS)"]
    search.setText("no such key")
    assert window.keys_page.stack.currentWidget() is window.keys_page.no_matches
    assert "no such key" in window.keys_page.no_matches.text.text()
    button(window, "clearSearchButton").click()
    assert len(shown_names(window)) == 3
    assert window.keys_page.stack.currentWidget() is table(window)
    window.close()


def paste(qtbot: Any, edit: QLineEdit, text: str) -> None:
    """Ctrl+V of ``text`` into ``edit``, through the clipboard, as a person would."""
    QGuiApplication.clipboard().setText(text)
    edit.setFocus()
    qtbot.keyClick(edit, "v", modifier=Qt.KeyboardModifier.ControlModifier)
    QGuiApplication.clipboard().clear()


def test_a_pasted_token_finds_its_key_by_key_id_and_is_not_kept(
        qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner) -> None:
    deploy = create(store, "GitHub Actions deploy")
    create(store, "Grafana read-only")
    window = open_window(qtbot, store, settings, runner)
    search = window.findChild(QLineEdit, "searchField")
    paste(qtbot, search, deploy.token)
    assert search.text() == deploy.record.key_id  # the public part only
    assert not search.isUndoAvailable()  # Ctrl+Z does not bring the token back
    assert shown_names(window) == ["GitHub Actions deploy"]
    status = window.statusBar().currentMessage()
    assert deploy.record.key_id in status and deploy.token[16:] not in status
    window.close()


def test_searching_for_the_token_of_a_deleted_key_never_echoes_it(
        qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner) -> None:
    gone = create(store, "Billing webhook")
    create(store, "Keeper")
    store.delete_key(gone.record.key_id)
    window = open_window(qtbot, store, settings, runner)
    search = window.findChild(QLineEdit, "searchField")
    paste(qtbot, search, gone.token)
    page = window.keys_page
    assert page.stack.currentWidget() is page.no_matches
    said = page.no_matches.text.text()
    assert gone.token[16:] not in said and gone.token[16:24] not in said
    assert gone.record.key_id in said and "deleted" in said
    window.close()


def test_a_pasted_bare_secret_is_dropped_from_the_search(
        qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner) -> None:
    key = create(store, "Billing webhook")
    window = open_window(qtbot, store, settings, runner)
    search = window.findChild(QLineEdit, "searchField")
    paste(qtbot, search, key.token[16:60])  # the secret without qk_<id>_
    assert search.text() == "" and not search.isUndoAvailable()
    assert "secret" in search.placeholderText()
    assert shown_names(window) == ["Billing webhook"]
    assert key.token[16:60] not in window.statusBar().currentMessage()
    qtbot.keyClicks(search, "bill")
    assert search.placeholderText() == "Search by name, description, key ID or project"
    window.close()


def test_every_column_sorts_through_the_header(qtbot: Any, store: Store, settings: AppSettings,
                                               runner: TaskRunner) -> None:
    create(store, "bravo", expires=timedelta(days=60), ago=timedelta(hours=3))
    create(store, "Alpha", expires=None, ago=timedelta(hours=2))
    create(store, "charlie", expires=timedelta(days=7), ago=timedelta(hours=1))
    window = open_window(qtbot, store, settings, runner)
    view = table(window)
    assert shown_names(window) == ["charlie", "Alpha", "bravo"]  # newest first
    view.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
    assert shown_names(window) == ["Alpha", "bravo", "charlie"]
    view.sortByColumn(Column.EXPIRES, Qt.SortOrder.AscendingOrder)
    assert shown_names(window) == ["charlie", "bravo", "Alpha"]  # "Never" last
    for column in Column:
        view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        assert len(shown_names(window)) == 3
    window.close()


def test_banner_counts_expired_and_expiring_keys(qtbot: Any, store: Store, settings: AppSettings,
                                                 runner: TaskRunner) -> None:
    month = timedelta(days=31)  # created a month ago with a 30-day lifetime: expired
    create(store, "Old importer", expires=timedelta(days=30), ago=month)
    create(store, "Second old one", expires=timedelta(days=30), ago=month)
    create(store, "Mobile app (iOS)", expires=timedelta(days=30), ago=timedelta(days=28))
    create(store, "Fresh", expires=timedelta(days=30))
    window = open_window(qtbot, store, settings, runner)
    banner = window.keys_page.banner
    assert banner.objectName() == "expiryBanner"
    assert banner.isVisible()
    assert "2 keys expired, 1 expiring within 7 days" in banner.text()
    model = window.keys_page.model
    expires = [model.index(r, Column.EXPIRES).data() for r in range(4)]
    assert expires.count("Expired") == 2 and "in 2 days" in expires
    window.close()


def test_no_banner_when_nothing_expires_soon(qtbot: Any, store: Store, settings: AppSettings,
                                             runner: TaskRunner) -> None:
    create(store, "Fresh", expires=timedelta(days=30))
    window = open_window(qtbot, store, settings, runner)
    assert not window.keys_page.banner.isVisible()
    window.close()


# -- delete and regenerate ----------------------------------------------------------------------


def test_delete_through_the_button_revokes_at_once(qtbot: Any, store: Store,
                                                   settings: AppSettings, runner: TaskRunner,
                                                   confirm: Confirmations) -> None:
    doomed = create(store, "Billing webhook")
    create(store, "Keeper")
    window = open_window(qtbot, store, settings, runner)
    delete = button(window, "deleteButton")
    assert not delete.isEnabled()
    select_rows(window, "Billing webhook")
    assert delete.isEnabled()
    assert store.verify(doomed.token, "read")
    delete.click()
    qtbot.waitUntil(lambda: shown_names(window) == ["Keeper"])
    assert confirm.asked[0]["title"] == "Delete API key?"
    assert "Billing webhook" in confirm.asked[0]["text"]
    assert "lose access at once" in confirm.asked[0]["details"]
    assert "cannot be undone" in confirm.asked[0]["details"]
    assert confirm.asked[0]["action"] == "Delete" and confirm.asked[0]["destructive"]
    result = store.verify(doomed.token, "read")
    assert not result.ok and result.reason == "revoked"  # a tombstone, not "unknown key"
    qtbot.waitUntil(lambda: window.count_label.text() == "1 key")
    window.close()


def test_delete_several_keys_names_them_all(qtbot: Any, store: Store, settings: AppSettings,
                                            runner: TaskRunner, confirm: Confirmations) -> None:
    for number, name in enumerate(("one", "two", "three")):
        create(store, name, ago=timedelta(minutes=10 - number))
    window = open_window(qtbot, store, settings, runner)
    select_rows(window, "one", "three")
    assert not button(window, "rotateKeyButton").isEnabled()  # exactly one, not two
    button(window, "deleteButton").click()
    qtbot.waitUntil(lambda: shown_names(window) == ["two"])
    assert "“one”" not in confirm.asked[0]["text"]
    assert "one" in confirm.asked[0]["text"] and "three" in confirm.asked[0]["text"]
    window.close()


def test_cancelled_delete_changes_nothing(qtbot: Any, store: Store, settings: AppSettings,
                                          runner: TaskRunner, confirm: Confirmations) -> None:
    kept = create(store, "Billing webhook")
    confirm.answer = False
    window = open_window(qtbot, store, settings, runner)
    select_rows(window, "Billing webhook")
    button(window, "deleteButton").click()
    assert len(confirm.asked) == 1
    assert shown_names(window) == ["Billing webhook"]
    assert store.verify(kept.token, "read")
    window.close()


def typed_delete(qtbot: Any, typed: str, key: Qt.Key = Qt.Key.Key_Return) -> list[str]:
    """Answer the typed confirmation, once it opens, by typing ``typed`` then ``key``; the list
    gets what the dialog showed: its action's text and whether it was enabled before typing."""
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, TypedConfirmDialog):
            QTimer.singleShot(10, answer)
            return
        seen.extend([dialog.confirm_button.text(), str(dialog.confirm_button.isEnabled())])
        qtbot.keyClicks(dialog.field, typed)
        qtbot.keyClick(dialog.field, key)
    QTimer.singleShot(0, answer)
    return seen


def test_deleting_more_than_five_keys_asks_to_type_the_count(
        qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner,
        confirm: Confirmations) -> None:
    names = [f"key {number}" for number in range(7)]
    for number, name in enumerate(names):
        create(store, name, ago=timedelta(minutes=10 - number))
    window = open_window(qtbot, store, settings, runner)
    select_rows(window, *names[:6])
    seen = typed_delete(qtbot, "6")
    button(window, "deleteButton").click()
    qtbot.waitUntil(lambda: shown_names(window) == ["key 6"])
    assert seen == ["Delete 6 Keys", "False"]  # disabled until the count was typed
    assert confirm.asked == []  # not the plain question
    assert [k.name for k in store.list_keys()] == ["key 6"]
    window.close()


def test_a_typed_delete_escaped_deletes_nothing(
        qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner,
        confirm: Confirmations) -> None:
    names = [f"key {number}" for number in range(6)]
    for name in names:
        create(store, name)
    window = open_window(qtbot, store, settings, runner)
    select_rows(window, *names)
    seen = typed_delete(qtbot, "delete", Qt.Key.Key_Escape)
    button(window, "deleteButton").click()
    qtbot.waitUntil(lambda: seen != [])
    assert runner.pending == 0
    assert sorted(shown_names(window)) == names
    assert len(store.list_keys()) == 6
    window.close()


def test_deleting_five_keys_keeps_the_plain_question(
        qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner,
        confirm: Confirmations) -> None:
    names = [f"key {number}" for number in range(5)]
    for name in names:
        create(store, name)
    window = open_window(qtbot, store, settings, runner)
    select_rows(window, *names)
    button(window, "deleteButton").click()
    qtbot.waitUntil(lambda: shown_names(window) == [])
    assert confirm.asked[0]["title"] == "Delete API keys?"
    assert confirm.asked[0]["text"].startswith("Delete these 5 API keys?")
    window.close()


def test_delete_of_a_key_already_deleted_elsewhere_is_done_not_an_error(
        qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner,
        confirm: Confirmations, informed: list[str]) -> None:
    gone = create(store, "Billing webhook")
    window = open_window(qtbot, store, settings, runner)
    window.watcher.pause()  # so the row is still listed when we act on it
    store.delete_keys([gone.record.key_id])
    select_rows(window, "Billing webhook")
    button(window, "deleteButton").click()
    window.watcher.resume()
    qtbot.waitUntil(lambda: shown_names(window) == [])
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert informed == []  # the wish came true: nothing to apologise for
    assert "“Billing webhook” was already deleted elsewhere" in window.statusBar().currentMessage()
    assert window.count_label.text() == "0 keys"
    window.close()


def test_deleting_several_when_one_went_elsewhere_still_deletes_the_others(
        qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner,
        confirm: Confirmations, informed: list[str]) -> None:
    for number, name in enumerate(("one", "two", "three")):
        create(store, name, ago=timedelta(minutes=10 - number))
    three = store.get_key("three")
    window = open_window(qtbot, store, settings, runner)
    window.watcher.pause()
    select_rows(window, "one", "two")
    store.delete_key("two")  # another process, between the selection and the confirmation
    button(window, "deleteButton").click()
    window.watcher.resume()
    qtbot.waitUntil(lambda: shown_names(window) == ["three"])
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert informed == []
    assert [k.key_id for k in store.list_keys()] == [three.key_id]
    message = window.statusBar().currentMessage()
    assert "Deleted the key “one”" in message and "“two” was already deleted elsewhere" in message
    window.close()


def rotate_dialog(qtbot: Any, window: MainWindow) -> QDialog:
    qtbot.waitUntil(lambda: window.findChild(QDialog, "rotateKeyDialog") is not None)
    dialog = window.findChild(QDialog, "rotateKeyDialog")
    qtbot.waitUntil(lambda: dialog.findChild(QPushButton, "rotateButton").isEnabled())
    return dialog


def test_rotating_a_key_deleted_elsewhere_says_it_is_gone(
        qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner) -> None:
    gone = create(store, "Billing webhook")
    create(store, "Keeper")
    window = open_window(qtbot, store, settings, runner)
    window.watcher.pause()
    select_rows(window, "Billing webhook")
    store.delete_key(gone.record.key_id)
    button(window, "rotateKeyButton").click()
    dialog = rotate_dialog(qtbot, window)
    dialog.findChild(QPushButton, "rotateButton").click()
    error = dialog.findChild(QLabel, "formErrorText")
    qtbot.waitUntil(lambda: "no longer exists" in error.text())
    dialog.reject()
    window.watcher.resume()
    qtbot.waitUntil(lambda: shown_names(window) == ["Keeper"])
    assert delivery.open_reveal_dialogs() == []
    assert [k.name for k in store.list_keys()] == ["Keeper"]
    window.close()


def test_rotate_with_an_overlap_keeps_the_old_token_and_says_so_in_the_table(
    qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner, confirm: Confirmations,
) -> None:
    old = create(store, "GitHub Actions deploy", ["Backend"])
    window = open_window(qtbot, store, settings, runner)
    select_rows(window, "GitHub Actions deploy")
    assert window.key_actions["rotate"].shortcut().toString() == "Ctrl+R"
    window.key_actions["rotate"].trigger()  # Key ▸ Rotate…
    dialog = rotate_dialog(qtbot, window)
    overlap = dialog.findChild(QComboBox, "overlapCombo")
    overlap.setCurrentIndex(overlap.findData(1))  # one hour
    dialog.findChild(QPushButton, "rotateButton").click()
    qtbot.waitUntil(lambda: bool(delivery.open_reveal_dialogs()))
    reveal = delivery.open_reveal_dialogs()[0]
    new_token = reveal.token()
    assert store.verify(new_token, "read", "Backend").ok
    assert store.verify(old.token, "read", "Backend").ok  # still, for the overlap
    new_id = store.get_key("GitHub Actions deploy").key_id
    qtbot.waitUntil(lambda: window.keys_page.selected_records()
                    and window.keys_page.selected_records()[0].key_id == new_id)
    badge = table(window).model().index(0, Column.NAME).data(BADGE_ROLE)
    assert badge[0] in ("Rotating — old token stops in 1 h",
                        "Rotating — old token stops in 60 min")
    reveal.done(0)  # closing without copying asks first: confirm is patched to say yes
    window.close()


def test_create_button_opens_the_dialog_and_lists_the_new_key(
    qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from qkeys_desktop.ui import create_dialog

    class FakeDialog:  # the real dialog has its own tests; here only the window's part
        def __init__(self, store: Store, *_args: Any, **_kwargs: Any) -> None:
            self.created = store.create_key("From the dialog", ["read"], None)
            self.delivery = "clipboard"

        def exec(self) -> int:
            return 1

        def deleteLater(self) -> None:
            pass

    monkeypatch.setattr(create_dialog, "CreateKeyDialog", FakeDialog)
    window = open_window(qtbot, store, settings, runner)
    button(window, "emptyCreateButton").click()
    qtbot.waitUntil(lambda: shown_names(window) == ["From the dialog"])
    qtbot.waitUntil(lambda: bool(delivery.open_reveal_dialogs()))
    reveal = delivery.open_reveal_dialogs()[0]
    assert store.verify(reveal.token(), "read")
    assert window.keys_page.selected_records()[0].name == "From the dialog"
    reveal.copy_token()
    reveal.done(0)
    window.close()


# -- live reload --------------------------------------------------------------------------------


def test_keys_from_another_process_appear_and_disappear(
    qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner, db_path: Path,
) -> None:
    create(store, "Keeper")
    window = open_window(qtbot, store, settings, runner)
    select_rows(window, "Keeper")
    run_cli(db_path, "keys", "create", "--name", "From the CLI", "--permissions", "read",
            "--expires", "7d")
    qtbot.waitUntil(lambda: "From the CLI" in shown_names(window), timeout=2000)
    assert [r.name for r in window.keys_page.selected_records()] == ["Keeper"]
    window.show_page(ACTIVITY_PAGE)
    qtbot.waitUntil(lambda: window.activity_page.model.rowCount() == 2, timeout=2000)
    run_cli(db_path, "keys", "delete", "From the CLI", "--yes")
    qtbot.waitUntil(lambda: shown_names(window) == ["Keeper"], timeout=2000)
    assert window.count_label.text() == "1 key"
    window.close()


def test_reload_keeps_the_scroll_position(qtbot: Any, store: Store, settings: AppSettings,
                                          runner: TaskRunner) -> None:
    for number in range(60):
        create(store, f"key {number:02d}", ago=timedelta(minutes=60 - number))
    window = open_window(qtbot, store, settings, runner)
    bar = table(window).verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    middle = bar.value()
    assert middle > 0
    create(store, "one more")  # sorted newest first: inserted at the top
    qtbot.waitUntil(lambda: "one more" in shown_names(window), timeout=2000)
    assert abs(bar.value() - middle) <= 1
    window.close()


# -- keyboard -----------------------------------------------------------------------------------


def test_ctrl_f_focuses_the_search_field(window: MainWindow, qtbot: Any) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_page(ACTIVITY_PAGE)
    window.show_page(KEYS_PAGE)
    table(window).setFocus()
    qtbot.keyClick(table(window), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.findChild(QLineEdit, "searchField").hasFocus()


def test_delete_key_asks_to_delete_the_selection(qtbot: Any, store: Store, settings: AppSettings,
                                                 runner: TaskRunner,
                                                 confirm: Confirmations) -> None:
    create(store, "Billing webhook")
    confirm.answer = False
    window = open_window(qtbot, store, settings, runner)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    select_rows(window, "Billing webhook")
    table(window).setFocus()
    qtbot.keyClick(table(window), Qt.Key.Key_Delete)
    assert len(confirm.asked) == 1 and "Billing webhook" in confirm.asked[0]["text"]
    search = window.findChild(QLineEdit, "searchField")
    search.setFocus()
    search.setText("bill")
    search.setCursorPosition(0)
    qtbot.keyClick(search, Qt.Key.Key_Delete)  # in the search field, Del edits the text
    assert search.text() == "ill" and len(confirm.asked) == 1
    window.close()


def test_copy_key_id_puts_only_the_public_id_on_the_clipboard(qtbot: Any, store: Store,
                                                              settings: AppSettings,
                                                              runner: TaskRunner) -> None:
    key = create(store, "Billing webhook")
    window = open_window(qtbot, store, settings, runner)
    select_rows(window, "Billing webhook")
    menu = window.keys_page.context_menu()
    assert [a.text() for a in menu.actions() if a.text()] == [
        "Details…", "Edit…", "Rotate…", "Disable", "Copy Key ID", "Delete…"]
    next(a for a in menu.actions() if a.text() == "Copy Key ID").trigger()
    assert QGuiApplication.clipboard().text() == key.record.key_id
    menu.deleteLater()
    window.close()


def test_settings_opens_the_settings_dialog_with_a_database_section(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qkeys_desktop.ui.settings_dialog import SettingsDialog

    opened: list[SettingsDialog] = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    assert window.settings_action.isVisible()
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    window.settings_action.trigger()
    assert len(opened) == 1 and opened[0].settings is window.settings
    assert opened[0].findChild(QLineEdit, "databaseTarget") is not None


def test_about_shows_the_version(window: MainWindow) -> None:
    box = window.show_about()
    assert qkeys_desktop.__version__ in box.text()
    box.close()


# -- remembered layout --------------------------------------------------------------------------


def test_layout_and_page_are_restored_in_a_second_window(
    qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner,
) -> None:
    first = open_window(qtbot, store, settings, runner)
    first.resize(760, 540)  # within the offscreen screen, which restoreGeometry clamps to
    first.splitter.setSizes([260, 500])
    table(first).sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
    table(first).horizontalHeader().resizeSection(Column.SCOPE, 222)
    first.show_page(ACTIVITY_PAGE)
    first.close()
    second = open_window(qtbot, store, settings, runner)
    assert (second.width(), second.height()) == (760, 540)
    assert second.splitter.sizes()[0] == 260
    assert second.findChild(QStackedWidget, "pages").currentIndex() == ACTIVITY_PAGE
    assert second.sidebar.currentRow() == ACTIVITY_PAGE
    header = table(second).horizontalHeader()
    assert header.sortIndicatorSection() == Column.NAME
    assert header.sectionSize(Column.SCOPE) == 222
    second.close()


# -- layering -----------------------------------------------------------------------------------


def test_no_ui_module_imports_peewee() -> None:
    offenders = []
    for path in sorted(UI_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in (
                "peewee", "playhouse")]
    assert offenders == []


def test_style_follows_light_and_dark_palettes(window: MainWindow) -> None:
    import shiboken6
    from PySide6.QtCore import QObject

    from qkeys_desktop.ui.style import apply_style
    from qkeys_desktop.ui.theme import dark_palette

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, sheet, style = app.palette(), app.styleSheet(), app.style().name()
    try:
        apply_style(app)
        light = app.styleSheet()
        app.setPalette(dark_palette())  # the stylesheet follows on its own
        dark = app.styleSheet()
        assert dark != light and dark_palette().base().color().name() in dark
        assert not window.grab().isNull()
    finally:
        shiboken6.delete(app.findChild(QObject, "paletteWatcher"))
        app.setPalette(palette)
        app.setStyleSheet(sheet)
        if style:
            app.setStyle(style)


def test_a_copied_key_counts_down_in_the_status_bar(qtbot: Any, window: MainWindow) -> None:
    from qkeys_desktop.ui.clipboard import secure_clipboard

    label = window.findChild(QLabel, "clipboardStatus")
    assert label is not None and label.isHidden()
    service = secure_clipboard()
    service.set_timeout(30)
    service.copy_secret("qk_not_a_real_token_only_for_the_status_bar")
    qtbot.waitUntil(lambda: label.isVisible() and "clear" in label.text())
    service.clear_now()
    qtbot.waitUntil(lambda: label.isHidden())
    assert "cleared" in window.statusBar().currentMessage().lower()


def test_our_own_write_is_read_back_once_through_the_watcher(
    qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner, confirm: Confirmations,
    request: pytest.FixtureRequest, db_path: Path,
) -> None:
    """One change path: our delete shows through the registry's watcher (one read of what
    changed — not of every key — not a reload of our own and another on the next poll);
    another process's write too."""
    from qkeys_desktop.ui.registry_watcher import CHECK_INTERVAL_MS

    create(store, "Doomed")
    create(store, "Kept")
    window = open_window(qtbot, store, settings, runner)
    reads = request.getfixturevalue("listing_reads")  # from here on
    select_rows(window, "Doomed")
    button(window, "deleteButton").click()
    qtbot.waitUntil(lambda: shown_names(window) == ["Kept"])
    qtbot.wait(4 * CHECK_INTERVAL_MS)  # the watcher's later ticks see nothing new
    assert len(reads) == 1
    assert not reads[0].full and reads[0].rows == [] and len(reads[0].removed) == 1
    run_cli(db_path, "keys", "create", "--name", "Elsewhere", "--permissions", "read")
    qtbot.waitUntil(lambda: "Elsewhere" in shown_names(window), timeout=2000)
    window.close()


def test_a_key_used_by_another_process_shows_its_last_use_live(
    qtbot: Any, window: MainWindow, store: Store, db_path: Path,
) -> None:
    """A verification in another process records the use; the window shows it within 2 s,
    with no write of its own and no Refresh."""
    created = create(store, "Used elsewhere")
    view = window.keys_page.table

    def last_used() -> str:
        return str(view.model().index(0, Column.LAST_USED).data())

    qtbot.waitUntil(lambda: shown_names(window) == ["Used elsewhere"])
    never = last_used()
    done = run_qkeys(db_path, "verify", "--action", "read", stdin=created.token)
    assert done.status == 0, done.err
    qtbot.waitUntil(lambda: last_used() != never, timeout=2000)
