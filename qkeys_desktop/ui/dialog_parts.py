"""Small building blocks the Create and Reveal dialogs share: field messages, banners, headings.

Semantic colours (error, warning, success) are picked per palette so they read on light and on
dark backgrounds; everything else comes from the palette itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .icons import icon

#: (light palette, dark palette) text colours for each tone.
_TONES: dict[str, tuple[str, str]] = {
    "error": ("#c62828", "#f87171"),  # the same pairs as style.py's table colours
    "warning": ("#b45309", "#fbbf24"),
    "success": ("#2e7d32", "#6fcf7f"),
    "info": ("#1d64c8", "#7aa7ff"),
}
SPACING = 8  # the grid every margin and gap is a multiple of


def guarded(widget: QWidget, callback: Callable[[Any], None]) -> Callable[[Any], None]:
    """Wrap a background job's callback so it is dropped if ``widget`` was closed and deleted."""

    def call(value: Any) -> None:
        if shiboken6.isValid(widget):
            callback(value)

    return call


def is_dark(palette: QPalette) -> bool:
    """Whether the palette is a dark theme (light text on a dark window)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone_color(tone: str, palette: QPalette) -> QColor:
    """The colour of a semantic tone that reads on this palette; 'muted' blends the palette."""
    if tone == "muted":
        text = palette.color(QPalette.ColorRole.WindowText)
        window = palette.color(QPalette.ColorRole.Window)
        return _blend(text, window, 0.68)
    light, dark = _TONES[tone]
    return QColor(dark if is_dark(palette) else light)


def _blend(front: QColor, back: QColor, amount: float) -> QColor:
    return QColor(
        round(front.red() * amount + back.red() * (1 - amount)),
        round(front.green() * amount + back.green() * (1 - amount)),
        round(front.blue() * amount + back.blue() * (1 - amount)),
    )


def set_text_color(widget: QWidget, color: QColor) -> None:
    """Colour a label's text through its palette (no style sheet, so fonts stay native)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    palette.setColor(QPalette.ColorRole.Text, color)
    widget.setPalette(palette)


def scaled_font(widget: QWidget, factor: float = 1.0, weight: QFont.Weight | None = None) -> QFont:
    """The widget's font scaled and weighted, for headings that follow the system size."""
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    if weight is not None:
        font.setWeight(weight)
    return font


def section_label(text: str, buddy: QWidget | None = None) -> QLabel:
    """A bold field label above its control; the buddy makes Alt+letter mnemonics work."""
    label = QLabel(text)
    label.setFont(scaled_font(label, 1.0, QFont.Weight.DemiBold))
    if buddy is not None:
        label.setBuddy(buddy)
    return label


def muted_label(text: str = "", word_wrap: bool = True) -> QLabel:
    """Secondary text in the palette's muted tone."""
    label = QLabel(text)
    label.setWordWrap(word_wrap)
    set_text_color(label, tone_color("muted", label.palette()))
    return label


def icon_label(name: str, color: QColor, size: int = 16) -> QLabel:
    """A QLabel showing a themed icon, crisp on high-DPI screens."""
    label = QLabel()
    label.setPixmap(icon(name, color.name()).pixmap(QSize(size, size), label.devicePixelRatioF()))
    label.setFixedSize(size, size)
    return label


def badge(name: str, tone: str, palette: QPalette, size: int = 40) -> QLabel:
    """A round, softly tinted badge with an icon: the mark at the top of a dialog."""
    label = QLabel()
    label.setObjectName("dialogBadge")
    label.setFixedSize(size, size)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setPalette(palette)
    paint_badge(label, name, tone)
    return label


def paint_badge(label: QLabel, name: str, tone: str) -> None:
    """Show another icon and tone in a badge (the reveal switches from ✓ to the keychain)."""
    color = tone_color(tone, label.palette())
    inner = 24 if label.width() >= 36 else 16  # sizes the icons are drawn at exactly
    label.setPixmap(icon(name, color.name()).pixmap(QSize(inner, inner),
                                                     label.devicePixelRatioF()))
    r, g, b = color.red(), color.green(), color.blue()
    label.setStyleSheet(f"QLabel#{label.objectName()} {{ background-color: rgba({r},{g},{b},"
                        f"0.14); border-radius: {label.width() // 2}px; }}")


def dialog_title(text: str, object_name: str) -> QLabel:
    """A dialog's title: the system font, larger and semi-bold."""
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setFont(scaled_font(label, 1.45, QFont.Weight.DemiBold))
    return label


def heading_row(mark: QLabel, title: QLabel, subtitle: QLabel) -> QHBoxLayout:
    """A dialog's top: its badge, and beside it the title over one line of explanation."""
    text = QVBoxLayout()
    text.setSpacing(4)
    text.addWidget(title)
    text.addWidget(subtitle)
    row = QHBoxLayout()
    row.setSpacing(16)
    row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
    row.addLayout(text, 1)
    return row


def card(object_name: str) -> QFrame:
    """A quietly framed box that groups read-only facts."""
    frame = QFrame()
    frame.setObjectName(object_name)
    palette = frame.palette()
    border = _blend(palette.color(QPalette.ColorRole.WindowText),
                    palette.color(QPalette.ColorRole.Window), 0.16)
    fill = _blend(palette.color(QPalette.ColorRole.Base),
                  palette.color(QPalette.ColorRole.Window), 0.6)
    frame.setStyleSheet(f"QFrame#{object_name} {{ background-color: {fill.name()};"
                        f" border: 1px solid {border.name()}; border-radius: 8px; }}")
    return frame


class FieldMessage(QWidget):
    """The line under a field: a muted hint, or an error/warning with its icon, next to it."""

    _ICONS: ClassVar[dict[str, str]] = {
        "error": "error", "warning": "warning", "success": "check", "info": "info",
    }

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.kind = "hint"
        self._icon = QLabel()
        self._icon.setFixedSize(16, 16)
        self._text = QLabel()
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text.setAccessibleName(object_name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._text, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.show_message("hint", "")

    def text(self) -> str:
        """The message shown now (empty when there is none)."""
        return self._text.text()

    def show_message(self, kind: str, text: str, icon_name: str | None = None) -> None:
        """Show ``text`` as 'hint' (muted), 'error', 'warning', 'success' or 'info'."""
        self.kind = kind
        self._text.setText(text)
        tone = "muted" if kind == "hint" else kind
        color = tone_color(tone, self.palette())
        set_text_color(self._text, color)
        name = icon_name or self._ICONS.get(kind)
        if name:
            pixmap = icon(name, color.name()).pixmap(QSize(16, 16), self.devicePixelRatioF())
            self._icon.setPixmap(pixmap)
        self._icon.setVisible(bool(name))
        self.setVisible(bool(text))


class Banner(QFrame):
    """A tinted box with an icon and a sentence: the warnings a person must not miss."""

    def __init__(self, object_name: str, tone: str, text: str = "", icon_name: str = "warning",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.label = QLabel(text)
        self.label.setObjectName(f"{object_name}Text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._icon = QLabel()
        self._icon.setFixedSize(20, 20)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(10)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.set_tone(tone, icon_name)

    def set_tone(self, tone: str, icon_name: str) -> None:
        """Recolour the box for another tone (warning → error, say)."""
        color = tone_color(tone, self.palette())
        r, g, b = color.red(), color.green(), color.blue()
        self.setStyleSheet(
            f"QFrame#{self.objectName()} {{ background-color: rgba({r},{g},{b},0.10);"
            f" border: 1px solid rgba({r},{g},{b},0.45); border-radius: 6px; }}"
        )
        self._icon.setPixmap(
            icon(icon_name, color.name()).pixmap(QSize(20, 20), self.devicePixelRatioF())
        )

    def set_text(self, text: str) -> None:
        """Change the sentence."""
        self.label.setText(text)

    def text(self) -> str:
        """The sentence shown."""
        return self.label.text()


def separator() -> QFrame:
    """A thin horizontal rule between a dialog's body and its buttons."""
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    line.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    palette = line.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.Mid))
    line.setPalette(palette)
    return line


class FittedDialog(QDialog):
    """A dialog that follows its content's size as sections open and messages appear.

    It resizes itself instead of letting the layout set a minimum size: changing a shown
    window's size constraints makes some platforms (offscreen, used by the tests) complain.
    Subclasses lay themselves out with :meth:`lay_out`, which leaves the size unconstrained.
    """

    def lay_out(self, body: QLayout, footer: QLayout) -> None:
        """The dialog's column: the padded body, a rule, then the button row, edge to edge."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # fit() sizes us
        outer.addLayout(body)
        outer.addWidget(separator())
        outer.addLayout(footer)

    def event(self, event: QEvent) -> bool:
        """After the layout recomputed (it posts LayoutRequest), fit the window to it."""
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            self.fit()
        return handled

    def showEvent(self, event: QShowEvent) -> None:
        """Start at exactly the content's size."""
        self.fit()
        super().showEvent(event)

    def fit(self) -> None:
        """Resize to the content (wrapped text included), whatever the screen's size."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        hint = layout.totalSizeHint()
        if layout.hasHeightForWidth():
            hint.setHeight(layout.totalHeightForWidth(hint.width()))
        if hint != self.size():
            self.resize(hint)
