"""Which database targets qkeys accepts, and that every SQLite form gets the same protections.

The rule (``verify_only.sqlite_path``, used by ``database.open_database`` too): a plain path is a
file; ``sqlite:///PATH`` takes PATH as written, so ``sqlite:////abs/keys.db`` is absolute and
``sqlite:///keys.db`` relative to the current directory; ``postgresql://`` and ``postgres://``
are servers. Everything else is refused with a message naming the accepted forms.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from qkeys_cli import child_env, run_qkeys

from qkeys_desktop.core import verify_only
from qkeys_desktop.core.errors import StoreError
from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.models import APPLICATION_ID
from qkeys_desktop.core.store import Store

ACCEPTED = "sqlite:////absolute/path.db"  # part of every refusal: the forms that work

REFUSED = {
    "unknown scheme": "foo://bar",
    "ftp": "ftp://x/y",
    "another driver": "mysql://user@host/qkeys",
    "pooled sqlite": "sqlite+pool:///pooled.db",
    "sqlite extension": "sqliteext:///ext.db",
    "queued sqlite": "sqliteq:///queued.db",
    "pooled postgresql": "postgresql+pool://user@host/qkeys",
    "sqlite with a host": "sqlite://rel.db",
    "sqlite with options": "sqlite:///opts.db?mode=memory",
    "sqlite with one slash": "sqlite:/slash.db",
}
IN_MEMORY = {
    "sqlite://": "sqlite://",
    "sqlite:///": "sqlite:///",
    "memory url": "sqlite:///:memory:",
    "memory path": ":memory:",
}


def run_in(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qkeys_desktop", *args], cwd=cwd, capture_output=True, text=True,
        env=child_env(), timeout=60, check=False,
    )


def one_clean_line(finished: subprocess.CompletedProcess[str]) -> str:
    assert finished.returncode != 0 and finished.stdout == "", finished
    assert "Traceback" not in finished.stderr, finished.stderr
    lines = finished.stderr.strip().splitlines()
    assert len(lines) == 1, finished.stderr
    return lines[0]


@pytest.mark.parametrize("target", REFUSED.values(), ids=REFUSED.keys())
def test_unusable_targets_are_refused_naming_the_accepted_forms(
    tmp_path: Path, target: str
) -> None:
    with pytest.raises(StoreError) as refused:
        Store.open(target)
    assert ACCEPTED in str(refused.value) and "postgresql://" in str(refused.value)
    work = tmp_path / "cwd"
    work.mkdir()
    source = tmp_path / "source.db"
    Store.open(str(source)).close()
    for args in (["--db", target, "keys", "list"], ["--db", str(source), "migrate-db", "--to",
                                                    target]):
        line = one_clean_line(run_in(work, *args))
        assert ACCEPTED in line, line
    with subprocess.Popen(
        [sys.executable, "-m", "qkeys_desktop", "--db", target, "verify", "--action", "read"],
        cwd=work, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=child_env(),
    ) as verify:
        _out, err = verify.communicate("qk_" + "A" * 63, timeout=60)
    assert verify.returncode != 0 and ACCEPTED in err and "Traceback" not in err, err
    assert list(work.iterdir()) == []  # no file made under any name


@pytest.mark.parametrize("target", IN_MEMORY.values(), ids=IN_MEMORY.keys())
def test_in_memory_registries_are_refused(tmp_path: Path, target: str) -> None:
    with pytest.raises(StoreError) as refused:
        Store.open(target)
    assert "in-memory" in str(refused.value) and ACCEPTED in str(refused.value)
    work = tmp_path / "cwd"
    work.mkdir()
    line = one_clean_line(run_in(work, "--db", target, "keys", "create", "--name", "k",
                                 "--permissions", "read"))
    assert "in-memory" in line
    assert list(work.iterdir()) == []


def test_the_url_rule() -> None:
    assert verify_only.sqlite_path("sqlite:////srv/qkeys/keys.db") == "/srv/qkeys/keys.db"
    assert verify_only.sqlite_path("sqlite:///tmp/keys.db") == "tmp/keys.db"
    assert verify_only.sqlite_path("sqlite:///keys.db") == "keys.db"
    assert verify_only.sqlite_path("SQLite:///keys.db") == "keys.db"
    assert verify_only.sqlite_path("/srv/qkeys/keys.db") == "/srv/qkeys/keys.db"
    assert verify_only.sqlite_path("~/keys.db") == os.path.expanduser("~/keys.db")
    assert verify_only.sqlite_path("sqlite:///~/keys.db") == os.path.expanduser("~/keys.db")
    assert verify_only.sqlite_path("sqlite-notes.db") == "sqlite-notes.db"  # just a name
    assert verify_only.sqlite_path("postgresql://u@h/qkeys") is None
    assert verify_only.sqlite_path("postgres://u@h/qkeys") is None
    with pytest.raises(StoreError) as refused:
        verify_only.sqlite_path("ftp://user:hunter2@x/y")
    assert "hunter2" not in str(refused.value) and "user:***@x/y" in str(refused.value)


def test_relative_and_absolute_sqlite_urls(tmp_path: Path) -> None:
    """sqlite:///rel.db: relative to the current directory; sqlite:////abs: absolute. Both the
    same registry as their path, a marked one."""
    work = tmp_path / "cwd"
    work.mkdir()
    created = run_in(work, "--db", "sqlite:///sub/rel.db", "projects", "add", "Relative")
    assert created.returncode == 0, created.stderr
    absolute = tmp_path / "abs" / "keys.db"
    assert f"sqlite:///{absolute}".startswith("sqlite:////")
    created = run_in(work, "--db", f"sqlite:///{absolute}", "projects", "add", "Absolute")
    assert created.returncode == 0, created.stderr
    assert sorted(p.name for p in work.iterdir()) == ["sub"]
    for path, project in ((work / "sub" / "rel.db", "Relative"), (absolute, "Absolute")):
        listed = run_qkeys(path, "projects", "list")
        assert listed.status == 0 and project in listed.out, listed.err
        assert path.read_bytes()[68:72] == b"qkey"  # the registry's mark, in the file header


def sqlite_forms(tmp_path: Path) -> dict[str, tuple[str, Path]]:
    absolute = tmp_path / "abs" / "keys.db"
    return {
        "plain path": (str(tmp_path / "plain" / "keys.db"), tmp_path / "plain" / "keys.db"),
        "absolute url": (f"sqlite:///{absolute}", absolute),
        "relative url": ("sqlite:///rel/keys.db", Path("rel/keys.db")),
    }


@pytest.mark.parametrize("form", ["plain path", "absolute url", "relative url"])
def test_every_sqlite_form_gets_the_same_protections(
    tmp_path: Path, fast_hasher: SecretHasher, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    monkeypatch.chdir(tmp_path)
    target, path = sqlite_forms(tmp_path)[form]
    previous = os.umask(0o022)
    try:
        store = Store.open(target, hasher=fast_hasher)
    finally:
        os.umask(previous)
    try:
        pragma = {name: store.db.execute_sql(f"PRAGMA {name}").fetchone()[0]
                  for name in ("journal_mode", "foreign_keys", "secure_delete", "application_id")}
        assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "secure_delete": 1,
                          "application_id": APPLICATION_ID}
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        store.add_project("Lab")
        scoped = store.create_key("scoped", ["read"], None, ["Lab"])
        with contextlib.closing(sqlite3.connect(path)) as raw:
            (scoped_id,) = raw.execute("SELECT id FROM api_key").fetchone()
        store.delete_key("scoped")
        fresh = store.create_key("fresh", ["read"], None)
        with contextlib.closing(sqlite3.connect(path)) as raw:
            assert raw.execute("SELECT COUNT(*) FROM key_project").fetchone() == (0,)
            (fresh_id,) = raw.execute("SELECT id FROM api_key").fetchone()
        assert fresh_id > scoped_id  # a deleted key's id is never handed out again
        assert fresh.record.all_projects and fresh.record.projects == ()
        assert not store.verify(scoped.token, "read", "Lab").ok
    finally:
        store.close()
