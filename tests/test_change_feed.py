"""The change feed sees every commit to a registry, whoever made it, on both engines."""

from __future__ import annotations

import select
import time

import pytest

from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.verification import LAST_USED_INTERVAL

RUN_ON_BOTH_ENGINES = True


def settles(feed: object, seconds: float = 2.0) -> bool:
    """Whether the feed reports a change within ``seconds`` (PostgreSQL delivers on commit;
    its socket says so)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if feed.changed():  # type: ignore[attr-defined]
            return True
        fileno = feed.fileno()  # type: ignore[attr-defined]
        if fileno is not None:
            select.select([fileno], [], [], 0.05)
        else:
            time.sleep(0.01)
    return False


@pytest.fixture
def other(store_target: str, fast_hasher: SecretHasher, store: Store) -> Store:
    """Another connection to the same registry, as another process would have."""
    return Store.open(store_target, hasher=fast_hasher)


def test_quiet_registry_reports_nothing(store: Store) -> None:
    feed = store.open_change_feed()
    assert not settles(feed, 0.3)
    feed.close()


def test_every_kind_of_write_is_seen(store: Store, other: Store) -> None:
    feed = store.open_change_feed()
    writes = [
        lambda: other.add_project("Backend"),
        lambda: other.create_key("deploy", ["read"], None, ["Backend"]),
        lambda: other.rename_project("Backend", "Frontend"),
        lambda: other.delete_key("deploy"),
    ]
    for write in writes:
        write()
        assert settles(feed)
        assert not settles(feed, 0.2)  # each change is reported once
    feed.close()


def test_our_own_store_on_another_thread_is_seen(store: Store) -> None:
    """The window's writes run on worker threads: they must be seen like anyone's."""
    import threading

    feed = store.open_change_feed()
    worker = threading.Thread(target=lambda: store.add_project("From a worker"))
    worker.start()
    worker.join()
    assert settles(feed)
    feed.close()


def test_a_recorded_last_use_is_seen(store: Store, other: Store) -> None:
    """Verification writes no revision, only the last use: the window must still learn of it."""
    created = store.create_key("used", ["read"], None)
    feed = store.open_change_feed()
    assert other.verify(created.token, "read").ok  # first use: recorded
    assert settles(feed)
    assert other.verify(created.token, "read").ok  # within LAST_USED_INTERVAL: no write
    assert LAST_USED_INTERVAL >= 60
    assert not settles(feed, 0.3)
    feed.close()
