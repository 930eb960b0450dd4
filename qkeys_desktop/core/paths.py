"""Where qkeys keeps its data on each platform, without Qt (the CLI must not import it)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DB_ENV = "QKEYS_DB"
DATA_DIR_ENV = "QKEYS_DATA_DIR"


def user_data_dir() -> Path:
    """The per-user data directory: ``~/.local/share/qkeys`` on Linux, the equivalent elsewhere."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming") / "qkeys"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "qkeys"
    return Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share") / "qkeys"


def personal_database() -> str:
    """The per-user SQLite registry, ``keys.db`` in the data directory, whatever $QKEYS_DB says."""
    return str(user_data_dir() / "keys.db")


def default_database() -> str:
    """The database to open when none is given: ``$QKEYS_DB`` or :func:`personal_database`."""
    return os.environ.get(DB_ENV) or personal_database()
