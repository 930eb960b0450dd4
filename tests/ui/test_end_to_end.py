"""A person's whole path through the real window: create through the dialog, copy the key once,
rotate, delete — and afterwards no trace of any token in any file we own."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QPushButton,
)

from qkeys_desktop.core.store import Store
from qkeys_desktop.ui import delivery, prompts
from qkeys_desktop.ui.create_dialog import CreateKeyDialog
from qkeys_desktop.ui.main_window import MainWindow
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.tasks import TaskRunner


@pytest.fixture
def window(qtbot: Any, store: Store, settings: AppSettings,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(prompts, "confirm", lambda *args, **kwargs: True)
    runner = TaskRunner()
    opened = MainWindow(store, settings, runner)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitUntil(lambda: opened.keys_page._loaded_once)
    yield opened
    for dialog in delivery.open_reveal_dialogs():
        dialog.done(0)
    opened.close()
    qtbot.waitUntil(lambda: runner.pending == 0 and opened.watcher.pending == 0)


def fill_in_create_dialog(qtbot: Any, name: str, permissions: tuple[str, ...]) -> None:
    """Runs once the modal Create dialog is up: types like a person and presses Create."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, CreateKeyDialog)
    dialog.findChild(QLineEdit, "nameEdit").setText(name)
    for permission in ("create", "read", "write", "delete", "invite"):
        dialog.findChild(QCheckBox, f"perm_{permission}").setChecked(permission in permissions)
    create = dialog.findChild(QPushButton, "createButton")
    qtbot.waitUntil(create.isEnabled)
    create.click()


def create_through_the_dialog(qtbot: Any, window: MainWindow, name: str,
                              permissions: tuple[str, ...] = ("read", "write")) -> str:
    QTimer.singleShot(0, lambda: fill_in_create_dialog(qtbot, name, permissions))
    window.findChild(QPushButton, "createKeyButton").click()
    return copy_the_revealed_key(qtbot)


def copy_the_revealed_key(qtbot: Any) -> str:
    """Wait for the show-once dialog, copy its key and close it, as a person would."""
    qtbot.waitUntil(lambda: bool(delivery.open_reveal_dialogs()))
    reveal = delivery.open_reveal_dialogs()[-1]
    token = reveal.token()
    reveal.findChild(QPushButton, "copyButton").click()
    reveal.done(0)
    return token


def listed_names(window: MainWindow) -> list[str]:
    model = window.keys_page.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_create_copy_rotate_delete_through_the_window(
    qtbot: Any, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    token = create_through_the_dialog(qtbot, window, "Deploy bot")
    qtbot.waitUntil(lambda: listed_names(window) == ["Deploy bot"])
    assert store.verify(token, "write").ok
    assert QApplication.clipboard().text() == token

    window.keys_page.findChild(QLineEdit, "searchField").setText("")
    window.keys_page.table.selectRow(0)
    window.findChild(QPushButton, "rotateKeyButton").click()
    qtbot.waitUntil(lambda: window.findChild(QDialog, "rotateKeyDialog") is not None)
    rotate = window.findChild(QDialog, "rotateKeyDialog")
    overlap = rotate.findChild(QComboBox, "overlapCombo")
    overlap.setCurrentIndex(overlap.findData(0))  # no overlap: the old token stops at once
    rotate_button = rotate.findChild(QPushButton, "rotateButton")
    qtbot.waitUntil(rotate_button.isEnabled)
    rotate_button.click()
    new_token = copy_the_revealed_key(qtbot)
    assert not store.verify(token, "write").ok
    assert store.verify(new_token, "write").ok

    # the old row shows the same name until the table reloads: wait for the new key itself
    new_id = store.get_key("Deploy bot").key_id
    qtbot.waitUntil(lambda: window.keys_page.select_key(new_id))
    assert listed_names(window) == ["Deploy bot"]
    window.findChild(QPushButton, "deleteButton").click()
    qtbot.waitUntil(lambda: listed_names(window) == [])
    assert store.verify(new_token, "write").reason == "revoked"

    window.close()
    QApplication.clipboard().clear()
    store.close()
    leaks = [str(path) for path in tmp_path.rglob("*") if path.is_file()
             and any(part.encode() in path.read_bytes()
                     for t in (token, new_token) for part in (t, t[16:60]))]
    assert leaks == []


def test_window_shows_the_final_state_after_a_cli_loop_on_the_same_file(
    qtbot: Any, window: MainWindow, db_path: Path, store: Store
) -> None:
    script = (
        "import sys\n"
        "from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher\n"
        "from qkeys_desktop.core.store import Store\n"
        "s = Store.open(sys.argv[1], hasher=SecretHasher(FAST_TEST_PARAMS))\n"
        "kept = []\n"
        "for i in range(100):\n"
        "    s.create_key(f'k{i}', ['read'], None)\n"
        "    if i % 2: s.delete_key(f'k{i}')\n"
        "    else: kept.append(f'k{i}')\n"
        "print(','.join(kept))\n"
    )
    loop = subprocess.Popen([sys.executable, "-c", script, str(db_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: loop.poll() is not None, timeout=120_000)
    assert loop.returncode == 0, loop.stderr.read() if loop.stderr else ""
    kept = loop.stdout.read().strip().split(",") if loop.stdout else []
    assert len(kept) == 50
    qtbot.waitUntil(lambda: sorted(listed_names(window)) == sorted(kept), timeout=5000)
    assert window.count_label.text() == "50 keys"
