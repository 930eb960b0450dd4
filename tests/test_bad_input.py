"""Every bad input is refused with a clear message naming the field, and nothing is saved.

One table per operation, read top to bottom: BAD_KEYS (creating a key) and BAD_TOKENS (verifying
one). A row names the case, the field (or reason) the message must name, words of the message (the
fix, where there is one), and the input as each surface takes it: the Python API (``Store``) and
the command line (a real ``qkeys`` child process). ``None`` means that surface cannot express the
input; the comment says why. Command-line exit statuses: 0 valid, 1 rejected, 2 usage error.

The window gets the same BAD_KEYS rows: see "The window" at the end of this file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from qkeys_cli import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, run_qkeys

from qkeys_desktop.core.errors import ValidationError
from qkeys_desktop.core.expiration import start_of_local_day
from qkeys_desktop.core.permissions import Permission
from qkeys_desktop.core.store import Store, utc_now
from qkeys_desktop.core.tokens import build_token, new_key_id, parse_token

NOW = utc_now()
TODAY = date.today()
# created before every test; the duplicate rows refer to them
EXISTING_KEYS = ("Deploy bot", "Straße", "Café")
#: Another key's token, as a person might paste it into the wrong field (a fixed, valid token).
PASTED_TOKEN = "qk_7Gh2kLm9Qx4a_ImaImPrS9H6lVuf0hoIONKGfXTVouEcsNkDkzUiJJV7C1LNwgj"
BARE_SECRET = PASTED_TOKEN[16:60]
EXISTING_PROJECT = "Backend"

# A valid request; each BAD_KEYS row overrides one part of it.
VALID_API: dict[str, Any] = {
    "name": "Fresh key",
    "permissions": ["read"],
    "expires_at": NOW + timedelta(days=30),
    "projects": None,
}
VALID_CLI: dict[str, str | list[str]] = {
    "--name": "Fresh key",
    "--permissions": "read",
    "--expires": "30d",
}


@dataclass(frozen=True)
class BadKey:
    """A request to create a key that must be refused."""

    case: str
    field: str  # ValidationError.field, and the "qkeys: FIELD: ..." prefix on the command line
    says: str  # words the message must contain: the problem or the fix
    api: dict[str, Any] | None  # overrides of VALID_API
    cli: dict[str, str | list[str]] | None  # overrides of VALID_CLI (a list: repeated option)


BAD_KEYS = [
    # -- name --------------------------------------------------------------------------------
    BadKey("name empty", "name", "Enter a name", {"name": ""}, {"--name": ""}),
    BadKey(
        "name whitespace only",
        "name",
        "Enter a name",
        {"name": " \t\u3000\u00a0 "},
        {"--name": " \t\u3000\u00a0 "},
    ),
    BadKey("name 65 characters", "name", "shorten it to 64", {"name": "x" * 65},
           {"--name": "x" * 65}),
    BadKey(
        "name 65 characters after trimming",
        "name",
        "65 characters",
        {"name": "  " + "y" * 65 + "  "},
        {"--name": "  " + "y" * 65 + "  "},
    ),
    # argv cannot carry a NUL byte (execve ends the string there), so only the API can be fed one
    BadKey("name with NUL", "name", "control or invisible", {"name": "bad\x00name"}, None),
    BadKey("name with newline", "name", "control or invisible", {"name": "two\nlines"},
           {"--name": "two\nlines"}),
    BadKey("name with ESC", "name", "control or invisible", {"name": "\x1b[31mred"},
           {"--name": "\x1b[31mred"}),
    BadKey("name with tab", "name", "remove it", {"name": "tab\there"}, {"--name": "tab\there"}),
    BadKey("name with DEL", "name", "control or invisible", {"name": "del\x7f"},
           {"--name": "del\x7f"}),
    BadKey("name with C1 NEL", "name", "control or invisible", {"name": "a\x85b"},
           {"--name": "a\x85b"}),
    BadKey("name with line separator", "name", "control or invisible", {"name": "a\u2028b"},
           {"--name": "a\u2028b"}),
    BadKey(
        "name with bidi override U+202E",
        "name",
        "text-direction control character; remove it",
        {"name": "invoice\u202egpj.exe"},
        {"--name": "invoice\u202egpj.exe"},
    ),
    BadKey(
        "name with bidi isolate U+2066",
        "name",
        "text-direction control character",
        {"name": "a\u2066b\u2069"},
        {"--name": "a\u2066b\u2069"},
    ),
    BadKey("name with zero-width space", "name", "invisible", {"name": "Deploy\u200bbot"},
           {"--name": "Deploy\u200bbot"}),
    BadKey("name with zero-width joiner", "name", "invisible", {"name": "a\u200db"},
           {"--name": "a\u200db"}),
    BadKey("name with word joiner", "name", "invisible", {"name": "a\u2060b"},
           {"--name": "a\u2060b"}),
    BadKey("name with BOM", "name", "invisible", {"name": "\ufeffbom"}, {"--name": "\ufeffbom"}),
    # On a command line, a byte that is not UTF-8 reaches Python as a lone surrogate
    BadKey("name not valid Unicode", "name", "control or invisible", {"name": "a\ud800"},
           {"--name": "a\udcff"}),
    BadKey("name duplicate, other case", "name", "already exists; choose another name",
           {"name": "DEPLOY BOT"}, {"--name": "DEPLOY BOT"}),
    BadKey("name duplicate after trimming", "name", "already exists",
           {"name": "  deploy bot  "}, {"--name": "  deploy bot  "}),
    BadKey("name duplicate by case folding", "name", "already exists", {"name": "STRASSE"},
           {"--name": "STRASSE"}),
    BadKey("name duplicate by Unicode normalisation", "name", "already exists",
           {"name": "Cafe\u0301"}, {"--name": "CAFE\u0301"}),
    BadKey("name of invisible letters only", "name", "invisible characters only",
           {"name": "\u3164\u3164"}, {"--name": "\u3164"}),
    BadKey("name of combining marks only", "name", "invisible characters only",
           {"name": "\u0301\u0308"}, {"--name": "\u0301"}),
    BadKey("name of braille blanks", "name", "invisible characters only",
           {"name": "\u2800 \u2800"}, {"--name": "\u2800"}),
    BadKey("name like a key id", "name", "may not start with 'qk_'",
           {"name": "qk_AAAAAAAAAAAA"}, {"--name": "qk_AAAAAAAAAAAA"}),
    BadKey("name starting with the id prefix", "name", "may not start with 'qk_'",
           {"name": "QK_staging"}, {"--name": "qk_staging"}),
    # -- secrets in a name: stored in clear, kept in the audit trail, so never accepted --------
    BadKey("name is a whole token", "name", "looks like a secret token",
           {"name": PASTED_TOKEN}, {"--name": PASTED_TOKEN}),
    BadKey("name holds a token", "name", "secret token", {"name": f"ci {PASTED_TOKEN} x"},
           {"--name": f"ci {PASTED_TOKEN}"}),
    BadKey("name is a token cut short", "name", "secret token", {"name": PASTED_TOKEN[:20]},
           {"--name": "deploy " + PASTED_TOKEN[:19]}),
    BadKey("name is a token with a mistyped prefix", "name", "secret token",
           {"name": "qk-" + PASTED_TOKEN[3:]}, {"--name": "qk-" + PASTED_TOKEN[3:]}),
    BadKey("name is a bare secret", "name", "secret token", {"name": BARE_SECRET},
           {"--name": BARE_SECRET}),
    BadKey("name holds most of a secret", "name", "secret token",
           {"name": "prod " + BARE_SECRET[:40]}, {"--name": BARE_SECRET[4:44] + " prod"}),
    BadKey("name is a token case-folded", "name", "secret token",
           {"name": PASTED_TOKEN.lower()}, {"--name": PASTED_TOKEN.upper()}),
    # -- permissions -------------------------------------------------------------------------
    BadKey("no permissions", "permissions", "Choose at least one permission",
           {"permissions": []}, {"--permissions": ""}),
    # only the command line splits a comma-separated string
    BadKey("only commas", "permissions", "Choose at least one permission", None,
           {"--permissions": ",, ,"}),
    BadKey("unknown permission name", "permissions",
           "Unknown permission 'admin'; choose from create, read, write, delete, invite",
           {"permissions": ["read", "admin"]}, {"--permissions": "read,admin"}),
    BadKey("look-alike permission name", "permissions", "Unknown permission 'wrıte'",
           {"permissions": ["wrıte"]}, {"--permissions": "read,wrıte"}),
    # Permission objects exist only in Python
    BadKey("empty permission flag", "permissions", "Choose at least one permission",
           {"permissions": [Permission(0)]}, None),
    BadKey("unknown permission bit", "permissions", "Unknown permission bits",
           {"permissions": [Permission(32)]}, None),
    # -- scope -------------------------------------------------------------------------------
    BadKey("scope with no project", "projects", "Choose at least one project",
           {"projects": []}, {"--project": [""]}),
    BadKey("scope with blank project names", "projects", "Choose at least one project",
           {"projects": ["  ", "\t"]}, {"--project": ["  ", "\t"]}),
    BadKey("unknown project", "projects", "No project named 'Nope'; add it first",
           {"projects": ["Nope"]}, {"--project": ["Nope"]}),
    BadKey("one known and one unknown project", "projects", "No project named 'Nope'",
           {"projects": [EXISTING_PROJECT, "Nope"]}, {"--project": [EXISTING_PROJECT, "Nope"]}),
    # -- expiration --------------------------------------------------------------------------
    BadKey("expiration in the past", "expiration", "in the past; choose a later date",
           {"expires_at": NOW - timedelta(days=1)}, {"--expires": "2020-01-01"}),
    BadKey("expiration today", "expiration", "in the past",
           {"expires_at": start_of_local_day(TODAY)}, {"--expires": TODAY.isoformat()}),
    BadKey("expiration now", "expiration", "in the past", {"expires_at": NOW}, None),
    BadKey("expiration year 9999", "expiration", "more than 10 years away; choose 'never'",
           {"expires_at": datetime(9999, 12, 31, tzinfo=UTC)}, {"--expires": "9999-12-31"}),
    BadKey("expiration in 11 years", "expiration", "more than 10 years",
           {"expires_at": NOW + timedelta(days=11 * 366)},
           {"--expires": (TODAY + timedelta(days=11 * 366)).isoformat()}),
    # the API takes a datetime; strings are the command line's business
    BadKey("expiration 30x", "expiration", "Unknown expiration '30x'; use 7d, 30d", None,
           {"--expires": "30x"}),
    BadKey("expiration -30d", "expiration", "Unknown expiration", None, {"--expires": "-30d"}),
    BadKey("expiration empty", "expiration", "Unknown expiration", None, {"--expires": ""}),
    BadKey("expiration month 13", "expiration", "not a real date; use YYYY-MM-DD", None,
           {"--expires": "2026-13-01"}),
    BadKey("expiration February 30", "expiration", "not a real date", None,
           {"--expires": "2026-02-30"}),
    BadKey("expiration year 1", "expiration", "out of range", None, {"--expires": "0001-01-01"}),
    # a naive datetime is only possible in Python
    BadKey("expiration without time zone", "expiration", "needs a time zone",
           {"expires_at": datetime(2030, 1, 1)}, None),
    # -- limits (the command line's words are parsed by core.limits) ---------------------------
    BadKey("uses 0", "uses", "whole number from 1 to 1,000,000,000", {"uses": 0},
           {"--uses": "0"}),
    BadKey("uses negative", "uses", "whole number", {"uses": -5}, {"--uses": "-5"}),
    BadKey("uses over a billion", "uses", "from 1 to 1,000,000,000", {"uses": 10**9 + 1},
           {"--uses": "1000000001"}),
    BadKey("uses not a number", "uses", "Unknown number of uses 'ten'; give a whole number",
           None, {"--uses": "ten"}),
    BadKey("uses as a bool", "uses", "whole number", {"uses": True}, None),
    BadKey("refill without uses", "refill", "needs a number of uses to refill to; set --uses too",
           {"refill": "daily"}, {"--refill": "daily"}),
    BadKey("refill weekly", "refill", "Unknown refill 'weekly'; use daily, monthly or none",
           {"uses": 10, "refill": "weekly"}, {"--uses": "10", "--refill": "weekly"}),
    BadKey("rate per day", "rate", "Unknown rate limit '10/day'; use N/s, N/min or N/h", None,
           {"--rate": "10/day"}),
    BadKey("rate 0", "rate", "at least 1", {"rate": (0, 60)}, {"--rate": "0/min"}),
    BadKey("rate without a window", "rate", "Unknown rate limit '10'", None, {"--rate": "10"}),
    BadKey("rate window of a day", "rate", "per second, minute or hour", {"rate": (10, 86400)},
           None),
]


def ids(rows: list[Any]) -> list[str]:
    return [row.case for row in rows]


ROWS = {row.case: row for row in BAD_KEYS}
API_KEYS = [row for row in BAD_KEYS if row.api is not None]
CLI_KEYS = [row for row in BAD_KEYS if row.cli is not None]


# -- what must not change ----------------------------------------------------------------------


def registry_state(store: Store) -> tuple[Any, ...]:
    """Everything a refusal must leave alone: keys (with last use), projects, events, revision."""
    return store.list_keys(), store.list_projects(), store.list_events(), store.revision()


@pytest.fixture
def registry(store: Store) -> Store:
    """A registry with a project and the keys the duplicate rows collide with."""
    store.add_project(EXISTING_PROJECT)
    for name in EXISTING_KEYS:
        store.create_key(name, ["read"], None)
    return store


# -- creating a key: Python API ----------------------------------------------------------------


@pytest.mark.parametrize("row", API_KEYS, ids=ids(API_KEYS))
def test_api_refuses_bad_key(registry: Store, row: BadKey) -> None:
    before = registry_state(registry)
    with pytest.raises(ValidationError) as refused:
        registry.create_key(**{**VALID_API, **(row.api or {})})
    assert refused.value.field == row.field
    assert row.says in refused.value.message
    assert registry_state(registry) == before


# -- creating a key: command line --------------------------------------------------------------


def cli_arguments(overrides: dict[str, str | list[str]]) -> list[str]:
    arguments = ["keys", "create"]
    for option, value in {**VALID_CLI, **overrides}.items():
        for one in [value] if isinstance(value, str) else value:
            arguments.append(f"{option}={one}")  # "=": a value may start with "-"
    return arguments


@pytest.mark.parametrize("row", CLI_KEYS, ids=ids(CLI_KEYS))
def test_cli_refuses_bad_key(registry: Store, db_path: Path, row: BadKey) -> None:
    before = registry_state(registry)
    finished = run_qkeys(db_path, *cli_arguments(row.cli or {}))
    line = finished.assert_clean_failure(EXIT_REJECTED)  # and no token on stdout
    assert line.startswith(f"qkeys: {row.field}: "), line
    assert row.says in line
    assert registry_state(registry) == before


def test_the_valid_request_is_accepted_on_both_surfaces(registry: Store, db_path: Path) -> None:
    """The tables' baseline: without an override, both requests create a key."""
    assert registry.create_key(**VALID_API).record.name == "Fresh key"
    finished = run_qkeys(db_path, *cli_arguments({"--name": "Fresh key 2"}))
    assert finished.status == EXIT_OK, finished.err
    assert parse_token(finished.out.strip())


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("x" * 64, "x" * 64),
        ("  padded  ", "padded"),
        ("Ünïcödé 🔑", "Ünïcödé 🔑"),
        ("Cafe\u0301 au lait", "Café au lait"),  # stored composed (NFC)
        # names made of words run together are names, not secrets
        ("OAuthClientV2ForGitHubActions", "OAuthClientV2ForGitHubActions"),
        ("iPhone15ProMaxTestDevice", "iPhone15ProMaxTestDevice"),
        ("K8sNodePoolA1B2Worker", "K8sNodePoolA1B2Worker"),
        ("qk7 backend", "qk7 backend"),  # only the prefix "qk_" is reserved
        ("deploy qk_7Gh2kLm9Qx4a", "deploy qk_7Gh2kLm9Qx4a"),  # a key id is public
    ],
)
def test_names_at_the_limits_are_accepted(registry: Store, name: str, stored: str) -> None:
    assert registry.create_key(name, ["read"], None).record.name == stored


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "UTC", "Pacific/Pago_Pago"])
def test_extreme_dates_are_refused_in_every_time_zone(
    registry: Store, db_path: Path, zone: str
) -> None:
    """Dates at the ends of the calendar must not overflow in the local-time conversion."""
    before = registry_state(registry)
    for day in ("0001-01-01", "9999-12-31"):
        finished = run_qkeys(db_path, *cli_arguments({"--expires": day}), env={"TZ": zone})
        assert finished.assert_clean_failure().startswith("qkeys: expiration: ")
    assert registry_state(registry) == before


# -- verifying a token -------------------------------------------------------------------------


@dataclass(frozen=True)
class Issued:
    """The tokens the verify rows present, in various states."""

    live: str  # read+write on all projects
    scoped: str  # read on EXISTING_PROJECT only
    expired: str
    deleted: str  # revoked: its tombstone answers "revoked"
    rotated: str  # the token a regenerate replaced: "rotated"


@dataclass(frozen=True)
class BadToken:
    """A presented token (or a valid one, as a baseline) and what each surface must answer."""

    case: str
    reason: str | None  # VerifyResult.reason from the API; None: accepted
    present: Callable[[Issued], object]  # what the API is given
    status: int  # command-line exit status
    says: str  # words on the command line's stderr
    stdin: Callable[[Issued], bytes] | None = None  # default: present(), as UTF-8, no newline
    action: str = "read"
    project: str | None = None
    client: str | None = None  # verify(client=) and ``qkeys verify --client``


def forged(token: str) -> str:
    """A well-formed token for the same key id with another secret and a correct checksum."""
    parsed = parse_token(token)
    return build_token(parsed.key_id, parsed.secret[::-1])


def other_checksum(token: str) -> str:
    return token[:-1] + ("A" if token[-1] != "A" else "B")


MEGABYTE = 1024 * 1024

BAD_TOKENS = [
    # -- baselines: the harness can say yes ----------------------------------------------------
    BadToken("valid", None, lambda t: t.live, EXIT_OK, "valid: qk_"),
    BadToken("valid with newline", None, lambda t: t.live, EXIT_OK, "valid",
             stdin=lambda t: t.live.encode() + b"\n"),
    BadToken("valid with CRLF", None, lambda t: t.live, EXIT_OK, "valid",
             stdin=lambda t: t.live.encode() + b"\r\n"),
    BadToken("valid in scope", None, lambda t: t.scoped, EXIT_OK, "valid",
             project=EXISTING_PROJECT.upper()),
    # -- size ----------------------------------------------------------------------------------
    BadToken("1 MB", "malformed", lambda t: "A" * MEGABYTE, EXIT_REJECTED,
             "rejected: malformed (input longer than 4096 bytes)"),
    BadToken("valid token then 1 MB", "malformed", lambda t: t.live + "\n" + "A" * MEGABYTE,
             EXIT_REJECTED, "longer than 4096 bytes"),
    BadToken("empty", "malformed", lambda t: "", EXIT_USAGE, "no token on stdin; pipe it in"),
    BadToken("only a newline", "malformed", lambda t: "\n", EXIT_USAGE, "no token on stdin"),
    # -- encoding ------------------------------------------------------------------------------
    # the API's equivalent of bytes that are not text: a bytes object, or lone surrogates
    BadToken("non-UTF-8 bytes", "malformed", lambda t: t.live.encode(), EXIT_REJECTED,
             "rejected: malformed (input is not UTF-8 text)",
             stdin=lambda t: b"\xff\xfe" + t.live.encode()),
    BadToken("surrogates", "malformed", lambda t: "\ud800" * 66, EXIT_REJECTED, "not UTF-8",
             stdin=lambda t: b"\xed\xa0\x80" * 22),
    BadToken("NUL bytes", "malformed", lambda t: "\x00" * 66, EXIT_REJECTED,
             "rejected: malformed"),
    # -- shape ---------------------------------------------------------------------------------
    BadToken("leading space", "malformed", lambda t: " " + t.live, EXIT_REJECTED,
             "rejected: malformed"),
    BadToken("trailing space", "malformed", lambda t: t.live + " ", EXIT_REJECTED,
             "rejected: malformed"),
    BadToken("space inside", "malformed", lambda t: t.live[:20] + " " + t.live[21:],
             EXIT_REJECTED, "rejected: malformed"),
    BadToken("two lines", "malformed", lambda t: t.live + "\n" + t.live, EXIT_REJECTED,
             "rejected: malformed", stdin=lambda t: (t.live + "\n" + t.live + "\n").encode()),
    BadToken("two newlines", "malformed", lambda t: t.live + "\n", EXIT_REJECTED,
             "rejected: malformed", stdin=lambda t: (t.live + "\n\n").encode()),
    BadToken("wrong prefix", "malformed", lambda t: "qx_" + t.live[3:], EXIT_REJECTED,
             "rejected: malformed"),
    BadToken("upper-case prefix", "malformed", lambda t: "QK_" + t.live[3:], EXIT_REJECTED,
             "rejected: malformed"),
    BadToken("length 65", "malformed", lambda t: t.live[:-1], EXIT_REJECTED,
             "rejected: malformed"),
    BadToken("length 67", "malformed", lambda t: t.live + "A", EXIT_REJECTED,
             "rejected: malformed"),
    BadToken("length 0", "malformed", lambda t: "", EXIT_USAGE, "no token on stdin"),
    BadToken("length 1", "malformed", lambda t: "q", EXIT_REJECTED, "rejected: malformed"),
    BadToken("key id alone", "malformed", lambda t: parse_token(t.live).key_id, EXIT_REJECTED,
             "rejected: malformed"),
    # -- well-formed, but not a live key that may do this ---------------------------------------
    BadToken("bad checksum", "bad checksum", lambda t: other_checksum(t.live), EXIT_REJECTED,
             "rejected: bad checksum"),
    BadToken("unknown key id", "unknown key", lambda t: build_token(new_key_id(), "s" * 44),
             EXIT_REJECTED, "rejected: unknown key"),
    BadToken("forged secret", "mismatch", lambda t: forged(t.live), EXIT_REJECTED,
             "rejected: mismatch"),
    BadToken("deleted key", "revoked", lambda t: t.deleted, EXIT_REJECTED,
             "rejected: revoked"),
    BadToken("replaced token", "rotated", lambda t: t.rotated, EXIT_REJECTED,
             "rejected: rotated"),
    BadToken("expired key", "expired", lambda t: t.expired, EXIT_REJECTED, "rejected: expired"),
    BadToken("action not permitted", "action not permitted", lambda t: t.live, EXIT_REJECTED,
             "rejected: action not permitted", action="delete"),
    BadToken("project out of scope", "project out of scope", lambda t: t.scoped, EXIT_REJECTED,
             "rejected: project out of scope", project="Other"),
    BadToken("scoped key without project", "project out of scope", lambda t: t.scoped,
             EXIT_REJECTED, "rejected: project out of scope"),
    # -- the action itself ---------------------------------------------------------------------
    BadToken("unknown action", "unknown action", lambda t: t.live, EXIT_USAGE,
             "argument --action: invalid choice: 'admin'", action="admin"),
    BadToken("empty action", "unknown action", lambda t: t.live, EXIT_USAGE,
             "argument --action: invalid choice", action=""),
    BadToken("look-alike action", "unknown action", lambda t: t.live, EXIT_USAGE,
             "argument --action: invalid choice", action="wrıte"),
    # -- the client label: a token pasted into it is dropped (the key still verifies) -----------
    BadToken("client label holding a token", None, lambda t: t.live, EXIT_OK,
             "--client holds what looks like a secret token: not recorded",
             client=f"ci {PASTED_TOKEN}"),
]


@pytest.fixture
def issued(registry: Store) -> Issued:
    live = registry.create_key("live", ["read", "write"], None)
    scoped = registry.create_key("scoped", ["read"], None, [EXISTING_PROJECT])
    deleted = registry.create_key("deleted", ["read"], None)
    registry.delete_key("deleted")
    rotated = registry.create_key("rotated", ["read"], None)
    registry.regenerate_key("rotated")
    two_years_ago = utc_now() - timedelta(days=730)
    back_then = Store(registry.db, hasher=registry.hasher, clock=lambda: two_years_ago)
    expired = back_then.create_key("expired", ["read"], two_years_ago + timedelta(days=7))
    return Issued(live.token, scoped.token, expired.token, deleted.token, rotated.token)


@pytest.mark.parametrize("row", BAD_TOKENS, ids=ids(BAD_TOKENS))
def test_api_verify(registry: Store, issued: Issued, row: BadToken) -> None:
    before = registry_state(registry)
    result = registry.verify(row.present(issued), row.action, row.project, row.client)
    assert result.ok is (row.reason is None)
    assert result.reason == row.reason
    # only a key that once worked says when it stopped
    assert (result.stopped_at is not None) is (row.reason in ("revoked", "rotated", "expired"))
    if row.reason is not None:
        assert registry_state(registry) == before  # a rejection records nothing
    assert_no_pasted_token(registry, row)


@pytest.mark.parametrize("row", BAD_TOKENS, ids=ids(BAD_TOKENS))
def test_cli_verify(registry: Store, issued: Issued, db_path: Path, row: BadToken) -> None:
    before = registry_state(registry)
    if row.stdin is not None:
        stdin = row.stdin(issued)
    else:
        present = row.present(issued)
        assert isinstance(present, str)
        stdin = present.encode("utf-8", "surrogatepass")
    arguments = ["verify", "--action", row.action]
    if row.project is not None:
        arguments += ["--project", row.project]
    if row.client is not None:
        arguments.append(f"--client={row.client}")
    finished = run_qkeys(db_path, *arguments, stdin=stdin)
    assert finished.status == row.status, finished.err
    assert "Traceback" not in finished.err
    assert finished.out == ""  # verify answers by exit status and stderr only
    assert row.says in finished.err
    for token in (issued.live, issued.scoped, issued.expired, issued.deleted, issued.rotated,
                  PASTED_TOKEN):
        assert token not in finished.err  # the input is never echoed
    if row.status != EXIT_OK:
        assert registry_state(registry) == before
    assert_no_pasted_token(registry, row)


def assert_no_pasted_token(registry: Store, row: BadToken) -> None:
    """A client label is kept as the key's "last used by" and in its usage: never a token."""
    if row.client is not None:
        assert PASTED_TOKEN not in repr((registry.list_keys(), registry.usage("live")))


# == The window ==================================================================================
#
# The Create API Key dialog refuses the same rows. Where the window can take the input, its field
# shows the core's message, Create stays disabled and a click creates nothing ("refused"). Where
# its widgets cannot even hold the input — a lone surrogate, a date edit bounded to
# tomorrow..10 years — the test checks that they did not take it ("clamped"). Rows that need text
# the window has no field for (permission names, project names not in the list, Python objects)
# are left out: the window offers checkboxes and a list of existing projects instead.


def _name(row: BadKey) -> Callable[[Any], None]:
    def fill(form: Any) -> None:
        form.name_edit.setText("x")  # typed, then changed: the field has been touched
        form.name_edit.setText(row.api["name"] if row.api else "")

    return fill


def _holds_name(row: BadKey) -> Callable[[Any], bool]:
    return lambda form: form.name_edit.text() == (row.api or {}).get("name")


# Qt's strings drop a leading BOM and lone surrogates. A long name is refused, not cut: the line
# edit takes a pasted token whole, so that the core can say what it is.
NAME_CLAMPS = ("name with BOM", "name not valid Unicode")


def _untick_all(form: Any) -> None:
    for box in form.permission_boxes.values():
        if box.isChecked():
            box.click()


def _limit_without_projects(form: Any) -> None:
    form.limit_check.click()


def _custom_date(day: date) -> Callable[[Any], None]:
    def fill(form: Any) -> None:
        from PySide6.QtCore import QDate

        form.expiration_combo.setCurrentIndex(form.expiration_combo.findData("custom"))
        form.date_edit.setDate(QDate(day.year, day.month, day.day))

    return fill


def _holds_date(day: date) -> Callable[[Any], bool]:
    return lambda form: form.date_edit.date().toPython() == day


WINDOW_REFUSES: dict[str, Callable[[Any], None]] = {
    **{row.case: _name(row) for row in API_KEYS
       if row.field == "name" and row.case not in NAME_CLAMPS},
    "no permissions": _untick_all,
    "scope with no project": _limit_without_projects,
}
FAR = date(9999, 12, 31)
ELEVEN_YEARS = TODAY + timedelta(days=11 * 366)
WINDOW_CLAMPS: dict[str, tuple[Callable[[Any], None], Callable[[Any], bool]]] = {
    **{case: (_name(ROWS[case]), _holds_name(ROWS[case])) for case in NAME_CLAMPS},
    "expiration in the past": (_custom_date(date(2020, 1, 1)), _holds_date(date(2020, 1, 1))),
    "expiration today": (_custom_date(TODAY), _holds_date(TODAY)),
    "expiration year 9999": (_custom_date(FAR), _holds_date(FAR)),
    "expiration in 11 years": (_custom_date(ELEVEN_YEARS), _holds_date(ELEVEN_YEARS)),
}
WINDOW_KEYS = [row for row in BAD_KEYS if row.case in WINDOW_REFUSES | WINDOW_CLAMPS]


@pytest.fixture
def create_dialog(registry: Store, tmp_path: Path, qtbot: Any) -> Any:
    """An open Create API Key dialog on the registry, with everything it loads loaded."""
    pytest.importorskip("PySide6.QtWidgets", exc_type=ImportError)
    from PySide6.QtCore import QSettings

    from qkeys_desktop.ui.create_dialog import CreateKeyDialog
    from qkeys_desktop.ui.settings import AppSettings
    from qkeys_desktop.ui.tasks import TaskRunner

    runner = TaskRunner()
    settings = AppSettings(QSettings(str(tmp_path / "qkeys.ini"), QSettings.Format.IniFormat))
    dialog = CreateKeyDialog(registry, runner, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading)
    yield dialog
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)


@pytest.mark.parametrize("row", WINDOW_KEYS, ids=ids(WINDOW_KEYS))
def test_window_refuses_bad_key(registry: Store, create_dialog: Any, row: BadKey) -> None:
    from qkeys_desktop.ui.widgets import FieldMessage

    before = registry_state(registry)
    if row.case in WINDOW_CLAMPS:
        fill, holds = WINDOW_CLAMPS[row.case]
        fill(create_dialog.form)
        assert not holds(create_dialog.form)  # the widget would not take it
    else:
        WINDOW_REFUSES[row.case](create_dialog.form)
        create_dialog.create_button.click()  # an attempt shows every field's problem
        message = create_dialog.findChild(FieldMessage, f"{row.field}Message")
        assert message.kind == "error"
        assert row.says in message.text()
        assert not create_dialog.create_button.isEnabled()
        assert create_dialog.isVisible() and create_dialog.created is None
    assert registry_state(registry) == before
