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
        self.gaps: list[tuple[float, float]] = []  # (from, to) of every gap over GAP_NOTED
        # the worst gap's share of the UI thread's own CPU time: near the gap, the UI thread
        # itself was busy (Qt's C++ or Python); near nothing, it waited (the GIL, the scheduler)
        self.worst_cpu = 0.0
        self._cpu = 0.0

    GAP_NOTED = 0.02  # seconds: gaps this long are kept, for a sampler to explain

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap = now - self.last
        if gap > self.worst:
            self.worst, self.worst_cpu = gap, cpu - self._cpu
        if gap >= self.GAP_NOTED:
            self.gaps.append((self.last, now))
        self.last, self._cpu = now, cpu

    def start(self) -> None:
        self.worst, self.worst_cpu, self.gaps = 0.0, 0.0, []
        self.last, self._cpu = time.perf_counter(), time.thread_time()
        self.timer.start()

    def stop(self) -> float:
        """Stop; the longest gap in ms (including the time since the last tick)."""
        self._tick()
        self.timer.stop()
        return self.worst * 1000


class StackSampler:
    """Samples every thread's Python stack each millisecond, from a thread of its own, to say
    where the UI thread was during a long heartbeat gap — and what the other threads were doing
    meanwhile (a worker holding the GIL stalls the UI thread as surely as its own work).

    A sample needs the GIL, so it lands when some thread lets go of it (at most every
    ``sys.getswitchinterval()``); a UI thread inside Qt's C++ shows as the Python line that
    called into Qt (``loop.exec()``: painting, layout, event handling).
    """

    def __init__(self, interval: float = 0.001) -> None:
        import threading

        self.interval = interval
        self.samples: list[tuple[float, str, list[str], list[str]]] = []
        self.label = ""
        self.main = threading.main_thread().ident
        self.found: dict[str, dict[str, dict[str, int]]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stack-sampler", daemon=True)
        self._thread.start()

    @staticmethod
    def _where(frame: Any, depth: int = 3) -> str:
        parts = []
        while frame is not None and len(parts) < depth:
            code = frame.f_code
            name = code.co_filename.rsplit("/", 1)[-1]
            parts.append(f"{name}:{code.co_name}:{frame.f_lineno}")
            frame = frame.f_back
        return " < ".join(parts)

    def _run(self) -> None:
        import threading

        me = threading.get_ident()
        while not self._stop.wait(self.interval):
            frames = sys._current_frames()
            main = frames.get(self.main)
            others = [self._where(f, 2) for ident, f in frames.items()
                      if ident not in (self.main, me)]
            self.samples.append((time.perf_counter(), self.label,
                                 [self._where(main, 6)] if main is not None else [], others))

    def explain(self, label: str, gaps: list[tuple[float, float]]) -> None:
        """Count where the threads were during ``gaps`` of the interaction ``label``."""
        main: dict[str, int] = {}
        others: dict[str, int] = {}
        for at, _label, stack, rest in self.samples:
            if any(start <= at <= end for start, end in gaps):
                for where in stack:
                    main[where] = main.get(where, 0) + 1
                for where in rest:
                    others[where] = others.get(where, 0) + 1
        self.samples.clear()

        def top(counts: dict[str, int]) -> dict[str, int]:
            return dict(sorted(counts.items(), key=lambda kv: -kv[1])[:8])

        self.found[label] = {"ui": top(main), "others": top(others)}

    def summary(self) -> dict[str, dict[str, dict[str, int]]]:
        self._stop.set()
        return self.found
