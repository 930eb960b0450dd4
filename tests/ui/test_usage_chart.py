"""The usage chart as painted: bars where the counts are (valid below, rejected on top), the
theme's tones in light and dark, sharp edges at a device pixel ratio of 2, a tooltip per day,
an accessible summary and the empty state."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip

from qkeys_desktop.ui.theme import TONES, dark_palette
from qkeys_desktop.ui.usage_chart import (
    EMPTY_TEXT,
    Day,
    UsageChart,
    day_tip,
    label_days,
    usage_summary,
)

TODAY = date(2026, 11, 30)


def month(counts: dict[int, tuple[int, int]]) -> list[Day]:
    """30 days ending TODAY; ``counts``: days back → (valid, rejected)."""
    return [(TODAY - timedelta(days=back), *counts.get(back, (0, 0)))
            for back in range(29, -1, -1)]


@pytest.fixture
def chart(qtbot: Any) -> UsageChart:
    widget = UsageChart()
    qtbot.addWidget(widget)
    widget.resize(600, 180)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def render(chart: UsageChart, ratio: float = 1.0) -> QImage:
    """The chart painted into an image of ``ratio`` device pixels per logical pixel."""
    image = QImage(chart.size() * ratio, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(chart.palette().window().color())
    chart.render(image)
    return image


def pixel(image: QImage, point: QPoint) -> QColor:
    ratio = image.devicePixelRatio()
    return image.pixelColor(round(point.x() * ratio), round(point.y() * ratio))


def test_the_words_of_a_day_and_of_the_month() -> None:
    assert day_tip((date(2026, 11, 30), 120, 3)) == "Nov 30: 120 valid, 3 rejected"
    days = month({0: (120, 3), 5: (7, 0)})
    assert usage_summary(days) == ("Last 30 days: 127 valid and 3 rejected verifications; "
                                   "the busiest day was Nov 30 with 123.")
    assert usage_summary(month({})) == EMPTY_TEXT + "."
    assert label_days(30) == [1, 8, 15, 22, 29]  # today and each week back


def test_bars_stand_where_the_counts_are(chart: UsageChart) -> None:
    chart.set_days(month({0: (100, 0), 1: (50, 50), 10: (0, 0)}))
    assert chart.peak() == 100
    assert chart.accessibleDescription().startswith("Last 30 days: 150 valid and 50 rejected")
    valid, rejected = chart.colors()
    image = render(chart)
    plot = chart.plot_rect()
    full, half, none = chart.bar_center(29), chart.bar_center(28), chart.bar_center(19)
    near_top, near_bottom = plot.top() + 3, plot.bottom() - 3
    assert pixel(image, QPoint(full.x(), near_top)) == valid  # 100 of 100: the full height
    assert pixel(image, QPoint(full.x(), near_bottom)) == valid
    assert pixel(image, QPoint(half.x(), near_bottom)) == valid  # valid below…
    assert pixel(image, QPoint(half.x(), plot.top() + plot.height() // 4)) == rejected  # …on top
    assert pixel(image, QPoint(none.x(), near_bottom)) not in (valid, rejected)


def test_the_tones_follow_light_and_dark(chart: UsageChart) -> None:
    chart.set_days(month({0: (10, 10)}))
    assert [c.name() for c in chart.colors()] == [TONES["info"][0], TONES["error"][0]]
    chart.setPalette(dark_palette())
    assert [c.name() for c in chart.colors()] == [TONES["info"][1], TONES["error"][1]]
    image = render(chart)
    bar = chart.bar_center(29)
    assert pixel(image, QPoint(bar.x(), chart.plot_rect().bottom() - 2)).name() == TONES["info"][1]


def test_edges_are_sharp_at_a_device_pixel_ratio_of_two(chart: UsageChart) -> None:
    chart.set_days(month({back: (back * 3 + 1, back % 4) for back in range(30)}))
    valid, _rejected = chart.colors()
    background = chart.palette().window().color()
    image = render(chart, 2.0)
    y = round((chart.plot_rect().bottom() - 1) * 2)  # through every bar, above the baseline
    colours = {image.pixelColor(x, y).name() for x in range(round(chart.plot_rect().left() * 2),
                                                           image.width())}
    # no blended edge pixels: each is a bar's or the background's, the hovered band aside
    assert colours <= {valid.name(), background.name()}
    assert valid.name() in colours and background.name() in colours


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window stack
def test_each_day_has_a_tooltip(chart: UsageChart, qtbot: Any) -> None:
    chart.set_days(month({0: (120, 3)}))
    last = chart.bar_center(29)
    assert chart.day_at(last) == 29
    assert chart.day_at(QPoint(1, 1)) is None  # the legend's corner is no day
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, last, chart.mapToGlobal(last)))
    qtbot.waitUntil(lambda: QToolTip.text() == "Nov 30: 120 valid, 3 rejected")
    QToolTip.hideText()


def test_an_empty_month_says_so_and_draws_no_bars(chart: UsageChart) -> None:
    chart.set_days(month({}))
    assert chart.empty()
    assert chart.accessibleDescription() == EMPTY_TEXT + "."
    assert chart.day_at(chart.bar_center(29)) is None
    image = render(chart)
    valid, rejected = chart.colors()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}
    assert valid.name() not in colours and rejected.name() not in colours
    chart.set_days(month({3: (0, 1)}))  # one refusal is enough to draw
    assert not chart.empty()
    image = render(chart)
    bar = chart.bar_center(26)
    assert pixel(image, QPoint(bar.x(), chart.plot_rect().bottom() - 3)) == rejected
