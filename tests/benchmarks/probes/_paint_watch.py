"""A paint timestamp for the start-up probes: when a widget has painted a frame worth showing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer


class PaintWatch(QObject):
    """Prints ``name`` (flushed: the parent times the line) once ``ready()`` holds at a paint of
    the watched widget, from the event loop after that paint, i.e. once the frame is flushed to
    the screen; then calls ``then``."""

    def __init__(self, name: str, ready: Callable[[], bool],
                 then: Callable[[], object] | None = None) -> None:
        super().__init__()
        self.name, self.ready, self.then = name, ready, then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.ready():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        print(self.name, flush=True)
        if self.then is not None:
            self.then()
