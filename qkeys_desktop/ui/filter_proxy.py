"""A filter proxy for big tables: one Python pass per keystroke instead of one call per row.

QSortFilterProxyModel asks Python about every source row whenever the filter changes (through
``filterAcceptsRow`` or ``data``): about a microsecond each, so 100+ ms a keystroke at 100,000
keys, and far more when it then announces the thousands of scattered rows it hides. Here the
source hands over its rows' search texts once (:meth:`SearchableModel.haystacks`, lower-cased
and cached), a list comprehension picks the matching rows in a few milliseconds, and the views
hear a single layout change, which keeps the selection on the rows still shown.

A second filter may narrow the rows further (:meth:`FilterProxy.set_row_filter`: the keys
table's state chips): one function over the source rows that pass the search, so it too costs
one Python pass, and only while it is set.

Sorting is the source's job too (``sort`` is passed on): it orders its rows in one ``sorted``
call over raw values instead of a Python comparison per pair. Flat tables only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
VERTICAL = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
_WITH_HINT = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")


def vertical_layout_change(model: QAbstractItemModel, done: bool = False) -> None:
    """Announce that ``model``'s rows are about to change (or, ``done``, have changed) while
    its columns stay: ``layoutAboutToBeChanged``/``layoutChanged`` with VerticalSortHint. The
    selection model then keeps one persistent index per selected row instead of one per cell,
    which it finds by asking ``flags()`` of each (8,000 calls into Python for 1,000 rows)."""
    signal = model.layoutChanged if done else model.layoutAboutToBeChanged
    signal[_WITH_HINT].emit([], VERTICAL)  # type: ignore[index]  # the overload with the hint
#: Narrows source rows (in order) to those to show, e.g. the keys in a chosen state.
RowFilter = Callable[[Sequence[int]], list[int]]


@runtime_checkable
class SearchableModel(Protocol):
    """What the proxy needs of its source, besides being a flat QAbstractItemModel."""

    def haystacks(self) -> Sequence[str]:
        """Each source row's search text, casefolded, in row order (cached by the source)."""
        ...


class FilterProxy(QAbstractProxyModel):
    """Shows the source rows whose search text contains the filter text (case-insensitive)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._rows: list[int] | None = None  # source rows shown, in order; None: all of them
        self._positions: dict[int, int] | None = None  # source row → proxy row, on demand
        self._saved: list[tuple[QModelIndex, QPersistentModelIndex]] = []  # during a relayout
        self._searchable: SearchableModel | None = None  # the source, as what it is to us
        self._narrow: RowFilter | None = None

    # -- the filter -------------------------------------------------------------------------

    def set_filter_text(self, text: str) -> None:
        """Show only rows whose search text contains ``text`` (all rows when it is blank)."""
        needle = text.strip().casefold()
        if needle == self._needle:
            return
        self._begin_relayout()
        narrowing = bool(self._needle) and needle.startswith(self._needle)
        self._needle = needle
        self._refilter(within=self._rows if narrowing else None)
        self._finish_relayout()

    def filter_text(self) -> str:
        """The text rows are filtered by (stripped and casefolded), or ""."""
        return self._needle

    def set_row_filter(self, narrow: RowFilter | None) -> None:
        """Also show only the rows ``narrow`` keeps of those the text matches (None: all).
        It is called again whenever the source's rows change, so it must read them afresh."""
        self._begin_relayout()
        self._narrow = narrow
        self._refilter()
        self._finish_relayout()

    def _refilter(self, within: list[int] | None = None) -> None:
        source = self._searchable
        self._positions = None
        if source is None or (not self._needle and self._narrow is None):
            self._rows = None
            return
        needle, haystacks = self._needle, source.haystacks()
        rows: Sequence[int] = range(len(haystacks)) if within is None else within
        if needle:
            rows = [row for row in rows if needle in haystacks[row]]
        self._rows = list(rows) if self._narrow is None else self._narrow(rows)

    # -- following the source ---------------------------------------------------------------

    def setSourceModel(self, source: QAbstractItemModel) -> None:
        """Filter ``source``, which must be a :class:`SearchableModel`."""
        if source is not None and not isinstance(source, SearchableModel):
            raise TypeError(f"a FilterProxy filters a model with haystacks(), not "
                            f"{type(source).__name__}")
        old = self.sourceModel()
        if old is not None:
            for signal, slot in self._connections(old):
                signal.disconnect(slot)
        self.beginResetModel()
        super().setSourceModel(source)
        self._searchable = source
        if source is not None:
            for signal, slot in self._connections(source):
                signal.connect(slot)
        self._refilter()
        self.endResetModel()

    def _connections(self, source: QAbstractItemModel) -> list[tuple[Any, Any]]:
        return [
            (source.modelAboutToBeReset, self.beginResetModel),
            (source.modelReset, self._source_reset),
            (source.layoutAboutToBeChanged, self._begin_relayout),
            (source.layoutChanged, self._end_relayout),
            (source.rowsAboutToBeInserted, self._begin_relayout),
            (source.rowsInserted, self._end_relayout),
            (source.rowsAboutToBeRemoved, self._begin_relayout),
            (source.rowsRemoved, self._end_relayout),
            (source.rowsAboutToBeMoved, self._begin_relayout),
            (source.rowsMoved, self._end_relayout),
            (source.dataChanged, self._source_data_changed),
            (source.headerDataChanged, self.headerDataChanged),
        ]

    def _source_reset(self) -> None:
        self._refilter()
        self.endResetModel()

    def _begin_relayout(self, *_args: object) -> None:
        """Before the rows shown change: note where each persistent index points in the source
        (selections, the current row), as QSortFilterProxyModel does. Rows come, go and move;
        columns stay (:func:`vertical_layout_change`)."""
        vertical_layout_change(self)
        self._saved = [(proxy, QPersistentModelIndex(self.mapToSource(proxy)))
                       for proxy in self.persistentIndexList()]

    def _end_relayout(self, *_args: object) -> None:
        """After the source's rows changed: filter them afresh."""
        self._refilter()
        self._finish_relayout()

    def _finish_relayout(self) -> None:
        """Move the persistent indexes noted by :meth:`_begin_relayout` to where their rows are
        shown now (or nowhere), and tell the views."""
        saved, self._saved = self._saved, []
        self.changePersistentIndexList(
            [proxy for proxy, _ in saved],
            [self.mapFromSource(source) for _, source in saved],
        )
        vertical_layout_change(self, done=True)

    def _source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex,
                             roles: Sequence[int] = ()) -> None:
        if self._rows is None:
            self.dataChanged.emit(self.index(top_left.row(), top_left.column()),
                                  self.index(bottom_right.row(), bottom_right.column()), roles)
        else:  # the change may add or drop matches
            self._begin_relayout()
            self._end_relayout()

    # -- the proxy API ----------------------------------------------------------------------

    def source_rows(self, rows: Sequence[int]) -> list[int]:
        """The source rows shown as ``rows`` (in that order; rows not shown are left out): one
        pass, where ``mapToSource`` would be a call from Qt per row."""
        if self._rows is None:
            total = self.rowCount()
            return [row for row in rows if 0 <= row < total]
        shown = self._rows
        return [shown[row] for row in rows if 0 <= row < len(shown)]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        source = self.sourceModel()
        if parent.isValid() or source is None:
            return 0
        return source.rowCount() if self._rows is None else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        source = self.sourceModel()
        return 0 if parent.isValid() or source is None else source.columnCount()

    def index(self, row: int, column: int,
              parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        inside = 0 <= row < self.rowCount() and 0 <= column < self.columnCount()
        return self.createIndex(row, column) if inside and not parent.isValid() else QModelIndex()

    def parent(self, child: Index | None = None) -> Any:
        if child is None:  # QObject.parent() shares the name
            return super().parent()
        return QModelIndex()

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.rowCount() > 0

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        source = self.sourceModel()
        if source is None or not proxy_index.isValid():
            return QModelIndex()
        row = proxy_index.row()
        if self._rows is not None:
            if not 0 <= row < len(self._rows):
                return QModelIndex()
            row = self._rows[row]
        elif not 0 <= row < source.rowCount():
            return QModelIndex()
        # createIndex, not index(): that would ask Python for rowCount and columnCount again
        return source.createIndex(row, proxy_index.column())

    # data, multiData and flags in Python: the base class would call back into Python twice per
    # cell and role (mapToSource, then the source), and each call from Qt into Python waits for
    # the GIL while a worker thread is loading: that is what slowed painting during a load.

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        source = self.sourceModel()
        return None if source is None else source.data(self.mapToSource(index), role)

    def multiData(self, index: Index,
                  roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """Every role a cell paints with (seven of them) in one call instead of seven."""
        source = self.sourceModel()
        source_index = self.mapToSource(index)
        # Qt hands over a span; the stubs allow one QModelRoleData too (a span converts from it)
        cells = (roleDataSpan,) if isinstance(roleDataSpan, QModelRoleData) else roleDataSpan
        # PySide6 iterates a QModelRoleDataSpan, but its stubs do not say so
        for role_data in cells:  # type: ignore[union-attr]
            role = role_data.role()
            role_data.setData(None if source is None else source.data(source_index, role))

    def flags(self, index: Index) -> Qt.ItemFlag:
        source = self.sourceModel()
        if source is None or not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return source.flags(self.mapToSource(index))

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row: int | None = source_index.row()
        if self._rows is not None:
            if self._positions is None:
                self._positions = {source_row: i for i, source_row in enumerate(self._rows)}
            row = self._positions.get(source_index.row())
        return QModelIndex() if row is None else self.index(row, source_index.column())

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles stay when no row matches (the base class maps them through row 0)."""
        source = self.sourceModel()
        if source is None:
            return None
        if orientation == Qt.Orientation.Vertical and self._rows is not None:
            if not 0 <= section < len(self._rows):
                return None
            section = self._rows[section]
        return source.headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source sorts itself in one pass; its layout change reaches us."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
