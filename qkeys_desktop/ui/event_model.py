"""The audit log as a Qt table: one row per event, shown in words people use, not store codes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontDatabase, QIcon

from ..core.records import (
    EVENT_ACTOR,
    EVENT_AT,
    EVENT_DETAILS,
    EVENT_KEY_ID,
    EVENT_KIND,
    EVENT_NAME,
    EVENT_SURFACE,
    EventRecord,
    EventRow,
    event_record,
    event_row,
)
from .event_details import event_details
from .i18n import QT_TRANSLATE_NOOP, translate
from .icons import themed_icon
from .tables import AnyIndex, ReadOnlyTableModel
from .theme import Tone, tone_color
from .wording import format_date_time, format_full

#: Raw, comparable values for QSortFilterProxyModel (epoch seconds for times, casefolded text).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

#: The headers, English; translated where shown (:meth:`EventTableModel.headerData`)
COLUMNS = (QT_TRANSLATE_NOOP("EventTableModel", "Time"),
           QT_TRANSLATE_NOOP("EventTableModel", "Event"),
           QT_TRANSLATE_NOOP("EventTableModel", "Name"),
           QT_TRANSLATE_NOOP("EventTableModel", "Key ID"),
           QT_TRANSLATE_NOOP("EventTableModel", "Who"),
           QT_TRANSLATE_NOOP("EventTableModel", "Details"))
TIME, EVENT, NAME, KEY_ID, WHO, DETAILS = range(len(COLUMNS))

#: Store event kind → (label, icon name, icon tone); the label is translated where shown.
EVENT_KINDS: dict[str, tuple[str, str, Tone]] = {
    "key.created": (QT_TRANSLATE_NOOP("EventTableModel", "Key created"), "check", "success"),
    "key.edited": (QT_TRANSLATE_NOOP("EventTableModel", "Key edited"), "settings", "info"),
    "key.disabled": (QT_TRANSLATE_NOOP("EventTableModel", "Key disabled"), "close", "warning"),
    "key.enabled": (QT_TRANSLATE_NOOP("EventTableModel", "Key enabled"), "key", "success"),
    "key.rotated": (QT_TRANSLATE_NOOP("EventTableModel", "Key rotated"), "refresh", "info"),
    # recorded before rotation existed (a rotation without overlap): old logs keep their word
    "key.regenerated": (QT_TRANSLATE_NOOP("EventTableModel", "Key regenerated"), "refresh",
                        "info"),
    "key.deleted": (QT_TRANSLATE_NOOP("EventTableModel", "Key deleted"), "trash", "error"),
    "project.added": (QT_TRANSLATE_NOOP("EventTableModel", "Project added"), "folder",
                      "project"),
    "project.renamed": (QT_TRANSLATE_NOOP("EventTableModel", "Project renamed"), "folder",
                        "project"),
    "project.removed": (QT_TRANSLATE_NOOP("EventTableModel", "Project removed"), "folder",
                        "project"),
    "policy.changed": (QT_TRANSLATE_NOOP("EventTableModel", "Policy changed"), "shield",
                       "warning"),
}

#: Event surface → how the Who column names it (unknown ones, from a newer version, as stored).
SURFACES = {"window": QT_TRANSLATE_NOOP("EventTableModel", "Window"),
            "cli": QT_TRANSLATE_NOOP("EventTableModel", "CLI"),
            "api": QT_TRANSLATE_NOOP("EventTableModel", "API")}
#: Event surface → the Who tooltip, a sentence with the actor in it.
_SURFACE_TIPS = {"window": QT_TRANSLATE_NOOP("EventTableModel", "{who} in the qkeys window"),
                 "cli": QT_TRANSLATE_NOOP("EventTableModel", "{who} with the qkeys command"),
                 "api": QT_TRANSLATE_NOOP("EventTableModel", "{who} through the Python API")}

Wording = Callable[[str], str]


def event_label(kind: str) -> str:
    """Human text for an event kind; unknown kinds (from a newer version) still read sensibly."""
    known = EVENT_KINDS.get(kind)
    if known:
        return translate("EventTableModel", known[0])
    return kind.replace(".", " ").replace("_", " ").capitalize()


def surface_name(surface: str) -> str:
    """How the Who column names a surface ("Window", "CLI"); an unknown one as stored."""
    known = SURFACES.get(surface)
    return translate("EventTableModel", known) if known else surface


def remembered(word: Wording) -> Wording:
    """``word`` asked once per distinct value: a reload words 100,000 events of a dozen kinds
    in a worker, and a translation lookup per row would be most of its time."""
    said: dict[str, str] = {}

    def lookup(value: str) -> str:
        if value not in said:
            said[value] = word(value)
        return said[value]

    return lookup


def event_icon(kind: str) -> QIcon:
    """The small coloured icon for an event kind (info, muted, when the kind is unknown)."""
    _, name, tone = EVENT_KINDS.get(kind, ("", "info", "muted"))
    return themed_icon(name, tone_color(tone))


def who_text(actor: str, surface: str, place: Wording = surface_name) -> str:
    """ "alice@laptop · CLI"; either part alone when the other is unknown ("" for events
    recorded before qkeys kept them)."""
    return " · ".join(part for part in (actor, place(surface) if surface else "") if part)


def who_tip(actor: str, surface: str) -> str | None:
    """The Who cell's tooltip: who, and through what, in a sentence."""
    if not actor and not surface:
        return translate("EventTableModel", "Recorded before qkeys kept who made each change")
    who = actor or translate("EventTableModel", "Someone")
    if not surface:
        return who
    known = _SURFACE_TIPS.get(surface)
    how = (translate("EventTableModel", known) if known
           else translate("EventTableModel", "{who} through {surface}"))
    return how.format(who=who, surface=surface)


@dataclass(frozen=True, slots=True)
class PreparedEvents:
    """Events sorted and made searchable off the UI thread (:meth:`EventTableModel.prepare`)."""

    events: list[EventRow]  # in display order
    haystacks: list[str]  # each row's text, casefolded, for the filter
    sort: tuple[int, Qt.SortOrder] | None


def _haystack(row: EventRow, label: Wording, place: Wording) -> str:
    """What the filter looks in: the event as worded, name, key id, who and the details as
    recorded (not the time, nor the details as worded: either would cost formatting 100,000
    rows per reload)."""
    return "\x1f".join((label(row[EVENT_KIND]), row[EVENT_NAME], row[EVENT_KEY_ID] or "",
                        who_text(row[EVENT_ACTOR], row[EVENT_SURFACE], place),
                        row[EVENT_DETAILS])).casefold()


class EventTableModel(ReadOnlyTableModel):
    """Read-only view of audit events. The model sorts itself (one ``sorted`` over raw values)
    and hands its rows' text to a :class:`~.filter_proxy.FilterProxy`: a log of 100,000 events
    would otherwise cost a Python call per comparison and per row in a QSortFilterProxyModel."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[EventRow] = []  # plain tuples: cheap, and untracked by the GC
        self._haystacks: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

    def set_events(self, events: Sequence[EventRecord]) -> None:
        """Replace every row (the log is re-read as a whole), newest first as the store gives."""
        self.apply(self.prepare([event_row(event) for event in events]))

    def prepare(self, events: Sequence[EventRow]) -> PreparedEvents:
        """The slow part of :meth:`set_events`, safe in a worker thread (reads only the sort)."""
        sort = self._sort
        label, place = remembered(event_label), remembered(surface_name)
        haystacks = [_haystack(event, label, place) for event in events]
        order = _order(events, sort)
        return PreparedEvents([events[i] for i in order], [haystacks[i] for i in order], sort)

    def apply(self, prepared: PreparedEvents) -> None:
        """Show prepared events (re-sorted here if the order changed in the meantime)."""
        events, haystacks = prepared.events, prepared.haystacks
        if prepared.sort != self._sort:
            order = _order(events, self._sort)
            events, haystacks = [events[i] for i in order], [haystacks[i] for i in order]
        self.beginResetModel()
        self._events, self._haystacks = events, haystacks
        self.endResetModel()

    def haystacks(self) -> list[str]:
        """Each row's text in every column, casefolded: what the filter searches."""
        return self._haystacks

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column; selections follow their rows."""
        if not 0 <= column < len(COLUMNS):
            self._sort = None
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        permutation = _order(self._events, self._sort)
        where = {source: i for i, source in enumerate(permutation)}
        self._events = [self._events[i] for i in permutation]
        self._haystacks = [self._haystacks[i] for i in permutation]
        self.changePersistentIndexList(
            old, [self.index(where[index.row()], index.column()) for index in old])
        self.layoutChanged.emit()

    def event_at(self, row: int) -> EventRecord:
        """The record behind a source row."""
        return event_record(self._events[row])

    def row_of(self, event: EventRecord) -> int:
        """The source row holding an equal event, or -1 (events are immutable values)."""
        try:
            return self._events.index(event_row(event))
        except ValueError:
            return -1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return translate("EventTableModel", COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = event_record(self._events[index.row()])  # only for cells being painted
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(event, column)
        if role == SORT_ROLE:
            if column == TIME:
                return self._time_sort_value(index.row())
            return self._sort_value(event, column)
        if role == Qt.ItemDataRole.DecorationRole and column == EVENT:
            return event_icon(event.kind)
        if role == Qt.ItemDataRole.FontRole and column == KEY_ID:
            return self._mono
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(event, column)
        return None

    @staticmethod
    def _display(event: EventRecord, column: int) -> str:
        if column == TIME:
            return format_date_time(event.at)
        if column == EVENT:
            return event_label(event.kind)
        if column == NAME:
            return event.name
        if column == KEY_ID:
            return event.key_id or ""
        if column == WHO:
            return who_text(event.actor, event.surface)
        return event_details(event.details)  # recorded in English, said in the window's words

    @staticmethod
    def _sort_value(event: EventRecord, column: int) -> str:
        return EventTableModel._display(event, column).casefold()

    def _time_sort_value(self, row: int) -> int:
        """Microsecond-scaled time minus the row, so events within one second keep the store's
        newest-first order (stored times have whole-second resolution)."""
        return self._events[row][EVENT_AT] * 1_000_000 - min(row, 999_999)

    @staticmethod
    def _tooltip(event: EventRecord, column: int) -> str | None:
        if column == TIME:
            return format_full(event.at)
        if column == DETAILS and event.details:
            return event_details(event.details)  # long scope lists are elided in the cell

        if column == WHO:
            return who_tip(event.actor, event.surface)
        return None


def _order(events: Sequence[EventRow], sort: tuple[int, Qt.SortOrder] | None) -> list[int]:
    """Row numbers in display order; events of the same second keep the given (store) order."""
    rows = range(len(events))
    if sort is None:
        return list(rows)
    column, order = sort
    label, place = remembered(event_label), remembered(surface_name)
    if column == TIME:
        def key(i: int) -> Any:
            return (events[i][EVENT_AT], -i)
    elif column == EVENT:
        def key(i: int) -> Any:
            return label(events[i][EVENT_KIND]).casefold()
    elif column == NAME:
        def key(i: int) -> Any:
            return events[i][EVENT_NAME].casefold()
    elif column == KEY_ID:
        def key(i: int) -> Any:
            return (events[i][EVENT_KEY_ID] or "").casefold()
    elif column == WHO:
        def key(i: int) -> Any:
            return who_text(events[i][EVENT_ACTOR], events[i][EVENT_SURFACE], place).casefold()

    else:
        def key(i: int) -> Any:
            return events[i][EVENT_DETAILS].casefold()
    return sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)
