"""The keys table: one model over KeyRecords, and a proxy that filters it by the search text.

Display strings are computed lazily per row and cached, so 100,000 keys cost nothing until
they scroll into view. Sorting happens here, in Python, over raw values (one ``sorted`` call)
rather than in the proxy, which would call back into Python for every comparison; likewise the
search (see :mod:`.filter_proxy`). Reloads are prepared off the UI thread (see KeyTableModel).
"""

from __future__ import annotations

import operator
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from ..core.expiration import EXPIRY_SOON
from ..core.records import (
    KEY_ALL_PROJECTS,
    KEY_CREATED_AT,
    KEY_EXPIRES_AT,
    KEY_ID,
    KEY_LAST_USED_AT,
    KEY_NAME,
    KEY_PERMISSIONS,
    KEY_PROJECTS,
    KeyRecord,
    KeyRow,
    KeyStatus,
    key_record,
    key_row,
)
from ..core.store import utc_now
from ..core.validation import name_key
from .filter_proxy import FilterProxy
from .icons import themed_icon
from .theme import tone_color
from .wording import (
    format_ago,
    format_date,
    format_expiry,
    format_full,
    permission_list,
    permission_summary,
    scope_text,
    scope_tip,
)

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # raw value to sort by (str, int or float)
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2  # the KeyRecord of the row
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # name, key id and projects, for the filter
_NEVER = float("inf")  # "no date" sorts after every date


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


def key_font() -> QFont:
    """Monospace, a touch smaller than the text around it, so ids line up and stay compact."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    base = QGuiApplication.font()
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * 0.92)
    return font


# -- the model ----------------------------------------------------------------------------------

_TEXT_CACHE_LIMIT = 5_000  # display strings kept for rows painted since the last reload


def _haystack(row: KeyRow) -> str:
    """What the search looks in: name, key id and projects, casefolded."""
    if not row[KEY_PROJECTS]:
        return f"{row[KEY_NAME]}\x1f{row[KEY_ID]}".casefold()
    return "\x1f".join((row[KEY_NAME], row[KEY_ID], *row[KEY_PROJECTS])).casefold()


def _moment(row: KeyRow, column: int) -> int | None:
    """The time a date column shows, in epoch seconds (None: never)."""
    if column == Column.EXPIRES:
        return row[KEY_EXPIRES_AT]
    return row[KEY_LAST_USED_AT] if column == Column.LAST_USED else row[KEY_CREATED_AT]


def _row_sort_value(row: KeyRow, column: int) -> str | int | float:
    """The raw value a column sorts by: text folded, dates as timestamps, no date last."""
    if column == Column.NAME:
        return row[KEY_NAME].casefold()
    if column == Column.KEY:
        return row[KEY_ID]
    if column == Column.SCOPE:
        return "" if row[KEY_ALL_PROJECTS] else ", ".join(row[KEY_PROJECTS]).casefold()
    if column == Column.PERMISSIONS:
        return bin(row[KEY_PERMISSIONS]).count("1") * 64 + row[KEY_PERMISSIONS]
    moment = _moment(row, column)
    return _NEVER if moment is None else moment


def _sort_key(column: int) -> Callable[[KeyRow], Any]:
    """The sort key of a column for whole rows: raw values, names breaking ties."""
    if column == Column.NAME:
        return lambda row: row[KEY_NAME].casefold()
    if column == Column.EXPIRES:
        return lambda row: (_NEVER if row[KEY_EXPIRES_AT] is None else row[KEY_EXPIRES_AT],
                            row[KEY_NAME].casefold())
    if column == Column.LAST_USED:
        return lambda row: (_NEVER if row[KEY_LAST_USED_AT] is None else row[KEY_LAST_USED_AT],
                            row[KEY_NAME].casefold())
    if column == Column.CREATED:
        return lambda row: (row[KEY_CREATED_AT], row[KEY_NAME].casefold())
    return lambda row: (_row_sort_value(row, column), row[KEY_NAME].casefold())


def _newest_first(rows: list[KeyRow], sort: tuple[int, Qt.SortOrder]) -> bool:
    """Whether ``rows`` already are in the default order (newest first, then names descending),
    as the store lists them: checked in a few ms, where sorting would take ten times that."""
    if sort != (Column.CREATED, Qt.SortOrder.DescendingOrder):
        return False
    created = [row[KEY_CREATED_AT] for row in rows]
    if not all(map(operator.ge, created, created[1:])):
        return False
    ties = [i for i, (a, b) in enumerate(pairwise(created)) if a == b]
    return all(rows[i][KEY_NAME].casefold() >= rows[i + 1][KEY_NAME].casefold() for i in ties)


def _order(rows: list[KeyRow], sort: tuple[int, Qt.SortOrder] | None) -> list[int]:
    """Row numbers in display order: one ``sorted`` over precomputed keys. The store lists
    newest first, the default order, so the sort itself is then one linear pass."""
    if sort is None or _newest_first(rows, sort):
        return list(range(len(rows)))
    column, order = sort
    keys = list(map(_sort_key(column), rows))
    return sorted(range(len(rows)), key=keys.__getitem__,
                  reverse=order == Qt.SortOrder.DescendingOrder)


@dataclass(frozen=True, slots=True)
class PreparedKeys:
    """Keys made ready for the table off the UI thread (:meth:`KeyTableModel.prepare`), so that
    showing them (:meth:`KeyTableModel.apply`) costs the UI thread next to nothing."""

    rows: list[KeyRow]  # in display order
    haystacks: list[str]  # each row's search text
    positions: dict[str, int]  # key id → row
    expiries: list[int]  # every expiry, ascending: the banner counts by bisection
    name_keys: set[str]  # every name, folded: the Create dialog's uniqueness check
    base: list[KeyRow]  # the rows shown when this was prepared (apply redoes it if they changed)
    sort: tuple[int, Qt.SortOrder] | None
    now: datetime

    def __len__(self) -> int:
        return len(self.rows)


class KeyTableModel(QAbstractTableModel):
    """The API keys as a table; keeps rows (and so selections) across reloads by key id.

    A reload is prepared in the background (:meth:`prepare`: order, search texts, positions)
    and shown with one layout change (:meth:`apply`), which moves selections by key id: with
    100,000 keys the UI thread does no per-key work. Rows are plain KeyRow tuples; display
    strings and KeyRecords are made only for the rows that are painted or asked for.
    """

    def __init__(
        self, parent: QObject | None = None, clock: Callable[[], datetime] = utc_now
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self._rows: list[KeyRow] = []
        self._haystacks: list[str] = []
        self._positions: dict[str, int] | None = {}
        self._expiries: list[int] = []
        self._name_keys: set[str] = set()
        self._texts: dict[str, tuple[tuple[str, ...], KeyStatus]] = {}  # by key id
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
            return self._texts_of(row)[0][column]
        if role == SORT_ROLE:
            return _row_sort_value(row, column)
        if role == SEARCH_ROLE:
            return self._haystacks[index.row()]
        if role == RECORD_ROLE:
            return key_record(row)
        return self._decoration(row, column, role)

    def _decoration(self, row: KeyRow, column: int, role: int) -> Any:
        """Tooltips, colours, fonts and icons: everything but the text itself."""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key_record(row), column)
        if role == Qt.ItemDataRole.FontRole and column == Column.KEY:
            return self._mono
        if column != Column.EXPIRES or role not in (
            Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole
        ):
            return None
        status = self._texts_of(row)[1]
        if status == KeyStatus.ACTIVE:
            return None
        expired = status == KeyStatus.EXPIRED
        color = tone_color("error" if expired else "warning")
        if role == Qt.ItemDataRole.ForegroundRole:
            return color
        return themed_icon("error" if expired else "warning", color)

    def _tooltip(self, record: KeyRecord, column: int) -> str | None:
        if column == Column.NAME:
            return record.name
        if column == Column.KEY:
            return f"{record.key_id} — the secret part was shown once and is not stored"
        if column == Column.SCOPE:
            return scope_tip(record.all_projects, record.projects)
        if column == Column.PERMISSIONS:
            return permission_list(record.permissions)
        moment = {Column.EXPIRES: record.expires_at, Column.LAST_USED: record.last_used_at,
                  Column.CREATED: record.created_at}[Column(column)]
        if moment is None:
            return "Never expires" if column == Column.EXPIRES else "Not used yet"
        prefix = "Expired" if column == Column.EXPIRES and moment <= self._now else ""
        return f"{prefix} {format_full(moment)}".strip()

    def _texts_of(self, row: KeyRow) -> tuple[tuple[str, ...], KeyStatus]:
        """A row's display strings and status, made on first paint and kept until a reload."""
        cached = self._texts.get(row[KEY_ID])
        if cached is None:
            if len(self._texts) >= _TEXT_CACHE_LIMIT:
                self._texts.clear()
            record, now = key_record(row), self._now
            cached = self._texts[row[KEY_ID]] = ((
                record.name,
                f"{record.key_id}…",
                scope_text(record.all_projects, record.projects),
                permission_summary(record.permissions),
                format_expiry(record.expires_at, now),
                format_ago(record.last_used_at, now),
                format_date(record.created_at),
            ), record.status(now))
        return cached

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's raw values, keeping selections (persistent indexes) in place."""
        if not 0 <= column < len(HEADERS):
            self._sort = None
            return
        self._sort = (column, order)
        permutation = _order(self._rows, self._sort)
        self._show([self._rows[i] for i in permutation],
                   [self._haystacks[i] for i in permutation])

    def _show(self, rows: list[KeyRow], haystacks: list[str],
              positions: dict[str, int] | None = None) -> None:
        """Show ``rows`` through one layout change; persistent indexes follow their key id."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        moved = [self._rows[index.row()][KEY_ID] for index in old]
        self._rows, self._haystacks, self._positions = rows, haystacks, positions
        where = self._positions_by_id()
        self.changePersistentIndexList(
            old, [self.index(where.get(key_id, -1), index.column())
                  for index, key_id in zip(old, moved, strict=True)])
        self.layoutChanged.emit()

    def _positions_by_id(self) -> dict[str, int]:
        if self._positions is None:
            self._positions = {row[KEY_ID]: i for i, row in enumerate(self._rows)}
        return self._positions

    # -- our API --------------------------------------------------------------------------------

    def prepare(self, rows: Iterable[KeyRow]) -> PreparedKeys:
        """Everything a reload needs that scales with the number of keys; safe to run in a
        worker thread, as it only reads this model (the rows shown, the sort, the clock)."""
        base, sort = self._rows, self._sort
        given = list(rows)
        order = _order(given, sort)
        rows = given if order == list(range(len(given))) else [given[i] for i in order]
        expiries = sorted(row[KEY_EXPIRES_AT] for row in rows if row[KEY_EXPIRES_AT] is not None)
        return PreparedKeys(rows, [_haystack(row) for row in rows],
                            {row[KEY_ID]: i for i, row in enumerate(rows)}, expiries,
                            {name_key(row[KEY_NAME]) for row in rows}, base, sort, self.clock())

    def apply(self, prepared: PreparedKeys) -> bool:
        """Show prepared keys. Rows of keys still present keep their selection and the scroll
        position stays; returns True when the model had to reset instead (from or to empty)."""
        if prepared.base is not self._rows or prepared.sort != self._sort:
            prepared = self.prepare(prepared.rows)  # the table changed meanwhile: redo here
        self._now, self._expiries = prepared.now, prepared.expiries
        self._name_keys = prepared.name_keys
        self._texts.clear()
        if self._rows and prepared.rows:
            self._show(prepared.rows, prepared.haystacks, prepared.positions)
            return False
        self.beginResetModel()
        self._rows, self._haystacks = prepared.rows, prepared.haystacks
        self._positions = prepared.positions
        self.endResetModel()
        return True

    def set_keys(self, records: Iterable[KeyRecord]) -> bool:
        """Show these keys (:meth:`prepare` and :meth:`apply` in one go, on this thread)."""
        return self.apply(self.prepare(key_row(record) for record in records))

    def haystacks(self) -> list[str]:
        """Each row's search text (casefolded name, key id and projects), for the filter."""
        return self._haystacks

    def taken_names(self) -> set[str]:
        """Every key's name as the uniqueness rule compares them (validation.name_key)."""
        return self._name_keys

    def expiry_counts(self) -> tuple[int, int]:
        """How many keys have expired, and how many expire within EXPIRY_SOON, as of now()."""
        now = self._now.timestamp()
        expired = bisect_right(self._expiries, now)
        soon = bisect_right(self._expiries, now + EXPIRY_SOON.total_seconds())
        return expired, soon - expired

    def refresh_times(self) -> None:
        """Recompute "in 3 days" / "5 min ago" texts, which go stale as time passes."""
        self._now = self.clock()
        self._texts.clear()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.EXPIRES), self.index(len(self._rows) - 1, Column.LAST_USED)
            )

    def record(self, row: int) -> KeyRecord:
        """The key shown in ``row``."""
        return key_record(self._rows[row])

    def row_of(self, key_id: str) -> int:
        """The row of a key, or -1."""
        return self._positions_by_id().get(key_id, -1)

    def now(self) -> datetime:
        """The moment relative texts were computed for."""
        return self._now


class KeyFilterProxy(FilterProxy):
    """Filters keys by name, key id or project (case-insensitive); sorting is the source's."""

    def set_search_text(self, text: str) -> None:
        """Show only keys whose name, key id or project contains ``text``."""
        self.set_filter_text(text)
