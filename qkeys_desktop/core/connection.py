"""What verification and usage counting need of a database: peewee's, or the standard library's
sqlite3 wrapped by :mod:`.verify_only` — so neither needs to import peewee."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol


class Database(Protocol):
    """A database connection as :class:`~.verification.Verifier` uses it."""

    param: str  # the driver's placeholder: "?" for sqlite3, "%s" for psycopg2

    def execute_sql(self, sql: str, params: Sequence[object] = ...) -> Any: ...

    def atomic(self) -> AbstractContextManager[Any]: ...

    def close(self) -> Any: ...  # this thread's connection (``qkeys verify`` closes it at exit)
