"""The show-once reveal: the new key's token, or where it was saved, and never again after.

The token lives only in this dialog's read-only field; it is copied through the secure
clipboard service and dropped when the dialog closes. The field cannot be selected: on X11 a
selection is exported at once to the PRIMARY selection, where any middle click pastes it, with
no password-manager hint and no clear (what KeePassXC avoids by never showing a password as
selectable text). Copy, Ctrl+C and a double-click all go through the secure clipboard instead.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.keychain import read_back_command
from ..core.records import CreatedKey, KeyRecord
from . import prompts
from .i18n import QT_TRANSLATE_NOOP, translate
from .icons import icon, themed_icon
from .theme import Tone, tone_color
from .widgets import (
    Banner,
    FittedDialog,
    badge,
    card,
    dialog_title,
    heading_row,
    muted_label,
    paint_badge,
    with_role,
)
from .wording import expiry_date, format_full, permission_list, scope_text

# translated where shown: translate("RevealDialog", WARNING_TEXT)
WARNING_TEXT = QT_TRANSLATE_NOOP("RevealDialog", "Copy this key now. For your security it will "
                                                 "not be shown again.")
CONFIRM_TEXT = QT_TRANSLATE_NOOP("RevealDialog", "You haven't copied the key. It will not be "
                                                 "shown again — close anyway?")


class SecretCopier(Protocol):
    """What copying a token takes: the secure clipboard service (hint, auto-clear)."""

    def copy_secret(self, text: str) -> None:
        """Put ``text`` on the clipboard as a secret."""


def default_clipboard() -> SecretCopier | None:
    """The secure clipboard service when the app has one; None means the plain Qt clipboard."""
    try:
        from .clipboard import secure_clipboard
    except ImportError:
        return None
    return secure_clipboard()


class SecretField(QLineEdit):
    """A read-only field showing a secret that never holds a selection.

    Whatever selects text in a QLineEdit — a drag, a double or triple click, Ctrl+A or
    Shift+arrows — also copies it to the X11 PRIMARY selection, so the selection is dropped as
    soon as it is made (before Qt exports it). Ctrl+C and a double-click ask for a copy instead
    (``copy_requested``), which the dialog makes through the secure clipboard.
    """

    copy_requested = Signal()

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setReadOnly(True)
        self.setDragEnabled(False)
        self.setCursor(Qt.CursorShape.ArrowCursor)  # nothing to select: no text cursor
        self.selectionChanged.connect(self._drop_selection)

    def _drop_selection(self) -> None:
        if self.hasSelectedText():
            self.deselect()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """A double-click (what people do to select a token) copies it, securely."""
        if event.button() == Qt.MouseButton.LeftButton and self.text():
            self.copy_requested.emit()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+C copies the whole secret, securely, with or without a selection."""
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def monospace_field(name: str, accessible: str, text: str) -> QLineEdit:
    """A read-only, selectable, monospace field sized to show ``text`` whole."""
    field = QLineEdit(text)
    make_monospace(field, name, accessible, text)
    return field


def make_monospace(field: QLineEdit, name: str, accessible: str, text: str) -> None:
    """Name ``field``, make it read-only and monospace, and size it to show ``text`` whole."""
    field.setText(text)
    field.setObjectName(name)
    field.setAccessibleName(accessible)
    field.setReadOnly(True)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFixedPitch(True)
    font.setPointSizeF(max(field.font().pointSizeF(), 9.0))
    field.setFont(font)
    field.setMinimumWidth(field.fontMetrics().horizontalAdvance(text) + 32)
    field.setCursorPosition(0)


class RevealDialog(FittedDialog):
    """Shows a new key once: its token to copy, or where the keychain delivery put it."""

    def __init__(self, created: CreatedKey, parent: QWidget | None = None, *,
                 delivered_to: str | None = None, clipboard: SecretCopier | None = None) -> None:
        """``delivered_to``: the keychain service the token was saved under (None: shown here);
        ``clipboard``: the secure clipboard service (None: the application's)."""
        super().__init__(parent)
        self.record: KeyRecord = created.record
        self.copied = False
        self.mode = "token"
        self.setWindowTitle(self.tr("API key created"))
        self._token = created.token
        self._clipboard = clipboard if clipboard is not None else default_clipboard()
        self.setObjectName("revealDialog")
        self._build()
        self._follow_clipboard()
        if delivered_to is not None:
            self.show_saved(delivered_to)
        else:
            self.show_token()

    # -- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        body = QVBoxLayout()
        body.setContentsMargins(24, 24, 24, 24)
        body.setSpacing(16)
        body.addLayout(self._header())
        self.banner = Banner("revealBanner", "warning")
        body.addWidget(self.banner)
        body.addLayout(self._token_row())
        body.addWidget(self._keychain_panel())
        body.addWidget(self._summary())
        self.lay_out(body, self._footer())

    def _header(self) -> QHBoxLayout:
        self.badge = badge("check", "success", self.palette())
        self.title = dialog_title(self.tr("API key created"), "revealTitle")
        self.subtitle = muted_label()
        self.subtitle.setObjectName("revealSubtitle")
        return heading_row(self.badge, self.title, self.subtitle)

    def _token_row(self) -> QHBoxLayout:
        self.token_field = SecretField()
        make_monospace(self.token_field, "tokenField", self.tr("New API key"), self._token)
        self.token_field.setToolTip(self.tr("The new key. Copy it with the Copy button, Ctrl+C "
                                            "or a double-click."))
        self.token_field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.token_field.copy_requested.connect(self.copy_token)
        self.copy_button = QPushButton(themed_icon("copy", self._on_accent()), self.tr("Copy"))
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setAccessibleName(self.tr("Copy key"))
        self.copy_button.setToolTip(self.tr("Copy the key to the clipboard"))
        with_role(self.copy_button, "primary")
        self.copy_button.setMinimumWidth(96)
        # Enter goes to Done (the default), never back to Copy: after copying, Enter closes
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_token)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.token_field, 1)
        row.addWidget(self.copy_button)
        return row

    def _keychain_panel(self) -> QWidget:
        self.keychain_panel = QWidget()
        self.command_field = monospace_field(
            "readBackCommand", self.tr("Command to read the key back"),
            read_back_command("qkeys", self.record.name))
        self.command_field.setToolTip(self.tr("Run this in a terminal to print the key"))
        self.copy_command_button = QPushButton(icon("copy", self._muted()),
                                               self.tr("Copy command"))
        self.copy_command_button.setObjectName("copyCommandButton")
        self.copy_command_button.setAccessibleName(self.tr("Copy the read-back command"))
        self.copy_command_button.setAutoDefault(False)
        self.copy_command_button.clicked.connect(self.copy_command)
        row = QHBoxLayout(self.keychain_panel)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.command_field, 1)
        row.addWidget(self.copy_command_button)
        return self.keychain_panel

    def _summary(self) -> QFrame:
        record = self.record
        rows = ((self.tr("Name"), "summaryName", record.name),
                (self.tr("Key ID"), "summaryKeyId", record.key_id),
                (self.tr("Permissions"), "summaryPermissions",
                 permission_list(record.permissions)),
                (self.tr("Scope"), "summaryScope",
                 scope_text(record.all_projects, record.projects)),
                (self.tr("Expires"), "summaryExpires",
                 self.tr("Never") if record.expires_at is None
                 else expiry_date(record.expires_at)))
        box = card("summaryCard")
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        grid.setContentsMargins(16, 12, 16, 12)
        for row, (caption, name, value) in enumerate(rows):
            label = QLabel(value)
            label.setObjectName(name)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if name == "summaryExpires" and record.expires_at is not None:
                label.setToolTip(format_full(record.expires_at))
            grid.addWidget(muted_label(caption, False), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, row, 1)
        grid.setColumnStretch(1, 1)
        return box

    def _footer(self) -> QHBoxLayout:
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.setObjectName("doneButton")
        self.done_button.setAccessibleName(self.tr("Done"))
        self.done_button.setToolTip(self.tr("Close (Esc)"))
        self.done_button.setDefault(True)
        self.done_button.setMinimumWidth(96)
        self.done_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.setContentsMargins(24, 16, 24, 16)
        row.addStretch(1)
        row.addWidget(self.done_button)
        return row

    def _muted(self) -> str:
        return tone_color("muted", self.palette()).name()

    def _on_accent(self) -> QColor:
        """Icons on the accent (primary) button: the colour of highlighted text."""
        return self.palette().color(QPalette.ColorRole.HighlightedText)

    # -- modes ------------------------------------------------------------------------------

    def show_token(self, delivery_error: str | None = None) -> None:
        """Show the token to copy; with ``delivery_error`` explain why it is here instead."""
        self.mode = "token"
        self.setWindowTitle(self.tr("API key created"))
        self.title.setText(self.tr("API key created"))
        self.subtitle.setText(self.tr("“{name}” is ready. Paste it into the app that will use "
                                      "it.").format(name=self.record.name))
        if delivery_error:
            self.banner.set_tone("error", "error")
            self.banner.set_text(self.tr("{error} Copy it now: it will not be shown again.")
                                 .format(error=delivery_error))
        else:
            self.banner.set_tone("warning", "warning")
            self.banner.set_text(translate("RevealDialog", WARNING_TEXT))
        self._set_visible(token=True, keychain=False)
        self.done_button.setEnabled(True)
        self.token_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_saving(self, service: str) -> None:
        """While the keychain delivery runs: say so, and keep the dialog open until it ends."""
        self.mode = "saving"
        self.setWindowTitle(self.tr("Saving to the OS keychain"))
        self.title.setText(self.tr("Saving to the OS keychain…"))
        self.subtitle.setText(self.tr("“{name}” was created; its key is being stored under "
                                      "service “{service}”.").format(name=self.record.name,
                                                                     service=service))
        self.banner.set_tone("info", "keychain")
        self.banner.set_text(self.tr("Waiting for the OS keychain. If it asks to be unlocked, "
                                     "answer its prompt."))
        self._set_visible(token=False, keychain=False)
        self.done_button.setEnabled(False)

    def show_saved(self, service: str, note: str | None = None) -> None:
        """The token went to the keychain: say where and how to read it back."""
        self.mode = "keychain"
        self.setWindowTitle(self.tr("API key saved"))
        self._token = ""
        self.token_field.clear()
        name = self.record.name
        self.title.setText(self.tr("API key saved to the OS keychain"))
        self.subtitle.setText(self.tr("“{name}” is ready. Its key was stored, not shown.").format(
            name=name))
        self.banner.set_tone("success", "keychain")
        saved = self.tr("Saved to the OS keychain (service {service}, account {name}). Read it "
                        "back with:").format(service=service, name=name)
        self.banner.set_text("\n".join(filter(None, (saved, note))))
        self.command_field.setText(read_back_command(service, name))
        self.command_field.setCursorPosition(0)
        self._set_visible(token=False, keychain=True)
        self.done_button.setEnabled(True)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_visible(self, token: bool, keychain: bool) -> None:
        self.token_field.setVisible(token)
        self.copy_button.setVisible(token)
        self.keychain_panel.setVisible(keychain)
        tone: Tone = "success" if self.mode != "saving" else "info"
        name = "keychain" if self.mode != "token" else "check"
        paint_badge(self.badge, name, tone)

    # -- copying ----------------------------------------------------------------------------

    def token(self) -> str:
        """The token shown (empty once saved to the keychain or closed)."""
        return self.token_field.text()

    def copy_token(self) -> None:
        """Copy the token through the secure clipboard (hint, auto-clear)."""
        token = self.token_field.text()
        if not token:
            return
        if self._clipboard is not None:
            self._clipboard.copy_secret(token)
        else:
            QGuiApplication.clipboard().setText(token)
        self.copied = True
        self.copy_button.setText(self.tr("Copied"))
        self.copy_button.setIcon(themed_icon("check", self._on_accent()))

    def _follow_clipboard(self) -> None:
        """Once the secret leaves the clipboard (cleared after its timeout, or replaced by
        something else), "Copied" would be a lie: the button offers to copy again."""
        for name in ("cleared", "released"):
            signal = getattr(self._clipboard, name, None)
            if signal is not None:
                signal.connect(self._copy_gone)

    def _copy_gone(self) -> None:
        if self.copy_button.text() == self.tr("Copied"):
            self.copy_button.setText(self.tr("Copy"))
            self.copy_button.setIcon(themed_icon("copy", self._on_accent()))
            self.copy_button.setToolTip(self.tr("The clipboard was cleared; copy the key again"))

    def copy_command(self) -> None:
        """Copy the read-back command (not a secret: the plain clipboard will do)."""
        QGuiApplication.clipboard().setText(self.command_field.text())
        self.copy_command_button.setText(self.tr("Copied"))

    # -- closing ----------------------------------------------------------------------------

    def needs_confirmation(self) -> bool:
        """Closing now would lose a token the user has not copied."""
        return self.mode == "token" and not self.copied

    def done(self, result: int) -> None:
        """Done, Esc and the window's close button all end here: confirm before losing the key."""
        if self.mode == "saving":
            return
        if self.needs_confirmation() and not prompts.confirm(
                self, self.tr("Close without copying?"), translate("RevealDialog", CONFIRM_TEXT),
                action=self.tr("Close anyway"), destructive=True):
            return
        self._token = ""
        self.token_field.clear()
        super().done(result)

