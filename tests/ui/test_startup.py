"""Starting the window: where it cannot appear, and a registry that cannot be opened."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from qkeys_desktop.__main__ import missing_display

TIMEOUT = 60


# -- no display -------------------------------------------------------------------------------


def test_without_a_display_qkeys_says_so_instead_of_aborting(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_RUNTIME_DIR"] = str(tmp_path)  # no wayland-0 socket to fall back on
    done = subprocess.run([sys.executable, "-m", "qkeys_desktop", "--db", str(tmp_path / "k.db")],
                          capture_output=True, text=True, env=env, timeout=TIMEOUT, check=False)
    assert done.returncode == 1, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("qkeys: the window cannot start here")
    assert "qkeys --help" in lines[0]
    assert done.stdout == ""
    assert not (tmp_path / "k.db").exists()  # refused before anything was opened


@pytest.mark.parametrize(("env", "missing"), [
    ({}, True),
    ({"DISPLAY": ":0"}, False),
    ({"WAYLAND_DISPLAY": "wayland-1"}, False),
    ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ({"QT_QPA_PLATFORM": "minimal"}, False),
    ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, False),
    ({"QT_QPA_PLATFORM": "xcb"}, True),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, True),
    ({"DISPLAY": ""}, True),
])
def test_which_environments_have_a_display(env: dict[str, str], missing: bool,
                                           tmp_path: Path) -> None:
    assert missing_display({"XDG_RUNTIME_DIR": str(tmp_path), **env}, "linux") is missing


def test_wayland_default_socket_counts_as_a_display(tmp_path: Path) -> None:
    (tmp_path / "wayland-0").touch()
    env = {"XDG_RUNTIME_DIR": str(tmp_path), "QT_QPA_PLATFORM": "wayland"}
    assert not missing_display(env, "linux")


def test_windows_and_macos_need_no_display_variable() -> None:
    assert not missing_display({}, "win32")
    assert not missing_display({}, "darwin")
