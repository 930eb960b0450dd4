"""Fuzzing the token parser and verify against an independent model of what must be accepted.

``verify`` must never raise, and must accept nothing but an issued, live (not deleted, replaced or
expired, or replaced by a rotation whose overlap still runs), enabled, permitted token used in its
scope — and when it refuses, give the reason the model gives, in the order of
docs/ARCHITECTURE.md, and when a key that once worked stopped (revoked, rotated, expired). The
model re-implements the format (regex, CRC32, base62) on its own rather than calling the code
under test. tests/test_properties.py holds the simpler properties; this file is the dedicated
fuzz run:

* a fixed registry (keys with every kind of permission, scope and fate) probed with issued
  tokens, their mutations and homoglyphs, forgeries with valid checksums, and arbitrary objects;
* ``qkeys verify`` (in-process) fed arbitrary bytes on stdin;
* a state machine that creates, deletes, regenerates, rotates with overlap, disables, enables,
  lets time pass and verifies in any order, so the verifier's cache meets every change of state.

Default: 300 examples per property, a few seconds. The long run (the state machine runs a tenth
as many sequences, of up to 30 steps each)::

    QKEYS_FUZZ_EXAMPLES=10000 uv run pytest tests/test_fuzz.py
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import string
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import peewee
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from qkeys_desktop import cli
from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import TokenFormatError, parse_token
from qkeys_desktop.core.verification import VerifyResult

EXAMPLES = int(os.environ.get("QKEYS_FUZZ_EXAMPLES") or 300)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # The registry is built once per module on purpose; the per-test autouse isolation is fine.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ACTIONS = ("create", "read", "write", "delete", "invite")
PROJECTS = ("Alpha", "Beta", "Gamma")

# -- the model: independent of qkeys_desktop.core.tokens ---------------------------------------

BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
SHAPE = re.compile(r"qk_[0-9A-Za-z]{12}_[0-9A-Za-z]{50}")


def base62(number: int, width: int) -> str:
    digits = ""
    while number:
        number, digit = divmod(number, 62)
        digits = BASE62[digit] + digits
    return digits.rjust(width, "0")


def with_checksum(body: str) -> str:
    return body + base62(zlib.crc32(body.encode()), 6)


def format_verdict(token: object) -> str | None:
    """'malformed', 'bad checksum', or None for a well-formed token."""
    if not isinstance(token, str) or not SHAPE.fullmatch(token):
        return "malformed"
    return None if with_checksum(token[:-6]) == token else "bad checksum"


@dataclass(frozen=True)
class Key:
    """What the model knows of one live key."""

    token: str
    actions: frozenset[str]
    scope: frozenset[str] | None  # case-folded project names; None: all projects
    expires_at: int | None  # epoch seconds
    disabled: bool = False
    previous: str | None = None  # the token a rotation replaced, accepted until previous_until
    previous_until: int | None = None


@dataclass
class Model:
    """The registry as the model sees it: live keys by key id, and the key ids that stopped
    (key id → reason, "revoked" or "rotated", and since when)."""

    keys: dict[str, Key]
    retired: dict[str, tuple[str, int]]

    def holder(self, key_id: str, now: int) -> tuple[Key, str] | None:
        """The live key that accepts this key id, and the token it accepts for it."""
        if key_id in self.keys:
            return self.keys[key_id], self.keys[key_id].token
        for key in self.keys.values():
            if key.previous is not None and key.previous[:15] == key_id:
                assert key.previous_until is not None
                return (key, key.previous) if key.previous_until > now else None
        return None


def verdict(
    model: Model, now: int, token: object, action: object, project: object
) -> tuple[str | None, int | None]:
    """The reason verify must give (None: accept), in the order of docs/ARCHITECTURE.md, and
    when the key stopped working (revoked, rotated, expired; else None)."""
    malformed = format_verdict(token)
    if malformed:
        return malformed, None
    assert isinstance(token, str)
    if not (isinstance(action, str) and action.isascii() and action.strip().lower() in ACTIONS):
        return "unknown action", None
    found = model.holder(token[:15], now)
    if found is None:
        return model.retired.get(token[:15], ("unknown key", None))
    key, accepted = found
    if key.disabled:
        return "disabled", None
    if key.expires_at is not None and key.expires_at <= now:
        return "expired", key.expires_at
    if token != accepted:
        return "mismatch", None
    if action.strip().lower() not in key.actions:
        return "action not permitted", None
    if key.scope is not None and not (
        isinstance(project, str) and project.strip().casefold() in key.scope
    ):
        return "project out of scope", None
    return None, None


def expected(model: Model, now: int, token: object, action: object, project: object
             ) -> str | None:
    """The reason alone."""
    return verdict(model, now, token, action, project)[0]


# -- strategies --------------------------------------------------------------------------------

LOOKALIKES = "ОоΟο０１ıІіlI|ｑｋ＿_-\u200b\u00ad\u202e \t\n\x00é🔑\ud800"
characters = st.sampled_from(BASE62 + LOOKALIKES) | st.characters()


@st.composite
def mutated(draw: st.DrawFn, token: str) -> str:
    """One to four edits: substitute, insert, delete, swap neighbours, flip case, truncate."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(len(token) - 1, 0)))
        kind = draw(st.sampled_from(["sub", "ins", "del", "swap", "case", "cut"]))
        if kind == "sub":
            token = token[:at] + draw(characters) + token[at + 1 :]
        elif kind == "ins":
            token = token[:at] + draw(characters) + token[at:]
        elif kind == "del":
            token = token[:at] + token[at + 1 :]
        elif kind == "swap" and at + 1 < len(token):
            token = token[:at] + token[at + 1] + token[at] + token[at + 2 :]
        elif kind == "case":
            token = token[:at] + token[at : at + 1].swapcase() + token[at + 1 :]
        elif kind == "cut":
            token = token[:at]
    return token


def forged(key_id: str) -> st.SearchStrategy[str]:
    """A well-formed token, valid checksum and all, for ``key_id`` with a random secret."""
    secret = st.text(alphabet=BASE62, min_size=44, max_size=44)
    return secret.map(lambda s: with_checksum(f"{key_id}_{s}"))


random_ids = st.text(alphabet=BASE62, min_size=12, max_size=12).map(lambda s: "qk_" + s)


def presented(issued: list[str]) -> st.SearchStrategy[object]:
    """What a caller might present: mostly near-misses of the issued tokens."""
    pick = st.sampled_from(issued)
    return st.one_of(
        pick,
        pick.flatmap(mutated),
        pick.flatmap(lambda t: forged(t[:15])),
        random_ids.flatmap(forged),
        pick.flatmap(lambda t: st.sampled_from([t.upper(), t.lower(), f" {t}", f"{t}\n", t * 2])),
        st.from_regex(SHAPE, fullmatch=True),
        st.text(alphabet=BASE62 + "_", min_size=64, max_size=68),
        st.text(max_size=80),
        st.binary(max_size=80),
        st.none() | st.integers() | st.floats() | st.lists(st.text(max_size=3), max_size=2),
    )


actions = st.one_of(
    st.sampled_from(ACTIONS),
    st.sampled_from(ACTIONS).flatmap(
        lambda a: st.sampled_from([a.upper(), a.title(), f" {a} ", f"{a}\n", f"{a}s", a[:-1]])
    ),
    st.sampled_from(["wrıte", "ınvıte", "reａd", "READ\u3000", "", "*", "admin", "all"]),
    st.text(max_size=10),
    st.none() | st.integers() | st.binary(max_size=5),
)
projects = st.one_of(
    st.none(),
    st.sampled_from(PROJECTS),
    st.sampled_from(["alpha", " BETA ", "Alpha\x00", "Alpha\ud800", "Alpha,Beta", "", "Delta"]),
    st.text(max_size=12),
    st.integers(),
)


# -- a fixed registry --------------------------------------------------------------------------


@dataclass
class Registry:
    store: Store
    db: Path
    model: Model
    issued: list[str]  # every token ever issued, live or not

    def expect(self, token: object, action: object, project: object) -> str | None:
        return expected(self.model, int(datetime.now(UTC).timestamp()), token, action, project)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    db = tmp_path_factory.mktemp("fuzz") / "keys.db"
    hasher = SecretHasher(FAST_TEST_PARAMS)
    store = Store.open(str(db), hasher=hasher)
    for project in PROJECTS:
        store.add_project(project)
    live: dict[str, Key] = {}

    def keep(token: str, granted: tuple[str, ...], scope: tuple[str, ...] | None) -> str:
        folded = None if scope is None else frozenset(p.casefold() for p in scope)
        live[token[:15]] = Key(token, frozenset(granted), folded, None)
        return token

    issued = [
        keep(store.create_key("all", ACTIONS, None).token, ACTIONS, None),
        keep(store.create_key("reader", ["read"], None, ["Alpha"]).token, ("read",), ("Alpha",)),
        keep(
            store.create_key("writer", ["write", "delete"], None, ["Alpha", "Beta"]).token,
            ("write", "delete"),
            ("Alpha", "Beta"),
        ),
        store.create_key("deleted", ACTIONS, None).token,
        store.create_key("rotating", ["invite"], None, ["Beta"]).token,
    ]
    deleted, replaced = issued[-2][:15], issued[-1][:15]
    store.delete_key("deleted")
    issued.append(keep(store.regenerate_key("rotating").token, ("invite",), ("Beta",)))
    retired: dict[str, tuple[str, int]] = {}
    for key_id, fate in ((deleted, "revoked"), (replaced, "rotated")):
        tombstone = store.retired_key(key_id)
        assert tombstone is not None and tombstone.reason == fate
        retired[key_id] = (fate, int(tombstone.at.timestamp()))
    long_ago = datetime.now(UTC) - timedelta(days=400)
    then = Store(store.db, hasher=hasher, clock=lambda: long_ago)
    expired = then.create_key("expired", ACTIONS, long_ago + timedelta(days=30))
    issued.append(expired.token)
    assert expired.record.expires_at is not None
    live[expired.token[:15]] = Key(
        expired.token, frozenset(ACTIONS), None, int(expired.record.expires_at.timestamp())
    )
    yield Registry(store, db, Model(live, retired), issued)
    store.close()


@FUZZ
@given(data=st.data())
def test_parse_agrees_with_the_model(registry: Registry, data: st.DataObject) -> None:
    value = data.draw(presented(registry.issued))
    verdict = format_verdict(value)
    try:
        parsed = parse_token(value)
    except TokenFormatError as error:
        assert error.reason == verdict
        return
    assert verdict is None
    assert isinstance(value, str)
    assert (parsed.key_id, parsed.secret) == (value[:15], value[16:-6])


@FUZZ
@given(data=st.data(), action=actions, project=projects)
def test_verify_agrees_with_the_model(
    registry: Registry, data: st.DataObject, action: object, project: object
) -> None:
    token = data.draw(presented(registry.issued))
    result = registry.store.verify(token, action, project)
    assert result.reason == registry.expect(token, action, project)
    assert result.ok is (result.reason is None)
    if result.reason in ("revoked", "rotated"):
        assert isinstance(token, str)
        assert result.stopped_at is not None
        assert int(result.stopped_at.timestamp()) == registry.model.retired[token[:15]][1]
    else:
        assert (result.stopped_at is not None) is (result.reason == "expired")
    if result.ok:
        assert isinstance(token, str) and token in registry.issued
        assert result.key_id == token[:15]


# -- the command line on arbitrary bytes --------------------------------------------------------


def stdin_bytes(issued: list[str]) -> st.SearchStrategy[bytes]:
    texts = presented(issued).filter(lambda v: isinstance(v, str)).map(str)
    suffixes = st.sampled_from(["", "\n", "\r\n", "\n\n", " ", "\r"])
    return st.one_of(
        st.tuples(texts, suffixes).map(lambda p: (p[0] + p[1]).encode("utf-8", "surrogatepass")),
        st.binary(max_size=120),
        st.sampled_from(issued).map(lambda t: t.encode() + b"\xff"),
        st.integers(4000, 4200).map(lambda n: b"A" * n),
    )


def cli_expectation(registry: Registry, raw: bytes, action: str, project: str | None) -> int:
    if len(raw) > 4096:
        return 1
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return 1
    token = text.removesuffix("\n").removesuffix("\r")
    if not token:
        return 2
    return 0 if registry.expect(token, action, project) is None else 1


def run_cli(arguments: list[str], raw: bytes) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO(raw))
    saved = sys.stdin
    sys.stdin = stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(arguments)
    finally:
        sys.stdin = saved
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def cheap_cli_argon2() -> Iterator[None]:
    """``qkeys verify`` opens its own verifier: give it the cheap parameters too."""
    from qkeys_desktop.core import verify_only

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(verify_only, "SecretHasher", lambda: SecretHasher(FAST_TEST_PARAMS))
        yield


@FUZZ
@given(
    data=st.data(),
    action=st.sampled_from(ACTIONS),
    project=st.none() | st.sampled_from(["Alpha", "beta", "Gamma"]),
)
def test_cli_verify_on_arbitrary_stdin(
    registry: Registry, cheap_cli_argon2: None, data: st.DataObject, action: str,
    project: str | None,
) -> None:
    raw = data.draw(stdin_bytes(registry.issued))
    arguments = ["--db", str(registry.db), "verify", "--action", action]
    arguments += ["--project", project] if project else []
    status, out, err = run_cli(arguments, raw)
    assert status == cli_expectation(registry, raw, action, project), err
    assert out == "" and "Traceback" not in err
    assert not [t for t in registry.issued if t in err]  # the input is never echoed


# -- a registry that changes under the verifier ------------------------------------------------

START = 2_000_000_000  # epoch seconds: whole seconds, as the database stores them


class RegistryMachine(RuleBasedStateMachine):
    """Any sequence of creates, deletes, regenerations, rotations with overlap, disables,
    enables, waits and verifications."""

    @initialize()
    def open_registry(self) -> None:
        self.now = START
        database = peewee.SqliteDatabase(":memory:", pragmas={"foreign_keys": 1})
        self.store = Store(
            database,
            hasher=SecretHasher(FAST_TEST_PARAMS),
            clock=lambda: datetime.fromtimestamp(self.now, UTC),
        )
        for project in PROJECTS:
            self.store.add_project(project)
        self.model = Model({}, {})
        self.keys = self.model.keys
        self.created_at: dict[str, int] = {}
        self.issued: list[str] = []
        self.names = 0

    def _keep(self, token: str, key: Key) -> None:
        self.keys[token[:15]] = key
        self.created_at[token[:15]] = self.now
        self.issued.append(token)

    @rule(
        granted=st.sets(st.sampled_from(ACTIONS), min_size=1),
        scope=st.none() | st.sets(st.sampled_from(PROJECTS), min_size=1),
        days=st.none() | st.integers(1, 90),
    )
    def create(self, granted: set[str], scope: set[str] | None, days: int | None) -> None:
        expires = None if days is None else self.now + days * 86400
        created = self.store.create_key(
            f"key {self.names}",
            sorted(granted),
            None if expires is None else datetime.fromtimestamp(expires, UTC),
            None if scope is None else sorted(scope),
        )
        self.names += 1
        folded = None if scope is None else frozenset(p.casefold() for p in scope)
        self._keep(created.token, Key(created.token, frozenset(granted), folded, expires))

    @precondition(lambda self: self.keys)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        key_id = data.draw(st.sampled_from(sorted(self.keys)))
        self.store.delete_key(key_id)
        old = self.keys.pop(key_id)
        self.model.retired[key_id] = ("revoked", self.now)
        if self._overlapping(old):  # the token its rotation still accepted stops now too
            assert old.previous is not None
            self.model.retired[old.previous[:15]] = ("revoked", self.now)

    def _overlapping(self, key: Key) -> bool:
        return key.previous_until is not None and key.previous_until > self.now

    @precondition(lambda self: self.keys)
    @rule(data=st.data())
    def regenerate(self, data: st.DataObject) -> None:
        self._rotate(data.draw(st.sampled_from(sorted(self.keys))), 0, regenerate=True)

    @precondition(lambda self: self.keys)
    @rule(data=st.data(), hours=st.sampled_from([0, 1, 24, 24 * 7, 24 * 30]))
    def rotate(self, data: st.DataObject, hours: int) -> None:
        self._rotate(data.draw(st.sampled_from(sorted(self.keys))), hours * 3600)

    def _rotate(self, key_id: str, overlap: int, regenerate: bool = False) -> None:
        old = self.keys.pop(key_id)
        lifetime = None if old.expires_at is None else old.expires_at - self.created_at[key_id]
        if regenerate:
            created = self.store.regenerate_key(key_id)
        else:
            created = self.store.rotate_key(key_id, timedelta(seconds=overlap))
        if self._overlapping(old):  # rotating again ends the earlier overlap at once
            assert old.previous is not None
            self.model.retired[old.previous[:15]] = ("rotated", self.now)
        self.model.retired[key_id] = ("rotated", self.now + overlap)
        expires = None if lifetime is None else self.now + lifetime
        previous, until = (old.token, self.now + overlap) if overlap else (None, None)
        self._keep(created.token, Key(created.token, old.actions, old.scope, expires,
                                      old.disabled, previous, until))
        record = created.record
        assert record.previous_key_id == (None if previous is None else key_id)
        assert record.previous_until == (None if until is None
                                         else datetime.fromtimestamp(until, UTC))

    @precondition(lambda self: self.keys)
    @rule(data=st.data(), disabled=st.booleans())
    def disable_or_enable(self, data: st.DataObject, disabled: bool) -> None:
        key_id = data.draw(st.sampled_from(sorted(self.keys)))
        record = self.store.set_key_disabled(key_id, disabled)
        assert (record.disabled_at is not None) is disabled
        self.keys[key_id] = replace(self.keys[key_id], disabled=disabled)

    @rule(hours=st.integers(1, 24 * 45))
    def wait(self, hours: int) -> None:
        self.now += hours * 3600

    @precondition(lambda self: self.issued)
    @rule(data=st.data(), action=actions, project=projects)
    def verify(self, data: st.DataObject, action: object, project: object) -> None:
        token = data.draw(presented(self.issued))
        self._check(self.store.verify(token, action, project), token, action, project)

    def _check(self, result: VerifyResult, token: object, action: object, project: object
               ) -> None:
        reason, stopped = verdict(self.model, self.now, token, action, project)
        assert (result.reason, result.ok) == (reason, reason is None)
        assert result.stopped_at == (None if stopped is None
                                     else datetime.fromtimestamp(stopped, UTC))

    @precondition(lambda self: self.issued)
    @rule(data=st.data())
    def verify_again(self, data: st.DataObject) -> None:
        """A token verified before (so cached) must still follow the registry's state."""
        token = data.draw(st.sampled_from(self.issued))
        for action in ACTIONS:
            for project in (None, *PROJECTS):
                self._check(self.store.verify(token, action, project), token, action, project)

    @invariant()
    def listing_matches(self) -> None:
        if hasattr(self, "store"):
            assert {k.key_id for k in self.store.list_keys()} == set(self.keys)


TestRegistryMachine = RegistryMachine.TestCase
TestRegistryMachine.settings = settings(
    max_examples=max(EXAMPLES // 10, 30),
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
