"""The entry point's short cuts: ``qkeys [--db X]`` and ``qkeys [--db X] verify ARGS`` skip the
full parser (and verify's plain arguments skip argparse), yet mean exactly what the full parser
makes of them; a verify that ends its process at once still writes and closes everything."""

from __future__ import annotations

import argparse
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from qkeys_cli import run_qkeys

from qkeys_desktop.__main__ import split_fast_path
from qkeys_desktop.cli import build_parser as full_parser
from qkeys_desktop.cli import verify
from qkeys_desktop.core.store import Store

#: verify argument lists: plain ones, and every way of leaving the plain path
VERIFY_ARGS = [
    ["--action", "read"],
    ["--action=READ"],
    ["--action", " Write ", "--project", "Weather station", "--client", "ci runner"],
    ["--client=a=b", "--action", "delete", "--project="],
    ["--action", "read", "--action", "invite"],
    ["--project", "P", "--action", "create"],
    [],
    ["--help"],
    ["-h"],
    ["--act", "read"],
    ["--action", "admin"],
    ["--action"],
    ["--action", "read", "--project"],
    ["--action", "read", "--client", "-x"],
    ["--action", "read", "--client=-x"],
    ["--action", "read", "qk_notatoken"],
    ["--action", "read", "--", "--project", "P"],
    ["--db", "x.db", "--action", "read"],
    ["--action", "read", "-x"],
]
PLAIN = VERIFY_ARGS[:6]


def full_parse(argv: list[str]) -> argparse.Namespace | int:
    """What the full parser makes of ``argv``: a namespace, or the status it exits with."""
    try:
        return full_parser().parse_args(argv)
    except SystemExit as exiting:
        return int(exiting.code or 0)


@pytest.mark.parametrize("args", VERIFY_ARGS, ids=" ".join)
def test_plain_verify_arguments_read_as_the_full_parser_reads_them(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    plain = verify.parse_plain(args, "keys.db")
    assert (plain is not None) == (args in PLAIN)
    if plain is not None:
        assert plain == full_parse(["--db", "keys.db", "verify", *args])


def test_what_is_not_plain_is_the_full_parsers_to_explain() -> None:
    token = "qk_" + "A" * 12 + "_" + "B" * 50
    finished = run_qkeys("keys.db", "verify", "--action", "read", token)
    assert finished.status == 2
    assert "unrecognized arguments" in finished.err and token not in finished.err
    helped = run_qkeys(None, "verify", "--help")
    assert helped.status == 0 and helped.out.startswith("usage: qkeys verify")
    assert all(word in helped.out for word in ("--action", "--project", "--client LABEL"))


@pytest.mark.parametrize(("argv", "routed"), [
    ([], (None, None)),
    (["--db", "a.db"], ("a.db", None)),
    (["--db=a.db", "--db", "b.db"], ("b.db", None)),
    (["--db="], ("", None)),
    (["verify", "--action", "read"], (None, ["--action", "read"])),
    (["--db", "verify", "verify", "--help"], ("verify", ["--help"])),
    (["--db", "a.db", "verify"], ("a.db", [])),
    (["--db"], None),
    (["--db", "-x", "verify"], None),
    (["--d", "a.db", "verify"], None),
    (["--version"], None),
    (["--db", "a.db", "--version", "verify"], None),
    (["keys", "list"], None),
    (["--help"], None),
    (["--", "verify"], None),
])
def test_the_entry_point_routes_only_what_the_full_parser_reads_alike(
    argv: list[str], routed: tuple[str | None, list[str] | None] | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert split_fast_path(argv) == routed
    if routed is None:
        return
    db, verify_args = routed
    if verify_args == ["--help"]:  # not plain: the full parser answers it (test above)
        return
    expected = full_parse([*argv, "--action", "read"] if verify_args == [] else argv)
    assert isinstance(expected, argparse.Namespace)
    assert (expected.db, expected.command) == (db, None if verify_args is None else "verify")


def test_a_verify_process_writes_its_use_and_closes_the_registry(
    db_path: Path, store: Store
) -> None:
    """The process ends without Python's shutdown: its use, usage count and a closed database
    (WAL checkpointed and removed, as the last connection's close does) must come first."""
    token = store.create_key("entry", ["read"], None).token
    store.close()
    finished = run_qkeys(db_path, "verify", "--action", "read", "--client", "ci", stdin=token)
    assert finished.status == 0, finished.err
    assert finished.err.startswith("valid: "), finished.err  # stderr flushed before the exit
    assert not Path(f"{db_path}-wal").exists()
    with closing(sqlite3.connect(db_path)) as db:
        used = db.execute("SELECT last_used_at, last_used_by FROM api_key").fetchone()
        counted = db.execute("SELECT outcome, client, count FROM key_usage").fetchall()
    assert used[0] is not None and used[1] == "ci"
    assert counted == [("valid", "ci", 1)]


def test_verify_called_as_a_function_returns(
    db_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Only the process's own command line ends the process: a caller gets the status back."""
    from io import BytesIO, TextIOWrapper

    from qkeys_desktop.__main__ import main

    token = store.create_key("caller", ["read"], None).token
    monkeypatch.setattr("sys.stdin", TextIOWrapper(BytesIO(token.encode())))
    assert main(["--db", str(db_path), "verify", "--action", "read"]) == 0
    assert "valid: " in capsys.readouterr().err
