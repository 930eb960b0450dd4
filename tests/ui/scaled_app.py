"""Run in a child process by test_high_dpi.py, under a scale factor and an offscreen screen of a
given size (both fixed when the QGuiApplication starts, so never in the test process itself).

Usage: ``python scaled_app.py FOLDER WHAT`` with WHAT one of ``window`` (the main window's size
against the screen), ``restored`` (the same with a remembered geometry larger than the screen)
or ``icons`` (every icon of the main window and the Create and reveal dialogs). Prints JSON.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QListWidget, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from memory_keyring import MemoryKeyring

from qkeys_desktop.core.expiration import parse_expiration
from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.tasks import TaskRunner

Box = tuple[float, float, float, float]


def drawn_box(image: QImage) -> Box | None:
    """The painted pixels' bounding box as fractions of the image (0..1), or None if blank."""
    xs, ys = [], []
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixelColor(x, y).alpha() > 0:
                xs.append(x)
                ys.append(y)
    if not xs:
        return None
    w, h = image.width(), image.height()
    return min(xs) / w, min(ys) / h, (max(xs) + 1) / w, (max(ys) + 1) / h


def pixmap_report(where: str, pixmap: QPixmap, reference: QPixmap | None, dpr: float,
                  ) -> dict[str, object]:
    """One drawn icon, and the same icon at pixel ratio 1 where it is known."""
    return {"where": where, "dpr": pixmap.devicePixelRatio(), "widget_dpr": dpr,
            "box": drawn_box(pixmap.toImage()),
            "reference": None if reference is None else drawn_box(reference.toImage())}


def icon_report(where: str, icon: QIcon, size: QSize, dpr: float) -> dict[str, object]:
    """An icon as the widget draws it (at the widget's pixel ratio) and at ratio 1."""
    return pixmap_report(where, icon.pixmap(size, dpr), icon.pixmap(size, 1.0), dpr)


def icons_of(widget: QWidget, where: str) -> list[dict[str, object]]:
    """Every icon a visible widget in ``widget`` shows."""
    found: list[dict[str, object]] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisibleTo(widget) and child is not widget:
            continue
        dpr = child.devicePixelRatioF()
        name = f"{where}/{type(child).__name__}:{child.objectName() or child.toolTip()[:20]}"
        if isinstance(child, QLabel) and not child.pixmap().isNull():
            found.append(pixmap_report(name, child.pixmap(), None, dpr))
        elif isinstance(child, QAbstractButton) and not child.icon().isNull():
            found.append(icon_report(name, child.icon(), child.iconSize(), dpr))
        elif isinstance(child, QLineEdit):
            found.extend(icon_report(f"{name}/action", action.icon(), QSize(16, 16), dpr)
                         for action in child.actions() if not action.icon().isNull())
        elif isinstance(child, QListWidget):
            found.extend(icon_report(f"{name}/{child.item(row).text()}",
                                     child.item(row).icon(), child.iconSize(), dpr)
                         for row in range(child.count()) if not child.item(row).icon().isNull())
    return found


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def settle(app: QApplication, until: Callable[[], bool] | None = None) -> None:
    """Let jobs report and layouts settle (until ``until()`` holds, at most 2 s)."""
    for _ in range(200):
        app.processEvents()
        if until is None or until():
            return
        time.sleep(0.01)


def main() -> int:
    folder, what = Path(sys.argv[1]), sys.argv[2]
    import keyring

    keyring.set_keyring(MemoryKeyring())
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    app = QApplication(["scaled"])
    from qkeys_desktop.ui.create_dialog import CreateKeyDialog
    from qkeys_desktop.ui.main_window import MainWindow
    from qkeys_desktop.ui.reveal_dialog import RevealDialog

    store = Store.open(str(folder / "keys.db"), hasher=SecretHasher(FAST_TEST_PARAMS))
    settings = AppSettings(QSettings(str(folder / "qkeys.ini"), QSettings.Format.IniFormat))
    if what == "restored":
        big = MainWindow(store, settings, TaskRunner())
        big.setGeometry(QRect(300, 200, 3000, 2000))  # remembered from a much bigger screen
        big.save_state()
        big.watcher.stop()
    runner = TaskRunner()
    screen = app.primaryScreen()
    report: dict[str, object] = {"available": rect(screen.availableGeometry()),
                                 "dpr": screen.devicePixelRatio()}
    if what == "icons":
        now = store.clock()
        store.create_key("expiring", ["read"], parse_expiration("7d", now))
        created = store.create_key("shown", ["read"], None)
    window = MainWindow(store, settings, runner)
    window.show()
    settle(app, lambda: window.keys_page.model.rowCount() > 0 or what != "icons")
    frame = window.frameGeometry()
    report["frame"] = rect(frame)
    report["status_bar_bottom"] = window.statusBar().mapTo(
        window, window.statusBar().rect().bottomLeft()).y() + window.geometry().top()
    if what == "icons":
        found = icons_of(window, "main")
        dialog = CreateKeyDialog(store, runner, settings)
        dialog.show()
        settle(app, lambda: not dialog.loading)
        found += icons_of(dialog, "create")
        dialog.reject()
        reveal = RevealDialog(created, clipboard=object())
        reveal.show()
        settle(app)
        found += icons_of(reveal, "reveal")
        reveal.copied = True
        reveal.accept()
        report["icons"] = found
    window.close()
    store.close()
    print(json.dumps(report))
    sys.stdout.flush()
    os._exit(0)  # no teardown races with background jobs: the report is all we need


if __name__ == "__main__":
    sys.exit(main())
