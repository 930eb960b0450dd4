"""The secret scanners' rules shipped in resources/secret-scanning/: gitleaks' and GitHub's
custom pattern find every generated token in the places tokens end up (env files, quotes, JSON,
headers, URLs) and no near-miss, and they are the core's TOKEN_PATTERN, so they cannot drift from
the token format.

gitleaks uses Go's RE2 and GitHub Hyperscan; neither is run here. Both rules are checked with
Python's ``re`` in ASCII mode (``\\b`` and the classes as RE2 reads them), and kept to the
constructs all three engines share: no lookaround, no backreferences.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from qkeys_desktop.core.scan import find_key_ids
from qkeys_desktop.core.tokens import (
    ALPHABET,
    CHECKSUM_LENGTH,
    KEY_ID_LENGTH,
    SECRET_LENGTH,
    TOKEN_LENGTH,
    TOKEN_PATTERN,
    TokenFormatError,
    new_token,
    parse_token,
)

RULES = Path(__file__).resolve().parent.parent / "resources" / "secret-scanning"
GENERATED = 1000
_CODE_RE = re.compile(r"```text\n(.*?)\n```", re.DOTALL)


def gitleaks_rule() -> dict[str, object]:
    config = tomllib.loads((RULES / "gitleaks.toml").read_text())
    rules = config["rules"]
    assert [rule["id"] for rule in rules] == ["qkeys-api-token"]
    rule: dict[str, object] = rules[0]
    return rule


def github_fields() -> dict[str, str]:
    """The custom pattern's fields as the document lists them: field name → its code block."""
    text = (RULES / "github-custom-pattern.md").read_text()
    fields = {}
    for section in text.split("\n### ")[1:]:
        name, _, body = section.partition("\n")
        code = _CODE_RE.search(body)
        if code is not None:
            fields[name.strip()] = code.group(1)
    return fields


def github_regex() -> str:
    """The pattern as GitHub applies it: before, the secret (the match), after. ``\\z`` is
    Hyperscan's (and RE2's) end of input; Python before 3.14 spells it ``\\Z``."""
    fields = github_fields()
    before, after = fields["Before secret"], fields["After secret"].replace(r"\z", r"\Z")
    return f"(?:{before})({fields['Secret format']})(?:{after})"


def entropy(text: str) -> float:
    """Shannon entropy in bits a character, as gitleaks computes it for its ``entropy`` floor."""
    counts, total = Counter(text), len(text)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


#: Each rule as a function from text to the tokens it finds there.
Finder = Callable[[str], list[str]]


def _finders() -> dict[str, Finder]:
    gitleaks = re.compile(str(gitleaks_rule()["regex"]), re.ASCII)
    github = re.compile(github_regex(), re.ASCII)
    core = re.compile(TOKEN_PATTERN, re.ASCII)
    return {
        "gitleaks": lambda text: [m.group() for m in gitleaks.finditer(text)],
        # GitHub's before/after characters are part of its match: scan overlapping, like it
        "github": lambda text: [m.group(1) for m in
                                re.finditer(f"(?={github.pattern})", text, re.ASCII)],
        "core": lambda text: [m.group() for m in core.finditer(text)],
    }


FINDERS = _finders()

# -- the same pattern everywhere ----------------------------------------------------------------


def test_the_gitleaks_rule_is_the_token_pattern() -> None:
    rule = gitleaks_rule()
    assert rule["regex"] == TOKEN_PATTERN
    assert rule["keywords"] == ["qk_"]
    assert rule["description"] and rule["id"]
    config = tomllib.loads((RULES / "gitleaks.toml").read_text())
    assert config["extend"] == {"useDefault": True}  # gitleaks' own rules still run


def test_the_github_pattern_is_the_token_pattern_without_its_word_boundaries() -> None:
    fields = github_fields()
    assert rf"\b{fields['Secret format']}\b" == TOKEN_PATTERN
    # \b around a token that starts and ends with a word character: no word character there
    word = "[^0-9A-Za-z_]"
    assert fields["Before secret"] == rf"\A|{word}"
    assert fields["After secret"] == rf"\z|{word}"
    assert fields["Pattern name"] == "qkeys API token"


def test_the_token_pattern_spells_out_the_token_format() -> None:
    spelled = (rf"\bqk_[0-9A-Za-z]{{{KEY_ID_LENGTH}}}_"
               rf"[0-9A-Za-z]{{{SECRET_LENGTH + CHECKSUM_LENGTH}}}\b")
    assert spelled == TOKEN_PATTERN
    assert sorted(ALPHABET) == sorted("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                      "abcdefghijklmnopqrstuvwxyz")  # what [0-9A-Za-z] says
    parts = len("qk_") + KEY_ID_LENGTH + 1 + SECRET_LENGTH + CHECKSUM_LENGTH
    assert parts == TOKEN_LENGTH


@pytest.mark.parametrize("regex", [TOKEN_PATTERN, github_regex()])
def test_no_construct_re2_or_hyperscan_lacks(regex: str) -> None:
    for construct in ("(?=", "(?!", "(?<=", "(?<!", "(?>", "(?P=", r"\1", "*+", "++", "?+"):
        assert construct not in regex, construct


# -- generated tokens where tokens end up -------------------------------------------------------

CONTEXTS = (
    "{}",
    "KEY={}",
    "export QKEYS_TOKEN={}\n",
    'token = "{}"\n',
    "api_key: '{}'\n",
    '{{"name": "deploy", "token": "{}", "scopes": ["read"]}}',
    '{{"token":"{}"}}',
    "Authorization: Bearer {}\r\n",
    "curl -H 'X-Api-Key: {}' https://api.example.org",
    "https://api.example.org/v1?key={}&page=2",
    "see ({}).",
    "\t{}\t",
    "first line\n  {}\nlast line",
    "<token>{}</token>",
    "`{}`",
    "key={},other=1",
)


def test_every_rule_finds_a_thousand_generated_tokens_in_typical_contexts() -> None:
    for number in range(GENERATED):
        token = new_token()[0]
        text = CONTEXTS[number % len(CONTEXTS)].format(token)
        for name, find in FINDERS.items():
            assert find(text) == [token], (name, text.replace(token, "<token>"))


def test_two_tokens_on_a_line_are_two_findings() -> None:
    first, second = new_token()[0], new_token()[0]
    text = f"OLD={first} NEW={second}"
    for name, find in FINDERS.items():
        assert find(text) == [first, second], name


def test_gitleaks_keyword_and_entropy_floor_keep_every_token() -> None:
    rule = gitleaks_rule()
    floor = rule["entropy"]
    assert isinstance(floor, float)
    lowest = min(entropy(new_token()[0]) for _ in range(GENERATED))
    assert lowest > floor + 0.5  # random base62: about 5 bits a character, never near the floor
    assert all("qk_" in new_token()[0].lower() for _ in range(100))  # keywords: lower case
    placeholder = "qk_" + "X" * KEY_ID_LENGTH + "_" + "X" * (SECRET_LENGTH + CHECKSUM_LENGTH)
    counting = "qk_0123456789ab_" + "0123456789" * 5
    assert FINDERS["gitleaks"](placeholder) == [placeholder]  # the regex alone would report
    assert entropy(placeholder) < floor and entropy(counting) < floor  # the floor does not


# -- near-misses --------------------------------------------------------------------------------


def _other(char: str) -> str:
    return next(c for c in ALPHABET if c != char)


def near_misses(token: str) -> dict[str, str]:
    """Strings that look like ``token`` but are no token, and must not be found in any part."""
    head, key, rest = token[:3], token[3:3 + KEY_ID_LENGTH], token[4 + KEY_ID_LENGTH:]
    middle = len(rest) // 2
    return {
        "prefix pk_": "pk_" + token[3:],
        "prefix QK_": "QK_" + token[3:],
        "prefix qk-": "qk-" + token[3:],
        "prefix qk__": "qk__" + token[3:],
        "no prefix": token[3:],
        "id one short": f"{head}{key[:-1]}_{rest}",
        "id one long": f"{head}{key}{_other(key[-1])}_{rest}",
        "secret one short": f"{head}{key}_{rest[:-1]}",
        "secret one long": token + _other(token[-1]),
        "dash separator": f"{head}{key}-{rest}",
        "no separator": f"{head}{key}{rest}",
        "in a longer word": "x" + token,
        "after an underscore": "MY_qk" + token[2:],
        "before an underscore": token + "_old",
        "digit before": "7" + token,
        "dash in secret": f"{head}{key}_{rest[:middle]}-{rest[middle + 1:]}",
        "plus in secret": f"{head}{key}_{rest[:middle]}+{rest[middle + 1:]}",
        "slash in id": f"{head}{key[:5]}/{key[6:]}_{rest}",
        "accent in secret": f"{head}{key}_{rest[:middle]}é{rest[middle + 1:]}",
        "space in secret": f"{head}{key}_{rest[:middle]} {rest[middle + 1:]}",
    }


def test_no_rule_finds_a_near_miss_in_any_context() -> None:
    for number in range(GENERATED):
        token = new_token()[0]
        context = CONTEXTS[number % len(CONTEXTS)]
        for kind, miss in near_misses(token).items():
            assert miss != token
            text = context.format(miss)
            for name, find in FINDERS.items():
                assert find(text) == [], (name, kind, text)


def test_near_misses_are_no_tokens_to_the_core_either() -> None:
    token = new_token()[0]
    for kind, miss in near_misses(token).items():
        if len(miss) == TOKEN_LENGTH and re.fullmatch(TOKEN_PATTERN, miss, re.ASCII):
            pytest.fail(f"{kind} is token-shaped")
        with pytest.raises(TokenFormatError):
            parse_token(miss)


# -- the documented examples --------------------------------------------------------------------


def test_the_github_test_string_shows_one_match_that_qkeys_scan_never_reports() -> None:
    sample = github_fields()["Test string"]
    found = FINDERS["github"](sample)
    assert len(found) == 1 and sample == f"QKEYS_TOKEN={found[0]}"
    for name, find in FINDERS.items():
        assert find(sample) == found, name
    with pytest.raises(TokenFormatError, match="checksum"):
        parse_token(found[0])
    assert list(find_key_ids(sample.encode())) == []  # a made-up token: no finding


def test_the_github_strings_that_must_not_match_do_not() -> None:
    misses = github_fields()["Strings that must not match"].splitlines()
    assert len(misses) == 5
    for miss in misses:
        for name, find in FINDERS.items():
            assert find(miss) == [], (name, miss)
