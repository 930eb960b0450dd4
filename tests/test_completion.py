"""``qkeys completion bash|zsh|fish``: scripts generated from the parser that the shells accept
and that complete qkeys's commands, actions, options and choices. bash and fish are asked for
completions as a person pressing Tab would get them; zsh, whose completion system needs a
terminal, is checked for syntax and content. A missing shell skips locally and fails in CI
(.ci/run installs zsh and fish)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from system_parts import which_or_require

from qkeys_desktop.cli import build_parser, main
from qkeys_desktop.cli.completion import INSTALL, SHELLS, subcommands, walk

README = Path(__file__).resolve().parent.parent / "README.md"
TIMEOUT = 30


def completion_script(shell: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["completion", shell]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.fixture
def script_file(
    request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> Path:
    """The script for the test's ``shell`` parameter, in a file."""
    path = tmp_path / f"qkeys.{request.param}"
    path.write_text(completion_script(request.param, capsys))
    return path


def command_words() -> set[str]:
    """Every command and action name: qkeys's subcommands and theirs."""
    return {name for _, parser in walk(build_parser()) for name in subcommands(parser)}


def run(*command: str, cwd: Path | None = None) -> str:
    finished = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                              cwd=cwd, check=False)
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


# -- bash --------------------------------------------------------------------------------------


def bash_complete(script: Path, line: str, cwd: Path) -> list[str]:
    """What Tab offers after ``line`` in bash: the script's function run as bash's completion
    would run it (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT; then COMPREPLY)."""
    bash = which_or_require("bash", "bash")["bash"]
    function = re.search(r"^complete .*-F (\S+) qkeys$", script.read_text(), re.MULTILINE)
    assert function is not None
    words = line.split(" ")
    program = f"""
source {script}
COMP_WORDS=({' '.join(f"'{w}'" for w in words)})
COMP_CWORD={len(words) - 1}
COMP_LINE='{line}'
COMP_POINT=${{#COMP_LINE}}
{function[1]} qkeys '{words[-1]}' '{words[-2]}'
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    return run(bash, "-c", program, cwd=cwd).split()


@pytest.mark.parametrize("script_file", ["bash"], indirect=True)
def test_the_bash_script_is_valid_and_names_every_command(script_file: Path) -> None:
    run(which_or_require("bash", "bash")["bash"], "-n", str(script_file))
    text = script_file.read_text()
    assert sorted(w for w in command_words() if not re.search(rf"\b{w}\b", text)) == []


@pytest.mark.parametrize("script_file", ["bash"], indirect=True)
def test_bash_completes_commands_actions_options_choices_and_paths(
    script_file: Path, tmp_path: Path
) -> None:
    assert set(bash_complete(script_file, "qkeys ", tmp_path)) >= set(
        subcommands(build_parser()))
    assert set(bash_complete(script_file, "qkeys keys ", tmp_path)) == set(
        subcommands(subcommands(build_parser())["keys"]))
    assert bash_complete(script_file, "qkeys keys ro", tmp_path) == ["rotate"]
    assert {"--db", "--json", "-j"} <= set(bash_complete(script_file, "qkeys keys list -",
                                                         tmp_path))
    assert set(bash_complete(script_file, "qkeys verify --action ", tmp_path)) == {
        "create", "read", "write", "delete", "invite"}
    (tmp_path / "team-registry.db").touch()
    assert bash_complete(script_file, "qkeys keys list --db team-", tmp_path) == [
        "team-registry.db"]


# -- zsh ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("script_file", ["zsh"], indirect=True)
def test_the_zsh_script_is_valid_and_names_every_command(script_file: Path) -> None:
    run(which_or_require("zsh", "zsh")["zsh"], "-n", str(script_file))
    text = script_file.read_text()
    assert text.startswith("#compdef qkeys\n")  # what compinit looks for in $fpath
    assert sorted(w for w in command_words() if not re.search(rf"\b{w}\b", text)) == []
    assert "_files" in text  # --db and scan's paths complete files


# -- fish --------------------------------------------------------------------------------------


def fish_complete(script: Path, line: str, cwd: Path) -> list[str]:
    """What Tab offers after ``line`` in fish (``complete -C``), without descriptions."""
    fish = which_or_require("fish", "fish")["fish"]
    out = run(fish, "--no-config", "-c", f"source {script}; complete -C '{line}'", cwd=cwd)
    return [entry.split("\t", 1)[0] for entry in out.splitlines()]


@pytest.mark.parametrize("script_file", ["fish"], indirect=True)
def test_the_fish_script_is_valid_and_completes(script_file: Path, tmp_path: Path) -> None:
    run(which_or_require("fish", "fish")["fish"], "--no-execute", str(script_file))
    assert set(fish_complete(script_file, "qkeys ", tmp_path)) >= set(
        subcommands(build_parser()))
    assert set(fish_complete(script_file, "qkeys projects ", tmp_path)) == {
        "add", "rename", "remove", "list"}
    assert "--db" in fish_complete(script_file, "qkeys keys delete --", tmp_path)
    assert set(fish_complete(script_file, "qkeys completion ", tmp_path)) == set(SHELLS)
    (tmp_path / "team-registry.db").touch()
    assert "team-registry.db" in fish_complete(script_file, "qkeys --db team-", tmp_path)


# -- the command -------------------------------------------------------------------------------


def test_an_unknown_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["completion"], ["completion", "powershell"]):
        with pytest.raises(SystemExit) as exiting:
            main(argv)
        assert exiting.value.code == 2
    assert "bash" in capsys.readouterr().err


def test_the_readme_gives_each_shells_install_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["completion", "--help"])
    assert "install it" in capsys.readouterr().out
    readme = README.read_text()
    commands = re.findall(r"qkeys completion \w+ > \S+", INSTALL)
    assert len(commands) == len(SHELLS)
    assert [c for c in commands if c not in readme] == []
