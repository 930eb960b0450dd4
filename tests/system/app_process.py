"""A qkeys app process on the private X display, driven over its stdin and stdout.

The system tests' app sides (``clipboard_app.py``, ``test_primary_selection.py`` run as a script)
report each step as a line on stdout and take commands as lines on stdin: the test process's own
QApplication is offscreen and cannot own an X selection.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WAIT = 20.0  # seconds any single step may take; only a broken part comes near it


class AppProcess:
    """Start the app side, read its report lines, send it commands, stop it."""

    def __init__(self, script: Path, display: str, *args: str) -> None:
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        }
        self.lines: list[str] = []
        self._pending = b""
        self.proc = subprocess.Popen(
            [sys.executable, str(script), *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )

    def expect(self, word: str) -> str:
        """Read report lines until one starts with ``word``; return that line."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            while b"\n" in self._pending:
                raw, self._pending = self._pending.split(b"\n", 1)
                line = raw.decode().strip()
                self.lines.append(line)
                if line.startswith(word):
                    return line
            if not self._read_more(deadline):
                pytest.fail(f"app exited before {word!r}; said {self.lines}\n{self.errors()}")
        pytest.fail(f"no {word!r} within {WAIT:.0f} s; said {self.lines}\n{self.errors()}")

    def _read_more(self, deadline: float) -> bool:
        """Wait for output (unbuffered: no line may hide in a reader's buffer); False at EOF."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        ready, _, _ = select.select([fd], [], [], max(0.0, min(0.2, deadline - time.monotonic())))
        if not ready:
            return True
        chunk = os.read(fd, 4096)
        self._pending += chunk
        return bool(chunk)

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command.encode() + b"\n")
        self.proc.stdin.flush()

    def errors(self) -> str:
        """The app's stderr, once it has exited."""
        if self.proc.poll() is None:
            return ""
        assert self.proc.stderr is not None
        return self.proc.stderr.read().decode(errors="replace")

    def stop(self) -> None:
        """End the app: its stdin closed (it quits at end of input), killed if it lingers."""
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc.wait(timeout=WAIT)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None and not stream.closed:
                stream.close()
