"""The light verifier ``qkeys verify`` uses: same verdicts as the Store, on bare sqlite3."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import timedelta
from pathlib import Path

from qkeys_desktop.core import migrations, verify_only
from qkeys_desktop.core.database import SQLITE_PRAGMAS
from qkeys_desktop.core.hashing import HashParams, SecretHasher
from qkeys_desktop.core.models import APPLICATION_ID
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import new_token
from qkeys_desktop.core.verification import Verifier


def test_constants_follow_the_schema_and_pragmas() -> None:
    """Adding a migration or changing a pragma must be mirrored in verify_only."""
    assert verify_only.SCHEMA_VERSION == migrations.LATEST_VERSION
    assert verify_only.APPLICATION_ID == APPLICATION_ID
    assert SQLITE_PRAGMAS["busy_timeout"] == verify_only.BUSY_TIMEOUT_MS
    assert SQLITE_PRAGMAS["secure_delete"] == verify_only.SECURE_DELETE


def test_applies_to_an_existing_current_sqlite_file(store: Store, db_path: Path) -> None:
    assert isinstance(verify_only.open_verifier(str(db_path)), Verifier)
    assert isinstance(verify_only.open_verifier(f"sqlite:///{db_path}"), Verifier)


def test_leaves_everything_else_to_the_store(tmp_path: Path, store: Store, db_path: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"\x00garbage" * 512)
    assert verify_only.open_verifier("postgresql://user@localhost/qkeys") is None
    assert verify_only.open_verifier(str(tmp_path / "missing.db")) is None
    assert not (tmp_path / "missing.db").exists()
    assert verify_only.open_verifier(str(tmp_path)) is None
    assert verify_only.open_verifier(str(garbage)) is None
    with closing(sqlite3.connect(db_path)) as db, db:
        db.execute("UPDATE schema_version SET version = 1")
    assert verify_only.open_verifier(str(db_path)) is None


def test_same_verdicts_as_the_store(store: Store, db_path: Path, fast_hasher: SecretHasher) -> None:
    store.add_project("Home")
    scoped = store.create_key("scoped", ["read"], None, ["Home"]).token
    revoked = store.create_key("revoked", ["read"], None).token
    store.delete_key("revoked")
    replaced = store.create_key("replaced", ["read"], None).token
    store.regenerate_key("replaced")
    overlapping = store.create_key("overlapping", ["read"], None).token
    successor = store.rotate_key("overlapping", timedelta(hours=1)).token
    paused = store.create_key("paused", ["read"], None).token
    store.set_key_disabled("paused", True)
    light = verify_only.open_verifier(str(db_path), fast_hasher)
    assert light is not None
    cases = [(scoped, "read", "Home"), (scoped, "read", "Away"), (scoped, "write", "Home"),
             (scoped, "read", None), (scoped[:-1] + "x", "read", "Home"), ("qk_nope", "read", None),
             (new_token()[0], "read", None), (revoked, "read", None), (replaced, "read", None),
             (overlapping, "read", None), (successor, "read", None), (paused, "read", None)]
    verdicts = []
    for case in cases:
        verdict = light.verify(*case)
        assert verdict == store.verify(*case), case
        verdicts.append(verdict.reason)
    assert verdicts[-6:] == ["unknown key", "revoked", "rotated", None, None, "disabled"]
    assert light.verify(scoped, "read", "Home").ok  # now from its cache
    store.delete_key("scoped")
    assert light.verify(scoped, "read", "Home").reason == "revoked"
    store.delete_key("overlapping")  # the token its rotation still accepted stops too
    for token in (overlapping, successor):
        assert light.verify(token, "read") == store.verify(token, "read")
        assert light.verify(token, "read").reason == "revoked"


def test_records_use_and_upgrades_hashes(store: Store, db_path: Path) -> None:
    token = store.create_key("old params", ["read"], None).token
    stronger = SecretHasher(HashParams(time_cost=2, memory_cost_kib=16, parallelism=1))
    light = verify_only.open_verifier(str(db_path), stronger)
    assert light is not None and light.verify(token, "read").ok
    with closing(sqlite3.connect(db_path)) as db:
        used, stored = db.execute("SELECT last_used_at, secret_hash FROM api_key").fetchone()
    assert used is not None
    assert "t=2" in stored and not stronger.needs_rehash(stored)
    assert store.verify(token, "read").ok


def test_cli_verify_on_an_existing_registry_imports_no_peewee(store: Store, db_path: Path) -> None:
    token = store.create_key("cli", ["read"], None).token
    script = (
        "import sys\nfrom qkeys_desktop.cli import main\n"
        f"status = main(['--db', {str(db_path)!r}, 'verify', '--action', 'read'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('peewee', 'playhouse', 'psycopg2', 'PySide6', 'keyring'))\n"
        "print(status, heavy)\n"
    )
    finished = subprocess.run([sys.executable, "-c", script], input=token, capture_output=True,
                              text=True, env=dict(os.environ), timeout=60, check=False)
    assert finished.stdout.strip() == "0 []", finished.stderr


def test_cli_verify_refuses_a_missing_registry_and_creates_nothing(tmp_path: Path) -> None:
    db_path = tmp_path / "missing.db"
    finished = subprocess.run(
        [sys.executable, "-m", "qkeys_desktop", "--db", str(db_path), "verify", "--action",
         "read"], input="qk_" + "A" * 63, capture_output=True, text=True,
        env=dict(os.environ), timeout=60, check=False)
    assert finished.returncode == 3 and "no registry at" in finished.stderr, finished.stderr
    assert not db_path.exists()


def test_cli_verify_refuses_an_old_schema_and_changes_nothing(tmp_path: Path) -> None:
    """Checking keys never upgrades: the registry stays exactly as it was."""
    db_path = tmp_path / "fallback.db"
    Store.open(str(db_path), hasher=SecretHasher(HashParams(1, 8, 1))).close()
    with closing(sqlite3.connect(db_path)) as db, db:
        db.execute("UPDATE schema_version SET version = 1")
        db.execute("ALTER TABLE api_key DROP COLUMN keychain_service")
    before = db_path.read_bytes(), sorted(os.listdir(tmp_path))
    finished = subprocess.run(
        [sys.executable, "-m", "qkeys_desktop", "--db", str(db_path), "verify", "--action",
         "read"], input="qk_" + "A" * 63, capture_output=True, text=True,
        env=dict(os.environ), timeout=60, check=False)
    assert finished.returncode != 0 and "Traceback" not in finished.stderr, finished.stderr
    assert "schema version 1" in finished.stderr and "keys list" in finished.stderr
    assert (db_path.read_bytes(), sorted(os.listdir(tmp_path))) == before
