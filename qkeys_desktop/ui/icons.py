"""Themed icons: the monochrome SVGs in resources/icons recoloured for the current palette.

A recoloured icon is a copy of its SVG in the per-user cache, drawn by Qt's own SVG icon engine
at the size and pixel ratio it is painted at, when it is first painted. Drawing every icon at
every size up front cost the window's start ≈15 ms for the dozen icons it shows (110 SVG
renders). Where the cache cannot be written, the icon is drawn here at every size, as before.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zlib
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, QStandardPaths, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from ..resource_paths import app_icon_path, icon_path

_SOURCE_COLOR = "#5f6368"
_SIZES = (16, 20, 24, 32, 48)


@cache
def _svg(name: str) -> str:
    return icon_path(name).read_text(encoding="utf-8")


@cache
def icon(name: str, color: str = _SOURCE_COLOR) -> QIcon:
    """The icon ``name`` drawn in ``color`` (any QColor name), crisp at every size and DPI."""
    svg = _svg(name).replace(_SOURCE_COLOR, color)
    path = _cached_svg(name, svg)
    return QIcon(str(path)) if path is not None else _drawn(svg)


@cache
def _cache_dir() -> Path:
    return Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.CacheLocation)) / "icons"


def _cached_svg(name: str, svg: str) -> Path | None:
    """The SVG text as a file in the cache, written once (named by a checksum of the text, so an
    update of the icon, or another colour, is another file); None where it can't be written."""
    path = _cache_dir() / f"{name}-{zlib.crc32(svg.encode()):08x}.svg"
    if path.is_file():
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # written aside and renamed: another qkeys starting at the same time reads whole files
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    except OSError:
        return None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(svg)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        return None
    return path


def _drawn(svg: str) -> QIcon:
    """The icon drawn now at every size and pixel ratio the window uses."""
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg.encode()))
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
