"""Secret-shaped text is found wherever it hides: names refuse it, messages and logs redact it.

What counts (qkeys_desktop.core.tokens.has_secret): a token, a token cut short or with a mistyped
prefix, a case-folded token, and a bare secret (a long base62 run that reads as random). What
must not count: names made of words, key ids (public), hex digests are not our secrets.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from qkeys_cli import run_qkeys

from qkeys_desktop.core.errors import ValidationError
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import find_secret, has_secret, random_base62, redact_tokens

TOKEN = "qk_7Gh2kLm9Qx4a_ImaImPrS9H6lVuf0hoIONKGfXTVouEcsNkDkzUiJJV7C1LNwgj"
SECRET = TOKEN[16:60]

SECRET_SHAPED = {
    "token": TOKEN,
    "token in a sentence": f"deploy with {TOKEN} please",
    "token cut short": TOKEN[:19],
    "token with a mistyped prefix": "qk-" + TOKEN[3:],
    "token with a dot for an underscore": TOKEN.replace("_", ".", 1),
    "token case-folded": TOKEN.casefold(),
    "token upper-cased": TOKEN.upper(),
    "token without its head": TOKEN[16:],
    "bare secret": SECRET,
    "bare secret case-folded": SECRET.casefold(),
    "40 characters of a secret": SECRET[:40],
}
NOT_SECRETS = {
    "key id": "qk_7Gh2kLm9Qx4a",
    "name with a key id": "rotate qk_7Gh2kLm9Qx4a soon",
    "words run together": "OAuthClientV2ForGitHubActions",
    "camel case with digits": "iPhone15ProMaxTestDevice",
    "words and numbers": "productionDatabaseBackup2024",
    "one letter repeated": "x" * 64,
    "sentence": "qk dependencies test for the backend",
    "sha-1 hex": "da39a3ee5e6b4b0d3255bfef95601890afd80709",
}


@pytest.mark.parametrize("text", SECRET_SHAPED.values(), ids=SECRET_SHAPED.keys())
def test_secret_shaped_text_is_found_and_redacted(text: str) -> None:
    assert has_secret(text)
    redacted = redact_tokens(text)
    for start in range(0, len(SECRET) - 12):
        assert SECRET[start : start + 12].casefold() not in redacted.casefold()


@pytest.mark.parametrize("text", NOT_SECRETS.values(), ids=NOT_SECRETS.keys())
def test_names_and_ids_are_not_secrets(text: str) -> None:
    assert not has_secret(text)
    assert redact_tokens(text) == text


def test_find_secret_names_the_key_id_inside_a_near_token() -> None:
    assert find_secret("qk-" + TOKEN[3:]) == "qk_7Gh2kLm9Qx4a"
    assert find_secret(TOKEN.casefold()) == "qk_7gh2klm9qx4a"
    assert find_secret("qk_7Gh2kLm9Qx4a") is None  # an id alone carries no secret


def test_every_whole_secret_is_found() -> None:
    """From 40 characters on a run is a secret for certain: no random secret may slip by."""
    assert all(has_secret(random_base62(44)) for _ in range(20_000))
    assert all(has_secret(random_base62(40)) for _ in range(5_000))


@pytest.mark.parametrize(("length", "at_least"), [(20, 0.70), (32, 0.80)])
def test_most_pieces_of_a_secret_are_found(length: int, at_least: float) -> None:
    """Shorter pieces go by how random they read (see tokens._looks_random for the figures)."""
    found = sum(has_secret(random_base62(length)) for _ in range(4_000)) / 4_000
    assert found >= at_least, found


# -- names: API, command line ------------------------------------------------------------------


@pytest.mark.parametrize("text", SECRET_SHAPED.values(), ids=SECRET_SHAPED.keys())
def test_project_names_refuse_secrets(store: Store, text: str) -> None:
    with pytest.raises(ValidationError, match="secret token") as refused:
        store.add_project(text)
    assert SECRET[:12] not in str(refused.value)
    store.add_project("Backend")
    with pytest.raises(ValidationError, match="secret token"):
        store.rename_project("Backend", text)
    assert [p.name for p in store.list_projects()] == ["Backend"]
    assert all(SECRET[:12] not in e.name + e.details for e in store.list_events())


@pytest.mark.parametrize(
    "args",
    [
        ("projects", "add", SECRET),
        ("projects", "add", "qk-" + TOKEN[3:]),
        ("keys", "create", "--name", f"ci {SECRET}", "--permissions", "read"),
        ("keys", "delete", "--yes", SECRET),
        ("keys", "delete", "--yes", "qk-" + TOKEN[3:]),
        ("keys", "regenerate", TOKEN.replace("qk_", "qk-")),
        ("keys", "create", "--name", "n", "--permissions", f"read,{SECRET}"),
        ("keys", "create", "--name", "n", "--permissions", "read", "--expires", SECRET),
        ("keys", "create", "--name", "n", "--permissions", "read", "--project", SECRET),
        ("keys", "create", "--name", "n", "--permissions", "read", "--to", "keyring",
         "--keyring-service", SECRET),
        ("verify", "--action", SECRET),
        ("keys", "list", SECRET),
    ],
    ids=lambda args: " ".join(args[:3])[:30],
)
def test_cli_never_echoes_a_secret_passed_as_an_argument(
    db_path: Path, args: tuple[str, ...]
) -> None:
    Store.open(str(db_path)).close()
    finished = run_qkeys(db_path, *args)
    assert finished.status != 0
    assert "Traceback" not in finished.err, finished.err
    for piece in (SECRET[:12], SECRET[-12:], SECRET[:12].casefold()):
        assert piece not in finished.err + finished.out, finished.err
    assert SECRET.encode() not in db_path.read_bytes()


def test_the_sql_log_never_holds_a_secret_looked_up_as_a_name(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    """peewee logs statements with their parameters at DEBUG: a bare secret or a mistyped token
    passed where a key name belongs must not reach that log, case-folded or not."""
    with caplog.at_level(logging.DEBUG, logger="peewee"):
        for text in (SECRET, "qk-" + TOKEN[3:], TOKEN):
            with pytest.raises(Exception):  # noqa: B017 - no such key, whatever the error
                store.delete_key(text)
    logged = "\n".join(str(record.msg) for record in caplog.records)
    assert logged  # the statements were logged
    assert SECRET[:12].casefold() not in logged.casefold()
