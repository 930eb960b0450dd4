"""Checking a presented token, in the order DESIGN.md fixes, without ever raising.

parse → checksum → look up by id → expired? → argon2 → action → project → last use.
Every call reads the key's row (one indexed lookup), so a delete or an expiry takes effect on the
very next call in every process; only the argon2 step is skipped for a token this process has
already verified against the same stored hash.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import peewee

from .hashing import SecretHasher
from .permissions import Permission
from .tokens import TokenFormatError, parse_token
from .validation import name_key

log = logging.getLogger(__name__)

LAST_USED_INTERVAL = 60  # seconds: record use at most once a minute per key, not per call
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


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """The verdict; ``reason`` names why a token was rejected, ``key_id`` whose it was if known."""

    ok: bool
    reason: str | None = None
    key_id: str | None = None

    def __bool__(self) -> bool:
        return self.ok


def _reject(reason: str, key_id: str | None = None) -> VerifyResult:
    return VerifyResult(False, reason, key_id)


class Verifier:
    """Verifies tokens against one database; remembers argon2 successes for this process."""

    def __init__(
        self, db: peewee.Database, hasher: SecretHasher, clock: Callable[[], datetime]
    ) -> None:
        self.db = db
        self.hasher = hasher
        self.clock = clock
        self._verified: dict[str, tuple[str, bytes]] = {}  # key id → (hash, sha256 of secret)
        self._lock = threading.Lock()
        p = db.param
        self._lookup_sql = (
            "SELECT id, secret_hash, permissions, all_projects, expires_at, last_used_at "
            f"FROM api_key WHERE key_id = {p}"
        )
        self._scope_sql = (
            "SELECT 1 FROM key_project JOIN project ON project.id = key_project.project_id "
            f"WHERE key_project.key_id = {p} AND project.name_key = {p}"
        )
        self._touch_sql = f"UPDATE api_key SET last_used_at = {p} WHERE id = {p}"
        self._rehash_sql = f"UPDATE api_key SET secret_hash = {p} WHERE id = {p}"

    def verify(self, token: object, action: object, project: object = None) -> VerifyResult:
        """Check ``token`` for ``action`` on ``project`` (None: no project); never raises."""
        try:
            return self._verify(token, action, project)
        except Exception as error:  # a database fault must reject, not crash the caller
            log.warning("verification failed: %s", type(error).__name__)
            return _reject(UNAVAILABLE)

    def _verify(self, token: object, action: object, project: object) -> VerifyResult:
        try:
            parsed = parse_token(token)
        except TokenFormatError as error:
            return _reject(error.reason)
        permission = _permission(action)
        if permission is None:
            return _reject(UNKNOWN_ACTION, parsed.key_id)
        row = self.db.execute_sql(self._lookup_sql, (parsed.key_id,)).fetchone()
        if row is None:
            return _reject(UNKNOWN_KEY, parsed.key_id)
        pk, stored_hash, permissions, all_projects, expires_at, last_used_at = row
        now = int(self.clock().timestamp())
        if expires_at is not None and expires_at <= now:
            return _reject(EXPIRED, parsed.key_id)
        if not self._secret_matches(parsed.key_id, pk, stored_hash, parsed.secret):
            return _reject(MISMATCH, parsed.key_id)
        if not permissions & permission:
            return _reject(NOT_PERMITTED, parsed.key_id)
        if not all_projects and not self._in_scope(pk, project):
            return _reject(OUT_OF_SCOPE, parsed.key_id)
        if last_used_at is None or now - last_used_at >= LAST_USED_INTERVAL:
            self._touch(pk, now)
        return VerifyResult(True, None, parsed.key_id)

    def _secret_matches(self, key_id: str, pk: int, stored_hash: str, secret: str) -> bool:
        digest = hashlib.sha256(secret.encode()).digest()
        with self._lock:
            remembered = self._verified.get(key_id)
        if remembered and remembered[0] == stored_hash:
            return hmac.compare_digest(remembered[1], digest)
        if not self.hasher.matches(stored_hash, secret):
            return False
        if self.hasher.needs_rehash(stored_hash):
            stored_hash = self.hasher.hash(secret)
            with self.db.atomic():
                self.db.execute_sql(self._rehash_sql, (stored_hash, pk))
        with self._lock:
            if len(self._verified) >= _CACHE_LIMIT:
                self._verified.clear()
            self._verified[key_id] = (stored_hash, digest)
        return True

    def _in_scope(self, pk: int, project: object) -> bool:
        if not isinstance(project, str) or not project.strip():
            return False
        key = name_key(project.strip())
        return self.db.execute_sql(self._scope_sql, (pk, key)).fetchone() is not None

    def _touch(self, pk: int, now: int) -> None:
        """Record use; a busy database must not turn a valid key into a rejection."""
        try:
            with self.db.atomic():
                self.db.execute_sql(self._touch_sql, (now, pk))
        except peewee.OperationalError as error:
            log.info("last-used time not recorded: %s", error)


def _permission(action: object) -> Permission | None:
    if not isinstance(action, str):
        return None
    try:
        return Permission[action.strip().upper()]
    except KeyError:
        return None
