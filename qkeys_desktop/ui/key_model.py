"""The keys table: one model over KeyRecords, and a proxy that filters it by the search text
and by what the keys are (:class:`Kind`: active, expiring, disabled, rotating, in the keychain…).

Display strings are computed lazily per row and cached, so 100,000 keys cost nothing until
they scroll into view. Sorting happens here, in Python, over raw values (one ``sorted`` call)
rather than in the proxy, which would call back into Python for every comparison; likewise the
search and the filters (see :mod:`.filter_proxy`). Reloads are prepared off the UI thread (see
KeyTableModel).
"""

from __future__ import annotations

import operator
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum, IntEnum
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QIcon

from ..core.expiration import EXPIRY_SOON
from ..core.key_listing import KeyChanges
from ..core.limits import describe_rate
from ..core.policy import NO_POLICY, RegistryPolicy, violation
from ..core.records import (
    KEY_ALL_PROJECTS,
    KEY_CREATED_AT,
    KEY_DESCRIPTION,
    KEY_DISABLED_AT,
    KEY_EXPIRES_AT,
    KEY_ID,
    KEY_KEYCHAIN_SERVICE,
    KEY_LAST_USED_AT,
    KEY_NAME,
    KEY_PERMISSIONS,
    KEY_PREVIOUS_UNTIL,
    KEY_PROJECTS,
    KEY_RATE_LIMIT,
    KEY_USES_30D,
    KEY_USES_LIMIT,
    KeyRecord,
    KeyRow,
    KeyStatus,
    key_record,
    key_row,
)
from ..core.store import utc_now
from ..core.validation import name_key
from . import key_merge
from .filter_proxy import FilterProxy, vertical_layout_change
from .i18n import QT_TRANSLATE_NOOP, translate
from .icons import themed_icon
from .theme import Tone, tone_color
from .usage_chart import count_text
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
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # name, description, key id and projects
#: On the Name column: (text, short text, tone) of the badge drawn after the name: "Disabled";
#: "Rotating — old token stops in 5 h", or "Rotating · 5 h" where that has no room. None for
#: other keys. A badge, not a column: a Status column wide enough for a rotation's sentence
#: would leave the names no room at the window's usual width.
BADGE_ROLE = Qt.ItemDataRole.UserRole + 4
_NEVER = float("inf")  # "no date" sorts after every date
UNUSED_DAYS = 90  # a key unused this long is flagged as a candidate for deletion
UNUSED_AFTER = UNUSED_DAYS * 86400
_SOON = EXPIRY_SOON.total_seconds()


class Column(IntEnum):
    NAME = 0
    KEY = 1
    SCOPE = 2
    PERMISSIONS = 3
    EXPIRES = 4
    LAST_USED = 5
    USES = 6
    CREATED = 7


_CONTEXT = "KeyTableModel"  # of the module's texts outside the model, too (one place)
# English here, translated where shown: no translator is installed when the module is imported
HEADERS = (QT_TRANSLATE_NOOP("KeyTableModel", "Name"), QT_TRANSLATE_NOOP("KeyTableModel", "Key"),
           QT_TRANSLATE_NOOP("KeyTableModel", "Scope"),
           QT_TRANSLATE_NOOP("KeyTableModel", "Permissions"),
           QT_TRANSLATE_NOOP("KeyTableModel", "Expires"),
           QT_TRANSLATE_NOOP("KeyTableModel", "Last used"),
           QT_TRANSLATE_NOOP("KeyTableModel", "Uses (30 d)"),
           QT_TRANSLATE_NOOP("KeyTableModel", "Created"))
_HEADER_TIPS = (
    QT_TRANSLATE_NOOP("KeyTableModel", "The name you gave the key (its description in the "
                      "tooltip), and whether it is disabled or rotating (the token it replaced "
                      "still works for a while)"),
    QT_TRANSLATE_NOOP("KeyTableModel",
                      "The public key ID; the secret part is never stored or shown again"),
    QT_TRANSLATE_NOOP("KeyTableModel", "The projects the key may be used on"),
    QT_TRANSLATE_NOOP("KeyTableModel", "What the key may do"),
    QT_TRANSLATE_NOOP("KeyTableModel", "When the key stops working"),
    QT_TRANSLATE_NOOP("KeyTableModel", "When an app last presented the key; keys unused for 90 "
                      "days are marked as candidates for deletion"),
    QT_TRANSLATE_NOOP("KeyTableModel", "Valid checks in the last 30 days (counted about once a "
                      "minute); a limited key's limits in its tooltip"),
    QT_TRANSLATE_NOOP("KeyTableModel", "When the key was created (or last rotated)"),
)


class Kind(Enum):
    """What the filter chips select. The first five are states (a key is shown when it is in
    any state chosen); the last two are traits (a key must have every trait chosen)."""

    # the chips' English labels: kind_label() shows them translated
    ACTIVE = QT_TRANSLATE_NOOP("KeyTableModel", "Active")
    EXPIRING = QT_TRANSLATE_NOOP("KeyTableModel", "Expiring")
    EXPIRED = QT_TRANSLATE_NOOP("KeyTableModel", "Expired")
    DISABLED = QT_TRANSLATE_NOOP("KeyTableModel", "Disabled")
    ROTATING = QT_TRANSLATE_NOOP("KeyTableModel", "Rotating")
    NEVER_EXPIRES = QT_TRANSLATE_NOOP("KeyTableModel", "Never expires")
    IN_KEYCHAIN = QT_TRANSLATE_NOOP("KeyTableModel", "In keychain")
    UNUSED = QT_TRANSLATE_NOOP("KeyTableModel", "Unused 90 d")


STATES = (Kind.ACTIVE, Kind.EXPIRING, Kind.EXPIRED, Kind.DISABLED, Kind.ROTATING)
TRAITS = (Kind.NEVER_EXPIRES, Kind.IN_KEYCHAIN, Kind.UNUSED)
KIND_TIPS = {
    Kind.ACTIVE: QT_TRANSLATE_NOOP("KeyTableModel",
                                   "Keys that work and do not expire within 7 days"),
    Kind.EXPIRING: QT_TRANSLATE_NOOP("KeyTableModel", "Keys that expire within 7 days"),
    Kind.EXPIRED: QT_TRANSLATE_NOOP("KeyTableModel",
                                    "Keys past their expiration: apps using them are refused"),
    Kind.DISABLED: QT_TRANSLATE_NOOP("KeyTableModel",
                                     "Keys paused by someone: refused until enabled again"),
    Kind.ROTATING: QT_TRANSLATE_NOOP("KeyTableModel", "Keys rotated with an overlap: the token "
                                     "they replaced still works for now"),
    Kind.NEVER_EXPIRES: QT_TRANSLATE_NOOP("KeyTableModel", "Keys with no expiration date "
                                          "(combines with the states: both must hold)"),
    Kind.IN_KEYCHAIN: QT_TRANSLATE_NOOP("KeyTableModel", "Keys whose token was saved to this "
                                        "computer's keychain (combines with the states: both "
                                        "must hold)"),
    Kind.UNUSED: QT_TRANSLATE_NOOP("KeyTableModel", "Keys created over 90 days ago and not used "
                                   "for 90 days (or never): candidates for deletion (combines "
                                   "with the states: both must hold)"),
}
#: Each kind as a few words inside a sentence ("No keys match the chosen filters: expiring,
#: in keychain."): lower case in English, a translation's own case.
_KIND_PHRASES = {
    Kind.ACTIVE: QT_TRANSLATE_NOOP("KeyTableModel", "active"),
    Kind.EXPIRING: QT_TRANSLATE_NOOP("KeyTableModel", "expiring"),
    Kind.EXPIRED: QT_TRANSLATE_NOOP("KeyTableModel", "expired"),
    Kind.DISABLED: QT_TRANSLATE_NOOP("KeyTableModel", "disabled"),
    Kind.ROTATING: QT_TRANSLATE_NOOP("KeyTableModel", "rotating"),
    Kind.NEVER_EXPIRES: QT_TRANSLATE_NOOP("KeyTableModel", "never expires"),
    Kind.IN_KEYCHAIN: QT_TRANSLATE_NOOP("KeyTableModel", "in keychain"),
    Kind.UNUSED: QT_TRANSLATE_NOOP("KeyTableModel", "unused 90 d"),
}


def kind_label(kind: Kind) -> str:
    """A kind's chip label in the window's language ("Expiring")."""
    return translate(_CONTEXT, kind.value)


def kind_tip(kind: Kind) -> str:
    """What a kind's chip selects, in the window's language."""
    return translate(_CONTEXT, KIND_TIPS[kind])


def kind_phrase(kind: Kind) -> str:
    """A kind as words within a sentence ("in keychain"), in the window's language."""
    return translate(_CONTEXT, _KIND_PHRASES[kind])


def key_font() -> QFont:
    """Monospace, a touch smaller than the text around it, so ids line up and stay compact."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    base = QGuiApplication.font()
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * 0.92)
    return font


# -- what a row is, from its raw values ---------------------------------------------------------


def row_state(row: KeyRow, now: float) -> Kind:
    """The one state a row shows, as of ``now`` (epoch seconds): disabled first
    (KeyRecord.status's order), then expired (a rotating key's old token expires with it),
    then rotating, expiring, active."""
    if row[KEY_DISABLED_AT] is not None:
        return Kind.DISABLED
    expires = row[KEY_EXPIRES_AT]
    if expires is not None and expires <= now:
        return Kind.EXPIRED
    until = row[KEY_PREVIOUS_UNTIL]
    if until is not None and until > now:
        return Kind.ROTATING
    return Kind.ACTIVE if expires is None or expires - now > _SOON else Kind.EXPIRING


def _matcher(kinds: frozenset[Kind], now: float) -> Callable[[KeyRow], bool]:
    """Whether a row is in one of the chosen states (if any) and has every chosen trait."""
    states = kinds.intersection(STATES)
    never, keychain = Kind.NEVER_EXPIRES in kinds, Kind.IN_KEYCHAIN in kinds
    unused = Kind.UNUSED in kinds

    def in_state(row: KeyRow) -> bool:
        status = row_status(row, now)
        if status in states:
            return True
        until = row[KEY_PREVIOUS_UNTIL]  # a rotating key is also active or expiring
        return (Kind.ROTATING in states and until is not None and until > now
                and status in (Kind.ACTIVE, Kind.EXPIRING))

    def matches(row: KeyRow) -> bool:
        return ((not never or row[KEY_EXPIRES_AT] is None)
                and (not keychain or row[KEY_KEYCHAIN_SERVICE] is not None)
                and (not unused or unused_since(row[KEY_CREATED_AT], row[KEY_LAST_USED_AT], now))
                and (not states or in_state(row)))

    return matches


def row_status(row: KeyRow, now: float) -> Kind:
    """The row's :class:`KeyStatus` as a :class:`Kind` (as KeyRecord.status, on raw values)."""
    if row[KEY_DISABLED_AT] is not None:
        return Kind.DISABLED
    expires = row[KEY_EXPIRES_AT]
    if expires is None or expires - now > _SOON:
        return Kind.ACTIVE
    return Kind.EXPIRED if expires <= now else Kind.EXPIRING


def _time_left(moment: datetime, now: datetime) -> tuple[int, str]:
    """How long is left, in a badge's unit: (40, "min"), (5, "h") or (3, "days")."""
    seconds = (moment - now).total_seconds()
    if seconds < 3600:
        return max(1, round(seconds / 60)), "min"
    if seconds < 48 * 3600:
        return round(seconds / 3600), "h"
    return round(seconds / 86400), "days"


def status_text(record: KeyRecord, state: Kind, now: datetime) -> str:
    """The state in words, e.g. "Disabled", "Rotating — old token stops in 5 h"."""
    if state is Kind.ROTATING and record.previous_until is not None:
        count, unit = _time_left(record.previous_until, now)
        if unit == "min":
            return translate("KeyTableModel", "Rotating — old token stops in %n min", "", count)
        if unit == "h":
            return translate("KeyTableModel", "Rotating — old token stops in %n h", "", count)
        return translate("KeyTableModel", "Rotating — old token stops in %n day(s)", "", count)
    return kind_label(state)


def short_status(record: KeyRecord, state: Kind, now: datetime) -> str:
    """The state in as few words: "Disabled", "Rotating · 5 h"."""
    if state is Kind.ROTATING and record.previous_until is not None:
        count, unit = _time_left(record.previous_until, now)
        if unit == "min":
            return translate("KeyTableModel", "Rotating · %n min", "", count)
        if unit == "h":
            return translate("KeyTableModel", "Rotating · %n h", "", count)
        return translate("KeyTableModel", "Rotating · %n day(s)", "", count)
    return kind_label(state)


# -- limits and use ------------------------------------------------------------------------------

def limits_badge(record: KeyRecord) -> str:
    """A limited key's limits in a few characters: "12/100 uses · 10/min" ("" for none)."""
    parts = []
    if record.uses_limit is not None:
        left = record.uses_limit if record.uses_remaining is None else record.uses_remaining
        parts.append(translate("KeyTableModel", "{left}/{limit} uses").format(
            left=count_text(left), limit=count_text(record.uses_limit)))
    if record.rate_limit is not None:  # "10/min": the core's notation, as the CLI takes it
        parts.append(describe_rate((record.rate_limit, record.rate_window or 1)))
    return " · ".join(parts)


def uses_sentence(record: KeyRecord) -> str:
    """ "12 of 100 uses left, refilled to 100 every day", or "Unlimited"."""
    limit = record.uses_limit
    if limit is None:
        return translate("KeyTableModel", "Unlimited")
    left = limit if record.uses_remaining is None else record.uses_remaining
    if record.uses_refill == "daily":
        text = translate("KeyTableModel",
                         "{left} of {limit} uses left, refilled to {limit} every day (UTC)")
    elif record.uses_refill == "monthly":
        text = translate("KeyTableModel", "{left} of {limit} uses left, refilled to {limit} on "
                                          "the first of every month (UTC)")
    else:
        text = translate("KeyTableModel", "{left} of {limit} uses left")
    sentence = text.format(left=count_text(left), limit=count_text(limit))
    if left <= 0:  # “usage exhausted”: the reason a check reports, quoted as it is
        return translate("KeyTableModel", "{uses} — used up: checks are refused with “usage "
                                          "exhausted”").format(uses=sentence)
    return sentence


def rate_sentence(record: KeyRecord) -> str:
    """ "At most 10 valid checks per minute", or "None"."""
    if record.rate_limit is None:
        return translate("KeyTableModel", "None")
    window = record.rate_window or 1
    if window == 3600:
        text = translate("KeyTableModel", "At most {count} valid checks per hour")
    elif window == 60:
        text = translate("KeyTableModel", "At most {count} valid checks per minute")
    else:
        text = translate("KeyTableModel", "At most {count} valid checks per second")
    return text.format(count=count_text(record.rate_limit))


def _limited(row: KeyRow) -> bool:
    """Whether a key has a number of uses or a rate limit."""
    return row[KEY_USES_LIMIT] is not None or row[KEY_RATE_LIMIT] is not None


def unused_since(created_at: int, last_used_at: int | None, now: float) -> bool:
    """Whether a key is a candidate for deletion: created at least 90 days ago and not used
    for 90 days (or never)."""
    cutoff = now - UNUSED_AFTER
    return created_at <= cutoff and (last_used_at is None or last_used_at <= cutoff)


# -- the model ----------------------------------------------------------------------------------

#: How a cell is marked: (icon, tone, whether its text takes the tone too). A subtle marker (an
#: icon alone) for what is worth a glance, coloured text for what needs action.
_MARKS: dict[str, tuple[str, Tone, bool]] = {
    "expired": ("error", "error", True),
    "expiring": ("warning", "warning", True),
    "policy": ("shield", "warning", True),  # outside the registry's lifetime policy
    "never": ("info", "muted", False),  # never expires
    "disabled": ("close", "muted", True),  # the whole row's text (the badge says why)
    "unused": ("trash", "muted", False),  # not used for 90 days: a candidate for deletion
    "limited": ("activity", "muted", False),  # a number of uses or a rate limit
}
_BADGES: dict[Kind, Tone] = {Kind.DISABLED: "muted", Kind.ROTATING: "info"}

_TEXT_CACHE_LIMIT = 5_000  # display strings kept for rows painted since the last reload


@dataclass(frozen=True, slots=True)
class _Shown:
    """What a painted row shows, made on first paint and kept until a reload."""

    texts: tuple[str, ...]
    state: Kind
    breach: str | None  # why the key breaks the registry's lifetime policy
    badge: tuple[str, str, Tone] | None  # drawn after the name: disabled or rotating
    unused: bool  # a candidate for deletion: not used for 90 days


def _haystack(row: KeyRow) -> str:
    """What the search looks in: name, description, key id and projects, casefolded."""
    if not row[KEY_PROJECTS] and not row[KEY_DESCRIPTION]:
        return f"{row[KEY_NAME]}\x1f{row[KEY_ID]}".casefold()
    return "\x1f".join((row[KEY_NAME], row[KEY_ID], row[KEY_DESCRIPTION],
                        *row[KEY_PROJECTS])).casefold()


def search_texts(rows: list[KeyRow]) -> list[str]:
    """Each row's search text (:func:`_haystack`): ~50 ms of Python at 100,000 keys, made off
    the UI thread after a full read has been shown (:meth:`KeyTableModel.texts_missing`)."""
    return [_haystack(row) for row in rows]


def _row_number(row: int | None) -> int:
    """A row number, -1 for none (an invalid index)."""
    return -1 if row is None else row


def _name_keys(names: Iterable[str]) -> set[str]:
    """Each name as the uniqueness rule compares them (:func:`~..core.validation.name_key`):
    for a name in ASCII that is its casefold — Unicode normalisation changes no ASCII text —
    which costs a tenth of the whole rule at 100,000 names."""
    return {name.casefold() if name.isascii() else name_key(name) for name in names}


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
    if column == Column.USES:
        return row[KEY_USES_30D]
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
    if column == Column.USES:
        return lambda row: (row[KEY_USES_30D], row[KEY_NAME].casefold())
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
    haystacks: list[str] | None  # each row's search text; None: made after showing them
    positions: key_merge.RowsById  # key id → row
    expiries: list[int]  # every expiry, ascending: the banner counts by bisection
    name_keys: set[str]  # every name, folded: the Create dialog's uniqueness check
    base: list[KeyRow]  # the rows shown when this was prepared (apply redoes it if they changed)
    sort: tuple[int, Qt.SortOrder] | None
    now: datetime
    policy: RegistryPolicy = NO_POLICY  # the registry's lifetime policy, to flag keys breaking it

    def __len__(self) -> int:
        return len(self.rows)


class KeyTableModel(QAbstractTableModel):
    """The API keys as a table; keeps rows (and so selections) across reloads by key id.

    A reload is prepared in the background (:meth:`prepare`: order, positions; search texts
    after a change) and shown with one layout change (:meth:`apply`), which moves selections
    by key id: with 100,000 keys the UI thread does no per-key work. After a full read the
    search texts are made once the keys are shown (:meth:`texts_missing`, :meth:`add_texts`):
    the table appears ~50 ms sooner, and the search has them long before a first keystroke.
    Rows are plain KeyRow tuples; display strings and KeyRecords are made only for the rows
    that are painted or asked for.
    """

    def __init__(
        self, parent: QObject | None = None, clock: Callable[[], datetime] = utc_now
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self._rows: list[KeyRow] = []
        self._haystacks: list[str] | None = []  # None: not made yet (see haystacks())
        self._positions: key_merge.RowsById | None = {}
        self._expiries: list[int] = []
        self._name_keys: set[str] = set()
        self._shown: dict[str, _Shown] = {}  # by key id
        self._now = clock()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._policy = NO_POLICY
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
            return translate(_CONTEXT, HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate(_CONTEXT, _HEADER_TIPS[section])
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
            return self._shown_of(row).texts[column]
        if role == SORT_ROLE:
            return _row_sort_value(row, column)
        if role == SEARCH_ROLE:
            return self.haystacks()[index.row()]
        if role == BADGE_ROLE:
            return self._shown_of(row).badge if column == Column.NAME else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(row, column)
        if role == RECORD_ROLE:
            return key_record(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.USES:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # digits line up
        return self._decoration(row, column, role)

    def _decoration(self, row: KeyRow, column: int, role: int) -> Any:
        """Tooltips, colours, fonts and icons: everything but the text itself."""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key_record(row), column)
        if role == Qt.ItemDataRole.FontRole and column == Column.KEY:
            return self._mono
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(row, column)
        return None

    def _spoken(self, row: KeyRow, column: int) -> str:
        """What a screen reader says for a cell: the text, and the badge after the name."""
        shown = self._shown_of(row)
        text = shown.texts[column]
        if column == Column.NAME and shown.badge:
            return self.tr("{name}, {badge}").format(name=text, badge=shown.badge[0])
        return text

    def _mark(self, row: KeyRow, column: int) -> str | None:
        """Which of :data:`_MARKS` a cell shows, if any."""
        shown = self._shown_of(row)
        if shown.state is Kind.DISABLED:
            return "disabled"  # the whole row: a paused key recedes, whatever else is true
        if column == Column.LAST_USED:
            return "unused" if shown.unused else None
        if column == Column.USES:
            return "limited" if _limited(row) else None
        if column != Column.EXPIRES:
            return None
        if shown.state in (Kind.EXPIRED, Kind.EXPIRING):
            return "expired" if shown.state is Kind.EXPIRED else "expiring"
        if shown.breach is not None:
            return "policy"
        return "never" if row[KEY_EXPIRES_AT] is None else None

    def _foreground(self, row: KeyRow, column: int) -> QColor | None:
        mark = self._mark(row, column)
        if mark is None or not _MARKS[mark][2]:
            return None
        return tone_color(_MARKS[mark][1])

    def _icon(self, row: KeyRow, column: int) -> QIcon | None:
        mark = self._mark(row, column)
        if mark is None or mark == "disabled":  # the badge says it
            return None
        name, tone, _text = _MARKS[mark]
        return themed_icon(name, tone_color(tone))

    def _tooltip(self, record: KeyRecord, column: int) -> str | None:
        if column == Column.NAME:
            limits = limits_badge(record)
            lines = [record.name, record.description,
                     "" if record.status(self._now) == KeyStatus.ACTIVE
                     and not record.rotating(self._now) else self._status_tip(record),
                     self.tr("Limits: {limits}").format(limits=limits) if limits else ""]
            return "\n".join(line for line in lines if line)
        if column == Column.KEY:
            return self.tr("{key_id} — the secret part was shown once and is not "
                           "stored").format(key_id=record.key_id)
        if column == Column.SCOPE:
            return scope_tip(record.all_projects, record.projects)
        if column == Column.PERMISSIONS:
            return permission_list(record.permissions)
        if column == Column.EXPIRES:
            return self._expiry_tip(record)
        if column == Column.USES:
            return self._uses_tip(record)
        moment = record.last_used_at if column == Column.LAST_USED else record.created_at
        when = self.tr("Not used yet") if moment is None else format_full(moment)
        if column == Column.LAST_USED:
            if record.last_used_by and moment:
                when = self.tr("{when} by {client}").format(when=when,
                                                            client=record.last_used_by)
            unused = unused_since(
                int(record.created_at.timestamp()),
                None if record.last_used_at is None else int(record.last_used_at.timestamp()),
                self._now.timestamp())
            lines = [when, self._uses_tip(record)]
            if unused:
                lines.append(self.tr("Not used for %n day(s): a candidate for deletion", "",
                                     UNUSED_DAYS))
            return "\n".join(lines)
        return when

    def _uses_tip(self, record: KeyRecord) -> str:
        """The valid checks of the last 30 days, and the key's limits."""
        lines = [self.tr("%Ln valid check(s) in the last 30 days", "", record.uses_30d)]
        limits = limits_badge(record)
        if limits:
            lines.append(self.tr("Limits: {limits}").format(limits=limits))
        return "\n".join(lines)

    def _status_tip(self, record: KeyRecord) -> str:
        now = self._now
        if record.disabled_at is not None:
            return self.tr("Disabled {when}: apps using it are refused until someone enables it "
                           "again").format(when=format_full(record.disabled_at))
        if record.expires_at is not None and record.expires_at <= now:
            return self.tr("Expired: apps using it are refused")
        if record.rotating(now) and record.previous_until is not None:
            return self.tr("Rotated: the new token works now; the old one ({old_key_id}) keeps "
                           "working until {when}").format(old_key_id=record.previous_key_id,
                                                          when=format_full(record.previous_until))
        if record.status(now) == KeyStatus.EXPIRING:
            return self.tr("Expires within 7 days: rotate it, or extend its expiration")
        return self.tr("Active: apps can use it")

    def _policy_text(self) -> str:
        """The registry's lifetime policy in a line (the core's describe(), in words that
        translate)."""
        days = self._policy.max_lifetime_days
        lifetime = (self.tr("no maximum lifetime") if days is None
                    else self.tr("keys live at most %n day(s)", "", days))
        if self._policy.allow_never:
            return self.tr("{lifetime}; keys may never expire").format(lifetime=lifetime)
        return self.tr("{lifetime}; every key must expire").format(lifetime=lifetime)

    def _breach_tip(self, record: KeyRecord) -> str:
        """Why a key breaks the registry's lifetime policy (after a line break), or ""."""
        if violation(self._policy, record.created_at, record.expires_at) is None:
            return ""
        if record.expires_at is None:  # the only breach a key without an expiration has
            text = self.tr("Outside this registry's policy: it never expires, which the policy "
                           "no longer allows ({policy}). Edit or rotate it to bring it in line.")
        else:
            text = self.tr("Outside this registry's policy: it lives longer than the policy's "
                           "%n day(s) ({policy}). Edit or rotate it to bring it in line.", "",
                           self._policy.max_lifetime_days or 0)
        return "\n" + text.format(policy=self._policy_text())

    def _expiry_tip(self, record: KeyRecord) -> str:
        policy = self._breach_tip(record)
        if record.expires_at is None:
            return self.tr("Never expires: if the token leaks, it works until someone deletes or "
                           "disables the key") + policy
        when = format_full(record.expires_at)
        if record.expires_at <= self._now:
            return self.tr("Expired {when}").format(when=when) + policy
        return self.tr("Expires {when}").format(when=when) + policy

    def _shown_of(self, row: KeyRow) -> _Shown:
        """A row's display strings and state, made on first paint and kept until a reload."""
        cached = self._shown.get(row[KEY_ID])
        if cached is None:
            if len(self._shown) >= _TEXT_CACHE_LIMIT:
                self._shown.clear()
            record, now = key_record(row), self._now
            state = row_state(row, now.timestamp())
            badge = _BADGES.get(state)
            cached = self._shown[row[KEY_ID]] = _Shown((
                record.name,
                record.key_id,  # the whole public id: a "…" would suggest it was cut
                scope_text(record.all_projects, record.projects),
                permission_summary(record.permissions),
                format_expiry(record.expires_at, now),
                format_ago(record.last_used_at, now),
                count_text(record.uses_30d),
                format_date(record.created_at),
            ), state, violation(self._policy, record.created_at, record.expires_at),
                None if badge is None else (status_text(record, state, now),
                                            short_status(record, state, now), badge),
                unused_since(row[KEY_CREATED_AT], row[KEY_LAST_USED_AT], now.timestamp()))
        return cached

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's raw values, keeping selections (persistent indexes) in place."""
        if not 0 <= column < len(HEADERS):
            self._sort = None
            return
        self._sort = (column, order)
        permutation = _order(self._rows, self._sort)
        texts = self._haystacks
        self._show([self._rows[i] for i in permutation],
                   None if texts is None else [texts[i] for i in permutation])

    def _show(self, rows: list[KeyRow], haystacks: list[str] | None,
              positions: key_merge.RowsById | None = None) -> None:
        """Show ``rows`` through one layout change; persistent indexes follow their key id.
        Rows change, columns stay (:func:`.filter_proxy.vertical_layout_change`)."""
        vertical_layout_change(self)
        old = self.persistentIndexList()
        moved = [self._rows[index.row()][KEY_ID] for index in old]
        self._rows, self._haystacks, self._positions = rows, haystacks, positions
        where = self._positions_by_id()
        self.changePersistentIndexList(
            old, [self.index(_row_number(where.get(key_id)), index.column())
                  for index, key_id in zip(old, moved, strict=True)])
        vertical_layout_change(self, done=True)

    def _positions_by_id(self) -> key_merge.RowsById:
        if self._positions is None:
            self._positions = key_merge.positions(self._rows)
        return self._positions

    # -- our API --------------------------------------------------------------------------------

    def prepare(self, rows: Iterable[KeyRow], policy: RegistryPolicy = NO_POLICY,
                name_keys: Iterable[str] | None = None, with_texts: bool = True
                ) -> PreparedKeys:
        """Everything a reload needs that scales with the number of keys; safe to run in a
        worker thread, as it only reads this model (the rows shown, the sort, the clock).
        ``name_keys``: the names as the uniqueness rule folds them, if the store gave them;
        ``with_texts``: make the search texts now (else once shown: :meth:`texts_missing`)."""
        base, sort, now = self._rows, self._sort, self.clock()
        given = list(rows)
        order = _order(given, sort)
        rows = given if order == list(range(len(given))) else [given[i] for i in order]
        expiries = sorted(row[KEY_EXPIRES_AT] for row in rows if row[KEY_EXPIRES_AT] is not None)
        names = _name_keys(row[KEY_NAME] for row in rows) if name_keys is None else set(name_keys)
        return PreparedKeys(rows, search_texts(rows) if with_texts else None,
                            key_merge.positions(rows), expiries, names, base, sort, now, policy)

    def prepare_changes(self, changes: KeyChanges, policy: RegistryPolicy = NO_POLICY,
                        with_texts: bool = False) -> PreparedKeys:
        """What a read of :class:`~..core.key_listing.KeyListing` needs shown: after a full
        read, every row prepared afresh (:meth:`prepare`); else the rows shown with the keys
        gone dropped and the changed ones merged in where the order wants them
        (:mod:`.key_merge`), so the work grows with the changes, not with the keys. Safe in a
        worker thread, like :meth:`prepare`. ``with_texts``: make a full read's search texts now
        (a search is under way: its refilter would make them on the UI thread)."""
        base, texts, sort, now = self._rows, self._haystacks, self._sort, self.clock()
        given_names = changes.name_keys if len(changes.name_keys) == len(changes.rows) else None
        if changes.full or not base:
            return self.prepare(changes.rows, policy, given_names, with_texts)
        if texts is None or len(texts) != len(base):  # not made yet, or the table changed
            texts = search_texts(base)  # between the two reads: make them (again)
        where = self._positions if self._positions is not None else key_merge.positions(base)
        gone = changes.removed | {row[KEY_ID] for row in changes.rows}
        rows, texts, dropped, dropped_at = key_merge.drop(base, texts, where, gone)
        inserted = key_merge.insert(rows, texts, changes.rows, _haystack,
                         None if sort is None else _sort_key(sort[0]),
                         sort is not None and sort[1] == Qt.SortOrder.DescendingOrder)
        names = set(self._name_keys)
        names.difference_update(_name_keys(row[KEY_NAME] for row in dropped))
        names.update(_name_keys(row[KEY_NAME] for row in changes.rows) if given_names is None
                     else given_names)
        return PreparedKeys(rows, texts, key_merge.after_merge(rows, where, dropped_at, inserted),
                            key_merge.move_expiries(self._expiries, dropped, changes.rows), names,
                            base,
                            sort, now, policy)

    def apply(self, prepared: PreparedKeys) -> bool:
        """Show prepared keys. Rows of keys still present keep their selection and the scroll
        position stays; returns True when the model had to reset instead (from or to empty)."""
        if prepared.base is not self._rows or prepared.sort != self._sort:
            # the table changed meanwhile: redo here
            prepared = self.prepare(prepared.rows, prepared.policy,
                                    with_texts=prepared.haystacks is not None)
        self._now, self._expiries = prepared.now, prepared.expiries
        self._name_keys, self._policy = prepared.name_keys, prepared.policy
        self._shown.clear()
        if self._rows and prepared.rows:
            self._show(prepared.rows, prepared.haystacks, prepared.positions)
            return False
        self.beginResetModel()
        self._rows, self._haystacks = prepared.rows, prepared.haystacks
        self._positions = prepared.positions
        self.endResetModel()
        return True

    def set_keys(self, records: Iterable[KeyRecord], policy: RegistryPolicy = NO_POLICY) -> bool:
        """Show these keys (:meth:`prepare` and :meth:`apply` in one go, on this thread)."""
        return self.apply(self.prepare((key_row(record) for record in records), policy))

    def haystacks(self) -> list[str]:
        """Each row's search text (casefolded name, description, key id and projects); made
        here if a search comes before :meth:`add_texts` (a keystroke right after a reload)."""
        if self._haystacks is None:
            self._haystacks = search_texts(self._rows)
        return self._haystacks

    def texts_missing(self) -> list[KeyRow] | None:
        """The rows shown, if their search texts are still to be made (:func:`search_texts`,
        in a worker, then :meth:`add_texts`); None when they are made."""
        return self._rows if self._haystacks is None else None

    def add_texts(self, rows: list[KeyRow], texts: list[str]) -> None:
        """Take the search texts made of ``rows`` (:meth:`texts_missing`), if they are still
        the rows shown (not sorted or reloaded since) and the texts still missing."""
        if rows is self._rows and self._haystacks is None:
            self._haystacks = texts

    def rows_of_kinds(self, rows: Iterable[int], kinds: frozenset[Kind]) -> list[int]:
        """Those of ``rows`` that are in a chosen state (if any) and have every chosen trait,
        as of :meth:`now` (the moment the texts show): one pass, for the filter chips."""
        matches, shown = _matcher(kinds, self._now.timestamp()), self._rows
        return [row for row in rows if matches(shown[row])]

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
        """Recompute "in 3 days" / "5 min ago" texts and states, which go stale as time passes."""
        self._now = self.clock()
        self._shown.clear()
        if self._rows:  # the name too: its badge counts down a rotation's overlap
            self.dataChanged.emit(
                self.index(0, Column.NAME), self.index(len(self._rows) - 1, len(HEADERS) - 1)
            )

    def record(self, row: int) -> KeyRecord:
        """The key shown in ``row``."""
        return key_record(self._rows[row])

    def row_of(self, key_id: str) -> int:
        """The row of a key, or -1."""
        return _row_number(self._positions_by_id().get(key_id))

    def now(self) -> datetime:
        """The moment relative texts were computed for."""
        return self._now

    def policy(self) -> RegistryPolicy:
        """The registry's lifetime policy as of the last reload."""
        return self._policy


class KeyFilterProxy(FilterProxy):
    """Filters keys by name, description, key id or project (case-insensitive) and by
    :class:`Kind`; sorting is the source's."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kinds: frozenset[Kind] = frozenset()

    def set_search_text(self, text: str) -> None:
        """Show only keys whose name, description, key id or project contains ``text``."""
        self.set_filter_text(text)

    def set_kinds(self, kinds: Iterable[Kind]) -> None:
        """Show only keys in one of the chosen states (if any) with every chosen trait."""
        chosen = frozenset(kinds)
        if chosen == self._kinds:
            return
        self._kinds = chosen
        source = self.sourceModel()
        if not chosen or not isinstance(source, KeyTableModel):
            self.set_row_filter(None)
            return
        self.set_row_filter(lambda rows: source.rows_of_kinds(rows, chosen))

    def kinds(self) -> frozenset[Kind]:
        """The kinds chosen."""
        return self._kinds

    def filtering(self) -> bool:
        """Whether a search or a chosen kind may hide keys."""
        return bool(self._kinds) or self.filter_text() != ""
