"""Entry point: ``qkeys`` opens the window; ``qkeys COMMAND`` runs the command line."""

from __future__ import annotations

import sys

from .cli import main as cli_main


def launch_window(db: str | None) -> int:
    """Open the desktop window (the only path that imports Qt)."""
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


def main() -> int:
    """Console entry point."""
    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
