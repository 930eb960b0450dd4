"""The token format, a public contract: ``qk_<key id>_<secret><checksum>``.

The key id is public and indexed so verification finds one row; the secret carries 262 bits
from :mod:`secrets`; the trailing CRC32 lets typos and look-alike strings be rejected offline,
before any database or argon2 work (the idea behind GitHub's ``ghp_`` tokens).
"""

from __future__ import annotations

import hmac
import re
import zlib
from dataclasses import dataclass
from itertools import pairwise

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
PREFIX = "qk_"
KEY_ID_LENGTH = 12  # ~71 bits: unique without coordination, short enough to show in a table
SECRET_LENGTH = 44  # 44 * log2(62) ≈ 262 bits, above the 256 bits the design asks for
CHECKSUM_LENGTH = 6  # 62**6 > 2**32, so any CRC32 fits
TOKEN_LENGTH = len(PREFIX) + KEY_ID_LENGTH + 1 + SECRET_LENGTH + CHECKSUM_LENGTH

#: For secret scanners: matches every qkeys token and nothing shorter or longer.
TOKEN_PATTERN = (
    rf"\bqk_[0-9A-Za-z]{{{KEY_ID_LENGTH}}}_[0-9A-Za-z]{{{SECRET_LENGTH + CHECKSUM_LENGTH}}}\b"
)
_TOKEN_RE = re.compile(
    rf"qk_([0-9A-Za-z]{{{KEY_ID_LENGTH}}})_([0-9A-Za-z]{{{SECRET_LENGTH}}})([0-9A-Za-z]{{{CHECKSUM_LENGTH}}})"
)
_KEY_ID_RE = re.compile(rf"qk_[0-9A-Za-z]{{{KEY_ID_LENGTH}}}")


class TokenFormatError(ValueError):
    """Not a well-formed qkeys token; ``reason`` is 'malformed' or 'bad checksum'."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ParsedToken:
    """The two parts of a token that passed the format and checksum checks."""

    key_id: str
    secret: str

    def __repr__(self) -> str:  # never let the secret reach a log through repr()
        return f"ParsedToken(key_id={self.key_id!r}, secret=<hidden>)"


def to_base62(number: int, width: int) -> str:
    """Encode a non-negative integer in base62, zero-padded to ``width`` characters."""
    digits = []
    while number:
        number, remainder = divmod(number, 62)
        digits.append(ALPHABET[remainder])
    return "".join(reversed(digits)).rjust(width, ALPHABET[0])


def random_base62(length: int) -> str:
    """Return ``length`` uniformly random base62 characters from the OS CSPRNG."""
    import secrets  # only to make tokens: verifying them must start fast (``qkeys verify``)

    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def checksum(body: str) -> str:
    """The 6-character base62 CRC32 of the token body."""
    return to_base62(zlib.crc32(body.encode("ascii")), CHECKSUM_LENGTH)


def new_key_id() -> str:
    """A fresh public key id, e.g. ``qk_7Gh2kLm9Qx4a``."""
    return PREFIX + random_base62(KEY_ID_LENGTH)


def build_token(key_id: str, secret: str) -> str:
    """Assemble a token from its public id (with prefix) and its secret."""
    body = f"{key_id}_{secret}"
    return body + checksum(body)


def new_token() -> tuple[str, ParsedToken]:
    """Generate a token; returns it with its parsed parts."""
    key_id, secret = new_key_id(), random_base62(SECRET_LENGTH)
    return build_token(key_id, secret), ParsedToken(key_id, secret)


def parse_token(token: object) -> ParsedToken:
    """Split a presented token into id and secret, or raise :class:`TokenFormatError`."""
    if not isinstance(token, str) or len(token) != TOKEN_LENGTH:
        raise TokenFormatError("malformed", f"not a qkeys token (expected {TOKEN_LENGTH} chars)")
    match = _TOKEN_RE.fullmatch(token)
    if match is None:
        raise TokenFormatError("malformed", "not a qkeys token (expected qk_<id>_<secret>)")
    body_end = len(token) - CHECKSUM_LENGTH
    if not hmac.compare_digest(checksum(token[:body_end]), match.group(3)):
        raise TokenFormatError("bad checksum", "the token's checksum does not match (a typo?)")
    return ParsedToken(PREFIX + match.group(1), match.group(2))


#: A token or what is left of one: ``qk`` (any case), one separator (``_`` or a typo such as
#: ``-``), a 12-character id, a separator and at least one secret character. A token cut short,
#: case-folded for a name lookup, or with a mistyped prefix still carries part of its secret.
_NEAR_TOKEN_RE = re.compile(
    rf"qk[^0-9a-z\s]?([0-9a-z]{{{KEY_ID_LENGTH}}})[^0-9a-z\s][0-9a-z]+", re.IGNORECASE | re.ASCII
)
#: Candidates for a bare secret (or a token without its ``qk_<id>_`` head): long base62 runs.
_BASE62_RUN_RE = re.compile(r"[0-9A-Za-z]{20,}", re.ASCII)
#: A run this long is taken for a secret whatever it looks like: a whole secret is 44 characters.
_CERTAIN_SECRET_RUN = 40
_WORD_RUN_RE = re.compile(r"[a-z]{3,}", re.ASCII)


def _looks_random(run: str) -> bool:
    """Whether a base62 run of 20+ characters reads like a piece of our random secrets rather
    than words run together ("OAuthClientV2ForGitHubActions").

    From 40 characters on, whenever it uses 16 different characters or more (a whole secret has
    44 characters, ~31 of them different; no one names a key that way, "xxx…" is no secret).
    Shorter runs must mix digits, capitals and small letters, change between those classes at
    40 % of their characters or more (random base62: ~62 %), and hold few runs of three or more
    small letters (words do). That catches ~75 % of 20-character and ~88 % of 32-character
    pieces of a secret and no name made of words in our tests (tests/test_tokens.py measures
    both): a piece that short is no danger by itself, the whole secret is what must never stay.
    """
    if len(run) >= _CERTAIN_SECRET_RUN:
        return len(set(run)) >= 16
    classes = ["d" if c.isdigit() else "u" if c.isupper() else "l" for c in run]
    if classes.count("d") < 1 or classes.count("u") < 2 or classes.count("l") < 2:
        return False
    changes = sum(a != b for a, b in pairwise(classes))
    words = sum(len(word) for word in _WORD_RUN_RE.findall(run))
    return changes >= 0.4 * (len(run) - 1) and words < 0.3 * len(run)


def _secret_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds something secret-shaped: a (near-)token or a bare random run."""
    spans = [m.span() for m in _NEAR_TOKEN_RE.finditer(text)]
    spans += [
        m.span()
        for m in _BASE62_RUN_RE.finditer(text)
        if _looks_random(m.group()) and not any(a <= m.start() < b for a, b in spans)
    ]
    return sorted(spans)


def has_secret(text: str) -> bool:
    """Whether ``text`` contains a token, part of one, or a run that looks like a bare secret.

    Names, descriptions and anything else stored in clear or echoed back must not: see
    :func:`~.validation.clean_name` and the redaction of messages and logs.
    """
    return bool(_secret_spans(text))


def find_secret(text: str) -> str | None:
    """The key id of a (near-)token inside ``text``, or None: messages must not echo it."""
    match = _NEAR_TOKEN_RE.search(text)
    return PREFIX + match.group(1) if match else None


def redact_tokens(text: str, replacement: str = "<secret token hidden>") -> str:
    """``text`` with every secret-shaped run (see :func:`has_secret`) replaced, for messages,
    logs and anything else that echoes input."""
    for start, end in reversed(_secret_spans(text)):
        text = text[:start] + replacement + text[end:]
    return text


def is_key_id(text: str) -> bool:
    """Whether ``text`` looks like a public key id (``qk_`` and 12 base62 characters)."""
    return _KEY_ID_RE.fullmatch(text) is not None
