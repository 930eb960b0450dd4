"""What the command line prints and returns: data on stdout; notes and errors on stderr, with
anything token-shaped redacted; and the exit statuses."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import IO, Any

from ..core.errors import StoreError, ValidationError
from ..core.tokens import redact_tokens

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: ``qkeys verify`` only: the registry could not be read (missing, unreachable, damaged), so
#: the token was neither accepted nor rejected — an outage, not a bad key.
EXIT_UNAVAILABLE = 3


def reporting_errors(action: Callable[[], int]) -> int:
    """Run ``action`` and return its status; a refusal from the core, or Ctrl+C, becomes one
    line on stderr and status 1 instead of a traceback."""
    try:
        return action()
    except ValidationError as error:
        return fail(f"{error.field}: {error.message}")
    except StoreError as error:
        return fail(str(error))
    except KeyboardInterrupt:
        return fail("interrupted")


def fail(message: str, status: int = EXIT_FAILED) -> int:
    """Print one line on stderr and return the status; a token in the input is not echoed."""
    print(f"qkeys: {redact_tokens(message)}", file=sys.stderr)
    return status


def say(message: str) -> None:
    """Human-facing progress and notes go to stderr, so stdout carries only data."""
    print(redact_tokens(message), file=sys.stderr)


def emit_json(payload: Any, out: IO[str] | None = None) -> None:
    """Write machine-readable output on stdout."""
    import json  # lazily: ``qkeys verify`` never prints JSON and starts once per check

    json.dump(payload, out or sys.stdout, indent=2, default=_json_default)
    (out or sys.stdout).write("\n")


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    raise TypeError(type(value).__name__)


def print_table(rows: Sequence[Sequence[str]]) -> None:
    """Rows as left-aligned columns on stdout; the first row is the header."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
