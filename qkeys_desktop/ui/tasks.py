"""Running slow work (argon2, keychain, database writes) off the UI thread.

Like Anki's ``CollectionOp``: the caller hands over a function and two callbacks; the function
runs on the global QThreadPool and exactly one callback runs afterwards on the UI thread —
unless the widget it was meant for is gone by then (:func:`guarded`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from ..core.errors import StoreError, ValidationError
from .i18n import translate
from .rule_messages import rule_message

Success = Callable[[Any], None]
Failure = Callable[[Exception], None]


def guarded(owner: QObject, callback: Callable[[Any], None]) -> Callable[[Any], None]:
    """Wrap a background job's callback so it is dropped if ``owner`` (the widget it reports
    to) was closed and deleted meanwhile."""

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)

    return call


class _Relay(QObject):
    """Lives on the UI thread; its queued signals carry the outcome back there."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # delivered to the UI, which explains it
            self.relay.failed.emit(error)
        else:
            self.relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Starts background jobs and keeps their relays alive until they report."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._relays: set[_Relay] = set()

    def run(self, work: Callable[[], Any], on_success: Success, on_failure: Failure,
            pool: QThreadPool | None = None) -> None:
        """Run ``work()`` in the pool (or ``pool``, e.g. a :func:`serial_pool`); then call
        ``on_success(result)`` or ``on_failure(error)``."""
        relay = _Relay()
        self._relays.add(relay)
        relay.succeeded.connect(lambda result: self._finish(relay, on_success, result))
        relay.failed.connect(lambda error: self._finish(relay, on_failure, error))
        if len(self._relays) == 1:
            self.busy_changed.emit(True)
        (pool or self.pool).start(_Job(work, relay))

    @Slot()
    def _finish(self, relay: _Relay, callback: Callable[[Any], None], value: Any) -> None:
        if not shiboken6.isValid(self):  # its owner went while the job ran: nobody to tell
            return
        self._relays.discard(relay)
        relay.deleteLater()
        if not self._relays:
            self.busy_changed.emit(False)
        callback(value)

    @property
    def pending(self) -> int:
        """How many jobs have not reported yet."""
        return len(self._relays)


_serial_pools: dict[str, QThreadPool] = {}


def serial_pool(name: str) -> QThreadPool:
    """A pool of one thread for jobs that must run one at a time, first asked, first done
    (the keychain's: "forget the old entry" may never overtake "save the new one")."""
    pool = _serial_pools.get(name)
    if pool is None:
        pool = _serial_pools[name] = QThreadPool(QCoreApplication.instance())
        pool.setObjectName(name)
        pool.setMaxThreadCount(1)
    return pool


def finish_jobs() -> None:
    """Wait for the jobs in flight, in every pool, to finish (on quit: a key's write, a token on
    its way to the keychain must not be cut off). Idle threads cost nothing here: they are woken
    and end at once. Their callbacks no longer run: the window they reported to is gone."""
    for pool in (QThreadPool.globalInstance(), *_serial_pools.values()):
        if shiboken6.isValid(pool):
            pool.waitForDone()


def describe_error(error: Exception) -> str:
    """The sentence to show for a failed job: store errors are already written for people (in
    English, the core's language: a validation rule's message is shown translated)."""
    if isinstance(error, ValidationError):
        return rule_message(error.message)
    if isinstance(error, StoreError):
        return str(error)
    return translate("TaskRunner", "Unexpected error ({error_type}). Nothing was changed; please "
                                   "try again.").format(error_type=type(error).__name__)
