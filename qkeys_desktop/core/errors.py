"""The errors the store raises. Their text is shown to people: it names the problem and the fix."""

from __future__ import annotations


class StoreError(Exception):
    """A failure a person can act on (busy, full, unreadable, not found...)."""


class ValidationError(StoreError):
    """Bad input for one field; ``field`` lets a form show the message next to it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class NotFoundError(StoreError):
    """No key or project by that id or name."""


class DatabaseBusyError(StoreError):
    """Another writer held the database past the busy timeout."""
