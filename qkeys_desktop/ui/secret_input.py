"""Search fields that never keep a pasted secret token.

A token pasted into a search field would sit there in clear, be echoed back by "No key contains
…", and go to the X11 PRIMARY selection when selected. The key id inside a token is public and
names the key, so the field keeps only that: the search finds the key and the secret is gone
(from the field's undo history too). A bare secret with no key id is dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit

from ..core.tokens import find_secret, has_secret
from .i18n import QT_TRANSLATE_NOOP, translate

DROPPED_PLACEHOLDER = QT_TRANSLATE_NOOP(  # translated where shown
    "SecretScrubber", "That looked like a secret: search by name or key ID")


class SecretScrubber:
    """Watches over one search field; call :meth:`scrub` first thing when its text changes."""

    def __init__(self, edit: QLineEdit, notice: Callable[[str], None]) -> None:
        self.edit = edit
        self.notice = notice
        self.key_id: str | None = None  # the key id taken from a token, while it is searched
        self._placeholder = edit.placeholderText()

    def scrub(self) -> bool:
        """Replace a secret in the field by the key id in it (or nothing); True when it did.

        Replacing changes the text again, so the caller's handler runs once more, on the clean
        text, before this returns: the caller should return at once when it gets True.
        """
        text = self.edit.text()
        if not has_secret(text):
            if self.key_id is not None and text.strip() != self.key_id:
                self.key_id = None
            if text:
                self.edit.setPlaceholderText(self._placeholder)
            return False
        key_id = find_secret(text)
        self.key_id = key_id
        self.edit.setText(key_id or "")  # setText also empties the undo history
        if key_id:
            self.notice(translate("SecretScrubber", "Searching by the key ID in that secret "
                                  "token, {key_id}; the token itself is not shown or kept.")
                        .format(key_id=key_id))
        else:
            self.edit.setPlaceholderText(translate("SecretScrubber", DROPPED_PLACEHOLDER))
            self.notice(translate("SecretScrubber", "That looked like a secret, so it was not "
                                  "kept in the search field; search by name or key ID instead."))
        return True
