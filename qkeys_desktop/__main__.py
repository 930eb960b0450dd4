"""Entry point: ``qkeys`` opens the window; ``qkeys COMMAND`` runs the command line.

The one place that decides between the two, and the only module outside the ui package that
imports it (in :func:`launch_window`, so a command never loads Qt).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from .cli import build_parser, run
from .cli.output import reporting_errors

#: Qt platforms that draw without a display server (QT_QPA_PLATFORM, before any ':options').
HEADLESS_PLATFORMS = frozenset({
    "offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay",
})


def missing_display(env: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """Whether the window has nowhere to appear: on Linux and the BSDs, neither an X11 nor a
    Wayland display, and no Qt platform that needs none. Qt itself would abort (status 134)."""
    if platform in ("win32", "darwin"):
        return False
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return False
    # QT_QPA_PLATFORM may list fallbacks ("wayland;xcb") and options ("vnc:size=800x600")
    wanted = [part.split(":", 1)[0].strip().lower()
              for part in env.get("QT_QPA_PLATFORM", "").split(";")]
    if any(name in HEADLESS_PLATFORMS for name in wanted):
        return False
    runtime = env.get("XDG_RUNTIME_DIR")  # Wayland clients try wayland-0 there by default
    return not (any(name.startswith("wayland") for name in wanted) and runtime
                and (Path(runtime) / "wayland-0").exists())


def launch_window(db: str | None) -> int:
    """Open the desktop window (the only path that imports Qt)."""
    if missing_display():
        print("qkeys: the window cannot start here: there is no display (DISPLAY and "
              "WAYLAND_DISPLAY are not set); the command line works without one — "
              "see 'qkeys --help'", file=sys.stderr)
        return 1
    try:
        from .ui.app import run_app
    except ImportError as error:
        print(
            f"qkeys: the window cannot start ({error}); the command line still works — "
            f"see 'qkeys --help'",
            file=sys.stderr,
        )
        return 1
    return run_app(db)


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point (``argv`` default: ``sys.argv[1:]``); returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        return reporting_errors(lambda: launch_window(args.db))
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
