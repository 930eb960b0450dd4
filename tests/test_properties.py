"""Property tests: parse_token and verify never raise, and accept nothing but a live issued token.

Every run uses 200 examples per property. For a long fuzzing run, set the number::

    QKEYS_FUZZ_EXAMPLES=10000 uv run pytest tests/test_properties.py -p no:randomly

which switches to the ``qkeys-fuzz`` profile registered below (no deadline, the given number of
examples). Hypothesis keeps failing examples in ``.hypothesis/`` and replays them first.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import (
    ALPHABET,
    KEY_ID_LENGTH,
    SECRET_LENGTH,
    TOKEN_LENGTH,
    TOKEN_PATTERN,
    TokenFormatError,
    build_token,
    parse_token,
)

FUZZ_EXAMPLES = os.environ.get("QKEYS_FUZZ_EXAMPLES", "").strip()
_SHARED = {
    "deadline": None,
    # One registry serves all examples of a test: it only ever holds the issued tokens.
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
settings.register_profile("qkeys-properties", max_examples=200, **_SHARED)
settings.register_profile(
    "qkeys-fuzz", max_examples=int(FUZZ_EXAMPLES or 10_000), print_blob=True, **_SHARED
)
PROFILE = settings.get_profile("qkeys-fuzz" if FUZZ_EXAMPLES else "qkeys-properties")

ACTIONS = ("create", "read", "write", "delete", "invite")
EXTRA = "_- \t\n\x00é\u0660\u202eΩ🔑\ud800"


class Registry:
    """A registry with one live token, one revoked token and one regenerated-away token."""

    def __init__(self, store: Store) -> None:
        self.store = store
        store.add_project("Lab")
        self.live = store.create_key("live", list(ACTIONS), None).token
        self.revoked = store.create_key("revoked", list(ACTIONS), None).token
        store.delete_key("revoked")
        self.replaced = store.create_key("rotated", list(ACTIONS), None).token
        self.rotated = store.regenerate_key("rotated").token
        self.accepted = {self.live, self.rotated}


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    path: Path = tmp_path_factory.mktemp("properties") / "keys.db"
    store = Store.open(str(path), hasher=SecretHasher(FAST_TEST_PARAMS))
    yield Registry(store)
    store.close()


@pytest.fixture
def reg(registry: Registry) -> Registry:
    """This module's registry: stores opened by other tests since leave it alone (each Store has
    its own models)."""
    return registry


# -- strategies --------------------------------------------------------------------------------

anything = st.one_of(
    st.text(),
    st.text(alphabet=ALPHABET + "_", min_size=TOKEN_LENGTH, max_size=TOKEN_LENGTH),
    st.binary(),
    st.integers(),
    st.floats(allow_nan=True),
    st.none(),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.from_regex(TOKEN_PATTERN, fullmatch=True),
)
actions = st.one_of(st.sampled_from(ACTIONS), st.text(max_size=10), st.none(), st.integers())
projects = st.one_of(st.none(), st.just("Lab"), st.text(max_size=20), st.binary(max_size=5))
characters = st.sampled_from(ALPHABET + EXTRA) | st.characters()


@st.composite
def edit(draw: st.DrawFn, token: str) -> str:
    """One edit of ``token``: substitution, insertion, deletion, case flip or truncation."""
    kind = draw(st.sampled_from(["substitute", "insert", "delete", "flip case", "truncate"]))
    at = draw(st.integers(0, len(token) - 1)) if token else 0
    if kind == "substitute":
        return token[:at] + draw(characters) + token[at + 1 :]
    if kind == "insert":
        return token[:at] + draw(characters) + token[at:]
    if kind == "delete":
        return token[:at] + token[at + 1 :]
    if kind == "flip case":
        return token[:at] + token[at : at + 1].swapcase() + token[at + 1 :]
    return token[: draw(st.integers(0, max(len(token) - 1, 0)))]


@st.composite
def mutated(draw: st.DrawFn, token: str) -> str:
    """``token`` after one to four edits (which may cancel out: callers assume a change)."""
    for _ in range(draw(st.integers(1, 4))):
        token = draw(edit(token))
    return token


def well_formed(key_id: str) -> st.SearchStrategy[str]:
    """Tokens with a correct checksum for ``key_id`` and a random secret."""
    return st.text(alphabet=ALPHABET, min_size=SECRET_LENGTH, max_size=SECRET_LENGTH).map(
        lambda secret: build_token(key_id, secret)
    )


random_key_ids = st.text(alphabet=ALPHABET, min_size=KEY_ID_LENGTH, max_size=KEY_ID_LENGTH).map(
    lambda body: "qk_" + body
)


def check_parse(value: object) -> None:
    """parse_token either raises TokenFormatError or returns the parts of exactly ``value``."""
    try:
        parsed = parse_token(value)
    except TokenFormatError as error:
        assert error.reason in ("malformed", "bad checksum")
        return
    assert isinstance(value, str)
    assert build_token(parsed.key_id, parsed.secret) == value


def check_verify(reg: Registry, token: object, action: object, project: object) -> None:
    """verify never raises, and accepts only a live token for an action it names."""
    result = reg.store.verify(token, action, project)
    if result.ok:
        assert token in reg.accepted
        assert isinstance(action, str) and action.strip().lower() in ACTIONS
    else:
        assert result.reason in {
            "malformed",
            "bad checksum",
            "unknown key",
            "mismatch",
            "expired",
            "action not permitted",
            "project out of scope",
            "unknown action",
        }


# -- properties --------------------------------------------------------------------------------


@PROFILE
@given(value=anything)
def test_parse_never_raises_and_returns_only_exact_tokens(value: object) -> None:
    check_parse(value)


@PROFILE
@given(token=anything, action=actions, project=projects)
def test_verify_never_raises_on_anything(
    reg: Registry, token: object, action: object, project: object
) -> None:
    check_verify(reg, token, action, project)


@PROFILE
@given(data=st.data(), action=st.sampled_from(ACTIONS), project=projects)
def test_mutations_of_an_issued_token_are_rejected(
    reg: Registry, data: st.DataObject, action: str, project: object
) -> None:
    variant = data.draw(mutated(reg.live))
    assume(variant != reg.live)
    check_parse(variant)
    assert not reg.store.verify(variant, action, project).ok


@PROFILE
@given(data=st.data())
def test_one_edit_is_always_caught_by_the_format_or_checksum(
    reg: Registry, data: st.DataObject
) -> None:
    variant = data.draw(edit(reg.live))
    assume(variant != reg.live)
    with pytest.raises(TokenFormatError):
        parse_token(variant)


@PROFILE
@given(token=st.from_regex(TOKEN_PATTERN, fullmatch=True), action=st.sampled_from(ACTIONS))
def test_random_strings_in_the_token_format_are_rejected(
    reg: Registry, token: str, action: str
) -> None:
    assume(token not in reg.accepted)
    check_parse(token)
    assert not reg.store.verify(token, action).ok


@PROFILE
@given(data=st.data(), action=st.sampled_from(ACTIONS))
def test_checksummed_tokens_with_another_secret_are_rejected(
    reg: Registry, data: st.DataObject, action: str
) -> None:
    key_id = data.draw(st.just(parse_token(reg.live).key_id) | random_key_ids)
    token = data.draw(well_formed(key_id))
    assume(token not in reg.accepted)
    parse_token(token)  # the format and checksum are fine: only the registry can say no
    result = reg.store.verify(token, action)
    assert not result.ok
    assert result.reason in ("unknown key", "mismatch")


@PROFILE
@given(action=st.sampled_from(ACTIONS), project=projects)
def test_revoked_and_replaced_tokens_are_never_accepted(
    reg: Registry, action: str, project: object
) -> None:
    for token, reason in ((reg.revoked, "revoked"), (reg.replaced, "rotated")):
        result = reg.store.verify(token, action, project)
        assert (result.ok, result.reason, result.key_id) == (False, reason, token[:15])
        tombstone = reg.store.retired_key(token[:15])
        assert tombstone is not None and result.stopped_at == tombstone.at


@PROFILE
@given(action=st.sampled_from(ACTIONS), project=projects)
def test_live_tokens_are_accepted_for_every_permitted_action(
    reg: Registry, action: str, project: object
) -> None:
    for token in reg.accepted:
        assert reg.store.verify(token, action, project).ok


def test_the_fuzz_profile_is_selected_by_the_environment() -> None:
    expected = int(FUZZ_EXAMPLES) if FUZZ_EXAMPLES else 200
    assert PROFILE.max_examples == expected
    assert settings.get_profile("qkeys-fuzz").deadline is None
