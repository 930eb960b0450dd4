"""The window's building blocks: labels, buttons, messages, banners, headers, empty states.

Widgets carry a ``role`` property (and a boolean of the same name) for the stylesheet in
``style.py``; the fonts and colours set here (from :mod:`.theme`) are the fallback when no
sheet is applied, and what dialogs use for colours that depend on a tone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .icons import icon
from .theme import Tone, card_colors, rgba, tone_color
from .window_fit import move_inside, room_for

SPACING = 8  # the grid every margin and gap is a multiple of
W = TypeVar("W", bound=QWidget)


# -- controls and labels ----------------------------------------------------------------------


def control(widget: W, name: str, accessible: str, tip: str) -> W:
    """Name a control for tests and screen readers and give it its tooltip."""
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    widget.setToolTip(tip)
    return widget


def with_role(widget: W, role: str) -> W:
    """Tag a widget for the shared stylesheet: role 'heading', 'muted', 'primary' or 'danger'."""
    widget.setProperty("role", role)
    widget.setProperty(role, True)
    return widget


def make_button(parent: QWidget, text: str, name: str, slot: Callable[[], None], tip: str,
                role: str = "", accessible: str = "") -> QPushButton:
    """A push button with the objectName, accessible name and tooltip every control needs."""
    button = control(QPushButton(text, parent), name, accessible or text.rstrip("…"), tip)
    if role:
        with_role(button, role)
    button.clicked.connect(slot)
    return button


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


def muted(label: QLabel) -> QLabel:
    """Secondary text: the stylesheet's muted colour, or the palette's when there is no sheet."""
    with_role(label, "muted")
    set_text_color(label, tone_color("muted", label.palette()))
    return label


def muted_label(text: str = "", word_wrap: bool = True) -> QLabel:
    """A new label of secondary text."""
    label = muted(QLabel(text))
    label.setWordWrap(word_wrap)
    return label


def section_label(text: str, buddy: QWidget | None = None) -> QLabel:
    """A bold field label above its control; the buddy makes Alt+letter mnemonics work."""
    label = QLabel(text)
    label.setFont(scaled_font(label, 1.0, QFont.Weight.DemiBold))
    if buddy is not None:
        label.setBuddy(buddy)
    return label


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


# -- dialog parts -------------------------------------------------------------------------------


def badge(name: str, tone: Tone, palette: QPalette, size: int = 40) -> QLabel:
    """A round, softly tinted badge with an icon: the mark at the top of a dialog."""
    label = QLabel()
    label.setObjectName("dialogBadge")
    label.setFixedSize(size, size)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setPalette(palette)
    paint_badge(label, name, tone)
    return label


def paint_badge(label: QLabel, name: str, tone: Tone) -> None:
    """Show another icon and tone in a badge (the reveal switches from ✓ to the keychain)."""
    color = tone_color(tone, label.palette())
    inner = 24 if label.width() >= 36 else 16  # sizes the icons are drawn at exactly
    label.setPixmap(icon(name, color.name()).pixmap(QSize(inner, inner),
                                                     label.devicePixelRatioF()))
    label.setStyleSheet(f"QLabel#{label.objectName()} {{ background-color: {rgba(color, 0.14)};"
                        f" border-radius: {label.width() // 2}px; }}")


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
    fill, border = card_colors(frame.palette())
    frame.setStyleSheet(f"QFrame#{object_name} {{ background-color: {fill.name()};"
                        f" border: 1px solid {border.name()}; border-radius: 8px; }}")
    return frame


class FieldMessage(QWidget):
    """The line under a field: a muted hint, or an error/warning with its icon, next to it."""

    #: kind → the tone of its text and icon, and its icon
    _KINDS: ClassVar[dict[str, tuple[Tone, str | None]]] = {
        "hint": ("muted", None), "error": ("error", "error"), "warning": ("warning", "warning"),
        "success": ("success", "check"), "info": ("info", "info"),
    }

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.kind = "hint"
        self._fields: list[tuple[QWidget, str]] = []  # what it describes, with their own words
        self._icon = QLabel()
        self._icon.setFixedSize(16, 16)
        self._text = QLabel()
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
        tone, kind_icon = self._KINDS[kind]
        color = tone_color(tone, self.palette())
        set_text_color(self._text, color)
        name = icon_name or kind_icon
        if name:
            pixmap = icon(name, color.name()).pixmap(QSize(16, 16), self.devicePixelRatioF())
            self._icon.setPixmap(pixmap)
        self._icon.setVisible(bool(name))
        self.setVisible(bool(text))
        self._describe_fields()

    def describe(self, *fields: QWidget) -> None:
        """Tie the message to the fields it is about: it becomes their accessible description
        ("Error: …" first), so a screen reader announces an error as it appears on the field
        being typed in, and again whenever the field gets the focus."""
        self._fields = [(field, field.accessibleDescription()) for field in fields]
        about = self.tr(" and ", "between the names of the fields a message is about").join(
            field.accessibleName() for field in fields)
        self._text.setAccessibleDescription(
            self.tr("About {fields}").format(fields=about) if about else "")
        self._describe_fields()

    def _describe_fields(self) -> None:
        spoken = self.text()
        if spoken and self.kind == "error":
            spoken = self.tr("Error: {message}").format(message=spoken)
        elif spoken and self.kind == "warning":
            spoken = self.tr("Warning: {message}").format(message=spoken)
        for field, own in self._fields:
            field.setAccessibleDescription(" ".join(filter(None, (spoken, own))))


class Banner(QFrame):
    """A tinted box with an icon and a sentence: the warnings a person must not miss."""

    def __init__(self, object_name: str, tone: Tone, text: str = "",
                 icon_name: str = "warning", parent: QWidget | None = None) -> None:
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

    def set_tone(self, tone: Tone, icon_name: str) -> None:
        """Recolour the box for another tone (warning → error, say)."""
        color = tone_color(tone, self.palette())
        self.setStyleSheet(
            f"QFrame#{self.objectName()} {{ background-color: {rgba(color, 0.10)};"
            f" border: 1px solid {rgba(color, 0.45)}; border-radius: 6px; }}"
        )
        self._icon.setPixmap(
            icon(icon_name, color.name()).pixmap(QSize(20, 20), self.devicePixelRatioF())
        )

    def set_text(self, text: str) -> None:
        """Change the sentence."""
        self.label.setText(text)
        if self.isVisible():
            self._lay_out_now()

    def _lay_out_now(self) -> None:
        """Give the sentence the height its lines need before the next paint: the layouts would
        otherwise take it only when their posted request arrives, after one frame painted the
        second line cut in half (a longer language wraps where English did not)."""
        chain: list[QWidget] = []
        widget: QWidget | None = self
        while widget is not None:
            chain.append(widget)
            widget = None if widget.isWindow() else widget.parentWidget()
        # up: each layout takes its content's new size hint and passes it on to its parent's;
        # then down from the window: each gives its widgets their new room
        for ancestor in [*chain, *reversed(chain)]:
            layout = ancestor.layout()
            if layout is not None:
                layout.activate()

    def text(self) -> str:
        """The sentence shown."""
        return self.label.text()


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
        """Resize to the content (wrapped text included), but never beyond the screen: when it
        is taller than that, a :class:`ScrollingBody` scrolls and the dialog widens by its bar."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        hint = layout.totalSizeHint()
        if layout.hasHeightForWidth():
            hint.setHeight(layout.totalHeightForWidth(hint.width()))
        room = room_for(self)
        body = self.findChild(ScrollingBody)
        if hint.height() > room.height() and body is not None:
            hint.setWidth(hint.width() + body.bar_width())
        hint = hint.boundedTo(room)
        if hint != self.size():
            self.resize(hint)
            if self.isVisible():  # grown past the screen's bottom: bring the buttons back
                move_inside(self, hint)


class ScrollingBody(QScrollArea):
    """A dialog's form, scrolled only when the screen is too short for all of it.

    It asks for the form's whole size (a plain scroll area caps its hint at a few lines), keeps
    the form at its own height for its width (stretching it would open gaps between fields) and
    has no frame, so that while nothing scrolls it looks like the form laid out directly.
    """

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scrollingBody")
        self.setFrameShape(QFrame.Shape.NoFrame)
        # no Tab stop of its own: tabbing to a field below the fold scrolls it into view
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWidgetResizable(False)
        self.content = content
        self.setWidget(content)
        content.setAutoFillBackground(False)  # setWidget turned it on: keep the dialog's fill
        self.viewport().setAutoFillBackground(False)
        content.installEventFilter(self)
        self._fit_content()

    def bar_width(self) -> int:
        """The width the vertical scroll bar takes from the form when it shows."""
        return self.verticalScrollBar().sizeHint().width()

    def content_height(self) -> int:
        """The form's height at its width, wrapped text included."""
        content = self.content
        if content.hasHeightForWidth():
            return content.heightForWidth(content.width())
        return content.sizeHint().height()

    def sizeHint(self) -> QSize:
        """All of the form, so the dialog shows it whole whenever the screen allows."""
        margins = self.contentsMargins()
        return QSize(self.content.width() + margins.left() + margins.right(),
                     self.content_height() + margins.top() + margins.bottom())

    def minimumSizeHint(self) -> QSize:
        """As narrow as the form, and as short as a scroll area can usefully be."""
        return QSize(self.sizeHint().width(), super().minimumSizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """When the form's layout changes (a section unfolds), resize it and ask for room."""
        if watched is self.content and event.type() == QEvent.Type.LayoutRequest:
            layout = self.content.layout()
            if layout is not None:
                layout.activate()
            self._fit_content()
        return super().eventFilter(watched, event)

    def _fit_content(self) -> None:
        content = self.content
        size = QSize(content.width(), self.content_height())
        if content.size() != size:
            content.resize(size)
        self.updateGeometry()


# -- page parts ---------------------------------------------------------------------------------


def page_column(page: QWidget) -> QVBoxLayout:
    """The page's own layout, with the margins and spacing the list pages share."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(32, 24, 32, 24)
    layout.setSpacing(16)
    return layout


class PageHeader(QWidget):
    """A page's heading and one line of explanation, with an optional button on the right."""

    def __init__(self, title: str, explanation: str, trailing: QWidget | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = with_role(QLabel(title, self), "heading")
        self.heading.setObjectName("pageHeading")
        self.heading.setFont(scaled_font(self.heading, 1.6, QFont.Weight.DemiBold))
        self.heading.setAccessibleName(title)
        self.subheading = muted(QLabel(explanation, self))
        self.subheading.setObjectName("pageSubheading")
        self.subheading.setWordWrap(True)
        texts = QVBoxLayout()
        texts.setSpacing(4)
        texts.addWidget(self.heading)
        texts.addWidget(self.subheading)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        row.addLayout(texts, 1)
        if trailing is not None:
            row.addWidget(trailing, 0, Qt.AlignmentFlag.AlignTop)


class EmptyState(QWidget):
    """What a table shows when it has no rows: an icon, a sentence, and what to do next."""

    def __init__(self, icon_name: str, title: str, text: str, parent: QWidget | None = None,
                 action: QPushButton | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self._icon_name = icon_name
        self.picture = QLabel(self)
        self.title = QLabel(title, self)
        self.title.setObjectName("emptyTitle")
        self.title.setFont(scaled_font(self.title, 1.25, QFont.Weight.DemiBold))
        self.text = muted(QLabel(text, self))
        self.text.setObjectName("emptyText")
        self.text.setWordWrap(True)
        self.text.setFixedWidth(400)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addStretch(2)
        for widget in (self.picture, self.title, self.text):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        self.button = action
        if action is not None:
            layout.addSpacing(8)
            layout.addWidget(action, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self._paint_icon()
        self._fit_text()

    def set_message(self, title: str, text: str) -> None:
        """Change the wording (for example, 'nothing matches' instead of 'nothing yet')."""
        self.title.setText(title)
        self.text.setText(text)
        self._fit_text()

    def _fit_text(self) -> None:
        # a centred, wrapped label gets no height-for-width from the layout: give it its height
        self.text.setVisible(bool(self.text.text()))
        self.text.setFixedHeight(max(0, self.text.heightForWidth(self.text.width())))

    def _paint_icon(self) -> None:
        color = tone_color("muted", self.palette())
        self.picture.setPixmap(
            icon(self._icon_name, color.name()).pixmap(QSize(48, 48), self.devicePixelRatioF()))

    def showEvent(self, event: QShowEvent) -> None:
        """Measure the text once the stylesheet has settled its font."""
        self._fit_text()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """Recolour the icon when the palette switches between light and dark."""
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_icon()
        elif event.type() == QEvent.Type.FontChange:
            self._fit_text()
        super().changeEvent(event)
