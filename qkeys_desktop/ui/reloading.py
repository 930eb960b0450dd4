"""The one rule by which a page reloads when its registry changes (see :mod:`.registry_watcher`).

At most one reload of a page is in flight; asks that come meanwhile make exactly one more after
it, so a burst of changes costs two reloads, never a queue of them. A page that is hidden when a
change comes reloads when it is next shown — re-reading 100,000 events for a hidden Activity
page after every change would slow the page in view (the worker shares the GIL) — unless it
must stay current while hidden (the keys page: the sidebar and status bar count keys).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtWidgets import QWidget

from ..core.store import Store
from .registry_watcher import watcher_for


class Reloads(QObject):
    """Coalesces a page's reloads; ``start`` begins one, the page calls :meth:`finished`.

    A child of the page: connected to the registry's watcher (which outlives pages), it goes
    with the page, and so does the connection. It also sees the page being shown.
    """

    def __init__(self, page: QWidget, start: Callable[[], None], store: Store, *,
                 while_hidden: bool = False) -> None:
        super().__init__(page)
        self._page = page
        self._start = start
        self._while_hidden = while_hidden
        self._loading = self._again = False
        self._stale = not while_hidden  # not loaded yet: the first showing loads it
        # last: the filter may see the page's events at once (a dialog being polished)
        self.watcher = watcher_for(store)
        self.watcher.changed.connect(self.changed)
        page.installEventFilter(self)

    @property
    def loading(self) -> bool:
        """Whether a reload is in flight."""
        return self._loading

    @Slot()
    def changed(self) -> None:
        """The registry changed: reload now, or once the page is shown."""
        if not self._while_hidden and not self._page.isVisible():
            self._stale = True
            return
        self.now()

    def now(self) -> None:
        """Reload now (or right after the reload in flight)."""
        self._stale = False
        if self._loading:
            self._again = True
            return
        self._loading = True
        self._start()

    def finished(self) -> None:
        """The reload in flight is done (applied or failed): start the one asked for meanwhile."""
        self._loading = False
        if self._again:
            self._again = False
            self.now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The page came into view: catch up on what changed while it was hidden."""
        if watched is self._page and event.type() == QEvent.Type.Show and self._stale:
            self.now()
        return False
