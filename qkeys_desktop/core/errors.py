"""The errors the store raises. Their text is shown to people: it names the problem and the fix."""

from __future__ import annotations

from .tokens import redact_tokens


class StoreError(Exception):
    """A failure a person can act on (busy, full, unreadable, not found...).

    Messages quote the input they refuse; a token pasted into the wrong field is replaced, so
    it does not travel on into stderr, a dialog, a log or a bug report.
    """

    def __init__(self, message: str) -> None:
        super().__init__(redact_tokens(message))


class ValidationError(StoreError):
    """Bad input for one field; ``field`` lets a form show the message next to it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = redact_tokens(message)


class NotFoundError(StoreError):
    """No key or project by that id or name."""


class DatabaseBusyError(StoreError):
    """Another writer held the database past the busy timeout."""
