"""A key's verifications over the last 30 days as a bar chart: one stacked bar a day, valid
below and rejected on top, drawn with QPainter.

Qt's own painting, not a charting library: the chart is one kind of bar on one axis, which is
some 150 lines here, while QtCharts (or pyqtgraph, or matplotlib) would add a module or a package
to the dependency budget and a look of its own that follows neither the palette nor the
application's font. Everything is drawn in logical coordinates, snapped to whole logical pixels,
so Qt renders it sharp at any device pixel ratio (a ratio of 2 gets twice the pixels, no
scaling of a cached image); nothing is cached, so a palette change (light ↔ dark) shows at the
next paint. The colours are the theme's tones (:mod:`.theme`), which have a light and a dark
variant each.

Each day answers a tooltip ("Nov 30: 120 valid, 3 rejected"); the widget's accessible
description sums up the period for screen readers, which cannot read a picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from .i18n import QT_TRANSLATE_NOOP, translate
from .theme import mix, muted_color, tone_color

Day = tuple[date, int, int]  # (day, valid, rejected), as records.KeyUsage lists them
#: English; translated where shown (a constant is made before any translator is installed)
EMPTY_TEXT = QT_TRANSLATE_NOOP("UsageChart", "No verifications in the last 30 days")
LEGEND = (QT_TRANSLATE_NOOP("UsageChart", "Valid"), QT_TRANSLATE_NOOP("UsageChart", "Rejected"))
_DAY_PATTERN = "MMM d"  # "Nov 30": the year is the one the period is in
_LEFT_PAD = 8  # between the value labels and the first bar
_LEGEND_GAP = 16


def day_label(day: date) -> str:
    """A day as the axis and the tooltips write it: "Nov 30" (in the user's language)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), _DAY_PATTERN)


def count_text(count: int) -> str:
    """A count with the locale's digit grouping: "1,234"."""
    return QLocale().toString(count)


def day_tip(day: Day) -> str:
    """ "Nov 30: 120 valid, 3 rejected"."""
    when, valid, rejected = day
    return translate("UsageChart", "{day}: {valid} valid, {rejected} rejected").format(
        day=day_label(when), valid=count_text(valid), rejected=count_text(rejected))


def usage_summary(days: Sequence[Day]) -> str:
    """The chart in words, for screen readers (and a test of what the picture says)."""
    if not any(valid or rejected for _day, valid, rejected in days):
        return translate("UsageChart", "No verifications in the last 30 days.")
    valid = sum(day[1] for day in days)
    rejected = sum(day[2] for day in days)
    busiest = max(days, key=lambda day: (day[1] + day[2], day[0]))
    count = len(days)
    return translate(
        "UsageChart", "Last %n days: {valid} valid and {rejected} rejected verifications; "
        "the busiest day was {day} with {count}.", "", count).format(

            valid=count_text(valid), rejected=count_text(rejected),
            day=day_label(busiest[0]), count=count_text(busiest[1] + busiest[2]))


def label_days(count: int, every: int = 7) -> list[int]:
    """The days that get a date under them: the last one, and every ``every`` days before it
    (the weekday of today, each week back), so the labels never crowd."""
    return sorted(range(count - 1, -1, -every))


class UsageChart(QWidget):
    """Stacked bars of valid and rejected verifications per day; :meth:`set_days` fills it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usageChart")
        self.setAccessibleName(self.tr("Verifications per day"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)  # the day under the pointer is highlighted
        self._days: list[Day] = []
        self._hover: int | None = None
        self.set_days([])

    # -- data -------------------------------------------------------------------------------

    def set_days(self, days: Sequence[Day]) -> None:
        """Show these days (oldest first), e.g. ``store.usage(key).days``."""
        self._days = list(days)
        self._hover = None
        self.setAccessibleDescription(usage_summary(self._days))
        self.update()

    def days(self) -> list[Day]:
        """The days shown, oldest first."""
        return list(self._days)

    def empty(self) -> bool:
        """Whether there is nothing to draw (no day has a verification)."""
        return not any(valid or rejected for _day, valid, rejected in self._days)

    def peak(self) -> int:
        """The busiest day's verifications: the top of the scale."""
        return max((valid + rejected for _day, valid, rejected in self._days), default=0)

    # -- geometry ---------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(480, 10 * self.fontMetrics().height() + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 7 * self.fontMetrics().height())

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 0.85)
        return font

    def plot_rect(self) -> QRect:
        """Where the bars go: right of the scale's numbers, between the legend and the dates."""
        metrics = QFontMetrics(self._small_font())
        left = metrics.horizontalAdvance(count_text(max(self.peak(), 10))) + _LEFT_PAD
        top = metrics.height() + 10  # the legend's line
        bottom = metrics.height() + 6  # the dates' line
        return self.rect().adjusted(left, top, -2, -bottom)

    def _slot(self, plot: QRect, index: int) -> tuple[int, int]:
        """The left edge and width of a day's column, in whole logical pixels."""
        count = max(len(self._days), 1)
        left = plot.left() + round(index * plot.width() / count)
        right = plot.left() + round((index + 1) * plot.width() / count)
        return left, right - left

    def day_at(self, point: QPoint) -> int | None:
        """The index of the day whose column holds ``point`` (None outside the bars)."""
        plot = self.plot_rect()
        if self.empty() or not plot.adjusted(0, -4, 0, 4).contains(point):
            return None
        for index in range(len(self._days)):
            left, width = self._slot(plot, index)
            if left <= point.x() < left + width:
                return index
        return None

    def bar_center(self, index: int) -> QPoint:
        """The middle of a day's column (for tests and tooltips)."""
        plot = self.plot_rect()
        left, width = self._slot(plot, index)
        return QPoint(left + width // 2, plot.center().y())

    # -- events -----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """A tooltip names the day under the pointer and its counts."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.day_at(event.pos())
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), day_tip(self._days[index]), self)
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.day_at(event.position().toPoint())
        if index != self._hover:
            self._hover = index
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            self._hover = None
            self.update()
        super().leaveEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (light ↔ dark) or font: paint again with its colours and sizes."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.update()
        super().changeEvent(event)

    # -- painting ---------------------------------------------------------------------------

    def colors(self) -> tuple[QColor, QColor]:
        """(valid, rejected): the theme's info and error tones for the palette in use."""
        palette = self.palette()
        return tone_color("info", palette), tone_color("error", palette)

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setFont(self._small_font())
        muted = muted_color(self.palette())
        plot = self.plot_rect()
        if self.empty():
            self._paint_empty(painter, muted)
        else:
            self._paint_scale(painter, plot, muted)
            self._paint_bars(painter, plot)
            self._paint_dates(painter, plot, muted)
            self._paint_legend(painter, muted)
        painter.end()

    def _paint_empty(self, painter: QPainter, muted: QColor) -> None:
        painter.setPen(muted)
        painter.setFont(self.font())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                         translate("UsageChart", EMPTY_TEXT))

    def _line_color(self, amount: float) -> QColor:
        palette = self.palette()
        return mix(palette.window().color(), palette.windowText().color(), amount)

    def _paint_scale(self, painter: QPainter, plot: QRect, muted: QColor) -> None:
        """The baseline, and a dotted line at the busiest day's value with that value."""
        metrics = painter.fontMetrics()
        painter.setPen(QPen(self._line_color(0.35), 1))
        painter.drawLine(plot.left(), plot.bottom(), plot.right(), plot.bottom())
        pen = QPen(self._line_color(0.25), 1, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(plot.left(), plot.top(), plot.right(), plot.top())
        painter.setPen(muted)
        label = QRect(0, plot.top() - metrics.height() // 2, plot.left() - _LEFT_PAD,
                      metrics.height())
        painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         count_text(self.peak()))
        zero = QRect(0, plot.bottom() - metrics.height() // 2, plot.left() - _LEFT_PAD,
                     metrics.height())
        painter.drawText(zero, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "0")

    def _paint_bars(self, painter: QPainter, plot: QRect) -> None:
        valid_color, rejected_color = self.colors()
        peak, height = self.peak(), plot.height()
        for index, (_day, valid, rejected) in enumerate(self._days):
            left, width = self._slot(plot, index)
            if index == self._hover:
                painter.fillRect(QRect(left, plot.top(), width, height + 1),
                                 self._line_color(0.08))
            gap = max(1, round(width * 0.2))  # between neighbouring bars
            bar_left, bar_width = left + gap // 2 + gap % 2, max(1, width - gap)
            total_px = round((valid + rejected) * height / peak)
            valid_px = round(valid * height / peak)
            if (valid or rejected) and total_px == 0:
                total_px = 1  # a day with any use is never drawn as none
            if valid and valid_px == 0:
                valid_px = 1
            base = plot.bottom()
            if valid_px:
                painter.fillRect(QRect(bar_left, base - valid_px, bar_width, valid_px),
                                 valid_color)
            rejected_px = total_px - valid_px
            if rejected and rejected_px <= 0:
                rejected_px = 1
            if rejected:
                painter.fillRect(QRect(bar_left, base - valid_px - rejected_px, bar_width,
                                       rejected_px), rejected_color)

    def _paint_dates(self, painter: QPainter, plot: QRect, muted: QColor) -> None:
        metrics = painter.fontMetrics()
        painter.setPen(muted)
        top = plot.bottom() + 4
        for index in label_days(len(self._days)):
            text = day_label(self._days[index][0])
            left, width = self._slot(plot, index)
            text_width = metrics.horizontalAdvance(text)
            x = left + width // 2 - text_width // 2
            x = max(plot.left() - 4, min(x, self.width() - text_width - 1))  # stay inside
            painter.drawText(QRect(x, top, text_width + 1, metrics.height()),
                             Qt.AlignmentFlag.AlignLeft, text)

    def _paint_legend(self, painter: QPainter, muted: QColor) -> None:
        """ "■ Valid  ■ Rejected" at the top right (text drawn at its baseline: no clipping)."""
        metrics = painter.fontMetrics()
        swatch = max(8, metrics.ascent() - 2)
        x = self.width() - 4
        for word, color in reversed(list(zip(LEGEND, self.colors(), strict=True))):
            text = translate("UsageChart", word)

            x -= metrics.boundingRect(text).right() + 1
            painter.setPen(muted)
            painter.drawText(x, metrics.ascent(), text)
            x -= swatch + 5
            painter.fillRect(QRect(x, (metrics.height() - swatch) // 2, swatch, swatch), color)
            x -= _LEGEND_GAP
