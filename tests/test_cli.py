"""The ``qkeys`` command line, end to end, as a person or a script would run it: subprocesses."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from qkeys_cli import TIMEOUT, child_env, run_qkeys

from qkeys_desktop.core.tokens import TOKEN_PATTERN, parse_token


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The test's isolated HOME and XDG dirs (conftest), no keychain, no QKEYS_DB."""
    return child_env({"HOME": str(tmp_path / "home")})


class Qkeys:
    """Runs ``python -m qkeys_desktop --db PATH ...`` (:func:`qkeys_cli.run_qkeys`) and returns
    the finished process, decoded."""

    def __init__(self, db: Path, env: dict[str, str]) -> None:
        self.db = db
        self.env = env

    def __call__(
        self, *args: str, stdin: str | bytes | None = None, db: bool = True
    ) -> subprocess.CompletedProcess[str]:
        finished = run_qkeys(self.db if db else None, *args,
                             stdin=b"" if stdin is None else stdin, env=self.env)
        return subprocess.CompletedProcess(list(args), finished.status, finished.out,
                                           finished.err)

    def ok(self, *args: str, stdin: str | bytes | None = None) -> subprocess.CompletedProcess[str]:
        finished = self(*args, stdin=stdin)
        assert finished.returncode == 0, finished.stderr
        return finished

    def verify(self, token: str, *args: str) -> subprocess.CompletedProcess[str]:
        return self("verify", *args, stdin=token + "\n")


@pytest.fixture
def qkeys(tmp_path: Path, env: dict[str, str]) -> Qkeys:
    return Qkeys(tmp_path / "cli" / "keys.db", env)


def database_bytes(db: Path) -> dict[str, bytes]:
    files = (db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal"))
    return {path.name: path.read_bytes() for path in files if path.exists()}


def assert_one_line_error(finished: subprocess.CompletedProcess[str], status: int = 1) -> str:
    assert finished.returncode == status, (finished.stdout, finished.stderr)
    assert finished.stdout == ""
    assert "Traceback" not in finished.stderr
    lines = finished.stderr.strip().splitlines()
    assert len(lines) == 1, finished.stderr
    assert lines[0].startswith("qkeys: ")
    return lines[0]


# -- the "Done when" scenario ------------------------------------------------------------------


def test_done_when_scenario(qkeys: Qkeys) -> None:
    qkeys.ok("projects", "add", "Weather station")
    qkeys.ok("projects", "add", "Greenhouse")
    created = qkeys.ok(
        "keys",
        "create",
        "--name",
        "station uploader",
        "--permissions",
        "read,write",
        "--project",
        "Weather station",
    )
    token = created.stdout.strip()
    assert created.stdout == token + "\n"
    parse_token(token)
    assert "will not be shown again" in created.stderr

    valid = qkeys.verify(token, "--action", "read", "--project", "Weather station")
    assert valid.returncode == 0, valid.stderr
    assert valid.stdout == ""

    forbidden = qkeys.verify(token, "--action", "delete", "--project", "Weather station")
    assert forbidden.returncode == 1
    assert "action not permitted" in forbidden.stderr

    elsewhere = qkeys.verify(token, "--action", "read", "--project", "Greenhouse")
    assert elsewhere.returncode == 1
    assert "out of scope" in elsewhere.stderr

    qkeys.ok("keys", "delete", "station uploader", "--yes")

    revoked = qkeys.verify(token, "--action", "read", "--project", "Weather station")
    assert revoked.returncode == 1
    assert "rejected: revoked" in revoked.stderr  # not "unknown key": its tombstone says so

    secret = parse_token(token).secret.encode()
    for name, content in database_bytes(qkeys.db).items():
        assert token.encode() not in content, name
        assert secret not in content, name


def test_database_files_hold_no_token_secret_or_deleted_hash(qkeys: Qkeys) -> None:
    qkeys.ok("projects", "add", "P")
    kept = qkeys.ok("keys", "create", "--name", "kept", "--permissions", "read").stdout.strip()
    doomed = qkeys.ok(
        "keys", "create", "--name", "doomed", "--permissions", "read,write", "--project", "P"
    ).stdout.strip()
    assert qkeys.verify(doomed, "--action", "read", "--project", "P").returncode == 0
    connection = sqlite3.connect(qkeys.db)
    (doomed_hash,) = connection.execute(
        "SELECT secret_hash FROM api_key WHERE name = 'doomed'"
    ).fetchone()
    connection.close()
    rotated = qkeys.ok("keys", "regenerate", "kept").stdout.strip()
    qkeys.ok("keys", "delete", "doomed", "--yes")

    files = database_bytes(qkeys.db)
    assert qkeys.db.name in files
    for token in (kept, doomed, rotated):
        secret = parse_token(token).secret
        for name, content in files.items():
            assert token.encode() not in content, name
            assert secret.encode() not in content, name
            assert secret[:22].encode() not in content, name
    for name, content in files.items():
        assert doomed_hash.split("$")[-1].encode() not in content, name


# -- output ------------------------------------------------------------------------------------


def test_create_json_includes_the_token_once(qkeys: Qkeys) -> None:
    qkeys.ok("projects", "add", "P")
    out = qkeys.ok(
        "keys",
        "create",
        "--name",
        "json key",
        "--permissions",
        "read,invite",
        "--project",
        "P",
        "--expires",
        "7d",
        "--json",
    ).stdout
    payload = json.loads(out)
    parse_token(payload["token"])
    assert payload["token"].startswith(payload["key_id"] + "_")
    assert payload["name"] == "json key"
    assert payload["permissions"] == ["read", "invite"]
    assert payload["projects"] == ["P"]
    assert payload["status"] == "expiring"
    assert payload["expires_at"].endswith("Z")
    assert out.count(payload["token"]) == 1


def test_regenerate_json_includes_the_new_token(qkeys: Qkeys) -> None:
    old = qkeys.ok("keys", "create", "--name", "r", "--permissions", "read").stdout.strip()
    payload = json.loads(qkeys.ok("keys", "regenerate", "r", "--json").stdout)
    assert payload["token"] != old
    assert payload["name"] == "r"
    assert qkeys.verify(payload["token"], "--action", "read").returncode == 0
    assert qkeys.verify(old, "--action", "read").returncode == 1


def test_regenerate_prints_only_the_token_on_stdout(qkeys: Qkeys) -> None:
    qkeys.ok("keys", "create", "--name", "r", "--permissions", "read")
    out = qkeys.ok("keys", "regenerate", "r").stdout
    parse_token(out.strip())
    assert out == out.strip() + "\n"


def test_list_json_never_includes_a_token(qkeys: Qkeys) -> None:
    token = qkeys.ok(
        "keys", "create", "--name", "listed", "--permissions", "write", "--expires", "never"
    ).stdout.strip()
    out = qkeys.ok("keys", "list", "--json").stdout
    (entry,) = json.loads(out)
    assert "token" not in entry
    assert token not in out and parse_token(token).secret not in out
    assert entry == {
        "key_id": parse_token(token).key_id,
        "name": "listed",
        "permissions": ["write"],
        "projects": None,
        "expires_at": None,
        "description": "",
        "created_at": entry["created_at"],
        "created_by": entry["created_by"],
        "last_used_at": None,
        "status": "active",
        "disabled": False,
        "disabled_at": None,
        "rotating": False,
        "previous_key_id": None,
        "previous_until": None,
        "in_keychain": False,
        "policy_violation": None,
        "last_used_by": None,
        "uses_30d": 0,
        "unused_90d": False,
        "uses_limit": None,
        "uses_remaining": None,
        "uses_refill": None,
        "rate_limit": None,
    }
    assert "@" in entry["created_by"]


def test_list_table_shows_key_ids_not_tokens(qkeys: Qkeys) -> None:
    token = qkeys.ok("keys", "create", "--name", "tabled", "--permissions", "read").stdout.strip()
    out = qkeys.ok("keys", "list").stdout
    assert "KEY ID" in out and "tabled" in out and parse_token(token).key_id in out
    assert parse_token(token).secret not in out


def test_empty_list_explains_how_to_create(qkeys: Qkeys) -> None:
    finished = qkeys.ok("keys", "list")
    assert finished.stdout == ""
    assert "keys create" in finished.stderr


def test_create_defaults_to_30_days(qkeys: Qkeys) -> None:
    from datetime import UTC, datetime, timedelta

    payload = json.loads(
        qkeys.ok("keys", "create", "--name", "d", "--permissions", "read", "--json").stdout
    )
    expires = datetime.fromisoformat(payload["expires_at"].replace("Z", "+00:00"))
    assert abs(expires - (datetime.now(UTC) + timedelta(days=30))) < timedelta(minutes=5)


def test_projects_list_json(qkeys: Qkeys) -> None:
    qkeys.ok("projects", "add", "beta")
    qkeys.ok("projects", "add", "Alpha")
    qkeys.ok("keys", "create", "--name", "k", "--permissions", "read", "--project", "beta")
    payload = json.loads(qkeys.ok("projects", "list", "--json").stdout)
    assert [(p["name"], p["keys"]) for p in payload] == [("Alpha", 0), ("beta", 1)]
    assert all(p["created_at"].endswith("Z") for p in payload)


def test_projects_rename_and_forced_remove(qkeys: Qkeys) -> None:
    qkeys.ok("projects", "add", "Old")
    qkeys.ok("projects", "add", "Keep")
    narrowed = qkeys.ok(
        "keys",
        "create",
        "--name",
        "two",
        "--permissions",
        "read",
        "--project",
        "Old",
        "--project",
        "Keep",
    ).stdout.strip()
    only = qkeys.ok(
        "keys", "create", "--name", "one", "--permissions", "read", "--project", "Old"
    ).stdout.strip()
    qkeys.ok("projects", "rename", "Old", "New")
    assert qkeys.verify(only, "--action", "read", "--project", "New").returncode == 0

    refused = qkeys("projects", "remove", "New")
    assert "--force" in assert_one_line_error(refused)
    removed = qkeys.ok("projects", "remove", "New", "--force")
    assert "two" in removed.stderr and "one" in removed.stderr
    assert qkeys.verify(only, "--action", "read", "--project", "Keep").returncode == 1
    assert qkeys.verify(narrowed, "--action", "read", "--project", "Keep").returncode == 0
    assert qkeys.verify(narrowed, "--action", "read", "--project", "Other").returncode == 1


def test_events_table_and_json(qkeys: Qkeys) -> None:
    qkeys.ok("projects", "add", "P")
    token = qkeys.ok("keys", "create", "--name", "e", "--permissions", "read").stdout.strip()
    qkeys.ok("keys", "delete", "e", "--yes")
    table = qkeys.ok("events").stdout
    assert "key.deleted" in table and "key.created" in table and "project.added" in table
    events = json.loads(qkeys.ok("events", "--json").stdout)
    assert [e["kind"] for e in events] == ["key.deleted", "key.created", "project.added"]
    assert events[0]["key_id"] == parse_token(token).key_id
    assert token not in table + json.dumps(events)
    assert parse_token(token).secret not in table + json.dumps(events)


def test_help(qkeys: Qkeys) -> None:
    finished = qkeys("--help", db=False)
    assert finished.returncode == 0
    for command in ("projects", "keys", "verify", "events", "--db"):
        assert command in finished.stdout
    create_help = qkeys("keys", "create", "--help", db=False)
    assert create_help.returncode == 0
    assert "--permissions" in create_help.stdout and "never" in create_help.stdout


def test_version(qkeys: Qkeys) -> None:
    from qkeys_desktop import __version__

    assert qkeys("--version", db=False).stdout.strip() == f"qkeys {__version__}"


def test_default_database_is_in_the_user_data_directory(qkeys: Qkeys, tmp_path: Path) -> None:
    qkeys.env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    assert qkeys("projects", "add", "here", db=False).returncode == 0
    assert (tmp_path / "xdg" / "qkeys" / "keys.db").is_file()


def test_qkeys_db_environment_variable(qkeys: Qkeys, tmp_path: Path) -> None:
    qkeys.env["QKEYS_DB"] = str(tmp_path / "from-env.db")
    assert qkeys("projects", "add", "env", db=False).returncode == 0
    assert (tmp_path / "from-env.db").is_file()


# -- verify reads stdin only -------------------------------------------------------------------


@pytest.fixture
def token(qkeys: Qkeys) -> str:
    return qkeys.ok("keys", "create", "--name", "v", "--permissions", "read").stdout.strip()


@pytest.mark.parametrize("suffix", ["", "\n", "\r\n"], ids=["bare", "lf", "crlf"])
def test_verify_strips_one_trailing_newline(qkeys: Qkeys, token: str, suffix: str) -> None:
    finished = qkeys("verify", "--action", "read", stdin=token + suffix)
    assert finished.returncode == 0, finished.stderr


@pytest.mark.parametrize("wrapped", ["{}\n\n", " {}", "{} ", "\n{}"])
def test_verify_strips_nothing_else(qkeys: Qkeys, token: str, wrapped: str) -> None:
    finished = qkeys("verify", "--action", "read", stdin=wrapped.format(token))
    assert finished.returncode == 1
    assert "malformed" in finished.stderr


def test_verify_without_action_is_a_usage_error(qkeys: Qkeys, token: str) -> None:
    assert qkeys("verify", stdin=token).returncode == 2


def test_verify_with_unknown_action_is_a_usage_error(qkeys: Qkeys, token: str) -> None:
    assert qkeys("verify", "--action", "admin", stdin=token).returncode == 2


@pytest.mark.parametrize("stdin", ["", "\n"], ids=["empty", "newline"])
def test_verify_with_empty_stdin_is_a_usage_error(qkeys: Qkeys, stdin: str) -> None:
    finished = qkeys("verify", "--action", "read", stdin=stdin)
    assert "stdin" in assert_one_line_error(finished, status=2)


def test_verify_does_not_take_the_token_from_argv(qkeys: Qkeys, token: str) -> None:
    finished = qkeys("verify", "--action", "read", token, stdin="")
    assert finished.returncode == 2


def test_verify_rejects_non_utf8_and_oversized_input(qkeys: Qkeys) -> None:
    assert qkeys("verify", "--action", "read", stdin=b"\xff\xfe" * 33).returncode == 1
    oversized = qkeys("verify", "--action", "read", stdin=b"A" * 100_000)
    assert oversized.returncode == 1
    assert "malformed" in oversized.stderr


def test_verify_bad_checksum_exit_1(qkeys: Qkeys, token: str) -> None:
    typo = token[:-1] + ("x" if token[-1] != "x" else "y")
    finished = qkeys("verify", "--action", "read", stdin=typo)
    assert finished.returncode == 1
    assert "bad checksum" in assert_one_line_error(finished)


# -- delete confirmation -----------------------------------------------------------------------


def test_delete_without_yes_refuses_when_stdin_is_not_a_terminal(qkeys: Qkeys, token: str) -> None:
    before = qkeys.ok("keys", "list", "--json").stdout
    finished = qkeys("keys", "delete", "v", stdin="y\n")
    assert "--yes" in assert_one_line_error(finished, status=2)
    assert qkeys.ok("keys", "list", "--json").stdout == before
    assert qkeys.verify(token, "--action", "read").returncode == 0


def test_delete_by_key_id(qkeys: Qkeys, token: str) -> None:
    qkeys.ok("keys", "delete", parse_token(token).key_id, "--yes")
    assert json.loads(qkeys.ok("keys", "list", "--json").stdout) == []


# -- errors are one line -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--project", "Nowhere"], "Nowhere"),
        (["--expires", "tomorrow"], "expiration"),
        (["--expires", "2001-01-01"], "past"),
        (["--expires", "2027-02-30"], "not a real date"),
        (["--expires", "20y"], "expiration"),
        (["--permissions", "read,admin"], "admin"),
        (["--permissions", ","], "at least one permission"),
        (["--name", "   "], "name"),
        (["--name", "x" * 65], "64"),
        (["--name", "right\u202eleft"], "direction"),
    ],
    ids=lambda value: value if isinstance(value, str) else " ".join(value)[:20],
)
def test_create_errors_are_one_line_without_traceback(
    qkeys: Qkeys, args: list[str], expected: str
) -> None:
    options = {"--name": "fine", "--permissions": "read"}
    options.update(zip(args[::2], args[1::2], strict=True))
    line = assert_one_line_error(
        qkeys("keys", "create", *(item for pair in options.items() for item in pair))
    )
    assert expected in line
    assert json.loads(qkeys.ok("keys", "list", "--json").stdout) == []


def test_duplicate_name_is_one_line(qkeys: Qkeys) -> None:
    qkeys.ok("keys", "create", "--name", "Twin", "--permissions", "read")
    line = assert_one_line_error(qkeys("keys", "create", "--name", "twin", "--permissions", "read"))
    assert "already exists" in line


def test_duplicate_project_is_one_line(qkeys: Qkeys) -> None:
    qkeys.ok("projects", "add", "Same")
    assert "already exists" in assert_one_line_error(qkeys("projects", "add", "SAME"))


@pytest.mark.parametrize(
    "args",
    [
        ["keys", "delete", "ghost", "--yes"],
        ["keys", "regenerate", "ghost"],
        ["projects", "rename", "ghost", "spirit"],
        ["projects", "remove", "ghost"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_not_found_is_one_line(qkeys: Qkeys, args: list[str]) -> None:
    assert "ghost" in assert_one_line_error(qkeys(*args))


def test_unusable_database_path_is_one_line(qkeys: Qkeys, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not sqlite at all " * 300)
    qkeys.db = garbage
    line = assert_one_line_error(qkeys("keys", "list"))
    assert str(garbage) in line
    assert garbage.read_bytes() == b"not sqlite at all " * 300


def test_directory_as_database_is_one_line(qkeys: Qkeys, tmp_path: Path) -> None:
    folder = tmp_path / "a folder"
    folder.mkdir(mode=0o755)
    qkeys.db = folder
    assert str(folder) in assert_one_line_error(qkeys("projects", "list"))
    assert folder.stat().st_mode & 0o777 == 0o755


def test_verify_on_a_broken_database_is_unavailable_exit_3(
    qkeys: Qkeys, token: str, tmp_path: Path
) -> None:
    """An outage is not a bad key: exit 3, so a caller can retry or alert instead of refusing."""
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"\x00garbage" * 512)
    qkeys.db = garbage
    finished = qkeys("verify", "--action", "read", stdin=token)
    assert str(garbage) in assert_one_line_error(finished, status=3)


# -- no Qt on the command-line paths -----------------------------------------------------------


def test_cli_never_imports_pyside6(qkeys: Qkeys, token: str) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from qkeys_desktop.cli import main
        db = {str(qkeys.db)!r}
        statuses = [
            main(["--db", db, "projects", "add", "P"]),
            main(["--db", db, "projects", "list", "--json"]),
            main(["--db", db, "keys", "create", "--name", "n", "--permissions", "read"]),
            main(["--db", db, "keys", "list"]),
            main(["--db", db, "keys", "regenerate", "n"]),
            main(["--db", db, "keys", "delete", "n", "--yes"]),
            main(["--db", db, "events"]),
            main(["--db", db, "verify", "--action", "read"]),
        ]
        print("STATUSES", statuses, file=sys.stderr)
        print("QT", sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6"))),
              file=sys.stderr)
        """
    )
    finished = subprocess.run(
        [sys.executable, "-c", script],
        input=token.encode(),
        capture_output=True,
        env=qkeys.env,
        timeout=TIMEOUT,
        check=False,
    )
    stderr = finished.stderr.decode()
    assert finished.returncode == 0, stderr
    assert "STATUSES [0, 0, 0, 0, 0, 0, 0, 0]" in stderr
    assert "QT []" in stderr


def test_python_m_verify_imports_no_qt(qkeys: Qkeys, token: str) -> None:
    finished = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "qkeys_desktop",
            "--db",
            str(qkeys.db),
            "verify",
            "--action",
            "read",
        ],
        input=token.encode(),
        capture_output=True,
        env=qkeys.env,
        timeout=TIMEOUT,
        check=False,
    )
    stderr = finished.stderr.decode()
    assert finished.returncode == 0, stderr
    assert "qkeys_desktop.core.verification" in stderr  # importtime really reported
    assert "PySide6" not in stderr and "shiboken6" not in stderr


def test_token_output_matches_the_published_regex(qkeys: Qkeys) -> None:
    import re

    out = qkeys.ok("keys", "create", "--name", "scan me", "--permissions", "read").stdout
    assert re.findall(TOKEN_PATTERN, out) == [out.strip()]


def test_verify_never_creates_a_registry_at_a_mistyped_path(
    qkeys: Qkeys, token: str, tmp_path: Path
) -> None:
    typo = tmp_path / "nowhere" / "kyes.db"
    qkeys.env["QKEYS_DB"] = str(typo)
    finished = qkeys("verify", "--action", "read", stdin=token, db=False)
    assert "no registry at" in assert_one_line_error(finished, status=3)
    assert not typo.parent.exists()


# -- keys expiring: for cron and monitoring ----------------------------------------------------


def test_keys_expiring_lists_soon_and_expired_keys_and_exits_1(qkeys: Qkeys) -> None:
    from datetime import UTC, datetime, timedelta

    from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
    from qkeys_desktop.core.store import Store

    now = datetime.now(UTC)
    hasher = SecretHasher(FAST_TEST_PARAMS)
    store = Store.open(str(qkeys.db), hasher=hasher)
    store.create_key("soon", ["read"], now + timedelta(days=3))
    store.create_key("later", ["read"], now + timedelta(days=30))
    store.create_key("never", ["read"], None)
    past = Store.open(str(qkeys.db), hasher=hasher, clock=lambda: now - timedelta(days=10))
    past.create_key("gone", ["read"], now - timedelta(days=1))

    found = qkeys("keys", "expiring")
    assert found.returncode == 1, found.stderr
    assert [line.split()[1] for line in found.stdout.splitlines()[1:]] == ["gone", "soon"]
    assert "2 keys expire within 7d (1 already expired)" in found.stderr

    wide = qkeys("keys", "expiring", "--within", "5w", "--json")
    assert wide.returncode == 1
    assert [k["name"] for k in json.loads(wide.stdout)] == ["gone", "soon", "later"]


def test_keys_expiring_with_none_exits_0(qkeys: Qkeys) -> None:
    qkeys.ok("keys", "create", "--name", "forever", "--permissions", "read", "--expires", "never")
    quiet = qkeys("keys", "expiring", "--within", "24h", "--json")
    assert quiet.returncode == 0, quiet.stderr
    assert json.loads(quiet.stdout) == []
    assert "No key expires within 24h." in quiet.stderr


@pytest.mark.parametrize("span", ["7", "0d", "-1d", "7y", "seven days", ""])
def test_keys_expiring_refuses_a_bad_span(qkeys: Qkeys, span: str) -> None:
    qkeys.ok("keys", "list")
    line = assert_one_line_error(qkeys("keys", "expiring", f"--within={span}"))
    assert line.startswith("qkeys: within: ") and "24h, 7d or 2w" in line


# -- a key's details and history -----------------------------------------------------------------


def test_keys_show_gives_details_and_history_never_the_secret(qkeys: Qkeys) -> None:
    qkeys.ok("projects", "add", "Backend")
    token = qkeys.ok("keys", "create", "--name", "deploy", "--permissions", "read,write",
                     "--project", "Backend").stdout.strip()
    assert qkeys.verify(token, "--action", "read", "--project", "Backend").returncode == 0
    key_id = token[:15]
    shown = qkeys.ok("keys", "show", "deploy")
    assert f"Key ID:      {key_id}" in shown.stdout
    assert "Scope:       Backend" in shown.stdout and "Permissions: read, write" in shown.stdout
    assert "Last used:   never" not in shown.stdout  # the verify above was recorded
    assert "key.created" in shown.stdout
    details = json.loads(qkeys.ok("keys", "show", key_id, "--json").stdout)
    assert details["name"] == "deploy" and details["projects"] == ["Backend"]
    assert [e["kind"] for e in details["history"]] == ["key.created"]
    assert token[16:] not in shown.stdout + json.dumps(details)


def test_keys_show_of_an_unknown_key_is_one_line(qkeys: Qkeys) -> None:
    qkeys.ok("keys", "list")
    assert "No key with id or name 'nope'" in assert_one_line_error(qkeys("keys", "show", "nope"))


def test_events_for_one_key_and_the_newest_n(qkeys: Qkeys) -> None:
    first = qkeys.ok("keys", "create", "--name", "one", "--permissions", "read").stdout[:15]
    qkeys.ok("keys", "create", "--name", "two", "--permissions", "read")
    qkeys.ok("keys", "delete", "one", "--yes")
    history = json.loads(qkeys.ok("events", "--key", first, "--json").stdout)
    assert [(e["kind"], e["key_id"]) for e in history] == [
        ("key.deleted", first), ("key.created", first)]  # a deleted key's history stays
    newest = json.loads(qkeys.ok("events", "--limit", "1", "--json").stdout)
    assert [e["kind"] for e in newest] == ["key.deleted"]
    refused = qkeys("events", "--limit", "0")
    assert refused.returncode == 2 and "at least 1" in refused.stderr


def test_list_shows_expiry_last_use_and_creation_at_a_glance(qkeys: Qkeys) -> None:
    from datetime import date
    from itertools import pairwise

    today = date.today()  # before the keys are made: a run across midnight sees either day
    days = {today.isoformat(), (today + timedelta(days=1)).isoformat()}
    token = qkeys.ok("keys", "create", "-n", "used", "--permissions", "read",
                     "--expires", "90d").stdout.strip()
    assert qkeys.verify(token, "--action", "read").returncode == 0
    soon = (today + timedelta(days=3)).isoformat()
    qkeys.ok("keys", "create", "-n", "soon", "--permissions", "read", "--expires", soon)
    header, *lines = qkeys.ok("keys", "list").stdout.splitlines()
    assert header.split("  ")[:1] == ["KEY ID"]
    columns = [c.strip() for c in re.split(r"\s{2,}", header)]
    assert columns[4:7] == ["EXPIRES", "LAST USED", "CREATED"]
    starts = [header.index(c) for c in columns] + [None]
    rows = {line[starts[1]:starts[2]].strip(): [line[a:b].strip() for a, b in pairwise(starts)]
            for line in lines}
    expires, last_used, created = rows["used"][4:7]
    assert (today + timedelta(days=90)).isoformat() <= expires <= (
        today + timedelta(days=91)).isoformat()
    assert last_used == "just now" and created in days
    assert re.fullmatch(r"in (\d+h|[23]d)", rows["soon"][4]), rows["soon"]
    assert rows["soon"][5] == "never" and rows["soon"][6] in days
    assert max(len(line) for line in lines) < 100


@pytest.mark.parametrize(("ago", "expected"), [
    (None, "never"), (timedelta(seconds=5), "just now"), (timedelta(minutes=5), "5 min ago"),
    (timedelta(hours=1, minutes=5), "1 hour ago"), (timedelta(hours=23), "23 hours ago"),
    (timedelta(days=1, hours=2), "yesterday"), (timedelta(days=6), "6 days ago"),
    (timedelta(days=8), "2026-11-23"),
])
def test_last_use_reads_like_the_window(ago: timedelta | None, expected: str) -> None:
    from qkeys_desktop.cli.keys import describe_ago

    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    moment = None if ago is None else now - ago
    assert describe_ago(moment, now) == expected


@pytest.mark.parametrize(("left", "expected"), [
    (None, "never"), (timedelta(minutes=90), "in 2h"), (timedelta(days=3), "in 3d"),
    (timedelta(days=30), "2026-12-31"), (-timedelta(days=2), "2026-11-29"),
])
def test_expiry_reads_like_the_window(left: timedelta | None, expected: str) -> None:
    from qkeys_desktop.cli.keys import describe_due

    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    assert describe_due(None if left is None else now + left, now) == expected
