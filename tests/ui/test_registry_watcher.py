"""The registry watcher: every commit, whoever made it, reaches the window as one signal."""

from __future__ import annotations

from typing import Any

import pytest

from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.registry_watcher import CHECK_INTERVAL_MS, RegistryWatcher, watcher_for

RUN_ON_BOTH_ENGINES = True


@pytest.fixture
def watcher(qtbot: Any, store: Store) -> RegistryWatcher:
    watching = watcher_for(store)
    qtbot.waitUntil(lambda: watching.pending == 0)  # the feed is open
    return watching


@pytest.fixture
def other(store_target: str, fast_hasher: SecretHasher, store: Store) -> Store:
    """Another connection to the same registry, as another process would have."""
    return Store.open(store_target, hasher=fast_hasher)


def test_one_watcher_per_registry(store: Store, other: Store) -> None:
    assert watcher_for(store) is watcher_for(store)
    assert watcher_for(store) is not watcher_for(other)


def test_another_connections_write_is_signalled(
    qtbot: Any, watcher: RegistryWatcher, other: Store
) -> None:
    with qtbot.waitSignal(watcher.changed, timeout=2000):
        other.add_project("Backend")


def test_a_last_use_is_signalled(
    qtbot: Any, watcher: RegistryWatcher, store: Store, other: Store
) -> None:
    created = store.create_key("used", ["read"], None)
    qtbot.wait(2 * CHECK_INTERVAL_MS)  # the creation's own signal has gone by
    with qtbot.waitSignal(watcher.changed, timeout=2000):
        assert other.verify(created.token, "read").ok


def test_nothing_is_signalled_while_nothing_changes(
    qtbot: Any, watcher: RegistryWatcher
) -> None:
    with qtbot.assertNotEmitted(watcher.changed, wait=3 * CHECK_INTERVAL_MS):
        pass


def test_paused_changes_arrive_on_resume(
    qtbot: Any, watcher: RegistryWatcher, other: Store
) -> None:
    watcher.pause()
    with qtbot.assertNotEmitted(watcher.changed, wait=3 * CHECK_INTERVAL_MS):
        other.add_project("Held back")
    with qtbot.waitSignal(watcher.changed, timeout=1000):
        watcher.resume()


def test_a_watcher_outlives_no_store(qtbot: Any, store_target: str, fast_hasher: Any) -> None:
    """Once its registry is gone the watcher is retired, not left polling a closed file."""
    import gc

    import shiboken6

    short_lived = Store.open(store_target, hasher=fast_hasher)
    watching = watcher_for(short_lived)
    qtbot.waitUntil(lambda: watching.pending == 0)
    short_lived.close()
    del short_lived

    def retired() -> bool:
        gc.collect()  # the pool may drop its finished job (holding the store) a moment later
        return not shiboken6.isValid(watching)

    qtbot.waitUntil(retired, timeout=10_000)
