"""The window's words for things: dates, relative times, scopes, permissions, expiration
choices and lists — each written one way, wherever it is shown, in the window's language
(``translate("Wording", …)``; see ui/i18n.py).

Dates go through QLocale (its default follows the window's language: i18n.install_translators),
so month and day names follow the user's language the same way in every table, tooltip and
dialog; the patterns that order day, month and year are translated too ("d. MMM yyyy").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QLocale, QTime

from ..core.expiration import PRESET_DAYS
from ..core.permissions import ALL_PERMISSIONS, Permission
from ..core.relative_time import elapsed
from .i18n import QT_TRANSLATE_NOOP, translate

# -- dates and times ----------------------------------------------------------------------------

#: "Dec 1, 2026": short enough for a column, unambiguous (German: "1. Dez. 2026"); the window's
#: language's pattern is :func:`date_pattern`
DATE_PATTERN = QT_TRANSLATE_NOOP("Wording", "MMM d, yyyy")
_FULL_DATE_PATTERN = QT_TRANSLATE_NOOP("Wording", "dddd, MMMM d, yyyy")
_TIME_PATTERN = "HH:mm"
_FULL_TIME_PATTERN = "HH:mm:ss"


def date_pattern() -> str:
    """The QLocale pattern of a short date in the window's language (a date field's format)."""
    return translate("Wording", DATE_PATTERN)


def _date(local: datetime) -> str:
    return QLocale().toString(QDate(local.year, local.month, local.day), date_pattern())


def _time(local: datetime, pattern: str) -> str:
    return QLocale().toString(QTime(local.hour, local.minute, local.second), pattern)


def format_date(moment: datetime) -> str:
    """The local date, e.g. "Dec 1, 2026" ("1. Dez. 2026" in German)."""
    return _date(moment.astimezone())


def format_date_time(moment: datetime) -> str:
    """The local date and time to the minute, e.g. "Nov 29, 2026 14:05"."""
    local = moment.astimezone()
    return f"{_date(local)} {_time(local, _TIME_PATTERN)}"


def format_full(moment: datetime) -> str:
    """Every detail, for tooltips: "Sunday, November 29, 2026 at 14:05:09 CET"."""
    local = moment.astimezone()
    day = QLocale().toString(QDate(local.year, local.month, local.day),
                             translate("Wording", _FULL_DATE_PATTERN))
    when = translate("Wording", "{day} at {time}").format(
        day=day, time=_time(local, _FULL_TIME_PATTERN))
    return f"{when} {local.tzname() or ''}".rstrip()


def format_ago(moment: datetime | None, now: datetime) -> str:
    """ "Never", "just now", "5 min ago", "3 hours ago", "yesterday", "4 days ago", or a date
    (the units and counts: core.relative_time.elapsed, as the CLI's)."""
    if moment is None:
        return translate("Wording", "Never")
    part = elapsed(moment, now, timedelta(days=30))
    if part is None:
        return format_date(moment)
    unit, count = part
    if unit == "now":
        return translate("Wording", "just now")
    if unit == "minutes":
        return translate("Wording", "%n min ago", "", count)
    if unit == "hours":
        return translate("Wording", "%n hour(s) ago", "", count)
    if count == 1:
        return translate("Wording", "yesterday")
    return translate("Wording", "%n day(s) ago", "", count)


def format_expiry(moment: datetime | None, now: datetime) -> str:
    """ "Never", "Expired", "in 3 days" within a week, otherwise the date."""
    if moment is None:
        return translate("Wording", "Never")
    left = moment - now
    if left <= timedelta(0):
        return translate("Wording", "Expired")
    if left > timedelta(days=7):
        return format_date(moment)
    seconds = left.total_seconds()
    # (each count in a name of its own: lupdate loses a call whose count is an expression)
    if seconds < 3600:
        minutes = max(1, round(seconds / 60))
        return translate("Wording", "in %n min", "", minutes)
    if seconds < 86400 - 1800:
        hours = round(seconds / 3600)
        return translate("Wording", "in %n hour(s)", "", hours)
    days = round(seconds / 86400)
    return translate("Wording", "in %n day(s)", "", days)


def expiry_date(moment: datetime) -> str:
    """The day a key expires and how far off it is: "Mar 2, 2027 (in 90 days)"."""
    days = (moment.astimezone().date() - date.today()).days
    if days <= 0:
        text = translate("Wording", "{date} (today)")
    elif days == 1:
        text = translate("Wording", "{date} (tomorrow)")
    else:
        text = translate("Wording", "{date} (in %n day(s))", "", days)
    return text.format(date=format_date(moment))


# -- what a key may do, and where ---------------------------------------------------------------

_ALL_MASK = sum(ALL_PERMISSIONS)
# the permissions' display names (their identifiers, "create"…, stay as they are in data and CLI)
_PERMISSION_NAMES: dict[Permission, str] = {
    Permission.CREATE: QT_TRANSLATE_NOOP("Wording", "Create"),
    Permission.READ: QT_TRANSLATE_NOOP("Wording", "Read"),
    Permission.WRITE: QT_TRANSLATE_NOOP("Wording", "Write"),
    Permission.DELETE: QT_TRANSLATE_NOOP("Wording", "Delete"),
    Permission.INVITE: QT_TRANSLATE_NOOP("Wording", "Invite"),
}


def scope_text(all_projects: bool, projects: Sequence[str]) -> str:
    """ "All projects", or the project names."""
    return translate("Wording", "All projects") if all_projects else ", ".join(projects)


def scope_tip(all_projects: bool, projects: Sequence[str]) -> str:
    """The scope for a tooltip: "Any project", or one project a line."""
    return translate("Wording", "Any project") if all_projects else "\n".join(projects)


def permission_label(permission: Permission) -> str:
    """ "Read": a permission as the window names it."""
    return translate("Wording", _PERMISSION_NAMES[permission])


def permission_list(mask: int) -> str:
    """Every permission in ``mask``, in the core's order: "Read, Write"."""
    return ", ".join(permission_label(p) for p in ALL_PERMISSIONS if mask & p)


def permission_summary(mask: int) -> str:
    """ "All" when ``mask`` holds every permission, otherwise :func:`permission_list`."""
    if mask & _ALL_MASK == _ALL_MASK:
        return translate("Wording", "All", "every permission")
    return permission_list(mask)


# -- expiration choices -------------------------------------------------------------------------

NEVER = "never"


def preset_label(preset: str) -> str:
    """An expiration preset of the core's in words: "7d" → "7 days", "1y" → "1 year"."""
    count = int(preset[:-1])
    if preset.endswith("y"):
        return translate("Wording", "%n year(s)", "", count)
    return translate("Wording", "%n day(s)", "", count)


def expiration_presets() -> list[tuple[str, str]]:
    """(preset, label) for each of the core's expiration presets: ("7d", "7 days")…"""
    return [(preset, preset_label(preset)) for preset in PRESET_DAYS]


def no_expiration() -> tuple[str, str]:
    """The choice of no expiration, as (preset, label)."""
    return NEVER, translate("Wording", "No expiration")


# -- lists --------------------------------------------------------------------------------------

_LISTED = 8  # lines a bulleted list spells out before "and N more"


def bullet_list(lines: Sequence[str]) -> str:
    """The lines as a bulleted list for a confirmation: the first eight, then "and N more"."""
    shown = [f"• {line}" for line in lines[:_LISTED]]
    if len(lines) > _LISTED:
        left_out = len(lines) - _LISTED
        more = translate("Wording", "and %n more", "", left_out)
        shown.append(f"• {more}")
    return "\n".join(shown)


def in_window_quotes(message: str, name: str) -> str:
    """A core message about ``name`` with the window's “…” around it instead of the repr
    quotes the core (and so the command line) writes: one way of quoting in every dialog."""
    return message.replace(repr(name), f"“{name}”")
