"""A key's whole life through the real ``qkeys`` command line, on SQLite and PostgreSQL:
description, edit in place, disable/enable, rotate with overlap (delivery follows the key),
the registry's lifetime policy, who did what, and what ``qkeys verify`` says of a retired key.

Most commands run in-process through :func:`qkeys_desktop.cli.main` (argument parsing, the
handlers, the exit status and both output streams, as a shell sees them) with cheap argon2
parameters; the verdicts that apps rely on also run as real child processes (``run_qkeys``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import keyring
import pytest
from cli_in_process import Qkeys
from memory_keyring import MemoryKeyring
from qkeys_cli import run_qkeys

from qkeys_desktop import cli
from qkeys_desktop.core.actor import current_actor
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import parse_token

RUN_ON_BOTH_ENGINES = True
STOPPED = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC"


@pytest.fixture
def backend() -> MemoryKeyring:
    """The keychain every in-process command sees (conftest's in-memory backend)."""
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    return memory


def fields(shown: str) -> dict[str, str]:
    """The "Label: value" lines ``keys show`` prints above the history."""
    head = shown.split("\n\n", 1)[0]
    return {label: value.strip() for label, value in
            (line.split(":", 1) for line in head.splitlines())}


def moment(text: object) -> datetime:
    assert isinstance(text, str) and text.endswith("Z")
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# -- description -------------------------------------------------------------------------------


def test_create_with_a_description_shows_it_and_who_created_the_key(qkeys: Qkeys) -> None:
    qkeys.create("ci", "--description", "deployed on build-01; owner: platform team")
    shown = fields(qkeys.ok("keys", "show", "ci").out)
    assert shown["Description"] == "deployed on build-01; owner: platform team"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d by " + re.escape(current_actor()),
                        shown["Created"])
    assert shown["Policy"] == "within the registry's policy"
    details = qkeys.key("ci")
    assert details["description"] == "deployed on build-01; owner: platform team"
    assert details["created_by"] == current_actor()
    (listed,) = qkeys.json("keys", "list")
    assert listed["description"] == "deployed on build-01; owner: platform team"


def test_a_secret_shaped_description_is_refused_without_echoing_it(qkeys: Qkeys) -> None:
    token = qkeys.create("holder")
    refused = qkeys("keys", "create", "--name", "leaky", "--permissions", "read",
                    "--description", f"token is {token}")
    line = refused.assert_clean_failure()
    assert line.startswith("qkeys: description: ") and "looks like a secret" in line
    assert token not in refused.err and parse_token(token).secret not in refused.err
    assert [k["name"] for k in qkeys.json("keys", "list")] == ["holder"]

    edited = qkeys("keys", "edit", "holder", "--description", f"see {token}")
    assert "looks like a secret" in edited.assert_clean_failure()
    assert token not in edited.err
    assert qkeys.key("holder")["description"] == ""


# -- edit in place -----------------------------------------------------------------------------


def test_edit_says_what_changed_and_takes_effect_without_a_new_token(
    qkeys: Qkeys, registry: Store
) -> None:
    token = qkeys.create("ci")
    assert registry.verify(token, "write").reason == "action not permitted"
    changed = qkeys.ok("keys", "edit", "ci", "--permissions", "read,write")
    assert changed.out == ""
    assert changed.err.strip() == "Changed 'ci': permissions: Read → Read, Write."
    assert registry.verify(token, "write").ok  # the same token, the very next check

    again = qkeys.ok("keys", "edit", "ci", "--permissions", "write,read")
    assert "Nothing to change" in again.err
    (edited,) = [e for e in qkeys.json("events") if e["kind"] == "key.edited"]
    assert edited["details"] == "permissions: Read → Read, Write"


def test_edit_renames_rescopes_and_sets_a_new_expiry(qkeys: Qkeys, registry: Store) -> None:
    qkeys.ok("projects", "add", "Backend")
    qkeys.ok("projects", "add", "Frontend")
    token = qkeys.create("deploy", "--expires", "never")

    scoped = qkeys.ok("keys", "edit", "deploy", "--project", "Backend", "--name", "deployer",
                      "--description", "the deploy bot", "--expires", "7d")
    assert "Changed 'deploy': name: 'deploy' → 'deployer'; description: (none) → " \
           "'the deploy bot'; scope: all projects → Backend; expires: never → " in scoped.err
    assert registry.verify(token, "read", "Backend").ok
    assert registry.verify(token, "read", "Frontend").reason == "project out of scope"
    details = qkeys.key("deployer")
    assert details["projects"] == ["Backend"] and details["status"] == "expiring"
    assert details["description"] == "the deploy bot"
    assert abs(moment(details["expires_at"]) - (datetime.now(UTC) + timedelta(days=7))) \
        < timedelta(minutes=5)

    qkeys.ok("keys", "edit", "deployer", "--all-projects")
    assert registry.verify(token, "read", "Frontend").ok
    cleared = qkeys.ok("keys", "edit", "deployer", "--description", "")
    assert "description: 'the deploy bot' → (none)" in cleared.err


def test_edit_without_a_change_option_is_a_usage_error(qkeys: Qkeys) -> None:
    qkeys.create("ci")
    line = qkeys("keys", "edit", "ci").assert_clean_failure(2)
    assert "--name" in line and "--permissions" in line and "--expires" in line


def test_edit_refuses_project_with_all_projects(qkeys: Qkeys) -> None:
    qkeys.ok("projects", "add", "Backend")
    qkeys.create("ci")
    refused = qkeys("keys", "edit", "ci", "--project", "Backend", "--all-projects")
    assert refused.status == 2 and refused.out == ""
    assert "--all-projects: not allowed with argument -p/--project" in refused.err
    assert qkeys.key("ci")["projects"] is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--permissions", "read,admin"], "admin"),
        (["--project", "Nowhere"], "No project named 'Nowhere'"),
        (["--expires", "tomorrow"], "Unknown expiration 'tomorrow'"),
        (["--name", "   "], "name"),
    ],
    ids=["permission", "project", "expires", "name"],
)
def test_edit_refusals_name_the_fix_and_change_nothing(
    qkeys: Qkeys, args: list[str], expected: str
) -> None:
    qkeys.create("ci")
    before = qkeys.key("ci")
    assert expected in qkeys("keys", "edit", "ci", *args).assert_clean_failure()
    assert qkeys.key("ci") == before


def test_edit_to_a_taken_name_is_refused(qkeys: Qkeys) -> None:
    qkeys.create("one")
    qkeys.create("two")
    assert "already exists" in qkeys("keys", "edit", "two", "--name", "ONE").assert_clean_failure()


@pytest.mark.parametrize(
    "args",
    [["keys", "edit", "ghost", "--name", "x"], ["keys", "disable", "ghost"],
     ["keys", "enable", "ghost"], ["keys", "rotate", "ghost"], ["keys", "show", "ghost"]],
    ids=lambda args: args[1],
)
def test_unknown_key_is_one_line(qkeys: Qkeys, args: list[str]) -> None:
    qkeys.ok("keys", "list")
    assert "No key with id or name 'ghost'" in qkeys(*args).assert_clean_failure()


# -- disable / enable --------------------------------------------------------------------------


def test_disable_and_enable(qkeys: Qkeys, registry: Store) -> None:
    token = qkeys.create("ci")
    disabled = qkeys.ok("keys", "disable", "ci")
    assert "Disabled 'ci'" in disabled.err and "qkeys keys enable" in disabled.err
    assert registry.verify(token, "read").reason == "disabled"
    assert "is already disabled (since " in qkeys.ok("keys", "disable", "ci").err

    table = qkeys.ok("keys", "list").out.splitlines()
    assert table[0].split()[-1] == "STATUS" and table[1].split()[-1] == "disabled"
    details = qkeys.key("ci")
    assert details["disabled"] is True and details["status"] == "disabled"
    assert abs(moment(details["disabled_at"]) - datetime.now(UTC)) < timedelta(minutes=5)
    shown = fields(qkeys.ok("keys", "show", "ci").out)
    assert shown["Status"] == "disabled" and "Disabled since" in shown

    assert "Enabled 'ci'" in qkeys.ok("keys", "enable", "ci").err
    assert registry.verify(token, "read").ok
    assert "is already enabled" in qkeys.ok("keys", "enable", "ci").err
    kinds = [e["kind"] for e in qkeys.json("events")]
    assert kinds == ["key.enabled", "key.disabled", "key.created"]  # the repeats wrote nothing


# -- rotate ------------------------------------------------------------------------------------


def test_rotate_with_overlap_keeps_the_old_token_working_until_it_says(
    qkeys: Qkeys, registry: Store
) -> None:
    old = qkeys.create("ci", "--expires", "90d")
    rotated = qkeys.ok("keys", "rotate", "ci", "--overlap", "24h")
    new = rotated.out.strip()
    assert rotated.out == new + "\n" and parse_token(new).key_id != parse_token(old).key_id
    old_id = parse_token(old).key_id
    assert re.search(rf"The old token {old_id} keeps working until "
                     r"\d{4}-\d\d-\d\d \d\d:\d\d \(24h\)\.", rotated.err), rotated.err
    assert registry.verify(old, "read").ok and registry.verify(new, "read").ok

    header, row = qkeys.ok("keys", "list").out.splitlines()
    assert "LAST USED" in header
    assert row.endswith("rotating, old token stops in 24h")
    details = qkeys.key("ci")
    assert details["key_id"] == parse_token(new).key_id
    assert details["rotating"] is True and details["previous_key_id"] == old_id
    assert abs(moment(details["previous_until"]) - (datetime.now(UTC) + timedelta(hours=24))) \
        < timedelta(minutes=5)
    assert abs(moment(details["expires_at"]) - (datetime.now(UTC) + timedelta(days=90))) \
        < timedelta(minutes=5)  # the key's lifetime, counted from the rotation
    shown = fields(qkeys.ok("keys", "show", "ci").out)
    assert shown["Rotation"].startswith(f"old token {old_id} stops ")
    assert shown["Status"] == "rotating, old token stops in 24h"

    again = qkeys.ok("keys", "rotate", "ci", "--overlap", "0")
    assert f"The old token {parse_token(new).key_id} stopped working now." in again.err
    assert registry.verify(old, "read").reason == "rotated"  # the earlier overlap ends too
    assert registry.verify(new, "read").reason == "rotated"
    assert registry.verify(again.out.strip(), "read").ok
    assert qkeys.key("ci")["rotating"] is False


@pytest.mark.parametrize(("overlap", "expected"), [
    ("5x", "Unknown overlap '5x'"), ("31d", "between none and 30 days"), ("-1h", "Unknown"),
])
def test_rotate_refuses_a_bad_overlap_and_keeps_the_key(
    qkeys: Qkeys, registry: Store, overlap: str, expected: str
) -> None:
    token = qkeys.create("ci")
    line = qkeys("keys", "rotate", "ci", f"--overlap={overlap}").assert_clean_failure()
    assert line.startswith("qkeys: overlap: ") and expected in line
    assert registry.verify(token, "read").ok
    assert qkeys.key("ci")["key_id"] == parse_token(token).key_id


def test_rotate_json_and_a_new_expiry(qkeys: Qkeys, registry: Store) -> None:
    old = qkeys.create("ci")
    payload = qkeys.json("keys", "rotate", "ci", "--overlap", "1h", "--expires", "never")
    assert isinstance(payload, dict)
    assert registry.verify(payload["token"], "read").ok
    assert payload["expires_at"] is None and payload["rotating"] is True
    assert payload["previous_key_id"] == parse_token(old).key_id


def test_regenerate_is_a_rotation_without_overlap(qkeys: Qkeys, registry: Store) -> None:
    old = qkeys.create("ci")
    regenerated = qkeys.ok("keys", "regenerate", "ci")
    assert "stopped working now" in regenerated.err
    assert registry.verify(old, "read").reason == "rotated"
    assert registry.verify(regenerated.out.strip(), "read").ok
    assert qkeys("keys", "regenerate", "ci", "--overlap", "1h").status == 2  # rotate's option


def test_a_replaced_or_deleted_key_id_is_explained(qkeys: Qkeys) -> None:
    old = parse_token(qkeys.create("ci")).key_id
    qkeys.ok("keys", "rotate", "ci")
    line = qkeys("keys", "show", old).assert_clean_failure()
    assert f"{old} is a replaced token of the key 'ci' (rotated " in line
    gone = parse_token(qkeys.create("gone")).key_id
    qkeys.ok("keys", "delete", "gone", "--yes")
    assert f"{gone} was revoked: the key 'gone' was deleted " in qkeys(
        "keys", "edit", gone, "--name", "back").assert_clean_failure()


# -- delivery follows the key ------------------------------------------------------------------


def test_rotating_a_keychain_key_puts_the_new_token_back_in_its_entry(
    qkeys: Qkeys, registry: Store, backend: MemoryKeyring
) -> None:
    qkeys.ok("keys", "create", "--name", "ci", "--permissions", "read", "--to", "keyring",
             "--keyring-service", "team-a")
    old = backend.get_password("team-a", "ci")
    assert old is not None

    rotated = qkeys.ok("keys", "rotate", "ci", "--overlap", "1h")
    assert rotated.out == ""  # not printed: it went where the key lives
    new = backend.get_password("team-a", "ci")
    assert new is not None and new != old
    assert backend.items.keys() == {("team-a", "ci")}  # replaced, not added beside
    assert "keyring get team-a ci" in rotated.err and "keeps working until" in rotated.err
    assert registry.verify(new, "read").ok and registry.verify(old, "read").ok  # overlap
    assert qkeys.key("ci")["keychain_service"] == "team-a"

    qkeys.ok("keys", "regenerate", "ci")  # the same path, the same rule
    newest = backend.get_password("team-a", "ci")
    assert newest not in (None, new)
    assert registry.verify(newest, "read").ok and registry.verify(new, "read").reason == "rotated"


def test_rotating_to_stdout_takes_the_token_out_of_the_keychain(
    qkeys: Qkeys, registry: Store, backend: MemoryKeyring
) -> None:
    qkeys.ok("keys", "create", "--name", "ci", "--permissions", "read", "--to", "keyring")
    rotated = qkeys.ok("keys", "rotate", "ci", "--to", "stdout")
    assert registry.verify(rotated.out.strip(), "read").ok
    assert backend.items == {}
    details = qkeys.key("ci")
    assert details["in_keychain"] is False and details["keychain_service"] is None


def test_rotating_a_stdout_key_into_the_keychain(
    qkeys: Qkeys, registry: Store, backend: MemoryKeyring
) -> None:
    qkeys.create("ci")
    assert qkeys.ok("keys", "rotate", "ci").out.strip() != ""  # stdout: where it was delivered
    moved = qkeys.ok("keys", "rotate", "ci", "--to", "keyring")
    assert moved.out == ""
    token = backend.get_password("qkeys", "ci")
    assert token is not None and registry.verify(token, "read").ok


def test_rotating_into_a_foreign_keychain_entry_changes_nothing(
    qkeys: Qkeys, registry: Store, backend: MemoryKeyring
) -> None:
    token = qkeys.create("ci")
    backend.set_password("qkeys", "ci", "the user's own password")
    refused = qkeys("keys", "rotate", "ci", "--to", "keyring", "--overlap", "1h")
    assert "was not changed" in refused.assert_clean_failure()
    assert "the user's own password" not in refused.err
    assert backend.get_password("qkeys", "ci") == "the user's own password"
    assert registry.verify(token, "read").ok and qkeys.key("ci")["rotating"] is False


def test_renaming_a_keychain_key_moves_its_entry(
    qkeys: Qkeys, registry: Store, backend: MemoryKeyring
) -> None:
    qkeys.ok("keys", "create", "--name", "ci", "--permissions", "read", "--to", "keyring")
    token = backend.get_password("qkeys", "ci")
    renamed = qkeys.ok("keys", "edit", "ci", "--name", "build")
    assert "keyring get qkeys build" in renamed.err
    assert backend.items == {("qkeys", "build"): token}
    assert registry.verify(token, "read").ok


# -- policy ------------------------------------------------------------------------------------


def test_policy_show_set_and_the_keys_it_flags(qkeys: Qkeys) -> None:
    assert qkeys.json("policy", "show") == {
        "max_lifetime_days": None, "allow_never": True,
        "description": "no maximum lifetime; keys may never expire", "keys_breaking_it": []}
    forever = parse_token(qkeys.create("forever", "--expires", "never")).key_id
    long = parse_token(qkeys.create("long", "--expires", "1y")).key_id
    qkeys.create("short", "--expires", "30d")

    changed = qkeys.ok("policy", "set", "--max-lifetime", "90d", "--allow-never", "no")
    assert "Policy changed: no maximum lifetime; keys may never expire → keys live at most 90 " \
           "days; every key must expire." in changed.err
    assert "2 existing keys break it (flagged, not changed" in changed.err
    assert {line.split()[0] for line in changed.out.splitlines()[1:]} == {forever, long}
    shown = qkeys.ok("policy", "show")
    assert "Maximum lifetime:    90 days" in shown.out and "not allowed" in shown.out

    flags = {k["name"]: k["policy_violation"] for k in qkeys.json("keys", "list")}
    assert flags == {"forever": "never expires, which the policy no longer allows",
                     "long": "lives longer than the policy's 90 days", "short": None}
    assert qkeys.key("long")["expires_at"] is not None  # flagged, not changed
    assert fields(qkeys.ok("keys", "show", "long").out)["Policy"] == \
        "breaks it: lives longer than the policy's 90 days"

    relaxed = qkeys.ok("policy", "set", "--max-lifetime", "none", "--allow-never", "yes")
    assert "No existing key breaks it." in relaxed.err
    assert "Nothing to change" in qkeys.ok("policy", "set", "--allow-never", "yes").err
    kinds = [e["kind"] for e in qkeys.json("events", "--limit", "2")]
    assert kinds == ["policy.changed", "policy.changed"]


def test_the_policy_refuses_creation_edit_and_rotation_outside_it(
    qkeys: Qkeys, registry: Store
) -> None:
    token = qkeys.create("ci", "--expires", "30d")
    qkeys.ok("policy", "set", "--max-lifetime", "60d", "--allow-never", "no")
    never = qkeys("keys", "create", "--name", "n", "--permissions", "read", "--expires", "never")
    assert "This registry's policy requires every key to expire" in never.assert_clean_failure()
    edited = qkeys("keys", "edit", "ci", "--expires", "1y")
    assert "This registry's policy allows keys to live at most 60 days" in \
        edited.assert_clean_failure()
    rotated = qkeys("keys", "rotate", "ci", "--expires", "90d", "--overlap", "1h")
    assert "policy allows keys to live at most 60 days" in rotated.assert_clean_failure()
    assert registry.verify(token, "read").ok and qkeys.key("ci")["rotating"] is False
    assert qkeys.ok("keys", "rotate", "ci", "--expires", "60d").out.strip()


@pytest.mark.parametrize(("args", "status", "expected"), [
    ([], 2, "nothing to change"),
    (["--max-lifetime", "forever"], 1, "Unknown maximum lifetime 'forever'"),
    (["--allow-never", "maybe"], 2, "invalid choice"),
])
def test_policy_set_refusals(qkeys: Qkeys, args: list[str], status: int, expected: str) -> None:
    refused = qkeys("policy", "set", *args)
    assert refused.status == status and refused.out == "" and expected in refused.err
    assert qkeys.json("policy", "show")["max_lifetime_days"] is None


# -- who did it --------------------------------------------------------------------------------


def test_events_say_who_and_through_what(qkeys: Qkeys, registry: Store) -> None:
    qkeys.create("ci")
    registry.create_key("from python", ["read"], None)
    table = qkeys.ok("events").out.splitlines()
    assert table[0].split()[:4] == ["TIME", "EVENT", "WHO", "KEY"]
    assert f"{current_actor()} (api)" in table[1] and f"{current_actor()} (cli)" in table[2]
    events = qkeys.json("events")
    assert [(e["actor"], e["surface"]) for e in events] == [
        (current_actor(), "api"), (current_actor(), "cli")]
    history = qkeys.key("ci")["history"]
    assert [(e["kind"], e["surface"]) for e in history] == [("key.created", "cli")]


def test_expiring_suggests_a_rotation_with_overlap(qkeys: Qkeys) -> None:
    qkeys.create("soon", "--expires", "7d")
    found = qkeys("keys", "expiring", "--within", "2w")
    assert found.status == 1
    assert "qkeys keys rotate KEY --overlap 24h" in found.err


def test_help_covers_the_new_commands(qkeys: Qkeys, capsys: pytest.CaptureFixture[str]) -> None:
    for args, words in (
        (["keys"], ["edit", "disable", "enable", "rotate"]),
        (["keys", "edit"], ["--description", "--all-projects", "--expires"]),
        (["keys", "rotate"], ["--overlap", "24h", "--to", "keychain"]),
        (["keys", "create"], ["--description"]),
        (["policy", "set"], ["--max-lifetime", "--allow-never"]),
    ):
        with pytest.raises(SystemExit) as done:
            cli.main([*args, "--help"])
        assert done.value.code == 0
        out = capsys.readouterr().out
        assert all(word in out for word in words), (args, out)


# -- what apps see: real processes -------------------------------------------------------------


def test_verify_says_when_a_revoked_or_rotated_key_stopped(store_target: str) -> None:
    """As an app runs it: a child process per check, on the test's engine."""
    created = run_qkeys(store_target, "keys", "create", "--name", "ci", "--permissions", "read")
    assert created.status == 0, created.err
    old = created.out.strip()
    rotated = run_qkeys(store_target, "keys", "rotate", "ci", "--overlap", "1h")
    assert rotated.status == 0 and "keeps working until" in rotated.err, rotated.err
    new = rotated.out.strip()
    assert run_qkeys(store_target, "verify", "--action", "read", stdin=old).status == 0
    newest = run_qkeys(store_target, "keys", "rotate", "ci").out.strip()

    stopped = run_qkeys(store_target, "verify", "--action", "read", stdin=new)
    line = stopped.assert_clean_failure()
    assert re.fullmatch(f"qkeys: rejected: rotated on {STOPPED}", line), line

    run_qkeys(store_target, "keys", "delete", "ci", "--yes")
    revoked = run_qkeys(store_target, "verify", "--action", "read", stdin=newest)
    line = revoked.assert_clean_failure()
    assert re.fullmatch(f"qkeys: rejected: revoked on {STOPPED}", line), line

    disabled = run_qkeys(store_target, "keys", "create", "--name", "p", "--permissions", "read")
    assert run_qkeys(store_target, "keys", "disable", "p").status == 0
    paused = run_qkeys(store_target, "verify", "--action", "read", stdin=disabled.out.strip())
    assert paused.assert_clean_failure() == "qkeys: rejected: disabled"
