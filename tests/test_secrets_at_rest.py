"""No plaintext secret at rest or in flight: files, deleted hashes, argv, errors, logs, modes.

A realistic session runs through the command line (create, verify, regenerate, rotate with an
overlap, edit, disable, delete, list, events) with logging at DEBUG — peewee's SQL log included —
while a Store stays open on the same database, as the window would be. Then every file under the
user's data, config and cache directories is searched for each token, its secret, and any
16-character run of the secret, in UTF-8 and UTF-16; the deleted keys' hashes must be gone from
the database, its WAL and its shared-memory file. The same is checked for the Python API with
pytest's log capture.
(The window's part — the same search after using the window — is the lead's, with the UI.)
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from memory_keyring import ERROR_KINDS, FailingKeyring
from qkeys_cli import EXIT_OK, child_env

from qkeys_desktop.core.errors import StoreError
from qkeys_desktop.core.hashing import HashParams, SecretHasher
from qkeys_desktop.core.keychain import Keychain, KeychainError
from qkeys_desktop.core.paths import default_database
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import parse_token

WINDOW = 16  # a run this long of a 44-character random secret never occurs by chance

LOGGING_CLI = textwrap.dedent(
    """
    import logging, sys
    logging.basicConfig(
        level=logging.DEBUG, filename=sys.argv[1], format="%(name)s %(levelname)s %(message)s"
    )
    from qkeys_desktop.cli import main
    sys.exit(main(sys.argv[2:]))
    """
)


# -- what to look for --------------------------------------------------------------------------


def secret_fragments(token: str) -> list[str]:
    """The token, its secret, its secret with checksum, and every WINDOW-long run of the secret."""
    secret = parse_token(token).secret
    runs = [secret[i : i + WINDOW] for i in range(len(secret) - WINDOW + 1)]
    return [token, secret, token[len(token) - len(secret) - 6 :], *runs]


def hash_fragments(stored_hash: str) -> list[bytes]:
    """An argon2 hash string, its salt and digest (base64, as stored) and the raw digest bytes."""
    *_, salt, digest = stored_hash.split("$")
    raw = base64.b64decode(digest + "=" * (-len(digest) % 4))
    return [stored_hash.encode(), salt.encode(), digest.encode(), raw]


def encoded(fragments: list[str]) -> list[bytes]:
    return [f.encode(enc) for f in fragments for enc in ("utf-8", "utf-16-le")]


def files_under(*roots: Path) -> list[Path]:
    return sorted({p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()})


def where_found(needles: list[bytes], files: list[Path]) -> list[str]:
    """'file: fragment' for each needle found; empty when all is well."""
    found = []
    for path in files:
        data = path.read_bytes()
        found += [f"{path.name}: {n[:24]!r}" for n in needles if n in data]
    return found


def all_hashes(db: Path) -> dict[str, str]:
    """key id → stored hash, read from a short-lived separate connection."""
    with contextlib.closing(sqlite3.connect(db)) as connection:
        return dict(connection.execute("SELECT key_id, secret_hash FROM api_key"))


def user_dirs() -> list[Path]:
    return [Path(os.environ[v]) for v in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")]


# -- the command-line session ------------------------------------------------------------------


@dataclass
class Session:
    """What a session through the command line produced."""

    db: Path
    log: Path
    watcher: Store
    tokens: dict[str, str] = field(default_factory=dict)  # label → token, dead or alive
    hashes: dict[str, str] = field(default_factory=dict)  # key id → every hash ever stored
    dead_key_ids: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)

    def qkeys(self, *args: str, stdin: str = "", expect: int = EXIT_OK) -> str:
        finished = subprocess.run(
            [sys.executable, "-c", LOGGING_CLI, str(self.log), *args],
            input=stdin.encode(),
            capture_output=True,
            env=child_env(),
            timeout=60,
            check=False,
        )
        err = finished.stderr.decode()
        assert finished.returncode == expect, err
        assert "Traceback" not in err
        self.stderr.append(err)
        self.hashes.update(all_hashes(self.db))
        self.watcher.list_keys()  # the window polls between commands
        return finished.stdout.decode().strip()

    def key_id(self, label: str) -> str:
        return parse_token(self.tokens[label]).key_id


@pytest.fixture
def session() -> Iterator[Session]:
    db = Path(default_database())
    log = Path(os.environ["XDG_CACHE_HOME"]) / "qkeys" / "debug.log"
    log.parent.mkdir(parents=True)
    first = subprocess.run(
        [sys.executable, "-c", LOGGING_CLI, str(log), "projects", "add", "Backend"],
        env=child_env(), capture_output=True, check=True, timeout=60,
    )
    assert first.returncode == 0
    watcher = Store.open(str(db))  # open throughout, like the window: the WAL stays around
    run = Session(db, log, watcher)
    run.tokens["alpha"] = run.qkeys("keys", "create", "--name", "alpha", "--permissions", "read")
    run.tokens["beta"] = run.qkeys(
        "keys", "create", "--name", "beta", "--permissions", "read,write", "--project", "Backend"
    )
    run.tokens["gamma"] = run.qkeys(
        "keys", "create", "--name", "gamma", "--permissions", "delete", "--expires", "7d"
    )
    for label, action in (("alpha", "read"), ("beta", "write"), ("gamma", "delete")):
        project = ["--project", "Backend"] if label == "beta" else []
        run.qkeys("verify", "--action", action, *project, stdin=run.tokens[label])
    run.tokens["beta, regenerated"] = run.qkeys("keys", "regenerate", "beta")
    run.dead_key_ids.append(run.key_id("beta"))
    run.qkeys("keys", "delete", "gamma", "--yes")
    run.dead_key_ids.append(run.key_id("gamma"))
    # a rotation whose overlap still runs holds both hashes in one row; its delete ends both
    run.tokens["delta"] = run.qkeys("keys", "create", "--name", "delta", "--permissions", "read")
    run.tokens["delta, rotated"] = run.qkeys("keys", "rotate", "delta", "--overlap", "1h")
    run.qkeys("keys", "edit", "delta", "--description", "deployed on the build host")
    run.qkeys("keys", "disable", "delta")
    run.qkeys("keys", "enable", "delta")
    for label in ("delta", "delta, rotated"):
        run.qkeys("verify", "--action", "read", stdin=run.tokens[label])
    run.qkeys("keys", "delete", "delta", "--yes")
    run.dead_key_ids += [run.key_id("delta"), run.key_id("delta, rotated")]
    for label in ("beta", "gamma", "delta", "delta, rotated"):
        run.qkeys("verify", "--action", "read", stdin=run.tokens[label], expect=1)
    run.qkeys("keys", "list")
    run.qkeys("keys", "list", "--json")
    run.qkeys("events", "--json")
    yield run
    watcher.close()


def test_no_token_or_secret_in_any_file(session: Session) -> None:
    files = files_under(*user_dirs())
    assert session.db in files and session.log in files  # the search covers what it should
    needles = encoded([f for t in session.tokens.values() for f in secret_fragments(t)])
    assert where_found(needles, files) == []


def test_deleted_hashes_are_gone_from_the_database_files(session: Session) -> None:
    assert len(session.dead_key_ids) == 4
    dead = [h for kid in session.dead_key_ids for h in hash_fragments(session.hashes[kid])]
    live = [h for h in hash_fragments(all_hashes(session.db)[session.key_id("alpha")])]
    db_files = [p for p in files_under(session.db.parent) if p.name.startswith("keys.db")]
    assert where_found(live[:1], db_files) != []  # the search does find a hash that is there
    # While the window's connection is still open: the store checkpointed and truncated the WAL
    assert where_found(dead, db_files) == []
    with contextlib.closing(sqlite3.connect(session.db)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    session.watcher.close()
    assert where_found(dead, files_under(session.db.parent)) == []


def test_debug_log_holds_no_token_secret_or_hash(session: Session) -> None:
    text = session.log.read_text()
    assert "peewee DEBUG" in text and "INSERT INTO" in text  # DEBUG logging really was on
    assert "$argon2" not in text
    every_hash = [h for stored in session.hashes.values() for h in hash_fragments(stored)[:3]]
    needles = [f for t in session.tokens.values() for f in secret_fragments(t)]
    assert [n for n in needles if n in text] == []
    assert [h for h in every_hash if h.decode() in text] == []


def test_stderr_never_echoes_a_token(session: Session) -> None:
    """Not in the session's notes, nor when a person pastes a token where it does not belong."""
    token = session.tokens["alpha"]
    misuse = (
        ("verify", "--action", "read", token),
        ("keys", "delete", token, "--yes"),
        ("keys", "delete", token[:-3], "--yes"),
        ("keys", "regenerate", token),
        ("keys", "create", "--name", "x", "--permissions", token),
        ("keys", "create", "--name", token, "--permissions", "read"),
        ("projects", "add", token),
        ("projects", "remove", token),
    )
    for args in misuse:
        finished = subprocess.run(
            [sys.executable, "-m", "qkeys_desktop", "--db", str(session.db), *args],
            capture_output=True, env=child_env(), timeout=60, check=False,
        )
        assert finished.returncode in (1, 2), args
        assert "Traceback" not in finished.stderr.decode()
        session.stderr.append(finished.stderr.decode() + finished.stdout.decode())
    fragments = [f for t in session.tokens.values() for f in secret_fragments(t)]
    leaks = [(i, f) for i, err in enumerate(session.stderr) for f in fragments if f in err]
    assert leaks == []
    hint = "use its key id " + session.key_id("alpha")
    assert any(hint in err for err in session.stderr)  # and says what to give instead


# -- the Python API ----------------------------------------------------------------------------


def test_python_api_logs_and_errors_hold_no_secret(
    store: Store, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store.add_project("Backend")
    created = [
        store.create_key("alpha", ["read"], None),
        store.create_key("beta", ["read", "write"], None, ["Backend"]),
    ]
    hashes = dict(all_hashes(db_path))
    assert store.verify(created[0].token, "read").ok
    regenerated = store.regenerate_key("beta")
    hashes.update(all_hashes(db_path))
    store.delete_key("alpha")
    # A hash upgrade on verify (parameters changed) writes the new hash: not logged either
    stronger = SecretHasher(HashParams(time_cost=2, memory_cost_kib=16))
    Store.open(str(db_path), hasher=stronger).verify(regenerated.token, "read", "Backend")
    hashes.update(all_hashes(db_path))
    tokens = [c.token for c in created] + [regenerated.token]

    errors: list[BaseException] = []
    for attempt in (
        lambda: store.get_key(tokens[2]),
        lambda: store.delete_key(tokens[2][:-2]),
        lambda: store.regenerate_key(tokens[0]),
        lambda: store.create_key(tokens[2], ["read"], None),
        lambda: store.create_key("x", [tokens[2]], None),
        lambda: store.add_project(tokens[2]),
    ):
        with pytest.raises(StoreError) as refused:
            attempt()
        errors.append(refused.value)
    for error in ERROR_KINDS.values():
        with pytest.raises(KeychainError) as failed:
            Keychain(backend=FailingKeyring(error), timeout=1).store("beta", tokens[2])
        errors.append(failed.value)

    dead = [hashes[created[0].record.key_id], hashes[created[1].record.key_id]]
    files = files_under(db_path.parent, *user_dirs())
    assert where_found(encoded([f for t in tokens for f in secret_fragments(t)]), files) == []
    assert where_found([f for h in dead for f in hash_fragments(h)], files) == []

    assert "INSERT INTO" in caplog.text and "UPDATE" in caplog.text  # DEBUG SQL was captured
    fragments = [f for t in tokens for f in secret_fragments(t)]
    for text in [caplog.text, *map(str, errors), *map(repr, errors), *map(repr, created)]:
        assert [f for f in fragments if f in text] == [], text[:200]
        assert "$argon2" not in text
        assert [h for h in hashes.values() if h.split("$")[-1] in text] == []


# -- argv and the environment ------------------------------------------------------------------


def test_a_running_verify_has_no_token_in_its_argv_or_environment(
    store: Store, db_path: Path
) -> None:
    token = store.create_key("alpha", ["read"], None).token
    checker = subprocess.Popen(
        [sys.executable, "-m", "qkeys_desktop", "--db", str(db_path), "verify", "--action", "read"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env(),
    )
    try:
        deadline = time.monotonic() + 30
        proc = Path(f"/proc/{checker.pid}")
        while b"qkeys_desktop" not in (proc / "cmdline").read_bytes():  # until exec is done
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert token.encode() not in (proc / "cmdline").read_bytes()
        assert token.encode() not in (proc / "environ").read_bytes()
        _, err = checker.communicate(token.encode(), timeout=60)
    finally:
        checker.kill()
    assert checker.returncode == 0, err
    assert not [p for p in Path("/proc").glob("[0-9]*/cmdline") if _holds(p, token)]


def _holds(path: Path, token: str) -> bool:
    with contextlib.suppress(OSError):
        return token.encode() in path.read_bytes()
    return False


# -- file modes --------------------------------------------------------------------------------

MODES_PROBE = textwrap.dedent(
    """
    import json, os, stat, sys
    os.umask(int(sys.argv[1], 8))
    from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
    from qkeys_desktop.core.paths import default_database
    from qkeys_desktop.core.store import Store

    db = default_database()
    store = Store.open(db, hasher=SecretHasher(FAST_TEST_PARAMS))
    store.create_key("k", ["read"], None)
    store.delete_key("k")
    store.create_key("k", ["read"], None)
    mode = lambda path: oct(stat.S_IMODE(os.stat(path).st_mode))
    files = {name: mode(db + name) for name in ("", "-wal", "-shm")}
    data_home = os.environ["XDG_DATA_HOME"]
    print(json.dumps({"files": files, "dirs": [mode(data_home), mode(os.path.dirname(db))]}))
    """
)


@pytest.mark.parametrize("umask", ["000", "022", "077"])
def test_files_0600_and_directories_0700_whatever_the_umask(umask: str) -> None:
    probe = subprocess.run(
        [sys.executable, "-c", MODES_PROBE, umask],
        capture_output=True, env=child_env(), timeout=60, check=True,
    )
    modes = json.loads(probe.stdout)
    assert modes["files"] == {"": "0o600", "-wal": "0o600", "-shm": "0o600"}  # while open
    assert modes["dirs"] == ["0o700", "0o700"]  # every directory we had to create

    def create_with_umask() -> None:
        os.umask(int(umask, 8))

    db = Path(os.environ["HOME"]) / "new" / "keys.db"
    cli = subprocess.run(
        [sys.executable, "-m", "qkeys_desktop", "--db", str(db),
         "keys", "create", "--name", "k", "--permissions", "read"],
        capture_output=True, env=child_env(), timeout=60, check=True, preexec_fn=create_with_umask,
    )
    assert cli.returncode == 0
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_an_existing_database_readable_by_others_is_tightened(store: Store, db_path: Path) -> None:
    store.close()
    db_path.chmod(0o644)
    db_path.parent.chmod(0o755)
    Store.open(str(db_path)).close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
