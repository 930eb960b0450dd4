"""Opt-in limits per key: a number of uses (Unkey's credits, Vault's ``num_uses``), optionally
refilled daily or monthly, and a rate limit (N valid verifications per second, minute or hour).

A key with limits costs verification one atomic UPDATE (:func:`spend_sql`): it spends a use and
counts the call in its rate window only if both allow it, in one statement, so processes on one
registry never lose or double-spend a use (SQLite takes its write lock for it; PostgreSQL locks
the row and re-checks the WHERE clause on the row as the earlier writer left it). A key without
limits pays nothing: the columns come with the row verification reads anyway.

The rate limit is a fixed window (the current second, minute or hour since the epoch): simple to
make exact across processes with one counter per key, at the price of allowing up to 2×N calls
around a window's edge. Refills happen at the first verification of a new UTC day or month.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Final

from .errors import ValidationError

RATE_WINDOWS: Final = {"s": 1, "min": 60, "h": 3600}
_WINDOW_NAMES: Final = {1: "s", 60: "min", 3600: "h"}
REFILLS: Final = ("daily", "monthly")
USES_MAX: Final = 1_000_000_000
_RATE_RE = re.compile(r"(\d{1,9})\s*/\s*(s|sec|second|min|minute|h|hour)")
_UNIT = {"s": "s", "sec": "s", "second": "s", "min": "min", "minute": "min", "h": "h",
         "hour": "h"}

Rate = tuple[int, int]  # (at most this many valid verifications, per this many seconds)


def parse_rate(spec: str) -> Rate | None:
    """``10/min``, ``5/s``, ``1000/h`` → (count, window seconds); ``none`` → None."""
    text = spec.strip().lower()
    if text in ("none", "unlimited", "off"):
        return None
    match = _RATE_RE.fullmatch(text)
    if match is None or int(match.group(1)) < 1:
        raise ValidationError(
            "rate", f"Unknown rate limit {spec!r}; use N/s, N/min or N/h with N at least 1 "
            f"(e.g. 10/min), or none."
        )
    return int(match.group(1)), RATE_WINDOWS[_UNIT[match.group(2)]]


def check_rate(rate: Rate | None) -> Rate | None:
    """A rate as the store takes it: None, or (count ≥ 1, a window of 1, 60 or 3600 s)."""
    if rate is None:
        return None
    count, window = rate
    if not isinstance(count, int) or not 1 <= count <= USES_MAX or window not in _WINDOW_NAMES:
        raise ValidationError(
            "rate", "A rate limit is a number of at least 1 per second, minute or hour."
        )
    return count, window


def describe_rate(rate: Rate | None) -> str:
    """``10/min``, or "none"."""
    return "none" if rate is None else f"{rate[0]}/{_WINDOW_NAMES[rate[1]]}"


def parse_uses(spec: str) -> int | None:
    """``100`` → 100; ``unlimited`` → None."""
    text = spec.strip().lower()
    if text in ("unlimited", "none", "off"):
        return None
    if not text.isdigit():
        raise ValidationError(
            "uses", f"Unknown number of uses {spec!r}; give a whole number of at least 1, "
            f"or unlimited."
        )
    return check_uses(int(text))


def check_uses(uses: int | None) -> int | None:
    """None (unlimited) or a whole number from 1 to USES_MAX."""
    if uses is None:
        return None
    if isinstance(uses, bool) or not isinstance(uses, int) or not 1 <= uses <= USES_MAX:
        raise ValidationError(
            "uses", f"The number of uses must be a whole number from 1 to {USES_MAX:,}, or "
            f"unlimited."
        )
    return uses


def check_refill(refill: str | None, uses: int | None) -> str | None:
    """None, "daily" or "monthly" — only for a key with a number of uses."""
    if refill is None:
        return None
    text = refill.strip().lower()
    if text in ("none", "never", "off"):
        return None
    if text not in REFILLS:
        raise ValidationError("refill", f"Unknown refill {refill!r}; use daily, monthly or none.")
    if uses is None:
        raise ValidationError("refill", "A refill needs a number of uses to refill to; "
                                        "set --uses too.")
    return text


def period_start(refill: str | None, now: int) -> int:
    """The start (epoch seconds, UTC) of the refill period ``now`` falls in; 0 without refill."""
    if refill is None:
        return 0
    moment = datetime.fromtimestamp(now, UTC)
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return int((day if refill == "daily" else day.replace(day=1)).timestamp())


def window_start(window: int | None, now: int) -> int:
    """The start of the rate window ``now`` falls in; 0 without a rate limit."""
    return 0 if not window else now - now % window


def spend_sql(p: str) -> str:
    """One UPDATE spending a use and counting the call in its rate window, only if both allow
    (parameters: :func:`spend_params`). Its row count says whether the verification may pass."""
    refilled = f"(uses_refill IS NOT NULL AND COALESCE(uses_refilled_at, 0) < {p})"
    return (
        "UPDATE api_key SET "
        f"uses_remaining = CASE WHEN uses_remaining IS NULL THEN NULL WHEN {refilled} "
        "THEN uses_limit - 1 ELSE uses_remaining - 1 END, "
        f"uses_refilled_at = CASE WHEN {refilled} THEN {p} ELSE uses_refilled_at END, "
        f"rate_count = CASE WHEN rate_limit IS NULL THEN rate_count "
        f"WHEN rate_window_start = {p} THEN rate_count + 1 ELSE 1 END, "
        f"rate_window_start = CASE WHEN rate_limit IS NULL THEN rate_window_start ELSE {p} END "
        f"WHERE id = {p} "
        f"AND (uses_remaining IS NULL OR uses_remaining > 0 OR {refilled}) "
        f"AND (rate_limit IS NULL OR rate_window_start IS NULL OR rate_window_start <> {p} "
        "OR rate_count < rate_limit)"
    )


def spend_params(pk: int, refill: str | None, window: int | None, now: int) -> tuple[int, ...]:
    """The parameters of :func:`spend_sql`, in its order."""
    period, start = period_start(refill, now), window_start(window, now)
    return (period, period, period, start, start, pk, period, start)


def why_refused(row: tuple[int | None, ...], now: float) -> tuple[bool, float | None]:
    """After a refused spend, from the limit columns as they are now (uses_remaining,
    uses_refill, uses_refilled_at, rate_window, rate_window_start): whether the uses ran out
    (else the rate limit held), and the seconds until the rate window ends."""
    remaining, refill, refilled_at, window, start = row
    refill_due = refill is not None and (refilled_at or 0) < period_start(
        str(refill), int(now))
    if remaining is not None and remaining <= 0 and not refill_due:
        return True, None
    if not window or start is None:
        return False, None
    return False, max(0.0, start + window - now)


REFUSAL_SQL_COLUMNS: Final = (
    "uses_remaining, uses_refill, uses_refilled_at, rate_window, rate_window_start"
)
