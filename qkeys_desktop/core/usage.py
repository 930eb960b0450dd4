"""Counting verification outcomes per key, in hourly buckets, written about once a minute.

Every verification that names a key (valid, or rejected as mismatch, expired, disabled, not
permitted, out of scope, usage exhausted, rate limited) adds one to a counter in memory: (key,
hour, outcome, client). The counters go to the ``key_usage`` table in one transaction at most
once a :data:`FLUSH_INTERVAL` per process — so a busy app pays a dictionary update per call, not
a write — and when the registry is closed (``Store.close``; ``qkeys verify`` flushes before it
exits). A process killed in between loses at most that minute's counts; a flush that cannot be
written keeps them for the next one. The upsert is the same SQL on SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Final

from .tokens import has_secret

if TYPE_CHECKING:  # records only where a summary is made: it costs ``qkeys verify`` 5 ms
    from .connection import Database
    from .records import KeyUsage

FLUSH_INTERVAL: Final = 60  # seconds
BUCKET: Final = 3600  # one row per key, hour, outcome and client
VALID: Final = "valid"
CLIENT_MAX: Final = 128
_PENDING_MAX: Final = 100_000  # buckets kept when the registry cannot take them


def clean_client(client: object) -> str:
    """The client label as stored ("" for none): trimmed, printable, at most CLIENT_MAX
    characters, and never a token (a label that holds one is dropped, not stored)."""
    if not isinstance(client, str):
        return ""
    text = "".join(ch for ch in client.strip() if ch.isprintable())[:CLIENT_MAX]
    return "" if has_secret(text) else text


class UsageRecorder:
    """Counts outcomes in memory and writes them out now and then; thread-safe."""

    def __init__(self, db: Database, now: Callable[[], int]) -> None:
        self.db = db
        self._now = now
        self._lock = threading.Lock()
        self._pending: Counter[tuple[int, int, str, str]] = Counter()
        self._flushed_at = now()
        p = db.param
        self._upsert_sql = (
            "INSERT INTO key_usage (key_ref, hour, outcome, client, count) "
            f"VALUES ({p}, {p}, {p}, {p}, {p}) ON CONFLICT (key_ref, hour, outcome, client) "
            "DO UPDATE SET count = key_usage.count + excluded.count"
        )

    def record(self, pk: int, outcome: str, client: str, now: int) -> None:
        """One verification of key ``pk`` ended so; written at the next flush."""
        with self._lock:
            self._pending[(pk, now - now % BUCKET, outcome, client)] += 1
            due = now - self._flushed_at >= FLUSH_INTERVAL
        if due:
            self.flush()

    def flush(self) -> bool:
        """Write what was counted since the last flush; False (counts kept) if it failed."""
        with self._lock:
            pending, self._pending = self._pending, Counter()
            self._flushed_at = self._now()
        if not pending:
            return True
        try:
            with self.db.atomic():
                for (pk, hour, outcome, client), count in pending.items():
                    self.db.execute_sql(self._upsert_sql, (pk, hour, outcome, client, count))
        except Exception:  # locked, read-only, a verify-only role: keep them for next time
            with self._lock:
                if len(self._pending) < _PENDING_MAX:
                    self._pending.update(pending)
            return False
        return True


def summarize_usage(rows: Sequence[Sequence[object]], first: date, days: int) -> KeyUsage:
    """A :class:`~.records.KeyUsage` from key_usage rows (hour, outcome, client, count) since
    the UTC day ``first``: every one of the ``days`` days listed, used or not."""
    from .records import KeyUsage

    valid: Counter[date] = Counter()
    rejected: Counter[date] = Counter()
    by_reason: Counter[str] = Counter()
    by_client: Counter[str] = Counter()
    for hour, outcome, client, count in rows:
        day = datetime.fromtimestamp(int(str(hour)), UTC).date()
        amount = int(str(count))
        if outcome == VALID:
            valid[day] += amount
        else:
            rejected[day] += amount
            by_reason[str(outcome)] += amount
        by_client[str(client)] += amount
    span = [first + timedelta(days=n) for n in range(days)]
    return KeyUsage(tuple((day, valid[day], rejected[day]) for day in span),
                    dict(by_reason.most_common()), dict(by_client.most_common()))


UNUSED_DAYS: Final = 90  # a key unused this long is a candidate for deletion


def unused(created_at: datetime, last_used_at: datetime | None, now: datetime,
           days: int = UNUSED_DAYS) -> bool:
    """Whether a key is a candidate for deletion: created at least ``days`` ago and not used
    since (never, or last ``days`` or more ago). A new key is not flagged for want of use yet.
    Last use is written at most every few minutes (LAST_USED_INTERVAL): exact enough here."""
    cutoff = now - timedelta(days=days)
    return created_at <= cutoff and (last_used_at is None or last_used_at <= cutoff)
