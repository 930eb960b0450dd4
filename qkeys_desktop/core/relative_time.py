"""How long ago something happened, in the words the window and the CLI share: "just now",
"5 min ago", "3 hours ago", "yesterday", "4 days ago". Each surface writes older moments as a
date of its own kind (QLocale in the window, ISO in the CLI), so beyond ``within`` this says
nothing and the caller writes the date."""

from __future__ import annotations

from datetime import datetime, timedelta


def ago(moment: datetime, now: datetime, within: timedelta) -> str | None:
    """``moment`` in relative words, or None when it is ``within`` or more before ``now``."""
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        hours = int(seconds // 3600)
        return f"{hours} hour{'' if hours == 1 else 's'} ago"
    if moment <= now - within:
        return None
    days = int(seconds // 86400)
    return "yesterday" if days == 1 else f"{days} days ago"
