"""peewee without PostgreSQL's driver until a server is opened: the window's start-up time.

peewee imports psycopg2 as it is itself imported — and psycopg2 brings ssl, socket, hashlib and
its C extension, ≈10 ms — for every registry, a SQLite file too. The window's start imports
peewee through :func:`import_peewee_without_postgres`, which makes peewee's own ``import
psycopg2`` fail at once (peewee then holds ``psycopg2 = None``, as on a machine without it).
Opening a PostgreSQL URL (:func:`.database.open_database`) calls :func:`bind_postgres_driver`
first, which imports the driver and gives peewee what its own import would have bound. Where
peewee or psycopg2 is already imported (the command line, tests), both do nothing.
"""

from __future__ import annotations

import sys
from typing import Any

_DRIVER = "psycopg2"


def import_peewee_without_postgres() -> None:
    """Import peewee, unless it is imported already, without importing psycopg2."""
    if "peewee" in sys.modules or _DRIVER in sys.modules:
        return
    sys.modules[_DRIVER] = None  # type: ignore[assignment]  # `import psycopg2` raises at once
    try:
        import peewee  # noqa: F401 (imported for what it binds)
    finally:
        del sys.modules[_DRIVER]


def bind_postgres_driver(peewee: Any) -> None:
    """Give the ``peewee`` module the psycopg2 its import would have bound (nothing when it has
    it, or when psycopg2 is not installed: peewee then says the driver is missing)."""
    if peewee.psycopg2 is not None:
        return
    try:
        import psycopg2
        from psycopg2 import extensions
        from psycopg2.extras import Json, register_uuid
    except ImportError:
        return
    # what peewee's module body does when the import succeeds (peewee.py, "import psycopg2")
    register_uuid()
    peewee.psycopg2, peewee.pg_extensions, peewee.Json_pg2 = psycopg2, extensions, Json
    adapter = peewee.Psycopg2Adapter
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN
