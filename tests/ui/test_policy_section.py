"""Settings → Key policy: read from the registry, written on OK, keys that break it counted."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from doubles import FakeClock
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QPushButton, QSpinBox, QWidget

from qkeys_desktop.core.errors import StoreError
from qkeys_desktop.core.policy import RegistryPolicy
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.policy_section import PolicySection
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.settings_dialog import SettingsDialog
from qkeys_desktop.ui.tasks import TaskRunner
from qkeys_desktop.ui.widgets import FieldMessage

RUN_ON_BOTH_ENGINES = True
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def open_dialog(qtbot: Any, settings: AppSettings, store: Store,
                runner: TaskRunner) -> tuple[SettingsDialog, PolicySection]:
    """Settings with the policy section, shown once the policy has been read."""
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    section = PolicySection(dialog, store, runner)
    dialog.show()
    qtbot.waitUntil(lambda: section.loaded is not None or message(dialog).kind == "error")
    return dialog, section


def child(dialog: SettingsDialog, kind: type, name: str) -> Any:
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def message(dialog: SettingsDialog) -> FieldMessage:
    found: FieldMessage = child(dialog, FieldMessage, "policyMessage")
    return found


def choose(dialog: SettingsDialog, days: int | None) -> None:
    box = child(dialog, QComboBox, "policyMaxLifetime")
    box.setCurrentIndex(box.findData(days))


def test_shows_the_registrys_policy(
    qtbot: Any, settings: AppSettings, store: Store, runner: TaskRunner
) -> None:
    store.set_policy(max_lifetime_days=180, allow_never=False)
    dialog, _ = open_dialog(qtbot, settings, store, runner)
    assert child(dialog, QComboBox, "policyMaxLifetime").currentText() == "180 days"
    assert not child(dialog, QCheckBox, "policyAllowNever").isChecked()
    assert not child(dialog, QSpinBox, "policyCustomDays").isVisible()
    scope = child(dialog, FieldMessage, "policyScope").text()
    assert "applies to everyone" in scope and store.target in scope


def test_a_lifetime_that_is_no_preset_shows_as_custom_days(
    qtbot: Any, settings: AppSettings, store: Store, runner: TaskRunner
) -> None:
    store.set_policy(max_lifetime_days=45)
    dialog, section = open_dialog(qtbot, settings, store, runner)
    assert child(dialog, QComboBox, "policyMaxLifetime").currentText() == "Custom…"
    days = child(dialog, QSpinBox, "policyCustomDays")
    assert days.isVisible() and days.value() == 45
    assert section.chosen() == RegistryPolicy(45, True)


def test_counts_the_working_keys_a_new_policy_would_flag(
    qtbot: Any, settings: AppSettings, timed: Store, clock: FakeClock, runner: TaskRunner
) -> None:
    timed.create_key("gone", ["read"], clock() + timedelta(days=400))
    clock.advance(days=401)  # expired: it stopped working, no flag needed
    timed.create_key("forever", ["read"], None)
    timed.create_key("yearly", ["read"], clock() + timedelta(days=365))
    timed.create_key("monthly", ["read"], clock() + timedelta(days=30))
    dialog, _ = open_dialog(qtbot, settings, timed, runner)
    assert message(dialog).kind == "success"
    choose(dialog, 90)
    assert message(dialog).kind == "warning"
    assert message(dialog).text().startswith("1 existing key outside this policy (“yearly”)")
    child(dialog, QCheckBox, "policyAllowNever").setChecked(False)
    assert message(dialog).text().startswith(
        "2 existing keys outside this policy (“forever”, “yearly”)")
    choose(dialog, -1)  # custom
    child(dialog, QSpinBox, "policyCustomDays").setValue(20)
    assert message(dialog).text().startswith("3 existing keys outside")
    assert timed.policy() == RegistryPolicy()  # nothing written before OK


def test_ok_writes_the_policy_to_the_registry_with_the_rest(
    qtbot: Any, settings: AppSettings, store: Store, runner: TaskRunner
) -> None:
    dialog, _ = open_dialog(qtbot, settings, store, runner)
    choose(dialog, 365)
    child(dialog, QCheckBox, "policyAllowNever").setChecked(False)
    child(dialog, QCheckBox, "expiryReminders").setChecked(False)
    child(dialog, QPushButton, "settingsOk").click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert store.policy() == RegistryPolicy(365, False)
    assert settings.expiry_reminders is False  # the dialog saved its own part after the write
    event = store.list_events(limit=1)[0]
    assert event.kind == "policy.changed" and event.actor == store.actor
    assert "365 days" in event.details


def test_unchanged_policy_writes_nothing(
    qtbot: Any, settings: AppSettings, store: Store, runner: TaskRunner
) -> None:
    store.set_policy(max_lifetime_days=90)
    dialog, _ = open_dialog(qtbot, settings, store, runner)
    choose(dialog, 30)
    choose(dialog, 90)
    child(dialog, QPushButton, "settingsOk").click()
    assert dialog.result() == QDialog.DialogCode.Accepted  # at once: no write to wait for
    assert [e.kind for e in store.list_events()] == ["policy.changed"]


def test_a_refused_write_keeps_the_dialog_open_and_says_why(
    qtbot: Any, settings: AppSettings, store: Store, runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**_: object) -> RegistryPolicy:
        raise StoreError("The registry is read-only.")

    dialog, _ = open_dialog(qtbot, settings, store, runner)
    monkeypatch.setattr(store, "set_policy", refuse)
    choose(dialog, 30)
    child(dialog, QCheckBox, "expiryReminders").setChecked(False)
    ok = child(dialog, QPushButton, "settingsOk")
    ok.click()
    qtbot.waitUntil(lambda: message(dialog).kind == "error")
    assert message(dialog).text() == "The policy was not saved: The registry is read-only."
    assert dialog.isVisible() and ok.isEnabled()
    assert settings.expiry_reminders is True  # nothing else was saved either


def test_cancel_writes_nothing(
    qtbot: Any, settings: AppSettings, store: Store, runner: TaskRunner
) -> None:
    dialog, _ = open_dialog(qtbot, settings, store, runner)
    choose(dialog, 30)
    child(dialog, QPushButton, "settingsCancel").click()
    assert store.policy() == RegistryPolicy()


def test_an_unreadable_registry_is_said_and_leaves_ok_working(
    qtbot: Any, settings: AppSettings, store: Store, runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable() -> RegistryPolicy:
        raise StoreError("The registry cannot be reached.")

    monkeypatch.setattr(store, "policy", unreadable)
    dialog, _ = open_dialog(qtbot, settings, store, runner)
    assert message(dialog).text() == (
        "Could not read the registry's policy: The registry cannot be reached.")
    assert not child(dialog, QComboBox, "policyMaxLifetime").isEnabled()
    child(dialog, QPushButton, "settingsOk").click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_every_section_fits_a_laptop_screen_and_no_message_is_cut(
    qtbot: Any, settings: AppSettings, timed: Store, clock: FakeClock, runner: TaskRunner
) -> None:
    from qkeys_desktop.ui.database_section import DatabaseSection

    for number in range(5):
        timed.create_key(f"long-lived {number}", ["read"], clock() + timedelta(days=300))
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    DatabaseSection(dialog, settings, runner)
    section = PolicySection(dialog, timed, runner)
    dialog.show()
    qtbot.waitUntil(lambda: section.loaded is not None)
    choose(dialog, 30)  # the warning grows to three lines: the dialog grows with it
    qtbot.waitUntil(lambda: all(
        m.height() >= m.heightForWidth(m.width())
        for m in dialog.findChildren(FieldMessage) if m.isVisible()))
    assert dialog.height() < 700
    policy = child(dialog, QWidget, "policySection")
    clipboard = child(dialog, QWidget, "clipboardSection")
    assert policy.x() > clipboard.x() + clipboard.width()  # the registry's column, on the right
