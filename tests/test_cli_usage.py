"""Usage and limits through the real ``qkeys`` command line, on SQLite and PostgreSQL: keys
created and edited with --uses/--refill/--rate, ``qkeys verify --client`` and its refusals
("usage exhausted", "rate limited; retry in N s"), ``qkeys usage`` in text and JSON, and what
``keys list``/``keys show`` say of limits, last use and keys unused for 90 days.

Verifications run as real child processes (``run_qkeys``), as apps run them: one check per
process, whose usage count only reaches the registry because ``qkeys verify`` writes it before
it exits. The other commands run in-process through :func:`qkeys_desktop.cli.main`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from cli_in_process import Qkeys

from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import build_token, parse_token
from qkeys_desktop.core.usage import unused

RUN_ON_BOTH_ENGINES = True


def events_of(qkeys: Qkeys, key: str) -> list[str]:
    listed = qkeys.json("events", "--key", key)
    assert isinstance(listed, list)
    return [f"{e['kind']}: {e['details']}" for e in listed]


def today() -> str:
    return datetime.now(UTC).date().isoformat()


# -- setting limits ----------------------------------------------------------------------------


def test_create_with_limits_shows_them_in_list_show_and_json(qkeys: Qkeys) -> None:
    qkeys.create("plain")
    qkeys.create("metered", "--uses", "100", "--refill", "daily", "--rate", "10/min")
    qkeys.create("fast", "--rate", "5 / s")

    listed = {k["name"]: k for k in qkeys.json("keys", "list")}  # type: ignore[union-attr]
    assert {field: listed["metered"][field] for field in (
        "uses_limit", "uses_remaining", "uses_refill", "rate_limit")} == {
        "uses_limit": 100, "uses_remaining": 100, "uses_refill": "daily", "rate_limit": "10/min"}
    assert (listed["fast"]["uses_limit"], listed["fast"]["rate_limit"]) == (None, "5/s")
    assert [listed["plain"][field] for field in (
        "uses_limit", "uses_remaining", "uses_refill", "rate_limit", "last_used_by")] == [None] * 5
    assert listed["plain"]["uses_30d"] == 0 and listed["plain"]["unused_90d"] is False

    table = qkeys.ok("keys", "list").out.splitlines()
    assert "LIMITS" in table[0].split()
    rows = {line.split()[1]: line for line in table[1:]}
    assert "100/100 uses/day, 10/min" in rows["metered"] and "5/s" in rows["fast"]
    assert max(len(line) for line in table) <= 130  # one line a key, of a sensible width

    shown = dict(line.split(":", 1) for line in
                 qkeys.ok("keys", "show", "metered").out.split("\n\n")[0].splitlines())
    assert shown["Limits"].strip() == "100 of 100 uses left (refilled daily); at most 10/min"
    assert shown["Last used"].strip() == "never"
    assert shown["30-day use"].strip().startswith("0 valid verifications")
    assert events_of(qkeys, "metered") == [
        "key.created: Read on all projects; 100 uses (refilled daily); at most 10/min"]


def test_the_limits_column_only_when_a_key_has_limits(qkeys: Qkeys) -> None:
    qkeys.create("plain")
    assert "LIMITS" not in qkeys.ok("keys", "list").out
    shown = qkeys.ok("keys", "show", "plain").out
    assert "Limits:      unlimited uses; no rate limit" in shown


def test_edit_sets_changes_and_removes_limits(qkeys: Qkeys, registry: Store) -> None:
    token = qkeys.create("metered")
    err = qkeys.ok("keys", "edit", "metered", "--uses", "3", "--rate", "10/min").err
    assert "Changed 'metered': uses: unlimited → 3; rate limit: none → 10/min." in err
    assert "The count of uses starts afresh: 3 of 3 uses left." in err
    assert registry.verify(token, "read").ok
    assert qkeys.key("metered")["uses_remaining"] == 2

    # a new rate limit (or refill) leaves the uses left alone; a new number restarts them
    err = qkeys.ok("keys", "edit", "metered", "--rate", "1000/h", "--refill", "monthly").err
    assert "Changed 'metered': uses: 3 → 3 (refilled monthly); rate limit: 10/min → 1000/h." \
        in err
    assert "starts afresh" not in err
    err = qkeys.ok("keys", "edit", "metered", "--rate", "5/s").err
    assert "Changed 'metered': rate limit: 1000/h → 5/s." in err
    assert qkeys.key("metered")["uses_remaining"] == 2
    err = qkeys.ok("keys", "edit", "metered", "--uses", "3").err
    assert "uses: 3 (refilled monthly) → 3 (refilled monthly)" in err
    assert qkeys.key("metered")["uses_remaining"] == 3

    err = qkeys.ok("keys", "edit", "metered", "--uses", "unlimited", "--rate", "none").err
    assert "uses: 3 (refilled monthly) → unlimited; rate limit: 5/s → none" in err
    key = qkeys.key("metered")
    assert (key["uses_limit"], key["uses_refill"], key["rate_limit"]) == (None, None, None)
    assert events_of(qkeys, "metered")[:2] == [
        "key.edited: uses: 3 (refilled monthly) → unlimited; rate limit: 5/s → none",
        "key.edited: uses: 3 (refilled monthly) → 3 (refilled monthly)",
    ]
    err = qkeys.ok("keys", "edit", "metered", "--rate", "none").err
    assert "Nothing to change: 'metered' already has these settings." in err


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (("--uses", "0"), "qkeys: uses: The number of uses must be a whole number from 1"),
        (("--uses", "ten"), "qkeys: uses: Unknown number of uses 'ten'; give a whole number"),
        (("--rate", "10/day"), "qkeys: rate: Unknown rate limit '10/day'; use N/s, N/min or N/h"),
        (("--rate", "0/s"), "with N at least 1"),
        (("--refill", "daily"), "qkeys: refill: A refill needs a number of uses to refill to; "
                                "set --uses too."),
        (("--uses", "5", "--refill", "weekly"), "qkeys: refill: Unknown refill 'weekly'; use "
                                                "daily, monthly or none."),
    ],
)
def test_bad_limits_are_refused_naming_the_fix(
    qkeys: Qkeys, options: tuple[str, ...], says: str
) -> None:
    qkeys.create("kept")
    before = qkeys.json("keys", "list"), qkeys.json("events")
    assert says in qkeys.refused("keys", "create", "--name", "new", "--permissions", "read",
                                 *options)
    assert says in qkeys.refused("keys", "edit", "kept", *options)
    assert (qkeys.json("keys", "list"), qkeys.json("events")) == before


def test_edit_without_options_names_the_limit_options(qkeys: Qkeys) -> None:
    qkeys.create("kept")
    line = qkeys.refused("keys", "edit", "kept", status=2)
    assert "--uses, --refill or --rate" in line


# -- verifying against limits ------------------------------------------------------------------


def test_usage_exhausted_and_rate_limited_say_so_on_stderr(qkeys: Qkeys) -> None:
    metered = qkeys.create("metered", "--uses", "2")
    assert qkeys.verify(metered)[0] == 0
    assert qkeys.verify(metered)[0] == 0
    assert qkeys.verify(metered) == (
        1, "qkeys: rejected: usage exhausted (the key has no uses left until it is refilled or "
           "given more)")
    assert qkeys.key("metered")["uses_remaining"] == 0

    throttled = qkeys.create("throttled", "--rate", "1/h")
    assert qkeys.verify(throttled)[0] == 0
    status, err = qkeys.verify(throttled)
    match = re.fullmatch(r"qkeys: rejected: rate limited; retry in (\d+) s", err)
    assert status == 1 and match, err
    assert 1 <= int(match.group(1)) <= 3600  # until the hour since the epoch ends


def test_a_verify_shows_up_in_usage_with_its_client(qkeys: Qkeys) -> None:
    """Each ``qkeys verify`` is a process of its own: its counts reach ``qkeys usage`` only
    because it writes them before it exits."""
    token = qkeys.create("billing", "--rate", "2/h")
    other = qkeys.create("other")
    for _ in range(3):
        qkeys.verify(token, "--client", "billing-api")
    bad_checksum = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert qkeys.verify(bad_checksum, "--client", "x") == (1, "qkeys: rejected: bad checksum")
    assert qkeys.verify(other, "--client", "elsewhere")[0] == 0
    parsed = parse_token(token)
    forged = build_token(parsed.key_id, parsed.secret[::-1])  # same key id, another secret
    assert qkeys.verify(forged, "--client", "intruder") == (1, "qkeys: rejected: mismatch")

    figures = qkeys.json("usage", "billing", "--days", "7")
    assert isinstance(figures, dict)
    assert [day["date"] for day in figures["days"]] == [
        (datetime.now(UTC).date() - timedelta(days=n)).isoformat() for n in range(6, -1, -1)]
    assert figures["days"][-1] == {"date": today(), "valid": 2, "rejected": 2}
    assert (figures["valid"], figures["rejected"]) == (2, 2)
    assert figures["by_reason"] == {"rate limited": 1, "mismatch": 1}  # no key: not counted
    assert figures["by_client"] == {"billing-api": 3, "intruder": 1}
    assert (figures["last_used_by"], figures["rate_limit"]) == ("billing-api", "2/h")
    assert figures["uses_limit"] is None and figures["last_used_at"].startswith(today())

    report = qkeys.ok("usage", "billing").out
    lines = report.splitlines()
    assert lines[0].startswith("billing (qk_") and "last 30 days" in lines[0]
    assert max(len(line) for line in lines) <= 80
    (day,) = [line for line in lines if line.startswith(today())]
    assert re.fullmatch(rf"{today()}  #+x+ +2 +2", day), day
    assert "Total: 2 valid, 2 rejected (50% of 4)" in lines
    assert re.search(r"Rejected by reason:\n  (rate limited|mismatch) +1\n", report)
    assert re.search(r"By client:\n  billing-api +3\n  intruder +1\n", report)
    assert f"Last used: {qkeys.key('billing')['last_used_at'][:10]}" in report
    assert "Limits: unlimited uses; at most 2/h" in report

    listed = {k["name"]: k for k in qkeys.json("keys", "list")}  # type: ignore[union-attr]
    assert (listed["billing"]["uses_30d"], listed["billing"]["last_used_by"]) == (2, "billing-api")
    assert (listed["other"]["uses_30d"], listed["other"]["last_used_by"]) == (1, "elsewhere")
    shown = qkeys.ok("keys", "show", "billing").out
    assert re.search(r"Last used: +\d{4}-\d\d-\d\d \d\d:\d\d by billing-api\n", shown)
    assert "30-day use:  2 valid verifications" in shown


def test_a_client_label_holding_a_token_is_dropped_never_echoed(qkeys: Qkeys) -> None:
    token = qkeys.create("ci")
    leaked = qkeys.create("leaked")
    status, err = qkeys.verify(token, "--client", f"runner {leaked}")
    assert status == 0 and leaked not in err and parse_token(leaked).secret not in err
    assert "--client holds what looks like a secret token: not recorded" in err
    figures = qkeys.json("usage", "ci")
    assert isinstance(figures, dict)
    assert figures["by_client"] == {"": 1} and figures["last_used_by"] is None
    assert leaked not in qkeys.ok("usage", "ci").out


def test_usage_of_an_unused_key_and_bad_days(qkeys: Qkeys) -> None:
    qkeys.create("idle", "--uses", "5", "--refill", "monthly")
    report = qkeys.ok("usage", "idle", "--days", "1").out
    assert f"{today()}  " in report and "Total: 0 valid, 0 rejected" in report
    assert "Rejected by reason" not in report and "By client" not in report
    assert "Last used: never" in report
    assert "Limits: 5 of 5 uses left (refilled monthly); no rate limit" in report
    figures = qkeys.json("usage", "idle", "--days", "366")
    assert isinstance(figures, dict) and len(figures["days"]) == 366
    assert (figures["uses_limit"], figures["uses_remaining"], figures["uses_refill"]) == (
        5, 5, "monthly")
    assert qkeys.refused("usage", "idle", "--days", "367") == (
        "qkeys: days: Show between 1 and 366 days of usage.")
    zero = qkeys("usage", "idle", "--days", "0")
    assert (zero.status, zero.out) == (2, "")
    assert "argument --days: '0' is not a whole number" in zero.err
    assert qkeys.refused("usage", "nope").startswith("qkeys: No key with id or name 'nope'")


# -- keys unused for 90 days -------------------------------------------------------------------


def test_keys_unused_for_90_days_are_flagged(qkeys: Qkeys, registry: Store) -> None:
    now = datetime.now(UTC)

    def created_at(when: datetime, name: str) -> str:
        back_then = Store(registry.db, hasher=registry.hasher, clock=lambda: when)
        return back_then.create_key(name, ["read"], None).token

    created_at(now - timedelta(days=91), "forgotten")
    old = created_at(now - timedelta(days=200), "lapsed")
    Store(registry.db, hasher=registry.hasher,
          clock=lambda: now - timedelta(days=95)).verify(old, "read")
    busy = created_at(now - timedelta(days=200), "busy")
    assert registry.verify(busy, "read").ok
    qkeys.create("new")

    listed = {k["name"]: k["unused_90d"] for k in qkeys.json("keys", "list")}  # type: ignore
    assert listed == {"forgotten": True, "lapsed": True, "busy": False, "new": False}
    rows = {line.split()[1]: line for line in qkeys.ok("keys", "list").out.splitlines()[1:]}
    assert rows["forgotten"].endswith("active, unused 90d")
    assert rows["busy"].endswith("active") and rows["new"].endswith("active")
    shown = qkeys.ok("keys", "show", "lapsed").out
    assert "Unused:      for 90 days or more: a candidate for deletion" in shown
    assert "Unused:" not in qkeys.ok("keys", "show", "busy").out


def test_unused_counts_from_creation_and_last_use() -> None:
    now = datetime(2030, 6, 1, tzinfo=UTC)
    day = timedelta(days=1)
    assert unused(now - 90 * day, None, now)
    assert not unused(now - 89 * day, None, now)  # too new to judge
    assert unused(now - 400 * day, now - 90 * day, now)
    assert not unused(now - 400 * day, now - 89 * day, now)
    assert unused(now - 10 * day, None, now, days=7)
