"""An in-memory keyring backend for tests, and backends that fail in each way a keychain can."""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, NoKeyringError, PasswordDeleteError, PasswordSetError


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


class FailingKeyring(MemoryKeyring):
    """Raises ``error`` on every write and read."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error


class HangingKeyring(MemoryKeyring):
    """Never answers a write, like a Secret Service prompt nobody dismisses."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def set_password(self, service: str, username: str, password: str) -> None:
        self.release.wait(60)


ERROR_KINDS = {
    "no backend": NoKeyringError("no backend"),
    "locked": KeyringLocked("locked"),
    "set failed": PasswordSetError("prompt dismissed"),
    "unexpected": RuntimeError("dbus exploded"),
}
