"""Writes must not slow down as the registry grows: create + delete at 100,000 vs 1,000 keys."""

from __future__ import annotations

import itertools
import time

from common import Budget, Figure, median
from fixtures import Registry, Workspace

from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
from qkeys_desktop.core.store import Store

_names = itertools.count()


def _create_delete_ms(registry: Registry, pairs: int) -> list[float]:
    """Per-pair times of creating a key (scoped to two projects) and deleting it again."""
    store = Store.open(str(registry.path), hasher=SecretHasher(FAST_TEST_PARAMS))
    times = []
    try:
        for _ in range(pairs):
            started = time.perf_counter()
            created = store.create_key(f"flat {next(_names)}", ["read"], None,
                                       ["Project 0001", "Project 0002"])
            store.delete_key(created.record.key_id)
            times.append((time.perf_counter() - started) * 1000)
    finally:
        store.close()
    return times


def create_flat(workspace: Workspace, budget: Budget) -> list[Figure]:
    """Latency of create + delete at 100,000 keys over the same at 1,000.

    argon2 runs with the cheapest parameters here: at the real ones its ~25 ms, identical at
    every size, would hide how the database side scales, which is what this figure watches.
    """
    small = workspace.scratch(Workspace.SMALL, "flat-small")
    big = workspace.scratch(Workspace.BIG, "flat-big")
    pairs, rounds = budget.reps(5, 10), budget.reps(4, 10)
    at_small, at_big = [], []
    _create_delete_ms(small, 2), _create_delete_ms(big, 2)  # warm caches
    for i in range(rounds):
        for registry, sink in ((small, at_small), (big, at_big))[:: 1 if i % 2 else -1]:
            sink.extend(_create_delete_ms(registry, pairs))
    return [Figure("create_flat_ratio", median(at_big), "ms", 1.5, median(at_small),
                   on_ratio=True, note="create + delete (cheap argon2) at 100k vs 1k keys")]
