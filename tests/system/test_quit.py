"""Ctrl+Q on a real X server: the process ends, and nothing that matters is lost on the way.

The app ends its process without Python's and Qt's teardown once the window has closed
(``__main__.exit_now``); these tests hold it to finishing first: the secret it copied is gone
from the clipboard (read by another program, xclip), a write still running in the background
is done, the usage counted in memory and the window's layout are written.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from app_process import WAIT, AppProcess
from PySide6.QtCore import QSettings
from test_real_clipboard import paste

from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.settings import AppSettings

pytestmark = pytest.mark.system

APP = Path(__file__).with_name("quit_app.py")


@pytest.fixture
def token(tmp_path: Path, fast_hasher: SecretHasher) -> str:
    store = Store.open(str(tmp_path / "keys.db"), hasher=fast_hasher)
    try:
        return store.create_key("quitter", ["read"], None).token
    finally:
        store.close()


@pytest.fixture
def app(x_display: str, tmp_path: Path, token: str) -> Iterator[AppProcess]:
    started = AppProcess(APP, x_display, str(tmp_path / "keys.db"))
    started.send(token)
    yield started
    started.stop()


def test_ctrl_q_ends_the_process_with_everything_written(
    app: AppProcess, x_display: str, tmp_path: Path, token: str
) -> None:
    app.expect("copied")
    assert paste(x_display) == token  # the copy really is on the X clipboard
    app.send("quit")
    assert app.proc.wait(timeout=WAIT) == 0, app.errors()
    assert "Traceback" not in app.errors()
    # cleared by the app before it ended (X would drop it with its owner anyway, but a clipboard
    # manager that keeps the last copy would not)
    app.expect("cleared")
    assert paste(x_display) in (None, "")
    with closing(sqlite3.connect(tmp_path / "keys.db")) as db:
        projects = [name for (name,) in db.execute("SELECT name FROM project")]
        counted = db.execute("SELECT outcome, count FROM key_usage").fetchall()
    assert projects == ["written while quitting"]  # the job in flight at Ctrl+Q finished
    assert counted == [("valid", 1)]  # the usage counted in memory was flushed
    written = QSettings(str(Path(os.environ["XDG_CONFIG_HOME"], "qkeys", "qkeys.ini")),
                        QSettings.Format.IniFormat)
    assert AppSettings(written).last_page == 2  # the layout saved on close is on disk
