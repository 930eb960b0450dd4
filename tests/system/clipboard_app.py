"""The app side of the real-clipboard system test, run as its own process on an X display.

Usage: ``QT_QPA_PLATFORM=xcb DISPLAY=:N python clipboard_app.py DB TIMEOUT``

It creates a key in the registry at DB through the real Store (cheap argon2), copies its token
with the app-wide secure clipboard, and reports on stdout, one line each:
``ready KEY_ID``, then ``countdown N``..., ``cleared`` / ``released``, and ``deadline`` once
TIMEOUT seconds have passed. It keeps serving the clipboard until a ``quit`` line arrives on
stdin, so the test can read the clipboard after the clear while we are still its owner.
Quitting runs the application's quit path (which clears the clipboard if it still holds our
key), says ``quitting`` and keeps serving until ``done``, then says ``exited``. The token
itself is never printed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEventLoop, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.clipboard import secure_clipboard, set_clipboard_timeout


def say(line: str) -> None:
    print(line, flush=True)


def main(db: str, timeout: int) -> int:
    app = QApplication([sys.argv[0]])
    store = Store.open(db, hasher=SecretHasher(FAST_TEST_PARAMS))
    created = store.create_key(f"clipboard-{timeout}s-{len(store.list_keys())}", ["read"], None)
    service = secure_clipboard()
    set_clipboard_timeout(timeout)
    service.countdown.connect(lambda seconds: say(f"countdown {seconds}"))
    service.cleared.connect(lambda: say("cleared"))
    service.released.connect(lambda: say("released"))
    key_id = created.record.key_id
    service.copy_secret(created.token)
    del created
    if timeout > 0:
        QTimer.singleShot(timeout * 1000 + 500, lambda: say("deadline"))

    quitting = QEventLoop()

    def hold_on_quit() -> None:
        # Runs after the service's own quit handler: keep serving the clipboard until the test
        # has looked at it, so it sees what quitting left there, not merely an app gone.
        say("quitting")
        quitting.exec()

    def read_command() -> None:
        command = sys.stdin.readline().strip()
        if command == "quit":
            app.quit()
        elif command == "done":
            quitting.quit()
        elif not command:  # end of input: the test is gone, stop everything
            notifier.setEnabled(False)
            quitting.quit()
            app.quit()

    app.aboutToQuit.connect(hold_on_quit)
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(read_command)
    say(f"ready {key_id}")
    code = app.exec()
    say("exited")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
