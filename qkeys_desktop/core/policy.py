"""The registry's lifetime policy (GitLab's maximum token lifetime, GitHub's organisation rule).

Stored in the registry itself, so a shared team registry enforces it for everyone who issues
keys there. Creating, editing and rotating a key outside it is refused with a message that names
the policy; keys made before it was set are flagged (:func:`violation`), never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from .errors import ValidationError


@dataclass(frozen=True, slots=True)
class RegistryPolicy:
    """``max_lifetime_days``: how far ahead a key may expire (None: up to the 10-year cap);
    ``allow_never``: whether a key may have no expiration at all."""

    max_lifetime_days: int | None = None
    allow_never: bool = True

    def describe(self) -> str:
        """One line, as Settings and ``qkeys policy show`` say it."""
        lifetime = ("no maximum lifetime" if self.max_lifetime_days is None
                    else f"keys live at most {self.max_lifetime_days} days")
        never = "keys may never expire" if self.allow_never else "every key must expire"
        return f"{lifetime}; {never}"


NO_POLICY = RegistryPolicy()
LONGEST_LIFETIME_DAYS = 3660  # the 10-year cap every expiration has anyway
_SPAN_RE = re.compile(r"(\d{1,5})([dwy])")
_SPAN_DAYS = {"d": 1, "w": 7, "y": 365}


def parse_lifetime(spec: str) -> int | None:
    """``90d``, ``12w``, ``1y`` → days; ``none`` → None. ValidationError names the forms."""
    text = spec.strip().lower()
    if text in ("none", "no", "off"):
        return None
    match = _SPAN_RE.fullmatch(text)
    days = 0 if match is None else int(match.group(1)) * _SPAN_DAYS[match.group(2)]
    if not 1 <= days <= LONGEST_LIFETIME_DAYS:
        raise ValidationError(
            "max_lifetime", f"Unknown maximum lifetime {spec!r}; use a number of days, weeks or "
            f"years between 1d and 10y (e.g. 90d, 12w, 1y), or none."
        )
    return days


def check_lifetime_days(days: object) -> int | None:
    """A maximum lifetime as the Python API may be given it: None, or whole days from 1 to the
    10-year cap (0 or less would refuse every key; a bool or float is a mistake)."""
    if days is None:
        return None
    if isinstance(days, bool) or not isinstance(days, int) or not (
            1 <= days <= LONGEST_LIFETIME_DAYS):
        raise ValidationError(
            "max_lifetime", f"The maximum lifetime must be a whole number of days from 1 to "
            f"{LONGEST_LIFETIME_DAYS}, or None for no maximum; not {days!r}."
        )
    return days


def check_against(policy: RegistryPolicy, expires_at: datetime | None, now: datetime) -> None:
    """Refuse an expiration that the registry's policy does not allow (ValidationError)."""
    if expires_at is None:
        if not policy.allow_never:
            raise ValidationError(
                "expiration", f"This registry's policy requires every key to expire"
                f"{_at_most(policy)}; choose an expiration date."
            )
        return
    limit = policy.max_lifetime_days
    if limit is not None and expires_at - now > timedelta(days=limit, minutes=1):
        raise ValidationError(
            "expiration", f"This registry's policy allows keys to live at most {limit} days; "
            f"choose an expiration on or before {(now + timedelta(days=limit)).date()}."
        )


def violation(policy: RegistryPolicy, created_or_rotated: datetime,
              expires_at: datetime | None) -> str | None:
    """Why an existing key breaks the policy (it is flagged, not changed), or None."""
    if expires_at is None:
        return None if policy.allow_never else "never expires, which the policy no longer allows"
    limit = policy.max_lifetime_days
    if limit is not None and expires_at - created_or_rotated > timedelta(days=limit, minutes=1):
        return f"lives longer than the policy's {limit} days"
    return None


def _at_most(policy: RegistryPolicy) -> str:
    days = policy.max_lifetime_days
    return "" if days is None else f" within {days} days"
