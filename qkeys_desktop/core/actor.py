"""Who is acting: the OS user and host recorded with every audit event and every new key.

On a shared PostgreSQL registry several people change keys; the audit trail is worth little
unless it says who. The surface (window, CLI, Python API) says through what.
"""

from __future__ import annotations

import getpass
import os
import socket
from functools import cache

SURFACES = ("window", "cli", "api")
_ACTOR_MAX = 128


@cache
def current_actor() -> str:
    """``user@host`` of this process (the user's id when the system knows no name for it)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # a uid without a passwd entry (containers)
        user = f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"
    try:
        host = socket.gethostname() or "localhost"
    except OSError:
        host = "localhost"
    return f"{user}@{host}"[:_ACTOR_MAX]
