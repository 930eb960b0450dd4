"""The token format: a public contract that secret scanners and typo detection rely on."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator

import pytest
from doubles import CallCounter

from qkeys_desktop.core import tokens
from qkeys_desktop.core.records import CreatedKey
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import (
    ALPHABET,
    CHECKSUM_LENGTH,
    KEY_ID_LENGTH,
    PREFIX,
    SECRET_LENGTH,
    TOKEN_LENGTH,
    TOKEN_PATTERN,
    TokenFormatError,
    build_token,
    checksum,
    new_token,
    parse_token,
    to_base62,
)

SCANNER = re.compile(TOKEN_PATTERN)
EXTRA_CHARACTERS = ("_", "-", " ", "é")


def from_base62(text: str) -> int:
    number = 0
    for character in text:
        number = number * 62 + ALPHABET.index(character)
    return number


def single_substitutions(token: str) -> Iterator[tuple[int, str]]:
    """Every token that differs from ``token`` in exactly one character, with its position."""
    for position, original in enumerate(token):
        for replacement in (*ALPHABET, *EXTRA_CHARACTERS):
            if replacement != original:
                yield position, token[:position] + replacement + token[position + 1 :]


@pytest.fixture(scope="module")
def token() -> str:
    return new_token()[0]


# -- format ------------------------------------------------------------------------------------


def test_token_has_fixed_length_and_prefix(token: str) -> None:
    assert len(token) == TOKEN_LENGTH == 3 + 12 + 1 + 44 + 6
    assert token.startswith("qk_")
    assert token[len(PREFIX) + KEY_ID_LENGTH] == "_"


def test_token_uses_only_letters_digits_and_underscore() -> None:
    for _ in range(50):
        assert re.fullmatch(r"[A-Za-z0-9_]+", new_token()[0])


def test_issued_tokens_differ() -> None:
    issued = {new_token()[0] for _ in range(200)}
    assert len(issued) == 200


def test_new_token_returns_its_own_parts() -> None:
    token, parsed = new_token()
    assert token == build_token(parsed.key_id, parsed.secret)
    assert parse_token(token) == parsed
    assert parsed.key_id == token[: len(PREFIX) + KEY_ID_LENGTH]
    assert tokens.is_key_id(parsed.key_id)


def test_scanner_pattern_matches_every_issued_token() -> None:
    for _ in range(200):
        token = new_token()[0]
        assert SCANNER.fullmatch(token)


def test_scanner_pattern_finds_tokens_inside_text(token: str) -> None:
    other = new_token()[0]
    text = f'export API_KEY="{token}"\nheaders = {{"Authorization": "Bearer {other}"}}\n'
    assert SCANNER.findall(text) == [token, other]


@pytest.mark.parametrize(
    "cut", [slice(0, -1), slice(1, None), slice(0, TOKEN_LENGTH - CHECKSUM_LENGTH)]
)
def test_scanner_pattern_rejects_truncated_tokens(token: str, cut: slice) -> None:
    assert SCANNER.search(token[cut]) is None


@pytest.mark.parametrize("extended", ["{}A", "{}0", "{}_", "x{}", "_{}", "9{}"])
def test_scanner_pattern_rejects_extended_tokens(token: str, extended: str) -> None:
    assert SCANNER.search(extended.format(token)) is None


def test_scanner_pattern_requires_the_prefix_and_separator(token: str) -> None:
    assert SCANNER.search("QK_" + token[3:]) is None
    assert SCANNER.search(token.replace("_", "-")) is None


# -- checksum and base62 -----------------------------------------------------------------------


def test_checksum_is_crc32_of_the_body_in_zero_padded_base62(token: str) -> None:
    body, tail = token[:-CHECKSUM_LENGTH], token[-CHECKSUM_LENGTH:]
    assert tail == checksum(body)
    assert from_base62(tail) == zlib.crc32(body.encode("ascii"))


def test_small_checksums_are_zero_padded() -> None:
    assert to_base62(0, CHECKSUM_LENGTH) == "000000"
    assert to_base62(61, CHECKSUM_LENGTH) == "00000z"
    assert to_base62(62, CHECKSUM_LENGTH) == "000010"


def test_largest_crc32_fits_in_six_base62_characters() -> None:
    encoded = to_base62(2**32 - 1, CHECKSUM_LENGTH)
    assert len(encoded) == CHECKSUM_LENGTH
    assert from_base62(encoded) == 2**32 - 1


@pytest.mark.parametrize("number", [0, 1, 61, 62, 3843, 3844, 2**32 - 1, 2**64 + 12345])
def test_base62_round_trip(number: int) -> None:
    assert from_base62(to_base62(number, 1)) == number
    assert from_base62(to_base62(number, 20)) == number


def test_base62_alphabet_is_digits_upper_lower() -> None:
    assert len(ALPHABET) == len(set(ALPHABET)) == 62
    assert ALPHABET == "0123456789" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "abcdefghijklmnopqrstuvwxyz"


def test_secret_carries_at_least_256_bits() -> None:
    import math

    assert SECRET_LENGTH * math.log2(len(ALPHABET)) >= 256
    assert len(new_token()[1].secret) == SECRET_LENGTH


def test_secret_characters_cover_the_whole_alphabet() -> None:
    """A crude check that the secret is drawn from all 62 characters, not a subset."""
    seen = set("".join(new_token()[1].secret for _ in range(200)))
    assert seen == set(ALPHABET)


# -- parse_token -------------------------------------------------------------------------------


def test_parse_accepts_an_issued_token(token: str) -> None:
    parsed = parse_token(token)
    assert parsed.key_id == token[:15]
    assert parsed.secret == token[16:-CHECKSUM_LENGTH]


def test_every_single_character_substitution_is_rejected(token: str) -> None:
    accepted = []
    reasons = set()
    for position, variant in single_substitutions(token):
        try:
            parse_token(variant)
        except TokenFormatError as error:
            reasons.add(error.reason)
        else:
            accepted.append(position)
    assert accepted == []
    assert reasons == {"malformed", "bad checksum"}


def test_substitution_inside_id_or_secret_is_a_bad_checksum(token: str) -> None:
    for position in (3, 14, 16, 40, TOKEN_LENGTH - CHECKSUM_LENGTH - 1):
        replacement = "A" if token[position] != "A" else "B"
        variant = token[:position] + replacement + token[position + 1 :]
        with pytest.raises(TokenFormatError) as caught:
            parse_token(variant)
        assert caught.value.reason == "bad checksum"


@pytest.mark.parametrize("replacement", EXTRA_CHARACTERS)
def test_substitution_by_a_foreign_character_is_malformed(token: str, replacement: str) -> None:
    with pytest.raises(TokenFormatError) as caught:
        parse_token(token[:20] + replacement + token[21:])
    assert caught.value.reason == "malformed"


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t[:-1],
        lambda t: t + "A",
        lambda t: " " + t,
        lambda t: t + "\n",
        lambda t: t.upper(),
        lambda t: t.lower(),
        lambda t: "QK" + t[2:],
        lambda t: t[:15] + "-" + t[16:],
        lambda t: "",
    ],
    ids=[
        "truncated",
        "extended",
        "space",
        "newline",
        "upper",
        "lower",
        "prefix",
        "separator",
        "empty",
    ],
)
def test_parse_rejects_near_misses(token: str, variant: Callable[[str], str]) -> None:
    with pytest.raises(TokenFormatError):
        parse_token(variant(token))


@pytest.mark.parametrize(
    "value", [None, 42, 4.2, b"qk_", ["qk_"], object(), bytearray(b"x" * TOKEN_LENGTH)]
)
def test_parse_rejects_non_text_as_malformed(value: object) -> None:
    with pytest.raises(TokenFormatError) as caught:
        parse_token(value)
    assert caught.value.reason == "malformed"


def test_parse_rejects_bytes_of_a_real_token(token: str) -> None:
    with pytest.raises(TokenFormatError):
        parse_token(token.encode())


def test_parse_rejects_unicode_digits_that_python_treats_as_digits(token: str) -> None:
    arabic_indic_zero = "\u0660"
    with pytest.raises(TokenFormatError) as caught:
        parse_token(token[:20] + arabic_indic_zero + token[21:])
    assert caught.value.reason == "malformed"


def test_token_format_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_token("nope")


# -- secrets stay hidden -----------------------------------------------------------------------


def test_parsed_token_repr_hides_the_secret(token: str) -> None:
    parsed = parse_token(token)
    for text in (repr(parsed), str(parsed), f"{parsed}", f"{parsed!r}"):
        assert parsed.secret not in text
        assert parsed.key_id in text


def test_created_key_repr_hides_the_token(store: Store) -> None:
    created = store.create_key("repr", ["read"], None)
    secret = parse_token(created.token).secret
    for text in (repr(created), str(created), f"{created}"):
        assert created.token not in text
        assert secret not in text
        assert created.record.key_id in text
    assert isinstance(created, CreatedKey)


# -- rejected offline: no database work, no argon2 ---------------------------------------------


@pytest.fixture
def db_spy(store: Store, monkeypatch: pytest.MonkeyPatch) -> dict[str, CallCounter]:
    """Counts every statement and cursor the store's database hands out, and every argon2 check."""
    spies = {
        "execute_sql": CallCounter(store.db.execute_sql),
        "cursor": CallCounter(store.db.cursor),
        "connect": CallCounter(store.db.connect),
        "argon2": CallCounter(store.hasher.matches),
    }
    monkeypatch.setattr(store.db, "execute_sql", spies["execute_sql"])
    monkeypatch.setattr(store.db, "cursor", spies["cursor"])
    monkeypatch.setattr(store.db, "connect", spies["connect"])
    monkeypatch.setattr(store.hasher, "matches", spies["argon2"])
    return spies


def test_spy_sees_database_work(store: Store, db_spy: dict[str, CallCounter]) -> None:
    """The spy itself works: a well-formed token for an unknown id does reach the database —
    three indexed lookups: a live key id, a rotated token still in its overlap, a tombstone."""
    result = store.verify(new_token()[0], "read")
    assert result.reason == "unknown key"
    assert db_spy["execute_sql"].calls == 3
    assert db_spy["cursor"].calls == 3
    assert db_spy["argon2"].calls == 0


def test_substituted_tokens_are_rejected_without_touching_the_database(
    store: Store, db_spy: dict[str, CallCounter]
) -> None:
    token = store.create_key("live", ["read"], None).token
    for spy in db_spy.values():
        spy.calls = 0
    verdicts = set()
    for _, variant in single_substitutions(token):
        result = store.verify(variant, "read")
        assert not result.ok
        verdicts.add(result.reason)
    assert verdicts == {"malformed", "bad checksum"}
    assert {name: spy.calls for name, spy in db_spy.items()} == {
        "execute_sql": 0,
        "cursor": 0,
        "connect": 0,
        "argon2": 0,
    }
    assert store.verify(token, "read").ok  # the original still works
