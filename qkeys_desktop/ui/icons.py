"""Themed icons: the monochrome SVGs in resources/icons recoloured for the current palette."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from ..resource_paths import app_icon_path, icon_path

_SOURCE_COLOR = "#5f6368"
_SIZES = (16, 20, 24, 32, 48)


@cache
def _svg(name: str) -> str:
    return icon_path(name).read_text(encoding="utf-8")


@cache
def icon(name: str, color: str = _SOURCE_COLOR) -> QIcon:
    """The icon ``name`` drawn in ``color`` (any QColor name), crisp at every size and DPI."""
    renderer = QSvgRenderer(QByteArray(_svg(name).replace(_SOURCE_COLOR, color).encode()))
    result = QIcon()
    for size in _SIZES:
        for scale in (1, 2):
            pixmap = QPixmap(QSize(size, size) * scale)
            pixmap.setDevicePixelRatio(scale)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            # explicit bounds, in the pixmap's logical pixels: without them the SVG is drawn at
            # its own size through the device's scale, cropped on high-DPI screens
            renderer.render(painter, QRectF(0, 0, size, size))
            painter.end()
            result.addPixmap(pixmap)
    return result


def themed_icon(name: str, color: QColor) -> QIcon:
    """The icon in a palette colour."""
    return icon(name, color.name())


def app_icon() -> QIcon:
    """The application's own icon."""
    return QIcon(str(app_icon_path()))
