"""The window's words for things: dates, relative times, scopes, permissions, expiration
choices and lists — each written one way, wherever it is shown.

Dates go through QLocale (its default: the system's, unless ``QLocale.setDefault`` chose
another), so month and day names follow the user's language the same way in every table,
tooltip and dialog. The rest of the window, and so the words around a date, is English.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QLocale, QTime

from ..core.expiration import PRESET_DAYS
from ..core.permissions import ALL_PERMISSIONS, Permission, permission_names
from ..core.relative_time import ago

# -- dates and times ----------------------------------------------------------------------------

DATE_PATTERN = "MMM d, yyyy"  # "Dec 1, 2026": short enough for a column, unambiguous
_TIME_PATTERN = "HH:mm"
_FULL_DATE_PATTERN = "dddd, MMMM d, yyyy"
_FULL_TIME_PATTERN = "HH:mm:ss"


def _date(local: datetime) -> str:
    return QLocale().toString(QDate(local.year, local.month, local.day), DATE_PATTERN)


def _time(local: datetime, pattern: str) -> str:
    return QLocale().toString(QTime(local.hour, local.minute, local.second), pattern)


def format_date(moment: datetime) -> str:
    """The local date, e.g. "Dec 1, 2026" ("Dez. 1, 2026" in German)."""
    return _date(moment.astimezone())


def format_date_time(moment: datetime) -> str:
    """The local date and time to the minute, e.g. "Nov 29, 2026 14:05"."""
    local = moment.astimezone()
    return f"{_date(local)} {_time(local, _TIME_PATTERN)}"


def format_full(moment: datetime) -> str:
    """Every detail, for tooltips: "Sunday, November 29, 2026 at 14:05:09 CET"."""
    local = moment.astimezone()
    day = QLocale().toString(QDate(local.year, local.month, local.day), _FULL_DATE_PATTERN)
    return f"{day} at {_time(local, _FULL_TIME_PATTERN)} {local.tzname() or ''}".rstrip()


def amount(count: int, unit: str) -> str:
    """ "1 hour", "3 hours"."""
    return f"{count} {unit}{'' if count == 1 else 's'}"


def format_ago(moment: datetime | None, now: datetime) -> str:
    """ "Never", "just now", "5 min ago", "3 hours ago", "yesterday", "4 days ago", or a date."""
    if moment is None:
        return "Never"
    return ago(moment, now, timedelta(days=30)) or format_date(moment)


def format_expiry(moment: datetime | None, now: datetime) -> str:
    """ "Never", "Expired", "in 3 days" within a week, otherwise the date."""
    if moment is None:
        return "Never"
    left = moment - now
    if left <= timedelta(0):
        return "Expired"
    if left > timedelta(days=7):
        return format_date(moment)
    seconds = left.total_seconds()
    if seconds < 3600:
        return f"in {max(1, round(seconds / 60))} min"
    if seconds < 86400 - 1800:
        return f"in {amount(round(seconds / 3600), 'hour')}"
    return f"in {amount(round(seconds / 86400), 'day')}"


def expiry_date(moment: datetime) -> str:
    """The day a key expires and how far off it is: "Mar 2, 2027 (in 90 days)"."""
    days = (moment.astimezone().date() - date.today()).days
    when = "today" if days <= 0 else "tomorrow" if days == 1 else f"in {days} days"
    return f"{format_date(moment)} ({when})"


# -- what a key may do, and where ---------------------------------------------------------------

ALL_PROJECTS = "All projects"
_ALL_MASK = sum(ALL_PERMISSIONS)


def scope_text(all_projects: bool, projects: Sequence[str]) -> str:
    """ "All projects", or the project names."""
    return ALL_PROJECTS if all_projects else ", ".join(projects)


def scope_tip(all_projects: bool, projects: Sequence[str]) -> str:
    """The scope for a tooltip: "Any project", or one project a line."""
    return "Any project" if all_projects else "\n".join(projects)


def permission_label(permission: Permission) -> str:
    """ "Read": a permission as the window names it."""
    return (permission.name or "").capitalize()


def permission_list(mask: int) -> str:
    """Every permission in ``mask``, in the core's order: "Read, Write"."""
    return ", ".join(name.capitalize() for name in permission_names(mask))


def permission_summary(mask: int) -> str:
    """ "All" when ``mask`` holds every permission, otherwise :func:`permission_list`."""
    return "All" if mask & _ALL_MASK == _ALL_MASK else permission_list(mask)


# -- expiration choices -------------------------------------------------------------------------

NEVER = "never"
_UNITS = {"d": "day", "y": "year"}

#: (preset, label) for each of the core's expiration presets: ("7d", "7 days"), ("1y", "1 year")…
EXPIRATION_PRESETS: tuple[tuple[str, str], ...] = tuple(
    (preset, amount(int(preset[:-1]), _UNITS[preset[-1]])) for preset in PRESET_DAYS
)
NO_EXPIRATION: tuple[str, str] = (NEVER, "No expiration")


# -- lists --------------------------------------------------------------------------------------

_LISTED = 8  # lines a bulleted list spells out before "and N more"


def bullet_list(lines: Sequence[str]) -> str:
    """The lines as a bulleted list for a confirmation: the first eight, then "and N more"."""
    shown = [f"• {line}" for line in lines[:_LISTED]]
    if len(lines) > _LISTED:
        shown.append(f"• and {len(lines) - _LISTED} more")
    return "\n".join(shown)


def in_window_quotes(message: str, name: str) -> str:
    """A core message about ``name`` with the window's “…” around it instead of the repr
    quotes the core (and so the command line) writes: one way of quoting in every dialog."""
    return message.replace(repr(name), f"“{name}”")
