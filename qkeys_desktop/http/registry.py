"""The registry a web process verifies against: opened once, on first use, for checking keys only.

A WSGI server imports :data:`qkeys_desktop.http.application` before it knows whether the
registry is there yet, and may fork workers after importing it; so nothing is opened at import
time. The first request opens ``$QKEYS_DB`` (or the per-user registry, like the command line)
with ``Store.open(target, migrate=False)``: that never creates, migrates or weakens anything,
and refuses a missing, empty, foreign or outdated registry with a StoreError, which the caller
turns into "registry unavailable" (and the next request tries again).

The Store rather than the light sqlite3 verifier ``qkeys verify`` uses (:mod:`..core.verify_only`):
that one holds one sqlite3 connection for one thread and exists to spare a one-check process
peewee's import time, which a server pays once. The Store is thread-safe — peewee gives each
server thread its own connection; the verifier's cache and usage counts are locked.
"""

from __future__ import annotations

import atexit
import threading
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from qkeys_desktop.core.store import Store
    from qkeys_desktop.core.verification import VerifyResult


class Verifying(Protocol):
    """What the HTTP layer needs of a registry: a :class:`~qkeys_desktop.core.store.Store`,
    or its :class:`~qkeys_desktop.core.verification.Verifier`."""

    def verify(self, token: object, action: object, project: object = None,
               client: object = None) -> VerifyResult: ...


class ProcessRegistry:
    """Opens the registry at ``target`` (default: ``$QKEYS_DB`` or the per-user registry, read
    at the first call) once per process, for verification only; thread-safe."""

    def __init__(self, target: str | None = None) -> None:
        self._target = target
        self._store: Store | None = None
        self._lock = threading.Lock()

    def __call__(self) -> Verifying:
        """The opened registry; StoreError when it cannot be opened (tried again next call)."""
        store = self._store
        if store is not None:
            return store
        with self._lock:
            if self._store is None:
                self._store = self._open()
            return self._store

    def _open(self) -> Store:
        from qkeys_desktop.core.paths import default_database
        from qkeys_desktop.core.store import Store

        store = Store.open(self._target or default_database(), migrate=False)
        # usage counts are written about once a minute; at exit, the last minute's too
        atexit.register(store.verifier.flush_usage)
        return store


#: The one registry of this process for :data:`qkeys_desktop.http.application` and the
#: framework integrations, so an app using both opens it once.
shared_registry = ProcessRegistry()
