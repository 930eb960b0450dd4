"""The keychain adapter: delivery, read-back, and a reason for every way a keychain fails."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.compat import properties
from keyring.errors import KeyringError
from memory_keyring import ERROR_KINDS, FailingKeyring, HangingKeyring, MemoryKeyring

from qkeys_desktop.core.keychain import (
    NO_KEYCHAIN,
    Keychain,
    KeychainError,
    read_back_command,
    unusable_reason,
)

TOKEN = "qk_7Gh2kLm9Qx4a_" + "S3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr3t" + "a1B2c3"

#: what each failure kind must tell the person (keys must match memory_keyring.ERROR_KINDS)
EXPECTED_REASONS = {
    "no backend": "No OS keychain is available",
    "locked": "locked and was not unlocked",
    "set failed": "refused to save the key (prompt dismissed)",
    "unexpected": "failed to save the key (RuntimeError: dbus exploded)",
}

B = TypeVar("B", bound=type)


def unregistered(cls: B) -> B:
    """Keep a test backend out of keyring's registry, where detection would consider it."""
    KeyringBackend._classes.discard(cls)  # type: ignore[attr-defined]
    return cls


@unregistered
class BlackHoleKeyring(MemoryKeyring):
    """Claims to save but keeps nothing, like a misconfigured or stub backend."""

    def set_password(self, service: str, username: str, password: str) -> None:
        pass


@unregistered
class EchoingKeyring(MemoryKeyring):
    """Fails with an error text that quotes (part of) the password, as a careless backend might."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError(f"could not store {password[:20]}... for {username}")


@unregistered
class ZeroPriorityKeyring(MemoryKeyring):
    priority = 0  # type: ignore[assignment]


@unregistered
class GoneServiceKeyring(MemoryKeyring):
    """Like SecretService.Keyring when its D-Bus service went away: asking its priority raises."""

    @properties.classproperty
    def priority(cls) -> float:  # type: ignore[override]
        raise RuntimeError("The Secret Service daemon is neither running nor activatable")


@pytest.fixture
def hanging() -> Iterator[HangingKeyring]:
    backend = HangingKeyring()
    yield backend
    backend.release.set()


PYTHON = shlex.quote(sys.executable)  # the interpreter qkeys runs on, by its absolute path


def test_read_back_command_is_what_a_person_types() -> None:
    assert read_back_command("qkeys", "ci-deploy") == f"{PYTHON} -m keyring get qkeys ci-deploy"
    assert read_back_command("qkeys", "my app's key") == (
        f"{PYTHON} -m keyring get qkeys 'my app'\"'\"'s key'")


def test_read_back_command_protects_names_that_look_like_options() -> None:
    assert read_back_command("qkeys", "-x") == f"{PYTHON} -m keyring get -- qkeys -x"


def test_read_back_command_runs_in_a_plain_shell_outside_the_environment() -> None:
    """No virtual environment, no PATH but the system's: the command still finds keyring (here
    its null backend, which answers with nothing and status 1 — not "command not found")."""
    plain = {"PATH": "/usr/bin:/bin", "HOME": os.environ["HOME"],
             "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    finished = subprocess.run(["/bin/sh", "-c", read_back_command("qkeys", "ci")], env=plain,
                              capture_output=True, text=True, timeout=60, check=False)
    assert finished.returncode == 1 and finished.stdout == "", finished.stderr
    assert "No module named" not in finished.stderr and "not found" not in finished.stderr


def test_store_read_remove_round_trip() -> None:
    backend = MemoryKeyring()
    keychain = Keychain("qkeys", backend=backend)
    keychain.store("ci-deploy", TOKEN)
    assert backend.items == {("qkeys", "ci-deploy"): TOKEN}
    assert keychain.read("ci-deploy") == TOKEN
    assert keychain.remove("ci-deploy") is True
    assert keychain.read("ci-deploy") is None
    assert keychain.remove("ci-deploy") is False


def test_default_backend_is_the_one_keyring_is_set_to() -> None:
    keychain = Keychain()
    keychain.store("ci-deploy", TOKEN)
    assert keyring.get_password("qkeys", "ci-deploy") == TOKEN


@pytest.mark.parametrize("kind", sorted(ERROR_KINDS))
def test_every_error_kind_has_a_reason_without_the_token(kind: str) -> None:
    keychain = Keychain(backend=FailingKeyring(ERROR_KINDS[kind]))
    with pytest.raises(KeychainError) as raised:
        keychain.store("ci-deploy", TOKEN)
    message = str(raised.value)
    assert EXPECTED_REASONS[kind] in message
    assert TOKEN not in message
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_every_error_kind_is_covered() -> None:
    assert set(EXPECTED_REASONS) == set(ERROR_KINDS)


@pytest.mark.parametrize("kind", sorted(ERROR_KINDS))
def test_read_failures_are_explained_too(kind: str) -> None:
    with pytest.raises(KeychainError, match=r"\S"):
        Keychain(backend=FailingKeyring(ERROR_KINDS[kind])).read("ci-deploy")


def test_an_error_text_quoting_the_token_is_not_repeated() -> None:
    with pytest.raises(KeychainError) as raised:
        Keychain(backend=EchoingKeyring()).store("ci-deploy", TOKEN)
    assert str(raised.value) == "The OS keychain failed to save the key."
    assert TOKEN[:12] not in str(raised.value)


def test_a_hung_keychain_times_out_with_a_reason(hanging: HangingKeyring) -> None:
    with pytest.raises(KeychainError, match=r"did not answer within 0\.2 s while trying to save"):
        Keychain(backend=hanging, timeout=0.2).store("ci-deploy", TOKEN)


def test_a_hung_keychain_does_not_keep_the_process_alive(tmp_path: Path) -> None:
    script = (
        "import keyring\n"
        "from memory_keyring import HangingKeyring\n"
        "from qkeys_desktop.core.keychain import Keychain, KeychainError\n"
        "keyring.set_keyring(HangingKeyring())\n"
        "try:\n"
        "    Keychain(timeout=0.1).store('a', 'b')\n"
        "except KeychainError:\n"
        "    print('gave up')\n"
    )
    tests_dir = str(Path(__file__).parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([tests_dir, os.getcwd()])}
    # HangingKeyring blocks for 60 s: a worker that held the exit would overrun this timeout
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "gave up"


def test_usable_backend_has_no_reason() -> None:
    assert Keychain(backend=MemoryKeyring()).unavailable_reason() is None


def test_fail_backend_means_no_keychain() -> None:
    assert Keychain(backend=fail.Keyring()).unavailable_reason() == NO_KEYCHAIN


def test_null_backend_is_reported_as_switched_off() -> None:
    reason = Keychain(backend=null.Keyring()).unavailable_reason()
    assert reason is not None and "switched off" in reason


def test_chainer_without_backends_means_no_keychain() -> None:
    @unregistered
    class EmptyChain(chainer.ChainerBackend):
        backends = ()  # type: ignore[assignment]

    assert unusable_reason(EmptyChain()) == NO_KEYCHAIN


def test_chainer_with_one_backend_is_usable_despite_its_low_priority() -> None:
    @unregistered
    class OneChain(chainer.ChainerBackend):
        backends = (MemoryKeyring(),)  # type: ignore[assignment]

    backend = OneChain()
    assert backend.priority < 0  # what the old check went by
    assert unusable_reason(backend) is None
    keychain = Keychain(backend=backend)
    keychain.store("ci-deploy", TOKEN)
    assert keychain.read("ci-deploy") == TOKEN


def test_backend_with_zero_priority_is_not_usable() -> None:
    reason = Keychain(backend=ZeroPriorityKeyring()).unavailable_reason()
    assert reason is not None and "not usable on this system" in reason


def test_backend_whose_service_is_gone_gives_its_reason() -> None:
    reason = Keychain(backend=GoneServiceKeyring()).unavailable_reason()
    assert reason is not None
    assert "is not usable: The Secret Service daemon is neither running" in reason


def test_backend_that_cannot_be_loaded_gives_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("Unable to initialize SecretService: no bus")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    assert Keychain().unavailable_reason() == (
        "No usable OS keychain: Unable to initialize SecretService: no bus."
    )
    with pytest.raises(KeychainError, match="No usable OS keychain"):
        Keychain().store("ci-deploy", TOKEN)


@pytest.mark.parametrize("backend", [null.Keyring(), fail.Keyring()], ids=["null", "fail"])
def test_store_refuses_a_backend_that_would_lose_the_key(backend: object) -> None:
    with pytest.raises(KeychainError):
        Keychain(backend=backend).store("ci-deploy", TOKEN)


def test_store_notices_a_backend_that_keeps_nothing() -> None:
    with pytest.raises(KeychainError, match="accepted the key but does not give it back"):
        Keychain(backend=BlackHoleKeyring()).store("ci-deploy", TOKEN)
