"""The Activity page: the audit log, newest first, filtered as you type."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTableView,
    QWidget,
)

from ..core.records import EventRecord
from ..core.store import Store
from .event_model import (
    DETAILS,
    EVENT,
    EVENT_KINDS,
    KEY_ID,
    NAME,
    TIME,
    WHO,
    EventTableModel,
    PreparedEvents,
    event_label,
)
from .filter_proxy import FilterProxy
from .i18n import QT_TRANSLATE_NOOP, translate
from .icons import icon
from .reloading import Reloads
from .secret_input import SecretScrubber
from .tables import (
    configure_table,
    escape_clears,
    select_row,
    selected_source_row,
    table_or_empty,
)
from .tasks import TaskRunner, describe_error, guarded
from .theme import tone_color
from .widgets import EmptyState, PageHeader, make_button, muted, page_column
from .wording import format_date_time

#: The empty log's title and text, English; translated where shown (:func:`nothing_yet`)
_NOTHING_YET = (QT_TRANSLATE_NOOP("ActivityPage", "No activity yet"),
                QT_TRANSLATE_NOOP(
                    "ActivityPage", "Creating, editing, disabling, rotating or deleting a key, "
                    "adding, renaming or removing a project, and changing the lifetime policy are "
                    "recorded here, with who did it — including changes made from the command "
                    "line."))


def nothing_yet() -> tuple[str, str]:
    """The empty log's title and text, in the window's language."""
    return translate("ActivityPage", _NOTHING_YET[0]), translate("ActivityPage", _NOTHING_YET[1])


class ActivityPage(QWidget):
    """Shows the store's audit events; the filter works in a proxy, never rebuilding the model."""

    notice = Signal(str)  # a sentence for the status bar (a failed load, say)

    def __init__(self, store: Store, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityPage")
        self.store = store
        self.runner = runner
        self.model = EventTableModel(self)
        self.proxy = FilterProxy(self)  # any column, any case; sorting is the model's
        self.proxy.setSourceModel(self.model)
        self._loaded_once = False
        self._reloads = Reloads(self, self._start_reload, store)
        self._build()
        self._update_state()

    def _build(self) -> None:
        layout = page_column(self)
        layout.addWidget(PageHeader(
            self.tr("Activity"),
            self.tr("Every change to keys, projects and the policy, newest first, with who made "
                    "it and from where. Entries stay after a key is deleted, so you can tell what "
                    "happened and when.")))
        layout.addLayout(self._filter_row())
        self.table = self._build_table()
        escape_clears(self.filter, self.table)
        clear = make_button(self, self.tr("Clear Filter"), "clearActivityFilterButton",
                            self.clear_filter, self.tr("Show every event again"))
        self.empty = EmptyState("activity", *nothing_yet(), self, clear)
        self.stack = table_or_empty(self, self.table, self.empty)
        layout.addWidget(self.stack, 1)

    def _filter_row(self) -> QHBoxLayout:
        self.filter = QLineEdit(self)
        self.filter.setObjectName("activityFilter")
        self.filter.setAccessibleName(self.tr("Filter activity"))
        self.filter.setPlaceholderText(self.tr("Filter by event, name, key ID, who or details"))
        self.filter.setToolTip(self.tr("Shows only events containing this text, in any column "
                                       "(Ctrl+F; Esc clears it)"))
        self.filter.setClearButtonEnabled(True)
        search = icon("search", tone_color("muted", self.palette()).name())
        self.filter.addAction(search, QLineEdit.ActionPosition.LeadingPosition)
        # the whole hint shows, however long the language makes it
        self.filter.setMinimumWidth(max(320, self.filter.fontMetrics().horizontalAdvance(
            self.filter.placeholderText()) + 72))
        self.filter.textChanged.connect(self._filter_changed)
        self.filter_guard = SecretScrubber(self.filter, self.notice.emit)
        self.count_label = muted(QLabel(self))
        self.count_label.setObjectName("activityCount")
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.filter, 1)
        row.addStretch(1)
        row.addWidget(self.count_label)
        return row

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("activityTable")
        table.setAccessibleName(self.tr("Activity"))
        configure_table(table, self.proxy)
        header = table.horizontalHeader()
        # Details says the most (what changed from what to what): it gets what the rest leave;
        # times and event words get their longest, whichever language says them
        time_width, event_width = self._widest_words(table)
        for column, width in ((TIME, time_width), (EVENT, event_width), (NAME, 160),
                              (KEY_ID, 140), (WHO, 150)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(DETAILS, QHeaderView.ResizeMode.Stretch)
        table.sortByColumn(TIME, Qt.SortOrder.DescendingOrder)
        return table

    @staticmethod
    def _widest_words(table: QTableView) -> tuple[int, int]:
        """Widths for the Time and Event columns from their longest text in this language (a
        time in each month, every event kind's word with its icon), never under 145 and 150."""
        metrics = table.fontMetrics()
        margins = 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
        times = max(metrics.horizontalAdvance(format_date_time(
            datetime(2026, month, 28, 23, 58).astimezone())) for month in range(1, 13))
        icon_room = table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 8
        events = max(metrics.horizontalAdvance(event_label(kind)) for kind in EVENT_KINDS)
        return max(145, times + margins), max(150, events + icon_room + margins)

    # -- filtering --------------------------------------------------------------------------


    def focus_filter(self) -> None:
        """Put the cursor in the filter field (Edit → Find)."""
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def clear_filter(self) -> None:
        """Show every event again."""
        self.filter.clear()

    def _filter_changed(self, text: str) -> None:
        if self.filter_guard.scrub():
            return  # a pasted token became its key id: that change filtered already
        self.proxy.set_filter_text(self.filter.text())
        self._update_state()

    def _update_state(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        text = self.filter.text().strip()
        if not self._loaded_once or shown:
            self.stack.setCurrentWidget(self.table)
        elif total:
            self.empty.set_message(self.tr("No matching events"),
                                   self.tr("Nothing in the log contains “{text}”.").format(
                                       text=text))
            self.stack.setCurrentWidget(self.empty)
        else:
            self.empty.set_message(*nothing_yet())
            self.stack.setCurrentWidget(self.empty)
        if self.empty.button is not None:
            self.empty.button.setVisible(bool(total))
        self.filter.setVisible(bool(total) or not self._loaded_once)  # nothing to filter yet
        self.count_label.setText(self._count_text(total, shown, bool(text)))

    def _count_text(self, total: int, shown: int, filtered: bool) -> str:
        if not total:
            return ""
        if filtered:
            return self.tr("{shown} of %n event(s)", "", total).format(shown=shown)
        return self.tr("%n event(s)", "", total)

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the log in the background; the selected event stays selected."""
        self._reloads.now()

    def _start_reload(self) -> None:
        model, store = self.model, self.store  # sorted and made searchable in the worker
        self.runner.run(lambda: model.prepare(store.event_rows()), guarded(self, self._loaded),
                        guarded(self, self._load_failed))

    def _loaded(self, events: PreparedEvents) -> None:
        self._reloads.finished()
        keep = self.selected_event()
        self.model.apply(events)
        self._loaded_once = True
        if keep is not None:
            self._select(keep)
        self._update_state()

    def _load_failed(self, error: Exception) -> None:
        self._reloads.finished()
        self.notice.emit(self.tr("Could not load the activity log: {error}").format(
            error=describe_error(error)))


    def selected_event(self) -> EventRecord | None:
        """The event in the selected row, if any."""
        row = selected_source_row(self.table, self.proxy)
        return None if row is None else self.model.event_at(row)

    def _select(self, event: EventRecord) -> None:
        row = self.model.row_of(event)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, TIME))
        if index.isValid():
            select_row(self.table, index)
