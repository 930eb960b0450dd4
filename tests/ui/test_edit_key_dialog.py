"""The Edit dialog against a real store: the key's values filled in, the same rules and policy
as creation, saving off the UI thread, refusals next to their field with nothing lost."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from qkeys_desktop.core.errors import ValidationError
from qkeys_desktop.core.records import CreatedKey
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.edit_key_dialog import EditKeyDialog, open_edit_key
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.tasks import TaskRunner
from qkeys_desktop.ui.widgets import FieldMessage

RUN_ON_BOTH_ENGINES = True


@pytest.fixture
def created(store: Store) -> CreatedKey:
    for name in ("backend", "billing"):
        store.add_project(name)
    return store.create_key("CI deploy", ["read"], store.clock() + timedelta(days=30),
                            ["backend"], description="Runs in GitHub Actions")


def child(widget: QWidget, kind: type, name: str) -> Any:
    found = widget.findChild(kind, name)
    assert found is not None, name
    return found


def message(dialog: QWidget, field: str) -> FieldMessage:
    return child(dialog, FieldMessage, f"{field}Message")


@pytest.fixture
def written() -> list[tuple[str, str]]:
    return []


@pytest.fixture
def dialog(qtbot: Any, window: QWidget, store: Store, runner: TaskRunner,
           settings: AppSettings, created: CreatedKey,
           written: list[tuple[str, str]]) -> EditKeyDialog:
    opened = open_edit_key(window, store, runner, settings, created.record,
                           on_written=lambda k, n: written.append((k, n)))
    qtbot.waitUntil(lambda: not opened.loading)
    return opened


def save(qtbot: Any, dialog: EditKeyDialog) -> None:
    child(dialog, QWidget, "saveButton").click()
    qtbot.waitUntil(lambda: dialog.saved is not None)


def test_opens_with_the_keys_values(dialog: EditKeyDialog) -> None:
    assert child(dialog, QLineEdit, "nameEdit").text() == "CI deploy"
    assert child(dialog, QPlainTextEdit, "descriptionEdit").toPlainText() == \
        "Runs in GitHub Actions"
    assert child(dialog, QCheckBox, "perm_read").isChecked()
    assert not child(dialog, QCheckBox, "perm_write").isChecked()
    assert child(dialog, QCheckBox, "limitProjectsCheck").isChecked()
    assert dialog.form.picker.checked_names() == ["backend"]
    assert child(dialog, QComboBox, "expirationCombo").currentText().startswith("Keep current")
    assert dialog.findChild(QWidget, "deliverClipboard") is None  # an edit makes no token
    assert child(dialog, QWidget, "saveButton").isEnabled()  # its own name is not "taken"


def test_saving_changes_the_key_in_place(qtbot: Any, dialog: EditKeyDialog, store: Store,
                                         created: CreatedKey,
                                         written: list[tuple[str, str]]) -> None:
    name = child(dialog, QLineEdit, "nameEdit")
    name.setText("CI deploy (prod)")
    child(dialog, QPlainTextEdit, "descriptionEdit").setPlainText("Owned by the platform team")
    child(dialog, QCheckBox, "perm_write").click()
    child(dialog, QCheckBox, "limitProjectsCheck").click()  # all projects
    save(qtbot, dialog)
    record = store.get_key(created.record.key_id)
    assert record.name == "CI deploy (prod)"
    assert record.description == "Owned by the platform team"
    assert record.permission_names == ["read", "write"]
    assert record.all_projects
    assert record.expires_at == created.record.expires_at  # kept
    assert store.verify(created.token, "write", "billing").ok  # the same token
    event = store.list_events(1, key_id=record.key_id)[0]
    assert event.kind == "key.edited" and "CI deploy (prod)" in event.details
    assert event.surface == "api" and event.actor == store.actor
    assert written == [(record.key_id, "Saved the changes to “CI deploy (prod)”.")]


def test_a_new_expiration_follows_the_presets(qtbot: Any, dialog: EditKeyDialog,
                                              store: Store, created: CreatedKey) -> None:
    combo = child(dialog, QComboBox, "expirationCombo")
    combo.setCurrentIndex(combo.findText("1 year"))
    save(qtbot, dialog)
    expires = store.get_key(created.record.key_id).expires_at
    assert expires is not None
    assert abs(expires - (store.clock() + timedelta(days=365))) < timedelta(seconds=5)


def test_nothing_changed_writes_no_event(qtbot: Any, dialog: EditKeyDialog, store: Store,
                                         created: CreatedKey,
                                         written: list[tuple[str, str]]) -> None:
    before = store.list_events(key_id=created.record.key_id)
    save(qtbot, dialog)
    assert store.list_events(key_id=created.record.key_id) == before
    assert written == []


def test_the_policy_applies_to_a_changed_expiration(qtbot: Any, store: Store,
                                                    runner: TaskRunner, settings: AppSettings,
                                                    created: CreatedKey) -> None:
    store.set_policy(max_lifetime_days=60, allow_never=False)
    dialog = EditKeyDialog(store, runner, settings, created.record)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading)
    combo = child(dialog, QComboBox, "expirationCombo")
    for text in ("90 days", "1 year", "No expiration"):
        index = combo.findText(text)
        assert not combo.model().item(index).isEnabled(), text
    assert "policy" in combo.itemData(combo.findText("No expiration"), 3)
    assert combo.model().item(combo.findText("60 days")).isEnabled()
    assert combo.currentText().startswith("Keep current")


def test_a_taken_name_is_refused_as_you_type(qtbot: Any, store: Store, dialog: EditKeyDialog,
                                             runner: TaskRunner, settings: AppSettings,
                                             created: CreatedKey) -> None:
    store.create_key("Nightly", ["read"], None)
    again = EditKeyDialog(store, runner, settings, created.record)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: not again.loading)
    child(again, QLineEdit, "nameEdit").setText("nightly")
    assert message(again, "name").kind == "error"
    assert "already exists" in message(again, "name").text()
    assert not child(again, QWidget, "saveButton").isEnabled()


def test_a_secret_in_the_description_is_refused(qtbot: Any, dialog: EditKeyDialog,
                                                store: Store, created: CreatedKey) -> None:
    token = store.create_key("Other", ["read"], None).token
    child(dialog, QPlainTextEdit, "descriptionEdit").setPlainText(f"uses {token}")
    shown = message(dialog, "description")
    assert shown.kind == "error" and "secret" in shown.text()
    assert token not in shown.text()
    assert not child(dialog, QWidget, "saveButton").isEnabled()


def test_the_stores_refusal_shows_by_its_field_and_keeps_the_input(
        qtbot: Any, dialog: EditKeyDialog, store: Store,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise ValidationError("name", "A key named 'Renamed' already exists; choose another.")

    monkeypatch.setattr(store, "edit_key", refuse)
    child(dialog, QLineEdit, "nameEdit").setText("Renamed")
    child(dialog, QPlainTextEdit, "descriptionEdit").setPlainText("kept")
    child(dialog, QWidget, "saveButton").click()
    qtbot.waitUntil(lambda: message(dialog, "name").kind == "error")
    assert "already exists" in message(dialog, "name").text()
    assert dialog.isVisible() and dialog.saved is None
    assert child(dialog, QLineEdit, "nameEdit").text() == "Renamed"
    assert child(dialog, QPlainTextEdit, "descriptionEdit").toPlainText() == "kept"


def test_ctrl_enter_saves_from_the_description(qtbot: Any, dialog: EditKeyDialog,
                                               store: Store, created: CreatedKey) -> None:
    dialog.activateWindow()
    description = child(dialog, QPlainTextEdit, "descriptionEdit")
    description.setFocus()
    qtbot.waitUntil(description.hasFocus)
    qtbot.keyClick(description, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(description, " and deploys")
    qtbot.keyClick(description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.saved is not None)
    assert store.get_key(created.record.key_id).description == \
        "Runs in GitHub Actions and deploys"


def test_escape_cancels_without_saving(qtbot: Any, dialog: EditKeyDialog, store: Store,
                                       created: CreatedKey) -> None:
    child(dialog, QLineEdit, "nameEdit").setText("Never saved")
    qtbot.keyClick(child(dialog, QLineEdit, "nameEdit"), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))  # closed, and deleted
    assert store.get_key(created.record.key_id).name == "CI deploy"


@pytest.fixture
def metered(store: Store) -> CreatedKey:
    key = store.create_key("Metered", ["read"], None, uses=10, refill="daily", rate=(60, 60))
    for _ in range(3):
        assert store.verify(key.token, "read").ok
    return key


def open_metered(qtbot: Any, window: QWidget, store: Store, runner: TaskRunner,
                 settings: AppSettings, metered: CreatedKey) -> EditKeyDialog:
    opened = open_edit_key(window, store, runner, settings, store.get_key(metered.record.key_id))
    qtbot.waitUntil(lambda: not opened.loading)
    return opened


def test_a_key_without_limits_shows_none(dialog: EditKeyDialog) -> None:
    assert child(dialog, QLabel, "limitsSummary").text() == \
        "None: any number of checks, at any rate"
    assert not child(dialog, QCheckBox, "limitUsesCheck").isChecked()
    assert not child(dialog, QCheckBox, "limitRateCheck").isChecked()


def test_the_limits_are_filled_in_and_saving_keeps_the_count(
        qtbot: Any, window: QWidget, store: Store, runner: TaskRunner, settings: AppSettings,
        metered: CreatedKey) -> None:
    dialog = open_metered(qtbot, window, store, runner, settings, metered)
    assert child(dialog, QLabel, "limitsSummary").text() == "10 uses, refilled daily · 60/min"
    assert child(dialog, QCheckBox, "limitUsesCheck").isChecked()
    assert child(dialog, QSpinBox, "usesSpin").value() == 10
    assert child(dialog, QComboBox, "refillCombo").currentText() == "daily"
    assert child(dialog, QSpinBox, "rateSpin").value() == 60
    assert child(dialog, QComboBox, "rateWindowCombo").currentText() == "minute"
    child(dialog, QToolButton, "limitsToggle").click()
    assert message(dialog, "uses").text() == "7 of 10 left now; the count goes on."
    child(dialog, QSpinBox, "rateSpin").setValue(5)  # only the rate limit changes
    save(qtbot, dialog)
    record = store.get_key(metered.record.key_id)
    assert (record.uses_limit, record.uses_remaining, record.uses_refill) == (10, 7, "daily")
    assert (record.rate_limit, record.rate_window) == (5, 60)
    assert "rate limit: 60/min → 5/min" in store.list_events(1, key_id=record.key_id)[0].details


def test_a_new_number_of_uses_starts_the_count_afresh(
        qtbot: Any, window: QWidget, store: Store, runner: TaskRunner, settings: AppSettings,
        metered: CreatedKey) -> None:
    dialog = open_metered(qtbot, window, store, runner, settings, metered)
    child(dialog, QToolButton, "limitsToggle").click()
    child(dialog, QSpinBox, "usesSpin").setValue(20)
    assert message(dialog, "uses").text() == "Saving starts the count afresh at this number."
    save(qtbot, dialog)
    record = store.get_key(metered.record.key_id)
    assert (record.uses_limit, record.uses_remaining) == (20, 20)


def test_limits_can_be_removed(qtbot: Any, window: QWidget, store: Store, runner: TaskRunner,
                               settings: AppSettings, metered: CreatedKey) -> None:
    dialog = open_metered(qtbot, window, store, runner, settings, metered)
    child(dialog, QToolButton, "limitsToggle").click()
    child(dialog, QCheckBox, "limitUsesCheck").setChecked(False)
    child(dialog, QCheckBox, "limitRateCheck").setChecked(False)
    assert not child(dialog, QComboBox, "refillCombo").isEnabled()
    save(qtbot, dialog)
    record = store.get_key(metered.record.key_id)
    assert (record.uses_limit, record.uses_refill, record.rate_limit) == (None, None, None)
    for _ in range(20):
        assert store.verify(metered.token, "read").ok
