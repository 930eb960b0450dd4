"""Themed icons look the same on a high-DPI screen, only sharper."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from qkeys_desktop.resource_paths import resources_dir
from qkeys_desktop.ui.icons import icon

NAMES = sorted(path.stem for path in (resources_dir() / "icons").glob("*.svg"))


def drawn_box(image: QImage) -> tuple[int, int, int, int]:
    """The bounding box (left, top, right, bottom) of the pixels the icon paints."""
    xs, ys = [], []
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixelColor(x, y).alpha() > 0:
                xs.append(x)
                ys.append(y)
    assert xs, "nothing drawn"
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("size", [16, 24])
def test_an_icon_at_twice_the_pixel_ratio_is_the_same_drawing_twice_as_fine(
        qapp: Any, name: str, size: int) -> None:
    normal = icon(name, "#ff0000").pixmap(QSize(size, size), 1.0)
    fine = icon(name, "#ff0000").pixmap(QSize(size, size), 2.0)
    assert fine.devicePixelRatio() == 2.0 and fine.size() == QSize(2 * size, 2 * size)
    expected = [2 * edge for edge in drawn_box(normal.toImage())]
    got = drawn_box(fine.toImage())
    assert all(abs(a - b) <= 2 for a, b in zip(got, expected, strict=True)), (got, expected)
