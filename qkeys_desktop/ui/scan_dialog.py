"""File ▸ Scan for leaked keys…: find this registry's tokens in a folder (and its git history),
say what each key is now, and revoke the live ones found — the window's ``qkeys scan``.

How to open it (the main window's File menu)::

    from .scan_dialog import open_scan_dialog
    open_scan_dialog(self, store, runner, on_notice=self.show_status)

It opens window-modal and deletes itself when closed. The scan (:func:`.core.scan.scan`, the
CLI's) and each revocation run on the TaskRunner; the dialog stays responsive throughout: Stop
or closing it sets the scan's ``cancelled`` flag, the scan ends at its next file or git line,
and its result is dropped. A revocation records where the key was found in its audit event,
removes the keychain entry qkeys stored for the key (:mod:`.delivery`, as the keys page's
Delete does) and asks the registry's watcher to look, so every page shows it at once.

Nothing here ever holds a token: the core reports a finding as its place and key id only.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import NotFoundError
from ..core.records import KeyRecord
from ..core.scan import (
    Finding,
    Identifier,
    Identity,
    LeakStatus,
    ScanError,
    ScanTally,
    found_in,
    scan,
)
from ..core.store import Store
from . import prompts
from .icons import themed_icon
from .key_model import key_font
from .registry_watcher import watcher_for
from .tables import AnyIndex, ListTableModel, configure_table, table_or_empty
from .tasks import TaskRunner, describe_error, guarded
from .theme import Tone, tone_color
from .widgets import (
    Banner,
    EmptyState,
    FittedDialog,
    badge,
    control,
    dialog_title,
    heading_row,
    muted_label,
    section_label,
)
from .wording import amount, bullet_list, format_date_time

Report = Callable[[str], None]
PROGRESS_MS = 150  # how often the busy line counts the files read so far
_WIDTH = 760
_SKIPPED_LISTED = 4  # skipped paths spelled out below the table before "and N more"

#: status → (word, tone): live keys in the error tone, what no longer works muted
STATUS_WORDS: dict[LeakStatus, tuple[str, Tone]] = {
    LeakStatus.LIVE: ("Live", "error"),
    LeakStatus.DISABLED: ("Disabled", "error"),
    LeakStatus.ROTATING: ("Rotating", "error"),
    LeakStatus.EXPIRED: ("Expired", "muted"),
    LeakStatus.REVOKED: ("Revoked", "muted"),
    LeakStatus.ROTATED: ("Rotated", "muted"),
    LeakStatus.UNKNOWN: ("Not in this registry", "warning"),
}
SECRET_NOTE = ("A token counts as its key's when its checksum holds and its key ID is the "
               "key's; whether its secret is the key's own is not checked (that would count "
               "as a use of the key).")


def choose_folder(parent: QWidget | None, start: str) -> str:
    """Ask for a folder (the seam tests replace, as ``prompts`` for questions); "" on Cancel."""
    return QFileDialog.getExistingDirectory(parent, "Choose a folder to scan", start)


def is_git_repository(folder: str) -> bool:
    """Whether ``folder`` is the top of a git work tree (``.git`` a folder, or a worktree's
    file): only then is its history offered, it would otherwise be a parent folder's."""
    return bool(folder) and os.path.exists(os.path.join(folder, ".git"))


def status_tip(who: Identity) -> str:
    """What the status means, with its date: the Status column's tooltip."""
    when = "" if who.at is None else format_date_time(who.at)
    return {
        LeakStatus.LIVE: "The key works: anyone holding this token can use it. Revoke it.",
        LeakStatus.DISABLED: "The key is paused, but anyone may enable it again. Revoke it.",
        LeakStatus.ROTATING: f"A rotation replaced this token, which works on until {when}; "
                             f"the key is now {who.key}. Revoke it.",
        LeakStatus.EXPIRED: f"The key expired {when}: the token no longer works.",
        LeakStatus.REVOKED: f"The key was revoked {when}: the token no longer works.",
        LeakStatus.ROTATED: f"A rotation replaced this token {when}: it no longer works.",
        LeakStatus.UNKNOWN: "A well-formed qkeys token of a key this registry does not have "
                            "(another registry's, or a test's).",
    }[who.status]


# -- the background work --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScanReport:
    """A finished scan: each token found with what its key is now, and what was covered."""

    rows: list[tuple[Finding, Identity]]
    tally: ScanTally
    folder: str = ""


def scan_folder(store: Store, folder: str, git: bool, tally: ScanTally) -> ScanReport:
    """Scan ``folder`` (and its history) and identify each token found; runs off the UI thread.
    A cancelled scan returns what it found so far (the dialog drops it)."""
    found = list(scan([folder], tally, git=git))
    identify = Identifier(store, store.clock())
    return ScanReport([(finding, identify(finding.key_id)) for finding in found], tally, folder)


@dataclass(frozen=True, slots=True)
class RevokeOutcome:
    """What revoking did: the keys revoked, those gone meanwhile, and each id's status now."""

    revoked: list[KeyRecord]
    gone: list[str]
    now: dict[str, Identity] = field(default_factory=dict)


def revoke_found(store: Store, places: dict[str, list[str]],
                 key_ids: Sequence[str]) -> RevokeOutcome:
    """Revoke each key (by its current id) with where it was found in its audit event, one
    transaction each: a key deleted or rotated elsewhere meanwhile does not keep the others
    from being revoked. Then tell what every key id found is now."""
    revoked, gone = [], []
    for key, where in places.items():
        try:
            revoked.append(store.delete_keys([key], reason=found_in(where))[0])
        except NotFoundError:
            gone.append(key)
    identify = Identifier(store, store.clock())
    return RevokeOutcome(revoked, gone, {key_id: identify(key_id) for key_id in key_ids})


# -- the results table ----------------------------------------------------------------------


class ScanResultsModel(ListTableModel[tuple[Finding, Identity]]):
    """The tokens found: where, key id, key name, status — never the token (it never has it)."""

    COLUMNS = ("Where", "Key ID", "Name", "Status")
    WHERE, KEY_ID, NAME, STATUS = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._base = ""
        self._mono = key_font()  # as the keys table shows ids

    def set_rows(self, rows: Sequence[tuple[Finding, Identity]], base: str = "") -> None:
        """Show these findings (a scan's); files under ``base`` (the folder scanned, named
        above the table) are shown relative to it."""
        self._base = os.path.join(base, "") if base else ""
        super().set_rows(rows)

    def where(self, finding: Finding) -> str:
        """``path:line`` (``commit:path:line``), the path relative to the folder scanned."""
        if finding.commit is None and self._base and finding.path.startswith(self._base):
            return f"{finding.path.removeprefix(self._base)}:{finding.line}"
        return finding.where

    def update_identities(self, now: dict[str, Identity]) -> None:
        """The keys' statuses changed (a revocation): show each found key id's as it is now."""
        self._rows = [(finding, now.get(finding.key_id, who)) for finding, who in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1,
                                                               len(self.COLUMNS) - 1))

    def rows(self) -> list[tuple[Finding, Identity]]:
        """Every finding shown, in the table's order."""
        return list(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_of(index)
        if row is None:
            return None
        (finding, who), column = row, index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (self.where(finding), finding.key_id, who.name or "—",
                    STATUS_WORDS[who.status][0])[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            where = (finding.where if finding.commit is None
                     else f"Added by commit {finding.commit} to {finding.path}, line "
                          f"{finding.line}")
            return (where, None, None, status_tip(who))[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return tone_color(STATUS_WORDS[who.status][1])
        if role == Qt.ItemDataRole.FontRole and column == self.KEY_ID:
            return self._mono
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column: places by file and line number (``a:9`` before ``a:10``), live
        keys first by status."""
        def where(row: tuple[Finding, Identity]) -> tuple[str, str, int]:
            return (row[0].commit or "", row[0].path, row[0].line)

        keys: dict[int, Callable[[tuple[Finding, Identity]], Any]] = {
            self.WHERE: where,
            self.KEY_ID: lambda row: (row[0].key_id, where(row)),
            self.NAME: lambda row: (row[1].name.casefold(), where(row)),
            self.STATUS: lambda row: (list(STATUS_WORDS).index(row[1].status), where(row)),
        }
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


def summary(report: ScanReport) -> str:
    """ "Scanned 12 files and 4 commits: 3 tokens of 2 keys (1 live, 1 revoked)." """
    tally = report.tally
    scanned = amount(tally.files, "file") + (
        f" and {amount(tally.commits, 'commit')}" if tally.commits else "")
    binary = f" ({tally.binary} binary left out)" if tally.binary else ""
    if not report.rows:
        return f"No qkeys token found in {scanned}{binary}."
    by_status: dict[LeakStatus, set[str]] = defaultdict(set)
    for finding, who in report.rows:
        by_status[who.status].add(finding.key_id)
    statuses = ", ".join(f"{len(ids)} {STATUS_WORDS[status][0].lower()}"
                         for status, ids in sorted(by_status.items(),
                                                   key=lambda item: list(STATUS_WORDS).index(
                                                       item[0])))
    keys = len({finding.key_id for finding, _ in report.rows})
    return (f"Scanned {scanned}{binary}: {amount(len(report.rows), 'token')} of "
            f"{amount(keys, 'key')} ({statuses}).")


def skipped_text(tally: ScanTally) -> tuple[str, str]:
    """The paths not scanned, below the table: a few spelled out, and all in the tooltip."""
    lines = [f"{skipped.path} ({skipped.reason})" for skipped in tally.skipped]
    if not lines:
        return "", ""
    shown = lines[:_SKIPPED_LISTED]
    more = len(lines) - len(shown)
    text = "Not scanned: " + "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
    return text, "\n".join(lines[:200])


# -- the dialog -----------------------------------------------------------------------------


class ScanDialog(FittedDialog):
    """Folder, "Include git history", Scan/Stop; the findings; Revoke… for the live keys."""

    def __init__(self, store: Store, runner: TaskRunner, parent: QWidget | None = None, *,
                 on_notice: Report | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.on_notice = on_notice or (lambda _text: None)
        self.report: ScanReport | None = None
        self._tally: ScanTally | None = None  # the running scan's, None when idle
        self._revoking = False
        self.setObjectName("scanDialog")
        self.setWindowTitle("Scan for leaked keys")
        self._progress_timer = QTimer(self)
        self._progress_timer.setInterval(PROGRESS_MS)
        self._progress_timer.timeout.connect(self._show_progress)
        self._build()
        self._folder_changed()

    @property
    def scanning(self) -> bool:
        """Whether a scan runs now."""
        return self._tally is not None

    # -- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        body = QVBoxLayout()
        body.setContentsMargins(24, 24, 24, 24)
        body.setSpacing(16)
        body.addLayout(heading_row(
            badge("shield", "info", self.palette()),
            dialog_title("Scan for leaked keys", "scanTitle"),
            muted_label("Finds this registry's tokens in a folder's files (and its git "
                        "history) by their format and checksum, offline. Tokens are never "
                        "shown: only where they are and whose they are.")))
        body.addLayout(self._folder_row())
        self.banner = Banner("scanBanner", "error", icon_name="error")
        self.banner.hide()
        body.addWidget(self.banner)
        body.addWidget(self._results())
        self.summary_label = muted_label("")
        self.summary_label.setObjectName("scanSummary")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.skipped_label = muted_label("")
        self.skipped_label.setObjectName("skippedLabel")
        self.skipped_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.summary_label, self.skipped_label):
            label.setFixedWidth(_WIDTH)  # wrapped labels need a width for their height
            label.hide()
            body.addWidget(label)
        self.lay_out(body, self._footer())

    def _folder_row(self) -> QVBoxLayout:
        self.folder_edit = control(QLineEdit(), "folderEdit", "Folder to scan",
                                   "The folder whose files are read (its subfolders too; "
                                   "not .git)")
        self.folder_edit.setPlaceholderText("Choose a folder…")
        self.folder_edit.textChanged.connect(lambda _text: self._folder_changed())
        self.browse_button = control(QPushButton("Choose…"), "chooseFolderButton",
                                     "Choose folder", "Pick the folder to scan")
        self.browse_button.setIcon(themed_icon("folder", self.palette().text().color()))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.choose_folder)
        self.git_check = control(QCheckBox("Include git &history"), "gitHistoryCheck",
                                 "Include git history", "")
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(section_label("&Folder", self.folder_edit))
        column.addLayout(row)
        column.addWidget(self.git_check)
        return column

    def _results(self) -> QWidget:
        self.model = ScanResultsModel(self)
        self.table = QTableView()
        self.table.setObjectName("scanResults")
        self.table.setAccessibleName("Tokens found")
        configure_table(self.table, self.model)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((300, 150, 170)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        revoke_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        revoke_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        revoke_key.activated.connect(self.revoke_selected)
        self.empty = EmptyState("search", "Nothing scanned yet",
                                "Choose a folder, then Scan (Enter).")
        self.results = table_or_empty(self, self.table, self.empty)
        self.results.setCurrentWidget(self.empty)
        self.results.setFixedSize(_WIDTH, 260)
        return self.results

    def _footer(self) -> QVBoxLayout:
        self.progress = QProgressBar()
        self.progress.setObjectName("scanProgress")
        self.progress.setRange(0, 0)  # busy: how much is left is unknown
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(120)
        self.progress.hide()
        self.progress_label = muted_label("", word_wrap=False)
        self.progress_label.setObjectName("scanProgressLabel")
        self.revoke_button = control(QPushButton("Revoke…"), "revokeButton", "Revoke",
                                     "Revoke the live keys of the selected rows at once (Del)")
        self.revoke_button.setIcon(themed_icon("trash", tone_color("error", self.palette())))
        self.revoke_button.setAutoDefault(False)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.stop_button = control(QPushButton("Stop"), "stopButton", "Stop scanning",
                                   "Stop the scan; nothing found so far is kept")
        self.stop_button.setAutoDefault(False)
        self.stop_button.clicked.connect(self.stop_scan)
        self.stop_button.hide()
        self.scan_button = control(QPushButton("Scan"), "scanButton", "Scan",
                                   "Scan the folder (Enter)")
        self.scan_button.setDefault(True)
        self.scan_button.setMinimumWidth(96)
        self.scan_button.clicked.connect(self.start_scan)
        self.close_button = control(QPushButton("Close"), "closeButton", "Close", "Close (Esc)")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.setContentsMargins(24, 16, 24, 16)
        row.setSpacing(8)
        row.addWidget(self.revoke_button)
        row.addWidget(self.progress)
        row.addWidget(self.progress_label)
        row.addStretch(1)
        row.addWidget(self.stop_button)
        row.addWidget(self.scan_button)
        row.addWidget(self.close_button)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        return column

    # -- the folder -------------------------------------------------------------------------

    def folder(self) -> str:
        """The folder typed or chosen (``~`` is the home folder, blanks around are dropped)."""
        return os.path.expanduser(self.folder_edit.text().strip())

    def set_folder(self, folder: str) -> None:
        """Put a folder in the field (the picker's choice, or the caller's)."""
        self.folder_edit.setText(folder)

    def choose_folder(self) -> None:
        """Open the folder picker at the folder in the field (or the home folder)."""
        start = self.folder() if os.path.isdir(self.folder()) else os.path.expanduser("~")
        chosen = choose_folder(self, start)
        if chosen:
            self.set_folder(chosen)
            self.scan_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _folder_changed(self) -> None:
        git = is_git_repository(self.folder())
        if not git:
            self.git_check.setChecked(False)
        self.git_check.setToolTip(
            "Also read every commit of every branch: a token deleted since stays in the "
            "history" if git else "Offered when the folder is the top of a git repository")
        self._update_buttons()

    # -- scanning ---------------------------------------------------------------------------

    def start_scan(self) -> None:
        """Scan the folder in the background (Enter)."""
        folder = self.folder()
        if self.scanning or self._revoking or not os.path.isdir(folder):
            return
        tally, git, store = ScanTally(), self.git_check.isChecked(), self.store
        self._tally = tally
        self.banner.hide()
        self._set_busy(True)
        self.runner.run(lambda: scan_folder(store, folder, git, tally),
                        guarded(self, lambda report: self._scanned(tally, report)),
                        guarded(self, lambda error: self._scan_failed(tally, error)))

    def stop_scan(self) -> None:
        """Stop the running scan now: the dialog is ready again at once, the scan ends at its
        next file (or git line) in the background and what it found is dropped."""
        if self._tally is None:
            return
        self._tally.cancelled = True
        self._tally = None
        self._set_busy(False)
        self.summary_label.setText("Scan stopped.")
        self.summary_label.show()

    def _scanned(self, tally: ScanTally, report: ScanReport) -> None:
        if tally is not self._tally:  # stopped, or an older scan
            return
        self._tally = None
        self._set_busy(False)
        self.show_report(report)

    def _scan_failed(self, tally: ScanTally, error: Exception) -> None:
        if tally is not self._tally:
            return
        self._tally = None
        self._set_busy(False)
        text = str(error) if isinstance(error, ScanError) else describe_error(error)
        self.banner.set_text(f"The scan failed: {text}")
        self.banner.show()

    def show_report(self, report: ScanReport) -> None:
        """Show a scan's findings, live keys first, and what was left out."""
        self.report = report
        self.model.set_rows(report.rows, report.folder)
        self.table.sortByColumn(ScanResultsModel.STATUS, Qt.SortOrder.AscendingOrder)
        if report.rows:
            self.results.setCurrentWidget(self.table)
            if report.rows and self.model.row_at(0)[1].status.live:  # live keys sort first:
                self.select_key(self.model.row_at(0)[0].key_id)  # Revoke… is one step away
        else:
            self.empty.set_message("No leaked tokens", "No token of any key was found here.")
            self.results.setCurrentWidget(self.empty)
        self._show_summary()
        text, tip = skipped_text(report.tally)
        self.skipped_label.setText(text)
        self.skipped_label.setToolTip(tip)
        self.skipped_label.setVisible(bool(text))
        self._update_buttons()

    def _show_summary(self) -> None:
        if self.report is None:
            return
        live = any(who.status.live for _, who in self.model.rows())
        text = summary(ScanReport(self.model.rows(), self.report.tally, self.report.folder))
        self.summary_label.setText(f"{text} {SECRET_NOTE}" if live else text)
        self.summary_label.show()

    def _set_busy(self, busy: bool) -> None:
        for part in (self.folder_edit, self.browse_button, self.git_check):
            part.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.progress_label.setVisible(busy)
        self.stop_button.setVisible(busy)
        self.scan_button.setVisible(not busy)
        self._folder_changed()  # the buttons and the git box follow the folder again
        if busy:
            self.summary_label.hide()
            self._show_progress()
            self._progress_timer.start()
            self.stop_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._progress_timer.stop()
            self.scan_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_progress(self) -> None:
        tally = self._tally
        if tally is None:
            return
        # read from another thread: plain counts, the worst is a number one file behind
        read = amount(tally.files, "file") + (
            f", {amount(tally.commits, 'commit')}" if tally.commits else "")
        self.progress_label.setText(f"Scanning… {read} read")

    def _update_buttons(self) -> None:
        busy = self.scanning or self._revoking
        self.scan_button.setEnabled(not busy and os.path.isdir(self.folder()))
        self.git_check.setEnabled(not busy and is_git_repository(self.folder()))
        self.revoke_button.setEnabled(not busy and bool(self._live_selected()))
        # shown once a scan found a live key, and kept (disabled) once all are revoked
        self.revoke_button.setVisible(self.report is not None and any(
            who.status.live for _, who in self.report.rows))

    # -- revoking ---------------------------------------------------------------------------

    def _live_selected(self) -> dict[str, tuple[str, list[str]]]:
        """The live keys of the selected rows: current id → (name, every place it was found,
        in any row: the audit event names them all)."""
        chosen = {self.model.row_at(index.row())[1].key
                  for index in self.table.selectionModel().selectedRows()}
        keys: dict[str, tuple[str, list[str]]] = {}
        for finding, who in self.model.rows():
            if who.key in chosen and who.key is not None and who.status.live:
                keys.setdefault(who.key, (who.name, []))[1].append(finding.where)
        return keys

    def select_key(self, key_id: str) -> bool:
        """Select the rows of one key id found (for the keyboard, and tests)."""
        self.table.clearSelection()
        selection = self.table.selectionModel()
        found = False
        for row, (finding, _who) in enumerate(self.model.rows()):
            if finding.key_id == key_id:
                selection.select(self.model.index(row, 0), selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)
                found = True
        return found

    def revoke_selected(self) -> None:
        """Ask, then revoke the selected rows' live keys in the background (Del)."""
        keys = self._live_selected()
        if not keys or self.scanning or self._revoking:
            return
        if len(keys) == 1:
            key, (name, where) = next(iter(keys.items()))
            question = f"Revoke the API key “{name}” ({key})?\n\nIt was {found_in(where)}."
        else:
            question = (f"Revoke these {len(keys)} API keys?\n\n"
                        + bullet_list([f"{name} ({key})" for key, (name, _w) in keys.items()]))
        if not prompts.confirm(self, "Revoke leaked key?" if len(keys) == 1
                               else "Revoke leaked keys?", question,
                               "Apps using them lose access at once. This cannot be undone; "
                               "the tokens stay where they were found until you remove them.",
                               action="Revoke", destructive=True):
            return
        places = {key: where for key, (_name, where) in keys.items()}
        key_ids = sorted({finding.key_id for finding, _ in self.model.rows()})
        store = self.store
        self._revoking = True
        self._update_buttons()
        runner, notice = self.runner, self.on_notice
        shown, failed = guarded(self, self._revoked), guarded(self, self._revoke_failed)

        def done(outcome: RevokeOutcome) -> None:
            # the clean-up and the news do not depend on the dialog: closed meanwhile, the
            # keys are revoked all the same and their keychain entries must go all the same
            after_revoking(outcome, store, runner, notice)
            shown(outcome)

        runner.run(lambda: revoke_found(store, places, key_ids), done, failed)

    def _revoked(self, outcome: RevokeOutcome) -> None:
        self._revoking = False
        self.model.update_identities(outcome.now)
        self._show_summary()
        self._update_buttons()

    def _revoke_failed(self, error: Exception) -> None:
        self._revoking = False
        self._update_buttons()
        prompts.inform(self, "Nothing was revoked", describe_error(error), error=True)

    # -- closing ----------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc or Close: a running scan is told to stop; the dialog never waits for it."""
        if self._tally is not None:
            self._tally.cancelled = True
            self._tally = None
        self._progress_timer.stop()
        super().reject()


def after_revoking(outcome: RevokeOutcome, store: Store, runner: TaskRunner,
                   notice: Report) -> None:
    """Remove the revoked keys' keychain entries (as the keys page's Delete does), have every
    page show the change now rather than at the watcher's next tick, and say what was done."""
    from .delivery import forget_keychain_entries

    # only keys revoked here: another process may have rotated a key gone meanwhile, and its
    # keychain entry (same account) may hold the new token now
    forget_keychain_entries(outcome.revoked, runner, on_message=notice)
    watcher_for(store).check_now()
    notice(revoked_notice(outcome))


def revoked_notice(outcome: RevokeOutcome) -> str:
    """What revoking did, for the status bar."""
    parts = []
    if len(outcome.revoked) == 1:
        parts.append(f"Revoked the leaked key “{outcome.revoked[0].name}”; it no longer works.")
    elif outcome.revoked:
        parts.append(f"Revoked {len(outcome.revoked)} leaked keys; they no longer work.")
    if outcome.gone:
        parts.append(f"{amount(len(outcome.gone), 'key')} had been deleted or rotated elsewhere "
                     f"meanwhile.")
    return " ".join(parts)


def open_scan_dialog(parent: QWidget | None, store: Store, runner: TaskRunner, *,
                     folder: str = "", on_notice: Report | None = None) -> ScanDialog:
    """Open the scan dialog window-modally (it deletes itself when closed); ``on_notice`` hears
    what a revocation did, and of keychain clean-up problems."""
    dialog = ScanDialog(store, runner, parent, on_notice=on_notice)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if folder:
        dialog.set_folder(folder)
    dialog.open()
    return dialog

