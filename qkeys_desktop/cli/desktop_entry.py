"""``qkeys desktop-entry install|uninstall [--user|--system]``: put qkeys in the desktop's
application menu, and take it out again, without copying paths by hand.

``install`` writes the shipped ``qkeys.desktop`` into ``DATA/applications`` with ``Exec``
pointing at this installation's ``qkeys``, and the app icon into ``DATA/icons/hicolor``;
``DATA`` is ``$XDG_DATA_HOME`` (default ``~/.local/share``), or ``/usr/local/share`` with
``--system``. ``uninstall`` removes exactly those files, and only while they are still what
``install`` wrote. Each prints one line per file (``wrote``, ``unchanged``, ``removed``,
``kept``) on stdout. Both then run ``update-desktop-database`` when it is installed; menus that
watch the folder pick the change up without it, so it is never required.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..resource_paths import resources_dir
from .output import EXIT_FAILED, EXIT_OK, EXIT_USAGE, fail, say

ENTRY_NAME = "qkeys.desktop"
#: Marks a .desktop file as written by ``install``: ``uninstall`` leaves any other one alone.
MARKER = "X-Qkeys-Installed-By=qkeys desktop-entry install"
SYSTEM_DATA_DIR = Path("/usr/local/share")  # the admin's prefix: /usr/share is the distro's
#: What the Exec key's rules reserve: an argument holding any of these is double-quoted.
EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    """``desktop-entry`` and its two actions, on the ``qkeys`` parser."""
    entry = commands.add_parser(
        "desktop-entry", help="add qkeys to the desktop's application menu, or remove it",
        description="Install or remove the desktop entry (the application menu's item) and the "
        "qkeys icon, per user by default (Linux and other XDG desktops).",
    )
    actions = entry.add_subparsers(dest="action", metavar="ACTION", required=True)
    for action, text in (
        ("install", "write qkeys.desktop and the icon; the menu item runs this qkeys"),
        ("uninstall", "remove the files 'install' wrote (and nothing else)"),
    ):
        where = actions.add_parser(action, help=text).add_mutually_exclusive_group()
        where.add_argument(
            "--user", action="store_true",
            help="for you only, in $XDG_DATA_HOME or ~/.local/share (the default)",
        )
        where.add_argument(
            "--system", action="store_true",
            help=f"for every user, in {SYSTEM_DATA_DIR} (needs root)",
        )


@dataclass(frozen=True)
class Placed:
    """One file the desktop entry consists of: where it goes and what it holds."""

    path: Path
    content: bytes


def data_dir(system: bool, env: dict[str, str] | None = None) -> Path:
    """Where desktop entries and icons go: the system prefix, else ``$XDG_DATA_HOME`` if it is
    absolute (the XDG spec says to ignore a relative one), else ``~/.local/share``."""
    if system:
        return SYSTEM_DATA_DIR
    configured = (os.environ if env is None else env).get("XDG_DATA_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".local" / "share"


def launcher(argv0: str | None = None, executable: str | None = None) -> list[str]:
    """The command the menu item runs, absolute, since a desktop session's PATH is not the
    shell's (``~/.local/bin`` is often missing from it).

    The ``qkeys`` script this process was started as, when it was one: that is the installation
    the user means (a venv's, pipx's or ``uv tool``'s own script; a pipx link is kept unresolved
    so it survives a reinstall). Not ``shutil.which``: PATH may find a different installation.
    Otherwise (``python -m qkeys_desktop``), this interpreter with ``-m qkeys_desktop``, which
    can import this very package.
    """
    script = Path(sys.argv[0] if argv0 is None else argv0)
    if script.name in ("qkeys", "qkeys-desktop") and script.is_file():
        return [str(script.absolute())]
    return [executable or sys.executable, "-m", "qkeys_desktop"]


def entry_text(template: str, command: list[str]) -> str:
    """The shipped .desktop file with ``Exec`` running ``command``, ``TryExec`` naming its
    program (the menu hides the item once that is gone) and the marker ``uninstall`` checks."""
    if any(ch in arg for arg in command for ch in "\n\r"):
        raise ValueError("the qkeys command's path holds a line break; a desktop entry cannot")
    lines = template.splitlines()
    exec_lines = [i for i, line in enumerate(lines) if line.startswith("Exec=")]
    if len(exec_lines) != 1:
        raise ValueError(f"the shipped {ENTRY_NAME} must have exactly one Exec line")
    at = exec_lines[0]
    lines[at:at + 1] = [
        "Exec=" + _string(" ".join(_exec_argument(arg) for arg in command)),
        "TryExec=" + _string(command[0]),
    ]
    return "\n".join([*lines, MARKER]) + "\n"


def _exec_argument(arg: str) -> str:
    """One argument as the Exec key's rules want it: ``%`` doubled (it starts field codes), and
    double quotes, inside which ``"``, `````, ``$`` and ``\\`` are backslash-escaped, around one
    holding a reserved character."""
    arg = arg.replace("%", "%%")
    if not EXEC_RESERVED.intersection(arg):
        return arg
    escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return f'"{escaped}"'


def _string(value: str) -> str:
    """A value of type string: a backslash is written twice (applied after Exec's quoting)."""
    return value.replace("\\", "\\\\")


def entry_files(base: Path, command: list[str]) -> list[Placed]:
    """The files that make up the desktop entry under ``base``: the .desktop file and the
    icon, scalable and 256 px (some menus draw only bitmaps)."""
    resources = resources_dir()
    icons = base / "icons" / "hicolor"
    template = (resources / ENTRY_NAME).read_text(encoding="utf-8")
    return [
        Placed(base / "applications" / ENTRY_NAME,
               entry_text(template, command).encode("utf-8")),
        Placed(icons / "scalable" / "apps" / "qkeys.svg", (resources / "qkeys.svg").read_bytes()),
        Placed(icons / "256x256" / "apps" / "qkeys.png", (resources / "qkeys.png").read_bytes()),
    ]


def install(files: list[Placed]) -> list[tuple[str, Path]]:
    """Write each file that is missing or different (atomically: a menu never reads half a
    file); returns what happened to each, ``wrote`` or ``unchanged``."""
    done = []
    for placed in files:
        if placed.path.is_file() and placed.path.read_bytes() == placed.content:
            done.append(("unchanged", placed.path))
            continue
        placed.path.parent.mkdir(parents=True, exist_ok=True)
        partial = placed.path.with_name(f".{placed.path.name}.partial")
        try:
            partial.write_bytes(placed.content)
            partial.chmod(0o644)  # readable by the menu whatever the umask
            partial.replace(placed.path)
        finally:
            partial.unlink(missing_ok=True)
        done.append(("wrote", placed.path))
    return done


def uninstall(files: list[Placed]) -> list[tuple[str, Path]]:
    """Remove each file that is still what ``install`` wrote: the .desktop file by its marker
    (its Exec may name another installation of qkeys), an icon by its bytes. Others are
    ``kept``; files that are not there are not mentioned."""
    done = []
    for placed in files:
        if not placed.path.is_file():
            continue
        if _written_by_install(placed):
            placed.path.unlink()
            done.append(("removed", placed.path))
        else:
            done.append(("kept", placed.path))
    return done


def _written_by_install(placed: Placed) -> bool:
    current = placed.path.read_bytes()
    if placed.path.suffix == ".desktop":
        return MARKER.encode() in current.splitlines()
    return current == placed.content


def refresh_menu(applications: Path) -> str | None:
    """Run ``update-desktop-database`` on the folder if it is installed; a note if it failed.
    Only its MIME cache depends on it (qkeys opens no file types), so failure is no error."""
    import shutil
    import subprocess

    program = shutil.which("update-desktop-database")
    if program is None:
        return None
    try:
        finished = subprocess.run([program, "-q", str(applications)], capture_output=True,
                                  text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"update-desktop-database did not run: {error}"
    if finished.returncode != 0:
        return f"update-desktop-database failed: {finished.stderr.strip()}"
    return None


def run(args: argparse.Namespace) -> int:
    """``qkeys desktop-entry install|uninstall``; status 1 when a file was kept."""
    if sys.platform in ("win32", "darwin"):
        return fail("desktop entries are for Linux and other XDG desktops; "
                    "on this system, start the window with 'qkeys'", EXIT_USAGE)
    base, command = data_dir(args.system), launcher()
    try:
        files = entry_files(base, command)
        done = install(files) if args.action == "install" else uninstall(files)
    except (OSError, ValueError) as error:
        return fail(f"could not {args.action} the desktop entry: {_reason(error)}")
    width = max((len(verb) for verb, _ in done), default=0)
    for verb, path in done:
        note = "  (not written by 'qkeys desktop-entry install')" if verb == "kept" else ""
        print(f"{verb.ljust(width)}  {path}{note}")
    if not done:
        say(f"No qkeys desktop entry in {base}.")
    elif any(verb in ("wrote", "removed") for verb, _ in done):
        problem = refresh_menu(base / "applications")
        if problem:
            say(problem)
    if args.action == "install":
        say(f"The menu item runs: {' '.join(command)}")
    return EXIT_FAILED if any(verb == "kept" for verb, _ in done) else EXIT_OK


def _reason(error: Exception) -> str:
    """An OS error as 'path: reason', with the way out when it is a permission."""
    if not isinstance(error, OSError) or not error.filename:
        return str(error)
    hint = " (--system needs root)" if isinstance(error, PermissionError) else ""
    return f"{error.filename}: {error.strerror}{hint}"
