"""Selecting a key on screen must not put it in the X11 PRIMARY selection (middle-click paste).

A real X server (the private Xvfb) and a separate program reading PRIMARY (xclip), as a person
would paste with the middle button. The app side is this module run as a script on that
display: the test process's QApplication is offscreen and owns no X selection.

Usage of the app side: ``QT_QPA_PLATFORM=xcb DISPLAY=:N python test_primary_selection.py DB``.
It creates a key, shows the real reveal dialog and reports ``ready KEY_ID``; then each line on
stdin names a gesture, done with QTest on the widget (``drag``, ``double-click``, ...), and is
answered ``did GESTURE copied=BOOL`` once it is done and the events are processed. The token
itself is never printed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_process import WAIT, AppProcess

pytestmark = pytest.mark.system

SENTINEL = "what the user selected before"


# -- the app side ------------------------------------------------------------------------------


def app_main(db: str) -> int:
    from PySide6.QtCore import QPoint, QSocketNotifier, Qt
    from PySide6.QtTest import QTest

    from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
    from qkeys_desktop.core.store import Store
    from qkeys_desktop.ui.app import create_application
    from qkeys_desktop.ui.reveal_dialog import RevealDialog

    app = create_application([sys.argv[0]])
    store = Store.open(db, hasher=SecretHasher(FAST_TEST_PARAMS))
    created = store.create_key("primary-selection", ["read"], None)
    dialog = RevealDialog(created)
    del created
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    field = dialog.token_field
    middle = field.height() // 2
    left, right = QPoint(4, middle), QPoint(field.width() - 4, middle)
    no_key = Qt.KeyboardModifier.NoModifier
    button = Qt.MouseButton.LeftButton

    def drag() -> None:
        QTest.mousePress(field, button, no_key, left)
        for step in range(1, 11):
            QTest.mouseMove(field, QPoint(left.x() + (right.x() - left.x()) * step // 10, middle))
        QTest.mouseRelease(field, button, no_key, right)

    def double_click() -> None:
        QTest.mouseClick(field, button, no_key, left)  # press, release ...
        QTest.mouseDClick(field, button, no_key, left)  # ... then the double-click
        QTest.mouseRelease(field, button, no_key, left)

    def triple_click() -> None:
        double_click()
        QTest.mouseClick(field, button, no_key, left)

    def key(name: str, modifiers: Qt.KeyboardModifier) -> None:
        QTest.keyClick(field, getattr(Qt.Key, name), modifiers)

    def paste_into_a_name_field_and_select_it() -> None:
        """The token, copied with the Copy button, pasted into the Create dialog's name field
        by mistake, then selected (to delete it, say) with Ctrl+A."""
        from qkeys_desktop.ui.create_dialog import CreateKeyDialog
        from qkeys_desktop.ui.settings import AppSettings
        from qkeys_desktop.ui.tasks import TaskRunner

        dialog.copy_token()
        create = CreateKeyDialog(store, TaskRunner(), AppSettings())
        create.show()
        QTest.qWaitForWindowExposed(create)
        name = create.form.name_edit
        QTest.keyClick(name, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.qWait(100)
        print(f"name field holds {len(name.text())} characters, all selected: "
              f"{name.selectedText() == name.text()}", flush=True)

    gestures = {
        "name-field": paste_into_a_name_field_and_select_it,
        "drag": drag,
        "double-click": double_click,
        "triple-click": triple_click,
        "ctrl-a": lambda: key("Key_A", Qt.KeyboardModifier.ControlModifier),
        "shift-end": lambda: (key("Key_Home", no_key),
                              key("Key_End", Qt.KeyboardModifier.ShiftModifier)),
        "shift-click": lambda: (QTest.mouseClick(field, button, no_key, left),
                                QTest.mouseClick(field, button,
                                                 Qt.KeyboardModifier.ShiftModifier, right)),
    }

    def read_command() -> None:
        command = sys.stdin.readline().strip()
        if not command or command == "quit":
            notifier.setEnabled(False)
            dialog.copied = True  # closing needs no confirmation now
            dialog.done(0)
            app.quit()
            return
        gestures[command]()
        QTest.qWait(100)
        print(f"did {command} copied={dialog.copied}", flush=True)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(read_command)
    print(f"ready {dialog.record.key_id}", flush=True)
    code = app.exec()
    store.close()
    return code


# -- the test side -----------------------------------------------------------------------------


class RevealApp(AppProcess):
    """This file run as the app side: a reveal dialog that performs the gestures it is sent."""

    def __init__(self, display: str, db: Path) -> None:
        super().__init__(Path(__file__), display, str(db))

    def do(self, gesture: str) -> str:
        self.send(gesture)
        return self.expect(f"did {gesture}")


def xclip(display: str, selection: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["xclip", "-selection", selection, *args], capture_output=True,
                          text=True, env={**os.environ, "DISPLAY": display}, timeout=WAIT,
                          check=False)


def primary(display: str) -> str | None:
    """What a middle click would paste now (None: nothing is selected anywhere)."""
    result = xclip(display, "primary", "-o")
    return result.stdout if result.returncode == 0 else None


def shown(text: str | None) -> str:
    """``text`` for a failure message: a key in it is not repeated into the test report."""
    from qkeys_desktop.core.tokens import redact_tokens

    return "nothing" if text is None else repr(redact_tokens(text))


@pytest.fixture
def sentinel(x_display: str) -> Iterator[None]:
    """Another program owns PRIMARY with something the user selected there."""
    owner = subprocess.Popen(["xclip", "-selection", "primary", "-i", "-quiet"],
                             stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, text=True,
                             env={**os.environ, "DISPLAY": x_display})
    assert owner.stdin is not None
    owner.stdin.write(SENTINEL)
    owner.stdin.close()
    deadline = time.monotonic() + WAIT
    while primary(x_display) != SENTINEL and time.monotonic() < deadline:
        time.sleep(0.05)
    yield
    owner.kill()
    owner.wait(timeout=WAIT)


@pytest.fixture
def reveal_app(x_display: str, tmp_path: Path) -> Iterator[RevealApp]:
    app = RevealApp(x_display, tmp_path / "keys.db")
    yield app
    app.stop()


GESTURES = ["drag", "double-click", "triple-click", "ctrl-a", "shift-end", "shift-click"]


@pytest.mark.parametrize("gesture", GESTURES)
def test_selecting_the_revealed_key_leaves_primary_alone(
        x_display: str, reveal_app: RevealApp, sentinel: None, gesture: str) -> None:
    key_id = reveal_app.expect("ready").split()[1]
    assert primary(x_display) == SENTINEL
    reveal_app.do(gesture)
    pasted = primary(x_display)
    leaked = pasted is not None and key_id[3:] in pasted
    assert not leaked, f"the key reached PRIMARY: {shown(pasted)}"
    unchanged = pasted == SENTINEL  # nothing of ours even took the selection over
    assert unchanged, f"PRIMARY now holds {shown(pasted)}"


def test_a_double_click_copies_through_the_secure_clipboard_not_primary(
        x_display: str, reveal_app: RevealApp, sentinel: None) -> None:
    from qkeys_desktop.ui.clipboard import KDE_HINT

    key_id = reveal_app.expect("ready").split()[1]
    assert reveal_app.do("double-click").endswith("copied=True")
    clipboard = xclip(x_display, "clipboard", "-o")
    copied = clipboard.returncode == 0 and clipboard.stdout.startswith(f"{key_id}_")
    assert copied, f"the clipboard holds {shown(clipboard.stdout)}"
    assert KDE_HINT in xclip(x_display, "clipboard", "-o", "-t", "TARGETS").stdout.split()
    pasted = primary(x_display)
    unchanged = pasted == SENTINEL
    assert unchanged, f"PRIMARY now holds {shown(pasted)}"


def test_a_token_pasted_into_a_name_field_and_selected_is_kept_out_of_primary(
        x_display: str, reveal_app: RevealApp, sentinel: None) -> None:
    key_id = reveal_app.expect("ready").split()[1]
    reveal_app.do("name-field")
    said = next(line for line in reveal_app.lines if line.startswith("name field holds"))
    assert said == "name field holds 66 characters, all selected: True"  # pasted whole
    pasted = primary(x_display)
    leaked = pasted is not None and key_id[3:] in pasted
    assert not leaked, f"the key reached PRIMARY: {shown(pasted)}"


if __name__ == "__main__":
    sys.exit(app_main(sys.argv[1]))
