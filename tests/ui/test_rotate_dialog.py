"""The Rotate dialog against a real store: overlap, where the new token goes, a new expiry and
the registry's policy, and delivery of the new token exactly as a new key's."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import keyring
import pytest
from doubles import Confirmations
from memory_keyring import MemoryKeyring
from PySide6.QtWidgets import QComboBox, QRadioButton, QSpinBox, QWidget

from qkeys_desktop.core.records import CreatedKey, KeyRecord
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.reveal_dialog import RevealDialog
from qkeys_desktop.ui.rotate_dialog import RotateKeyDialog, open_rotate_key
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.tasks import TaskRunner
from qkeys_desktop.ui.widgets import FieldMessage

RUN_ON_BOTH_ENGINES = True


pytestmark = pytest.mark.usefixtures("clipboard")  # no test reaches the real clipboard


@pytest.fixture(autouse=True)
def confirm(confirm: Confirmations) -> Confirmations:
    confirm.answer = True  # closing a reveal without copying, at teardown
    return confirm


@pytest.fixture
def created(store: Store) -> CreatedKey:
    store.add_project("backend")
    return store.create_key("CI deploy", ["read"], store.clock() + timedelta(days=90),
                            ["backend"])


def child(widget: QWidget, kind: type, name: str) -> Any:
    found = widget.findChild(kind, name)
    assert found is not None, name
    return found


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def open_dialog(qtbot: Any, window: QWidget, store: Store, runner: TaskRunner,
                settings: AppSettings, record: KeyRecord,
                written: list[tuple[str, str]] | None = None) -> RotateKeyDialog:
    heard = written if written is not None else []
    dialog = open_rotate_key(window, store, runner, settings, record,
                             on_written=lambda k, n: heard.append((k, n)))
    qtbot.waitUntil(lambda: not dialog.loading)
    return dialog


def rotate(qtbot: Any, dialog: RotateKeyDialog) -> CreatedKey:
    child(dialog, QWidget, "rotateButton").click()
    qtbot.waitUntil(lambda: dialog.created is not None)
    assert dialog.created is not None
    return dialog.created


def the_reveal(qtbot: Any, window: QWidget, created: CreatedKey) -> RevealDialog:
    qtbot.waitUntil(lambda: any(d.record == created.record
                                for d in window.findChildren(RevealDialog)))
    return next(d for d in window.findChildren(RevealDialog) if d.record == created.record)


def test_defaults_say_what_happens_and_rotate_with_a_day_of_overlap(
        qtbot: Any, window: QWidget, store: Store, runner: TaskRunner, settings: AppSettings,
        created: CreatedKey) -> None:
    written: list[tuple[str, str]] = []
    dialog = open_dialog(qtbot, window, store, runner, settings, created.record, written)
    overlap = child(dialog, QComboBox, "overlapCombo")
    assert overlap.currentText() == "24 hours"
    sentence = child(dialog, FieldMessage, "overlapMessage").text()
    assert sentence.startswith("The old token keeps working until ")
    assert sentence.endswith("then stops with “rotated”.")
    assert child(dialog, QRadioButton, "deliverClipboard").isChecked()  # follows the key
    assert child(dialog, QComboBox, "expirationCombo").currentText() == \
        "Same lifetime (90 days)"
    new = rotate(qtbot, dialog)
    assert store.verify(new.token, "read", "backend").ok
    assert store.verify(created.token, "read", "backend").ok  # the overlap runs
    record = store.get_key(new.record.key_id)
    assert record.previous_key_id == created.record.key_id
    assert record.previous_until is not None
    assert abs(record.previous_until - (store.clock() + timedelta(hours=24))) < \
        timedelta(seconds=5)
    assert record.expires_at is not None
    assert abs(record.expires_at - (store.clock() + timedelta(days=90))) < timedelta(seconds=5)
    reveal = the_reveal(qtbot, window, new)
    assert reveal.token() == new.token  # shown once, as a new key's
    assert written and written[0][0] == new.record.key_id
    assert created.record.key_id in written[0][1]


def test_no_overlap_stops_the_old_token_at_once(
        qtbot: Any, window: QWidget, store: Store, runner: TaskRunner, settings: AppSettings,
        created: CreatedKey) -> None:
    dialog = open_dialog(qtbot, window, store, runner, settings, created.record)
    choose(child(dialog, QComboBox, "overlapCombo"), "None — the old token stops at once")
    assert "stops working at once" in child(dialog, FieldMessage, "overlapMessage").text()
    new = rotate(qtbot, dialog)
    old = store.verify(created.token, "read", "backend")
    assert not old.ok and old.reason == "rotated"
    assert store.verify(new.token, "read", "backend").ok


def test_a_custom_overlap_in_days(qtbot: Any, window: QWidget, store: Store,
                                  runner: TaskRunner, settings: AppSettings,
                                  created: CreatedKey) -> None:
    dialog = open_dialog(qtbot, window, store, runner, settings, created.record)
    amount = child(dialog, QSpinBox, "overlapAmount")
    assert not amount.isVisible()
    choose(child(dialog, QComboBox, "overlapCombo"), "Custom…")
    assert amount.isVisible()
    choose(child(dialog, QComboBox, "overlapUnit"), "days")
    amount.setValue(99)  # capped at the core's 30 days
    assert amount.value() == 30
    amount.setValue(3)
    new = rotate(qtbot, dialog)
    until = store.get_key(new.record.key_id).previous_until
    assert until is not None
    assert abs(until - (store.clock() + timedelta(days=3))) < timedelta(seconds=5)


def test_a_new_expiration_may_be_chosen(qtbot: Any, window: QWidget, store: Store,
                                        runner: TaskRunner, settings: AppSettings,
                                        created: CreatedKey) -> None:
    dialog = open_dialog(qtbot, window, store, runner, settings, created.record)
    choose(child(dialog, QComboBox, "expirationCombo"), "7 days")
    new = rotate(qtbot, dialog)
    expires = store.get_key(new.record.key_id).expires_at
    assert expires is not None
    assert abs(expires - (store.clock() + timedelta(days=7))) < timedelta(seconds=5)


def test_the_policy_rules_out_the_same_lifetime_and_longer_presets(
        qtbot: Any, window: QWidget, store: Store, runner: TaskRunner, settings: AppSettings,
        created: CreatedKey) -> None:
    store.set_policy(max_lifetime_days=60)
    dialog = open_dialog(qtbot, window, store, runner, settings, created.record)
    combo = child(dialog, QComboBox, "expirationCombo")
    assert combo.currentText() == "30 days"  # not the 90 days it has now
    keep = combo.findText("Same lifetime (90 days)")
    assert not combo.model().item(keep).isEnabled()
    assert "at most 60 days" in combo.itemData(keep, 3)  # its tooltip names the policy
    assert not combo.model().item(combo.findText("90 days")).isEnabled()
    new = rotate(qtbot, dialog)
    expires = store.get_key(new.record.key_id).expires_at
    assert expires is not None and expires - store.clock() <= timedelta(days=31)


def test_a_key_in_the_keychain_gets_its_new_token_there(
        qtbot: Any, window: QWidget, store: Store, runner: TaskRunner, settings: AppSettings,
        created: CreatedKey) -> None:
    items = keyring.get_keyring()
    assert isinstance(items, MemoryKeyring)
    items.items[("team-keys", "CI deploy")] = created.token
    store.set_keychain_service(created.record.key_id, "team-keys")
    record = store.get_key(created.record.key_id)
    dialog = open_dialog(qtbot, window, store, runner, settings, record)
    assert child(dialog, QRadioButton, "deliverKeychain").isChecked()
    assert "team-keys" in child(dialog, FieldMessage, "deliveryMessage").text()
    new = rotate(qtbot, dialog)
    reveal = the_reveal(qtbot, window, new)
    qtbot.waitUntil(lambda: reveal.mode == "keychain")
    assert items.items[("team-keys", "CI deploy")] == new.token  # the old entry, replaced
    assert store.get_key(new.record.key_id).keychain_service == "team-keys"
    reveal.accept()


def test_choosing_the_clipboard_for_a_keychain_key_removes_the_old_entry(
        qtbot: Any, window: QWidget, store: Store, runner: TaskRunner, settings: AppSettings,
        created: CreatedKey) -> None:
    items = keyring.get_keyring()
    assert isinstance(items, MemoryKeyring)
    items.items[("qkeys", "CI deploy")] = created.token
    store.set_keychain_service(created.record.key_id, "qkeys")
    dialog = open_dialog(qtbot, window, store, runner, settings,
                         store.get_key(created.record.key_id))
    child(dialog, QRadioButton, "deliverClipboard").click()
    new = rotate(qtbot, dialog)
    reveal = the_reveal(qtbot, window, new)
    assert reveal.token() == new.token
    qtbot.waitUntil(lambda: ("qkeys", "CI deploy") not in items.items and runner.pending == 0)
    assert store.get_key(new.record.key_id).keychain_service is None


def test_cancel_rotates_nothing(qtbot: Any, window: QWidget, store: Store, runner: TaskRunner,
                                settings: AppSettings, created: CreatedKey) -> None:
    dialog = open_dialog(qtbot, window, store, runner, settings, created.record)
    child(dialog, QWidget, "cancelButton").click()
    assert store.get_key(created.record.key_id).previous_key_id is None
    assert store.verify(created.token, "read", "backend").ok
    assert window.findChildren(RevealDialog) == []


def test_a_key_deleted_meanwhile_is_explained(qtbot: Any, window: QWidget, store: Store,
                                              runner: TaskRunner, settings: AppSettings,
                                              created: CreatedKey) -> None:
    dialog = open_dialog(qtbot, window, store, runner, settings, created.record)
    store.delete_key(created.record.key_id)
    child(dialog, QWidget, "rotateButton").click()
    qtbot.waitUntil(lambda: dialog.form_error.isVisible())
    assert "no longer exists" in dialog.form_error.text()
    assert dialog.isVisible() and dialog.created is None
