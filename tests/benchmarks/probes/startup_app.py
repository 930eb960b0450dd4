"""Child: start qkeys as ``qkeys --db DB`` does and say when the window is up and when it
shows the keys (argv: DB). The parent times from spawning this process to each line.

Only the measuring is added: MainWindow.show is wrapped to print "visible" once the event loop
has run after it (so the first paint is done), then "keys N" once the keys table has loaded
and painted; then the app quits.
"""

import sys

from qkeys_desktop.ui import main_window


def _instrumented_show(original):  # type: ignore[no-untyped-def]
    def show(window):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        original(window)
        QTimer.singleShot(0, lambda: print("visible", flush=True))

        def loaded(count: int) -> None:
            window.keys_page.table.viewport().repaint()
            print(f"keys {count}", flush=True)
            QTimer.singleShot(0, QApplication.quit)

        window.keys_page.count_changed.connect(loaded)

    return show


main_window.MainWindow.show = _instrumented_show(main_window.MainWindow.show)
sys.argv = ["qkeys", "--db", sys.argv[1]]
from qkeys_desktop.__main__ import main  # noqa: E402 (after the instrumentation)

sys.exit(main())
