"""peewee imported without psycopg2 (the window's start), and PostgreSQL still working after it.

Each case runs in a fresh interpreter: this one has imported peewee, with its driver, long ago.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from qkeys_desktop.core.store import Store

TIMEOUT = 120

DEFERRED = """
    import sys
    from qkeys_desktop.core.postgres_driver import import_peewee_without_postgres
    import_peewee_without_postgres()
    assert "peewee" in sys.modules and "psycopg2" not in sys.modules, "psycopg2 was imported"
    from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
    from qkeys_desktop.core.store import Store
    store = Store.open(TARGET, hasher=SecretHasher(FAST_TEST_PARAMS))
    token = store.create_key("deploy", ["read"], None).token
    assert [key.name for key in store.list_keys()] == ["deploy"]
    assert store.verify(token, "read").ok
    store.close()
    print("psycopg2 imported" if "psycopg2" in sys.modules else "psycopg2 not imported")
"""


def run(code: str, target: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code).replace(
        "TARGET", repr(target))], capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_sqlite_registry_works_and_never_imports_psycopg2(tmp_path: Path) -> None:
    path = str(tmp_path / "keys.db")
    Store.open(path).close()  # an existing registry, as at a window's start (a new one, or one
    # to upgrade, is migrated with playhouse, whose PostgreSQL parts import psycopg2 anyway)
    assert run(DEFERRED, path) == "psycopg2 not imported"


@pytest.mark.system
def test_a_postgresql_registry_binds_the_driver_when_opened(postgres_db_url: str) -> None:
    assert run(DEFERRED, postgres_db_url) == "psycopg2 imported"


def test_without_the_driver_a_server_url_still_says_what_to_install() -> None:
    said = run("""
        import sys
        from qkeys_desktop.core.postgres_driver import import_peewee_without_postgres
        import_peewee_without_postgres()
        sys.modules["psycopg2"] = None  # as if it were not installed
        from qkeys_desktop.core.errors import StoreError
        from qkeys_desktop.core.store import Store
        try:
            Store.open(TARGET)
        except StoreError as error:
            print(error)
    """, "postgresql://qkeys@127.0.0.1:1/none")
    assert "the PostgreSQL driver is not installed" in said, said
