"""Delivering a new key's token to the OS keychain through :mod:`keyring`, never hanging.

The account is the key's name and the service is ``qkeys`` unless configured, so a person reads
a key back with keyring's command line, ``python -m keyring get qkeys NAME``, run by the very
interpreter qkeys runs on (:func:`read_back_command`). Every call runs in a daemon thread with a
timeout: a Secret Service prompt nobody answers must not freeze the window or the CLI, nor keep
the process alive at exit.
"""

from __future__ import annotations

import os
import shlex
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

DEFAULT_SERVICE = "qkeys"
DEFAULT_TIMEOUT = 20.0
T = TypeVar("T")

NO_KEYCHAIN = (
    "No OS keychain is available (no Secret Service such as GNOME Keyring or KWallet, "
    "macOS Keychain or Windows Credential Locker was found)."
)
_DETAIL_MAX = 200
_LEAK_WINDOW = 12  # error text sharing this many consecutive characters with the token is dropped


class KeychainError(Exception):
    """The keychain could not do it; the text says why and what to do."""


def read_back_command(service: str, account: str) -> str:
    """The shell command with which a person reads the key back, from any shell.

    A bare ``keyring get`` exists only where keyring's script is on the PATH — inside the
    environment qkeys was installed into, which a plain shell (pipx, ``uv run``, a desktop
    launcher) is not. The interpreter qkeys runs on always has keyring, with the backend and
    configuration qkeys itself used, so the command names it by its absolute path.
    """
    # keyring's CLI parses a word starting with "-" as an option unless "--" comes first
    separator = ["--"] if service.startswith("-") or account.startswith("-") else []
    words = [sys.executable or "python3", "-m", "keyring", "get", *separator, service, account]
    if os.name == "nt":  # cmd.exe and PowerShell quote the Windows way
        import subprocess

        return subprocess.list2cmdline(words)
    return shlex.join(words)


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
        """The backend: the one given, else the one keyring picks (or is configured to use)."""
        if self._backend is None:
            try:
                import keyring  # lazy: importing keyring probes backends, which costs start-up

                self._backend = keyring.get_keyring()
            except Exception as error:  # a configured backend whose service is not running
                raise KeychainError(_explain_discovery(error)) from None
        return self._backend

    def _call(self, action: str, function: Callable[[], T], secret: str | None = None) -> T:
        """Run ``function`` off this thread; explain failures and give up after the timeout."""
        try:
            return _run_with_timeout(function, self.timeout)
        except TimeoutError:
            raise KeychainError(
                f"The OS keychain did not answer within {self.timeout:g} s while trying to "
                f"{action} (is it locked and waiting for a password in a prompt?)."
            ) from None
        except KeychainError:
            raise
        except Exception as error:
            raise KeychainError(_explain(action, error, secret)) from None

    def unavailable_reason(self) -> str | None:
        """Why the keychain cannot be used, or None when it looks usable."""
        try:
            return self._call("find a keychain", lambda: unusable_reason(self._keyring()))
        except KeychainError as error:
            return str(error)

    def store(self, account: str, token: str) -> None:
        """Save ``token`` under ``account``, read it back; raises KeychainError with the reason."""

        def save() -> None:
            backend = self._keyring()
            reason = unusable_reason(backend)
            if reason is not None:  # the null backend, say, "saves" by dropping the token
                raise KeychainError(reason)
            backend.set_password(self.service, account, token)
            if backend.get_password(self.service, account) != token:
                raise KeychainError(
                    f"The OS keychain ({_backend_name(backend)}) accepted the key but does not "
                    f"give it back, so it was not saved."
                )

        self._call("save the key", save, secret=token)

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
            except PasswordDeleteError:  # every backend raises it for "no such entry"
                return False
            return True

        return self._call("delete the key", delete)


def unusable_reason(backend: Any) -> str | None:
    """Why ``backend`` cannot keep a key, or None when it can."""
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring):
        return NO_KEYCHAIN
    if isinstance(backend, null.Keyring):
        return (
            "The OS keychain is switched off for Python programs (keyring's null backend is "
            "configured, e.g. by 'keyring --disable'), so a key saved there would be lost."
        )
    if isinstance(backend, chainer.ChainerBackend):
        # Its priority says nothing about one chained backend, which works fine; none is the issue.
        return None if backend.backends else NO_KEYCHAIN
    try:
        priority = float(backend.priority)
    except Exception as error:  # SecretService & co. raise here when their service is gone
        return f"The keychain backend {_backend_name(backend)} is not usable: {_detail(error)}"
    if priority <= 0:
        return f"The keychain backend {_backend_name(backend)} is not usable on this system."
    return None


def _run_with_timeout(function: Callable[[], T], timeout: float) -> T:
    """``function()`` in a daemon thread: a hung backend can neither block us nor our exit."""
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            outcome["value"] = function()
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = error
        finally:
            done.set()

    threading.Thread(target=work, name="keychain", daemon=True).start()
    if not done.wait(timeout):
        raise TimeoutError
    if "error" in outcome:
        raise outcome["error"]
    result: T = outcome["value"]
    return result


def _backend_name(backend: Any) -> str:
    """A backend's readable name, e.g. 'SecretService Keyring'."""
    cls = type(backend)
    name = getattr(cls, "name", None)
    return name if isinstance(name, str) and name else f"{cls.__module__}.{cls.__qualname__}"


def _detail(error: BaseException, secret: str | None = None) -> str:
    """The error's own text on one line, shortened, or "" if it might echo the token."""
    text = " ".join(str(error).split())
    if secret and any(
        secret[i : i + _LEAK_WINDOW] in text for i in range(max(1, len(secret) - _LEAK_WINDOW + 1))
    ):
        return ""
    text = text.rstrip(".")
    return text if len(text) <= _DETAIL_MAX else text[: _DETAIL_MAX - 1] + "…"


def _explain_discovery(error: Exception) -> str:
    """One sentence for a keychain backend that could not even be loaded."""
    detail = _detail(error)
    return f"No usable OS keychain: {detail}." if detail else NO_KEYCHAIN


def _explain(action: str, error: Exception, secret: str | None = None) -> str:
    """One sentence for a keyring failure, without echoing anything that might hold the token."""
    from keyring import errors

    detail = _detail(error, secret)
    said = f" ({detail})" if detail else ""
    if isinstance(error, errors.NoKeyringError):
        return NO_KEYCHAIN
    if isinstance(error, errors.KeyringLocked):
        return (
            f"The OS keychain is locked and was not unlocked (was its password prompt "
            f"dismissed?), so it could not {action}. Unlock it, e.g. in Passwords and Keys, "
            f"and retry."
        )
    if isinstance(error, errors.InitError):
        return (
            f"The OS keychain could not open its collection to {action}{said}; check that a "
            f"default keyring exists and is unlocked."
        )
    if isinstance(error, errors.PasswordSetError):
        return f"The OS keychain refused to save the key{said}; was its prompt dismissed?"
    if isinstance(error, errors.PasswordDeleteError):
        return f"The OS keychain could not delete the key{said}."
    if isinstance(error, errors.KeyringError):
        return f"The OS keychain failed to {action}{said}."
    kind = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    return f"The OS keychain failed to {action} ({kind})."
