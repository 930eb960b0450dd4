"""The command line explains itself, as gh or keepassxc-cli do: help on every option, verify's
exit statuses, the environment it reads, a group's help when its action is missing; global
options before or after the command, and short flags for the common options."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from qkeys_cli import EXIT_USAGE, run_qkeys

from qkeys_desktop.__main__ import split_fast_path
from qkeys_desktop.cli import build_parser, main
from qkeys_desktop.cli.completion import subcommands, walk
from qkeys_desktop.core.store import Store

PACKAGE = Path(__file__).resolve().parent.parent / "qkeys_desktop"
#: the parameter named ``environ`` there is a WSGI request's, not the process environment
WSGI_MODULES = ("http",)


def help_of(*argv: str, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exiting:
        build_parser().parse_args([*argv, "--help"])
    assert exiting.value.code == 0
    return capsys.readouterr().out


# -- help text ---------------------------------------------------------------------------------


def test_every_option_argument_and_command_of_every_parser_has_help() -> None:
    missing = []
    for path, parser in walk(build_parser()):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                helps = {c.dest: c.help for c in action._choices_actions}
                missing += [f"{' '.join(path)} {name}" for name in action.choices
                            if not (helps.get(name) or "").strip()]
            elif not (action.help or "").strip() or action.help == argparse.SUPPRESS:
                name = "/".join(action.option_strings) or action.dest
                missing.append(f"qkeys {' '.join(path)} {name}")
    assert missing == []


def test_the_walk_reaches_every_subcommand() -> None:
    paths = {" ".join(path) for path, _ in walk(build_parser())}
    assert {"keys create", "keys delete", "projects rename", "policy set", "verify",
            "desktop-entry install", "completion"} <= paths
    assert len(paths) >= 30


def test_verify_help_says_stdin_and_lists_the_exit_statuses(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = help_of("verify", capsys=capsys)
    assert "read from stdin" in text and "never from the command line" in text
    statuses = dict(re.findall(r"^ {2}([0-3]) {2}(\w+(?: \w+)?)", text, re.MULTILINE))
    assert statuses == {"0": "valid", "1": "rejected", "2": "usage",
                        "3": "registry unavailable"}


def environment_variables_read() -> set[str]:
    """Every environment variable the package reads, found in its source: ``.get(NAME)`` on
    ``os.environ`` or a parameter standing for it, NAME a literal or a module constant."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).parts[0] in WSGI_MODULES:
            continue
        source = path.read_text()
        constants = dict(re.findall(r'^([A-Z_]+) = "([A-Z_]+)"$', source, re.MULTILINE))
        for name in re.findall(r'(?:environ|\benv)\)?\.get\(\s*("?[A-Za-z_]+"?)', source):
            found.add(name.strip('"') if name.startswith('"') else constants.get(name, name))
    from qkeys_desktop.core import paths

    return {paths.__dict__.get(name, name) for name in found}


def test_the_help_names_every_environment_variable_the_app_reads(
    capsys: pytest.CaptureFixture[str],
) -> None:
    variables = environment_variables_read()
    assert {"QKEYS_DB", "QKEYS_DATA_DIR", "XDG_DATA_HOME", "DISPLAY"} <= variables
    text = help_of(capsys=capsys)
    environment = text.split("\nenvironment:\n", 1)[1].split("\n\n", 1)[0]
    assert sorted(v for v in variables if v not in environment) == []
    assert "PYTHON_KEYRING_BACKEND" in environment  # keyring's, which --to keyring goes through


def test_the_help_has_examples_that_parse(capsys: pytest.CaptureFixture[str]) -> None:
    text = help_of(capsys=capsys)
    examples = text.split("\nexamples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(examples) >= 4
    import shlex

    for line in examples:
        command = shlex.split(line.split("|")[-1].split(">")[0])
        assert command[0] == "qkeys"
        assert isinstance(build_parser().parse_args(command[1:]), argparse.Namespace)


@pytest.mark.parametrize("group", ["keys", "projects", "policy", "desktop-entry"])
def test_a_group_without_its_action_prints_its_help(
    group: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([group]) == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""  # stdout carries data only
    assert err.startswith(f"usage: qkeys {group} ")
    for action in subcommands(subcommands(build_parser())[group]):
        assert re.search(rf"^ {{4}}{action}\b", err, re.MULTILINE), action


def test_a_group_without_its_action_from_the_entry_point() -> None:
    finished = run_qkeys(None, "keys")
    assert finished.status == EXIT_USAGE and finished.out == ""
    assert "rotate" in finished.err and "error:" not in finished.err


# -- global options before or after the command ------------------------------------------------


@pytest.mark.parametrize(("argv", "db"), [
    (["--db", "a.db", "keys", "list"], "a.db"),
    (["keys", "list", "--db", "b.db"], "b.db"),
    (["keys", "--db", "b.db", "list"], "b.db"),
    (["--db", "a.db", "keys", "list", "--db", "b.db"], "b.db"),  # the last one, as ever
    (["keys", "list"], None),
    (["verify", "--action", "read", "--db", "b.db"], "b.db"),
    (["--db", "a.db", "usage", "ci"], "a.db"),
    (["events", "--db=b.db"], "b.db"),
])
def test_db_before_or_after_the_command(argv: list[str], db: str | None) -> None:
    assert build_parser().parse_args(argv).db == db


def test_commands_without_a_registry_take_no_db_after_them() -> None:
    assert build_parser().parse_args(["--db", "a.db", "completion", "bash"]).db == "a.db"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["completion", "bash", "--db", "a.db"])


def test_a_verify_with_db_after_it_leaves_the_fast_path_for_the_full_parser(
    db_path: Path, store: Store
) -> None:
    from qkeys_desktop.cli import verify

    argv = ["verify", "--action", "read", "--db", str(db_path)]
    _, rest = split_fast_path(argv) or (None, None)
    assert rest is not None and verify.parse_plain(rest, None) is None
    token = store.create_key("after", ["read"], None).token
    store.close()
    finished = run_qkeys(None, *argv, stdin=token)
    assert finished.status == 0 and finished.err.startswith("valid: "), finished.err
    assert run_qkeys(None, "verify", "-p", "P", "--action", "read", "--db", str(db_path),
                     stdin=token).status == 0


def test_keys_list_with_db_after_the_command_reads_that_registry(tmp_path: Path) -> None:
    db = tmp_path / "team.db"
    created = run_qkeys(None, "keys", "create", "-n", "after-db", "--permissions", "read",
                        "--db", str(db))
    assert created.status == 0, created.err
    listed = run_qkeys(None, "keys", "list", "--db", str(db))
    assert listed.status == 0 and "after-db" in listed.out


# -- short flags -------------------------------------------------------------------------------


@pytest.mark.parametrize(("short", "long"), [
    (["keys", "create", "-n", "ci", "-p", "A", "-p", "B", "--permissions", "read", "-j"],
     ["keys", "create", "--name", "ci", "--project", "A", "--project", "B",
      "--permissions", "read", "--json"]),
    (["keys", "edit", "ci", "-n", "cd", "-p", "A"],
     ["keys", "edit", "ci", "--name", "cd", "--project", "A"]),
    (["keys", "delete", "ci", "-y"], ["keys", "delete", "ci", "--yes"]),
    (["scan", ".", "--revoke", "-y", "-j"], ["scan", ".", "--revoke", "--yes", "--json"]),
    (["verify", "--action", "read", "-p", "Shop"],
     ["verify", "--action", "read", "--project", "Shop"]),
    (["keys", "list", "-j"], ["keys", "list", "--json"]),
])
def test_short_flags_mean_their_long_options(short: list[str], long: list[str]) -> None:
    assert build_parser().parse_args(short) == build_parser().parse_args(long)
