"""Faults are survived and explained, and nothing is lost or half-written.

Each test provokes one fault for real: another connection holding the write lock, a page cap
standing in for a full disk, files and directories the user may not write, random bytes, a newer
schema, a writer killed with SIGKILL, and keychains that fail or hang.

Read-only files and directories: the tests run as root in CI, and root ignores permission bits.
So the "unprivileged" fixture runs the opening code in a forked child that has dropped to the
``nobody`` user (or in-process, when the tests already run unprivileged): a real user without
write permission, not a simulation. An immutable file (``chattr +i``, which binds root too) is
tested as well where the filesystem supports it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from memory_keyring import ERROR_KINDS, FailingKeyring
from qkeys_cli import run_qkeys

from qkeys_desktop.core import keychain as keychain_module
from qkeys_desktop.core.errors import DatabaseBusyError, StoreError, ValidationError
from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
from qkeys_desktop.core.migrations import LATEST_VERSION, SchemaTooNewError
from qkeys_desktop.core.store import Store

# -- helpers -----------------------------------------------------------------------------------


def integrity(db: Path) -> str:
    """SQLite's own verdict on the file (and its WAL), from a separate connection."""
    with contextlib.closing(sqlite3.connect(db)) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def assert_every_key_whole(db: Path, links_per_key: int | None = None) -> set[str]:
    """Every key row has its scope links and its key.created event, and every key.created
    event its row (nothing here deletes keys); returns the key ids found."""
    with contextlib.closing(sqlite3.connect(db)) as connection:
        keys = dict(connection.execute("SELECT key_id, all_projects FROM api_key").fetchall())
        links = dict(
            connection.execute(
                "SELECT api_key.key_id, COUNT(key_project.id) FROM api_key "
                "LEFT JOIN key_project ON key_project.key_id = api_key.id GROUP BY api_key.id"
            ).fetchall()
        )
        created = [
            row[0] for row in connection.execute(
                "SELECT key_id FROM event WHERE kind = 'key.created'"
            )
        ]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert sorted(created) == sorted(keys), "a key without its event, or an event without its key"
    for key_id, all_projects in keys.items():
        if not all_projects:
            assert links[key_id] >= 1, f"{key_id} is scoped but links to no project"
        if links_per_key is not None:
            assert links[key_id] == links_per_key, key_id
    return set(keys)


def snapshot(store: Store) -> tuple[object, ...]:
    return store.list_keys(), store.list_projects(), store.list_events(), store.revision()


def file_state(path: Path) -> tuple[bytes, int, int]:
    """Bytes, modification time and mode: what "left untouched" means."""
    info = path.stat()
    return path.read_bytes(), info.st_mtime_ns, info.st_mode


# -- database locked by another writer ---------------------------------------------------------


@contextlib.contextmanager
def write_lock_held(db: Path) -> Iterator[None]:
    """Another connection holds the write lock (BEGIN IMMEDIATE) until the block ends."""
    other = sqlite3.connect(db, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.fixture
def busy_store(store: Store) -> Store:
    """A registry with a scoped key, whose busy timeout is short so the tests wait briefly."""
    store.add_project("Plant")
    store.create_key("sensor", ["read"], None, ["Plant"])
    store.db.execute_sql("PRAGMA busy_timeout = 200")  # this thread's connection, as the store's
    return store


WRITES: dict[str, Callable[[Store], object]] = {
    "create key": lambda s: s.create_key("new", ["read"], None, ["Plant"]),
    "delete key": lambda s: s.delete_key("sensor"),
    "regenerate key": lambda s: s.regenerate_key("sensor"),
    "add project": lambda s: s.add_project("Second"),
    "rename project": lambda s: s.rename_project("Plant", "Factory"),
    "remove project": lambda s: s.remove_project("Plant", force=True),
    "mark in keychain": lambda s: s.set_keychain_service(s.get_key("sensor").key_id, "qkeys"),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_busy_database_says_try_again_and_changes_nothing(
    busy_store: Store, db_path: Path, write: Callable[[Store], object]
) -> None:
    before = snapshot(busy_store)
    with write_lock_held(db_path), pytest.raises(DatabaseBusyError) as busy:
        write(busy_store)
    assert str(busy.value) == "The database is busy (another program is writing); try again."
    assert snapshot(busy_store) == before
    write(busy_store)  # and trying again, once the other writer is done, works
    assert snapshot(busy_store) != before
    assert integrity(db_path) == "ok"


def test_verify_answers_while_another_process_writes(store: Store, db_path: Path) -> None:
    """Readers never wait for the writer (WAL); recording last use gives up quietly."""
    token = store.create_key("sensor", ["read"], None).token
    store.db.execute_sql("PRAGMA busy_timeout = 200")
    with write_lock_held(db_path):
        assert store.verify(token, "read").ok
        assert store.list_keys()[0].name == "sensor"


@pytest.mark.slow
def test_cli_reports_busy_without_printing_a_token(store: Store, db_path: Path) -> None:
    """The command line waits out its busy timeout (5 s), then says so; no token for no key."""
    before = snapshot(store)
    with write_lock_held(db_path):
        finished = run_qkeys(db_path, "keys", "create", "--name", "late", "--permissions", "read")
    line = finished.assert_clean_failure()
    assert line == "qkeys: The database is busy (another program is writing); try again."
    assert snapshot(store) == before


# -- disk full ---------------------------------------------------------------------------------


def test_disk_full_leaves_no_half_created_key(store: Store, db_path: Path) -> None:
    store.add_project("Alpha")
    store.add_project("Beta")
    store.create_key("seed", ["read"], None, ["Alpha", "Beta"])
    pages = store.db.execute_sql("PRAGMA page_count").fetchone()[0]
    store.db.execute_sql(f"PRAGMA max_page_count = {pages}")  # no room beyond what is there
    made: list[str] = []
    with pytest.raises(StoreError) as full:
        for number in range(2000):
            name = f"key {number} " + "n" * 50
            store.create_key(name, ["read", "write"], None, ["Alpha", "Beta"])
            made.append(name)
    assert not isinstance(full.value, DatabaseBusyError | ValidationError)
    assert "is full" in str(full.value) and str(db_path) in str(full.value)
    assert "nothing was saved" in str(full.value)
    failed = f"key {len(made)} " + "n" * 50
    assert sorted(k.name for k in store.list_keys()) == sorted([*made, "seed"])
    assert failed not in {e.name for e in store.list_events()}
    assert integrity(db_path) == "ok"
    assert len(assert_every_key_whole(db_path, links_per_key=2)) == len(made) + 1

    store.db.execute_sql("PRAGMA max_page_count = 1073741823")  # space freed: works again
    assert store.create_key(failed, ["read"], None).record.name == failed
    assert integrity(db_path) == "ok"


# -- files the user may not write --------------------------------------------------------------

NOBODY = 65534


@dataclass
class Unprivileged:
    """A directory owned by an unprivileged user, and a way to run code as that user."""

    root: Path
    drop_to: int | None  # the uid to drop to in a forked child; None: we already are unprivileged

    def run(self, work: Callable[[], object]) -> str:
        """Run ``work`` as the user: "ok", or the text of the StoreError (or other error) raised."""
        if self.drop_to is None:
            return _outcome(work)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: drop privileges for good, report, and leave without cleanup
            try:
                os.close(read_end)
                os.setgroups([])
                os.setgid(self.drop_to)
                os.setuid(self.drop_to)
                os.write(write_end, _outcome(work).encode("utf-8", "replace"))
            finally:
                os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as answer:
            text = answer.read().decode()
        os.waitpid(pid, 0)
        return text

    def chown(self, *paths: Path) -> None:
        if self.drop_to is not None:
            for path in paths:
                os.chown(path, self.drop_to, self.drop_to)


def _outcome(work: Callable[[], object]) -> str:
    try:
        work()
    except StoreError as error:
        return str(error)
    except BaseException as error:
        return f"unexpected {type(error).__name__}: {error}"
    return "ok"


@pytest.fixture
def unprivileged(tmp_path: Path) -> Iterator[Unprivileged]:
    if os.geteuid() != 0:
        yield Unprivileged(tmp_path / "own", None)
        return
    # pytest's tmp_path lies in a root-only directory; the user needs a way in
    base = Path(tempfile.mkdtemp(prefix="qkeys-unprivileged-"))
    try:
        base.chmod(0o711)
        root = base / "own"
        root.mkdir()
        os.chown(root, NOBODY, NOBODY)
        yield Unprivileged(root, NOBODY)
    finally:
        shutil.rmtree(base)


def open_and_close(db: Path, create: str | None = None) -> Callable[[], None]:
    def work() -> None:
        store = Store.open(str(db), hasher=SecretHasher(FAST_TEST_PARAMS))
        if create:
            store.create_key(create, ["read"], None)
        store.close()

    return work


def test_read_only_database_file(unprivileged: Unprivileged) -> None:
    data = unprivileged.root / "data"
    db = data / "keys.db"
    assert unprivileged.run(open_and_close(db, create="kept")) == "ok"
    db.chmod(0o400)
    before = file_state(db)
    message = unprivileged.run(open_and_close(db))
    assert message == (
        f"the database {db} is read-only; make it writable or choose another with --db"
    )
    assert file_state(db) == before  # not even made writable behind the user's back


def test_directory_not_writable_with_the_database_in_it(unprivileged: Unprivileged) -> None:
    data = unprivileged.root / "data"
    db = data / "keys.db"
    assert unprivileged.run(open_and_close(db, create="kept")) == "ok"
    data.chmod(0o500)
    before = file_state(db)
    message = unprivileged.run(open_and_close(db))
    assert message.startswith(f"cannot open the database {db}: its directory {data} is not ")
    assert "keys.db-wal" in message
    assert file_state(db) == before


@pytest.mark.parametrize("missing", ["keys.db", "sub/keys.db"])
def test_directory_not_writable_for_a_new_database(
    unprivileged: Unprivileged, missing: str
) -> None:
    locked = unprivileged.root / "locked"
    locked.mkdir(mode=0o500)
    unprivileged.chown(locked)
    db = locked / missing
    message = unprivileged.run(open_and_close(db))
    assert message == (
        f"cannot write the database at {db}: permission denied; choose a writable location "
        f"with --db or QKEYS_DB"
    )
    assert list(locked.iterdir()) == []


@pytest.fixture
def immutable(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """``chattr +i``: not even root may write; skips where the filesystem does not support it."""
    flagged: list[Path] = []

    def make_immutable(path: Path) -> None:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"chattr +i unsupported here: {done.stderr.decode().strip()}")
        flagged.append(path)

    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    yield make_immutable
    for path in flagged:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def test_immutable_database_file(
    store: Store, db_path: Path, immutable: Callable[[Path], None]
) -> None:
    store.create_key("kept", ["read"], None)
    store.close()
    immutable(db_path)
    before = file_state(db_path)
    with pytest.raises(StoreError) as refused:
        Store.open(str(db_path))
    assert str(db_path) in str(refused.value)
    finished = run_qkeys(db_path, "keys", "create", "--name", "new", "--permissions", "read")
    assert str(db_path) in finished.assert_clean_failure()
    assert file_state(db_path) == before


UNUSABLE_PATHS = {
    # a path through a regular file: ENOTDIR, whoever you are
    "parent is a file": (lambda tmp: tmp / "a-file" / "keys.db", "Not a directory"),
    # /proc refuses new directories even to root
    "under /proc": (lambda tmp: Path("/proc/qkeys-test/keys.db"), "cannot create the database"),
    "a directory": (lambda tmp: tmp / "a-dir", "is not a database file"),
}


@pytest.mark.parametrize(("where", "says"), UNUSABLE_PATHS.values(), ids=UNUSABLE_PATHS.keys())
def test_unusable_path_is_named(
    tmp_path: Path, where: Callable[[Path], Path], says: str
) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    (tmp_path / "a-dir").mkdir()
    db = where(tmp_path)
    if str(db).startswith("/proc") and not Path("/proc/self").exists():
        pytest.skip("no /proc here")
    with pytest.raises(StoreError) as refused:
        Store.open(str(db))
    assert str(db) in str(refused.value) and says in str(refused.value)
    line = run_qkeys(db, "keys", "list").assert_clean_failure()
    assert str(db) in line and says in line
    assert (tmp_path / "a-file").read_text() == "not a directory"


# -- damaged or foreign files ------------------------------------------------------------------


def random_bytes() -> bytes:
    return os.urandom(16 * 1024)


def sqlite_header_then_garbage() -> bytes:
    return b"SQLite format 3\x00" + os.urandom(16 * 1024 - 16)


def truncated_registry(tmp: Path) -> bytes:
    store = Store.open(str(tmp / "whole.db"), hasher=SecretHasher(FAST_TEST_PARAMS))
    for number in range(40):
        store.create_key(f"key {number}", ["read"], None)
    store.close()
    data = (tmp / "whole.db").read_bytes()
    return data[: len(data) // 2]


def another_programs_database(tmp: Path) -> bytes:
    with contextlib.closing(sqlite3.connect(tmp / "other.db")) as connection:
        connection.execute("CREATE TABLE bookmarks (url TEXT)")
        connection.execute("INSERT INTO bookmarks VALUES ('https://example.org')")
        connection.commit()
    return (tmp / "other.db").read_bytes()


DAMAGED: dict[str, tuple[Callable[[Path], bytes], str]] = {
    "random bytes": (lambda tmp: random_bytes(), "is not a qkeys database or is damaged"),
    "SQLite header, garbage after": (
        lambda tmp: sqlite_header_then_garbage(),
        "is not a qkeys database or is damaged",
    ),
    "truncated registry": (truncated_registry, "is not a qkeys database or is damaged"),
    "another program's database": (another_programs_database, "is a database of another program"),
}


@pytest.mark.parametrize(("make", "says"), DAMAGED.values(), ids=DAMAGED.keys())
def test_damaged_or_foreign_file_is_refused_untouched(
    tmp_path: Path, make: Callable[[Path], bytes], says: str
) -> None:
    db = tmp_path / "data" / "keys.db"
    db.parent.mkdir()
    db.write_bytes(make(tmp_path))
    db.chmod(0o644)
    os.utime(db, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = file_state(db)

    with pytest.raises(StoreError) as refused:
        Store.open(str(db))
    assert str(refused.value).startswith(str(db)) and says in str(refused.value)
    assert "left untouched" in str(refused.value)
    for arguments, stdin, status in (
        (["keys", "list"], b"", 1),
        (["keys", "create", "--name", "new", "--permissions", "read"], b"", 1),
        (["verify", "--action", "read"], b"qk_" + b"A" * 63, 3),  # 3: registry unavailable
    ):
        line = run_qkeys(db, *arguments, stdin=stdin).assert_clean_failure(status)
        assert line.startswith(f"qkeys: {db}") and says in line
    assert file_state(db) == before
    # SQLite may leave an empty -wal (and its -shm index) beside a damaged WAL-mode file
    assert not any(p.stat().st_size for p in db.parent.glob("keys.db-wal"))


def test_newer_schema_is_refused_and_nothing_changes(store: Store, db_path: Path) -> None:
    token = store.create_key("kept", ["read"], None).token
    store.close()
    with contextlib.closing(sqlite3.connect(db_path)) as connection:
        connection.execute("UPDATE schema_version SET version = ?", (LATEST_VERSION + 1,))
        connection.commit()
    before = file_state(db_path)

    with pytest.raises(SchemaTooNewError) as refused:
        Store.open(str(db_path))
    assert str(refused.value) == (
        f"this database uses schema version {LATEST_VERSION + 1}, but this qkeys knows only up "
        f"to {LATEST_VERSION}; upgrade qkeys to open it (nothing was changed)"
    )
    for arguments, stdin, status in (
        (["keys", "list"], "", 1),
        (["keys", "create", "--name", "new", "--permissions", "read"], "", 1),
        (["verify", "--action", "read"], token, 3),  # 3: registry unavailable
    ):
        line = run_qkeys(db_path, *arguments, stdin=stdin).assert_clean_failure(status)
        assert "upgrade qkeys to open it (nothing was changed)" in line
    assert file_state(db_path) == before


# -- a writer killed mid-way -------------------------------------------------------------------

KILLED_WRITER = textwrap.dedent(
    """
    import sys
    from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
    from qkeys_desktop.core.store import Store

    store = Store.open(sys.argv[1], hasher=SecretHasher(FAST_TEST_PARAMS))
    store.add_project("Alpha")
    store.add_project("Beta")
    number = 0
    while True:
        key = store.create_key(f"key {number}", ["read"], None, ["Alpha", "Beta"])
        print(key.record.key_id, flush=True)
        number += 1
    """
)


@pytest.mark.parametrize("after", [1, 17, 60])
def test_sigkill_while_creating_keys_leaves_whole_keys(db_path: Path, after: int) -> None:
    db_path.parent.mkdir()
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    reported = [writer.stdout.readline().strip() for _ in range(after)]
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL

    assert integrity(db_path) == "ok"
    found = assert_every_key_whole(db_path, links_per_key=2)
    assert set(reported) <= found  # every key reported as created survived
    assert len(found) - len(reported) <= 1  # at most the one committed but not yet reported
    with contextlib.closing(sqlite3.connect(db_path)) as connection:
        revision = connection.execute("SELECT revision FROM registry_state").fetchone()[0]
    assert revision == 2 + len(found)  # each write bumped the revision in its own transaction
    store = Store.open(str(db_path), hasher=SecretHasher(FAST_TEST_PARAMS))
    assert store.create_key("after the crash", ["read"], None).record.name == "after the crash"


# -- the keychain fails or hangs ---------------------------------------------------------------


# The command line's side (exit 1, nothing printed, no key left behind): test_keychain_delivery.py


def test_a_failed_keychain_save_leaves_the_key_usable(store: Store) -> None:
    """The core's part: the record says "not in keychain" and the token still verifies."""
    for error in ERROR_KINDS.values():
        created = store.create_key(f"key {len(store.list_keys())}", ["read"], None)
        keychain = keychain_module.Keychain(backend=FailingKeyring(error), timeout=1)
        with pytest.raises(keychain_module.KeychainError) as failed:
            keychain.store(created.record.name, created.token)
        assert created.token not in str(failed.value)
        assert store.get_key(created.record.key_id).keychain_service is None
        assert store.verify(created.token, "read").ok
