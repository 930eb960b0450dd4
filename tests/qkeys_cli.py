"""Running ``qkeys`` in a child process, as a person or a script would, for the hardening tests.

The child inherits the test's isolated HOME and XDG directories (see conftest) and gets keyring's
fail backend unless a test names another, so no child ever touches a real keychain.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent
TIMEOUT = 60
EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Finished:
    """A finished ``qkeys`` run: exit status and decoded output."""

    status: int
    out: str
    err: str

    def assert_clean_failure(self, status: int = EXIT_REJECTED) -> str:
        """A refusal: the given status, no token on stdout, one ``qkeys:`` line, no traceback."""
        assert self.status == status, (self.status, self.out, self.err)
        assert self.out == "", self.out
        assert "Traceback" not in self.err, self.err
        lines = self.err.strip().splitlines()
        assert len(lines) == 1, self.err
        assert lines[0].startswith("qkeys: ") or status == EXIT_USAGE, self.err
        return lines[0]


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a child: the test's own, no QKEYS_DB, keyring's fail backend."""
    env = dict(os.environ)
    env.pop("QKEYS_DB", None)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.update(extra or {})
    return env


def run_qkeys(
    db: Path | str | None,
    *args: str,
    stdin: bytes | str = b"",
    env: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> Finished:
    """``python -m qkeys_desktop [--db DB] ARGS`` with ``stdin``; never raises on failure."""
    command = [sys.executable, "-m", "qkeys_desktop"]
    if db is not None:
        command += ["--db", str(db)]
    data = stdin.encode() if isinstance(stdin, str) else stdin
    finished = subprocess.run(
        [*command, *args],
        input=data,
        capture_output=True,
        env=child_env(env),
        timeout=timeout,
        check=False,
    )
    return Finished(
        finished.returncode,
        finished.stdout.decode("utf-8", "replace"),
        finished.stderr.decode("utf-8", "replace"),
    )
