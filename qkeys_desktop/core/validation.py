"""The rules for what a key and a project may be; each failure names the field and the fix."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from .errors import ValidationError
from .permissions import ALL_PERMISSIONS, PERMISSION_NAMES, Permission, combine

NAME_MAX = 64
MAX_LIFETIME = timedelta(days=3660)  # ~10 years; beyond that "never" is the honest choice
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def clean_name(raw: object, field: str = "name", what: str = "key") -> str:
    """Trim and check a key or project name; returns the name to store."""
    if not isinstance(raw, str):
        raise ValidationError(field, f"The {what} name must be text.")
    name = raw.strip()
    if not name:
        raise ValidationError(field, f"Enter a name for the {what}.")
    if len(name) > NAME_MAX:
        raise ValidationError(
            field, f"The {what} name is {len(name)} characters; shorten it to {NAME_MAX} or fewer."
        )
    if any(ch in _BIDI_CONTROLS for ch in name):
        raise ValidationError(
            field, f"The {what} name contains a text-direction control character; remove it."
        )
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") for ch in name):
        raise ValidationError(
            field, f"The {what} name contains a control or invisible character; remove it."
        )
    return name


def name_key(name: str) -> str:
    """The form under which names must be unique: case-insensitive."""
    return name.casefold()


def check_permissions(permissions: Iterable[Permission | str]) -> int:
    """Validate a selection of permissions (objects or names); returns the bit mask."""
    chosen: list[Permission] = []
    for item in permissions:
        if isinstance(item, Permission):
            chosen.append(item)
            continue
        try:
            if not str(item).isascii():  # upper() would turn "wrıte" into "WRITE"
                raise KeyError(item)
            chosen.append(Permission[str(item).strip().upper()])
        except KeyError:
            raise ValidationError(
                "permissions",
                f"Unknown permission {str(item)!r}; choose from {', '.join(PERMISSION_NAMES)}.",
            ) from None
    mask = combine(chosen)
    if not mask:
        raise ValidationError("permissions", "Choose at least one permission.")
    if int(mask) & ~int(combine(ALL_PERMISSIONS)):  # not `mask & ~...`: ~ on a Flag keeps its bits
        raise ValidationError("permissions", "Unknown permission bits; choose from the list.")
    return mask


def check_scope(projects: Sequence[str] | None) -> list[str] | None:
    """``None`` means all projects; otherwise a non-empty list of project names."""
    if projects is None:
        return None
    names = [p.strip() for p in projects if p.strip()]
    if not names:
        raise ValidationError(
            "projects", "Choose at least one project, or allow the key for all projects."
        )
    return list(dict.fromkeys(names))


def check_expiration(expires_at: datetime | None, now: datetime) -> datetime | None:
    """An expiration must be an aware moment in the future and not absurdly far; None is never."""
    if expires_at is None:
        return None
    if expires_at.tzinfo is None:
        raise ValidationError("expiration", "The expiration needs a time zone.")
    if expires_at <= now:
        raise ValidationError(
            "expiration", "The expiration is in the past; choose a later date (tomorrow or after)."
        )
    if expires_at - now > MAX_LIFETIME:
        raise ValidationError(
            "expiration", "The expiration is more than 10 years away; choose 'never' instead."
        )
    return expires_at.astimezone(UTC)
