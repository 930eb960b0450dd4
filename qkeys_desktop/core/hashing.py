"""argon2id hashing of key secrets.

Parameters: argon2id, t=2, m=19 MiB, p=1 — the OWASP minimum for argon2id. Our secrets carry
262 random bits, so no cost setting changes whether a stolen hash can be brute-forced (it can't);
the hash is there so a leaked database holds nothing usable. We still take a standard, auditable
baseline rather than an ad-hoc "cheap" one, and it keeps one verify around 20 ms — paid once per
process per token, since :mod:`verification` remembers tokens it has already checked.
Parameters live inside each hash string, so raising them later upgrades old hashes on verify.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported on first use: the window starts without it (tests/benchmarks)
    from argon2 import PasswordHasher


@dataclass(frozen=True, slots=True)
class HashParams:
    """argon2id cost parameters."""

    time_cost: int = 2
    memory_cost_kib: int = 19 * 1024
    parallelism: int = 1


DEFAULT_PARAMS = HashParams()
#: For tests only: the cheapest parameters argon2 accepts.
FAST_TEST_PARAMS = HashParams(time_cost=1, memory_cost_kib=8, parallelism=1)


class SecretHasher:
    """Hashes and checks secrets with one set of argon2id parameters."""

    def __init__(self, params: HashParams = DEFAULT_PARAMS) -> None:
        self.params = params
        self._argon2: PasswordHasher | None = None

    @property
    def _hasher(self) -> PasswordHasher:
        if self._argon2 is None:
            from argon2 import PasswordHasher, Type

            self._argon2 = PasswordHasher(
                time_cost=self.params.time_cost,
                memory_cost=self.params.memory_cost_kib,
                parallelism=self.params.parallelism,
                type=Type.ID,
            )
        return self._argon2

    def hash(self, secret: str) -> str:
        """Return the argon2id hash string (parameters and salt included) of ``secret``."""
        return self._hasher.hash(secret)

    def matches(self, stored_hash: str, secret: str) -> bool:
        """Whether ``secret`` matches ``stored_hash``; False (never an exception) otherwise."""
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            return self._hasher.verify(stored_hash, secret)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        """Whether hashing again with our parameters would *strengthen* ``stored_hash``.

        Only an upgrade: a hash made with a higher cost in any parameter (by a newer qkeys, or
        one configured stronger, sharing a team registry) is kept as it is, so two versions on
        one registry never flip a key's hash back and forth, nor weaken it.
        """
        from argon2 import extract_parameters
        from argon2.exceptions import InvalidHashError
        from argon2.low_level import ARGON2_VERSION

        try:
            stored = extract_parameters(stored_hash)
        except (InvalidHashError, ValueError):
            return False
        ours = self._hasher
        costs = ("time_cost", "memory_cost", "parallelism", "hash_len", "salt_len")
        if stored.version > ARGON2_VERSION or any(
            getattr(stored, cost) > getattr(ours, cost) for cost in costs
        ):
            return False
        return stored.type is not ours.type or any(
            getattr(stored, cost) != getattr(ours, cost) for cost in costs
        ) or stored.version != ARGON2_VERSION
