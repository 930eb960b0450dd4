"""Delivering a new key's token to the OS keychain through :mod:`keyring`, never hanging.

The account is the key's name and the service is ``qkeys`` unless configured, so a person reads
a key back with ``keyring get qkeys NAME``. Every call runs in a worker thread with a timeout:
a Secret Service prompt nobody answers must not freeze the window or the CLI.
"""

from __future__ import annotations

import concurrent.futures
import shlex
from collections.abc import Callable
from typing import Any, TypeVar

DEFAULT_SERVICE = "qkeys"
DEFAULT_TIMEOUT = 20.0
T = TypeVar("T")


class KeychainError(Exception):
    """The keychain could not do it; the text says why and what to do."""


def read_back_command(service: str, account: str) -> str:
    """The shell command with which a person reads the key back."""
    return f"keyring get {shlex.quote(service)} {shlex.quote(account)}"


class Keychain:
    """The OS keychain (or any keyring backend given), with errors turned into reasons."""

    def __init__(
        self,
        service: str = DEFAULT_SERVICE,
        backend: Any = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.service = service
        self._backend = backend
        self.timeout = timeout

    def _keyring(self) -> Any:
        if self._backend is None:
            import keyring  # lazy: importing keyring probes backends, which costs start-up time

            self._backend = keyring.get_keyring()
        return self._backend

    def _call(self, action: str, function: Callable[[], T]) -> T:
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="keychain")
        future = pool.submit(function)
        pool.shutdown(wait=False)  # a hung backend must not hold us at exit either
        try:
            return future.result(timeout=self.timeout)
        except concurrent.futures.TimeoutError:
            raise KeychainError(
                f"The OS keychain did not answer within {self.timeout:.0f} s while trying to "
                f"{action} (a locked keychain waiting for a password?)."
            ) from None
        except KeychainError:
            raise
        except Exception as error:
            raise KeychainError(_explain(action, error)) from None

    def unavailable_reason(self) -> str | None:
        """Why the keychain cannot be used, or None when it looks usable."""
        try:
            backend = self._call("find a keychain", self._keyring)
        except KeychainError as error:
            return str(error)
        priority = getattr(backend, "priority", 1)
        name = type(backend).__name__
        if name in ("Keyring", "FailKeyring") and "fail" in type(backend).__module__:
            return "No OS keychain is available (no Secret Service, Keychain or Credential Locker)."
        if priority is not None and isinstance(priority, int | float) and priority <= 0:
            return f"The keychain backend {name} is not usable on this system."
        return None

    def store(self, account: str, token: str) -> None:
        """Save ``token`` under ``account``; raises KeychainError with the reason."""
        self._call(
            "save the key", lambda: self._keyring().set_password(self.service, account, token)
        )

    def read(self, account: str) -> str | None:
        """The token stored under ``account``, or None."""
        result: str | None = self._call(
            "read the key", lambda: self._keyring().get_password(self.service, account)
        )
        return result

    def remove(self, account: str) -> bool:
        """Delete the entry; False if there was none."""
        from keyring.errors import PasswordDeleteError

        def delete() -> bool:
            try:
                self._keyring().delete_password(self.service, account)
            except PasswordDeleteError:
                return False
            return True

        return self._call("delete the key", delete)


def _explain(action: str, error: Exception) -> str:
    """One sentence for a keyring failure, without echoing anything that might hold the token."""
    kind = type(error).__name__
    if kind == "NoKeyringError":
        return "No OS keychain is available (install and unlock one, e.g. GNOME Keyring)."
    if kind in ("KeyringLocked", "InitError"):
        return f"The OS keychain is locked or refused to {action}; unlock it and retry."
    return f"The OS keychain failed to {action} ({kind})."
