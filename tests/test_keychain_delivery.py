"""Tokens in the OS keychain: one policy (core.keychain_policy) for the CLI and the window.

Never overwrite an entry that does not hold a token of this key; remove an entry only while it
still holds this key's token; two registries on one machine never touch each other's entries;
a keychain that fails makes ``--to keyring`` fail visibly (exit 1, nothing on stdout) and leaves
no key behind whose token nobody has.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import keyring
import pytest
from memory_keyring import ERROR_KINDS, HangingKeyring, MemoryKeyring
from qkeys_cli import TESTS_DIR, run_qkeys

from qkeys_desktop import cli
from qkeys_desktop.core import keychain as keychain_module
from qkeys_desktop.core.keychain import Keychain
from qkeys_desktop.core.keychain_policy import (
    KeychainConflictError,
    check_free,
    forget_token,
    save_token,
)
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import parse_token

OWN_SECRET = "the user's own password, not a qkeys token"


@pytest.fixture
def backend() -> MemoryKeyring:
    """The keychain every in-process call of this module sees."""
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    return memory


def qkeys(db: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return status, out, err


def create(
    db: Path, name: str, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, str, str]:
    return qkeys(db, "keys", "create", "--name", name, "--permissions", "read", *extra,
                 capsys=capsys)


# -- the policy itself -------------------------------------------------------------------------


def test_save_refuses_an_entry_that_is_not_this_keys(backend: MemoryKeyring, store: Store) -> None:
    keychain = Keychain("qkeys", backend=backend)
    backend.set_password("qkeys", "deploy", OWN_SECRET)
    token = store.create_key("deploy", ["read"], None).token
    with pytest.raises(KeychainConflictError, match="qkeys/deploy") as refused:
        save_token(keychain, "deploy", token)
    assert token not in str(refused.value) and OWN_SECRET not in str(refused.value)
    assert backend.get_password("qkeys", "deploy") == OWN_SECRET
    with pytest.raises(KeychainConflictError):
        check_free(keychain, "deploy")


def test_save_replaces_only_this_key_or_the_key_it_replaces(
    backend: MemoryKeyring, store: Store
) -> None:
    keychain = Keychain("qkeys", backend=backend)
    old = store.create_key("deploy", ["read"], None)
    save_token(keychain, "deploy", old.token)
    save_token(keychain, "deploy", old.token)  # the same key again: fine
    new = store.regenerate_key("deploy")
    with pytest.raises(KeychainConflictError):
        save_token(keychain, "deploy", new.token)  # not said to replace the old key
    save_token(keychain, "deploy", new.token, replacing=[old.record.key_id])
    assert backend.get_password("qkeys", "deploy") == new.token


def test_forget_removes_only_an_entry_holding_this_keys_token(
    backend: MemoryKeyring, store: Store
) -> None:
    keychain = Keychain("qkeys", backend=backend)
    first = store.create_key("deploy", ["read"], None)
    backend.set_password("qkeys", "deploy", OWN_SECRET)
    assert forget_token(keychain, "deploy", first.record.key_id) is False
    assert backend.get_password("qkeys", "deploy") == OWN_SECRET
    backend.set_password("qkeys", "deploy", first.token)
    assert forget_token(keychain, "deploy", first.record.key_id) is True
    assert backend.get_password("qkeys", "deploy") is None
    assert forget_token(keychain, "deploy", first.record.key_id) is False  # already gone


# -- the command line --------------------------------------------------------------------------


def test_create_to_keyring_never_overwrites_a_foreign_entry(
    backend: MemoryKeyring, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backend.set_password("qkeys", "deploy", OWN_SECRET)
    status, out, err = create(db_path, "deploy", capsys, "--to", "keyring")
    assert status == 1 and out == ""
    assert "qkeys/deploy" in err and "Nothing was created" in err
    assert backend.get_password("qkeys", "deploy") == OWN_SECRET
    assert Store.open(str(db_path)).list_keys() == []


def test_two_registries_never_touch_each_others_entries(
    backend: MemoryKeyring, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert create(a, "deploy", capsys, "--to", "keyring")[0] == 0
    a_token = backend.get_password("qkeys", "deploy")
    assert a_token and parse_token(a_token)

    # the second registry's key of the same name may not take the entry...
    status, out, err = create(b, "deploy", capsys, "--to", "keyring")
    assert status == 1 and out == "" and "another registry" in err
    assert backend.get_password("qkeys", "deploy") == a_token
    # ...but it may use another service
    assert create(b, "deploy", capsys, "--to", "keyring", "--keyring-service", "qkeys-b")[0] == 0
    b_token = backend.get_password("qkeys-b", "deploy")

    # deleting or regenerating B's key leaves A's entry alone, even if B's entry was overwritten
    backend.set_password("qkeys-b", "deploy", a_token)
    # delivery follows the key, into its keychain entry: refused, that entry is not B's now
    refused = qkeys(b, "keys", "regenerate", "deploy", capsys=capsys)
    assert refused[0] == 1 and refused[1] == "" and "was not changed" in refused[2]
    assert backend.get_password("qkeys-b", "deploy") == a_token
    assert qkeys(b, "keys", "regenerate", "deploy", "--to", "stdout", capsys=capsys)[0] == 0
    assert qkeys(b, "keys", "delete", "deploy", "--yes", capsys=capsys)[0] == 0
    assert backend.get_password("qkeys", "deploy") == a_token
    assert backend.get_password("qkeys-b", "deploy") == a_token
    assert b_token != a_token
    assert Store.open(str(a)).verify(a_token, "read").ok


def test_regenerate_to_keyring_replaces_its_own_entry(
    backend: MemoryKeyring, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert create(db_path, "deploy", capsys, "--to", "keyring")[0] == 0
    old = backend.get_password("qkeys", "deploy")
    status, out, _err = qkeys(db_path, "keys", "regenerate", "deploy", "--to", "keyring",
                              capsys=capsys)
    assert status == 0 and out == ""
    new = backend.get_password("qkeys", "deploy")
    assert new and new != old
    store = Store.open(str(db_path))
    assert store.verify(new, "read").ok and not store.verify(old, "read").ok


def test_delete_removes_the_entry_it_made(
    backend: MemoryKeyring, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert create(db_path, "deploy", capsys, "--to", "keyring")[0] == 0
    assert qkeys(db_path, "keys", "delete", "deploy", "--yes", capsys=capsys)[0] == 0
    assert backend.get_password("qkeys", "deploy") is None


# -- a keychain that fails: visible to scripts, nothing left behind -----------------------------


def assert_failed_visibly(db_path: Path, env: dict[str, str]) -> None:
    """Exit 1, nothing on stdout, the reason on stderr, and no key left whose token nobody has."""
    created = run_qkeys(
        db_path, "keys", "create", "--name", "cron", "--permissions", "read", "--to", "keyring",
        "--json", env=env,
    )
    assert created.status == 1, created.err
    assert created.out == ""
    assert "Traceback" not in created.err and "keychain" in created.err
    store = Store.open(str(db_path))
    assert store.list_keys() == []
    listed = run_qkeys(db_path, "keys", "list", "--json", env=env)
    assert json.loads(listed.out) == []


@pytest.mark.parametrize("kind", ERROR_KINDS)
def test_cli_keychain_error_fails_and_creates_nothing(db_path: Path, kind: str) -> None:
    assert_failed_visibly(db_path, {
        "PYTHON_KEYRING_BACKEND": "failing_backends.Failing",
        "QKEYS_TEST_KEYRING_ERROR": kind,
        "PYTHONPATH": str(TESTS_DIR),
    })


@pytest.mark.parametrize("backend_name", ["Forgetful", "Broken"])
def test_cli_unusable_keychain_fails_and_leaves_no_key(db_path: Path, backend_name: str) -> None:
    """Forgetful passes the check before creating and loses the token when saving: the key is
    created, then revoked at once (the audit trail shows both)."""
    env = {"PYTHON_KEYRING_BACKEND": f"failing_backends.{backend_name}",
           "PYTHONPATH": str(TESTS_DIR)}
    assert_failed_visibly(db_path, env)
    if backend_name == "Forgetful":
        kinds = [e.kind for e in Store.open(str(db_path)).list_events()]
        assert kinds == ["key.deleted", "key.created"]


def test_cli_regenerate_with_a_failing_keychain_keeps_the_old_key(
    store: Store, db_path: Path
) -> None:
    """Checked before anything changes: the old key still works."""
    old = store.create_key("cron", ["read"], None)
    env = {"PYTHON_KEYRING_BACKEND": "failing_backends.Failing",
           "QKEYS_TEST_KEYRING_ERROR": "locked", "PYTHONPATH": str(TESTS_DIR)}
    finished = run_qkeys(db_path, "keys", "regenerate", "cron", "--to", "keyring", env=env)
    assert finished.status == 1 and finished.out == "", finished.err
    assert store.verify(old.token, "read").ok


def test_cli_hanging_keychain_gives_up_and_creates_nothing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In-process, to shorten the timeout (20 s in the product)."""
    hanging = HangingKeyring()
    keyring.set_keyring(hanging)
    monkeypatch.setattr(
        keychain_module, "Keychain", functools.partial(keychain_module.Keychain, timeout=0.3)
    )
    try:
        status, out, err = create(db_path, "cron", capsys, "--to", "keyring")
    finally:
        hanging.release.set()
    assert status == 1 and out == ""
    assert "did not answer within 0.3 s" in err
    assert Store.open(str(db_path)).list_keys() == []


@pytest.mark.slow
def test_cli_process_with_a_hanging_keychain_exits_and_leaves_no_key(db_path: Path) -> None:
    """The real thing: the product's 20 s timeout, and a process that still exits."""
    env = {"PYTHON_KEYRING_BACKEND": "failing_backends.Hanging", "PYTHONPATH": str(TESTS_DIR)}
    created = run_qkeys(
        db_path, "keys", "create", "--name", "cron", "--permissions", "read", "--to", "keyring",
        env=env, timeout=keychain_module.DEFAULT_TIMEOUT + 30,
    )
    assert created.status == 1 and created.out == "", created.err
    assert "did not answer" in created.err
    assert Store.open(str(db_path)).list_keys() == []
