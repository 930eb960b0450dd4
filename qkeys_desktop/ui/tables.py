"""The window's tables: how each is set up, shown in place of an empty state, and selected;
and how the keyboard moves through them (Tab leaves a table, the arrows move its rows, the row
they act on is outlined, Esc in a table's search clears it, then goes back to the table).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QWidget,
)

AnyIndex = QModelIndex | QPersistentModelIndex


class ReadOnlyTableModel(QAbstractTableModel):
    """A table whose rows can be selected but not edited: every list in the window."""

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


Row = TypeVar("Row")


class ListTableModel(ReadOnlyTableModel, Generic[Row]):
    """A short read-only list of ``Row`` items under the headers ``COLUMNS``, shown whole (a
    few hundred rows at most: no preparing off the UI thread); subclasses say what each cell
    shows in ``data``, with :meth:`row_of` for the item of an index."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show these rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        """The item shown in ``row``."""
        return self._rows[row]

    def row_of(self, index: AnyIndex) -> Row | None:
        """The item of a valid index in range, else None."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return self.COLUMNS[section]
        return None


def configure_table(table: QTableView, model: QAbstractItemModel) -> None:
    """The look every list in the window shares: whole rows, no grid, roomy, sortable."""
    table.setModel(model)
    # Tab walks the window, not the cells: with whole-row selection a cell-by-cell Tab only
    # traps keyboard users in the table (GNOME and KDE HIG); the arrows move through the rows
    table.setTabKeyNavigation(False)
    _RowOutline(table)
    _IgnoreActivation(table)
    # moving the current row by keyboard repaints only one cell of each row: the outline
    # spans the whole row, so repaint the rows (Ctrl+arrows move it without selecting)
    table.selectionModel().currentRowChanged.connect(lambda *_: table.viewport().update())
    for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
        signal.connect(lambda *_: _keep_a_current_row(table))
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(max(36, table.fontMetrics().height() + 18))
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setMinimumSectionSize(64)


class _IgnoreActivation(QObject):
    """Keeps a table from repainting every visible cell when its window is activated or
    deactivated — which each dialog does as it opens and closes. Qt repaints a widget then
    when its palette's Active and Inactive groups differ, but the style sheet paints a table's
    rows the same either way. A full repaint of the keys table costs ~10 ms of the UI thread on
    a quiet machine, several times that while a worker holds the GIL."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.setObjectName("ignoreActivation")
        self._watched = (table, table.viewport())
        for widget in self._watched:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return (event.type() in (QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate)
                and watched in self._watched)


def _keep_a_current_row(table: QTableView) -> None:
    """A table that has the focus while its rows arrive (the keys table at start) gets a
    current row, as it would had the focus come after them: the outline shows where the
    arrows start, and Enter or Del act on a row the person can see."""
    model = table.model()
    if table.hasFocus() and not table.currentIndex().isValid() and model.rowCount():
        table.selectionModel().setCurrentIndex(model.index(0, 0),
                                               QItemSelectionModel.SelectionFlag.NoUpdate)


class _RowOutline(QObject):
    """An outline around the current row while the table has the keyboard focus: the row
    Enter, Del and the Key menu act on, there to see when the keyboard brought the focus here
    (the style sheet turns Qt's per-cell focus frame off).

    Drawn once per paint of the viewport, over the cells the view painted — not by a Python
    delegate per cell, which made every cell a call into Python (and then a second one for its
    data), each waiting for the GIL while a worker runs.
    """

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.setObjectName("rowOutline")
        self._table = table
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        table = self._table
        if event.type() != QEvent.Type.Paint or watched is not table.viewport():
            return False
        table.paintEvent(event)  # type: ignore[arg-type]  # the cells, as the view paints them
        current = table.currentIndex()
        if table.hasFocus() and current.isValid():
            painter = QPainter(table.viewport())
            try:
                paint_row_outline(painter, table, current.row())
            finally:
                painter.end()
        return True


def paint_row_outline(painter: QPainter, view: QTableView, row: int) -> None:
    """A 2 px outline in the highlight colour around the whole of ``row``, from the first
    column shown to the last (columns may be moved or hidden)."""
    first, last = _shown_ends(view)
    model = view.model()
    left = view.visualRect(model.index(row, first))
    right = view.visualRect(model.index(row, last))
    if not left.isValid() or not right.isValid():
        return
    rect = left.united(right).adjusted(0, 1, 0, -1)
    # the application's highlight: the table's own is the style sheet's pale selection tint
    pen = QPen(QGuiApplication.palette().color(QPalette.ColorRole.Highlight), 2)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(pen)
    top, bottom = rect.top() + 1, rect.bottom()
    painter.drawLine(rect.left(), top, rect.right() + 1, top)
    painter.drawLine(rect.left(), bottom, rect.right() + 1, bottom)
    painter.drawLine(rect.left() + 1, top, rect.left() + 1, bottom)
    painter.drawLine(rect.right(), top, rect.right(), bottom)
    painter.restore()


def _shown_ends(view: QTableView) -> tuple[int, int]:
    """The logical columns shown first and last (columns may be moved or hidden)."""
    header = view.horizontalHeader()
    shown = [header.logicalIndex(visual) for visual in range(header.count())
             if not header.isSectionHidden(header.logicalIndex(visual))]
    return (shown[0], shown[-1]) if shown else (0, 0)


class _EscapeClears(QObject):
    """Esc in a search field: clears it; in an empty one, goes back to the table."""

    def __init__(self, field: QLineEdit, table: QTableView) -> None:
        super().__init__(field)
        self.setObjectName("escapeClears")
        self._field, self._table = field, table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            if not self._field.text() and not self._table.isVisible():
                return False  # nothing to do here: a dialog's Esc, say, may have it
            if event.type() == QEvent.Type.KeyPress:
                self._escape()
            event.accept()  # ShortcutOverride accepted: no shortcut takes Esc from the field
            return True
        return super().eventFilter(watched, event)

    def _escape(self) -> None:
        if self._field.text():
            self._field.clear()
        else:
            self._table.setFocus(Qt.FocusReason.ShortcutFocusReason)


def escape_clears(field: QLineEdit, table: QTableView) -> None:
    """Esc in ``field`` clears it, and a second Esc returns the focus to ``table`` (as the
    search of GNOME's and KDE's lists does)."""
    field.installEventFilter(_EscapeClears(field, table))


def table_or_empty(parent: QWidget, table: QTableView, empty: QWidget) -> QStackedWidget:
    """A stack that shows the table, or in its place what to show when it has no rows."""
    stack = QStackedWidget(parent)
    stack.addWidget(table)
    stack.addWidget(empty)
    return stack


def selected_source_row(table: QTableView, proxy: QAbstractProxyModel) -> int | None:
    """The source-model row of the table's first selected row, or None when none is selected."""
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    return proxy.mapToSource(rows[0]).row()


def select_row(table: QTableView, index: QModelIndex) -> None:
    """Make ``index`` current and select its whole row, and nothing else."""
    flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
             | QItemSelectionModel.SelectionFlag.Rows)
    table.selectionModel().setCurrentIndex(index, flags)
