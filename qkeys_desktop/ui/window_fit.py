"""Keeping a window within its screen: never larger than the screen's available area (the
desktop minus panels and docks), whatever the scale factor, restored or not."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for the title bar and borders before the window manager has framed the window (its frame
# is unknown until shown): a typical title bar, so the status bar is not pushed off the screen.
DEFAULT_DECORATION = QSize(8, 40)


def available_area(widget: QWidget) -> QRect:
    """The available geometry (logical pixels) of the screen the widget is on."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def decoration(window: QWidget) -> QSize:
    """What the window manager's frame adds around the window's client area."""
    frame, inner = window.frameGeometry().size(), window.geometry().size()
    if window.isVisible() and frame != inner:
        return frame - inner
    return DEFAULT_DECORATION


def room_for(window: QWidget) -> QSize:
    """The largest client size whose framed window fits the available area."""
    return (available_area(window).size() - decoration(window)).expandedTo(QSize(1, 1))


def fit_to_screen(window: QWidget, wanted: QSize | None = None, *, keep_position: bool = False,
                  ) -> None:
    """Resize ``window`` to ``wanted`` (default: its current size) shrunk to fit the screen.

    If even the layout's minimum does not fit (a small screen at a large scale factor), the
    minimum is lowered too: a window that shows its status bar with a squeezed page beats one
    whose bottom is out of reach. With ``keep_position`` (a restored geometry) the window is also
    moved back inside the area.
    """
    room = room_for(window)
    least = window.minimumSizeHint()
    if least.width() > room.width() or least.height() > room.height():
        window.setMinimumSize(least.boundedTo(room))
    size = (wanted if wanted is not None else window.size()).boundedTo(room)
    window.resize(size)
    if keep_position:
        move_inside(window, size)


def move_inside(window: QWidget, size: QSize) -> None:
    """Move ``window``, being resized to ``size``, back within the available area."""
    framed = size + decoration(window)
    position = _inside(available_area(window), window.pos(), framed)
    if position != window.pos():
        window.move(position)


def _inside(area: QRect, position: QPoint, framed: QSize) -> QPoint:
    """``position`` moved so that a framed window of size ``framed`` lies within ``area``."""
    x = min(max(position.x(), area.left()), area.left() + area.width() - framed.width())
    y = min(max(position.y(), area.top()), area.top() + area.height() - framed.height())
    return QPoint(max(x, area.left()), max(y, area.top()))
