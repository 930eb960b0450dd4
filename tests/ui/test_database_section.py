"""Settings → Database: choosing a registry, testing it, and keeping its password out of files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton

from qkeys_desktop.core.store import Store
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
    from qkeys_desktop.ui.dialog_parts import FieldMessage

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
    qtbot: Any, dialog: SettingsDialog, settings: AppSettings
) -> None:
    target = child(dialog, QLineEdit, "databaseTarget")
    target.setText("postgresql://admin:s3cret-Pa55@db.example.com:5432/qkeys")
    target.editingFinished.emit()
    assert target.text() == "postgresql://admin@db.example.com:5432/qkeys"
    assert child(dialog, QLineEdit, "databasePassword").text() == "s3cret-Pa55"
    child(dialog, QCheckBox, "rememberDatabasePassword").setChecked(True)
    dialog.accept()
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


@pytest.mark.system
def test_test_connection_reaches_a_real_postgresql_server(
    qtbot: Any, dialog: SettingsDialog, postgres_db_url: str
) -> None:
    child(dialog, QLineEdit, "databaseTarget").setText(postgres_db_url)
    child(dialog, QPushButton, "testConnectionButton").click()
    qtbot.waitUntil(lambda: "Connected to PostgreSQL" in message(dialog), timeout=15000)
