"""Checking a presented token, in the order docs/ARCHITECTURE.md gives, without ever raising.

parse → checksum → look up by id → disabled? expired? → argon2 → action → project → limits →
last use; each outcome that names a key is counted (:mod:`.usage`).
A key id with no live key is looked up twice more, off the hot path: as the token a rotation
still accepts during its overlap (``previous_key_id``), then among the tombstones of retired key
ids ("revoked", "rotated"), so an app can tell a revoked key from garbage.
Every call reads the key's row (one indexed lookup), so a delete, an edit or an expiry takes
effect on the very next call in every process; only the argon2 step is skipped for a token this
process has already verified against the same stored hash. Such a repeat is the hot path of a
busy app: it finds the token by its SHA-256 (no parsing), compares plain ints and costs little
more than the lookup itself (see tests/benchmarks, ``verify_warm_ratio``). The module imports
no peewee, so ``qkeys verify`` can run it on the standard library's sqlite3 (:mod:`.verify_only`).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .connection import Database
from .hashing import SecretHasher
from .limits import REFUSAL_SQL_COLUMNS, spend_params, spend_sql, why_refused
from .permissions import Permission
from .tokens import TOKEN_LENGTH, ParsedToken, TokenFormatError, parse_token
from .usage import VALID, UsageRecorder, clean_client
from .validation import name_key

if TYPE_CHECKING:
    import logging

LAST_USED_INTERVAL = 60  # seconds: record use at most once a minute per key, not per call
#: How long verification's own writes (last use, a re-hash) may wait for another writer before
#: they are skipped: a verification must never stall behind someone else's transaction.
QUICK_WRITE_WAIT_MS = 5
#: How long any registry connection waits for another writer (SQLite's busy timeout): defined
#: here, the one module of the chain that imports neither peewee nor sqlite3, for
#: :mod:`.database` and :mod:`.verify_only` alike; verification's own writes go back to it.
BUSY_TIMEOUT_MS = 5000
_CACHE_LIMIT = 10_000

MALFORMED = "malformed"
BAD_CHECKSUM = "bad checksum"
UNKNOWN_KEY = "unknown key"
MISMATCH = "mismatch"
EXPIRED = "expired"
NOT_PERMITTED = "action not permitted"
OUT_OF_SCOPE = "project out of scope"
UNKNOWN_ACTION = "unknown action"
UNAVAILABLE = "registry unavailable"
DISABLED = "disabled"
REVOKED = "revoked"
ROTATED = "rotated"
USAGE_EXHAUSTED = "usage exhausted"
RATE_LIMITED = "rate limited"
#: The reasons verification names a key for, counted in its usage (with "valid").
_COUNTED = frozenset({MISMATCH, EXPIRED, DISABLED, NOT_PERMITTED, OUT_OF_SCOPE, USAGE_EXHAUSTED,
                      RATE_LIMITED})

#: Action name (as ``Permission[...]`` spells it) → bit; plain ints, as IntFlag arithmetic is slow.
_ACTION_BITS = {p.name: int(p) for p in Permission if p.name}


def action_bit(action: object) -> int | None:
    """The permission bit an action names ("read", " READ\n"…: case and surrounding space
    ignored, as the CLI accepts it), or None for anything else."""
    # isascii: str.upper() maps look-alikes onto names ("wrıte" → "WRITE"); not an action
    if not isinstance(action, str) or not action.isascii():
        return None
    return _ACTION_BITS.get(action.strip().upper())


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """The verdict; ``reason`` names why a token was rejected, ``key_id`` whose it was if known."""

    ok: bool
    reason: str | None = None
    key_id: str | None = None
    #: When a revoked, rotated or expired key stopped working (UTC); None otherwise.
    stopped_at: datetime | None = None
    #: For "rate limited": seconds until the key's rate window ends and a call may pass again.
    retry_after: float | None = None

    def __bool__(self) -> bool:
        return self.ok


def _reject(reason: str, key_id: str | None = None, stopped_at: int | None = None
            ) -> VerifyResult:
    when = None if stopped_at is None else datetime.fromtimestamp(stopped_at, UTC)
    return VerifyResult(False, reason, key_id, when)


class Verifier:
    """Verifies tokens against one database; remembers argon2 successes for this process."""

    def __init__(self, db: Database, hasher: SecretHasher, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.hasher = hasher
        self.clock = clock
        # SHA-256 of a token verified before → (its key id, the stored hash it matched); never
        # the token itself. A hit skips parsing and argon2 but never the row lookup.
        self._verified: dict[bytes, tuple[str, str]] = {}
        self._lock = threading.Lock()
        p = db.param
        # One statement reads the row and whether the project is in its scope: one snapshot,
        # so a key deleted in between can't look "out of scope" instead of "unknown".
        columns = (
            "id, {hash}, permissions, all_projects, expires_at, last_used_at, disabled_at, "
            "uses_remaining, rate_limit, uses_refill, rate_window, "
            "EXISTS (SELECT 1 FROM key_project JOIN project ON project.id = key_project.project_id"
            " WHERE key_project.key_id = api_key.id AND project.name_key = " + p + "), {until} "
            "FROM api_key WHERE {column} = " + p
        )
        self._lookup_sql = "SELECT " + columns.format(
            hash="secret_hash", until="NULL", column="key_id")
        # the token a rotation replaced: it verifies with the key's settings until previous_until
        self._previous_sql = "SELECT " + columns.format(
            hash="previous_hash", until="previous_until", column="previous_key_id")
        self._retired_sql = f"SELECT reason, at FROM retired_key WHERE key_id = {p}"
        self._touch_sql = (f"UPDATE api_key SET last_used_at = {p}, "
                           f"last_used_by = COALESCE({p}, last_used_by) WHERE id = {p}")
        self._spend_sql = spend_sql(p)
        self._refusal_sql = f"SELECT {REFUSAL_SQL_COLUMNS} FROM api_key WHERE id = {p}"
        self.usage = UsageRecorder(db, lambda: int(self.clock().timestamp()))
        self._rehash_sql = {
            False: f"UPDATE api_key SET secret_hash = {p} WHERE id = {p}",
            True: f"UPDATE api_key SET previous_hash = {p} WHERE id = {p}",
        }
        self._on_postgresql = "postgres" in type(db).__name__.lower()
        # windows showing "last used" learn of our writes at commit (PostgreSQL only: SQLite
        # windows see any commit by themselves); not imported on ``qkeys verify``'s SQLite path
        self._notify_sql = ""
        if self._on_postgresql:
            from .change_feed import NOTIFY_SQL

            self._notify_sql = NOTIFY_SQL

    def verify(self, token: object, action: object, project: object = None,
               client: object = None) -> VerifyResult:
        """Check ``token`` for ``action`` on ``project`` (None: no project); never raises.
        ``client`` (an app name, host or IP) is kept with the key's usage and as "last used by"."""
        try:
            return self._verify(token, action, project, clean_client(client))
        except Exception as error:  # a database fault must reject, not crash the caller
            _log().warning("verification failed: %s", type(error).__name__)
            return _reject(UNAVAILABLE)

    def _verify(self, token: object, action: object, project: object, client: str
                ) -> VerifyResult:
        digest = _digest(token)
        with self._lock:
            remembered = self._verified.get(digest) if digest else None
        parsed: ParsedToken | None = None
        if remembered is not None:
            key_id = remembered[0]
        else:
            try:
                parsed = parse_token(token)
            except TokenFormatError as error:
                return _reject(error.reason)
            key_id = parsed.key_id
        permission = action_bit(action)
        if permission is None:
            return _reject(UNKNOWN_ACTION, key_id)
        scope = _scope_key(project)
        row = self.db.execute_sql(self._lookup_sql, (scope, key_id)).fetchone()
        now = int(self.clock().timestamp())
        if row is None:
            row = self.db.execute_sql(self._previous_sql, (scope, key_id)).fetchone()
            if row is None or row[12] <= now:
                return self._retired(key_id)
        result = self._check(row, token, parsed, digest, remembered, key_id, permission, now)
        if result.ok or result.reason in _COUNTED:
            self.usage.record(row[0], result.reason or VALID, client, now)
        if result.ok and (row[5] is None or now - row[5] >= LAST_USED_INTERVAL):
            self._touch(row[0], now, client)
        return result

    def _check(self, row: Sequence[Any], token: object, parsed: ParsedToken | None,
               digest: bytes | None, remembered: tuple[str, str] | None, key_id: str,
               permission: int, now: int) -> VerifyResult:
        """The verdict on a key's row, from "disabled?" on (limits spent if it passes)."""
        (pk, stored_hash, permissions, all_projects, expires_at, _last_used_at, disabled_at,
         uses_remaining, rate_limit, refill, window, in_scope, previous_until) = row
        if disabled_at is not None:
            return _reject(DISABLED, key_id)
        if expires_at is not None and expires_at <= now:
            return _reject(EXPIRED, key_id, expires_at)
        if (remembered is None or remembered[1] != stored_hash) and not self._secret_matches(
            parsed or parse_token(token), digest, pk, stored_hash, previous_until is not None
        ):
            return _reject(MISMATCH, key_id)
        if not permissions & permission:
            return _reject(NOT_PERMITTED, key_id)
        if not all_projects and not in_scope:
            return _reject(OUT_OF_SCOPE, key_id)
        if uses_remaining is not None or rate_limit is not None:
            return self._spend(pk, key_id, refill, window)
        return VerifyResult(True, None, key_id)

    def _spend(self, pk: int, key_id: str, refill: str | None, window: int | None
               ) -> VerifyResult:
        """A limited key: spend a use and a place in its rate window, in one atomic write that
        waits for other writers as long as any write may (BUSY_TIMEOUT_MS). If it cannot be
        made the key is refused ("registry unavailable"): a limit is never overspent."""
        moment = self.clock().timestamp()
        now = int(moment)
        with self.db.atomic():
            spent = self.db.execute_sql(self._spend_sql, spend_params(pk, refill, window, now))
            if spent.rowcount == 1:  # no NOTIFY: windows need not reload for every call
                return VerifyResult(True, None, key_id)
            state = self.db.execute_sql(self._refusal_sql, (pk,)).fetchone()
        exhausted, retry_after = why_refused(tuple(state), moment)
        if exhausted:
            return _reject(USAGE_EXHAUSTED, key_id)
        return VerifyResult(False, RATE_LIMITED, key_id, None, retry_after)

    def flush_usage(self) -> bool:
        """Write the usage counted so far (see :mod:`.usage`); False if it could not be."""
        return self.usage.flush()

    def _retired(self, key_id: str) -> VerifyResult:
        """No key answers to this id: a tombstone says revoked or rotated (and since when)."""
        row = self.db.execute_sql(self._retired_sql, (key_id,)).fetchone()
        if row is None:
            return _reject(UNKNOWN_KEY, key_id)
        return _reject(ROTATED if row[0] == ROTATED else REVOKED, key_id, row[1])

    def _secret_matches(
        self, parsed: ParsedToken, digest: bytes | None, pk: int, stored_hash: str,
        previous: bool = False,
    ) -> bool:
        """The argon2 check; on success, remember the token (by digest) against the hash.
        ``previous``: the hash is a rotated token's, still accepted during the overlap."""
        if not self.hasher.matches(stored_hash, parsed.secret):
            return False
        if self.hasher.needs_rehash(stored_hash):  # only ever to stronger parameters
            stronger = self.hasher.hash(parsed.secret)
            if self._quick_write(self._rehash_sql[previous], (stronger, pk), "stronger hash"):
                stored_hash = stronger
        if digest is not None:
            with self._lock:
                if len(self._verified) >= _CACHE_LIMIT:
                    self._verified.clear()
                self._verified[digest] = (parsed.key_id, stored_hash)
        return True

    def _touch(self, pk: int, now: int, client: str) -> None:
        """Record use; skipped (the key stays valid) when it cannot be written at once."""
        self._quick_write(self._touch_sql, (now, client or None, pk), "last-used time")

    def _quick_write(self, sql: str, params: tuple[object, ...], what: str) -> bool:
        """One write of verification's own that waits at most QUICK_WRITE_WAIT_MS for another
        writer; whether it was made. A locked, read-only or verify-only registry costs the
        write, never the verdict."""
        try:
            with self._waiting_briefly(), self.db.atomic():
                if self._on_postgresql:  # a row lock held by another transaction
                    self.db.execute_sql(f"SET LOCAL lock_timeout = '{QUICK_WRITE_WAIT_MS}ms'")
                self.db.execute_sql(sql, params)
                if self._notify_sql:
                    self.db.execute_sql(self._notify_sql)
        except Exception as error:
            _log().info("%s not recorded: %s", what, type(error).__name__)
            return False
        return True

    @contextmanager
    def _waiting_briefly(self) -> Iterator[None]:
        """On SQLite, shorten this connection's busy timeout (BEGIN IMMEDIATE waits on it)."""
        if self._on_postgresql:
            yield
            return
        self.db.execute_sql(f"PRAGMA busy_timeout = {QUICK_WRITE_WAIT_MS}")
        try:
            yield
        finally:
            self.db.execute_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _scope_key(project: object) -> str | None:
    """The project's lookup form, or None (matches no project) when it can't name one."""
    if not isinstance(project, str) or not project.strip():
        return None
    key = name_key(project.strip())
    # lone surrogates and NUL (PostgreSQL refuses it in text): no project has such a name
    return key if _encodable(key) and "\x00" not in key else None


def _log() -> logging.Logger:
    import logging  # only when something goes wrong: importing it costs ``qkeys verify`` ~8 ms

    return logging.getLogger(__name__)


def _digest(token: object) -> bytes | None:
    """SHA-256 of a token-shaped string (the cache key), or None for anything else."""
    if not isinstance(token, str) or len(token) != TOKEN_LENGTH:
        return None
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


def _encodable(text: str) -> bool:
    """Whether the database driver can take ``text`` (not so with lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

