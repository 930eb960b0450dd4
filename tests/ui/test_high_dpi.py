"""The window at other scale factors and on small screens, each in a child process (the scale
and the screen are fixed when Qt starts): every icon is drawn whole and crisp at 1.5 and 2, and
the window never opens larger than the screen's available area."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PROBE = Path(__file__).with_name("scaled_app.py")
LAPTOP = (1366, 768)


def run_scaled(tmp_path: Path, what: str, scale: float,
               screen: tuple[int, int] = LAPTOP) -> dict[str, Any]:
    """Run the probe under QT_SCALE_FACTOR=scale on an offscreen screen of ``screen`` pixels."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [
        {"name": "screen", "x": 0, "y": 0, "width": screen[0], "height": screen[1],
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    folder = tmp_path / f"{what}-{scale}"
    folder.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "QT_SCALE_FACTOR": str(scale)}
    env.pop("QT_SCREEN_SCALE_FACTORS", None)
    done = subprocess.run([sys.executable, str(PROBE), str(folder), what], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def fits(report: dict[str, Any]) -> bool:
    left, top, width, height = report["available"]
    x, y, w, h = report["frame"]
    return bool(left <= x and top <= y and x + w <= left + width and y + h <= top + height)


@pytest.mark.parametrize("scale", [1, 1.5, 2])
def test_every_icon_is_drawn_whole_at_the_screens_pixel_ratio(tmp_path: Path,
                                                              scale: float) -> None:
    icons = run_scaled(tmp_path, "icons", scale, (2732, 1536))["icons"]
    places = {entry["where"].split(":")[0] for entry in icons}
    # sidebar, search, banner, buttons, dialog headers, delivery choices are all looked at
    assert {"main/QListWidget", "main/QLineEdit", "main/QLabel", "main/QPushButton",
            "create/QLabel", "create/QRadioButton", "reveal/QLabel",
            "reveal/QPushButton"} <= places, places
    for entry in icons:
        where, box = entry["where"], entry["box"]
        assert entry["dpr"] == entry["widget_dpr"] == scale, where  # drawn for this screen
        assert box is not None, where
        if entry["reference"] is None:  # a label's pixmap: a cropped icon fills a quarter
            assert box[2] > 0.75 and box[3] > 0.75, (where, box)
        else:  # the same drawing as at ratio 1, only finer
            assert all(abs(a - b) <= 0.1 for a, b in zip(box, entry["reference"], strict=True)), (
                where, box, entry["reference"])


@pytest.mark.parametrize("scale", [1, 1.5, 2])
def test_the_window_opens_within_a_laptop_screen_with_its_status_bar(tmp_path: Path,
                                                                     scale: float) -> None:
    report = run_scaled(tmp_path, "window", scale)
    assert fits(report), report
    _, top, _, height = report["available"]
    assert report["status_bar_bottom"] < top + height
    if scale == 1:  # the usual 1200 px width is kept; only the height gives way
        assert report["frame"][2] >= 1200 and report["frame"][3] < 760


@pytest.mark.parametrize("scale", [1, 2])
def test_a_geometry_remembered_on_a_bigger_screen_is_fitted_to_this_one(tmp_path: Path,
                                                                       scale: float) -> None:
    report = run_scaled(tmp_path, "restored", scale)
    assert fits(report), report
