"""Recoloured icons come from SVG copies in the per-user cache, drawn by Qt when painted; without
a writable cache they are drawn at once, and look the same."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize

from qkeys_desktop.ui import icons


@pytest.fixture(autouse=True)
def fresh_icons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Icons made anew, with the cache in this test's directory."""
    cache = tmp_path / "cache" / "icons"
    monkeypatch.setattr(icons, "_cache_dir", lambda: cache)
    icons.icon.cache_clear()
    yield cache
    icons.icon.cache_clear()


def colours(name: str, color: str) -> set[str]:
    """The opaque colours of the icon drawn at 24 px."""
    image = icons.icon(name, color).pixmap(QSize(24, 24), 1.0).toImage()
    return {image.pixelColor(x, y).name() for y in range(image.height())
            for x in range(image.width()) if image.pixelColor(x, y).alpha() == 255}


def test_an_icon_is_drawn_in_its_colour_from_one_cached_copy(qapp: Any,
                                                             fresh_icons: Path) -> None:
    assert colours("key", "#c62828") == {"#c62828"}
    written = sorted(fresh_icons.iterdir())
    assert len(written) == 1 and "#c62828" in written[0].read_text()
    icons.icon.cache_clear()
    assert colours("key", "#c62828") == {"#c62828"}
    assert sorted(fresh_icons.iterdir()) == written  # found again, not written again
    assert colours("key", "#1d64c8") == {"#1d64c8"}
    assert len(list(fresh_icons.iterdir())) == 2  # another colour, another copy


def test_without_a_writable_cache_the_icon_is_drawn_all_the_same(
        qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setattr(icons, "_cache_dir", lambda: blocked / "icons")
    assert colours("trash", "#2e7d32") == {"#2e7d32"}
    assert icons.icon("trash", "#2e7d32").pixmap(QSize(16, 16), 2.0).size() == QSize(32, 32)
    assert blocked.read_text() == "not a directory"
