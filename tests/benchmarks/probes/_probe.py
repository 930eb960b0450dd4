"""What the child processes share: reporting, memory readings, and Qt event-loop helpers."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any


def report(**figures: Any) -> None:
    """The probe's answer: one JSON line on stdout, flushed at once (the parent may time it)."""
    print(json.dumps(figures), flush=True)


def status_kib(field: str) -> int:
    """A /proc/self/status figure in KiB: VmRSS (now) or VmHWM (peak of this process only;
    ru_maxrss would also count the parent's peak, inherited across exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def wait_until(predicate: Callable[[], bool], timeout: float = 120.0) -> float:
    """Run the Qt event loop until ``predicate()``; returns when it became true (perf_counter).

    Inside QEventLoop.exec, as the app runs inside QApplication.exec: a Python loop around
    processEvents would itself compete for the GIL between events and inflate every stall.
    (Also, PySide6 6.12's static QCoreApplication.processEvents, like every void method, returns
    None without a new reference: on Python 3.11 a few thousand calls abort the process.)
    """
    from PySide6.QtCore import QEventLoop, QTimer

    if predicate():
        return time.perf_counter()
    loop, done = QEventLoop(), [0.0]

    def check() -> None:
        if not done[0] and predicate():
            done[0] = time.perf_counter()
            loop.exit(0)

    poll = QTimer()
    poll.setInterval(2)
    poll.timeout.connect(check)
    poll.start()
    QTimer.singleShot(int(timeout * 1000), lambda: loop.exit(1))
    if loop.exec() != 0 and not done[0]:
        sys.exit(f"timed out waiting for {getattr(predicate, '__name__', predicate)}")
    poll.stop()
    return done[0]


class Heartbeat:
    """A 10 ms timer on the UI thread; the longest gap between its ticks is the worst stall."""

    def __init__(self, interval_ms: int = 10) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def start(self) -> None:
        self.worst, self.last = 0.0, time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        """Stop; the longest gap in ms (including the time since the last tick)."""
        self._tick()
        self.timer.stop()
        return self.worst * 1000
