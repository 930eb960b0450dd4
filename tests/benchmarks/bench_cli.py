"""``qkeys verify`` as a whole process: what a shell script pays per check."""

from __future__ import annotations

import subprocess
from pathlib import Path

from bench_verify import argon2_args
from common import PYTHON, Budget, Figure, child_env, run_probe, wall_ms
from fixtures import Workspace, add_real_key, forget_last_use, stored_hash

from qkeys_desktop.core.tokens import parse_token

HEAVY = ("PySide6", "shiboken6", "peewee", "playhouse", "psycopg2", "keyring")
FLOOR = ("import argparse, sqlite3, sys\nimport argon2\nstored, secret = sys.stdin.read()"
         ".split(chr(10))[:2]\nargon2.PasswordHasher(time_cost={0}, memory_cost={1}, "
         "parallelism={2}, type=argon2.Type.ID).verify(stored, secret)")


def qkeys_command() -> list[str]:
    """The installed console script, as people run it (else ``python -m``)."""
    script = Path(PYTHON).parent / "qkeys"
    return [str(script)] if script.exists() else [PYTHON, "-m", "qkeys_desktop"]


def cli_verify(workspace: Workspace, budget: Budget) -> list[Figure]:
    """Wall time of ``qkeys verify`` over ``python -c pass`` plus one bare argon2 verify.

    Two cases: a check within a minute of the key's last recorded use (the common one: use is
    recorded at most once a minute per key), and a first use, which also writes it.
    """
    registry = workspace.scratch(Workspace.SMALL, "cli-verify")
    token = add_real_key(registry, "cli verify")
    command = [*qkeys_command(), "--db", str(registry.path), "verify", "--action", "read"]
    secret_input = f"{stored_hash(registry, token)}\n{parse_token(token).secret}"

    def first_use() -> float:
        forget_last_use(registry, token)
        return wall_ms(command, stdin=token)

    def baseline() -> float:
        argon2 = run_probe("argon2_verify", argon2_args(), stdin=secret_input)["verify_ms"]
        return wall_ms([PYTHON, "-c", "pass"]) + argon2

    def floor() -> float:
        return wall_ms([PYTHON, "-c", FLOOR.format(*argon2_args())], stdin=secret_input)

    first_use(), baseline(), floor()  # byte-code and page caches
    series: dict[str, list[float]] = {"repeat": [], "first": [], "baseline": [], "floor": []}
    for _ in range(budget.reps(7, 31)):
        series["first"].append(first_use())
        series["repeat"].append(wall_ms(command, stdin=token))
        series["baseline"].append(baseline())
        series["floor"].append(floor())
    best = {name: min(values) for name, values in series.items()}
    modules = imported_modules(command, token)
    return [
        Figure("cli_verify_ms", best["repeat"], "ms", 2.0, best["baseline"], on_ratio=True,
               note="baseline: python -c pass + one bare argon2 verify; last use recorded "
                    "less than a minute ago (so no write)",
               checks={f"{name} not imported": not any(m.split(".")[0] == name for m in modules)
                       for name in HEAVY}),
        Figure("cli_verify_first_use_ms", best["first"], "ms", None, best["baseline"],
               note="the same, for a key's first use in a minute: it also records the use"),
        Figure("cli_floor_ms", best["floor"], "ms", None, best["baseline"],
               note="any Python verifier's floor: a process importing argparse, sqlite3 and "
                    "argon2-cffi and verifying once"),
        Figure("cli_verify_floor_ratio", best["repeat"], "ms", 1.1, best["floor"],
               on_ratio=True, note="cli_verify_ms over cli_floor_ms: what qkeys adds to the "
                                   "least any Python verifier costs"),
    ]


def imported_modules(command: list[str], token: str) -> set[str]:
    """Every module a ``qkeys verify`` run imports, from ``-X importtime``."""
    done = subprocess.run(command, input=token, capture_output=True, text=True,
                          env=child_env(PYTHONPROFILEIMPORTTIME="1"), check=True)
    return {line.split("|")[-1].strip() for line in done.stderr.splitlines()
            if line.startswith("import time:")}
