"""The Settings dialog: shows the preferences, validates inline, OK saves, Cancel discards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from qkeys_desktop.ui import settings_dialog
from qkeys_desktop.ui.clipboard import secure_clipboard
from qkeys_desktop.ui.i18n import LANGUAGES, system_language
from qkeys_desktop.ui.settings import DELIVERY_CLIPBOARD, DELIVERY_KEYCHAIN, AppSettings
from qkeys_desktop.ui.settings_dialog import SettingsDialog
from qkeys_desktop.ui.widgets import FieldMessage

# the offscreen platform warns whenever a top-level window is shown
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def show_dialog(qtbot: QtBot, settings: AppSettings) -> SettingsDialog:
    """A Settings dialog on screen, closed with the test."""
    shown = SettingsDialog(settings)
    qtbot.addWidget(shown)
    shown.show()
    return shown


@pytest.fixture
def dialog(qtbot: QtBot, settings: AppSettings, app_clipboard: None) -> SettingsDialog:
    shown = show_dialog(qtbot, settings)
    qtbot.waitExposed(shown)
    return shown


def child(parent: QWidget, kind: type, name: str) -> QWidget:
    found = parent.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name!r}"
    return found


def test_shows_the_current_preferences(qtbot: QtBot, settings: AppSettings) -> None:
    settings.clipboard_timeout = 45
    settings.keychain_service = "acme-keys"
    settings.default_expiration = "90d"
    settings.default_delivery = DELIVERY_KEYCHAIN
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert child(dialog, QSpinBox, "clipboardTimeout").value() == 45
    assert child(dialog, QLineEdit, "keychainService").text() == "acme-keys"
    assert child(dialog, QComboBox, "defaultExpiration").currentData() == "90d"
    assert child(dialog, QComboBox, "defaultDelivery").currentData() == DELIVERY_KEYCHAIN


def test_offers_every_expiration_preset_and_both_deliveries(dialog: SettingsDialog) -> None:
    expiration = child(dialog, QComboBox, "defaultExpiration")
    values = [expiration.itemData(i) for i in range(expiration.count())]
    assert values == ["7d", "30d", "60d", "90d", "1y", "never"]
    delivery = child(dialog, QComboBox, "defaultDelivery")
    assert [delivery.itemData(i) for i in range(delivery.count())] == [
        DELIVERY_CLIPBOARD,
        DELIVERY_KEYCHAIN,
    ]


def test_unknown_stored_expiration_falls_back_to_30_days(
    qtbot: QtBot, settings: AppSettings
) -> None:
    settings.default_expiration = "2031-01-01"
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert child(dialog, QComboBox, "defaultExpiration").currentData() == "30d"


def test_zero_reads_as_never(dialog: SettingsDialog) -> None:
    spin = child(dialog, QSpinBox, "clipboardTimeout")
    spin.setValue(0)
    assert spin.text() == "Never"


def test_ok_saves_everything_and_applies_the_clipboard_timeout(
    dialog: SettingsDialog, settings: AppSettings
) -> None:
    child(dialog, QSpinBox, "clipboardTimeout").setValue(12)
    child(dialog, QLineEdit, "keychainService").setText("  team-keys  ")
    expiration = child(dialog, QComboBox, "defaultExpiration")
    expiration.setCurrentIndex(expiration.findData("1y"))
    delivery = child(dialog, QComboBox, "defaultDelivery")
    delivery.setCurrentIndex(delivery.findData(DELIVERY_KEYCHAIN))
    child(dialog, QPushButton, "settingsOk").click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert settings.clipboard_timeout == 12
    assert settings.keychain_service == "team-keys"
    assert settings.default_expiration == "1y"
    assert settings.default_delivery == DELIVERY_KEYCHAIN
    assert secure_clipboard().timeout == 12


def test_cancel_discards(dialog: SettingsDialog, settings: AppSettings) -> None:
    secure_clipboard().set_timeout(30)
    child(dialog, QSpinBox, "clipboardTimeout").setValue(5)
    child(dialog, QLineEdit, "keychainService").setText("other")
    child(dialog, QPushButton, "settingsCancel").click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert settings.clipboard_timeout == 30
    assert settings.keychain_service == "qkeys"
    assert secure_clipboard().timeout == 30


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter a name for the keychain service."),
        ("   ", "Enter a name for the keychain service."),
        ("qkeys\x07", "contains a control or invisible character"),
        ("q\u202ekeys", "text-direction control character"),
        ("k" * 65, "shorten it to 64 or fewer"),
    ],
    ids=["empty", "blank", "control", "bidi", "long"],
)
def test_invalid_service_name_is_explained_and_blocks_ok(
    dialog: SettingsDialog, settings: AppSettings, text: str, message: str
) -> None:
    child(dialog, QLineEdit, "keychainService").setText(text)
    shown = child(dialog, FieldMessage, "keychainServiceMessage")
    assert shown.kind == "error" and message in shown.text()
    assert not child(dialog, QPushButton, "settingsOk").isEnabled()
    dialog.accept()  # even called directly it must not save
    assert settings.keychain_service == "qkeys"


def test_valid_service_name_shows_how_to_read_keys_back(dialog: SettingsDialog) -> None:
    edit = child(dialog, QLineEdit, "keychainService")
    edit.setText("")
    edit.setText("team keys")
    shown = child(dialog, FieldMessage, "keychainServiceMessage")
    assert shown.kind == "hint"
    assert shown.text().startswith("Read a saved key back with: ")
    assert shown.text().endswith(" -m keyring get 'team keys' NAME")
    assert child(dialog, QPushButton, "settingsOk").isEnabled()


def test_enter_saves_and_escape_cancels(
    qtbot: QtBot, settings: AppSettings, app_clipboard: None
) -> None:
    first = show_dialog(qtbot, settings)
    child(first, QSpinBox, "clipboardTimeout").setValue(20)
    qtbot.keyClick(child(first, QLineEdit, "keychainService"), Qt.Key.Key_Return)
    assert first.result() == QDialog.DialogCode.Accepted
    assert settings.clipboard_timeout == 20

    second = show_dialog(qtbot, settings)
    child(second, QSpinBox, "clipboardTimeout").setValue(7)
    qtbot.keyClick(child(second, QLineEdit, "keychainService"), Qt.Key.Key_Escape)
    assert second.result() == QDialog.DialogCode.Rejected
    assert settings.clipboard_timeout == 20


def test_a_later_section_is_saved_with_the_rest(
    qtbot: QtBot, settings: AppSettings, app_clipboard: None
) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    saved: list[str] = []
    database = QLineEdit("/tmp/keys.db")
    database.setObjectName("databaseLocation")
    form = dialog.add_section("Database", "databaseSection", lambda: saved.append(database.text()))
    form.addRow("A much longer label:", database)
    dialog.show()
    qtbot.waitExposed(dialog)
    keychain_form = child(dialog, QGroupBox, "keychainSection").layout()
    keychain_cell = child(dialog, QLineEdit, "keychainService").parentWidget()
    new_label = form.labelForField(database)
    assert keychain_form.labelForField(keychain_cell).width() == new_label.width()  # lined up
    child(dialog, QPushButton, "settingsOk").click()
    assert saved == ["/tmp/keys.db"]


def test_expiry_reminders_are_on_until_turned_off(
    qtbot: QtBot, settings: AppSettings, app_clipboard: None
) -> None:
    first = show_dialog(qtbot, settings)
    box = child(first, QCheckBox, "expiryReminders")
    assert box.isChecked()
    box.setChecked(False)
    child(first, QPushButton, "settingsOk").click()
    assert settings.expiry_reminders is False
    settings.q.sync()  # as the next start reads it: from the file
    reread = AppSettings(QSettings(settings.q.fileName(), QSettings.Format.IniFormat))
    assert reread.expiry_reminders is False
    second = show_dialog(qtbot, reread)
    assert not child(second, QCheckBox, "expiryReminders").isChecked()


def test_controls_have_names_for_assistive_technology(dialog: SettingsDialog) -> None:
    for kind, name in [
        (QCheckBox, "expiryReminders"),
        (QSpinBox, "clipboardTimeout"),
        (QLineEdit, "keychainService"),
        (QComboBox, "defaultExpiration"),
        (QComboBox, "defaultDelivery"),
        (QComboBox, "language"),
        (QPushButton, "settingsOk"),
        (QPushButton, "settingsCancel"),
    ]:
        assert child(dialog, kind, name).accessibleName()


def test_language_offers_the_system_default_then_each_language_in_its_own_words(
    dialog: SettingsDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    language = child(dialog, QComboBox, "language")
    assert [language.itemData(i) for i in range(language.count())] == ["", "en", "de"]
    assert [language.itemText(i) for i in range(1, 3)] == ["English", "Deutsch"]
    assert language.currentData() == ""
    # "System default" says which language the system's is
    system = system_language()
    assert language.itemText(0) == f"System default ({LANGUAGES[system]})"
    hint = child(dialog, FieldMessage, "languageHint")
    assert hint.isVisible() and hint.text() == "Takes effect when qkeys restarts."


def test_the_system_default_names_a_german_system_in_german(
    qtbot: QtBot, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings_dialog, "system_language", lambda: "de")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert child(dialog, QComboBox, "language").itemText(0) == "System default (Deutsch)"


def test_a_chosen_language_is_saved_for_the_next_start_and_shown_again(
    qtbot: QtBot, settings: AppSettings, app_clipboard: None
) -> None:
    first = show_dialog(qtbot, settings)
    language = child(first, QComboBox, "language")
    qtbot.keyClicks(language, "Deutsch")  # typed-ahead, as a user picks from a closed combo
    assert language.currentData() == "de"
    child(first, QPushButton, "settingsOk").click()
    settings.q.sync()
    reread = AppSettings(QSettings(settings.q.fileName(), QSettings.Format.IniFormat))
    assert reread.language == "de"
    second = show_dialog(qtbot, reread)
    back = child(second, QComboBox, "language")
    assert back.currentText() == "Deutsch"
    back.setCurrentIndex(back.findData(""))
    child(second, QPushButton, "settingsOk").click()
    assert reread.language == ""  # follow the system again


def test_an_unknown_stored_language_means_the_systems(settings: AppSettings) -> None:
    settings.q.setValue("ui/language", "xx")
    assert settings.language == ""
