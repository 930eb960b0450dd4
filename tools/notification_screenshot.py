"""Render the README's picture of an expiry reminder: it needs a real X server with a tray.

The reminder is a system-tray notification, which offscreen rendering cannot show; so this runs
on a private Xvfb with ``trayer`` as the tray (Debian: ``apt-get install xvfb trayer``)::

    Xvfb :77 -screen 0 1280x800x24 & sleep 1
    DISPLAY=:77 trayer --edge top --align right --widthtype request --height 24 & sleep 1
    DISPLAY=:77 uv run python tools/notification_screenshot.py

It opens the window on the sample registry of ``tools/screenshots.py`` (two keys expire within a
week), lets the window's own reminder speak, and saves the screen's top-right corner — the
notification over the window — as ``resources/screenshots/notification.png``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ON_A_DISPLAY = bool(os.environ.get("DISPLAY")) and os.environ.get("QT_QPA_PLATFORM") in (
    None, "xcb")
os.environ["QT_QPA_PLATFORM"] = "xcb"  # before tools/screenshots.py picks offscreen
sys.path.insert(0, str(ROOT / "tools"))

from PySide6.QtCore import QRect, QSettings  # noqa: E402
from PySide6.QtWidgets import QSystemTrayIcon  # noqa: E402
from screenshots import OUT, build_sample_registry, pick_font, settle, wait_until  # noqa: E402

from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher  # noqa: E402
from qkeys_desktop.core.store import Store  # noqa: E402
from qkeys_desktop.ui.app import create_application  # noqa: E402
from qkeys_desktop.ui.settings import AppSettings  # noqa: E402
from qkeys_desktop.ui.style import apply_style  # noqa: E402
from qkeys_desktop.ui.tasks import TaskRunner  # noqa: E402

CORNER = QRect(700, 0, 580, 260)  # where trayer and the message sit on a 1280-wide screen


def main() -> int:
    if not ON_A_DISPLAY:
        print("needs a real X server with a tray (see this file's docstring)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="qkeys-shots-") as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        app = create_application(["qkeys-screenshots"])
        if not QSystemTrayIcon.isSystemTrayAvailable():
            print("no system tray on this display: start trayer first", file=sys.stderr)
            return 2
        pick_font(app)
        apply_style(app)
        path = Path(folder) / "keys.db"
        build_sample_registry(path)
        store = Store.open(str(path), hasher=SecretHasher(FAST_TEST_PARAMS))
        settings = AppSettings(QSettings(str(Path(folder) / "qkeys.ini"),
                                         QSettings.Format.IniFormat))
        from qkeys_desktop.ui.main_window import MainWindow

        window = MainWindow(store, settings, TaskRunner())
        window.setGeometry(0, 30, 1280, 770)
        window.show()
        reminders = window.reminders
        wait_until(app, lambda: reminders.tray is not None and reminders.tray.isVisible())
        settle(app, 3.0)  # the icon is embedded in the tray, then the message appears
        shot = app.primaryScreen().grabWindow(0).copy(CORNER)
        target = OUT / "notification.png"
        if not shot.save(str(target)):
            raise RuntimeError(f"could not write {target}")
        print(target.relative_to(ROOT))
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
