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
import re
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
from .i18n import QT_TRANSLATE_NOOP, translate
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
from .wording import bullet_list, format_date_time

Report = Callable[[str], None]
PROGRESS_MS = 150  # how often the busy line counts the files read so far
_WIDTH = 760
_SKIPPED_LISTED = 4  # skipped paths spelled out below the table before "and N more"
_PLACES_NAMED = 3  # places named in the Revoke question before "and N more"

#: status → (word, tone): live keys in the error tone, what no longer works muted (the word is
#: translated where shown, :func:`status_word`)
STATUS_WORDS: dict[LeakStatus, tuple[str, Tone]] = {
    LeakStatus.LIVE: (QT_TRANSLATE_NOOP("ScanDialog", "Live"), "error"),
    LeakStatus.DISABLED: (QT_TRANSLATE_NOOP("ScanDialog", "Disabled"), "error"),
    LeakStatus.ROTATING: (QT_TRANSLATE_NOOP("ScanDialog", "Rotating"), "error"),
    LeakStatus.EXPIRED: (QT_TRANSLATE_NOOP("ScanDialog", "Expired"), "muted"),
    LeakStatus.REVOKED: (QT_TRANSLATE_NOOP("ScanDialog", "Revoked"), "muted"),
    LeakStatus.ROTATED: (QT_TRANSLATE_NOOP("ScanDialog", "Rotated"), "muted"),
    LeakStatus.UNKNOWN: (QT_TRANSLATE_NOOP("ScanDialog", "Not in this registry"), "warning"),
}
#: status → how the summary counts it ("2 live"), a plural each
STATUS_COUNTS: dict[LeakStatus, str] = {
    LeakStatus.LIVE: QT_TRANSLATE_NOOP("ScanDialog", "%n live"),
    LeakStatus.DISABLED: QT_TRANSLATE_NOOP("ScanDialog", "%n disabled"),
    LeakStatus.ROTATING: QT_TRANSLATE_NOOP("ScanDialog", "%n rotating"),
    LeakStatus.EXPIRED: QT_TRANSLATE_NOOP("ScanDialog", "%n expired"),
    LeakStatus.REVOKED: QT_TRANSLATE_NOOP("ScanDialog", "%n revoked"),
    LeakStatus.ROTATED: QT_TRANSLATE_NOOP("ScanDialog", "%n rotated"),
    LeakStatus.UNKNOWN: QT_TRANSLATE_NOOP("ScanDialog", "%n not in this registry"),
}
SECRET_NOTE = QT_TRANSLATE_NOOP(
    "ScanDialog", "A token counts as its key's when its checksum holds and its key ID is the "
    "key's; whether its secret is the key's own is not checked (that would count as a use of "
    "the key).")


def status_word(status: LeakStatus) -> str:
    """ "Live", "Revoked", …: the Status column's word, in the window's language."""
    return translate("ScanDialog", STATUS_WORDS[status][0])


def files_text(tally: ScanTally, joined: bool) -> str:
    """ "12 files and 4 commits" (``joined``) or "12 files, 4 commits": what was read."""
    read, commits = tally.files, tally.commits
    files = translate("ScanDialog", "%n file(s)", "", read)
    if not commits:
        return files
    together = (translate("ScanDialog", "{files} and {commits}") if joined
                else translate("ScanDialog", "{files}, {commits}"))
    return together.format(files=files,
                           commits=translate("ScanDialog", "%n commit(s)", "", commits))


def places_sentence(where: Sequence[str]) -> str:
    """ "It was found in a.env:2, b.py:7 and 4 more.": where a key's token was found."""
    unique = list(dict.fromkeys(where))
    named = ", ".join(unique[:_PLACES_NAMED])
    more = len(unique) - _PLACES_NAMED
    if more <= 0:
        return translate("ScanDialog", "It was found in {places}.").format(places=named)
    return translate("ScanDialog", "It was found in {places} and %n more.", "", more).format(
        places=named)


def choose_folder(parent: QWidget | None, start: str) -> str:
    """Ask for a folder (the seam tests replace, as ``prompts`` for questions); "" on Cancel."""
    return QFileDialog.getExistingDirectory(
        parent, translate("ScanDialog", "Choose a folder to scan"), start)


def is_git_repository(folder: str) -> bool:
    """Whether ``folder`` is the top of a git work tree (``.git`` a folder, or a worktree's
    file): only then is its history offered, it would otherwise be a parent folder's."""
    return bool(folder) and os.path.exists(os.path.join(folder, ".git"))


def status_tip(who: Identity) -> str:
    """What the status means, with its date: the Status column's tooltip."""
    when = "" if who.at is None else format_date_time(who.at)
    tips = {
        LeakStatus.LIVE: QT_TRANSLATE_NOOP(
            "ScanDialog", "The key works: anyone holding this token can use it. Revoke it."),
        LeakStatus.DISABLED: QT_TRANSLATE_NOOP(
            "ScanDialog", "The key is paused, but anyone may enable it again. Revoke it."),
        LeakStatus.ROTATING: QT_TRANSLATE_NOOP(
            "ScanDialog", "A rotation replaced this token, which works on until {date}; the key "
            "is now {key_id}. Revoke it."),
        LeakStatus.EXPIRED: QT_TRANSLATE_NOOP(
            "ScanDialog", "The key expired {date}: the token no longer works."),
        LeakStatus.REVOKED: QT_TRANSLATE_NOOP(
            "ScanDialog", "The key was revoked {date}: the token no longer works."),
        LeakStatus.ROTATED: QT_TRANSLATE_NOOP(
            "ScanDialog", "A rotation replaced this token {date}: it no longer works."),
        LeakStatus.UNKNOWN: QT_TRANSLATE_NOOP(
            "ScanDialog", "A well-formed qkeys token of a key this registry does not have "
            "(another registry's, or a test's)."),
    }
    return translate("ScanDialog", tips[who.status]).format(date=when, key_id=who.key)


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

    COLUMNS = (QT_TRANSLATE_NOOP("ScanResultsModel", "Where"),
               QT_TRANSLATE_NOOP("ScanResultsModel", "Key ID"),
               QT_TRANSLATE_NOOP("ScanResultsModel", "Name"),
               QT_TRANSLATE_NOOP("ScanResultsModel", "Status"))
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

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        header = super().headerData(section, orientation, role)
        return translate("ScanResultsModel", header) if isinstance(header, str) else header

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_of(index)
        if row is None:
            return None
        (finding, who), column = row, index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (self.where(finding), finding.key_id, who.name or "—",
                    status_word(who.status))[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            where = (finding.where if finding.commit is None
                     else self.tr("Added by commit {commit} to {path}, line {line}").format(
                         commit=finding.commit, path=finding.path, line=finding.line))
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
    scanned, binary = files_text(tally, joined=True), tally.binary
    if binary:
        scanned = translate("ScanDialog", "{scanned} ({binary})").format(
            scanned=scanned, binary=translate("ScanDialog", "%n binary left out", "", binary))
    if not report.rows:
        return translate("ScanDialog", "No qkeys token found in {scanned}.").format(
            scanned=scanned)
    by_status: dict[LeakStatus, set[str]] = defaultdict(set)
    for finding, who in report.rows:
        by_status[who.status].add(finding.key_id)
    statuses = ", ".join(translate("ScanDialog", STATUS_COUNTS[status], "", len(ids))
                         for status, ids in sorted(by_status.items(),
                                                   key=lambda item: list(STATUS_WORDS).index(
                                                       item[0])))
    keys, tokens = len({finding.key_id for finding, _ in report.rows}), len(report.rows)
    return translate("ScanDialog", "Scanned {scanned}: {tokens} of {keys} ({statuses}).").format(
        scanned=scanned, tokens=translate("ScanDialog", "%n token(s)", "", tokens),
        keys=translate("ScanDialog", "%n key(s)", "", keys), statuses=statuses)


def skipped_reason(reason: str) -> str:
    """Why the scan left a file out, in the window's language (the core says it in English;
    the system's own reasons — "Permission denied" — stay as the system gave them)."""
    if reason == "not a regular file":
        return translate("ScanDialog", "not a regular file")
    found = re.fullmatch(r"larger than (?P<size>.+); not scanned", reason)
    if found is not None:
        return translate("ScanDialog", "larger than {size}; not scanned").format(
            size=found["size"])
    return reason


def skipped_text(tally: ScanTally) -> tuple[str, str]:
    """The paths not scanned, below the table: a few spelled out, and all in the tooltip."""
    reason = translate("ScanDialog", "{path} ({reason})")
    lines = [reason.format(path=skipped.path, reason=skipped_reason(skipped.reason))
             for skipped in tally.skipped]

    if not lines:
        return "", ""
    shown = "; ".join(lines[:_SKIPPED_LISTED])
    more = len(lines) - _SKIPPED_LISTED
    text = (translate("ScanDialog", "Not scanned: {paths}; and %n more", "", more) if more > 0
            else translate("ScanDialog", "Not scanned: {paths}")).format(paths=shown)
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
        self.setWindowTitle(self.tr("Scan for leaked keys"))
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
            dialog_title(self.tr("Scan for leaked keys"), "scanTitle"),
            muted_label(self.tr("Finds this registry's tokens in a folder's files (and its git "
                                "history) by their format and checksum, offline. Tokens are "
                                "never shown: only where they are and whose they are."))))
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
        self.folder_edit = control(QLineEdit(), "folderEdit", self.tr("Folder to scan"),
                                   self.tr("The folder whose files are read (its subfolders "
                                           "too; not .git)"))
        self.folder_edit.setPlaceholderText(self.tr("Choose a folder…"))
        self.folder_edit.textChanged.connect(lambda _text: self._folder_changed())
        self.browse_button = control(QPushButton(self.tr("Choose…")), "chooseFolderButton",
                                     self.tr("Choose folder"), self.tr("Pick the folder to scan"))
        self.browse_button.setIcon(themed_icon("folder", self.palette().text().color()))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.choose_folder)
        self.git_check = control(QCheckBox(self.tr("Include git &history")), "gitHistoryCheck",
                                 self.tr("Include git history"), "")
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(section_label(self.tr("&Folder"), self.folder_edit))
        column.addLayout(row)
        column.addWidget(self.git_check)
        return column

    def _results(self) -> QWidget:
        self.model = ScanResultsModel(self)
        self.table = QTableView()
        self.table.setObjectName("scanResults")
        self.table.setAccessibleName(self.tr("Tokens found"))
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
        self.empty = EmptyState("search", self.tr("Nothing scanned yet"),
                                self.tr("Choose a folder, then Scan (Enter)."))
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
        self.revoke_button = control(QPushButton(self.tr("Revoke…")), "revokeButton",
                                     self.tr("Revoke"),
                                     self.tr("Revoke the live keys of the selected rows at once "
                                             "(Del)"))
        self.revoke_button.setIcon(themed_icon("trash", tone_color("error", self.palette())))
        self.revoke_button.setAutoDefault(False)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.stop_button = control(QPushButton(self.tr("Stop")), "stopButton",
                                   self.tr("Stop scanning"),
                                   self.tr("Stop the scan; nothing found so far is kept"))
        self.stop_button.setAutoDefault(False)
        self.stop_button.clicked.connect(self.stop_scan)
        self.stop_button.hide()
        self.scan_button = control(QPushButton(self.tr("Scan")), "scanButton", self.tr("Scan"),
                                   self.tr("Scan the folder (Enter)"))
        self.scan_button.setDefault(True)
        self.scan_button.setMinimumWidth(96)
        self.scan_button.clicked.connect(self.start_scan)
        self.close_button = control(QPushButton(self.tr("Close")), "closeButton",
                                    self.tr("Close"), self.tr("Close (Esc)"))
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
            self.tr("Also read every commit of every branch: a token deleted since stays in "
                    "the history") if git
            else self.tr("Offered when the folder is the top of a git repository"))
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
        self.summary_label.setText(self.tr("Scan stopped."))
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
        self.banner.set_text(self.tr("The scan failed: {error}").format(error=text))
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
            self.empty.set_message(self.tr("No leaked tokens"),
                                   self.tr("No token of any key was found here."))
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
        self.summary_label.setText(
            f"{text} {translate('ScanDialog', SECRET_NOTE)}" if live else text)
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
        self.progress_label.setText(self.tr("Scanning… {files} read").format(
            files=files_text(tally, joined=False)))

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
        count = len(keys)

        if len(keys) == 1:
            key, (name, where) = next(iter(keys.items()))
            question = self.tr("Revoke the API key “{name}” ({key_id})?\n\n{places}").format(
                name=name, key_id=key, places=places_sentence(where))
        else:
            question = self.tr("Revoke these %n API keys?\n\n{keys}", "", count).format(
                keys=bullet_list([f"{name} ({key})" for key, (name, _w) in keys.items()]))
        if not prompts.confirm(self, self.tr("Revoke %n leaked key(s)?", "", count), question,
                               self.tr("Apps using them lose access at once. This cannot be "
                                       "undone; the tokens stay where they were found until "
                                       "you remove them."),
                               action=self.tr("Revoke"), destructive=True):
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
        prompts.inform(self, self.tr("Nothing was revoked"), describe_error(error), error=True)

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
    parts, revoked, gone = [], len(outcome.revoked), len(outcome.gone)
    if revoked == 1:  # named, not counted
        parts.append(translate("ScanDialog", "Revoked the leaked key “{name}”; it no longer "
                               "works.").format(name=outcome.revoked[0].name))
    elif revoked:
        parts.append(translate("ScanDialog", "Revoked %n leaked key(s); they no longer work.",
                               "", revoked))
    if gone:
        parts.append(translate("ScanDialog", "%n key(s) had been deleted or rotated elsewhere "
                               "meanwhile.", "", gone))
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

