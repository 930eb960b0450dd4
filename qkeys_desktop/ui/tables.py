"""The window's tables: how each is set up, shown in place of an empty state, and selected."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QStackedWidget, QTableView, QWidget

AnyIndex = QModelIndex | QPersistentModelIndex


class ReadOnlyTableModel(QAbstractTableModel):
    """A table whose rows can be selected but not edited: every list in the window."""

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def configure_table(table: QTableView, model: QAbstractItemModel) -> None:
    """The look every list in the window shares: whole rows, no grid, roomy, sortable."""
    table.setModel(model)
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
