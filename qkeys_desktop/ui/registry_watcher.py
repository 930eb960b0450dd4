"""The one way a change reaches the window: a watcher per registry that every page listens to.

Whoever changed the registry — a page of this window (its write runs on a worker thread), the
CLI, another window, an app recording a key's last use — the watcher's :class:`ChangeFeed`
notices the commit and :attr:`RegistryWatcher.changed` fires; each page then reloads (a hidden
page when it is next shown). A page that has just written calls :meth:`check_now` so its change
shows at once instead of at the next tick; it never reloads itself.

Signals:
    changed: something was committed to the registry since the last signal.
    failed(str): the registry could not be read (once per outage); ``changed`` follows recovery.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer, Signal

from ..core.change_feed import ChangeFeed
from ..core.errors import StoreError
from ..core.store import Store
from .tasks import TaskRunner, describe_error

#: How often the feed is asked. On SQLite a question costs microseconds and no disk read; on
#: PostgreSQL the connection's socket says when a notification arrived, and this is the fallback.
CHECK_INTERVAL_MS = 250
RETRY_MS = 2000  # after a failure, how soon a new connection is tried

_watchers: weakref.WeakKeyDictionary[Store, RegistryWatcher] = weakref.WeakKeyDictionary()


def watcher_for(store: Store) -> RegistryWatcher:
    """The watcher of ``store``, shared by every page that shows it (made on first use).

    Qt owns it (a child of the application), so it is never deleted in the middle of a garbage
    collection that happens to run inside one of its own events: once the store is gone it is
    retired with ``deleteLater``.
    """
    watcher = _watchers.get(store)
    if watcher is None:
        watcher = _watchers[store] = RegistryWatcher(store, QCoreApplication.instance())
        weakref.finalize(store, _retire, watcher)
    return watcher


def _retire(watcher: RegistryWatcher) -> None:
    if shiboken6.isValid(watcher):
        watcher.deleteLater()


class RegistryWatcher(QObject):
    """Watches one registry through its change feed, opened in the background."""

    changed = Signal()
    failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # weak: the watcher must not keep a closed registry alive; None once stopped
        self._store: Callable[[], Store | None] = weakref.ref(store)
        self._feed: ChangeFeed | None = None
        self._notifier: QSocketNotifier | None = None
        self._failing = False
        self._asked = False  # check_now before the feed was open, or while paused
        self._paused = False
        self._runner = TaskRunner(self)
        self._timer = QTimer(self, interval=CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check_now)
        self._open()

    def _open(self) -> None:
        if self._store() is None:
            return
        store_ref = self._store

        def open_feed() -> ChangeFeed:  # holds the store only while it runs: never keep it alive
            store = store_ref()
            if store is None:
                raise StoreError("the registry was closed")
            return store.open_change_feed()

        self._runner.run(open_feed, self._alive(self._opened), self._alive(self._open_failed))

    def _alive(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """``callback``, dropped if this watcher was deleted while its job ran."""
        return lambda value: callback(value) if shiboken6.isValid(self) else None

    def _opened(self, feed: ChangeFeed) -> None:
        if self._store() is None:  # stopped while the feed was being opened
            feed.close()
            return
        self._feed = feed
        fileno = feed.fileno()
        if fileno is not None:
            self._notifier = QSocketNotifier(fileno, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self.check_now)
        if not self._paused:
            self._timer.start()
            if self._asked:
                self.check_now()

    def _open_failed(self, error: Exception) -> None:
        self._report(error)
        QTimer.singleShot(RETRY_MS, self, self._open)

    @property
    def pending(self) -> int:
        """Background jobs in flight (opening the feed)."""
        return self._runner.pending

    def check_now(self) -> None:
        """Ask the feed at once (after our own write, say) instead of at the next tick."""
        if self._feed is None or self._paused:
            self._asked = True
            return
        asked, self._asked = self._asked, False
        try:
            moved = self._feed.changed() or asked
        except Exception as error:  # the registry went away, the server restarted…
            self._report(error)
            self._drop_feed()
            QTimer.singleShot(RETRY_MS, self, self._open)  # a new connection, when it is back
            return
        if self._failing:  # back: whatever happened meanwhile is unknown, so reload
            self._failing, moved = False, True
        if moved:
            self.changed.emit()

    def _report(self, error: Exception) -> None:
        if not self._failing:
            self._failing = True
            self.failed.emit(self.tr("Cannot read the registry: {error}").format(
                error=describe_error(error)))

    def pause(self) -> None:
        """Hold changes back until :meth:`resume` (tests use it to act on a stale list)."""
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        """Deliver what was held back, and watch again."""
        self._paused = False
        if self._feed is not None:
            self._timer.start()
            self.check_now()

    def stop(self) -> None:
        """Stop watching and release the feed's connection (the window is closing)."""
        self._store = lambda: None  # no reopening either
        self._drop_feed()

    def _drop_feed(self) -> None:
        self._timer.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._feed is not None:
            feed, self._feed = self._feed, None
            with contextlib.suppress(Exception):  # a broken connection has nothing to release
                feed.close()
