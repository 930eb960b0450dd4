"""``qkeys desktop-entry install|uninstall``: the menu item and icon in $XDG_DATA_HOME, a
.desktop file that validates, runs this qkeys, and is taken out again without touching others.

The installed command is the venv's own ``qkeys`` script, run as a user runs it.
"""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

import pytest
from system_parts import which_or_require

from qkeys_desktop import __version__
from qkeys_desktop.cli.desktop_entry import (
    SYSTEM_DATA_DIR,
    data_dir,
    entry_text,
    launcher,
)

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
SCRIPT = Path(sys.executable).parent / "qkeys"  # the console script `uv sync` installed
#: The menu spec's main categories: an entry in two of them shows up twice in menus.
MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game",
                   "Graphics", "Network", "Office", "Science", "Settings", "System", "Utility"}
INSTALLED = ("applications/qkeys.desktop", "icons/hicolor/scalable/apps/qkeys.svg",
             "icons/hicolor/256x256/apps/qkeys.png")
TIMEOUT = 60


def desktop_entry(path: Path) -> dict[str, str]:
    """The [Desktop Entry] group of a .desktop file, keys as written."""
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def exec_arguments(value: str) -> list[str]:
    """Undo the Exec key's escaping as a launcher does: the string level (a doubled backslash)
    first; then split on spaces outside double quotes, inside which a backslash escapes the
    next character; then ``%%``. Written from the spec, not from the code under test."""
    text = value.replace("\\\\", "\\")
    args: list[str] = []
    current: str | None = None
    quoted = False
    chars = iter(text)
    for ch in chars:
        if quoted and ch == "\\":
            current = (current or "") + next(chars)
        elif ch == '"':
            quoted, current = not quoted, current or ""
        elif ch == " " and not quoted:
            if current is not None:
                args.append(current)
            current = None
        else:
            current = (current or "") + ch
    assert not quoted, f"unterminated quote in {value!r}"
    if current is not None:
        args.append(current)
    return [arg.replace("%%", "%") for arg in args]


def validate(path: Path) -> str:
    """desktop-file-validate's complaints, hints included: '' when the file is clean."""
    program = which_or_require("desktop-file-utils", "desktop-file-validate")
    finished = subprocess.run([program["desktop-file-validate"], str(path)],
                              capture_output=True, text=True, timeout=TIMEOUT, check=False)
    return (finished.stdout + finished.stderr).strip()


def qkeys_entry(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``qkeys desktop-entry ARGS`` with this test's environment."""
    return subprocess.run([str(SCRIPT), "desktop-entry", *args], capture_output=True, text=True,
                          env=env or dict(os.environ), timeout=TIMEOUT, check=False)


def data_home() -> Path:
    return Path(os.environ["XDG_DATA_HOME"])  # a tmp_path per test (conftest)


@pytest.fixture(autouse=True)
def console_script() -> None:
    if not SCRIPT.is_file():
        pytest.fail(f"no qkeys console script at {SCRIPT}: run 'uv sync'")


# -- the shipped file --------------------------------------------------------------------------


def test_the_shipped_entry_has_one_main_category() -> None:
    categories = desktop_entry(RESOURCES / "qkeys.desktop")["Categories"].split(";")
    assert len(MAIN_CATEGORIES.intersection(categories)) == 1, categories


@pytest.mark.system
def test_the_shipped_entry_validates_without_a_hint() -> None:
    assert validate(RESOURCES / "qkeys.desktop") == ""


# -- install -----------------------------------------------------------------------------------


@pytest.mark.system
def test_install_writes_a_valid_entry_that_runs_this_qkeys() -> None:
    finished = qkeys_entry("install")
    assert finished.returncode == 0, finished.stderr
    for relative in INSTALLED:
        assert f"wrote  {data_home() / relative}" in finished.stdout
    entry_file = data_home() / INSTALLED[0]
    assert validate(entry_file) == ""
    entry = desktop_entry(entry_file)
    assert exec_arguments(entry["Exec"]) == [str(SCRIPT)]
    assert entry["TryExec"] == str(SCRIPT)
    assert entry["Icon"] == "qkeys"
    assert (data_home() / INSTALLED[1]).read_bytes() == (RESOURCES / "qkeys.svg").read_bytes()
    assert (data_home() / INSTALLED[2]).read_bytes() == (RESOURCES / "qkeys.png").read_bytes()
    assert f"The menu item runs: {SCRIPT}" in finished.stderr
    # what the menu would start is a working qkeys
    started = subprocess.run([*exec_arguments(entry["Exec"]), "--version"], capture_output=True,
                             text=True, timeout=TIMEOUT, check=False)
    assert started.stdout.strip() == f"qkeys {__version__}", started.stderr


def test_install_twice_changes_nothing() -> None:
    assert qkeys_entry("install").returncode == 0
    before = {p: p.read_bytes() for p in data_home().rglob("*") if p.is_file()}
    again = qkeys_entry("install", "--user")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [f"unchanged  {data_home() / r}" for r in INSTALLED]
    assert {p: p.read_bytes() for p in data_home().rglob("*") if p.is_file()} == before


def test_install_replaces_an_outdated_entry() -> None:
    stale = data_home() / INSTALLED[0]
    stale.parent.mkdir(parents=True)
    stale.write_text("[Desktop Entry]\nType=Application\nName=qkeys\nExec=/gone/qkeys\n")
    finished = qkeys_entry("install")
    assert finished.returncode == 0, finished.stderr
    assert exec_arguments(desktop_entry(stale)["Exec"]) == [str(SCRIPT)]
    assert not list(stale.parent.glob(".*partial"))


def test_install_respects_xdg_data_home_and_defaults_to_local_share(tmp_path: Path) -> None:
    assert data_dir(False, {"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    home_default = Path.home() / ".local" / "share"
    assert data_dir(False, {}) == home_default
    assert data_dir(False, {"XDG_DATA_HOME": "relative/dir"}) == home_default  # XDG: ignored
    assert data_dir(True, {"XDG_DATA_HOME": str(tmp_path)}) == SYSTEM_DATA_DIR


def test_install_where_it_cannot_write_says_so_without_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    finished = qkeys_entry("install", env={**os.environ, "XDG_DATA_HOME": str(blocker)})
    assert finished.returncode == 1
    assert finished.stderr.startswith("qkeys: could not install the desktop entry: ")
    assert str(blocker) in finished.stderr and "Traceback" not in finished.stderr


def test_update_desktop_database_runs_when_present_and_is_not_required(tmp_path: Path) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    calls = tmp_path / "calls"
    fake = tools / "update-desktop-database"
    fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    fake.chmod(0o755)
    with_tool = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"}
    assert qkeys_entry("install", env=with_tool).returncode == 0
    assert calls.read_text().split() == ["-q", str(data_home() / "applications")]
    assert qkeys_entry("install", env=with_tool).returncode == 0  # nothing changed: not run
    assert len(calls.read_text().splitlines()) == 1
    assert qkeys_entry("uninstall", env=with_tool).returncode == 0
    assert len(calls.read_text().splitlines()) == 2
    fake.write_text("#!/bin/sh\necho broken >&2\nexit 1\n")
    failing = qkeys_entry("install", env=with_tool)
    assert failing.returncode == 0 and "update-desktop-database failed: broken" in failing.stderr
    without = {**os.environ, "PATH": os.path.dirname(sys.executable)}  # no such program at all
    assert qkeys_entry("uninstall", env=without).returncode == 0
    assert qkeys_entry("install", env=without).returncode == 0


# -- uninstall ---------------------------------------------------------------------------------


def test_uninstall_removes_only_what_install_wrote() -> None:
    others = {data_home() / "applications" / "other.desktop": b"[Desktop Entry]\n",
              data_home() / "icons/hicolor/scalable/apps/other.svg": b"<svg/>",
              data_home() / "icons/hicolor/256x256/apps/other.png": b"png"}
    for path, content in others.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    assert qkeys_entry("install").returncode == 0
    finished = qkeys_entry("uninstall")
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.splitlines() == [f"removed  {data_home() / r}" for r in INSTALLED]
    assert not any((data_home() / r).exists() for r in INSTALLED)
    assert all(path.read_bytes() == content for path, content in others.items())
    nothing = qkeys_entry("uninstall")
    assert nothing.returncode == 0 and nothing.stdout == ""
    assert f"No qkeys desktop entry in {data_home()}." in nothing.stderr


def test_uninstall_keeps_files_of_the_same_name_it_did_not_write() -> None:
    assert qkeys_entry("install").returncode == 0
    own_entry = data_home() / INSTALLED[0]
    own_entry.write_text("[Desktop Entry]\nType=Application\nName=my qkeys\nExec=qkeys\n")
    own_icon = data_home() / INSTALLED[2]
    own_icon.write_bytes(b"someone else's picture")
    finished = qkeys_entry("uninstall")
    assert finished.returncode == 1  # the menu still has a qkeys item
    assert finished.stdout.splitlines() == [
        f"kept     {own_entry}  (not written by 'qkeys desktop-entry install')",
        f"removed  {data_home() / INSTALLED[1]}",
        f"kept     {own_icon}  (not written by 'qkeys desktop-entry install')",
    ]
    assert own_entry.is_file() and own_icon.read_bytes() == b"someone else's picture"


# -- the command the menu runs -----------------------------------------------------------------


def test_launcher_is_the_script_run_else_this_python(tmp_path: Path) -> None:
    script = tmp_path / "venv" / "bin" / "qkeys"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    assert launcher(str(script), "/usr/bin/python3") == [str(script)]
    # `python -m qkeys_desktop`: argv[0] is the package's __main__.py
    main_module = str(ROOT / "qkeys_desktop" / "__main__.py")
    assert launcher(main_module, "/opt/py/bin/python3") == ["/opt/py/bin/python3", "-m",
                                                            "qkeys_desktop"]
    assert launcher("qkeys", "/x/python") == ["/x/python", "-m", "qkeys_desktop"]  # not a file


@pytest.mark.system
@pytest.mark.parametrize("folder", ["my apps", "100% \"quoted\" $HOME `x` back\\slash"])
def test_exec_quotes_any_path(tmp_path: Path, folder: str) -> None:
    program = str(tmp_path / folder / "qkeys")
    text = entry_text((RESOURCES / "qkeys.desktop").read_text(), [program, "-m", "x y"])
    written = tmp_path / "qkeys.desktop"
    written.write_text(text)
    assert validate(written) == ""
    entry = desktop_entry(written)
    assert exec_arguments(entry["Exec"]) == [program, "-m", "x y"]
    assert entry["TryExec"].replace("\\\\", "\\") == program


def test_a_path_with_a_line_break_is_refused() -> None:
    with pytest.raises(ValueError, match="line break"):
        entry_text((RESOURCES / "qkeys.desktop").read_text(), ["/a\nb/qkeys"])
