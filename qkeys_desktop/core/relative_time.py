"""How long ago something happened: "just now", "5 min ago", "3 hours ago", "yesterday",
"4 days ago". :func:`elapsed` decides which unit and count once; the CLI words them in English
with :func:`ago`, the window in its language (ui/wording.py). Each surface writes older moments
as a date of its own kind (QLocale in the window, ISO in the CLI), so beyond ``within`` this
says nothing and the caller writes the date."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

Unit = Literal["now", "minutes", "hours", "days"]


def elapsed(moment: datetime, now: datetime, within: timedelta) -> tuple[Unit, int] | None:
    """How long before ``now`` ``moment`` is, as a unit and a whole count of it ("now", 0
    under a minute), or None when it is ``within`` or more before ``now``."""
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "now", 0
    if seconds < 3600:
        return "minutes", int(seconds // 60)
    if seconds < 86400:
        return "hours", int(seconds // 3600)
    if moment <= now - within:
        return None
    return "days", int(seconds // 86400)


def ago(moment: datetime, now: datetime, within: timedelta) -> str | None:
    """``moment`` in relative English words, or None when it is ``within`` or more before
    ``now``."""
    part = elapsed(moment, now, within)
    if part is None:
        return None
    unit, count = part
    if unit == "now":
        return "just now"
    if unit == "minutes":
        return f"{count} min ago"
    if unit == "hours":
        return f"{count} hour{'' if count == 1 else 's'} ago"
    return "yesterday" if count == 1 else f"{count} days ago"
