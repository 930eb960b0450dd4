"""Settings → Database: choosing a registry, testing it, and keeping its password out of files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import pytest
from doubles import Confirmations
from PySide6.QtWidgets import QCheckBox, QDialog, QLineEdit, QPushButton

from qkeys_desktop.core.errors import StoreError
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui import database_section
from qkeys_desktop.ui.app import choose_target
from qkeys_desktop.ui.database_section import (
    PASSWORD_SERVICE,
    DatabaseSection,
    remembered_password,
    without_password,
)
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.settings_dialog import SettingsDialog
from qkeys_desktop.ui.tasks import TaskRunner


@pytest.fixture
def dialog(qtbot: Any, settings: AppSettings) -> SettingsDialog:
    opened = SettingsDialog(settings)
    qtbot.addWidget(opened)
    DatabaseSection(opened, settings, TaskRunner(opened))
    return opened


def child(dialog: SettingsDialog, kind: type, name: str) -> Any:
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def message(dialog: SettingsDialog) -> str:
    from qkeys_desktop.ui.widgets import FieldMessage

    return str(child(dialog, FieldMessage, "databaseMessage")._text.text())


def test_test_connection_describes_an_existing_registry(
    qtbot: Any, dialog: SettingsDialog, store: Store, db_path: Path
) -> None:
    store.create_key("One", ["read"], None)
    child(dialog, QLineEdit, "databaseTarget").setText(str(db_path))
    child(dialog, QPushButton, "testConnectionButton").click()
    qtbot.waitUntil(lambda: "registry with 1 key" in message(dialog))


def test_test_connection_explains_an_unusable_target(
    qtbot: Any, dialog: SettingsDialog, tmp_path: Path
) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_bytes(b"this is not a database at all, just some text" * 50)
    child(dialog, QLineEdit, "databaseTarget").setText(str(junk))
    child(dialog, QPushButton, "testConnectionButton").click()
    qtbot.waitUntil(lambda: str(junk) in message(dialog))
    assert junk.read_bytes().startswith(b"this is not a database")


def test_a_password_typed_into_the_url_is_moved_out_and_never_saved(
    qtbot: Any, dialog: SettingsDialog, settings: AppSettings, confirm: Confirmations,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tried: list[tuple[str, str | None]] = []

    def unreachable(target: str, password: str | None = None) -> str:  # no network in tests
        tried.append((target, password))
        raise StoreError(f"cannot connect to {target}: could not translate host name")

    monkeypatch.setattr(database_section, "probe", unreachable)
    target = child(dialog, QLineEdit, "databaseTarget")
    target.setText("postgresql://admin:s3cret-Pa55@db.example.com:5432/qkeys")
    target.editingFinished.emit()
    assert target.text() == "postgresql://admin@db.example.com:5432/qkeys"
    assert child(dialog, QLineEdit, "databasePassword").text() == "s3cret-Pa55"
    child(dialog, QCheckBox, "rememberDatabasePassword").setChecked(True)
    dialog.accept()  # OK tests the new registry first; "Save anyway" is answered yes
    qtbot.waitUntil(lambda: settings.database != "")
    assert tried == [("postgresql://admin@db.example.com:5432/qkeys", "s3cret-Pa55")]
    assert confirm.asked[0]["action"] == "Save anyway"
    assert settings.database == "postgresql://admin@db.example.com:5432/qkeys"
    qtbot.waitUntil(lambda: keyring.get_password(PASSWORD_SERVICE, settings.database) is not None)
    assert remembered_password(settings.database) == "s3cret-Pa55"
    settings.q.sync()
    assert b"s3cret" not in Path(settings.q.fileName()).read_bytes()


def test_without_password_keeps_urls_without_one_unchanged() -> None:
    assert without_password("postgresql://u@h/db") == ("postgresql://u@h/db", "")
    assert without_password("/home/me/keys.db") == ("/home/me/keys.db", "")


def test_target_precedence_is_flag_then_environment_then_settings(
    settings: AppSettings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings.database = str(tmp_path / "chosen.db")
    assert choose_target("/flag.db", settings) == "/flag.db"
    monkeypatch.setenv("QKEYS_DB", "/env.db")
    assert choose_target(None, settings) == "/env.db"
    monkeypatch.delenv("QKEYS_DB")
    assert choose_target(None, settings) == str(tmp_path / "chosen.db")
    settings.database = ""
    assert choose_target(None, settings).endswith("keys.db")


# -- a registry that cannot be opened is not saved silently --------------------------------------


def junk_file(tmp_path: Path) -> Path:
    junk = tmp_path / "notes.txt"
    junk.write_bytes(b"this is not a database at all, just some text" * 50)
    return junk


@pytest.mark.parametrize("save_anyway", [False, True])
def test_saving_a_registry_whose_test_failed_asks_first(
    qtbot: Any, dialog: SettingsDialog, settings: AppSettings, tmp_path: Path,
    confirm: Confirmations, save_anyway: bool,
) -> None:
    """No keeps the dialog open with nothing saved; "Save anyway" saves."""
    junk = junk_file(tmp_path)
    child(dialog, QLineEdit, "databaseTarget").setText(str(junk))
    child(dialog, QPushButton, "testConnectionButton").click()
    qtbot.waitUntil(lambda: "not a qkeys database" in message(dialog))
    dialog.show()
    confirm.answer = save_anyway
    dialog.accept()
    (asked,) = confirm.asked
    assert asked["title"] == "Save a registry that cannot be opened?"
    assert str(junk) in asked["text"] and "not a qkeys database" in asked["text"]
    assert asked["destructive"]
    if save_anyway:
        assert settings.database == str(junk)
    else:
        assert settings.database == "" and dialog.isVisible()
        assert dialog.result() != QDialog.DialogCode.Accepted


def test_an_untested_registry_is_tested_on_ok_and_refused_until_confirmed(
    qtbot: Any, dialog: SettingsDialog, settings: AppSettings, tmp_path: Path,
    confirm: Confirmations,
) -> None:
    junk = junk_file(tmp_path)
    child(dialog, QLineEdit, "databaseTarget").setText(str(junk))
    confirm.answer = False
    dialog.accept()
    qtbot.waitUntil(lambda: bool(confirm.asked))
    assert settings.database == ""
    assert "not a qkeys database" in message(dialog)  # the reason stays next to the field
    assert dialog.ok_button.isEnabled()  # and OK can be pressed again
    confirm.answer = True
    dialog.accept()  # the test's answer stands: asked again, at once
    assert len(confirm.asked) == 2 and settings.database == str(junk)
    assert junk.read_bytes().startswith(b"this is not a database")


def test_an_untested_registry_that_opens_is_saved_without_a_question(
    qtbot: Any, dialog: SettingsDialog, settings: AppSettings, store: Store, db_path: Path,
    confirm: Confirmations,
) -> None:
    child(dialog, QLineEdit, "databaseTarget").setText(str(db_path))
    dialog.accept()
    qtbot.waitUntil(lambda: settings.database == str(db_path))
    assert confirm.asked == []


def test_an_unchanged_registry_is_not_tested_again(
    qtbot: Any, settings: AppSettings, tmp_path: Path, confirm: Confirmations,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.database = str(tmp_path / "team.db")
    monkeypatch.setattr(database_section, "probe", lambda *a: pytest.fail("probed"))
    opened = SettingsDialog(settings)
    qtbot.addWidget(opened)
    DatabaseSection(opened, settings, TaskRunner(opened))
    opened.clipboard_timeout.setValue(12)
    opened.accept()
    assert settings.clipboard_timeout == 12 and confirm.asked == []


def test_cancel_while_the_registry_is_being_tested_saves_nothing(
    qtbot: Any, dialog: SettingsDialog, settings: AppSettings, tmp_path: Path,
    confirm: Confirmations,
) -> None:
    junk = junk_file(tmp_path)
    child(dialog, QLineEdit, "databaseTarget").setText(str(junk))
    dialog.show()
    dialog.accept()
    assert not dialog.ok_button.isEnabled()  # waiting for the test
    dialog.reject()
    qtbot.waitUntil(lambda: "not a qkeys database" in message(dialog))
    assert confirm.asked == [] and settings.database == ""


@pytest.mark.system
def test_test_connection_reaches_a_real_postgresql_server(
    qtbot: Any, dialog: SettingsDialog, postgres_db_url: str
) -> None:
    child(dialog, QLineEdit, "databaseTarget").setText(postgres_db_url)
    child(dialog, QPushButton, "testConnectionButton").click()
    qtbot.waitUntil(lambda: "Connected to PostgreSQL" in message(dialog), timeout=15000)
