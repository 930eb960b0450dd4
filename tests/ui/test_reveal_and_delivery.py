"""The show-once reveal and the one delivery step: clipboard, keychain, and keychain failures."""

from __future__ import annotations

from typing import Any

import keyring
import pytest
import shiboken6
from doubles import Confirmations, FakeClipboard
from memory_keyring import ERROR_KINDS, FailingKeyring, HangingKeyring, MemoryKeyring
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from qkeys_desktop.core.keychain import read_back_command
from qkeys_desktop.core.records import CreatedKey
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui import delivery, reveal_dialog
from qkeys_desktop.ui.delivery import deliver_new_key, forget_keychain_entries
from qkeys_desktop.ui.reveal_dialog import CONFIRM_TEXT, WARNING_TEXT, RevealDialog
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.tasks import TaskRunner


@pytest.fixture(autouse=True)
def confirm(confirm: Confirmations) -> Confirmations:
    """Every test answers the close-without-copying question (teardown closes dialogs too): no,
    unless the test sets ``confirm.answer``."""
    confirm.answer = False
    return confirm


@pytest.fixture
def created(store: Store) -> CreatedKey:
    store.add_project("backend")
    return store.create_key("CI deploy", ["read", "write"], None, ["backend"])


def reveal(qtbot: Any, created: CreatedKey, **options: Any) -> RevealDialog:
    dialog = RevealDialog(created, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def button(dialog: QWidget, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert found is not None, name
    return found


def token_field(dialog: QWidget) -> QLineEdit:
    found = dialog.findChild(QLineEdit, "tokenField")
    assert found is not None
    return found


def the_reveal_dialog(window: QWidget) -> RevealDialog:
    dialogs = window.findChildren(RevealDialog)
    assert len(dialogs) == 1
    return dialogs[0]


# -- the reveal dialog ------------------------------------------------------------------------


def test_shows_the_token_exactly_with_a_warning_and_a_summary(
        qtbot: Any, created: CreatedKey) -> None:
    dialog = reveal(qtbot, created, clipboard=FakeClipboard())
    field = token_field(dialog)
    assert field.text() == created.token and field.isReadOnly() and field.isVisible()
    metrics = field.fontMetrics()  # monospace: every character as wide as the next
    assert metrics.horizontalAdvance("iiiiii") == metrics.horizontalAdvance("WWWWWW")
    assert field.fontMetrics().horizontalAdvance(created.token) < field.width()  # all of it
    assert dialog.banner.text() == WARNING_TEXT
    assert dialog.findChild(QWidget, "summaryName").text() == "CI deploy"
    assert dialog.findChild(QWidget, "summaryKeyId").text() == created.record.key_id
    assert dialog.findChild(QWidget, "summaryPermissions").text() == "Read, Write"
    assert dialog.findChild(QWidget, "summaryScope").text() == "backend"
    assert dialog.findChild(QWidget, "summaryExpires").text() == "Never"
    assert created.token not in repr(dialog.record)


def test_copy_uses_the_clipboard_service_and_then_closes_freely(
        qtbot: Any, created: CreatedKey, confirm: Confirmations) -> None:
    clipboard = FakeClipboard()
    dialog = reveal(qtbot, created, clipboard=clipboard)
    button(dialog, "copyButton").click()
    assert clipboard.copied == [created.token]
    assert button(dialog, "copyButton").text() == "Copied"
    button(dialog, "doneButton").click()
    assert not dialog.isVisible() and confirm.asked == []
    assert dialog.token() == ""  # dropped once closed


def test_ctrl_c_in_the_field_also_goes_through_the_service(
        qtbot: Any, created: CreatedKey) -> None:
    clipboard = FakeClipboard()
    dialog = reveal(qtbot, created, clipboard=clipboard)
    field = token_field(dialog)
    field.selectAll()
    qtbot.keyClick(field, "c", modifier=Qt.KeyboardModifier.ControlModifier)
    assert clipboard.copied == [created.token] and dialog.copied


def test_the_token_cannot_be_selected_so_it_never_reaches_primary(
        qtbot: Any, created: CreatedKey) -> None:
    # On X11 any selection in a line edit is exported to PRIMARY (middle-click paste, no hint,
    # never cleared): tests/system/test_primary_selection.py checks that on a real X server.
    clipboard = FakeClipboard()
    dialog = reveal(qtbot, created, clipboard=clipboard)
    field = token_field(dialog)
    assert not field.hasSelectedText()  # not preselected either
    field.selectAll()
    qtbot.keyClick(field, "a", modifier=Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_End, modifier=Qt.KeyboardModifier.ShiftModifier)
    y = field.height() // 2
    qtbot.mousePress(field, Qt.MouseButton.LeftButton, pos=QPoint(4, y))
    qtbot.mouseMove(field, QPoint(field.width() - 4, y))
    qtbot.mouseRelease(field, Qt.MouseButton.LeftButton, pos=QPoint(field.width() - 4, y))
    assert not field.hasSelectedText() and field.selectedText() == ""
    assert not field.dragEnabled() and clipboard.copied == []


def test_a_double_click_on_the_token_copies_it_securely(qtbot: Any, created: CreatedKey) -> None:
    clipboard = FakeClipboard()
    dialog = reveal(qtbot, created, clipboard=clipboard)
    field = token_field(dialog)
    qtbot.mouseDClick(field, Qt.MouseButton.LeftButton, pos=QPoint(8, field.height() // 2))
    assert clipboard.copied == [created.token] and dialog.copied
    assert not field.hasSelectedText()
    assert button(dialog, "copyButton").text() == "Copied"


def test_without_a_service_the_plain_clipboard_is_used(
        qtbot: Any, created: CreatedKey, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reveal_dialog, "default_clipboard", lambda: None)
    dialog = reveal(qtbot, created)
    button(dialog, "copyButton").click()
    assert QGuiApplication.clipboard().text() == created.token


def test_the_app_wide_secure_clipboard_is_the_default(qtbot: Any, created: CreatedKey) -> None:
    from qkeys_desktop.ui.clipboard import secure_clipboard

    dialog = reveal(qtbot, created)
    button(dialog, "copyButton").click()
    assert secure_clipboard().holds_our_secret()
    secure_clipboard().clear_now()


@pytest.mark.parametrize("how", ["done", "escape", "close"])
def test_closing_without_copying_asks_first(qtbot: Any, created: CreatedKey,
                                            confirm: Confirmations, how: str) -> None:
    dialog = reveal(qtbot, created, clipboard=FakeClipboard())
    close = {"done": button(dialog, "doneButton").click,
             "escape": lambda: qtbot.keyClick(dialog, Qt.Key.Key_Escape),
             "close": dialog.close}[how]
    close()
    assert confirm.texts == [CONFIRM_TEXT]
    assert dialog.isVisible() and token_field(dialog).text() == created.token
    confirm.answer = True
    close()
    assert not dialog.isVisible()
    assert len(confirm.asked) == 2


def test_keychain_mode_says_where_the_key_went(qtbot: Any, created: CreatedKey,
                                               confirm: Confirmations) -> None:
    dialog = reveal(qtbot, created, delivered_to="qkeys", clipboard=FakeClipboard())
    assert not token_field(dialog).isVisible() and token_field(dialog).text() == ""
    assert not button(dialog, "copyButton").isVisible()
    assert dialog.banner.text().startswith(
        "Saved to the OS keychain (service qkeys, account CI deploy). Read it back with:")
    command = dialog.findChild(QLineEdit, "readBackCommand")
    assert command.isVisible() and command.text() == read_back_command("qkeys", "CI deploy")
    button(dialog, "copyCommandButton").click()
    assert QGuiApplication.clipboard().text() == read_back_command("qkeys", "CI deploy")
    button(dialog, "doneButton").click()
    assert not dialog.isVisible() and confirm.asked == []


# -- delivery ---------------------------------------------------------------------------------


def test_clipboard_delivery_reveals_the_key(qtbot: Any, window: QWidget, created: CreatedKey,
                                            settings: AppSettings, runner: TaskRunner,
                                            store: Store, clipboard: FakeClipboard) -> None:
    deliver_new_key(window, created, "clipboard", settings, runner, store)
    dialog = the_reveal_dialog(window)
    assert dialog.isVisible() and dialog.mode == "token"
    assert dialog in delivery.open_reveal_dialogs()
    button(dialog, "copyButton").click()
    assert clipboard.copied == [created.token]
    with qtbot.waitSignal(dialog.finished):
        button(dialog, "doneButton").click()
    assert store.get_key(created.record.key_id).keychain_service is None


def test_keychain_delivery_saves_and_remembers_it(qtbot: Any, window: QWidget,
                                                  created: CreatedKey, settings: AppSettings,
                                                  runner: TaskRunner, store: Store,
                                                  clipboard: FakeClipboard,
                                                  confirm: Confirmations) -> None:
    settings.default_delivery = "keychain"
    deliver_new_key(window, created, None, settings, runner, store)
    dialog = the_reveal_dialog(window)
    qtbot.waitUntil(lambda: dialog.mode == "keychain")
    stored = keyring.get_keyring().get_password("qkeys", "CI deploy")
    assert stored == created.token
    assert store.verify(stored, "write", "backend").ok
    assert store.get_key(created.record.key_id).keychain_service == "qkeys"
    assert token_field(dialog).text() == "" and clipboard.copied == []
    with qtbot.waitSignal(dialog.finished):
        button(dialog, "doneButton").click()
    assert confirm.asked == []


def test_keychain_delivery_uses_the_configured_service(
        qtbot: Any, window: QWidget, created: CreatedKey, settings: AppSettings,
        runner: TaskRunner, store: Store, clipboard: FakeClipboard) -> None:
    settings.keychain_service = "work keys"
    deliver_new_key(window, created, "keychain", settings, runner, store)
    dialog = the_reveal_dialog(window)
    qtbot.waitUntil(lambda: dialog.mode == "keychain")
    assert keyring.get_keyring().get_password("work keys", "CI deploy") == created.token
    assert "service work keys" in dialog.banner.text()
    assert dialog.findChild(QLineEdit, "readBackCommand").text().endswith(
        " -m keyring get 'work keys' 'CI deploy'")


@pytest.mark.parametrize("kind", sorted(ERROR_KINDS))
def test_a_failing_keychain_shows_the_key_instead(
        qtbot: Any, window: QWidget, created: CreatedKey, settings: AppSettings,
        runner: TaskRunner, store: Store, clipboard: FakeClipboard,
        confirm: Confirmations, kind: str) -> None:
    keyring.set_keyring(FailingKeyring(ERROR_KINDS[kind]))
    deliver_new_key(window, created, "keychain", settings, runner, store)
    dialog = the_reveal_dialog(window)
    qtbot.waitUntil(lambda: dialog.mode == "token")
    assert token_field(dialog).text() == created.token and token_field(dialog).isVisible()
    assert dialog.banner.text().startswith("Could not save to the OS keychain: ")
    assert "The key is shown below instead." in dialog.banner.text()
    assert created.token not in dialog.banner.text()
    assert store.get_key(created.record.key_id).keychain_service is None
    button(dialog, "doneButton").click()  # still the only copy: closing asks first
    assert confirm.texts == [CONFIRM_TEXT] and dialog.isVisible()
    button(dialog, "copyButton").click()
    assert clipboard.copied == [created.token]


def test_a_hanging_keychain_times_out_and_shows_the_key(
        qtbot: Any, window: QWidget, created: CreatedKey, settings: AppSettings,
        runner: TaskRunner, store: Store, clipboard: FakeClipboard) -> None:
    hanging = HangingKeyring()
    keyring.set_keyring(hanging)
    try:
        deliver_new_key(window, created, "keychain", settings, runner, store,
                        keychain_timeout=0.3)
        dialog = the_reveal_dialog(window)
        assert dialog.mode == "saving"
        assert not button(dialog, "doneButton").isEnabled()
        dialog.reject()  # can't be closed while the outcome is unknown
        assert dialog.isVisible()
        qtbot.waitUntil(lambda: dialog.mode == "token", timeout=5000)
        assert "did not answer" in dialog.banner.text()
        assert token_field(dialog).text() == created.token
        assert button(dialog, "doneButton").isEnabled()
    finally:
        hanging.release.set()


# -- forgetting keychain entries --------------------------------------------------------------


def keychain_items() -> dict[tuple[str, str], str]:
    backend = keyring.get_keyring()
    assert isinstance(backend, MemoryKeyring)
    return backend.items


def deliver_to_keychain(qtbot: Any, window: QWidget, created: CreatedKey, settings: AppSettings,
                        runner: TaskRunner, store: Store) -> None:
    deliver_new_key(window, created, "keychain", settings, runner, store)
    dialogs = [d for d in window.findChildren(RevealDialog) if d.record == created.record]
    qtbot.waitUntil(lambda: dialogs[0].mode == "keychain")
    dialogs[0].accept()


def test_deleting_a_key_removes_its_keychain_entry(
        qtbot: Any, window: QWidget, created: CreatedKey, settings: AppSettings,
        runner: TaskRunner, store: Store, clipboard: FakeClipboard) -> None:
    deliver_to_keychain(qtbot, window, created, settings, runner, store)
    assert ("qkeys", "CI deploy") in keychain_items()
    messages: list[str] = []
    records = store.delete_keys([created.record.key_id])
    forget_keychain_entries(records, runner, on_message=messages.append)
    qtbot.waitUntil(lambda: bool(messages))
    assert ("qkeys", "CI deploy") not in keychain_items()
    assert messages == ["Removed 1 key from the OS keychain."]


def test_keys_not_in_the_keychain_are_left_alone(qtbot: Any, created: CreatedKey,
                                                 runner: TaskRunner, store: Store) -> None:
    keychain_items()[("qkeys", "CI deploy")] = "the user's own entry"
    messages: list[str] = []
    forget_keychain_entries(store.delete_keys([created.record.key_id]), runner,
                            on_message=messages.append)
    assert runner.pending == 0 and messages == []
    assert keychain_items()[("qkeys", "CI deploy")] == "the user's own entry"


def test_a_failing_removal_is_reported_not_fatal(
        qtbot: Any, window: QWidget, created: CreatedKey, settings: AppSettings,
        runner: TaskRunner, store: Store, clipboard: FakeClipboard) -> None:
    deliver_to_keychain(qtbot, window, created, settings, runner, store)
    keyring.set_keyring(FailingKeyring(ERROR_KINDS["locked"]))
    messages: list[str] = []
    forget_keychain_entries(store.delete_keys([created.record.key_id]), runner,
                            on_message=messages.append)
    qtbot.waitUntil(lambda: bool(messages))
    assert messages[0].startswith("Could not remove from the OS keychain “CI deploy”: ")
    assert "locked" in messages[0]


@pytest.mark.parametrize("order", ["forget first", "deliver first"])
def test_regenerating_replaces_the_entry_and_never_deletes_the_new_one(
        qtbot: Any, window: QWidget, created: CreatedKey, settings: AppSettings,
        runner: TaskRunner, store: Store, clipboard: FakeClipboard, order: str) -> None:
    deliver_to_keychain(qtbot, window, created, settings, runner, store)
    old = store.get_key(created.record.key_id)
    assert old.keychain_service == "qkeys"
    new = store.regenerate_key(old.key_id)
    assert new.record.name == old.name  # same account in the keychain
    messages: list[str] = []
    steps = [lambda: forget_keychain_entries([old], runner, on_message=messages.append),
             lambda: deliver_new_key(window, new, "keychain", settings, runner, store,
                                     replacing=[old.key_id])]
    for step in steps if order == "forget first" else reversed(steps):
        step()
    dialog = next(d for d in window.findChildren(RevealDialog) if d.record == new.record)
    qtbot.waitUntil(lambda: dialog.mode == "keychain" and runner.pending == 0)
    assert keychain_items()[("qkeys", "CI deploy")] == new.token
    assert store.verify(keychain_items()[("qkeys", "CI deploy")], "read", "backend").ok
    assert store.get_key(new.record.key_id).keychain_service == "qkeys"


def test_regenerating_to_the_clipboard_removes_the_old_entry(
        qtbot: Any, window: QWidget, created: CreatedKey, settings: AppSettings,
        runner: TaskRunner, store: Store, clipboard: FakeClipboard) -> None:
    deliver_to_keychain(qtbot, window, created, settings, runner, store)
    old = store.get_key(created.record.key_id)
    new = store.regenerate_key(old.key_id)
    messages: list[str] = []
    forget_keychain_entries([old], runner, on_message=messages.append)
    deliver_new_key(window, new, "clipboard", settings, runner, store)
    qtbot.waitUntil(lambda: bool(messages))
    assert ("qkeys", "CI deploy") not in keychain_items()
    dialog = next(d for d in window.findChildren(RevealDialog) if d.record == new.record)
    assert dialog.mode == "token" and token_field(dialog).text() == new.token


def test_dialogs_are_released_when_closed(qtbot: Any, window: QWidget, created: CreatedKey,
                                          settings: AppSettings, runner: TaskRunner,
                                          store: Store, clipboard: FakeClipboard) -> None:
    deliver_new_key(window, created, "clipboard", settings, runner, store)
    dialog = the_reveal_dialog(window)
    dialog.copy_token()
    dialog.accept()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    assert delivery.open_reveal_dialogs() == []


# -- the keychain policy in the window (the command line's, core.keychain_policy) --------------


def test_a_foreign_entry_is_never_overwritten_the_key_is_shown_instead(
        qtbot: Any, window: QWidget, created: CreatedKey, settings: AppSettings,
        runner: TaskRunner, store: Store, clipboard: FakeClipboard) -> None:
    """The user's own secret (or another registry's key) under qkeys/NAME stays as it is."""
    keychain_items()[("qkeys", "CI deploy")] = "the user's own entry"
    deliver_new_key(window, created, "keychain", settings, runner, store)
    dialog = the_reveal_dialog(window)
    qtbot.waitUntil(lambda: dialog.mode == "token")
    assert keychain_items()[("qkeys", "CI deploy")] == "the user's own entry"
    assert "does not hold this key's token" in dialog.banner.text()
    assert token_field(dialog).text() == created.token  # never lost
    assert store.get_key(created.record.key_id).keychain_service is None
    dialog.copied = True
    dialog.done(0)


def test_deleting_keeps_an_entry_that_now_holds_another_registrys_key(
        qtbot: Any, window: QWidget, created: CreatedKey, settings: AppSettings,
        runner: TaskRunner, store: Store, clipboard: FakeClipboard, tmp_path: Any) -> None:
    deliver_to_keychain(qtbot, window, created, settings, runner, store)
    other = Store.open(str(tmp_path / "other.db"), hasher=store.hasher)
    foreign = other.create_key("CI deploy", ["read"], None).token
    keychain_items()[("qkeys", "CI deploy")] = foreign  # replaced since, by hand or elsewhere
    messages: list[str] = []
    forget_keychain_entries(store.delete_keys([created.record.key_id]), runner,
                            on_message=messages.append)
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert keychain_items()[("qkeys", "CI deploy")] == foreign
    assert other.verify(foreign, "read").ok


@pytest.mark.parametrize("gone", ["cleared", "replaced"])
def test_the_copy_button_stops_saying_copied_once_the_clipboard_lost_the_key(
        qtbot: Any, created: CreatedKey, gone: str) -> None:
    from qkeys_desktop.ui.clipboard import SecureClipboard

    board = QGuiApplication.clipboard()
    service = SecureClipboard(timeout=30)
    try:
        dialog = reveal(qtbot, created, clipboard=service)
        button(dialog, "copyButton").click()
        assert button(dialog, "copyButton").text() == "Copied"
        if gone == "cleared":
            service.clear_now()  # what the timeout does
        else:
            board.setText("something else")
            qtbot.waitUntil(lambda: not service.holds_our_secret())
        qtbot.waitUntil(lambda: button(dialog, "copyButton").text() == "Copy")
        assert "copy the key again" in button(dialog, "copyButton").toolTip()
        assert dialog.copied  # it was copied once: closing needs no question
    finally:
        board.clear()
        service.deleteLater()
