"""Keyring backends that fail, for a ``qkeys`` child process: ``PYTHON_KEYRING_BACKEND`` names one.

keyring instantiates the named class without arguments, so each way of failing is a class.
``Failing`` raises the error of :data:`memory_keyring.ERROR_KINDS` named by the environment
variable ``QKEYS_TEST_KEYRING_ERROR``; the child needs this directory on ``PYTHONPATH``.
Only child processes import this module: keyring registers every backend class it sees.
"""

from __future__ import annotations

import os
import threading

from memory_keyring import ERROR_KINDS, MemoryKeyring

ERROR_ENV = "QKEYS_TEST_KEYRING_ERROR"


class Failing(MemoryKeyring):
    """Every save and read raises the chosen kind of error."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise ERROR_KINDS[os.environ[ERROR_ENV]]

    def get_password(self, service: str, username: str) -> str | None:
        raise ERROR_KINDS[os.environ[ERROR_ENV]]


class Forgetful(MemoryKeyring):
    """Says it saved the key but keeps nothing, like a stub or misconfigured backend."""

    def set_password(self, service: str, username: str, password: str) -> None:
        pass


class Hanging(MemoryKeyring):
    """Never answers a save, like an unlock prompt nobody dismisses."""

    def set_password(self, service: str, username: str, password: str) -> None:
        threading.Event().wait()


class Broken(MemoryKeyring):
    """Cannot even be created, like a configured backend whose service is not installed."""

    def __init__(self) -> None:
        raise RuntimeError("org.freedesktop.secrets was not provided by any .service files")
