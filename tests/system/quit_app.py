"""The app side of the quit system test: the real ``qkeys --db DB`` on an X display, driven.

Usage: ``QT_QPA_PLATFORM=xcb DISPLAY=:N python quit_app.py DB`` with a key's token on stdin.

It runs the entry point exactly as the ``qkeys`` script does (so the process ends the way it
ends for people), and only adds the driving: once the window shows its keys it verifies the
token through the window's registry (a usage count that lives in memory until it is flushed),
starts a background job that adds the project "written while quitting" after 300 ms, shows
the Activity page (a layout saved on close), copies the token with the app's secure clipboard
and says ``copied``, then ``cleared`` when the app clears it. On ``quit`` it presses Ctrl+Q in
the window. The token is never printed.
"""

from __future__ import annotations

import sys
import time

from qkeys_desktop.ui import main_window

TOKEN = sys.stdin.readline().strip()


def say(line: str) -> None:
    print(line, flush=True)


def _driven_show(original):  # type: ignore[no-untyped-def]
    def show(window):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QSocketNotifier, Qt, QTimer
        from PySide6.QtTest import QTest

        from qkeys_desktop.ui.clipboard import secure_clipboard

        original(window)

        def slow_write() -> None:
            time.sleep(0.3)
            window.store.add_project("written while quitting")

        def prepare() -> None:
            window.activateWindow()  # a shortcut works in the active window only
            if not QTest.qWaitForWindowActive(window, 10_000):
                sys.exit("the window never became active")
            assert window.store.verify(TOKEN, "read").ok
            window.show_page(2)
            secure_clipboard().cleared.connect(lambda: say("cleared"))
            secure_clipboard().copy_secret(TOKEN)
            say("copied")

        def read_command() -> None:
            if sys.stdin.readline().strip() == "quit":
                notifier.setEnabled(False)
                window.runner.run(slow_write, lambda _: None, lambda _: None)
                QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)

        notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, window)
        notifier.activated.connect(read_command)
        if window.keys_page.table.model().rowCount():  # run_app shows it with its keys
            QTimer.singleShot(0, prepare)
        else:
            window.keys_page.count_changed.connect(lambda count: QTimer.singleShot(0, prepare))

    return show


main_window.MainWindow.show = _driven_show(main_window.MainWindow.show)
sys.argv = ["qkeys", "--db", sys.argv[1]]
from qkeys_desktop.__main__ import main  # noqa: E402 (after the driving is in place)

sys.exit(main())
