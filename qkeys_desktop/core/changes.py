"""What an edit changed, said once for the audit trail: "permissions: Read → Read, Write"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from .limits import Rate, describe_rate
from .permissions import permission_names
from .records import KeyRecord


class Unchanged:
    """The type of :data:`UNCHANGED`: "leave this as it is" where None means something."""

    _instance: Unchanged | None = None

    def __new__(cls) -> Unchanged:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNCHANGED"


#: For arguments where None has a meaning of its own (no expiry, all projects).
UNCHANGED: Final = Unchanged()
_QUOTE_MAX = 60


def describe_expiry_utc(moment: datetime | None) -> str:
    """An expiry as the audit trail states it: the same for every reader, whatever their zone."""
    return "never" if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def describe_changes(
    old: KeyRecord,
    name: str,
    description: str,
    permissions: int,
    old_scope: list[str] | None,
    scope: list[str] | None,
    expires_at: datetime | None,
) -> str:
    """Each changed field as "field: before → after", joined by "; " ("" when nothing did)."""
    parts = []
    if name != old.name:
        parts.append(f"name: {old.name!r} → {name!r}")
    if description != old.description:
        parts.append(f"description: {_quoted(old.description)} → {_quoted(description)}")
    if permissions != old.permissions:
        parts.append(f"permissions: {_permissions(old.permissions)} → {_permissions(permissions)}")
    if scope != old_scope:
        parts.append(f"scope: {_scope(old_scope)} → {_scope(scope)}")
    if expires_at != old.expires_at:
        parts.append(
            f"expires: {describe_expiry_utc(old.expires_at)} → {describe_expiry_utc(expires_at)}"
        )
    return "; ".join(parts)


def _quoted(text: str) -> str:
    if not text:
        return "(none)"
    line = " ".join(text.split())
    return repr(line if len(line) <= _QUOTE_MAX else line[: _QUOTE_MAX - 1] + "…")


def _permissions(mask: int) -> str:
    return ", ".join(name.capitalize() for name in permission_names(mask))


def _scope(scope: list[str] | None) -> str:
    return "all projects" if scope is None else ", ".join(scope)


def describe_limits(uses: int | None, refill: str | None, rate: Rate | None) -> str:
    """A new key's limits for its creation event ("" without any): "; 100 uses (refilled
    daily); at most 10/min"."""
    parts = []
    if uses is not None:
        parts.append(f"{uses:,} uses" + ("" if refill is None else f" (refilled {refill})"))
    if rate is not None:
        parts.append(f"at most {describe_rate(rate)}")
    return "".join(f"; {part}" for part in parts)


def describe_limit_change(old_uses: int | None, old_refill: str | None, old_rate: Rate | None,
                          uses: int | None, refill: str | None, rate: Rate | None, *,
                          restarted: bool = True) -> str:
    """An edit's limits as "uses: unlimited → 100 (refilled daily); rate limit: none → 10/min".
    ``restarted``: a number of uses was given anew, which restarts their count even when it
    stays the same ("uses: 100 → 100")."""
    parts = []
    if (uses, refill) != (old_uses, old_refill) or (restarted and uses is not None):
        parts.append(f"uses: {_uses(old_uses, old_refill)} → {_uses(uses, refill)}")
    if rate != old_rate:
        parts.append(f"rate limit: {describe_rate(old_rate)} → {describe_rate(rate)}")
    return "; ".join(parts)


def _uses(uses: int | None, refill: str | None) -> str:
    if uses is None:
        return "unlimited"
    return f"{uses:,}" + ("" if refill is None else f" (refilled {refill})")
