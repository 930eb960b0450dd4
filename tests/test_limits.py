"""Opt-in limits per key: a number of uses (refilled daily or monthly) and a rate limit, spent
exactly — also by several processes at once, on both engines, and by ``qkeys verify``'s light
verifier — and never by a call that is refused for another reason."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from doubles import FakeClock

from qkeys_desktop.core import verify_only
from qkeys_desktop.core.errors import ValidationError
from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.limits import (
    USES_MAX,
    check_refill,
    check_uses,
    describe_rate,
    parse_rate,
    parse_uses,
)
from qkeys_desktop.core.records import KEY_RATE_LIMIT, KEY_USES_LIMIT, KEY_USES_REMAINING
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import SECRET_LENGTH, build_token, random_base62
from qkeys_desktop.core.verification import VerifyResult

RUN_ON_BOTH_ENGINES = True

T0 = datetime(2030, 6, 1, 12, 0, 0, tzinfo=UTC)  # on a minute's and an hour's edge
EXHAUSTED = "usage exhausted"
LIMITED = "rate limited"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


def reasons(store: Store, token: str, calls: int, project: str | None = None) -> list[str | None]:
    """What ``calls`` verifications in a row answered (None: valid)."""
    return [store.verify(token, "read", project).reason for _ in range(calls)]


def remaining(store: Store, key: str) -> int | None:
    return store.get_key(key).uses_remaining


# -- uses ----------------------------------------------------------------------------------------


def test_n_uses_give_exactly_n_valid_verifications(timed: Store) -> None:
    created = timed.create_key("metered", ["read"], None, uses=3)
    assert (created.record.uses_limit, created.record.uses_remaining) == (3, 3)
    for left in (2, 1, 0):
        assert timed.verify(created.token, "read") == VerifyResult(True, None,
                                                                   created.record.key_id)
        assert remaining(timed, "metered") == left
    refused = timed.verify(created.token, "read")
    assert refused == VerifyResult(False, EXHAUSTED, created.record.key_id)
    assert refused.retry_after is None
    assert remaining(timed, "metered") == 0  # never below zero
    assert reasons(timed, created.token, 3) == [EXHAUSTED] * 3


def test_uses_without_refill_never_come_back(timed: Store, clock: FakeClock) -> None:
    token = timed.create_key("once", ["read"], None, uses=1).token
    assert reasons(timed, token, 2) == [None, EXHAUSTED]
    clock.advance(days=400)
    assert reasons(timed, token, 1) == [EXHAUSTED]


def test_a_daily_refill_comes_at_utc_midnight(timed: Store, clock: FakeClock) -> None:
    token = timed.create_key("daily", ["read"], None, uses=2, refill="daily").token
    assert reasons(timed, token, 3) == [None, None, EXHAUSTED]
    clock.now = datetime(2030, 6, 1, 23, 59, 59, tzinfo=UTC)
    assert reasons(timed, token, 1) == [EXHAUSTED]
    clock.advance(seconds=1)
    assert reasons(timed, token, 3) == [None, None, EXHAUSTED]
    assert timed.get_key("daily").uses_refill == "daily"


def test_a_monthly_refill_comes_on_the_first_and_does_not_pile_up(
    timed: Store, clock: FakeClock
) -> None:
    token = timed.create_key("monthly", ["read"], None, uses=2, refill="monthly").token
    assert reasons(timed, token, 3) == [None, None, EXHAUSTED]
    clock.now = datetime(2030, 6, 30, 23, 59, 59, tzinfo=UTC)
    assert reasons(timed, token, 1) == [EXHAUSTED]
    clock.now = datetime(2030, 7, 1, tzinfo=UTC)
    assert reasons(timed, token, 1) == [None]
    assert remaining(timed, "monthly") == 1
    clock.now = datetime(2030, 11, 15, tzinfo=UTC)  # four months unused: still only two uses
    assert reasons(timed, token, 3) == [None, None, EXHAUSTED]


def test_a_refill_restores_uses_left_over_too(timed: Store, clock: FakeClock) -> None:
    token = timed.create_key("partly", ["read"], None, uses=5, refill="daily").token
    assert reasons(timed, token, 1) == [None]
    clock.advance(days=1)
    assert reasons(timed, token, 1) == [None]
    assert remaining(timed, "partly") == 4  # back to five, one spent: not 3 + 5 - 1


# -- rate limits -----------------------------------------------------------------------------------


def test_a_rate_limit_refuses_until_the_window_ends(timed: Store, clock: FakeClock) -> None:
    created = timed.create_key("limited", ["read"], None, rate=(3, 60))
    assert (created.record.rate_limit, created.record.rate_window) == (3, 60)
    clock.advance(seconds=10)
    assert reasons(timed, created.token, 3) == [None] * 3
    refused = timed.verify(created.token, "read")
    assert refused == VerifyResult(False, LIMITED, created.record.key_id, None, 50.0)
    clock.advance(seconds=30)
    assert timed.verify(created.token, "read").retry_after == 20.0
    clock.advance(seconds=19)
    assert timed.verify(created.token, "read").retry_after == 1.0
    clock.advance(seconds=1)  # 12:01:00, the next window
    assert reasons(timed, created.token, 4) == [None, None, None, LIMITED]
    assert timed.verify(created.token, "read").retry_after == 60.0
    assert created.record.uses_remaining is None  # a rate limit alone spends no uses


@pytest.mark.parametrize(("window", "offset"), [(1, 0), (3600, 1799)])
def test_rate_windows_of_a_second_and_an_hour(
    timed: Store, clock: FakeClock, window: int, offset: int
) -> None:
    token = timed.create_key("limited", ["read"], None, rate=(2, window)).token
    clock.advance(seconds=offset)
    assert reasons(timed, token, 3) == [None, None, LIMITED]
    assert timed.verify(token, "read").retry_after == window - offset
    clock.advance(seconds=window - offset)
    assert reasons(timed, token, 3) == [None, None, LIMITED]


def test_windows_are_fixed_so_up_to_twice_n_pass_around_an_edge(
    timed: Store, clock: FakeClock
) -> None:
    """The documented price of a fixed window (core/limits.py): N at a window's last second and
    N more at the next one's first."""
    token = timed.create_key("edge", ["read"], None, rate=(3, 60)).token
    clock.advance(seconds=59)
    assert reasons(timed, token, 4) == [None, None, None, LIMITED]
    clock.advance(seconds=1)
    assert reasons(timed, token, 4) == [None, None, None, LIMITED]


def test_a_refused_rate_spends_no_use_and_exhausted_uses_take_no_place_in_the_window(
    timed: Store, clock: FakeClock
) -> None:
    token = timed.create_key("both", ["read"], None, uses=4, rate=(2, 60)).token
    assert reasons(timed, token, 5) == [None, None, LIMITED, LIMITED, LIMITED]
    assert remaining(timed, "both") == 2
    clock.advance(minutes=1)
    assert reasons(timed, token, 3) == [None, None, EXHAUSTED]  # uses first: they won't return
    clock.advance(minutes=1)
    assert reasons(timed, token, 2) == [EXHAUSTED, EXHAUSTED]
    timed.edit_key("both", uses=1)  # uses back: the window's place was not taken by refusals
    assert reasons(timed, token, 2) == [None, EXHAUSTED]


# -- what spends nothing -----------------------------------------------------------------------


def forged(token_key_id: str) -> str:
    """The key's id with another secret (and a valid checksum): a mismatch."""
    return build_token(token_key_id, random_base62(SECRET_LENGTH))


@pytest.mark.parametrize("refusal", ["action not permitted", "project out of scope", "mismatch",
                                     "disabled", "expired"])
def test_a_call_refused_for_another_reason_spends_nothing(
    timed: Store, clock: FakeClock, refusal: str
) -> None:
    timed.add_project("Home")
    timed.add_project("Away")
    created = timed.create_key("strict", ["read"], T0 + timedelta(hours=1), ["Home"], uses=1,
                               rate=(1, 3600))
    token, key_id = created.token, created.record.key_id
    attempts: dict[str, Any] = {
        "action not permitted": lambda: timed.verify(token, "write", "Home"),
        "project out of scope": lambda: timed.verify(token, "read", "Away"),
        "mismatch": lambda: timed.verify(forged(key_id), "read", "Home"),
        "disabled": lambda: timed.verify(token, "read", "Home"),
        "expired": lambda: timed.verify(token, "read", "Home"),
    }
    if refusal == "disabled":
        timed.set_key_disabled("strict", True)
    if refusal == "expired":
        clock.advance(hours=2)
    for _ in range(3):
        assert attempts[refusal]().reason == refusal
    if refusal == "disabled":
        timed.set_key_disabled("strict", False)
    if refusal == "expired":  # lifted, in the hour's window the refusals came in
        timed.edit_key("strict", expires_at=None)
    assert remaining(timed, "strict") == 1
    assert reasons(timed, token, 2, "Home") == [None, EXHAUSTED]


# -- setting and showing limits ----------------------------------------------------------------


def test_limits_show_on_the_record_the_rows_and_the_creation_event(timed: Store) -> None:
    created = timed.create_key("shown", ["read"], None, uses=100, refill="monthly", rate=(10, 60))
    record = timed.get_key("shown")
    assert record == created.record
    assert (record.uses_limit, record.uses_remaining, record.uses_refill) == (100, 100, "monthly")
    assert (record.rate_limit, record.rate_window) == (10, 60)
    assert timed.verify(created.token, "read").ok
    (row,) = timed.key_rows()
    assert (row[KEY_USES_LIMIT], row[KEY_USES_REMAINING], row[KEY_RATE_LIMIT]) == (100, 99, 10)
    assert timed.list_keys()[0].uses_remaining == 99
    assert timed.list_events(limit=1)[0].details == (
        "Read on all projects; 100 uses (refilled monthly); at most 10/min")
    plain = timed.create_key("plain", ["read"], None).record
    assert (plain.uses_limit, plain.uses_remaining, plain.uses_refill, plain.rate_limit,
            plain.rate_window) == (None,) * 5
    assert timed.list_events(limit=1)[0].details == "Read on all projects"


def test_setting_uses_restarts_their_count_and_is_recorded(timed: Store) -> None:
    token = timed.create_key("edited", ["read"], None, uses=3).token
    assert reasons(timed, token, 2) == [None, None]
    assert timed.edit_key("edited", uses=3).uses_remaining == 3
    assert timed.list_events(limit=1)[0].details == "uses: 3 → 3"
    assert reasons(timed, token, 4) == [None, None, None, EXHAUSTED]
    assert timed.edit_key("edited", uses=5).uses_remaining == 5
    assert timed.list_events(limit=1)[0].details == "uses: 3 → 5"
    assert timed.edit_key("edited", uses=None).uses_remaining is None
    assert timed.list_events(limit=1)[0].details == "uses: 5 → unlimited"
    assert reasons(timed, token, 10) == [None] * 10
    assert timed.list_events(limit=1)[0].kind == "key.edited"


def test_editing_the_rate_or_refill_keeps_the_uses_left(timed: Store) -> None:
    token = timed.create_key("kept", ["read"], None, uses=5).token
    assert reasons(timed, token, 2) == [None, None]
    events = len(timed.list_events())
    timed.edit_key("kept", rate=(10, 60))
    assert timed.list_events(limit=1)[0].details == "rate limit: none → 10/min"
    timed.edit_key("kept", refill="daily")
    assert timed.list_events(limit=1)[0].details == "uses: 5 → 5 (refilled daily)"
    record = timed.get_key("kept")
    assert (record.uses_remaining, record.uses_refill, record.rate_limit) == (3, "daily", 10)
    timed.edit_key("kept", rate=(10, 60), refill="daily")  # no change, no event
    assert len(timed.list_events()) == events + 2
    timed.edit_key("kept", rate=None)
    assert timed.list_events(limit=1)[0].details == "rate limit: 10/min → none"
    assert timed.get_key("kept").rate_limit is None


def test_setting_uses_leaves_the_rate_window_as_it_is(timed: Store) -> None:
    token = timed.create_key("windowed", ["read"], None, uses=10, rate=(2, 60)).token
    assert reasons(timed, token, 3) == [None, None, LIMITED]
    timed.edit_key("windowed", uses=10)
    assert reasons(timed, token, 1) == [LIMITED]
    timed.edit_key("windowed", rate=(3, 60))  # a new rate limit starts its count afresh
    assert reasons(timed, token, 4) == [None, None, None, LIMITED]


def test_unlimited_keys_stay_unlimited(timed: Store) -> None:
    token = timed.create_key("free", ["read"], None).token
    assert reasons(timed, token, 50) == [None] * 50
    record = timed.get_key("free")
    assert (record.uses_remaining, record.rate_limit) == (None, None)


# -- refusing bad limits -------------------------------------------------------------------------


@pytest.mark.parametrize(("spec", "rate"), [
    ("10/min", (10, 60)), ("5/s", (5, 1)), ("1000/h", (1000, 3600)), (" 7 / Minute ", (7, 60)),
    ("2/sec", (2, 1)), ("3/hour", (3, 3600)), ("none", None), ("OFF", None),
])
def test_parse_rate(spec: str, rate: tuple[int, int] | None) -> None:
    assert parse_rate(spec) == rate
    assert parse_rate(describe_rate(rate)) == rate


@pytest.mark.parametrize("spec", ["0/min", "10/day", "ten/min", "10", "", "-1/min", "10/",
                                  "/min", "1.5/s", "1234567890/min"])
def test_parse_rate_refuses_with_the_forms_it_takes(spec: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_rate(spec)
    assert refused.value.field == "rate"
    assert str(refused.value) == (
        f"Unknown rate limit {spec!r}; use N/s, N/min or N/h with N at least 1 (e.g. 10/min), "
        f"or none.")


def test_describe_rate() -> None:
    assert [describe_rate(r) for r in ((10, 60), (5, 1), (1000, 3600), None)] == [
        "10/min", "5/s", "1000/h", "none"]


def test_parse_uses() -> None:
    assert [parse_uses(s) for s in ("100", " 1 ", "1000000000", "unlimited", "None")] == [
        100, 1, USES_MAX, None, None]
    for spec in ("-5", "1.5", "lots", "", "1e3"):
        with pytest.raises(ValidationError, match="Unknown number of uses") as refused:
            parse_uses(spec)
        assert refused.value.field == "uses"
    for spec in ("0", "1000000001"):
        with pytest.raises(ValidationError) as refused:
            parse_uses(spec)
        assert str(refused.value) == (
            "The number of uses must be a whole number from 1 to 1,000,000,000, or unlimited.")


def test_check_refill() -> None:
    assert [check_refill(r, 5) for r in ("daily", " Monthly ", "none", None)] == [
        "daily", "monthly", None, None]
    with pytest.raises(ValidationError, match="Unknown refill 'weekly'; use daily, monthly"):
        check_refill("weekly", 5)
    with pytest.raises(ValidationError) as refused:
        check_refill("daily", None)
    assert str(refused.value) == "A refill needs a number of uses to refill to; set --uses too."
    assert check_refill("none", None) is None
    assert check_uses(None) is None


@pytest.mark.parametrize("limits", [
    {"uses": 0}, {"uses": -1}, {"uses": True}, {"uses": "5"}, {"uses": USES_MAX + 1},
    {"uses": 2.0}, {"refill": "daily"}, {"uses": 5, "refill": "yearly"}, {"rate": (0, 60)},
    {"rate": (5, 30)}, {"rate": (5.0, 60)}, {"rate": (USES_MAX + 1, 60)},
])
def test_bad_limits_are_refused_before_anything_is_written(
    timed: Store, limits: dict[str, Any]
) -> None:
    events = len(timed.list_events())
    with pytest.raises(ValidationError) as refused:
        timed.create_key("refused", ["read"], None, **limits)
    assert refused.value.field == ("refill" if "refill" in limits else next(iter(limits)))
    assert timed.list_keys() == [] and len(timed.list_events()) == events
    timed.create_key("fine", ["read"], None)
    with pytest.raises(ValidationError):
        timed.edit_key("fine", **limits)
    assert timed.get_key("fine").uses_limit is None and len(timed.list_events()) == events + 1


def test_a_refill_on_an_unlimited_key_is_refused_and_unlimited_drops_it(timed: Store) -> None:
    timed.create_key("open", ["read"], None)
    with pytest.raises(ValidationError, match="needs a number of uses"):
        timed.edit_key("open", refill="daily")
    timed.edit_key("open", uses=5, refill="daily")
    timed.edit_key("open", uses=None)  # unlimited: nothing to refill
    record = timed.get_key("open")
    assert (record.uses_limit, record.uses_refill) == (None, None)


# -- the light verifier (qkeys verify) -------------------------------------------------------------


@pytest.fixture
def light_clock(monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> FakeClock:
    """The light verifier's clock is the module's: the test's clock, like the Store's."""
    monkeypatch.setattr(verify_only, "_utc_now", clock)
    return clock


@pytest.mark.sqlite_only
def test_the_light_verifier_spends_the_same_uses_as_the_store(
    timed: Store, db_path: Path, fast_hasher: SecretHasher, light_clock: FakeClock
) -> None:
    token = timed.create_key("shared", ["read"], None, uses=3).token
    light = verify_only.open_verifier(str(db_path), fast_hasher)
    assert light is not None
    assert light.verify(token, "read").ok
    assert timed.verify(token, "read").ok
    assert light.verify(token, "read").ok
    assert light.verify(token, "read").reason == EXHAUSTED
    assert timed.verify(token, "read").reason == EXHAUSTED
    assert remaining(timed, "shared") == 0


@pytest.mark.sqlite_only
def test_the_light_verifier_holds_the_rate_limit(
    timed: Store, db_path: Path, fast_hasher: SecretHasher, light_clock: FakeClock
) -> None:
    token = timed.create_key("paced", ["read"], None, rate=(2, 60)).token
    light = verify_only.open_verifier(str(db_path), fast_hasher)
    assert light is not None
    light_clock.advance(seconds=45)
    assert light.verify(token, "read").ok and timed.verify(token, "read").ok
    refused = light.verify(token, "read")
    assert (refused.reason, refused.retry_after) == (LIMITED, 15.0)
    assert timed.verify(token, "read").retry_after == 15.0
    light_clock.advance(seconds=15)
    assert light.verify(token, "read").ok


@pytest.mark.sqlite_only
def test_a_limited_key_is_refused_when_its_use_cannot_be_written(
    timed: Store, db_path: Path, fast_hasher: SecretHasher, light_clock: FakeClock
) -> None:
    """Rather than pass uncounted: the limit is never overspent. Unlimited keys pay nothing for
    it and pass (their last use simply isn't recorded)."""
    limited = timed.create_key("limited", ["read"], None, uses=5).token
    free = timed.create_key("free", ["read"], None).token
    light = verify_only.open_verifier(str(db_path), fast_hasher)
    assert light is not None
    light.db.connection.execute("PRAGMA query_only = 1")  # type: ignore[attr-defined]
    assert light.verify(limited, "read").reason == "registry unavailable"
    assert light.verify(free, "read").ok
    assert remaining(timed, "limited") == 5


# -- several processes at once -------------------------------------------------------------------

SPENDER = textwrap.dedent(
    """
    import json, sys
    from datetime import UTC, datetime
    from qkeys_desktop.core import verify_only
    from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
    from qkeys_desktop.core.store import Store

    target, how, calls, at = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    moment = datetime.fromtimestamp(at, UTC)  # one instant: every call in one rate window
    hasher = SecretHasher(FAST_TEST_PARAMS)
    token = sys.stdin.readline().strip()  # never in argv
    if how == "light":
        verify_only._utc_now = lambda: moment
        checker = verify_only.open_verifier(target, hasher)
        assert checker is not None, "the light verifier did not take the registry"
    else:
        checker = Store.open(target, hasher=hasher, clock=lambda: moment, migrate=False)
    print("ready", flush=True)
    sys.stdin.readline()  # all spenders start together
    results = [checker.verify(token, "read", None, "spender " + how) for _ in range(calls)]
    if how == "light":
        checker.flush_usage()
    else:
        checker.close()
    print(json.dumps([[r.reason, r.retry_after] for r in results]), flush=True)
    """
)


def spend_at_once(target: str, token: str, calls: int, kinds: list[str], at: int
                  ) -> list[tuple[str | None, float | None]]:
    """Each of ``kinds`` ("store" or "light") a process making ``calls`` verifications of
    ``token`` at the instant ``at``, all released together; every result."""
    spenders = [
        subprocess.Popen([sys.executable, "-c", SPENDER, target, kind, str(calls), str(at)],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
        for kind in kinds
    ]
    try:
        for spender in spenders:
            tell(spender, token)
            assert spender.stdout is not None and spender.stdout.readline() == "ready\n"
        for spender in spenders:
            tell(spender, "go")
        results = []
        for spender in spenders:
            out, err = spender.communicate(timeout=300)
            assert spender.returncode == 0, err
            assert token not in err
            results += [(reason, after) for reason, after in json.loads(out)]
        return results
    finally:
        for spender in spenders:
            if spender.poll() is None:
                spender.kill()
                spender.wait()


def tell(process: subprocess.Popen[str], line: str) -> None:
    assert process.stdin is not None
    process.stdin.write(line + "\n")
    process.stdin.flush()


def kinds_for(target: str, count: int) -> list[str]:
    """On SQLite half the spenders are ``qkeys verify``'s light verifier; PostgreSQL has none."""
    if target.startswith("postgresql://"):
        return ["store"] * count
    return ["store", "light"] * (count // 2)


def test_four_processes_spend_exactly_the_uses_there_are(
    store: Store, store_target: str
) -> None:
    """The issue's "done when": 4 processes × 100 verifications against 250 uses."""
    created = store.create_key("shared", ["read"], None, uses=250)
    kinds = kinds_for(store_target, 4)
    results = spend_at_once(store_target, created.token, 100, kinds, int(time.time()))
    assert Counter(reason for reason, _after in results) == {None: 250, EXHAUSTED: 150}
    assert remaining(store, "shared") == 0
    assert store.verify(created.token, "read").reason == EXHAUSTED
    usage = store.usage("shared")  # every spender's counts, written when it closed
    assert (usage.valid, usage.by_reason) == (250, {EXHAUSTED: 151})
    assert usage.by_client == {f"spender {kind}": 100 * kinds.count(kind) for kind in kinds} | {
        "": 1}


def test_a_rate_limit_holds_across_processes(store: Store, store_target: str) -> None:
    created = store.create_key("paced", ["read"], None, rate=(25, 60))
    minute = int(time.time()) // 60 * 60
    kinds = [*kinds_for(store_target, 2), "store"]
    results = spend_at_once(store_target, created.token, 20, kinds, minute + 15)
    assert Counter(reason for reason, _after in results) == {None: 25, LIMITED: 35}
    assert {after for reason, after in results if reason == LIMITED} == {45.0}
    assert {after for reason, after in results if reason is None} == {None}
