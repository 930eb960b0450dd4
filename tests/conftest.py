"""Every test gets its own database, settings, data directories and keyring backend."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import UTC, datetime

import keyring
from doubles import FakeClock
from memory_keyring import MemoryKeyring

from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
from qkeys_desktop.core.store import Store

pytest_plugins = ["system_parts", "cli_in_process"]  # real parts; in-process CLI runs


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point every per-user location into tmp_path so no test touches the real ones."""
    home = tmp_path / "home"
    home.mkdir()
    for variable, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                          ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(variable, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("QKEYS_DB", raising=False)
    monkeypatch.delenv("QKEYS_DATA_DIR", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def fast_hasher() -> SecretHasher:
    """Cheap argon2 parameters: the tests check behaviour, not cost."""
    return SecretHasher(FAST_TEST_PARAMS)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "registry" / "keys.db"


ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.system)]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Modules that set ``RUN_ON_BOTH_ENGINES = True`` run every test on SQLite and PostgreSQL."""
    both = getattr(metafunc.module, "RUN_ON_BOTH_ENGINES", False)
    sqlite_only = metafunc.definition.get_closest_marker("sqlite_only") is not None
    if "engine" in metafunc.fixturenames and both and not sqlite_only:
        metafunc.parametrize("engine", ENGINES)


@pytest.fixture
def engine() -> str:
    """The database engine under test; SQLite unless the module asks for both."""
    return "sqlite"


@pytest.fixture
def store_target(engine: str, db_path: Path, request: pytest.FixtureRequest) -> str:
    """Where the test's registry lives: a file in tmp_path, or a fresh PostgreSQL database."""
    if engine == "postgresql":
        return str(request.getfixturevalue("postgres_db_url"))
    return str(db_path)


@pytest.fixture
def store(store_target: str, fast_hasher: SecretHasher) -> Iterator[Store]:
    """A fresh registry (SQLite by default; see RUN_ON_BOTH_ENGINES)."""
    opened = Store.open(store_target, hasher=fast_hasher)
    yield opened
    opened.close()


@pytest.fixture
def clock() -> FakeClock:
    """A clock the test moves by hand; modules override it to start elsewhere."""
    return FakeClock(datetime(2030, 6, 1, 12, 0, 0, tzinfo=UTC))


@pytest.fixture
def timed(store_target: str, fast_hasher: SecretHasher, clock: FakeClock) -> Iterator[Store]:
    """A store whose clock the test controls."""
    opened = Store.open(store_target, hasher=fast_hasher, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(db_path: Path, fast_hasher: SecretHasher) -> Iterator[Store]:
    """A fresh SQLite registry, for what only SQLite has (pragmas, the file's bytes)."""
    opened = Store.open(str(db_path), hasher=fast_hasher)
    yield opened
    opened.close()
