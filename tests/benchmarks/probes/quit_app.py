"""Child: start qkeys as ``qkeys --db DB`` does, wait until the window shows its keys, copy a
key's token with the app's secure clipboard (so quitting has a clipboard to clear), then press
Ctrl+Q (argv: DB). It prints "quit" just before the key press; the parent times from that line
to the process's exit. Only the measuring is added to the app.
"""

import sys

from qkeys_desktop.ui import main_window


def _instrumented_show(original):  # type: ignore[no-untyped-def]
    def show(window):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import Qt, QTimer
        from PySide6.QtTest import QTest

        from qkeys_desktop.ui.clipboard import secure_clipboard

        original(window)

        def press_quit() -> None:
            # a shortcut works in the active window only (on X without a window manager, too)
            window.activateWindow()
            if not QTest.qWaitForWindowActive(window, 10_000):
                sys.exit("the window never became active")
            secure_clipboard().copy_secret("qk_" + "Q" * 12 + "_" + "S" * 50)
            print("quit", flush=True)
            QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)

        def loaded(count: int) -> None:
            QTimer.singleShot(50, press_quit)

        count = window.keys_page.table.model().rowCount()
        if count:  # run_app shows the window with its keys
            loaded(count)
        else:
            window.keys_page.count_changed.connect(loaded)

    return show


main_window.MainWindow.show = _instrumented_show(main_window.MainWindow.show)
sys.argv = ["qkeys", "--db", sys.argv[1]]
from qkeys_desktop.__main__ import main  # noqa: E402 (after the instrumentation)

sys.exit(main())
