"""Copying a secret the way a password manager does: hinted, counted down, cleared only if ours.

Every copy of a key goes through one :class:`SecureClipboard`, which (like KeePassXC's)
- marks the data as sensitive so clipboard managers keep it out of their history,
- counts down, then clears the clipboard, but only if it still holds our text: whatever the
  user copied since is never wiped,
- clears on quit (the app-wide instance from :func:`secure_clipboard`).

And on X11 it keeps secrets out of the PRIMARY selection, which every text selection fills at
once and any middle click pastes, with no hint and no clear (:func:`guard_primary_selection`).

To know whether the clipboard still holds our text it keeps a keyed fingerprint of it, never
the text: the only copy of the secret is the one on the clipboard itself.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import sys
import time
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QClipboard, QGuiApplication

from ..core.tokens import has_secret
from .i18n import QT_TRANSLATE_NOOP, translate

KDE_HINT = "x-kde-passwordManagerHint"
MAC_CONCEALED_MIME = "application/x-nspasteboard-concealed-type"
MAC_CONCEALED_UTI = "org.nspasteboard.ConcealedType"
_NO = b"\x00\x00\x00\x00"  # a DWORD 0: "no" to Windows clipboard history / cloud clipboard
CLEARED_TEXT = QT_TRANSLATE_NOOP("SecureClipboard", "Clipboard cleared")  # see cleared_text


def cleared_text() -> str:
    """The status once the clipboard was cleared, in the window's language."""
    return translate("SecureClipboard", CLEARED_TEXT)


def sensitive_formats(platform: str = sys.platform) -> dict[str, bytes]:
    """The extra clipboard formats that mark a copy as a secret on ``platform``."""
    if platform == "win32":
        # Microsoft's documented formats, as KeePassXC sets them; Qt registers a format under
        # the mime type's own name, which is what clipboard history and monitors look for.
        return {
            "ExcludeClipboardContentFromMonitorProcessing": b"1",
            "CanIncludeInClipboardHistory": _NO,
            "CanUploadToCloudClipboard": _NO,
        }
    if platform == "darwin":
        return {MAC_CONCEALED_MIME: b"1"}  # a marker: clipboard managers only test for the type
    return {KDE_HINT: b"secret"}  # X11 and Wayland: Klipper, CopyQ and others honour it


def _fingerprint(key: bytes, text: str) -> bytes:
    """A keyed digest of ``text``: enough to recognise it, useless for recovering it."""
    return hmac.new(key, text.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()


class SecureClipboard(QObject):
    """Puts secrets on the clipboard with a sensitive hint and takes them off again."""

    countdown = Signal(int)  # seconds left before the clipboard is cleared
    cleared = Signal()  # our secret was removed from the clipboard
    released = Signal()  # something else was copied: our secret is gone, nothing to clear
    status_changed = Signal(str)  # the status bar text for the state ("" when there is none)

    def __init__(
        self,
        timeout: int = 30,
        parent: QObject | None = None,
        clipboard: QClipboard | None = None,
    ) -> None:
        super().__init__(parent)
        self._board = clipboard or QGuiApplication.clipboard()
        self._timeout = max(0, int(timeout))
        self._key = b""
        self._digest: bytes | None = None  # set while a copy of ours is being watched
        self._deadline = 0.0
        self._seconds_left = 0
        self._status = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._board.dataChanged.connect(self._on_clipboard_changed)
        _install_mac_converter()

    # -- settings ---------------------------------------------------------------------------

    @property
    def timeout(self) -> int:
        """Seconds from a copy to the clear; 0 means never clear."""
        return self._timeout

    def set_timeout(self, seconds: int) -> None:
        """Change the timeout for the next copy (a countdown under way keeps its deadline)."""
        self._timeout = max(0, int(seconds))

    # -- public API -------------------------------------------------------------------------

    def copy_secret(self, text: str) -> None:
        """Put ``text`` on the clipboard, marked sensitive, and start the countdown."""
        self._forget()
        mime = QMimeData()
        mime.setText(text)
        for name, value in sensitive_formats().items():
            mime.setData(name, QByteArray(value))
        if self._timeout > 0:
            self._key = secrets.token_bytes(32)
            self._digest = _fingerprint(self._key, text)  # before setMimeData: it signals
        self._board.setMimeData(mime, QClipboard.Mode.Clipboard)
        if self._digest is None:
            self._set_status(self.tr("Key copied to the clipboard"))
            return
        self._deadline = time.monotonic() + self._timeout
        self._seconds_left = 0
        self._tick()

    def clear_now(self) -> None:
        """Clear the clipboard at once if it still holds our secret (used on quit)."""
        if self._digest is None:
            return
        if self.holds_our_secret():
            self._forget()
            self._wipe()
            self._set_status(cleared_text())
            self.cleared.emit()
        else:
            self._forget()
            self._set_status("")
            self.released.emit()

    def holds_our_secret(self) -> bool:
        """Whether the clipboard still holds the secret we last copied and are watching."""
        if self._digest is None:
            return False
        current = self._board.text(QClipboard.Mode.Clipboard)
        return hmac.compare_digest(_fingerprint(self._key, current), self._digest)

    @property
    def seconds_left(self) -> int:
        """Seconds until the clear, or 0 when no countdown runs."""
        return self._seconds_left if self._digest is not None else 0

    def status_text(self) -> str:
        """What the status bar should say, e.g. 'Key copied — clipboard clears in 27 s'."""
        return self._status

    # -- internals --------------------------------------------------------------------------

    @Slot()
    def _tick(self) -> None:
        """Announce each new whole second left; clear when none is left."""
        left = self._deadline - time.monotonic()
        if left <= 0:
            self.clear_now()
            return
        seconds = math.ceil(left)
        if seconds != self._seconds_left:
            self._seconds_left = seconds
            self._set_status(
                self.tr("Key copied — clipboard clears in {seconds} s").format(seconds=seconds))
            self.countdown.emit(seconds)
        # wake when the count drops: deadline-based, so a late tick never stretches the timeout
        self._timer.start(max(1, math.ceil((left - (seconds - 1)) * 1000)))

    @Slot()
    def _on_clipboard_changed(self) -> None:
        """Stop counting down once something else replaced our secret."""
        if self._digest is not None and not self.holds_our_secret():
            self._forget()
            self._set_status("")
            self.released.emit()

    def _forget(self) -> None:
        """Stop watching the last copy."""
        self._timer.stop()
        self._digest = None
        self._key = b""
        self._seconds_left = 0

    def _wipe(self) -> None:
        """Remove our text from the clipboard."""
        if QGuiApplication.platformName() == "xcb":
            # An empty text we own, rather than no owner at all: clipboard managers that
            # "restore an emptied clipboard" from their history would otherwise bring it back.
            self._board.setText("", QClipboard.Mode.Clipboard)
        else:
            self._board.clear(QClipboard.Mode.Clipboard)

    def _set_status(self, text: str) -> None:
        self._status = text
        self.status_changed.emit(text)


class _SelectionGuard(QObject):
    """Takes back the PRIMARY selection whenever this app just put a secret there."""

    def __init__(self, board: QClipboard, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("primarySelectionGuard")
        self._board = board
        board.selectionChanged.connect(self._check)

    @Slot()
    def _check(self) -> None:
        board = self._board
        if board.ownsSelection() and has_secret(board.text(QClipboard.Mode.Selection)):
            board.clear(QClipboard.Mode.Selection)  # before any other program could ask for it


def guard_primary_selection(app: QGuiApplication) -> None:
    """Never let a secret this app shows reach the X11 PRIMARY selection.

    Selecting text in a Qt field copies it to PRIMARY at once (before any of our code could
    step in), where a middle click pastes it anywhere, unmarked and never cleared. The reveal
    field cannot be selected at all; this catches the rest — a token pasted into a name or
    search field and then selected, say: the selection is dropped in the same turn of the
    event loop, so no other program can read it. No-op where there is no PRIMARY (Windows,
    macOS, the offscreen platform).
    """
    board = app.clipboard()
    if board.supportsSelection() and app.findChild(_SelectionGuard) is None:
        _SelectionGuard(board, app)


_instance: SecureClipboard | None = None


def secure_clipboard() -> SecureClipboard:
    """The app-wide service (parented to the application, cleared on quit), made on first use."""
    global _instance
    app = QGuiApplication.instance()
    if app is None:
        raise RuntimeError("secure_clipboard() needs a QGuiApplication")
    if _instance is None or not _is_alive(_instance):
        from .settings import AppSettings

        _instance = SecureClipboard(AppSettings().clipboard_timeout, parent=app)
        app.aboutToQuit.connect(_instance.clear_now)
    return _instance


def set_clipboard_timeout(seconds: int) -> None:
    """Apply a new timeout (from the settings dialog) to the app-wide service."""
    secure_clipboard().set_timeout(seconds)


def _is_alive(obj: QObject) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(obj))


_mac_converter: Any = None


def _install_mac_converter() -> None:
    """On macOS, export our concealed mime type as the pasteboard type clipboard tools read.

    Qt otherwise exports an unknown mime type as "com.trolltech.anymime.…", which no clipboard
    manager recognises. QUtiMimeConverter (Qt 6.5) exists only in macOS builds of PySide6; Qt
    owns a registered converter and deletes it at shutdown, which invalidates our wrapper.
    """
    global _mac_converter
    if _mac_converter is not None or sys.platform != "darwin":
        return
    import PySide6.QtGui as gui

    base = getattr(gui, "QUtiMimeConverter", None)
    if base is not None:
        _mac_converter = concealed_type_converter(base)()


def concealed_type_converter(base: type) -> type:
    """A converter class (over ``base``) mapping our concealed mime type to its macOS UTI."""

    # the base is a run-time value: QUtiMimeConverter is only in macOS builds of PySide6, and so
    # not in the stubs the type checker reads
    class ConcealedTypeConverter(base):  # type: ignore[misc]
        def utiForMime(self, mime: str) -> str:
            return MAC_CONCEALED_UTI if mime == MAC_CONCEALED_MIME else ""

        def mimeForUti(self, uti: str) -> str:
            return MAC_CONCEALED_MIME if uti == MAC_CONCEALED_UTI else ""

        def convertFromMime(self, mime: str, data: Any, uti: str) -> list[QByteArray]:
            return [QByteArray(data)]

        def convertToMime(self, mime: str, data: list[QByteArray], uti: str) -> Any:
            return data[0] if data else QByteArray()

    return ConcealedTypeConverter
