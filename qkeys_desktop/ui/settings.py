"""User preferences, kept in QSettings (an INI file, so tests can point it at a temp folder)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from ..core.expiration import DEFAULT_PRESET
from ..core.keychain import DEFAULT_SERVICE
from .i18n import LANGUAGES

DELIVERY_CLIPBOARD = "clipboard"
DELIVERY_KEYCHAIN = "keychain"
T = TypeVar("T")


def open_settings() -> QSettings:
    """The application's settings store (INI format in the per-user config location)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "qkeys", "qkeys")


def parse_marks(text: str) -> dict[str, str]:
    """The reminders' marks from their stored JSON (none when it is not what was written)."""
    try:
        marks = json.loads(text)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in marks.items()} if isinstance(marks, dict) else {}


def marks_text(marks: dict[str, str]) -> str:
    """The reminders' marks as stored."""
    return json.dumps(marks, sort_keys=True)


class AppSettings:
    """Typed access to the preferences; never holds a secret."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or open_settings()

    def _get(self, key: str, default: T, kind: Callable[[Any], T]) -> T:
        """The stored value as ``kind`` makes it, or ``default`` when none is or it won't do."""
        value = self.q.value(key, default)
        try:
            return kind(value)
        except (TypeError, ValueError):
            return default

    @property
    def clipboard_timeout(self) -> int:
        """Seconds before a copied key is cleared from the clipboard; 0 means never."""
        return max(0, self._get("clipboard/timeout", 30, int))

    @clipboard_timeout.setter
    def clipboard_timeout(self, seconds: int) -> None:
        self.q.setValue("clipboard/timeout", int(seconds))

    @property
    def keychain_service(self) -> str:
        return self._get("keychain/service", DEFAULT_SERVICE, str) or DEFAULT_SERVICE

    @keychain_service.setter
    def keychain_service(self, name: str) -> None:
        self.q.setValue("keychain/service", name.strip() or DEFAULT_SERVICE)

    @property
    def default_expiration(self) -> str:
        return self._get("keys/default_expiration", DEFAULT_PRESET, str)

    @default_expiration.setter
    def default_expiration(self, preset: str) -> None:
        self.q.setValue("keys/default_expiration", preset)

    @property
    def default_delivery(self) -> str:
        value = self._get("keys/default_delivery", DELIVERY_CLIPBOARD, str)
        return value if value in (DELIVERY_CLIPBOARD, DELIVERY_KEYCHAIN) else DELIVERY_CLIPBOARD

    @default_delivery.setter
    def default_delivery(self, method: str) -> None:
        self.q.setValue("keys/default_delivery", method)

    def window_state(self, name: str) -> QByteArray | None:
        """A saved geometry/splitter/header state, or None."""
        value = self.q.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def save_window_state(self, name: str, state: QByteArray) -> None:
        self.q.setValue(f"window/{name}", state)

    @property
    def database(self) -> str:
        """The registry chosen in Settings ("" = the default); never holds a password."""
        return self._get("database/target", "", str)

    @database.setter
    def database(self, target: str) -> None:
        self.q.setValue("database/target", target.strip())

    @property
    def expiry_reminders(self) -> bool:
        """Whether the window notifies about keys that expire within a week (on unless off)."""
        return str(self.q.value("reminders/enabled", True)).lower() not in ("false", "0")

    @expiry_reminders.setter
    def expiry_reminders(self, enabled: bool) -> None:
        self.q.setValue("reminders/enabled", bool(enabled))

    @property
    def reminded(self) -> dict[str, str]:
        """Key id → what was last notified about it and when (see ui/reminders.py)."""
        return parse_marks(self.reminded_text)

    @reminded.setter
    def reminded(self, marks: dict[str, str]) -> None:
        self.reminded_text = marks_text(marks)

    @property
    def reminded_text(self) -> str:
        """:attr:`reminded` as stored (JSON): read and written on the UI thread, (de)coded in
        a worker, since at 100,000 keys it holds tens of thousands of marks."""
        return self._get("reminders/notified", "{}", str)

    @reminded_text.setter
    def reminded_text(self, text: str) -> None:
        self.q.setValue("reminders/notified", text)

    @property
    def language(self) -> str:
        """The window's language chosen in Settings ("en", "de"…), "" = the system's."""
        value = self._get("ui/language", "", str)
        return value if value in LANGUAGES else ""

    @language.setter
    def language(self, code: str) -> None:
        self.q.setValue("ui/language", code if code in LANGUAGES else "")

    @property
    def last_page(self) -> int:
        return self._get("window/last_page", 0, int)

    @last_page.setter
    def last_page(self, index: int) -> None:
        self.q.setValue("window/last_page", index)
