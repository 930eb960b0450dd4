"""Verification: the first check in a process, the repeated check, and cheap rejections."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import argon2
from common import (
    PYTHON,
    Budget,
    Figure,
    child_env,
    interleaved_best,
    median,
    per_call_seconds,
    run_probe,
)
from fixtures import Workspace, add_real_key, forget_last_use, stored_hash, token_key_id

from qkeys_desktop.core.hashing import DEFAULT_PARAMS
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import build_token, checksum, parse_token

LOOKUP_SQL = (
    "SELECT id, secret_hash, permissions, all_projects, expires_at, last_used_at "
    "FROM api_key WHERE key_id = ?"
)


def argon2_args() -> list[str]:
    """The default argon2 parameters as probe arguments."""
    p = DEFAULT_PARAMS
    return [str(p.time_cost), str(p.memory_cost_kib), str(p.parallelism)]


def verify_cold(workspace: Workspace, budget: Budget) -> list[Figure]:
    """First verify in a fresh process vs one bare argon2 verify (also in a fresh process)."""
    registry = workspace.scratch(Workspace.SMALL, "verify-cold")
    token = add_real_key(registry, "cold verify")
    secret_input = f"{stored_hash(registry, token)}\n{parse_token(token).secret}"
    costs: list[dict[str, float]] = []

    def ours() -> float:
        forget_last_use(registry, token)  # a first use: it also records the use, as in real life
        outcome = run_probe("verify_cold", [str(registry.path), "read"], stdin=token)
        if not outcome["ok"]:
            raise AssertionError(f"the real key was rejected: {outcome['reason']}")
        return float(outcome["ms"])

    def bare() -> float:
        costs.append(run_probe("argon2_verify", argon2_args(), stdin=secret_input))
        return costs[-1]["verify_ms"]

    ours(), bare()  # warm the byte-code cache and the page cache
    measured, baseline = interleaved_best(ours, bare, budget.reps(5, 25))
    p = DEFAULT_PARAMS
    params = f"argon2id t={p.time_cost}, m={p.memory_cost_kib // 1024} MiB, p={p.parallelism}"
    return [
        Figure("verify_cold_ratio", measured, "ms", 1.2, baseline, on_ratio=True,
               note="first verify incl. recording the last use; baseline: bare argon2 verify"),
        Figure("argon2_hash_ms", min(c["hash_ms"] for c in costs), "ms", note=params),
        Figure("argon2_verify_ms", baseline, "ms", note=params),
        Figure("argon2_memory_mib", median(c["peak_rss_growth_mib"] for c in costs), "MiB",
               note=f"peak RSS growth of one hash/verify; m = {p.memory_cost_kib / 1024:g} MiB"),
    ]


def verify_warm(workspace: Workspace, budget: Budget) -> list[Figure]:
    """The same token again vs a raw sqlite3 point lookup of its row; then a delete elsewhere."""
    registry = workspace.scratch(Workspace.BIG, "verify-warm")
    token = add_real_key(registry, "warm verify")
    store = Store.open(str(registry.path))
    raw = sqlite3.connect(registry.path)
    key = token_key_id(token)
    assert store.verify(token, "read").ok  # the cold one: argon2, recording the use
    calls = budget.reps(2_000, 10_000)

    def ours() -> float:
        return per_call_seconds(lambda: store.verify(token, "read"), calls) * 1e6

    def lookup() -> float:
        return per_call_seconds(lambda: raw.execute(LOOKUP_SQL, (key,)).fetchone(), calls) * 1e6

    with counting_argon2() as argon2_calls:
        measured, baseline = interleaved_best(ours, lookup, budget.reps(7, 21))
    deleted = subprocess.run(
        [PYTHON, "-m", "qkeys_desktop", "--db", str(registry.path), "keys", "delete", key,
         "--yes"], capture_output=True, env=child_env(), check=False)
    after = store.verify(token, "read")
    store.close()
    raw.close()
    return [Figure(
        "verify_warm_ratio", measured, "µs", 3.0, baseline, on_ratio=True,
        note="baseline: raw sqlite3 indexed lookup of the key's row",
        checks={
            "no argon2 on repeat": argon2_calls() == 0,
            "deleted by another process -> next verify fails":
                deleted.returncode == 0 and not after.ok and after.reason == "revoked",
        })]


def verify_limited(workspace: Workspace, budget: Budget) -> list[Figure]:
    """The warm verify of a key with limits vs that of an unlimited key, in one registry and one
    run: what a limit costs (one atomic write per verification, core/limits.py)."""
    registry = workspace.scratch(Workspace.BIG, "verify-limited")
    unlimited = add_real_key(registry, "unlimited")
    store = Store.open(str(registry.path))
    uses = 10**9  # never runs out here: every call pays the spend, none is refused
    limited = store.create_key("limited", ["read"], None, uses=uses).token
    assert store.verify(unlimited, "read").ok and store.verify(limited, "read").ok  # argon2 once
    calls, rounds = budget.reps(500, 2_000), budget.reps(7, 21)

    def warm(token: str) -> Callable[[], float]:
        return lambda: per_call_seconds(lambda: store.verify(token, "read"), calls) * 1e6

    with counting_argon2() as argon2_calls:
        measured, baseline = interleaved_best(warm(limited), warm(unlimited), rounds)
    left = store.get_key("limited").uses_remaining
    store.close()
    return [Figure(
        "verify_limited_ratio", measured, "µs", None, baseline, on_ratio=True,
        note="a key with uses=10^9: one atomic UPDATE and commit per verification, whose "
             "fsync (SQLite's default synchronous=FULL) is most of it; baseline: the same "
             "warm verify of an unlimited key; no target: the issue asks what it costs",
        checks={
            "no argon2 on repeat": argon2_calls() == 0,
            "every use spent once": left == uses - 1 - calls * rounds,
        })]


def reject(workspace: Workspace, budget: Budget) -> list[Figure]:
    """Median cost of rejecting malformed, bad-checksum and unknown-id tokens; no argon2."""
    registry = workspace.scratch(Workspace.BIG, "reject")
    token = add_real_key(registry, "reject")
    store = Store.open(str(registry.path))
    body = token[:-6]
    unknown_body = "qk_000000000000" + body[15:]
    samples = {
        "malformed": "qk_this-is-not-a-token",
        "malformed (right length)": "qk_" + "-" * (len(token) - 3),
        "bad checksum": body + ("AAAAAA" if not token.endswith("AAAAAA") else "BBBBBB"),
        "unknown id": build_token(unknown_body[:15], unknown_body[16:]),
    }
    assert checksum(samples["unknown id"][:-6]) == samples["unknown id"][-6:]
    calls, rounds = budget.reps(2_000, 10_000), budget.reps(5, 15)
    medians, reasons = {}, {}
    with counting_argon2() as argon2_calls:
        for kind, sample in samples.items():
            reasons[kind] = store.verify(sample, "read").reason
            medians[kind] = median(
                per_call_seconds(lambda s=sample: store.verify(s, "read"), calls) * 1e6
                for _ in range(rounds))
    store.close()
    worst = max(medians, key=lambda k: medians[k])
    expected = {"malformed": "malformed", "malformed (right length)": "malformed",
                "bad checksum": "bad checksum", "unknown id": "unknown key"}
    return [Figure(
        "reject_us", medians[worst], "µs", 50.0,
        note="worst kind: " + ", ".join(f"{k} {v:.1f}" for k, v in medians.items()),
        checks={"argon2 never ran": argon2_calls() == 0,
                "reasons named": reasons == expected})]


@contextmanager
def counting_argon2() -> Iterator[Callable[[], int]]:
    """Count every argon2 hash or verify this process runs (whoever calls it)."""
    count = [0]
    low = argon2.low_level
    originals = {name: getattr(low, name) for name in ("verify_secret", "hash_secret")}
    patched_modules = [low, argon2._password_hasher]  # PasswordHasher imported them by name

    def counted(original: Callable[..., object]) -> Callable[..., object]:
        def wrapper(*args: object, **kwargs: object) -> object:
            count[0] += 1
            return original(*args, **kwargs)
        return wrapper

    for module in patched_modules:
        for name, original in originals.items():
            if hasattr(module, name):
                setattr(module, name, counted(original))
    try:
        yield lambda: count[0]
    finally:
        for module in patched_modules:
            for name, original in originals.items():
                if hasattr(module, name):
                    setattr(module, name, original)

