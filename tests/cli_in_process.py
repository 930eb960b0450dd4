"""``qkeys --db TARGET ARGS`` run inside the test process, for the CLI tests that need many
commands against one registry on either engine (a child process per command would cost ~0.3 s).

The in-process run goes through :func:`qkeys_desktop.cli.main` — argument parsing, the handlers,
the exit status and both output streams, as a shell sees them — with cheap argon2 parameters.
Verifications, whose usage counts and limits apps rely on, run as real child processes.

Its fixtures ``qkeys`` and ``registry`` reach every test module as a plugin (tests/conftest.py);
a module's own fixture of the same name wins.
"""

from __future__ import annotations

import json

import pytest
from qkeys_cli import Finished, run_qkeys

from qkeys_desktop import cli
from qkeys_desktop.core import store as store_module
from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
from qkeys_desktop.core.store import Store


class Qkeys:
    """``qkeys --db TARGET ARGS`` in this process; the registry is the test's (either engine)."""

    def __init__(self, target: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.target = target
        self.capsys = capsys

    def __call__(self, *args: str) -> Finished:
        self.capsys.readouterr()
        try:
            status = cli.main(["--db", self.target, *args])
        except SystemExit as usage:  # argparse's refusals (status 2) and --help, as a shell sees
            status = int(usage.code or 0)
        out, err = self.capsys.readouterr()
        return Finished(status, out, err)

    def ok(self, *args: str) -> Finished:
        finished = self(*args)
        assert finished.status == 0, finished.err
        return finished

    def refused(self, *args: str, status: int = 1) -> str:
        """The one ``qkeys:`` line of a refusal (nothing on stdout, no traceback)."""
        line = self(*args).assert_clean_failure(status)
        assert line.startswith("qkeys: "), line
        return line

    def create(self, name: str, *extra: str, permissions: str = "read") -> str:
        return self.ok("keys", "create", "--name", name, "--permissions", permissions,
                       *extra).out.strip()

    def json(self, *args: str) -> object:
        return json.loads(self.ok(*args, "--json").out)

    def key(self, name: str) -> dict[str, object]:
        shown = self.json("keys", "show", name)
        assert isinstance(shown, dict)
        return shown

    def verify(self, token: str, *extra: str) -> tuple[int, str]:
        """A child ``qkeys verify --action read``: its status and stderr (stdout stays empty)."""
        finished = run_qkeys(self.target, "verify", "--action", "read", *extra, stdin=token)
        assert finished.out == "" and "Traceback" not in finished.err, finished
        assert token[16:60] not in finished.err  # its secret, never echoed
        return finished.status, finished.err.strip()


@pytest.fixture
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI opens its own Store: give it cheap argon2 parameters (behaviour, not cost)."""
    monkeypatch.setattr(store_module, "SecretHasher", lambda: SecretHasher(FAST_TEST_PARAMS))


@pytest.fixture
def qkeys(store_target: str, capsys: pytest.CaptureFixture[str], cheap_hashing: None) -> Qkeys:
    return Qkeys(store_target, capsys)


@pytest.fixture
def registry(store_target: str) -> Store:
    """The same registry through the Python API, for what apps see (verification)."""
    return Store.open(store_target, hasher=SecretHasher(FAST_TEST_PARAMS))
