"""Usage counts: every verification outcome that names a key, per hour, reason and client, kept
in memory and written at most once a minute (and on close); read back per day, reason and
client; never a token, never a count lost to a failed write."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import peewee
import pytest
from doubles import FakeClock
from test_registry_upgrade import rows

from qkeys_desktop.core import verify_only
from qkeys_desktop.core.errors import NotFoundError, ValidationError
from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.records import KEY_LAST_USED_BY, KEY_USES_30D, CreatedKey
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import SECRET_LENGTH, build_token, new_token, random_base62
from qkeys_desktop.core.transfer import copy_registry
from qkeys_desktop.core.usage import CLIENT_MAX, FLUSH_INTERVAL, clean_client

RUN_ON_BOTH_ENGINES = True

T0 = datetime(2030, 6, 1, 12, 0, 0, tzinfo=UTC)
HOUR = int(T0.timestamp())  # T0 starts an hour: its bucket
DAY0 = T0.date()
STORED = "SELECT hour, outcome, client, count FROM key_usage ORDER BY hour, outcome, client"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def timed(timed: Store) -> Store:
    timed.add_project("Home")
    timed.add_project("Away")
    return timed


@pytest.fixture
def app(timed: Store) -> CreatedKey:
    """read on Home, for a day."""
    return timed.create_key("app", ["read"], T0 + timedelta(days=1), ["Home"])


def stored(target: str) -> list[tuple[Any, ...]]:
    """The key_usage rows as another connection sees them."""
    return rows(target, STORED)


# -- what is counted -------------------------------------------------------------------------


def test_every_outcome_that_names_a_key_is_counted_by_reason_and_client(
    timed: Store, clock: FakeClock, app: CreatedKey
) -> None:
    token, key_id = app.token, app.record.key_id
    for _ in range(3):
        assert timed.verify(token, "read", "Home", client="billing").ok
    assert timed.verify(token, "read", "Home").ok  # no client: ""
    assert timed.verify(token, "write", "Home", client="billing").reason == "action not permitted"
    assert timed.verify(token, "read", "Away", client="cron").reason == "project out of scope"
    forged = build_token(key_id, random_base62(SECRET_LENGTH))
    assert timed.verify(forged, "read", "Home", client="attacker").reason == "mismatch"
    timed.set_key_disabled("app", True)
    assert timed.verify(token, "read", "Home", client="cron").reason == "disabled"
    timed.set_key_disabled("app", False)
    limited = timed.create_key("limited", ["read"], None, uses=1, rate=(1, 60)).token
    assert [timed.verify(limited, "read", client="x").reason for _ in range(2)] == [
        None, "usage exhausted"]
    timed.edit_key("limited", uses=5)
    assert timed.verify(limited, "read", client="x").reason == "rate limited"
    clock.advance(days=2)
    assert timed.verify(token, "read", "Home", client="cron").reason == "expired"
    usage = timed.usage("app")
    assert (usage.valid, usage.rejected) == (4, 5)
    assert usage.by_reason == {"action not permitted": 1, "project out of scope": 1,
                               "mismatch": 1, "disabled": 1, "expired": 1}
    assert usage.by_client == {"billing": 4, "cron": 3, "": 1, "attacker": 1}
    assert list(usage.by_client)[:2] == ["billing", "cron"]  # most used first
    other = timed.usage("limited")
    assert (other.valid, other.by_reason, other.by_client) == (
        1, {"usage exhausted": 1, "rate limited": 1}, {"x": 3})


@pytest.mark.parametrize("which", ["malformed", "bad checksum", "unknown key", "revoked",
                                   "rotated"])
def test_tokens_that_name_no_live_key_are_not_counted(
    timed: Store, store_target: str, app: CreatedKey, which: str
) -> None:
    victim = timed.create_key("victim", ["read"], None).token
    tokens = {"malformed": "qk_nonsense", "bad checksum": victim[:-1] + (
        "a" if victim[-1] != "a" else "b"), "unknown key": new_token()[0], "revoked": victim,
        "rotated": victim}
    if which == "revoked":
        timed.delete_key("victim")
    if which == "rotated":
        timed.regenerate_key("victim")
    for _ in range(3):
        assert timed.verify(tokens[which], "read", client="prober").reason == which
    assert timed.verifier.flush_usage()
    assert stored(store_target) == []


def test_one_row_per_key_hour_outcome_and_client(
    timed: Store, store_target: str, clock: FakeClock, app: CreatedKey
) -> None:
    clock.advance(minutes=59, seconds=59)
    assert timed.verify(app.token, "read", "Home", client="a").ok
    assert timed.verify(app.token, "read", "Home", client="a").ok
    assert timed.verify(app.token, "read", "Away", client="a").reason
    clock.advance(seconds=1)  # the next hour: another bucket
    assert timed.verify(app.token, "read", "Home", client="a").ok
    timed.verifier.flush_usage()
    assert stored(store_target) == [
        (HOUR, "project out of scope", "a", 1), (HOUR, "valid", "a", 2),
        (HOUR + 3600, "valid", "a", 1)]
    assert timed.verify(app.token, "read", "Home", client="a").ok
    timed.verifier.flush_usage()  # added to the row the earlier flush wrote
    assert stored(store_target)[-1] == (HOUR + 3600, "valid", "a", 2)


# -- when it is written --------------------------------------------------------------------------


def test_counts_are_written_at_most_once_a_minute_and_on_close(
    store_target: str, fast_hasher: SecretHasher, clock: FakeClock
) -> None:
    store = Store.open(store_target, hasher=fast_hasher, clock=clock)
    token = store.create_key("busy", ["read"], None).token
    for _ in range(5):
        assert store.verify(token, "read").ok
    clock.advance(seconds=FLUSH_INTERVAL - 1)
    assert store.verify(token, "read").ok
    assert stored(store_target) == []  # 59 s after opening: nothing written yet
    clock.advance(seconds=1)
    assert store.verify(token, "read").ok  # a minute: this call writes all seven
    assert stored(store_target) == [(HOUR, "valid", "", 7)]
    clock.advance(seconds=FLUSH_INTERVAL - 1)
    for _ in range(3):
        assert store.verify(token, "read").ok
    assert stored(store_target) == [(HOUR, "valid", "", 7)]
    store.close()  # the rest, on close
    assert stored(store_target) == [(HOUR, "valid", "", 10)]
    store.close()  # twice: nothing counted twice
    assert stored(store_target) == [(HOUR, "valid", "", 10)]


class FailingWrites:
    """A database whose writes fail (read-only, locked), standing in for the recorder's."""

    def __init__(self, db: Any) -> None:
        self.param = db.param

    def atomic(self) -> Any:
        raise peewee.OperationalError("attempt to write a readonly database")


def test_a_failed_flush_keeps_its_counts_for_the_next(
    timed: Store, store_target: str, app: CreatedKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder = timed.verifier.usage
    real = recorder.db
    monkeypatch.setattr(recorder, "db", FailingWrites(real))
    for _ in range(4):
        assert timed.verify(app.token, "read", "Home", client="ci").ok
    assert timed.verifier.flush_usage() is False
    assert timed.verify(app.token, "read", "Home", client="ci").ok
    assert timed.verifier.flush_usage() is False
    assert stored(store_target) == []
    monkeypatch.setattr(recorder, "db", real)
    assert timed.verifier.flush_usage() is True
    assert stored(store_target) == [(HOUR, "valid", "ci", 5)]
    assert timed.verifier.flush_usage() is True  # nothing pending: nothing added
    assert stored(store_target) == [(HOUR, "valid", "ci", 5)]


@pytest.fixture
def light(timed: Store, db_path: Path, fast_hasher: SecretHasher, clock: FakeClock,
          monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """``qkeys verify``'s light verifier on the same registry and clock."""
    monkeypatch.setattr(verify_only, "_utc_now", clock)
    verifier = verify_only.open_verifier(str(db_path), fast_hasher)
    assert verifier is not None
    yield verifier
    verifier.db.connection.close()


@pytest.mark.sqlite_only
def test_a_read_only_or_locked_registry_keeps_the_counts(
    timed: Store, db_path: Path, app: CreatedKey, light: Any
) -> None:
    connection = light.db.connection
    connection.execute("PRAGMA query_only = 1")
    assert light.verify(app.token, "read", "Home", "probe").ok
    assert light.flush_usage() is False
    connection.execute("PRAGMA query_only = 0")
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process is writing
    assert light.verify(app.token, "read", "Away", "probe").reason == "project out of scope"
    connection.execute("PRAGMA busy_timeout = 50")  # not the 5 s a real flush would wait
    assert light.flush_usage() is False
    blocker.execute("ROLLBACK")
    blocker.close()
    assert light.flush_usage() is True
    assert stored(str(db_path)) == [(HOUR, "project out of scope", "probe", 1),
                                    (HOUR, "valid", "probe", 1)]


@pytest.mark.sqlite_only
def test_the_light_verifier_counts_like_the_store(
    timed: Store, db_path: Path, app: CreatedKey, light: Any
) -> None:
    assert light.verify(app.token, "read", "Home", "qkeys verify").ok
    assert light.verify(app.token, "write", "Home", "qkeys verify").reason
    assert timed.verify(app.token, "read", "Home", "window").ok
    assert light.flush_usage()
    usage = timed.usage("app")
    assert (usage.valid, usage.by_reason) == (2, {"action not permitted": 1})
    assert usage.by_client == {"qkeys verify": 2, "window": 1}


# -- reading it back -------------------------------------------------------------------------------


def test_usage_lists_every_day_oldest_first_with_zeros(
    timed: Store, clock: FakeClock
) -> None:
    token = timed.create_key("daily", ["read"], None).token
    assert timed.verify(token, "read").ok
    clock.advance(days=2)
    assert timed.verify(token, "read").ok and timed.verify(token, "read").ok
    assert timed.verify(token, "write").reason == "action not permitted"
    usage = timed.usage("daily", days=3)
    assert usage.days == ((DAY0, 1, 0), (DAY0 + timedelta(days=1), 0, 0),
                          (DAY0 + timedelta(days=2), 2, 1))
    month = timed.usage("daily")
    assert len(month.days) == 30 and month.days[-1][0] == DAY0 + timedelta(days=2)
    assert [d for d, _valid, _rejected in month.days] == [
        DAY0 + timedelta(days=n - 27) for n in range(30)]
    assert (month.valid, month.rejected) == (3, 1)
    assert timed.usage("daily", days=1).days == ((DAY0 + timedelta(days=2), 2, 1),)
    assert timed.usage(timed.get_key("daily").key_id, days=2).valid == 2  # by id too
    clock.advance(days=30)  # all of it now older than the 30 days shown
    old = timed.usage("daily")
    assert (old.valid, old.rejected, old.by_reason, old.by_client) == (0, 0, {}, {})
    assert all(isinstance(d, date) for d, _valid, _rejected in old.days)


def test_a_key_never_used_has_thirty_empty_days(timed: Store) -> None:
    timed.create_key("idle", ["read"], None)
    usage = timed.usage("idle")
    assert usage.days == tuple((DAY0 - timedelta(days=29 - n), 0, 0) for n in range(30))
    assert (usage.by_reason, usage.by_client) == ({}, {})


@pytest.mark.parametrize("days", [0, -1, 367])
def test_usage_refuses_a_span_out_of_range(timed: Store, days: int) -> None:
    timed.create_key("k", ["read"], None)
    with pytest.raises(ValidationError, match="between 1 and 366 days"):
        timed.usage("k", days=days)


def test_usage_of_no_such_key(timed: Store) -> None:
    with pytest.raises(NotFoundError):
        timed.usage("nobody")


def test_uses_in_the_last_30_days_on_each_key_row(timed: Store, clock: FakeClock) -> None:
    busy = timed.create_key("busy", ["read"], None).token
    timed.create_key("idle", ["read"], None)
    for _ in range(3):
        assert timed.verify(busy, "read").ok
    assert timed.verify(busy, "write").reason  # a rejection is no use
    timed.verifier.flush_usage()
    by_name = {row[1]: row for row in timed.key_rows()}
    assert (by_name["busy"][KEY_USES_30D], by_name["idle"][KEY_USES_30D]) == (3, 0)
    assert timed.get_key("busy").uses_30d == 3
    assert {k.name: k.uses_30d for k in timed.list_keys()} == {"busy": 3, "idle": 0}
    clock.advance(days=29, hours=23)
    assert timed.get_key("busy").uses_30d == 3
    clock.advance(hours=2)
    assert timed.get_key("busy").uses_30d == 0
    assert {row[1]: row[KEY_USES_30D] for row in timed.key_rows()} == {"busy": 0, "idle": 0}


# -- the client label ----------------------------------------------------------------------------


def test_the_client_is_kept_as_last_used_by(timed: Store, clock: FakeClock, app: CreatedKey
                                            ) -> None:
    assert timed.get_key("app").last_used_by is None
    assert timed.verify(app.token, "read", "Home", client="billing").ok
    assert timed.get_key("app").last_used_by == "billing"
    clock.advance(minutes=1)
    assert timed.verify(app.token, "read", "Home").ok  # no label: the last one stays
    assert timed.get_key("app").last_used_by == "billing"
    clock.advance(minutes=1)
    assert timed.verify(app.token, "read", "Home", client="cron").ok
    assert {row[1]: row[KEY_LAST_USED_BY] for row in timed.key_rows()} == {"app": "cron"}
    assert timed.verify(app.token, "write", "Home", client="evil").reason
    assert timed.get_key("app").last_used_by == "cron"  # a refusal is no use


@pytest.mark.parametrize(("given", "kept"), [
    ("  billing  ", "billing"), ("10.0.0.7", "10.0.0.7"), ("a\x00b\nc\x1b[31m", "abc[31m"),
    ("x" * 300, "x" * CLIENT_MAX), ("", ""), (None, ""), (42, ""), (b"bytes", ""),
    ("höst-ä", "höst-ä"),
])
def test_clean_client(given: object, kept: str) -> None:
    assert clean_client(given) == kept


def test_a_token_given_as_client_is_never_stored(
    timed: Store, store_target: str, app: CreatedKey
) -> None:
    """A caller passing the token in the wrong argument must not leak it into the registry."""
    for label in (app.token, f"svc {app.token}", new_token()[0]):
        assert clean_client(label) == ""
        assert timed.verify(app.token, "read", "Home", client=label).ok
    timed.verifier.flush_usage()
    assert stored(store_target) == [(HOUR, "valid", "", 3)]
    assert timed.get_key("app").last_used_by is None
    for table in ("key_usage", "api_key", "event"):
        assert app.token not in repr(rows(store_target, f"SELECT * FROM {table}"))


# -- carried along ---------------------------------------------------------------------------------


def test_migrate_db_carries_usage_and_limits(
    timed: Store, tmp_path: Path, fast_hasher: SecretHasher, clock: FakeClock, app: CreatedKey
) -> None:
    limited = timed.create_key("limited", ["read"], None, uses=10, refill="daily", rate=(5, 60))
    for _ in range(3):
        assert timed.verify(app.token, "read", "Home", client="ci").ok
        assert timed.verify(limited.token, "read", client="ci").ok
    assert timed.verify(app.token, "read", "Away", client="ci").reason  # pending, unflushed
    destination = Store.open(str(tmp_path / "copy" / "keys.db"), hasher=fast_hasher, clock=clock)
    try:
        counts = copy_registry(timed, destination)
        assert counts["usage counts"] == 3  # app valid, app out of scope, limited valid
        for name in ("app", "limited"):
            assert destination.usage(name) == timed.usage(name)
        copied = destination.get_key("limited")
        assert copied == timed.get_key("limited")
        assert (copied.uses_remaining, copied.uses_refill, copied.rate_limit) == (7, "daily", 5)
        assert copied.uses_30d == 3 and copied.last_used_by == "ci"
        assert [destination.verify(limited.token, "read").reason for _ in range(3)] == [
            None, None, "rate limited"]  # the window's count came along
    finally:
        destination.close()
