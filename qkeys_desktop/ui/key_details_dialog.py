"""A key's details: what it is, where it lives, its status and its history — and its actions.

How to open it (the keys page: Enter or a double-click on a row)::

    from .key_details_dialog import open_key_details
    dialog = open_key_details(self.window(), store, runner, settings, key_id,
                              on_written=self._after_write)

It opens window-modal and deletes itself when closed. ``on_written(key_id, notice)`` is called
after each change made from it (edit, rotate, disable, enable) with the key's id as it is now (a
rotation gives the key a new one) and a sentence for the status bar; the keys page passes its
``_after_write``, which asks the registry's watcher to look now. The dialog reloads itself when
the registry changes (its own writes, or anyone else's), follows the key through rotations made
elsewhere, and says so when the key was deleted meanwhile. Every store call runs on the
TaskRunner.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import NotFoundError
from ..core.policy import RegistryPolicy, violation
from ..core.records import EventRecord, KeyRecord, KeyStatus, KeyUsage, RetiredKey
from ..core.store import Store
from . import prompts
from .event_details import event_details
from .event_model import event_icon, event_label
from .i18n import QT_TRANSLATE_NOOP, translate
from .icons import themed_icon
from .key_model import rate_sentence, uses_sentence
from .reloading import Reloads
from .settings import AppSettings
from .tables import AnyIndex, ListTableModel, configure_table
from .tasks import TaskRunner, describe_error, guarded
from .theme import Tone, rgba, tone_color
from .usage_chart import UsageChart, count_text
from .widgets import (
    Banner,
    FittedDialog,
    badge,
    card,
    control,
    dialog_title,
    heading_row,
    muted_label,
    set_text_color,
)
from .wording import (
    expiry_date,
    format_date_time,
    format_expiry,
    format_full,
    permission_list,
    scope_text,
)

Written = Callable[[str, str], None]
HISTORY_LIMIT = 200  # the newest events; the Activity page (and `qkeys events`) has them all
USAGE_DAYS = 30
TOP = 5  # reasons and clients listed by name; the rest are summed up
NO_CLIENT = QT_TRANSLATE_NOOP("KeyDetailsDialog", "No client label")
_WIDTH = 600

#: status → (word, tone); the word is translated where shown (:func:`status_word`)
STATUS_WORDS: dict[KeyStatus, tuple[str, Tone]] = {
    KeyStatus.ACTIVE: (QT_TRANSLATE_NOOP("KeyDetailsDialog", "Active"), "success"),
    KeyStatus.EXPIRING: (QT_TRANSLATE_NOOP("KeyDetailsDialog", "Expires soon"), "warning"),
    KeyStatus.EXPIRED: (QT_TRANSLATE_NOOP("KeyDetailsDialog", "Expired"), "error"),
    KeyStatus.DISABLED: (QT_TRANSLATE_NOOP("KeyDetailsDialog", "Disabled"), "muted"),
}

#: rejection reason (as verification counts it) → how the usage tab names it
REASON_WORDS = {
    "mismatch": QT_TRANSLATE_NOOP("KeyDetailsDialog", "Mismatch"),
    "expired": QT_TRANSLATE_NOOP("KeyDetailsDialog", "Expired"),
    "disabled": QT_TRANSLATE_NOOP("KeyDetailsDialog", "Disabled"),
    "action not permitted": QT_TRANSLATE_NOOP("KeyDetailsDialog", "Action not permitted"),
    "project out of scope": QT_TRANSLATE_NOOP("KeyDetailsDialog", "Project out of scope"),
    "usage exhausted": QT_TRANSLATE_NOOP("KeyDetailsDialog", "Usage exhausted"),
    "rate limited": QT_TRANSLATE_NOOP("KeyDetailsDialog", "Rate limited"),
}

#: where a change was made (events' surface) → how "By" names it, in brackets after the actor
SURFACE_WORDS = {
    "window": QT_TRANSLATE_NOOP("KeyDetailsDialog", "window"),
    "cli": QT_TRANSLATE_NOOP("KeyDetailsDialog", "cli"),
    "api": QT_TRANSLATE_NOOP("KeyDetailsDialog", "api"),
}


def status_word(status: KeyStatus) -> str:
    """ "Active", "Expires soon", "Expired" or "Disabled", in the window's language."""
    return translate("KeyDetailsDialog", STATUS_WORDS[status][0])


def reason_word(reason: str) -> str:
    """A rejection reason as the usage tab names it ("Action not permitted"); one from a newer
    version reads as stored, capitalised."""
    known = REASON_WORDS.get(reason)
    return translate("KeyDetailsDialog", known) if known else reason[:1].upper() + reason[1:]


def until_text(moment: datetime, now: datetime) -> str:
    """ "in 5 hours" within a week, else "on Dec 9, 2026 14:00": when something will happen."""
    if timedelta(0) < moment - now <= timedelta(days=7):
        return format_expiry(moment, now)  # "in 5 hours", in the window's language
    return translate("KeyDetailsDialog", "on {date}").format(date=format_date_time(moment))


def rotating_text(record: KeyRecord, now: datetime) -> str:
    """ "The old token qk_… stops working in 5 hours" while a rotation's overlap runs, else ""."""
    if not record.rotating(now) or record.previous_until is None:
        return ""
    return translate("KeyDetailsDialog", "The old token {key_id} still works; it stops {when}."
                     ).format(key_id=record.previous_key_id,
                              when=until_text(record.previous_until, now))


def status_text(record: KeyRecord, now: datetime) -> str:
    """The status in words: "Active", "Expires soon", "Expired", "Disabled since …"."""
    status = record.status(now)
    if status is KeyStatus.DISABLED and record.disabled_at is not None:
        return translate("KeyDetailsDialog", "Disabled since {date}: every check is refused"
                         ).format(date=format_date_time(record.disabled_at))
    if status is KeyStatus.EXPIRED:
        return translate("KeyDetailsDialog", "Expired: every check is refused")
    if record.rotating(now) and record.previous_until is not None:
        return translate("KeyDetailsDialog", "{status} · rotating: the old token stops {when}"
                         ).format(status=status_word(status),
                                  when=until_text(record.previous_until, now))
    return status_word(status)


def by_whom(actor: str, surface: str = "") -> str:
    """ "alice@laptop (window)", or "unknown" for what was done before qkeys recorded it."""
    if not actor:
        return translate("KeyDetailsDialog", "unknown")
    if not surface:
        return actor
    place = SURFACE_WORDS.get(surface)
    return translate("KeyDetailsDialog", "{actor} ({surface})").format(
        actor=actor, surface=translate("KeyDetailsDialog", place) if place else surface)


def top_counts(counts: Mapping[str, int], limit: int = TOP) -> list[tuple[str, int]]:
    """The ``limit`` largest counts, largest first (names breaking ties), then "N others"
    with the rest summed. A client given as "" is shown as "No client label"."""
    no_client = translate("KeyDetailsDialog", NO_CLIENT)
    ranked = sorted(((name or no_client, count) for name, count in counts.items() if count),
                    key=lambda item: (-item[1], item[0]))
    shown, rest = ranked[:limit], ranked[limit:]
    if rest:
        others = len(rest)
        shown.append((translate("KeyDetailsDialog", "%n other(s)", "", others),
                      sum(count for _name, count in rest)))

    return shown


def limits_text(record: KeyRecord) -> str:
    """The key's uses left and its rate limit, a line each; "None" for an unlimited key."""
    lines = [line for line, limited in ((uses_sentence(record), record.uses_limit is not None),
                                        (rate_sentence(record), record.rate_limit is not None))
             if limited]
    return "\n".join(lines) or translate("KeyDetailsDialog",
                                         "None: any number of checks, at any rate")


def usage_totals(usage: KeyUsage, last_used_by: str | None) -> str:
    """The period's totals, a line each: "1,234 valid", "12 rejected", "Last used by web-1"."""
    parts = [translate("KeyDetailsDialog", "{count} valid").format(count=count_text(usage.valid)),
             translate("KeyDetailsDialog", "{count} rejected").format(
                 count=count_text(usage.rejected))]
    if last_used_by:
        parts.append(translate("KeyDetailsDialog", "Last used by {client}").format(
            client=last_used_by))
    return "\n".join(parts)


def counts_table(counts: list[tuple[str, int]], empty: str) -> str:
    """Rich text: one name and its count a line, the counts right-aligned (names escaped:
    client labels come from apps)."""
    if not counts:
        return f"<span>{html.escape(empty)}</span>"
    rows = "".join(f"<tr><td>{html.escape(name)}</td>"
                   f"<td align='right' style='padding-left:16px'>{count_text(count)}</td></tr>"
                   for name, count in counts)
    return f"<table cellspacing='0' cellpadding='1'>{rows}</table>"


# -- loading ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyView:
    """Everything the dialog shows, read in one background job."""

    record: KeyRecord | None  # None: the key no longer exists
    events: list[EventRecord]  # newest first
    policy: RegistryPolicy
    retired: RetiredKey | None  # why it no longer exists, when it does not
    usage: KeyUsage | None = None  # the last USAGE_DAYS days (None once the key is gone)


def load_key_view(store: Store, key_id: str) -> KeyView:
    """Read a key, its usage, its history and the policy; a key rotated elsewhere is followed
    to its new id (the history of any of its ids is the whole key's, the newest rotation names
    the id)."""
    events = store.list_events(HISTORY_LIMIT, key_id=key_id)
    policy = store.policy()
    try:
        return _live_view(store, key_id, events, policy)
    except NotFoundError:
        pass
    retired = store.retired_key(key_id)
    newest = next((e.key_id for e in events if e.kind == "key.rotated" and e.key_id), None)
    if newest and newest != key_id:
        try:
            return _live_view(store, newest, events, policy)
        except NotFoundError:
            retired = store.retired_key(newest) or retired
    return KeyView(None, events, policy, retired)


def _live_view(store: Store, key_id: str, events: list[EventRecord],
               policy: RegistryPolicy) -> KeyView:
    """The view of a key that exists (NotFoundError when it does not)."""
    record = store.get_key(key_id)
    return KeyView(record, events, policy, None, store.usage(record.key_id, USAGE_DAYS))


# -- the history table --------------------------------------------------------------------------


class KeyHistoryModel(ListTableModel[EventRecord]):
    """A key's audit events, newest first: when, what, who (and through what), details."""

    COLUMNS = (QT_TRANSLATE_NOOP("KeyHistoryModel", "When"),
               QT_TRANSLATE_NOOP("KeyHistoryModel", "Event"),
               QT_TRANSLATE_NOOP("KeyHistoryModel", "By"),
               QT_TRANSLATE_NOOP("KeyHistoryModel", "Details"))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        header = super().headerData(section, orientation, role)
        return translate("KeyHistoryModel", header) if isinstance(header, str) else header

    def set_events(self, events: Sequence[EventRecord]) -> None:
        """Show these events."""
        self.set_rows(events)

    def event_at(self, row: int) -> EventRecord:
        """The event shown in ``row``."""
        return self.row_at(row)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        event, column = self.row_of(index), index.column()
        if event is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (format_date_time(event.at), event_label(event.kind),
                    by_whom(event.actor, event.surface), event_details(event.details))[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            return event_icon(event.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (format_full(event.at), event.kind, by_whom(event.actor, event.surface),
                    event_details(event.details) or None)[column]

        return None


# -- the dialog ---------------------------------------------------------------------------------


class KeyDetailsDialog(FittedDialog):
    """One key's details and history, with Edit…, Rotate…, Disable/Enable and Close."""

    written = Signal(str, str)  # (the key's id now, a sentence): a change was made from here
    loaded = Signal()  # a load finished and is shown

    def __init__(self, store: Store, runner: TaskRunner, settings: AppSettings, key_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner, self.settings = store, runner, settings
        self.key_id = key_id
        self.view: KeyView | None = None
        self._busy = False
        self.setObjectName("keyDetailsDialog")
        self.setWindowTitle(self.tr("API key details"))
        self._build()
        self._reloads = Reloads(self, self._start_reload, store)
        self._update_buttons()

    @property
    def loaded_record(self) -> KeyRecord | None:
        """The key as last loaded (None before the first load, or once it is gone)."""
        return None if self.view is None else self.view.record

    # -- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        body = QVBoxLayout()
        body.setContentsMargins(24, 24, 24, 24)
        body.setSpacing(16)
        body.addLayout(self._header())
        self.banner = Banner("detailsBanner", "info", icon_name="info")
        self.banner.hide()
        body.addWidget(self.banner)
        body.addWidget(self._facts())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailsTabs")
        self.tabs.setAccessibleName(self.tr("Usage and history"))
        self.tabs.setDocumentMode(True)  # a row of tabs over the page, no frame around it
        self.tabs.addTab(self._usage(), self.tr("Usage (last %n days)", "", USAGE_DAYS))
        self.tabs.addTab(self._history(), self.tr("History"))
        body.addWidget(self.tabs)
        self.lay_out(body, self._footer())

    def _header(self) -> QHBoxLayout:
        self.badge = badge("key", "info", self.palette())
        self.title = dialog_title(self.tr("Loading…"), "detailsTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = muted_label("")
        self.subtitle.setObjectName("detailsDescription")
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle.setFixedWidth(_WIDTH - 160)  # room for the badge and the status
        self.status_pill = QLabel()
        self.status_pill.setObjectName("statusPill")
        row = heading_row(self.badge, self.title, self.subtitle)
        row.addWidget(self.status_pill, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _facts(self) -> QWidget:
        box = card("detailsCard")
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        grid.setContentsMargins(16, 12, 16, 12)
        self.fields: dict[str, QLabel] = {}
        rows = ((self.tr("Key ID"), "keyId"), (self.tr("Status"), "status"),
                (self.tr("Permissions"), "permissions"), (self.tr("Scope"), "scope"),
                (self.tr("Expires"), "expires"), (self.tr("Policy"), "policy"),
                (self.tr("Limits"), "limits"), (self.tr("Created"), "created"),
                (self.tr("Token issued"), "issued"), (self.tr("Last used"), "lastUsed"),
                (self.tr("Delivery"), "delivery"))
        self._captions: dict[str, QLabel] = {}
        for row, (caption, name) in enumerate(rows):
            label = QLabel()
            label.setObjectName(f"detail_{name}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            # a long sentence (limits, delivery; longer still in German) wraps rather than
            # widening the dialog
            label.setWordWrap(name != "keyId")
            self.fields[name] = label
            self._captions[name] = muted_label(caption, False)
            grid.addWidget(self._captions[name], row, 0)
            grid.addWidget(label, row, 1)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.fields["keyId"].setFont(mono)
        set_text_color(self.fields["policy"], tone_color("warning", self.palette()))
        self.copy_id_button = control(QToolButton(), "copyKeyIdButton", self.tr("Copy key ID"),
                                      self.tr("Copy the key ID (not a secret) to the clipboard"))
        self.copy_id_button.setIcon(themed_icon("copy", tone_color("muted", self.palette())))
        self.copy_id_button.setAutoRaise(True)
        self.copy_id_button.clicked.connect(self.copy_key_id)
        key_row = QHBoxLayout()
        key_row.setSpacing(4)
        key_row.addWidget(self.fields["keyId"])
        key_row.addWidget(self.copy_id_button)
        key_row.addStretch(1)
        grid.addLayout(key_row, 0, 1)
        grid.setColumnStretch(1, 1)
        return box

    def _usage(self) -> QWidget:
        """The chart, the period's totals, and the rejections by reason and the checks by
        client, the largest few of each."""
        page = QWidget()
        page.setObjectName("usagePage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        self.chart = UsageChart()
        self.chart.setFixedHeight(7 * self.fontMetrics().height())
        columns = QHBoxLayout()
        columns.setSpacing(32)
        self.usage_totals = self._breakdown(columns, self.tr("In all"), "usageTotals")
        self.usage_totals.setTextFormat(Qt.TextFormat.PlainText)
        self.by_reason = self._breakdown(columns, self.tr("Rejected, by reason"),
                                         "usageByReason")
        self.by_client = self._breakdown(columns, self.tr("All checks, by client"),
                                         "usageByClient")
        columns.addStretch(1)
        layout.addWidget(self.chart)
        layout.addLayout(columns)
        layout.addStretch(1)
        return page

    @staticmethod
    def _breakdown(row: QHBoxLayout, title: str, name: str) -> QLabel:
        """A column under the chart: its title, and a label for its lines."""
        column = QVBoxLayout()
        column.setSpacing(2)
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAccessibleName(title)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # room for the longest list from the start: the dialog keeps its size as lists load
        label.setText(counts_table([("x", 1)] * (TOP + 1), ""))
        label.setMinimumHeight(label.sizeHint().height())
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        label.clear()
        column.addWidget(muted_label(title, False))
        column.addWidget(label)
        column.addStretch(1)
        row.addLayout(column)
        return label

    def _history(self) -> QTableView:
        self.history_model = KeyHistoryModel(self)
        table = QTableView()
        table.setObjectName("historyTable")
        table.setAccessibleName(self.tr("The key's history"))
        configure_table(table, self.history_model)
        table.setSortingEnabled(False)  # newest first, as the store gives them
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((140, 130, 150)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.setMinimumWidth(_WIDTH)
        table.setMinimumHeight(200)
        # it fills the height the Usage tab sets: its own wish must not grow the dialog
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.history = table
        return table

    def _footer(self) -> QHBoxLayout:
        color = self.palette().text().color()
        self.edit_button = control(QPushButton(self.tr("Edit…")), "editKeyButton",
                                   self.tr("Edit"),
                                   self.tr("Change the name, description, permissions, scope "
                                           "or expiry; the token stays the same"))
        self.edit_button.setIcon(themed_icon("settings", color))
        self.edit_button.clicked.connect(self.edit_key)
        self.rotate_button = control(QPushButton(self.tr("Rotate…")), "rotateKeyButton",
                                     self.tr("Rotate"),
                                     self.tr("Give the key a new token; the old one can keep "
                                             "working for a while"))
        self.rotate_button.setIcon(themed_icon("refresh", color))
        self.rotate_button.clicked.connect(self.rotate_key)
        self.disable_button = control(QPushButton(self.tr("Disable")), "disableKeyButton",
                                      self.tr("Disable"), "")
        self.disable_button.clicked.connect(self.toggle_disabled)
        self.close_button = control(QPushButton(self.tr("Close")), "closeButton",
                                    self.tr("Close"), self.tr("Close (Esc)"))
        self.close_button.setDefault(True)
        self.close_button.setMinimumWidth(96)
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.setContentsMargins(24, 16, 24, 16)
        row.setSpacing(8)
        for button in (self.edit_button, self.rotate_button, self.disable_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        return row

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the key again (also done whenever the registry changes)."""
        self._reloads.now()

    def _start_reload(self) -> None:
        store, key_id = self.store, self.key_id
        self.runner.run(lambda: load_key_view(store, key_id), guarded(self, self._loaded),
                        guarded(self, self._load_failed))

    def _loaded(self, view: KeyView) -> None:
        self._reloads.finished()
        self.view = view
        if view.record is not None:
            self.key_id = view.record.key_id  # rotated elsewhere: follow it
            self._show_record(view.record, view)
        else:
            self._show_gone(view)
        self.history_model.set_events(view.events)
        for column in (0, 1):  # the time and the event in full, in any language's words
            self.history.resizeColumnToContents(column)

        self._update_buttons()
        self.loaded.emit()

    def _load_failed(self, error: Exception) -> None:
        self._reloads.finished()
        self._show_banner("error", "error", self.tr("Could not load the key: {error}").format(
            error=describe_error(error)))

    def _show_record(self, record: KeyRecord, view: KeyView) -> None:
        now = self.store.clock()
        self.title.setText(record.name)
        self.setWindowTitle(self.tr("API key “{name}”").format(name=record.name))
        self.subtitle.setText(record.description or self.tr("No description."))
        status = record.status(now)
        self._paint_status(status_word(status), STATUS_WORDS[status][1])
        fields = self.fields
        fields["keyId"].setText(record.key_id)
        fields["status"].setText(status_text(record, now))
        fields["permissions"].setText(permission_list(record.permissions))
        fields["scope"].setText(scope_text(record.all_projects, record.projects))
        fields["expires"].setText(self.tr("Never") if record.expires_at is None
                                  else expiry_date(record.expires_at)
                                  if record.expires_at > now
                                  else self.tr("{date} (expired)").format(
                                      date=format_date_time(record.expires_at)))
        fields["expires"].setToolTip("" if record.expires_at is None
                                     else format_full(record.expires_at))
        flagged = violation(view.policy, record.created_at, record.expires_at)
        fields["policy"].setText(self._breach_text(record, view.policy) if flagged else "")
        for part in (fields["policy"], self._captions["policy"]):
            part.setVisible(bool(flagged))
        created = next((e for e in reversed(view.events) if e.kind == "key.created"), None)
        made_by = self.tr("{date} by {who}")
        if created is not None:
            fields["created"].setText(made_by.format(
                date=format_date_time(created.at), who=by_whom(created.actor, created.surface)))
        else:
            fields["created"].setText(made_by.format(
                date=format_date_time(record.created_at), who=by_whom(record.created_by or "")))
        rotated = created is None or abs((created.at - record.created_at).total_seconds()) > 1
        fields["issued"].setText(format_date_time(record.created_at))
        for part in (fields["issued"], self._captions["issued"]):
            part.setVisible(rotated)
        fields["lastUsed"].setText(self._last_used_text(record))
        fields["limits"].setText(limits_text(record))
        if view.usage is not None:
            self._show_usage(view.usage, record)
        fields["delivery"].setText(
            self.tr("OS keychain: service “{service}”, account “{account}”").format(
                service=record.keychain_service, account=record.name)
            if record.keychain_service else self.tr("Shown once, when it was issued (not stored)"))
        rotating = rotating_text(record, now)
        if rotating:
            self._show_banner("info", "refresh", self.tr(
                "Rotating. {rotating} Apps still using it are then refused with “rotated”."
            ).format(rotating=rotating))
        elif status is KeyStatus.DISABLED:
            self._show_banner("warning", "warning", self.tr(
                "This key is disabled: apps presenting it are refused with “disabled” until you "
                "enable it again."))
        else:
            self.banner.hide()

    def _breach_text(self, record: KeyRecord, policy: RegistryPolicy) -> str:
        """How the key breaks the policy (:func:`violation` says whether it does)."""
        if record.expires_at is None:
            return self.tr("⚠ It never expires, which the policy no longer allows (flagged, "
                           "not changed)")
        return self.tr("⚠ It lives longer than the policy's %n days (flagged, not changed)", "",
                       policy.max_lifetime_days or 0)

    def _last_used_text(self, record: KeyRecord) -> str:
        """ "Never", the time, or the time and the client that used it."""
        if record.last_used_at is None:
            return self.tr("Never")
        when = format_date_time(record.last_used_at)
        if not record.last_used_by:
            return when
        return self.tr("{date} by {client}").format(date=when, client=record.last_used_by)

    def _show_usage(self, usage: KeyUsage, record: KeyRecord) -> None:
        self.chart.set_days(usage.days)
        self.usage_totals.setText(usage_totals(usage, record.last_used_by))
        # the reasons are named before "N others" is added, so that one is not looked up
        reasons = [(reason_word(name), count) for name, count in usage.by_reason.items()]
        self._show_counts(self.by_reason, top_counts(dict(reasons)), self.tr("No rejections"))
        self._show_counts(self.by_client, top_counts(usage.by_client), self.tr("No checks"))

    @staticmethod
    def _show_counts(label: QLabel, counts: list[tuple[str, int]], empty: str) -> None:
        label.setText(counts_table(counts, empty))
        label.setAccessibleDescription(
            "; ".join(f"{name}: {count_text(count)}" for name, count in counts) or empty)

    def _show_gone(self, view: KeyView) -> None:
        retired = view.retired
        self._paint_status(self.tr("Revoked") if retired and retired.reason == "revoked"
                           else self.tr("Gone"), "error")
        name = retired.name if retired else (view.events[0].name if view.events else "")
        self.title.setText(name or self.key_id)
        for label in (*self.fields.values(), self.usage_totals, self.by_reason,
                      self.by_client):
            label.setText("—")
        self.chart.set_days([])
        self.fields["keyId"].setText(self.key_id)
        if retired is not None:
            when = format_date_time(retired.at)
            self._show_banner("error", "trash", self.tr(
                "This key was deleted on {date} by {who}; apps presenting it are refused with "
                "“{reason}”.").format(date=when, who=by_whom(retired.actor),
                                      reason=retired.reason))
        else:
            self._show_banner("error", "error", self.tr("This key no longer exists."))

    def _paint_status(self, word: str, tone: Tone) -> None:
        color = tone_color(tone, self.palette())
        self.status_pill.setText(word)
        set_text_color(self.status_pill, color)
        self.status_pill.setStyleSheet(
            f"QLabel#statusPill {{ background-color: {rgba(color, 0.12)};"
            f" border: 1px solid {rgba(color, 0.40)}; border-radius: 10px;"
            f" padding: 2px 10px; color: {color.name()}; font-weight: 600; }}")

    def _show_banner(self, tone: Tone, icon_name: str, text: str) -> None:
        self.banner.set_tone(tone, icon_name)
        self.banner.set_text(text)
        self.banner.show()

    # -- actions ----------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        record = self.loaded_record
        live = record is not None and not self._busy
        for button in (self.edit_button, self.rotate_button, self.disable_button,
                       self.copy_id_button):
            button.setEnabled(live)
        self.copy_id_button.setEnabled(self.view is not None)
        disabled = record is not None and record.disabled_at is not None
        word = self.tr("Enable") if disabled else self.tr("Disable")
        self.disable_button.setText(word)
        self.disable_button.setAccessibleName(word)
        self.disable_button.setToolTip(
            self.tr("Let the key work again") if disabled else
            self.tr("Pause the key: every check is refused with “disabled” until you enable it"))
        self.disable_button.setIcon(themed_icon(
            "check" if disabled else "close", self.palette().text().color()))

    def copy_key_id(self) -> None:
        """Put the key's public id (not a secret) on the clipboard."""
        QGuiApplication.clipboard().setText(self.key_id)
        self.copy_id_button.setToolTip(self.tr("Copied {key_id}").format(key_id=self.key_id))

    def edit_key(self) -> None:
        """Open the Edit dialog over this one."""
        from .edit_key_dialog import open_edit_key

        record = self.loaded_record
        if record is not None:
            open_edit_key(self, self.store, self.runner, self.settings, record,
                          on_written=self._written)

    def rotate_key(self) -> None:
        """Open the Rotate dialog over this one; it delivers the new token itself."""
        from .rotate_dialog import open_rotate_key

        record = self.loaded_record
        if record is not None:
            open_rotate_key(self, self.store, self.runner, self.settings, record,
                            on_written=self._written)

    def toggle_disabled(self) -> None:
        """Disable the key (after asking: its apps stop at once) or enable it again."""
        record = self.loaded_record
        if record is None or self._busy:
            return
        disable = record.disabled_at is None
        if disable and not prompts.confirm(
                self, self.tr("Disable API key?"),
                self.tr("Disable the API key “{name}”?").format(name=record.name),
                self.tr("Apps presenting it are refused with “disabled” from their very next "
                        "check, until you enable it again. Its token stays the same."),
                action=self.tr("Disable")):
            return
        self._busy = True
        self._update_buttons()
        store, key_id = self.store, record.key_id
        notice = (self.tr("Disabled “{name}”: it is refused until enabled again.") if disable
                  else self.tr("Enabled “{name}” again.")).format(name=record.name)
        self.runner.run(lambda: store.set_key_disabled(key_id, disable),
                        guarded(self, lambda done: self._toggled(done, notice)),
                        guarded(self, self._toggle_failed))

    def _toggled(self, record: KeyRecord, notice: str) -> None:
        self._busy = False
        self._written(record.key_id, notice)

    def _toggle_failed(self, error: Exception) -> None:
        self._busy = False
        self._update_buttons()
        self.reload()  # another process may have changed or deleted it
        prompts.inform(self, self.tr("The key was not changed"), describe_error(error),
                       error=True)


    def _written(self, key_id: str, notice: str) -> None:
        """A change was made from here: follow the key's id, reload, tell the window."""
        self.key_id = key_id
        self.reload()
        self._reloads.watcher.check_now()
        self.written.emit(key_id, notice)


def open_key_details(parent: QWidget | None, store: Store, runner: TaskRunner,
                     settings: AppSettings, key_id: str, *,
                     on_written: Written | None = None) -> KeyDetailsDialog:
    """Open a key's details window-modally (it deletes itself when closed); ``on_written``
    hears of each change made from it: (the key's id now, a sentence for the status bar)."""
    dialog = KeyDetailsDialog(store, runner, settings, key_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_written is not None:
        dialog.written.connect(on_written)
    dialog.open()
    return dialog

