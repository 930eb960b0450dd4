"""The keys table: one model over KeyRecords, and a proxy that filters it by the search text.

Display strings are computed lazily per row and cached, so 100,000 keys cost nothing until
they scroll into view. Sorting happens here, in Python, over raw values (one ``sorted`` call)
rather than in the proxy, which would call back into Python for every comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from ..core.permissions import ALL_PERMISSIONS
from ..core.records import KeyRecord, KeyStatus
from . import style
from .icons import themed_icon

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # raw value to sort by (str, int or float)
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2  # the KeyRecord of the row
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # name, key id and projects, for the filter
_ALL_MASK = sum(ALL_PERMISSIONS)
_NEVER = float("inf")  # "no date" sorts after every date
_MAX_DIFF_RANGES = 200  # beyond this many separate removals a reset is cheaper than signals


def utc_now() -> datetime:
    """The current moment, aware."""
    return datetime.now(UTC)


class Column(IntEnum):
    NAME = 0
    KEY = 1
    SCOPE = 2
    PERMISSIONS = 3
    EXPIRES = 4
    LAST_USED = 5
    CREATED = 6


HEADERS = ("Name", "Key", "Scope", "Permissions", "Expires", "Last used", "Created")
_HEADER_TIPS = (
    "The name you gave the key",
    "The public key ID; the secret part is never stored or shown again",
    "The projects the key may be used on",
    "What the key may do",
    "When the key stops working",
    "When an app last presented the key",
    "When the key was created",
)


# -- formatting ---------------------------------------------------------------------------------


def format_date(moment: datetime) -> str:
    """A short local date, e.g. "Dec 29, 2026"."""
    local = moment.astimezone()
    return f"{local:%b} {local.day}, {local.year}"


def format_exact(moment: datetime) -> str:
    """The full local date and time, for tooltips."""
    local = moment.astimezone()
    return f"{local:%A, %B} {local.day}, {local.year} at {local:%H:%M} ({local:%Z})"


def _amount(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"


def format_ago(moment: datetime | None, now: datetime) -> str:
    """ "Never", "just now", "5 min ago", "3 hours ago", "yesterday", "4 days ago", or a date."""
    if moment is None:
        return "Never"
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{_amount(int(seconds // 3600), 'hour')} ago"
    days = int(seconds // 86400)
    if days == 1:
        return "yesterday"
    return f"{days} days ago" if days < 30 else format_date(moment)


def format_expiry(moment: datetime | None, now: datetime) -> str:
    """ "Never", "Expired", "in 3 days" within a week, otherwise the date."""
    if moment is None:
        return "Never"
    left = moment - now
    if left <= timedelta(0):
        return "Expired"
    if left > timedelta(days=7):
        return format_date(moment)
    seconds = left.total_seconds()
    if seconds < 3600:
        return f"in {max(1, round(seconds / 60))} min"
    if seconds < 86400 - 1800:
        return f"in {_amount(round(seconds / 3600), 'hour')}"
    return f"in {_amount(round(seconds / 86400), 'day')}"


def describe_scope(record: KeyRecord) -> str:
    """ "All projects" or the project names."""
    return "All projects" if record.all_projects else ", ".join(record.projects)


def describe_permissions(record: KeyRecord) -> str:
    """ "All" when the key has all five permissions, otherwise e.g. "Read, Write"."""
    if record.permissions & _ALL_MASK == _ALL_MASK:
        return "All"
    return ", ".join(name.capitalize() for name in record.permission_names)


def _timestamp(moment: datetime | None) -> float:
    return _NEVER if moment is None else moment.timestamp()


def sort_value(record: KeyRecord, column: int) -> str | int | float:
    """The raw value a column sorts by: text folded, dates as timestamps, no date last."""
    if column == Column.NAME:
        return record.name.casefold()
    if column == Column.KEY:
        return record.key_id
    if column == Column.SCOPE:
        return "" if record.all_projects else ", ".join(record.projects).casefold()
    if column == Column.PERMISSIONS:
        return bin(record.permissions).count("1") * 64 + record.permissions
    if column == Column.EXPIRES:
        return _timestamp(record.expires_at)
    if column == Column.LAST_USED:
        return _timestamp(record.last_used_at)
    return record.created_at.timestamp()


def key_font() -> QFont:
    """Monospace, a touch smaller than the text around it, so ids line up and stay compact."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    base = QGuiApplication.font()
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * 0.92)
    return font


# -- the model ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    record: KeyRecord
    texts: tuple[str, ...] | None = None  # display strings, computed on first paint
    status: KeyStatus = KeyStatus.ACTIVE


class KeyTableModel(QAbstractTableModel):
    """The API keys as a table; keeps rows (and so selections) across reloads by key id."""

    def __init__(
        self, parent: QObject | None = None, clock: Callable[[], datetime] = utc_now
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self._rows: list[_Row] = []
        self._now = clock()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._mono = key_font()

    # -- Qt model API ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _HEADER_TIPS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts(row)[column]
        if role == SORT_ROLE:
            return sort_value(row.record, column)
        if role == SEARCH_ROLE:
            return self._haystack(row.record)
        if role == RECORD_ROLE:
            return row.record
        return self._decoration(row, column, role)

    def _decoration(self, row: _Row, column: int, role: int) -> Any:
        """Tooltips, colours, fonts and icons: everything but the text itself."""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row.record, column)
        if role == Qt.ItemDataRole.FontRole and column == Column.KEY:
            return self._mono
        if column != Column.EXPIRES or role not in (
            Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole
        ):
            return None
        self._texts(row)
        if row.status == KeyStatus.ACTIVE:
            return None
        expired = row.status == KeyStatus.EXPIRED
        color = style.error_color() if expired else style.warning_color()
        if role == Qt.ItemDataRole.ForegroundRole:
            return color
        return themed_icon("error" if expired else "warning", color)

    def _tooltip(self, record: KeyRecord, column: int) -> str | None:
        if column == Column.NAME:
            return record.name
        if column == Column.KEY:
            return f"{record.key_id} — the secret part was shown once and is not stored"
        if column == Column.SCOPE:
            return "Any project" if record.all_projects else "\n".join(record.projects)
        if column == Column.PERMISSIONS:
            return ", ".join(name.capitalize() for name in record.permission_names)
        moment = {Column.EXPIRES: record.expires_at, Column.LAST_USED: record.last_used_at,
                  Column.CREATED: record.created_at}[Column(column)]
        if moment is None:
            return "Never expires" if column == Column.EXPIRES else "Not used yet"
        prefix = "Expired" if column == Column.EXPIRES and moment <= self._now else ""
        return f"{prefix} {format_exact(moment)}".strip()

    def _texts(self, row: _Row) -> tuple[str, ...]:
        if row.texts is None:
            record, now = row.record, self._now
            row.status = record.status(now)
            row.texts = (
                record.name,
                f"{record.key_id}…",
                describe_scope(record),
                describe_permissions(record),
                format_expiry(record.expires_at, now),
                format_ago(record.last_used_at, now),
                format_date(record.created_at),
            )
        return row.texts

    @staticmethod
    def _haystack(record: KeyRecord) -> str:
        return "\x1f".join((record.name, record.key_id, *record.projects))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's raw values, keeping selections (persistent indexes) in place."""
        if not 0 <= column < len(HEADERS):
            self._sort = None
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = [row.record.key_id for row in self._rows]
        self._sort_rows()
        self._move_persistent(before)
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        if self._sort is None:
            return
        column, order = self._sort
        self._rows.sort(
            key=lambda row: (sort_value(row.record, column), row.record.name.casefold()),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def _move_persistent(self, before: list[str]) -> None:
        position = {row.record.key_id: i for i, row in enumerate(self._rows)}
        old = self.persistentIndexList()
        new = [self.index(position[before[i.row()]], i.column()) for i in old]
        self.changePersistentIndexList(old, new)

    # -- our API --------------------------------------------------------------------------------

    def set_keys(self, records: Iterable[KeyRecord]) -> bool:
        """Show these keys. Rows of keys still present stay (selection and scroll survive);
        returns True when the model had to reset instead."""
        self._now = self.clock()
        incoming = {record.key_id: record for record in records}
        gone = [i for i, row in enumerate(self._rows) if row.record.key_id not in incoming]
        if not self._rows or not incoming or _ranges_count(gone) > _MAX_DIFF_RANGES:
            self._reset(incoming.values())
            return True
        self._remove_rows(gone)
        self._update_rows(incoming)
        present = {row.record.key_id for row in self._rows}
        added = [record for key_id, record in incoming.items() if key_id not in present]
        if added:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(added) - 1)
            self._rows.extend(_Row(record) for record in added)
            self.endInsertRows()
            if self._sort is not None:
                self.sort(*self._sort)
        return False

    def _reset(self, records: Iterable[KeyRecord]) -> None:
        self.beginResetModel()
        self._rows = [_Row(record) for record in records]
        self._sort_rows()
        self.endResetModel()

    def _remove_rows(self, rows: Sequence[int]) -> None:
        for first, last in reversed(_ranges(rows)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first:last + 1]
            self.endRemoveRows()

    def _update_rows(self, incoming: dict[str, KeyRecord]) -> None:
        """Replace changed records in place and announce only the rows that changed."""
        changed = []
        for i, row in enumerate(self._rows):
            fresh = incoming[row.record.key_id]
            if fresh != row.record:
                row.record, row.texts = fresh, None
                changed.append(i)
        for first, last in _ranges(changed) if len(changed) < _MAX_DIFF_RANGES else [
            (0, len(self._rows) - 1)
        ]:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(HEADERS) - 1))
        if changed and self._sort is not None:
            self.sort(*self._sort)

    def refresh_times(self) -> None:
        """Recompute "in 3 days" / "5 min ago" texts, which go stale as time passes."""
        self._now = self.clock()
        for row in self._rows:
            row.texts = None
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.EXPIRES), self.index(len(self._rows) - 1, Column.LAST_USED)
            )

    def record(self, row: int) -> KeyRecord:
        """The key shown in ``row``."""
        return self._rows[row].record

    def records(self) -> list[KeyRecord]:
        """Every key, in display order."""
        return [row.record for row in self._rows]

    def row_of(self, key_id: str) -> int:
        """The row of a key, or -1."""
        return next((i for i, row in enumerate(self._rows) if row.record.key_id == key_id), -1)

    def now(self) -> datetime:
        """The moment relative texts were computed for."""
        return self._now


def _ranges(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted row numbers grouped into (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def _ranges_count(rows: Sequence[int]) -> int:
    return sum(1 for i, row in enumerate(rows) if i == 0 or rows[i - 1] != row - 1)


class KeyFilterProxy(QSortFilterProxyModel):
    """Filters keys by name, key id or project (case-insensitive); sorting is the source's."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(Column.NAME)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(SORT_ROLE)

    def set_search_text(self, text: str) -> None:
        """Show only keys whose name, key id or project contains ``text``."""
        self.setFilterFixedString(text.strip())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the source sort over raw values in one pass; the proxy keeps its order."""
        source = self.sourceModel()
        if isinstance(source, KeyTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def record(self, index: QModelIndex) -> KeyRecord:
        """The key behind a proxy index."""
        return index.siblingAtColumn(0).data(RECORD_ROLE)  # type: ignore[no-any-return]
