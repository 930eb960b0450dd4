"""Starting the window: where it cannot appear, and a registry that cannot be opened."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from qkeys_desktop.__main__ import missing_display
from qkeys_desktop.core.paths import personal_database
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui import app as app_module
from qkeys_desktop.ui import database_section, prompts
from qkeys_desktop.ui.app import (
    FROM_SETTINGS,
    OPEN_SETTINGS,
    QUIT,
    USE_DEFAULT,
    choose_target,
    open_registry,
    target_origin,
)
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.settings_dialog import SettingsDialog
from qkeys_desktop.ui.widgets import FieldMessage

TIMEOUT = 60


# -- no display -------------------------------------------------------------------------------


def test_without_a_display_qkeys_says_so_instead_of_aborting(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_RUNTIME_DIR"] = str(tmp_path)  # no wayland-0 socket to fall back on
    done = subprocess.run([sys.executable, "-m", "qkeys_desktop", "--db", str(tmp_path / "k.db")],
                          capture_output=True, text=True, env=env, timeout=TIMEOUT, check=False)
    assert done.returncode == 1, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("qkeys: the window cannot start here")
    assert "qkeys --help" in lines[0]
    assert done.stdout == ""
    assert not (tmp_path / "k.db").exists()  # refused before anything was opened


@pytest.mark.parametrize(("env", "missing"), [
    ({}, True),
    ({"DISPLAY": ":0"}, False),
    ({"WAYLAND_DISPLAY": "wayland-1"}, False),
    ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ({"QT_QPA_PLATFORM": "minimal"}, False),
    ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, False),
    ({"QT_QPA_PLATFORM": "xcb"}, True),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, True),
    ({"DISPLAY": ""}, True),
])
def test_which_environments_have_a_display(env: dict[str, str], missing: bool,
                                           tmp_path: Path) -> None:
    assert missing_display({"XDG_RUNTIME_DIR": str(tmp_path), **env}, "linux") is missing


def test_wayland_default_socket_counts_as_a_display(tmp_path: Path) -> None:
    (tmp_path / "wayland-0").touch()
    env = {"XDG_RUNTIME_DIR": str(tmp_path), "QT_QPA_PLATFORM": "wayland"}
    assert not missing_display(env, "linux")


def test_windows_and_macos_need_no_display_variable() -> None:
    assert not missing_display({}, "win32")
    assert not missing_display({}, "darwin")


# -- a registry that cannot be opened ---------------------------------------------------------


class Choices:
    """Stands in for prompts.choose: answers in turn and records what was offered."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.offered: list[dict[str, Any]] = []

    def __call__(self, parent: Any, title: str, text: str, details: str,
                 choices: Sequence[tuple[str, str]], escape: str, error: bool = False) -> str:
        self.offered.append({"text": text, "details": details, "choices": dict(choices),
                             "escape": escape})
        return self.answers.pop(0)


def broken_registry(tmp_path: Path) -> Path:
    junk = tmp_path / "team" / "notes.db"
    junk.parent.mkdir()
    junk.write_bytes(b"this is not a database at all, just some text" * 50)
    return junk


@pytest.fixture
def saved_settings() -> AppSettings:
    """The settings run_app reads (the default QSettings, isolated in tmp_path by conftest)."""
    return AppSettings()


def test_a_registry_that_cannot_be_opened_says_why_and_offers_three_ways_out(
        qapp: Any, tmp_path: Path, saved_settings: AppSettings, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, informed: list[str]) -> None:
    junk = broken_registry(tmp_path)
    saved_settings.database = str(junk)
    choices = Choices(QUIT)
    monkeypatch.setattr(prompts, "choose", choices)
    monkeypatch.setattr(app_module, "create_application", lambda: qapp)  # keep the test's style
    assert app_module.run_app() == 1
    err = capsys.readouterr().err
    assert err.startswith(f"qkeys: cannot open the registry {junk}") and "not a qkeys" in err
    (offered,) = choices.offered
    assert list(offered["choices"]) == [OPEN_SETTINGS, USE_DEFAULT, QUIT]
    assert offered["choices"][USE_DEFAULT] == "Use the Default Registry"
    assert offered["escape"] == QUIT
    assert str(junk) in offered["text"] and "chosen in Settings" in offered["text"]
    assert "not a qkeys database" in offered["details"]
    assert personal_database() in offered["details"]
    assert saved_settings.database == str(junk)  # quitting changes nothing
    assert junk.read_bytes().startswith(b"this is not a database")


def test_use_the_default_registry_opens_it_and_saves_that(
        qapp: Any, tmp_path: Path, saved_settings: AppSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    junk = broken_registry(tmp_path)
    saved_settings.database = str(junk)
    monkeypatch.setattr(prompts, "choose", Choices(USE_DEFAULT))
    store = open_registry(str(junk), saved_settings, FROM_SETTINGS)
    assert store is not None
    try:
        assert store.target == personal_database()
        assert Path(personal_database()).is_file()
        assert str(tmp_path) in personal_database()  # the test's own data directory
    finally:
        store.close()
    assert saved_settings.database == ""  # the next start opens the default too
    assert choose_target(None, AppSettings()) == personal_database()


def test_use_the_default_registry_leaves_settings_alone_when_db_named_the_broken_one(
        qapp: Any, tmp_path: Path, saved_settings: AppSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    junk = broken_registry(tmp_path)
    saved_settings.database = str(tmp_path / "chosen.db")
    monkeypatch.setattr(prompts, "choose", Choices(USE_DEFAULT))
    store = open_registry(str(junk), saved_settings, target_origin(str(junk), saved_settings))
    assert store is not None and store.target == personal_database()
    store.close()
    assert saved_settings.database == str(tmp_path / "chosen.db")


def test_the_default_is_not_offered_when_it_is_what_failed(
        qapp: Any, saved_settings: AppSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    default = Path(personal_database())
    default.parent.mkdir(parents=True)
    default.write_bytes(b"damaged" * 100)
    choices = Choices(QUIT)
    monkeypatch.setattr(prompts, "choose", choices)
    assert open_registry(str(default), saved_settings, "the default registry") is None
    assert list(choices.offered[0]["choices"]) == [OPEN_SETTINGS, QUIT]
    assert "your own registry" not in choices.offered[0]["details"]


def settings_dialog_when_shown(qtbot: Any, act: Callable[[SettingsDialog], None]) -> None:
    """Run ``act`` on the modal Settings dialog once it is shown."""
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, SettingsDialog) and dialog.isVisible():
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_open_settings_lets_the_user_fix_the_registry_and_opens_it(
        qtbot: Any, tmp_path: Path, saved_settings: AppSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    junk = broken_registry(tmp_path)
    saved_settings.database = str(junk)
    good = tmp_path / "fixed" / "keys.db"
    seen: list[str] = []

    def fix(dialog: SettingsDialog) -> None:
        message = dialog.findChild(FieldMessage, "databaseMessage")
        seen.append(message.text())
        target = dialog.findChild(QLineEdit, "databaseTarget")
        target.setText(str(good))
        dialog.ok_button.click()  # a new registry is tested first: it opens, so it is saved

    monkeypatch.setattr(prompts, "choose", Choices(OPEN_SETTINGS))
    settings_dialog_when_shown(qtbot, fix)
    store = open_registry(str(junk), saved_settings, FROM_SETTINGS)
    assert store is not None
    try:
        assert store.target == str(good)
    finally:
        store.close()
    assert saved_settings.database == str(good)
    assert "qkeys could not open this registry" in seen[0] and "not a qkeys" in seen[0]


def test_cancelling_settings_offers_the_choice_again(
        qtbot: Any, tmp_path: Path, saved_settings: AppSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    junk = broken_registry(tmp_path)
    saved_settings.database = str(junk)
    choices = Choices(OPEN_SETTINGS, QUIT)
    monkeypatch.setattr(prompts, "choose", choices)
    settings_dialog_when_shown(qtbot, lambda dialog: dialog.reject())
    assert open_registry(str(junk), saved_settings, FROM_SETTINGS) is None
    assert len(choices.offered) == 2
    assert saved_settings.database == str(junk)


def test_a_password_typed_in_settings_opens_the_server_now_even_if_not_remembered(
        qtbot: Any, tmp_path: Path, saved_settings: AppSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    junk = broken_registry(tmp_path)
    saved_settings.database = str(junk)
    url = "postgresql://qkeys_admin@db.example.com/qkeys"
    opened: list[tuple[str, str | None]] = []
    real_open = Store.open

    def fake_open(target: str, password: str | None = None, **options: Any) -> Any:
        opened.append((target, password))
        return real_open(target, password, **options) if target == str(junk) else "store"

    monkeypatch.setattr(app_module.Store, "open", fake_open)
    monkeypatch.setattr(database_section, "probe", lambda target, password=None: "Connected")

    def fix(dialog: SettingsDialog) -> None:
        dialog.findChild(QLineEdit, "databaseTarget").setText(url)
        dialog.findChild(QLineEdit, "databasePassword").setText("typed-Pa55")
        dialog.ok_button.click()  # "Remember in the OS keychain" left unticked

    monkeypatch.setattr(prompts, "choose", Choices(OPEN_SETTINGS))
    settings_dialog_when_shown(qtbot, fix)
    assert open_registry(str(junk), saved_settings, FROM_SETTINGS) == "store"
    assert opened == [(str(junk), None), (url, "typed-Pa55")]
    assert saved_settings.database == url
    saved_settings.q.sync()
    assert b"typed-Pa55" not in Path(saved_settings.q.fileName()).read_bytes()
