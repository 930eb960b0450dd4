"""Big registries, built fast: the product creates the schema, bulk inserts fill it.

Every row gets the same precomputed argon2id hash (of a secret nobody knows), so 100,000 keys
cost one argon2 call, not 100,000. Keys the benchmarks verify are created through the real
:meth:`Store.create_key` on top, with the real parameters.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import KEY_ID_LENGTH, PREFIX, to_base62

_ADJECTIVES = ("billing", "nightly", "staging", "prod", "mobile", "partner", "legacy", "edge",
               "analytics", "backup", "ingest", "deploy", "metrics", "search", "mail", "sync")
_NOUNS = ("exporter", "webhook", "robot", "gateway", "worker", "dashboard", "sensor", "client",
          "importer", "scheduler", "bridge", "agent", "uploader", "monitor", "relay", "cli")
_DAY = 86_400
_SPREAD = 62**KEY_ID_LENGTH
_STRIDE = 1_000_003  # coprime with 62: i -> i * stride mod 62**12 never repeats


@dataclass(frozen=True)
class Registry:
    """A built registry file and what it holds."""

    path: Path
    keys: int
    projects: int


def key_id(i: int) -> str:
    """A distinct, random-looking public key id for row ``i``."""
    return PREFIX + to_base62((i * _STRIDE + 7_777_777) % _SPREAD, KEY_ID_LENGTH)


def _placeholder_hash() -> str:
    return SecretHasher().hash("benchmark rows share one hash of a secret nobody holds")


def build_registry(path: Path, keys: int, projects: int, seed: int = 5) -> Registry:
    """A registry with ``keys`` keys (a third scoped to 1-3 of ``projects``) and their events."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Store.open(str(path), hasher=SecretHasher(FAST_TEST_PARAMS)).close()  # schema, migrations
    rng, now, secret_hash = random.Random(seed), int(time.time()), _placeholder_hash()
    with closing(sqlite3.connect(path)) as db, db:
        db.executemany(
            "INSERT INTO project (id, name, name_key, created_at) VALUES (?, ?, ?, ?)",
            ((p + 1, f"Project {p:04d}", f"project {p:04d}", now - 400 * _DAY)
             for p in range(projects)),
        )
        rows, links, events = [], [], []
        for i in range(keys):
            name = f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} {i:06d}"
            created = now - rng.randrange(365 * _DAY)
            expires = rng.choice((None, None, created + 30 * _DAY, created + 365 * _DAY))
            used = rng.choice((None, now - rng.randrange(90 * _DAY)))
            scoped = projects > 0 and i % 3 == 0
            rows.append((i + 1, key_id(i), name, name.casefold(), secret_hash,
                         rng.randrange(1, 32), 0 if scoped else 1, expires, created, used))
            if scoped:
                for p in rng.sample(range(1, projects + 1), rng.randint(1, 3)):
                    links.append((i + 1, p))
            events.append((created, "key.created", key_id(i), name, "read on all projects"))
        db.executemany(
            "INSERT INTO api_key (id, key_id, name, name_key, secret_hash, permissions, "
            "all_projects, expires_at, created_at, last_used_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            rows)
        db.executemany("INSERT INTO key_project (key_id, project_id) VALUES (?, ?)", links)
        db.executemany(
            "INSERT INTO event (at, kind, key_id, name, details) VALUES (?, ?, ?, ?, ?)", events)
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Registry(path, keys, projects)


def copy_registry(source: Registry, path: Path) -> Registry:
    """A copy to spoil (writes, deletes) without touching the shared one."""
    shutil.copyfile(source.path, path)
    return Registry(path, source.keys, source.projects)


def add_real_key(registry: Registry, name: str, hasher: SecretHasher | None = None) -> str:
    """Create one key through the product with real (default) parameters; returns its token."""
    store = Store.open(str(registry.path), hasher=hasher)
    try:
        return store.create_key(name, ["read", "write"], None).token
    finally:
        store.close()


def forget_last_use(registry: Registry, token: str) -> None:
    """Make the next verify of ``token`` a first use again (it then records the use)."""
    with closing(sqlite3.connect(registry.path)) as db, db:
        db.execute("UPDATE api_key SET last_used_at = NULL WHERE key_id = ?",
                   (token_key_id(token),))


def stored_hash(registry: Registry, token: str) -> str:
    """The argon2 hash string stored for ``token``'s key."""
    with closing(sqlite3.connect(registry.path)) as db:
        row = db.execute("SELECT secret_hash FROM api_key WHERE key_id = ?", (token_key_id(token),))
        value: str = row.fetchone()[0]
    return value


def token_key_id(token: str) -> str:
    """The public key id at the start of a token."""
    return token[: len(PREFIX) + KEY_ID_LENGTH]


class Workspace:
    """The registries a run needs, each built once on first use, in one temporary directory."""

    SMALL, BIG, PROJECTS = 1_000, 100_000, 1_000

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._built: dict[str, Registry] = {}

    def registry(self, keys: int, projects: int = PROJECTS) -> Registry:
        """A pristine shared registry; copy it (:func:`copy_registry`) before spoiling it."""
        name = f"keys{keys}-projects{projects}"
        if name not in self._built:
            self._built[name] = build_registry(self.directory / f"{name}.db", keys, projects)
        return self._built[name]

    def scratch(self, keys: int, label: str, projects: int = PROJECTS) -> Registry:
        """A private copy of a registry for one benchmark to write to."""
        return copy_registry(self.registry(keys, projects), self.directory / f"{label}.db")
