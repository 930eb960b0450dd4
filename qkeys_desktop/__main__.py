"""Entry point: ``qkeys`` opens the window; ``qkeys COMMAND`` runs the command line.

The one place that decides between the two, and the only module outside the ui package that
imports it (in :func:`launch_window`, so a command never loads Qt).

The two commonest lines skip the full parser, whose forty-odd sub-parsers (and the modules
behind them) cost more than the work itself: ``qkeys [--db X]`` opens the window, and
``qkeys [--db X] verify ARGS`` — run by apps once per presented key — goes straight to
:mod:`.cli.verify` when ARGS are written plainly (:func:`.cli.verify.parse_plain`).
:func:`split_fast_path` recognises only the plainest spelling of ``--db``; anything else (an
abbreviation, ``--version``, ``--help``, an option-like value, a mistake) takes the full
parser, which reads it, or says what is wrong, exactly as it always did.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import NoReturn

DB_OPTION = "--db"
EXIT_FLUSH_FAILED = 120  # CPython's exit status when flushing stdout or stderr at exit fails

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
                and os.path.exists(os.path.join(runtime, "wayland-0")))


def launch_window(db: str | None) -> int:
    """Open the desktop window (the only path that imports Qt)."""
    if missing_display():
        print("qkeys: the window cannot start here: there is no display (DISPLAY and "
              "WAYLAND_DISPLAY are not set); the command line works without one — "
              "see 'qkeys --help'", file=sys.stderr)
        return 1
    from .core.postgres_driver import import_peewee_without_postgres

    import_peewee_without_postgres()  # a server registry binds psycopg2 when it is opened
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


def split_fast_path(argv: Sequence[str]) -> tuple[str | None, list[str] | None] | None:
    """``(db, None)`` for ``[--db X]...`` (the window), ``(db, ARGS)`` for
    ``[--db X]... verify ARGS``, None for any other command line. ``db`` is the last ``--db``
    given (None if none), as argparse would have it."""
    db: str | None = None
    rest = list(argv)
    while rest:
        first = rest[0]
        if first.startswith(DB_OPTION + "="):
            db, rest = first[len(DB_OPTION) + 1:], rest[1:]
        elif first == DB_OPTION and len(rest) > 1 and not rest[1].startswith("-"):
            db, rest = rest[1], rest[2:]
        elif first == "verify":
            return db, rest[1:]
        else:
            return None
    return db, None


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point (``argv`` default: ``sys.argv[1:]``); returns the exit status.

    Without ``argv`` the command line is this process's own: once the window has closed, or a
    check has given its verdict, and everything that must outlive the process is written, the
    process ends at once (:func:`exit_now`). With one (tests, scripts calling this function) it
    returns like any function."""
    from .cli.output import reporting_errors

    whole_process = argv is None
    arguments = sys.argv[1:] if argv is None else list(argv)
    fast = split_fast_path(arguments)
    if fast is not None:
        db, verify_args = fast
        if verify_args is None:
            return ended(reporting_errors(lambda: launch_window(db)), whole_process)
        from .cli import verify

        plain = verify.parse_plain(verify_args, db)
        if plain is not None:
            return ended(verify.main(plain, whole_process=whole_process), whole_process)
    from .cli import build_parser, run

    args = build_parser().parse_args(arguments)
    if args.command is None:
        return ended(reporting_errors(lambda: launch_window(args.db)), whole_process)
    return run(args)


def ended(status: int, whole_process: bool) -> int:
    """``status``, or the process's end with it (:func:`exit_now`) if it is ``whole_process``."""
    if whole_process:
        exit_now(status)
    return status


def exit_now(status: int) -> NoReturn:
    """End the process with ``status``, skipping Python's shutdown (and with it Qt's).

    Only once the window or the check has written what must outlive it (see run_app and
    cli.verify.run: the clipboard cleared, jobs in flight finished, settings synced, usage
    flushed, the registry closed). What is left is teardown for nothing: Python frees every
    module and object one by one, and PySide6 then destroys the Qt objects it wraps — about
    8 ms of a 70 ms ``qkeys verify`` and most of the time the window took to go away after
    Ctrl+Q (see tests/benchmarks, ``cli_verify_floor_ratio`` and ``quit_ms``). Output is
    flushed first, as that shutdown would.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: CPython's own status for it at exit
            status = EXIT_FLUSH_FAILED
    os._exit(status)


if __name__ == "__main__":
    sys.exit(main())
