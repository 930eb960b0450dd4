"""Keys delivered to a real Secret Service (gnome-keyring on a private bus), read by other programs.

Every step is a separate process, as on a workstation: ``qkeys`` stores the key, keyring's own
``keyring get`` reads it back, ``qkeys verify`` checks it, ``qkeys keys delete`` removes it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from system_parts import KEYRING_PASSWORD, run_keyring_probe

from qkeys_desktop.core.keychain import Keychain
from qkeys_desktop.core.store import Store

pytestmark = pytest.mark.system

WAIT = 60.0  # seconds a command may take (real argon2 parameters in the CLI)


def run(
    env: dict[str, str], *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run a Python module as its own process with the Secret Service environment."""
    return subprocess.run(
        [sys.executable, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=WAIT,
        check=False,
    )


@pytest.fixture
def env(secret_service: dict[str, str]) -> dict[str, str]:
    """This test's environment (private HOME and data dirs) plus the private Secret Service."""
    return {**os.environ, **secret_service}


# Locking needs no prompt; unlocking does, except through gnome-keyring's own interface for its
# password dialogs, which takes the password directly (the private bus has no prompter).
_LOCK = """
import secretstorage
bus = secretstorage.dbus_init()
secretstorage.get_default_collection(bus).lock()
"""
_UNLOCK = """
import sys
import secretstorage
from secretstorage.util import SS_PATH, DBusAddressWrapper, format_secret, open_session
bus = secretstorage.dbus_init()
collection = secretstorage.get_default_collection(bus)
internal = "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"
gnome = DBusAddressWrapper(SS_PATH, internal, bus)
secret = format_secret(open_session(bus), sys.stdin.read().encode(), "text/plain")
gnome.call("UnlockWithMasterPassword", "o(oayays)", collection.collection_path, secret)
assert not collection.is_locked()
"""


@pytest.fixture
def locked_collection(env: dict[str, str], secret_service: dict[str, str]) -> Iterator[None]:
    """The default collection locked for one test, as after a screen lock or a fresh login."""
    locked = run(env, "-c", _LOCK)
    assert locked.returncode == 0, locked.stderr
    try:
        yield
    finally:
        unlocked = run(env, "-c", _UNLOCK, stdin=KEYRING_PASSWORD)
        probe = run_keyring_probe(secret_service)
        # the Secret Service is shared by the session: a collection left locked must be loud
        assert unlocked.returncode == 0 and probe.returncode == 0, unlocked.stderr + probe.stderr


def qkeys(env: dict[str, str], db: Path, *args: str, stdin: str = "") -> Any:
    return run(env, "-m", "qkeys_desktop", "--db", str(db), *args, stdin=stdin)


def keyring_get(env: dict[str, str], service: str, account: str) -> Any:
    return run(env, "-m", "keyring", "get", service, account)


def test_cli_key_saved_to_keychain_is_read_back_by_keyring_and_removed_on_delete(
    env: dict[str, str], tmp_path: Path
) -> None:
    db = tmp_path / "keys.db"
    created = qkeys(
        env, db, "keys", "create", "--name", "ci deploy", "--permissions", "read", "--to", "keyring"
    )
    assert created.returncode == 0, created.stderr
    assert created.stdout == ""  # the token went to the keychain, not to the terminal
    command = created.stderr.split("read it with: ")[-1].split("\n")[0].strip()
    assert command.endswith(" -m keyring get qkeys 'ci deploy'"), created.stderr

    # the command it printed, typed into a plain shell: no virtual environment on the PATH
    plain = {**env, "PATH": "/usr/bin:/bin"}
    plain.pop("VIRTUAL_ENV", None)
    read = subprocess.run(["/bin/sh", "-c", command], env=plain, capture_output=True, text=True,
                          timeout=WAIT, check=False)
    assert read.returncode == 0, read.stderr
    token = read.stdout.strip()
    assert token.startswith("qk_")
    verified = qkeys(env, db, "verify", "--action", "read", stdin=token)
    assert verified.returncode == 0, verified.stderr

    listed = json.loads(qkeys(env, db, "keys", "list", "--json").stdout)
    assert [(k["name"], k["in_keychain"]) for k in listed] == [("ci deploy", True)]

    deleted = qkeys(env, db, "keys", "delete", "ci deploy", "--yes")
    assert deleted.returncode == 0, deleted.stderr
    gone = keyring_get(env, "qkeys", "ci deploy")
    assert gone.returncode == 1 and gone.stdout == ""
    assert qkeys(env, db, "verify", "--action", "read", stdin=token).returncode != 0


def test_regenerate_to_keychain_replaces_the_entry(env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "keys.db"
    args = ("--to", "keyring", "--keyring-service", "qkeys-regen")
    first = qkeys(env, db, "keys", "create", "--name", "billing", "--permissions", "write", *args)
    assert first.returncode == 0, first.stderr
    old = keyring_get(env, "qkeys-regen", "billing").stdout.strip()

    again = qkeys(env, db, "keys", "regenerate", "billing", *args)
    assert again.returncode == 0, again.stderr
    new = keyring_get(env, "qkeys-regen", "billing").stdout.strip()
    assert new and new != old
    assert qkeys(env, db, "verify", "--action", "write", stdin=new).returncode == 0
    assert qkeys(env, db, "verify", "--action", "write", stdin=old).returncode != 0

    assert qkeys(env, db, "keys", "delete", "billing", "--yes").returncode == 0
    assert keyring_get(env, "qkeys-regen", "billing").returncode == 1


def test_keychain_adapter_against_the_real_secret_service(
    secret_service_keyring: Any, env: dict[str, str]
) -> None:
    keychain = Keychain("qkeys-adapter")
    assert keychain.unavailable_reason() is None
    keychain.store("alice", "qk_adapter_token")
    assert keyring_get(env, "qkeys-adapter", "alice").stdout.strip() == "qk_adapter_token"
    assert keychain.remove("alice") is True
    assert keychain.remove("alice") is False
    assert keyring_get(env, "qkeys-adapter", "alice").returncode == 1


def test_missing_secret_service_gives_a_reason(tmp_path: Path) -> None:
    """The Secret Service backend configured, but no bus: unavailable, with the cause."""
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'no-bus'}",
    }
    probe = run(
        env,
        "-c",
        "from qkeys_desktop.core.keychain import Keychain; print(Keychain().unavailable_reason())",
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.startswith("No usable OS keychain: ")

    db = tmp_path / "keys.db"
    created = qkeys(
        env, db, "keys", "create", "--name", "k", "--permissions", "read", "--to", "keyring"
    )
    # checked before anything is created: exit 1, nothing printed, no key behind
    assert created.returncode == 1, created.stderr
    assert "No usable OS keychain" in created.stderr and "Nothing was created" in created.stderr
    assert created.stdout == ""
    assert json.loads(qkeys(env, db, "keys", "list", "--json").stdout) == []


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_window_delivery_to_the_real_keychain(
    qtbot: QtBot, secret_service_keyring: Any, env: dict[str, str], store: Store, tmp_path: Path
) -> None:
    """The window's delivery step, as the Create dialog uses it, into the real Secret Service."""
    from qkeys_desktop.ui.delivery import deliver_new_key, open_reveal_dialogs
    from qkeys_desktop.ui.settings import DELIVERY_KEYCHAIN, AppSettings
    from qkeys_desktop.ui.tasks import TaskRunner

    settings = AppSettings(QSettings(str(tmp_path / "qkeys.ini"), QSettings.Format.IniFormat))
    settings.keychain_service = "qkeys-window"
    runner = TaskRunner()
    created = store.create_key("from the window", ["read"], None)
    deliver_new_key(None, created, DELIVERY_KEYCHAIN, settings, runner, store)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=int(WAIT * 1000))
    assert store.get_key(created.record.key_id).keychain_service == "qkeys-window"
    for dialog in open_reveal_dialogs():
        assert dialog.token() == ""  # saved, so not shown
        dialog.done(0)

    read = keyring_get(env, "qkeys-window", "from the window")
    assert read.returncode == 0, read.stderr
    assert store.verify(read.stdout.strip(), "read").ok
    Keychain("qkeys-window").remove("from the window")


def test_locked_keychain_is_explained_and_the_cli_fails_visibly(
    env: dict[str, str], tmp_path: Path, locked_collection: None
) -> None:
    """A script that chose the keychain learns of the failure (exit 1), gets no token on stdout
    and is left no key whose token nobody holds."""
    db = tmp_path / "keys.db"
    created = qkeys(
        env, db, "keys", "create", "--name", "locked", "--permissions", "read", "--to", "keyring"
    )
    assert created.returncode == 1, created.stderr
    assert "The OS keychain is locked and was not unlocked" in created.stderr
    assert created.stdout == ""
    assert json.loads(qkeys(env, db, "keys", "list", "--json").stdout) == []


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_locked_keychain_in_the_window_shows_the_key_instead(
    qtbot: QtBot, secret_service_keyring: Any, locked_collection: None, store: Store
) -> None:
    from qkeys_desktop.ui.delivery import deliver_new_key, open_reveal_dialogs
    from qkeys_desktop.ui.settings import DELIVERY_KEYCHAIN, AppSettings
    from qkeys_desktop.ui.tasks import TaskRunner

    runner = TaskRunner()
    created = store.create_key("locked in the window", ["read"], None)
    settings = AppSettings(QSettings(str(store.target) + ".ini", QSettings.Format.IniFormat))
    deliver_new_key(None, created, DELIVERY_KEYCHAIN, settings, runner, store)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=int(WAIT * 1000))
    (dialog,) = open_reveal_dialogs()
    assert dialog.token() == created.token  # never lost
    assert "locked and was not unlocked" in dialog.banner.text()
    assert store.get_key(created.record.key_id).keychain_service is None
    dialog.copied = True  # no "you haven't copied it" question on the way out
    dialog.done(0)
