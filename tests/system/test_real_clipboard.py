"""The secure clipboard on a real X server, read by another process (xclip), as a person would.

The app side runs in its own process on the private Xvfb display (``clipboard_app.py``): the
test process's QApplication is offscreen and cannot own an X selection.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from app_process import WAIT, AppProcess

from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.clipboard import KDE_HINT

pytestmark = pytest.mark.system

APP = Path(__file__).with_name("clipboard_app.py")


class ClipboardApp(AppProcess):
    """The clipboard app process (``clipboard_app.py``): start it, read its reports, quit it."""

    def __init__(self, display: str, db: Path, timeout: int) -> None:
        super().__init__(APP, display, str(db), str(timeout))

    def quit(self, while_quitting: Callable[[], None] = lambda: None) -> int:
        """Quit the app; ``while_quitting`` runs after its quit path, while it still serves."""
        self.send("quit")
        self.expect("quitting")
        while_quitting()
        self.send("done")
        self.expect("exited")
        return self.proc.wait(timeout=WAIT)


def xclip(display: str, *args: str, text: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run xclip on the clipboard selection of ``display``, as a separate program."""
    return subprocess.run(
        ["xclip", "-selection", "clipboard", *args],
        input=text,
        capture_output=True,
        text=True,
        env={**os.environ, "DISPLAY": display},
        timeout=WAIT,
        check=False,
    )


def paste(display: str) -> str | None:
    """What a paste would give now, or None when the clipboard is empty (no owner)."""
    result = xclip(display, "-o")
    return result.stdout if result.returncode == 0 else None


@pytest.fixture
def start_app(x_display: str, tmp_path: Path) -> Iterator[type[ClipboardApp]]:
    started: list[ClipboardApp] = []

    def start(timeout: int) -> ClipboardApp:
        app = ClipboardApp(x_display, tmp_path / "keys.db", timeout)
        started.append(app)
        return app

    yield start  # type: ignore[misc]
    for app in started:
        app.stop()


@pytest.fixture
def store(tmp_path: Path, fast_hasher) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    opened = Store.open(str(tmp_path / "keys.db"), hasher=fast_hasher)
    yield opened
    opened.close()


def test_copied_key_is_readable_hinted_and_cleared_after_the_timeout(
    x_display: str, start_app, store: Store  # type: ignore[no-untyped-def]
) -> None:
    app = start_app(3)
    key_id = app.expect("ready").split()[1]

    pasted = paste(x_display)
    assert pasted is not None and pasted.startswith(f"{key_id}_")
    assert store.verify(pasted, "read").ok, "the pasted text is not the key's token"
    targets = xclip(x_display, "-o", "-t", "TARGETS").stdout.split()
    assert KDE_HINT in targets
    assert xclip(x_display, "-o", "-t", KDE_HINT).stdout == "secret"

    app.expect("cleared")
    counts = [int(line.split()[1]) for line in app.lines if line.startswith("countdown")]
    assert counts[0] == 3 and counts == sorted(set(counts), reverse=True)  # 3, 2, 1 unless late
    after = paste(x_display)  # the app still runs, so an empty clipboard is its doing
    assert after is not None and key_id not in after and after == ""
    assert KDE_HINT not in xclip(x_display, "-o", "-t", "TARGETS").stdout.split()
    assert app.quit() == 0


def test_something_copied_meanwhile_is_left_alone(
    x_display: str, start_app, store: Store  # type: ignore[no-untyped-def]
) -> None:
    app = start_app(3)
    key_id = app.expect("ready").split()[1]
    assert (paste(x_display) or "").startswith(f"{key_id}_")

    # Another program copies: xclip -quiet stays in the foreground owning the selection.
    other = subprocess.Popen(
        ["xclip", "-selection", "clipboard", "-i", "-quiet"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "DISPLAY": x_display},
        text=True,
    )
    try:
        assert other.stdin is not None
        other.stdin.write("my own notes")
        other.stdin.close()
        app.expect("released")  # the app saw that its key is no longer on the clipboard
        app.expect("deadline")
        assert "cleared" not in app.lines
        assert paste(x_display) == "my own notes"
        seen: list[str | None] = []
        assert app.quit(while_quitting=lambda: seen.append(paste(x_display))) == 0
        assert seen == ["my own notes"]  # quitting did not clear it either
    finally:
        other.kill()
        other.wait(timeout=WAIT)


def test_quitting_clears_the_key(
    x_display: str, start_app, store: Store  # type: ignore[no-untyped-def]
) -> None:
    app = start_app(600)
    key_id = app.expect("ready").split()[1]
    assert (paste(x_display) or "").startswith(f"{key_id}_")
    seen: list[str | None] = []
    assert app.quit(while_quitting=lambda: seen.append(paste(x_display))) == 0
    assert "cleared" in app.lines
    assert seen == [""]  # still the owner, and what it serves is no longer the key
