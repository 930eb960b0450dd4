"""Turning expiration choices (``30d``, ``1y``, a date, ``never``) into moments."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from .errors import ValidationError

PRESET_DAYS: dict[str, int] = {"7d": 7, "30d": 30, "60d": 60, "90d": 90, "1y": 365}
DEFAULT_PRESET = "30d"
EXPIRY_SOON = timedelta(days=7)
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def start_of_local_day(day: date) -> datetime:
    """A key set to expire "on" a date stops working at the start of that day, local time."""
    return datetime.combine(day, time.min).astimezone()


def parse_expiration(spec: str, now: datetime) -> datetime | None:
    """Parse ``7d|30d|60d|90d|1y|YYYY-MM-DD|never``; raises ValidationError with the fix."""
    text = spec.strip().lower()
    if text == "never":
        return None
    if text in PRESET_DAYS:
        return now + timedelta(days=PRESET_DAYS[text])
    if _DATE_RE.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                "expiration", f"{spec!r} is not a real date; use YYYY-MM-DD, e.g. 2027-01-31."
            ) from None
        try:
            return start_of_local_day(day)
        except (ValueError, OverflowError):  # e.g. 0001-01-01 east of UTC falls in year 0
            raise ValidationError(
                "expiration", f"{spec!r} is out of range; choose a date in the next 10 years."
            ) from None
    raise ValidationError(
        "expiration",
        f"Unknown expiration {spec!r}; use 7d, 30d, 60d, 90d, 1y, a date YYYY-MM-DD, or never.",
    )


_WINDOW_RE = re.compile(r"(\d{1,4})([hdw])")
_WINDOW_UNITS = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}


def parse_window(spec: str) -> timedelta:
    """Parse a look-ahead like ``24h``, ``7d`` or ``2w``; raises ValidationError with the fix."""
    match = _WINDOW_RE.fullmatch(spec.strip().lower())
    if match is None or int(match.group(1)) == 0:
        raise ValidationError(
            "within", f"Unknown time span {spec!r}; use a number of hours, days or weeks, "
            f"e.g. 24h, 7d or 2w."
        )
    return int(match.group(1)) * _WINDOW_UNITS[match.group(2)]


_OVERLAP_RE = re.compile(r"(\d{1,5})([mhd])")
_OVERLAP_UNITS = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1)}


def parse_overlap(spec: str) -> timedelta:
    """Parse how long a rotated token keeps working: ``0`` (none), ``30m``, ``1h``, ``24h``,
    ``7d``; raises ValidationError with the fix. The upper bound is the Store's to enforce."""
    text = spec.strip().lower()
    if text in ("0", "none"):
        return timedelta(0)
    match = _OVERLAP_RE.fullmatch(text)
    if match is None:
        raise ValidationError(
            "overlap", f"Unknown overlap {spec!r}; use 0 (none) or a number of minutes, hours "
            f"or days, e.g. 30m, 1h, 24h or 7d."
        )
    return int(match.group(1)) * _OVERLAP_UNITS[match.group(2)]


def describe_span(span: timedelta) -> str:
    """A span as briefly as a person says it: ``0``, ``90m``, ``1h``, ``24h``, ``7d`` (days
    from two on: a day is said as 24h, as the overlap presets say it)."""
    minutes = int(span.total_seconds()) // 60
    day = 24 * 60
    if minutes == 0:
        return "0"
    if minutes % day == 0 and minutes >= 2 * day:
        return f"{minutes // day}d"
    return f"{minutes // 60}h" if minutes % 60 == 0 else f"{minutes}m"
