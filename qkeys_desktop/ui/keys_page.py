"""The API Keys page: the table of keys, search and filter chips, the expiry banner, and the
actions on keys: details, edit, rotate, disable/enable, copy the key id, delete.

Every store call runs in the TaskRunner; the page reloads by diffing on key id, so a reload
(after our own write or another process's) keeps the selection and the scroll position.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import NotFoundError
from ..core.key_listing import KeyListing
from ..core.records import KeyRecord
from ..core.store import Store
from ..core.tokens import KEY_ID_LENGTH, has_secret
from . import prompts
from .i18n import QT_TRANSLATE_NOOP, translate
from .icons import themed_icon
from .key_model import (
    BADGE_ROLE,
    STATES,
    TRAITS,
    Column,
    KeyFilterProxy,
    KeyTableModel,
    Kind,
    PreparedKeys,
    key_font,
    kind_label,
    kind_phrase,
    kind_tip,
    search_texts,
)
from .reloading import Reloads
from .secret_input import SecretScrubber
from .settings import AppSettings
from .tables import configure_table, escape_clears, select_row
from .tasks import TaskRunner, describe_error, guarded
from .theme import Tone, muted_color, sheet_colors, tone_color
from .warm_up import warm_up
from .widgets import Banner, EmptyState, PageHeader, make_button, muted
from .wording import bullet_list, format_date

_WIDE_DATE = datetime(2026, 9, 30, 12, tzinfo=UTC)  # a long month's name and a two-digit day
_COLUMN_WIDTHS = {Column.SCOPE: 132, Column.PERMISSIONS: 136, Column.EXPIRES: 132,
                  Column.LAST_USED: 100, Column.USES: 104, Column.CREATED: 104}
#: The names keep at least this much room: the "Uses (30 d)" column shows only where it leaves
#: them that. At the window's usual width (1200 px) it does not (names would be cut to a word),
#: so there the count is in the Last used tooltip and the key's details, and the column appears
#: as the window widens (or a section is narrowed).
_NAME_ROOM = 200
_SELECT_ROWS = QItemSelectionModel.SelectionFlag.Rows
_BUTTON_NAMES = {"rotate": "rotateKeyButton", "delete": "deleteButton"}

_CONTEXT = "KeysPage"  # of the module's texts outside a class, too
# The actions on keys, by name: (text, icon, shortcut shown, what it does), texts in English and
# translated where shown (translate("KeysPage", …)). The main window's Key menu binds the same
# shortcuts (Return only on the table, where the page binds it).
DETAILS, EDIT, ROTATE, DISABLE, COPY_ID, DELETE = (
    "details", "edit", "rotate", "disable", "copy_id", "delete")
ACTIONS: dict[str, tuple[str, str, str, str]] = {
    DETAILS: (QT_TRANSLATE_NOOP("KeysPage", "Details…"), "info", "Return",
              QT_TRANSLATE_NOOP("KeysPage", "Show the key's details and history")),
    EDIT: (QT_TRANSLATE_NOOP("KeysPage", "Edit…"), "settings", "Ctrl+E",
           QT_TRANSLATE_NOOP("KeysPage", "Rename the key or change its description, "
                             "permissions, scope or expiration")),
    ROTATE: (QT_TRANSLATE_NOOP("KeysPage", "Rotate…"), "refresh", "Ctrl+R",
             QT_TRANSLATE_NOOP("KeysPage", "Give the key a new token, the old one working on "
                               "for a while if you like")),
    DISABLE: (QT_TRANSLATE_NOOP("KeysPage", "Disable"), "close", "",
              QT_TRANSLATE_NOOP("KeysPage",
                                "Refuse the selected keys until they are enabled again")),
    COPY_ID: (QT_TRANSLATE_NOOP("KeysPage", "Copy Key ID"), "copy", "Ctrl+Shift+C",
              QT_TRANSLATE_NOOP("KeysPage", "Copy the key's public ID (not a secret)")),
    DELETE: (QT_TRANSLATE_NOOP("KeysPage", "Delete…"), "trash", "Del",
             QT_TRANSLATE_NOOP("KeysPage", "Revoke the selected keys at once")),
}


def _native(keys: str) -> str:
    """A shortcut as the platform writes it, in the window's language ("Del" is "Entf" in
    German)."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


#: How long after the first keys are shown the key dialogs' first use is paid (:mod:`.warm_up`):
#: past the first frames and the reminders, before a person reaches for Create.
WARM_UP_AFTER_MS = 400
#: After a full read is shown, the search texts are made this much later (the table painted).
SEARCH_TEXTS_AFTER_MS = 50

#: Deleting more keys than this at once asks the user to type the count (or "delete").
TYPE_TO_DELETE_OVER = 5


def delete_question(records: Sequence[KeyRecord]) -> tuple[str, str]:
    """The question and the consequences for deleting these keys."""
    if len(records) == 1:
        record = records[0]
        return (translate("KeysPage", "Delete the API key “{name}” ({key_id})?").format(
                    name=record.name, key_id=record.key_id),
                translate("KeysPage", "Apps and integrations using it lose access at once. This "
                                      "cannot be undone."))
    listed = bullet_list([f"{r.name} ({r.key_id})" for r in records])
    count = len(records)
    return (translate("KeysPage", "Delete these %n API key(s)?", "", count)
            + f"\n\n{listed}",
            translate("KeysPage", "Apps and integrations using them lose access at once. This "
                                  "cannot be undone."))


def ask_to_delete(parent: QWidget, records: Sequence[KeyRecord]) -> bool:
    """Whether the user confirms deleting ``records``: a plain question for a handful, typing
    the count (or "delete", or the word in the window's language) for more, where a reflexive
    Enter would cost too much."""
    text, details = delete_question(records)
    if len(records) <= TYPE_TO_DELETE_OVER:
        title = (translate("KeysPage", "Delete API key?") if len(records) == 1
                 else translate("KeysPage", "Delete API keys?"))
        return prompts.confirm(parent, title, text, details,
                               action=translate("KeysPage", "Delete"), destructive=True)
    count = len(records)
    word = translate("KeysPage", "delete")  # what to type: "delete" works in every language
    return prompts.confirm_typed(
        parent, translate("KeysPage", "Delete API keys?"), text, details,
        translate("KeysPage", "To confirm, type {count} or “{word}”:").format(count=count,
                                                                             word=word),
        tuple(dict.fromkeys((str(count), word, "delete"))),
        translate("KeysPage", "Delete %n Key(s)", "", count))


def disable_notice(records: Sequence[KeyRecord], disabled: bool) -> str:
    """What disabling or enabling did, for the status bar."""
    count = len(records)
    if count == 1:  # the key by name, not a count of one
        name = records[0].name
        return (translate("KeysPage", "Disabled the key “{name}”: apps using it are refused "
                                      "until enabled again.") if disabled
                else translate("KeysPage", "Enabled the key “{name}”: apps can use it "
                                           "again.")).format(name=name)
    if disabled:
        return translate("KeysPage", "Disabled %n key(s): apps using them are refused until "
                                     "enabled again.", "", count)
    return translate("KeysPage", "Enabled %n key(s): apps can use them again.", "", count)


def gone_elsewhere(record: KeyRecord, error: Exception) -> str:
    """Why acting on a key failed, saying so plainly when it was deleted or rotated elsewhere."""
    if isinstance(error, NotFoundError):
        return translate("KeysPage", "“{name}” ({key_id}) no longer exists: it was deleted or "
                                     "rotated elsewhere meanwhile. Nothing was changed.").format(
            name=record.name, key_id=record.key_id)
    return describe_error(error)


def delete_what_is_left(store: Store, key_ids: Sequence[str]) -> tuple[list[KeyRecord], list[str]]:
    """Delete the keys that still exist; those another process deleted meanwhile count as done.

    Returns the deleted records and the ids that were already gone. ``delete_keys`` is all or
    nothing, so a key deleted elsewhere would otherwise keep the others from being deleted.
    """
    remaining = list(key_ids)
    while remaining:
        try:
            deleted = store.delete_keys(remaining)
        except NotFoundError:
            still = [key_id for key_id in remaining if _exists(store, key_id)]
            if len(still) == len(remaining):
                raise  # every key is there: the error is about something else
            remaining = still
        else:
            return deleted, [key_id for key_id in key_ids if key_id not in remaining]
    return [], list(key_ids)


def _exists(store: Store, key_id: str) -> bool:
    try:
        store.get_key(key_id)
    except NotFoundError:
        return False
    return True


def deleted_notice(deleted: Sequence[KeyRecord], gone: Sequence[KeyRecord]) -> str:
    """What a delete did, for the status bar; keys deleted elsewhere meanwhile are said so."""
    parts = []  # whole sentences, each translated on its own
    deleted_count, gone_count = len(deleted), len(gone)
    if deleted_count == 1:
        parts.append(translate("KeysPage", "Deleted the key “{name}”; it no longer works.").format(
            name=deleted[0].name))
    elif deleted:
        parts.append(translate("KeysPage", "Deleted %n key(s); they no longer work.", "",
                               deleted_count))
    if gone_count == 1:
        parts.append(translate("KeysPage", "“{name}” was already deleted elsewhere.").format(
            name=gone[0].name))
    elif gone:
        parts.append(translate("KeysPage", "%n key(s) were already deleted elsewhere.", "",
                               gone_count))
    return " ".join(parts)


def expiry_summary(expired: int, expiring: int) -> str:
    """E.g. "2 keys expired, 1 expiring within 7 days" (empty when there is nothing to say).
    "Expiring", not "expires"/"expire": one form for every count, as the English catalogue's
    plurals derive only a noun's "(s)"."""
    if expired and expiring:
        return translate("KeysPage", "%n key(s) expired, {expiring} expiring within 7 days", "",
                         expired).format(expiring=expiring)
    if expired:
        return translate("KeysPage", "%n key(s) expired", "", expired)
    if expiring:
        return translate("KeysPage", "%n key(s) expiring within 7 days", "", expiring)
    return ""


# Chips are pills: round, compact, and plainly "on" when checked (the pill colour of the
# chosen sidebar page). Laid on the chip row itself, over the application's sheet.
_CHIP_SHEET = """
QPushButton[role="chip"] {{ border-radius: 12px; padding: 2px 11px; min-height: 18px;
    color: {text}; }}
QPushButton[role="chip"]:checked {{ background: {pill}; color: {pill_text};
    border-color: {highlight}; }}
QPushButton[role="chip"]:focus {{ border-color: {highlight}; }}
QPushButton[group="traits"] {{ margin-left: 10px; }}
"""


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps them onto the next line when the width runs
    out, so a row of chips never sets the window's minimum width."""

    def __init__(self, parent: QWidget, spacing: int) -> None:
        super().__init__(parent)
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items in lines within ``rect`` (or only measure); returns the height."""
        x, y, line, gap = rect.x(), rect.y(), 0, self.spacing()
        for item in self._items:
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line = rect.x(), y + line + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            line = max(line, hint.height())
        return y + line - rect.y()


class NameDelegate(QStyledItemDelegate):
    """Draws a key's name and, after it, its badge (:data:`BADGE_ROLE`: disabled, rotating) as
    a tinted pill: the badge's sentence where the name keeps room enough, else its short form;
    then the name is elided, down to a few letters, and last the pill. (The focused row's
    outline is drawn over the row by :func:`~.tables.configure_table`.)"""

    _MIN_NAME = 72  # pixels of name kept before the pill gives way
    _ROOMY_NAME = 140  # a name this wide (or whole) beside the long badge, else the short one
    _GAP, _PAD = 8, 7

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        badge = index.data(BADGE_ROLE)
        if not badge:
            super().paint(painter, option, index)
            return
        long_text, short_text, tone = badge
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, widget)
        font = badge_font(item.font)
        name_width = item.fontMetrics.horizontalAdvance(item.text)
        text = long_text
        pill_width = QFontMetrics(font).horizontalAdvance(text) + 2 * self._PAD
        if min(name_width, self._ROOMY_NAME) + self._GAP + pill_width > room.width():
            text = short_text
            pill_width = QFontMetrics(font).horizontalAdvance(text) + 2 * self._PAD
        name_room = max(min(name_width, room.width() - pill_width - self._GAP),
                        min(name_width, self._MIN_NAME))
        item.text = item.fontMetrics.elidedText(item.text, Qt.TextElideMode.ElideRight,
                                                name_room)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        left = room.left() + item.fontMetrics.horizontalAdvance(item.text) + self._GAP
        width = min(pill_width, room.right() - left)
        if width > 2 * self._PAD:
            self._pill(painter, QRect(left, 0, width, QFontMetrics(font).height() + 4),
                       room, text, tone, font)

    def _pill(self, painter: QPainter, rect: QRect, room: QRect, text: str, tone: Tone,
              font: QFont) -> None:
        rect.moveTop(room.center().y() - rect.height() // 2 + 1)
        color = tone_color(tone)
        fill = QColor(color)
        fill.setAlphaF(0.14)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setFont(font)
        painter.setPen(color)
        inner = rect.adjusted(self._PAD, 0, -self._PAD, 0)
        painter.drawText(inner, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight,
                                                       inner.width()))
        painter.restore()


def badge_font(base: QFont) -> QFont:
    """A badge's text: smaller than the name beside it, a little bolder."""
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 0.85)
    font.setWeight(QFont.Weight.DemiBold)
    return font


class FilterChips(QWidget):
    """Toggle chips that narrow the table to keys in some states and with some traits; each is
    a checkable button (Tab reaches it, Space toggles it)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterChips")
        self.setAccessibleName(self.tr("Filters"))
        row = FlowLayout(self, spacing=6)
        label = muted(QLabel(self.tr("Show:"), self))
        row.addWidget(label)
        self.chips: dict[Kind, QPushButton] = {}
        for kind in (*STATES, *TRAITS):
            chip = make_button(self, kind_label(kind), f"{kind.name.lower()}Chip",
                               self.changed.emit, kind_tip(kind), "chip",
                               self.tr("Show keys: {kind}").format(kind=kind_phrase(kind)))
            chip.setCheckable(True)
            if kind is TRAITS[0]:  # states combine with "or", traits with "and": two groups
                chip.setProperty("group", "traits")
            self.chips[kind] = chip
            row.addWidget(chip)
        self._restyle()
        label.setFixedHeight(self.chips[Kind.ACTIVE].sizeHint().height())  # level with them

    def _restyle(self) -> None:
        sheet = _CHIP_SHEET.format(**sheet_colors(self.palette()))
        if sheet != self.styleSheet():  # a sheet may change the palette: no loop
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        """Follow the palette between light and dark."""
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)

    def kinds(self) -> set[Kind]:
        """The kinds chosen."""
        return {kind for kind, chip in self.chips.items() if chip.isChecked()}

    def clear(self) -> None:
        """Choose none: every key shows again."""
        if self.kinds():
            for chip in self.chips.values():
                chip.setChecked(False)
            self.changed.emit()


class KeysPage(QWidget):
    """Lists the API keys and runs create, details, edit, rotate, disable, enable and delete."""

    count_changed = Signal(int)  # how many keys exist (not how many the search shows)
    counts_changed = Signal(int, int)  # how many keys are shown, and how many exist
    selection_changed = Signal()
    actions_changed = Signal()  # what available() answers may differ now
    changed = Signal()  # a write succeeded: keys, projects and the audit log may differ now
    notice = Signal(str)  # a sentence about what just happened, for the status bar

    def __init__(self, store: Store, runner: TaskRunner, settings: AppSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keysPage")
        self.store, self.runner, self.settings = store, runner, settings
        self.model = KeyTableModel(self, clock=store.clock)
        self.proxy = KeyFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._loaded_once = self._busy = False
        self._listing = KeyListing(store)  # what the reloads read: changes, after the first
        self._full_next = False  # the next reload reads every key (F5, after a failure)
        # kept current while hidden: the sidebar and the status bar count keys
        self._reloads = Reloads(self, self._start_reload, store, while_hidden=True)
        self.watcher = self._reloads.watcher
        self._select_after_load: str | None = None
        self._build()
        self._clock_timer = QTimer(self, interval=60_000)  # "5 min ago" must not go stale
        self._clock_timer.timeout.connect(self.refresh_times)
        self._clock_timer.start()
        self._update_state()

    # -- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.setSpacing(16)
        self.create_button = make_button(
            self, self.tr("Create API Key"), "createKeyButton", self.create_key,
            self.tr("Create a new API key ({keys})").format(keys=_native("Ctrl+N")), "primary")
        self.create_button.setIcon(themed_icon("plus", self.palette().highlightedText().color()))
        layout.addWidget(PageHeader(
            self.tr("API Keys"), self.tr("Keys let your apps and integrations call the API. A "
                                         "key's secret is shown once, when you create it."),
            self.create_button))
        self.banner = Banner("expiryBanner", "warning")
        self.banner.label.linkActivated.connect(self._banner_link)
        self.banner.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.toolbar = QWidget(self)
        self.toolbar.setLayout(self._toolbar())
        layout.addWidget(self.toolbar)
        self.chips = FilterChips(self)
        self.chips.changed.connect(self._apply_search)
        layout.addWidget(self.chips)
        layout.setSpacing(12)
        self.stack = QStackedWidget(self)
        self.table = self._build_table()
        escape_clears(self.search, self.table)
        self.empty = self._empty_state()
        self.no_matches = self._no_matches_state()
        for page in (self.table, self.empty, self.no_matches):
            self.stack.addWidget(page)
        layout.addWidget(self.stack, 1)

    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.search = QLineEdit(self)
        self.search.setObjectName("searchField")
        self.search.setAccessibleName(self.tr("Search keys"))
        self.search.setPlaceholderText(self.tr("Search by name, description, key ID or project"))
        self.search.setToolTip(self.tr("Show only keys whose name, description, key ID or "
                                       "project contains this ({find}; {escape} clears "
                                       "it)").format(find=_native("Ctrl+F"),
                                                     escape=_native("Esc")))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(themed_icon("search", muted_color(self.palette())),
                              QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(200)
        self.search.setMaximumWidth(340)
        self.search.textChanged.connect(self._search_changed)
        self.search_guard = SecretScrubber(self.search, self.notice.emit)
        row.addWidget(self.search, 3)
        row.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        # the rest (details, edit, disable, copy): the row menu, the Key menu, the details
        # dialog; two buttons keep the window's minimum width what it was
        for name in (ROTATE, DELETE):
            text, icon, keys, tip = ACTIONS[name]
            # not "rotateButton": that is the Rotate dialog's own button, in the same window
            tip = translate(_CONTEXT, tip)
            button = make_button(self, translate(_CONTEXT, text), _BUTTON_NAMES[name],
                                 self.slot(name),
                                 f"{tip} ({_native(keys)})" if keys else tip,
                                 "danger" if name == DELETE else "")
            button.setIcon(themed_icon(icon, tone_color("error") if name == DELETE
                                       else self.palette().text().color()))
            self.buttons[name] = button
            row.addWidget(button)
        return row

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("keysTable")
        table.setAccessibleName(self.tr("API keys"))
        configure_table(table, self.proxy)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(36)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in _COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        sample_id = "qk_" + "W" * KEY_ID_LENGTH + "…"
        header.resizeSection(Column.KEY, QFontMetrics(key_font()).horizontalAdvance(sample_id) + 24)
        # a date as wide as the language writes one (German: "30. Sept. 2026"), not cut
        dates = QFontMetrics(table.font()).horizontalAdvance(format_date(_WIDE_DATE)) + 16
        for column, icon_room in ((Column.EXPIRES, 22), (Column.LAST_USED, 0),
                                  (Column.CREATED, 0)):
            header.resizeSection(column, max(_COLUMN_WIDTHS[column], dates + icon_room))
        table.sortByColumn(Column.CREATED, Qt.SortOrder.DescendingOrder)
        table.setItemDelegateForColumn(Column.NAME, NameDelegate(table))
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_context_menu)
        table.doubleClicked.connect(lambda _index: self.show_details())
        for keys in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter opens; the menu shows it
            QShortcut(QKeySequence(keys), table, self.show_details,
                      context=Qt.ShortcutContext.WidgetShortcut)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.viewport().installEventFilter(self)  # its width decides the Uses column
        header.sectionResized.connect(lambda *_args: self._fit_columns())
        return table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The table's viewport resized: show the Uses column only if the names keep room."""
        table = getattr(self, "table", None)  # None while the page is being built
        if event.type() == QEvent.Type.Resize and table is not None and watched is table.viewport():
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(_COLUMN_WIDTHS[Column.USES] if column == Column.USES
                     else header.sectionSize(column) for column in Column
                     if column != Column.NAME)
        fits = self.table.viewport().width() - others >= _NAME_ROOM
        if fits == header.isSectionHidden(Column.USES):
            header.setSectionHidden(Column.USES, not fits)
            if fits:
                header.resizeSection(Column.USES, _COLUMN_WIDTHS[Column.USES])

    def _empty_state(self) -> EmptyState:
        button = make_button(self, self.tr("Create your first API key"), "emptyCreateButton",
                             self.create_key,
                             self.tr("Create an API key for an app or integration"), "primary")
        return EmptyState(
            "key", self.tr("No API keys yet"),
            self.tr("Create a key for each app or integration that calls the API; you can "
                    "limit it to some projects and permissions."), self, button)

    def _no_matches_state(self) -> EmptyState:
        button = make_button(self, self.tr("Clear search"), "clearSearchButton",
                             self.clear_filters, self.tr("Show all keys again"))
        state = EmptyState("search", self.tr("No matching keys"), "", self, button)
        state.setObjectName("noMatchesState")
        return state

    # -- state ------------------------------------------------------------------------------

    def selected_records(self) -> list[KeyRecord]:
        """The selected keys, in table order."""
        return [self.model.record(row) for row in self._selected_rows()]

    def _selected_rows(self) -> list[int]:
        """The model's rows of the selected keys, in table order: read from the selection's
        ranges, not with ``selectedRows()``, which asks the model about every cell of every
        selected row (8,000 calls into Python for 1,000 keys, each waiting for the GIL while a
        worker runs)."""
        selection = self.table.selectionModel().selection()
        shown = {row for i in range(selection.size())
                 for row in range(selection.at(i).top(), selection.at(i).bottom() + 1)}
        return self.proxy.source_rows(sorted(shown))

    def select_key(self, key_id: str) -> bool:
        """Select and scroll to a key; False if it is not shown."""
        index = self.proxy.mapFromSource(self.model.index(self.model.row_of(key_id), 0))
        if not index.isValid():
            return False
        select_row(self.table, index)
        self.table.scrollTo(index)
        return True

    def _selection_changed(self) -> None:
        self._update_buttons()
        self.selection_changed.emit()

    def available(self) -> set[str]:
        """The actions the selection allows now (none while a write runs)."""
        count = len(self._selected_rows())
        if self._busy or not count:
            return set()
        return {DISABLE, DELETE} | ({DETAILS, EDIT, ROTATE, COPY_ID} if count == 1 else set())

    def will_enable(self) -> bool:
        """Whether the Disable/Enable toggle enables: every selected key is disabled."""
        records = self.selected_records()
        return bool(records) and all(r.disabled_at for r in records)

    def disable_text(self) -> str:
        """ "Enable" when every selected key is disabled, else "Disable"."""
        return self.tr("Enable") if self.will_enable() else self.tr("Disable")

    def slot(self, name: str) -> Callable[[], None]:
        """What an action does, by its name in :data:`ACTIONS`."""
        return {DETAILS: self.show_details, EDIT: self.edit_selected,
                ROTATE: self.rotate_selected, DISABLE: self.toggle_disabled,
                COPY_ID: self.copy_key_id, DELETE: self.delete_selected}[name]

    def _update_buttons(self) -> None:
        available = self.available()
        for name, button in self.buttons.items():
            button.setEnabled(name in available)
        self.actions_changed.emit()

    def _update_state(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.counts_changed.emit(shown, total)
        if total == 0 and self._loaded_once:
            self.stack.setCurrentWidget(self.empty)
        elif total and not shown:
            self.no_matches.set_message(self.tr("No matching keys"), self._no_match_text())
            self.stack.setCurrentWidget(self.no_matches)
        else:
            self.stack.setCurrentWidget(self.table)
        self.toolbar.setVisible(total > 0 or not self._loaded_once)
        self.chips.setVisible(self.toolbar.isVisibleTo(self))
        self._update_buttons()

    def _no_match_text(self) -> str:
        kinds = self.chips.kinds()
        text = self.search.text().strip()
        if kinds:  # the chips in their order (their tooltips say which combine how)
            filters = ", ".join(kind_phrase(k) for k in (*STATES, *TRAITS) if k in kinds)
            if not text or has_secret(text):
                return self.tr("No keys match the chosen filters: {filters}.").format(
                    filters=filters)
            return self.tr("No keys match the chosen filters ({filters}) and contain "
                           "“{text}”.").format(filters=filters, text=text)
        if self.search_guard.key_id is not None and text == self.search_guard.key_id:
            return self.tr("No key has the key ID of that token, {key_id}: it was deleted or "
                           "rotated, or belongs to another registry.").format(key_id=text)
        if has_secret(text):  # never echo a secret, even one the guard let through
            return self.tr("No key matches that secret token — search by key ID instead.")
        return self.tr("No key's name, description, key ID or project contains "
                       "“{text}”.").format(text=text)

    def _update_banner(self) -> None:
        expired, expiring = self.model.expiry_counts()
        summary = expiry_summary(expired, expiring)
        self.banner.setVisible(bool(summary))
        if summary:
            self.banner.set_text(self.tr(
                "<b>{summary}.</b> Apps using an expired key are refused; edit or rotate it "
                "for a new lifetime. <a href='#show'>Show them</a> · "
                "<a href='#expiry'>Sort by expiry</a>").format(summary=summary))

    def _banner_link(self, link: str) -> None:
        if link == "#show":
            self.filter_to(Kind.EXPIRED, Kind.EXPIRING)
        else:
            self.sort_by_expiry()

    def refresh_times(self) -> None:
        """Recompute relative times and the banner as the clock moves on."""
        self.model.refresh_times()
        self._update_banner()

    def sort_by_expiry(self) -> None:
        """Bring the keys that expire first to the top."""
        self.table.sortByColumn(Column.EXPIRES, Qt.SortOrder.AscendingOrder)
        self.table.scrollToTop()

    # -- search -----------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search field, its text selected (Ctrl+F)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_changed(self) -> None:
        if self.search_guard.scrub():
            return  # a pasted token became its key id: that change searched already
        self._apply_search()  # a few ms even at 100,000 keys (filter_proxy): no need to debounce

    def _apply_search(self) -> None:
        self.proxy.set_search_text(self.search.text())
        self.proxy.set_kinds(self.chips.kinds())
        self._update_state()

    def clear_filters(self) -> None:
        """Show every key again: no search text, no chip chosen."""
        self.chips.clear()
        self.search.clear()

    def filter_to(self, *kinds: Kind) -> None:
        """Choose exactly these chips (e.g. the banner's "Show them")."""
        for kind, chip in self.chips.chips.items():
            chip.setChecked(kind in kinds)
        self._apply_search()

    # -- loading ----------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Re-read every key in the background; ``select`` a key once it is listed."""
        if select:
            self._select_after_load = select
        self._full_next = True
        self._reloads.now()

    def _start_reload(self) -> None:
        """Read what changed since the last read (every key the first time, or when asked) and
        merge it into the table off the UI thread: after a change — ours, another process's, an
        app's last use — only the keys that changed are read and placed (see
        :mod:`..core.key_listing`, :meth:`.KeyTableModel.prepare_changes`)."""
        model, store, listing = self.model, self.store, self._listing
        full, self._full_next = self._full_next, False
        searching = self.proxy.filtering()  # it refilters at once: texts made here, not there

        def read() -> PreparedKeys | None:
            if full:
                listing.reset()
            changes, policy = listing.read(), store.policy()
            if not changes and policy == model.policy():
                return None  # nothing the table shows changed (a use within the minute, say)
            return model.prepare_changes(changes, policy, with_texts=searching)

        self.runner.run(read, guarded(self, self._loaded), guarded(self, self._load_failed))

    def _make_search_texts(self) -> None:
        """After a full read is shown, make its search texts in the background: ~50 ms of
        Python the table no longer waits for (:meth:`.KeyTableModel.texts_missing`)."""
        rows = self.model.texts_missing()
        if rows is None:
            return

        def made(texts: list[str]) -> None:
            self.model.add_texts(rows, texts)

        # failing is harmless: the search makes them itself when first asked
        self.runner.run(lambda: search_texts(rows), guarded(self, made), lambda _error: None)

    def _loaded(self, prepared: PreparedKeys | None) -> None:
        if prepared is not None:
            selected = {self.model.record(row).key_id for row in self._selected_rows()}
            scroll = self.table.verticalScrollBar().value()
            if self.model.apply(prepared) and selected:  # a reset: put the selection back
                self._restore_selection(selected, scroll)
        if not self._loaded_once:  # the keys are up: pay the dialogs' first use meanwhile
            QTimer.singleShot(WARM_UP_AFTER_MS, self,
                              lambda: warm_up(self.runner, self.settings.keychain_service))
        self._loaded_once = True
        if self._select_after_load and self.select_key(self._select_after_load):
            self._select_after_load = None
        if prepared is not None:
            self._update_state()
            self._update_banner()
            self.count_changed.emit(len(prepared))
        self._reloads.finished()  # after applying: the next preparation builds on these rows
        # once the table is painted: a worker now would share the GIL with that paint
        QTimer.singleShot(SEARCH_TEXTS_AFTER_MS, self, self._make_search_texts)

    def _restore_selection(self, key_ids: set[str], scroll: int) -> None:
        selection = self.table.selectionModel()
        for key_id in key_ids:
            index = self.proxy.mapFromSource(self.model.index(self.model.row_of(key_id), 0))
            if index.isValid():
                selection.select(index, QItemSelectionModel.SelectionFlag.Select | _SELECT_ROWS)
        self.table.verticalScrollBar().setValue(scroll)

    def _load_failed(self, error: Exception) -> None:
        self._reloads.finished()
        self.notice.emit(self.tr("Could not load the keys: {error}").format(
            error=describe_error(error)))

    # -- actions ----------------------------------------------------------------------------

    def _show_context_menu(self, position: QPoint) -> None:
        if not self.table.indexAt(position).isValid():
            return
        self.context_menu().popup(self.table.viewport().mapToGlobal(position))

    def context_menu(self) -> QMenu:
        """The row menu: Details…, Edit…, Rotate…, Disable or Enable, Copy Key ID, Delete…"""
        menu = QMenu(self)
        menu.setObjectName("keysMenu")
        available = self.available()
        color = self.palette().text().color()
        for name, (text, icon, keys, tip) in ACTIONS.items():
            if name in (COPY_ID, DELETE):
                menu.addSeparator()
            if name == DISABLE:  # the toggle says what it will do: disable, or enable again
                text = self.disable_text()
                icon = "check" if self.will_enable() else icon
            else:
                text = translate(_CONTEXT, text)
            action = QAction(themed_icon(icon, color), text, menu)
            action.setObjectName(f"{name}MenuAction")
            action.setStatusTip(translate(_CONTEXT, tip))
            action.setEnabled(name in available)
            if keys:
                action.setShortcut(QKeySequence(keys))  # shown only; the window binds the key
            action.triggered.connect(self.slot(name))
            menu.addAction(action)
        menu.aboutToHide.connect(menu.deleteLater)
        return menu

    def copy_key_id(self) -> None:
        """Put the selected key's public id (not a secret) on the clipboard."""
        records = self.selected_records()
        if len(records) == 1:
            QGuiApplication.clipboard().setText(records[0].key_id)
            self.notice.emit(self.tr("Copied the key ID {key_id}.").format(
                key_id=records[0].key_id))

    def create_key(self) -> None:
        """Open the Create API Key dialog; then show the new key once and list it."""
        from .create_dialog import CreateKeyDialog
        from .delivery import deliver_new_key

        taken = self.model.taken_names() if self._loaded_once else None  # no re-read of 100k
        dialog = CreateKeyDialog(self.store, self.runner, self.settings, self.window(),
                                 taken=taken)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            created, method = dialog.created, getattr(dialog, "delivery", None)
        finally:
            dialog.deleteLater()
        if not accepted or created is None:
            return
        self._after_write(created.record.key_id, self.tr("Created the key “{name}”.").format(
            name=created.record.name))
        deliver_new_key(self.window(), created, method, self.settings, self.runner, self.store)

    def delete_selected(self) -> None:
        """Confirm, then revoke the selected keys in one transaction."""
        records = self.selected_records()
        if not records or self._busy:
            return
        if not ask_to_delete(self, records):
            return
        key_ids = [record.key_id for record in records]
        store = self.store
        self._run(lambda: delete_what_is_left(store, key_ids),
                  lambda result: self._deleted(records, *result),
                  self.tr("The key could not be deleted") if len(records) == 1 else
                  self.tr("The keys could not be deleted"))

    def _deleted(self, asked: list[KeyRecord], deleted: list[KeyRecord],
                 gone_ids: list[str]) -> None:
        """The wish came true: for keys another process deleted first, too (no error)."""
        from .delivery import forget_keychain_entries

        # Only entries of keys deleted here: a key deleted elsewhere may have been regenerated
        # there, and its keychain entry (same account) may hold the new key now.
        if deleted:
            forget_keychain_entries(deleted, self.runner,
                                    on_message=guarded(self, self.notice.emit))
        gone = [record for record in asked if record.key_id in gone_ids]
        # Their rows go with the next read: let go of them now, while they are still shown, so
        # the selection model need not note and move a thousand selected rows through it.
        if {r.key_id for r in self.selected_records()} <= {r.key_id for r in asked}:
            self.table.selectionModel().clearSelection()
        self._after_write(None, deleted_notice(deleted, gone))

    def _one_selected(self, action: str) -> KeyRecord | None:
        """The one selected key, when ``action`` is available now."""
        records = self.selected_records()
        return records[0] if action in self.available() and len(records) == 1 else None

    def show_details(self) -> None:
        """Open the selected key's details (Enter, a double-click, Key ▸ Details…)."""
        from .key_details_dialog import open_key_details

        record = self._one_selected(DETAILS)
        if record is not None:
            open_key_details(self.window(), self.store, self.runner, self.settings,
                             record.key_id, on_written=self._after_write)

    def edit_selected(self) -> None:
        """Open the Edit dialog for the selected key (name, description, permissions, scope,
        expiration: the same token)."""
        from .edit_key_dialog import open_edit_key

        record = self._one_selected(EDIT)
        if record is not None:
            taken = self.model.taken_names() if self._loaded_once else None  # no re-read
            open_edit_key(self.window(), self.store, self.runner, self.settings, record,
                          on_written=self._after_write, taken=taken)

    def rotate_selected(self) -> None:
        """Open the Rotate dialog for the selected key: a new token, the old one working on
        for the overlap chosen there."""
        from .rotate_dialog import open_rotate_key

        record = self._one_selected(ROTATE)
        if record is not None:
            open_rotate_key(self.window(), self.store, self.runner, self.settings, record,
                            on_written=self._after_write, on_notice=self.notice.emit)

    def toggle_disabled(self) -> None:
        """Disable the selected keys, or enable them when every one is disabled already."""
        records = self.selected_records()
        if DISABLE not in self.available():
            return
        disable = not self.will_enable()
        key_ids, store = [r.key_id for r in records], self.store
        one = len(records) == 1
        if disable:
            failure = (self.tr("The key could not be disabled") if one
                       else self.tr("The keys could not be disabled"))
        else:
            failure = (self.tr("The key could not be enabled") if one
                       else self.tr("The keys could not be enabled"))
        self._run(lambda: [store.set_key_disabled(key_id, disable) for key_id in key_ids],
                  lambda _done: self._after_write(None, disable_notice(records, disable)),
                  failure,
                  lambda error: gone_elsewhere(records[0], error) if len(records) == 1
                  else describe_error(error))

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None], failure: str,
             explain: Callable[[Exception], str] = describe_error) -> None:
        """Run a write with the action buttons disabled until it reports."""
        self._set_busy(True)

        def succeeded(result: Any) -> None:
            self._set_busy(False)
            done(result)

        def failed(error: Exception) -> None:
            self._set_busy(False)
            self.reload()  # another process may have changed what we acted on
            prompts.inform(self, failure, explain(error), error=True)

        self.runner.run(work, guarded(self, succeeded), guarded(self, failed))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
        self._update_buttons()

    def _after_write(self, select: str | None, message: str) -> None:
        """Our write shows through the watcher, like anyone's: ask it now, not at its tick."""
        if select:
            self._select_after_load = select
        self.notice.emit(message)
        self.changed.emit()
        self.watcher.check_now()
