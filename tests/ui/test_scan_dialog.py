"""File ▸ Scan for leaked keys… through the real dialog and a real registry: the statuses of the
tokens found (never the token), revoking a live key with where it was found in its event and its
keychain entry gone, a git history, and a scan stopped or closed without the window waiting."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from doubles import Confirmations, FakeClock
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QLineEdit, QWidget

from qkeys_desktop.core.keychain import Keychain
from qkeys_desktop.core.keychain_policy import save_token
from qkeys_desktop.core.scan import Finding, ScanTally
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import new_token, parse_token
from qkeys_desktop.ui import scan_dialog
from qkeys_desktop.ui.main_window import MainWindow
from qkeys_desktop.ui.scan_dialog import ScanDialog, ScanResultsModel, open_scan_dialog
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.tasks import TaskRunner

RUN_ON_BOTH_ENGINES = True
_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
          Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.AccessibleDescriptionRole,
          Qt.ItemDataRole.StatusTipRole, Qt.ItemDataRole.WhatsThisRole,
          Qt.ItemDataRole.EditRole, Qt.ItemDataRole.UserRole)


def key_id(token: str) -> str:
    return parse_token(token).key_id


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org",
         "-c", "commit.gpgsign=false", *args],
        capture_output=True, text=True, check=True)
    return done.stdout.strip()


class Tokens:
    """One token of each kind a scan tells apart, written into ``root``."""

    def __init__(self, store: Store, clock: FakeClock, root: Path) -> None:
        self.root = root
        self.live = store.create_key("Deploy bot", ["read"], None).token
        self.revoked = store.create_key("Old staging", ["read"], None).token
        store.delete_key(key_id(self.revoked))
        self.unknown = new_token()[0]
        self.disabled = store.create_key("Paused one", ["read"], None).token
        store.set_key_disabled(key_id(self.disabled), True)
        self.replaced = store.create_key("Rolling", ["read"], None).token
        store.rotate_key(key_id(self.replaced), overlap=timedelta(hours=5))
        self.expired = store.create_key("Short-lived", ["read"],
                                        clock() + timedelta(hours=1)).token
        clock.advance(hours=2)
        write(root / "app" / ".env", f"DEBUG=1\nQKEYS_TOKEN={self.live}\n")
        write(root / "config" / "settings.py", f"a = 1\nTOKEN = '{self.revoked}'\n")
        write(root / "notes.md", f"someone else's: {self.unknown}\n")
        write(root / "more.json", f'{{"paused": "{self.disabled}",\n'
                                  f' "old": "{self.replaced}",\n "gone": "{self.expired}"}}\n')

    def all(self) -> list[str]:
        return [self.live, self.revoked, self.unknown, self.disabled, self.replaced,
                self.expired]


@pytest.fixture
def tokens(timed: Store, clock: FakeClock, tmp_path: Path) -> Tokens:
    return Tokens(timed, clock, tmp_path / "project")


@pytest.fixture
def picked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folder the picker answers with (set ``picked[0]``); records where it started."""
    answers: list[str] = [""]

    def choose(parent: QWidget | None, start: str) -> str:
        answers.append(start)
        return answers[0]

    monkeypatch.setattr(scan_dialog, "choose_folder", choose)
    return answers


@pytest.fixture
def dialog(qtbot: Any, timed: Store, runner: TaskRunner) -> Iterator[ScanDialog]:
    opened = ScanDialog(timed, runner)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    yield opened
    opened.reject()  # a scan still running is told to stop before the runner is waited on


def child(widget: QWidget, kind: type, name: str) -> Any:
    found = widget.findChild(kind, name)
    assert found is not None, name
    return found


def scan_with_enter(qtbot: Any, dialog: ScanDialog) -> None:
    edit = child(dialog, QLineEdit, "folderEdit")
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert dialog.scanning
    qtbot.waitUntil(lambda: not dialog.scanning, timeout=10_000)


def shown(dialog: ScanDialog) -> dict[str, tuple[str, str, str]]:
    """where → (key id, name, status) as the table shows them."""
    model = dialog.model
    rows = {}
    for row in range(model.rowCount()):
        cells = [model.index(row, column).data() for column in range(model.columnCount())]
        rows[cells[0]] = (cells[1], cells[2], cells[3])
    return rows


def every_text(dialog: ScanDialog) -> str:
    """Everything the dialog shows or tells a screen reader: cells in every role, labels,
    buttons, fields, tooltips, accessible names and descriptions."""
    parts: list[str] = [dialog.windowTitle()]
    model = dialog.model
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            parts += [str(model.data(index, role)) for role in _ROLES]
    for widget in dialog.findChildren(QWidget):
        parts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription(),
                  widget.statusTip(), widget.whatsThis()]
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            parts.append(widget.text())
    return "\n".join(parts)


def assert_no_secret(text: str, tokens: list[str]) -> None:
    for token in tokens:
        assert token not in text
        assert parse_token(token).secret not in text
        assert parse_token(token).secret[:20] not in text


# -- what a scan shows --------------------------------------------------------------------------


def test_scan_shows_each_status_where_and_whose_never_the_token(
        qtbot: Any, qtmodeltester: Any, dialog: ScanDialog, tokens: Tokens,
        picked: list[str]) -> None:
    assert not child(dialog, QAbstractButton, "scanButton").isEnabled()  # no folder yet
    picked[0] = str(tokens.root)
    child(dialog, QAbstractButton, "chooseFolderButton").click()
    assert picked[1] == os.path.expanduser("~")  # it opened at the home folder
    assert child(dialog, QLineEdit, "folderEdit").text() == str(tokens.root)
    git_box = child(dialog, QCheckBox, "gitHistoryCheck")
    assert not git_box.isEnabled()  # not a git repository
    scan_with_enter(qtbot, dialog)

    assert shown(dialog) == {
        "app/.env:2": (key_id(tokens.live), "Deploy bot", "Live"),
        "more.json:1": (key_id(tokens.disabled), "Paused one", "Disabled"),
        "more.json:2": (key_id(tokens.replaced), "Rolling", "Rotating"),
        "more.json:3": (key_id(tokens.expired), "Short-lived", "Expired"),
        "config/settings.py:2": (key_id(tokens.revoked), "Old staging", "Revoked"),
        "notes.md:1": (key_id(tokens.unknown), "—", "Not in this registry"),
    }
    model = dialog.model
    # live keys first, and the first of them selected: Revoke… is one step away
    assert [model.index(r, 3).data() for r in range(3)] == ["Live", "Disabled", "Rotating"]
    assert child(dialog, QAbstractButton, "revokeButton").isEnabled()
    rotating_tip = model.index(2, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "works on until" in rotating_tip and "Revoke it" in rotating_tip
    summary = child(dialog, QLabel, "scanSummary").text()
    assert summary.startswith("Scanned 4 files: 6 tokens of 6 keys (1 live, 1 disabled, "
                              "1 rotating, 1 expired, 1 revoked, 1 not in this registry).")
    assert not child(dialog, QLabel, "skippedLabel").isVisible()
    assert_no_secret(every_text(dialog), tokens.all())
    qtmodeltester.check(model)


def test_where_sorts_by_file_and_line_number(
        qtbot: Any, dialog: ScanDialog, timed: Store, tmp_path: Path) -> None:
    token = timed.create_key("Many places", ["read"], None).token
    write(tmp_path / "a.txt", "\n".join(token if n in (2, 10) else "x" for n in range(1, 11)))
    dialog.set_folder(str(tmp_path))
    scan_with_enter(qtbot, dialog)
    dialog.table.sortByColumn(ScanResultsModel.WHERE, Qt.SortOrder.AscendingOrder)
    assert [dialog.model.index(r, 0).data() for r in range(2)] == ["a.txt:2", "a.txt:10"]
    dialog.table.sortByColumn(ScanResultsModel.WHERE, Qt.SortOrder.DescendingOrder)
    assert [dialog.model.index(r, 0).data() for r in range(2)] == ["a.txt:10", "a.txt:2"]


def test_nothing_found_and_what_was_not_scanned(
        qtbot: Any, dialog: ScanDialog, tmp_path: Path) -> None:
    folder = tmp_path / "clean"  # not tmp_path: the registry's files are there
    write(folder / "clean.txt", "nothing secret\n")
    os.mkfifo(folder / "pipe")
    dialog.set_folder(str(folder))
    scan_with_enter(qtbot, dialog)
    assert dialog.model.rowCount() == 0
    assert dialog.results.currentWidget() is dialog.empty
    assert dialog.empty.title.text() == "No leaked tokens"
    assert child(dialog, QLabel, "scanSummary").text() == "No qkeys token found in 1 file."
    skipped = child(dialog, QLabel, "skippedLabel")
    assert skipped.isVisible()
    assert skipped.text() == f"Not scanned: {folder / 'pipe'} (not a regular file)"
    assert not child(dialog, QAbstractButton, "revokeButton").isVisible()


def test_a_scan_that_fails_says_why(qtbot: Any, dialog: ScanDialog, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()  # looks like a repository; git says it is not one
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "nowhere"))
    dialog.set_folder(str(tmp_path))
    git_box = child(dialog, QCheckBox, "gitHistoryCheck")
    assert git_box.isEnabled()
    git_box.setChecked(True)
    scan_with_enter(qtbot, dialog)
    assert dialog.banner.isVisible()
    assert dialog.banner.text().startswith("The scan failed: ")
    assert "not a git repository" in dialog.banner.text()
    assert child(dialog, QAbstractButton, "scanButton").isEnabled()  # ready to try again


# -- a git history ------------------------------------------------------------------------------


def test_git_history_finds_a_token_a_later_commit_deleted(
        qtbot: Any, dialog: ScanDialog, timed: Store, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    token = timed.create_key("Committed once", ["read"], None).token
    write(repo / "deploy.env", f"A=1\nTOKEN={token}\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "deploy settings")
    added = git(repo, "rev-parse", "HEAD")
    write(repo / "deploy.env", "A=1\n")
    git(repo, "commit", "-qam", "no token in git")

    dialog.set_folder(str(repo))
    git_box = child(dialog, QCheckBox, "gitHistoryCheck")
    scan_with_enter(qtbot, dialog)
    assert shown(dialog) == {}  # the files hold it no more
    assert git_box.isEnabled()
    git_box.setChecked(True)
    scan_with_enter(qtbot, dialog)
    assert shown(dialog) == {
        f"{added[:12]}:deploy.env:2": (key_id(token), "Committed once", "Live")}
    tip = dialog.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"Added by commit {added} to deploy.env, line 2"
    assert child(dialog, QLabel, "scanSummary").text().startswith(
        "Scanned 1 file and 2 commits: 1 token of 1 key (1 live).")
    dialog.set_folder(str(tmp_path))  # a folder above the repository: no history offered
    assert not git_box.isEnabled() and not git_box.isChecked()


# -- revoking -----------------------------------------------------------------------------------


def test_revoke_a_live_key_says_where_it_was_found_and_forgets_its_keychain_entry(
        qtbot: Any, dialog: ScanDialog, timed: Store, tokens: Tokens,
        confirm: Confirmations) -> None:
    live = timed.get_key(key_id(tokens.live))
    save_token(Keychain("qkeys"), live.name, tokens.live)
    timed.set_keychain_service(live.key_id, "qkeys")
    write(tokens.root / "docs" / "again.md", f"{tokens.live}\n")  # a second place
    notices: list[str] = []
    dialog.on_notice = notices.append
    dialog.set_folder(str(tokens.root))
    scan_with_enter(qtbot, dialog)

    assert dialog.select_key(live.key_id)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)  # Del revokes, as on the keys page
    assert confirm.asked[-1]["action"] == "Revoke" and confirm.asked[-1]["destructive"]
    assert confirm.texts[-1] == (f"Revoke the API key “Deploy bot” ({live.key_id})?\n\n"
                                 f"It was found in {tokens.root}/app/.env:2, "
                                 f"{tokens.root}/docs/again.md:1.")
    qtbot.waitUntil(lambda: shown(dialog)["app/.env:2"][2] == "Revoked")
    assert shown(dialog)["docs/again.md:1"][2] == "Revoked"
    assert shown(dialog)["more.json:1"][2] == "Disabled"  # not selected: not revoked
    assert timed.verify(tokens.live, "read").reason == "revoked"
    assert timed.verify(tokens.disabled, "read").reason == "disabled"
    event = next(e for e in timed.list_events() if e.kind == "key.deleted"
                 and e.key_id == live.key_id)
    assert event.details == (f"revoked: found in {tokens.root}/app/.env:2, "
                             f"{tokens.root}/docs/again.md:1")
    qtbot.waitUntil(lambda: Keychain("qkeys").read("Deploy bot") is None)
    assert notices[0] == "Revoked the leaked key “Deploy bot”; it no longer works."
    assert "1 live" not in child(dialog, QLabel, "scanSummary").text()
    assert_no_secret(every_text(dialog) + repr(event), tokens.all())


def test_revoke_several_and_a_token_in_its_rotation_overlap(
        qtbot: Any, dialog: ScanDialog, timed: Store, tokens: Tokens,
        confirm: Confirmations) -> None:
    dialog.set_folder(str(tokens.root))
    scan_with_enter(qtbot, dialog)
    dialog.table.selectAll()
    dialog.revoke_selected()
    assert confirm.texts[-1].startswith("Revoke these 3 API keys?\n\n• ")
    qtbot.waitUntil(lambda: not dialog._revoking)
    statuses = {status for _id, _name, status in shown(dialog).values()}
    assert statuses == {"Revoked", "Expired", "Not in this registry"}
    for token in (tokens.live, tokens.disabled, tokens.replaced):
        assert timed.verify(token, "read").reason == "revoked"
    assert not child(dialog, QAbstractButton, "revokeButton").isEnabled()  # nothing live left


def test_declining_revokes_nothing(qtbot: Any, dialog: ScanDialog, timed: Store,
                                   tokens: Tokens, confirm: Confirmations) -> None:
    confirm.answer = False
    dialog.set_folder(str(tokens.root))
    scan_with_enter(qtbot, dialog)
    child(dialog, QAbstractButton, "revokeButton").click()
    assert len(confirm.asked) == 1
    assert dialog.runner.pending == 0
    assert timed.verify(tokens.live, "read").ok
    assert shown(dialog)["app/.env:2"][2] == "Live"


def test_a_key_deleted_elsewhere_meanwhile_is_no_error(
        qtbot: Any, dialog: ScanDialog, timed: Store, tokens: Tokens,
        confirm: Confirmations) -> None:
    notices: list[str] = []
    dialog.on_notice = notices.append
    dialog.set_folder(str(tokens.root))
    scan_with_enter(qtbot, dialog)
    timed.delete_key(key_id(tokens.live))  # another window, after the scan
    dialog.select_key(key_id(tokens.live))
    dialog.revoke_selected()
    qtbot.waitUntil(lambda: bool(notices))
    assert notices == ["1 key had been deleted or rotated elsewhere meanwhile."]
    assert shown(dialog)["app/.env:2"][2] == "Revoked"


def test_closing_while_revoking_still_revokes_and_forgets_the_keychain_entry(
        qtbot: Any, timed: Store, runner: TaskRunner, tokens: Tokens,
        confirm: Confirmations, monkeypatch: pytest.MonkeyPatch) -> None:
    live = timed.get_key(key_id(tokens.live))
    save_token(Keychain("qkeys"), live.name, tokens.live)
    timed.set_keychain_service(live.key_id, "qkeys")
    gone = threading.Event()
    revoke = scan_dialog.revoke_found

    def revoke_once_closed(*args: Any) -> Any:  # a slow registry: the person closes first
        assert gone.wait(5)
        return revoke(*args)

    monkeypatch.setattr(scan_dialog, "revoke_found", revoke_once_closed)
    window = QWidget()
    qtbot.addWidget(window)
    notices: list[str] = []
    opened = open_scan_dialog(window, timed, runner, folder=str(tokens.root),
                              on_notice=notices.append)
    scan_with_enter(qtbot, opened)
    opened.select_key(live.key_id)
    opened.destroyed.connect(lambda: gone.set())
    opened.revoke_selected()
    opened.reject()  # closed, and deleted before the revocation reports
    qtbot.waitUntil(gone.is_set)
    qtbot.waitUntil(lambda: bool(notices))
    assert notices[0] == "Revoked the leaked key “Deploy bot”; it no longer works."
    assert timed.verify(tokens.live, "read").reason == "revoked"
    qtbot.waitUntil(lambda: Keychain("qkeys").read("Deploy bot") is None)


# -- stopping and closing -----------------------------------------------------------------------


class SlowScan:
    """Stands in for core.scan.scan: reads files until the dialog sets ``cancelled`` (or 10 s
    pass), as a scan of a very large folder would."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.stopped = threading.Event()

    def __call__(self, paths: list[str], tally: ScanTally, git: bool = False
                 ) -> Iterator[Finding]:
        self.started.set()
        deadline = time.monotonic() + 10
        while not tally.cancelled and time.monotonic() < deadline:
            tally.files += 1
            time.sleep(0.005)
        if tally.cancelled:
            self.stopped.set()
        yield Finding("late.txt", 1, "qk_AAAAAAAAAAAA")


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch) -> SlowScan:
    scan = SlowScan()
    monkeypatch.setattr(scan_dialog, "scan", scan)
    return scan


def test_stop_while_scanning_is_ready_again_at_once_and_drops_the_result(
        qtbot: Any, dialog: ScanDialog, tmp_path: Path, runner: TaskRunner,
        slow: SlowScan) -> None:
    dialog.set_folder(str(tmp_path))
    scan_with_running(qtbot, dialog, slow)
    assert child(dialog, QLineEdit, "folderEdit").isEnabled() is False
    qtbot.waitUntil(lambda: "files read" in child(dialog, QLabel, "scanProgressLabel").text())
    stop = child(dialog, QAbstractButton, "stopButton")
    assert stop.isVisible()
    started = time.monotonic()
    stop.click()
    assert time.monotonic() - started < 0.5  # the UI thread never waited on the scan
    assert not dialog.scanning
    scan_button = child(dialog, QAbstractButton, "scanButton")
    assert scan_button.isVisible() and scan_button.isEnabled() and not stop.isVisible()
    assert child(dialog, QLabel, "scanSummary").text() == "Scan stopped."
    assert slow.stopped.wait(5)  # the scan saw the flag and ended
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert dialog.model.rowCount() == 0  # what it found after Stop is dropped
    assert dialog.report is None


def test_esc_while_scanning_closes_at_once_and_stops_the_scan(
        qtbot: Any, timed: Store, runner: TaskRunner, tmp_path: Path, slow: SlowScan) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    opened = open_scan_dialog(window, timed, runner, folder=str(tmp_path))
    qtbot.waitExposed(opened)
    scan_with_running(qtbot, opened, slow)
    closed: list[int] = []
    opened.finished.connect(closed.append)
    qtbot.keyClick(opened, Qt.Key.Key_Escape)
    assert closed  # at once, the scan still running
    assert slow.stopped.wait(5)
    qtbot.waitUntil(lambda: runner.pending == 0)


def scan_with_running(qtbot: Any, dialog: ScanDialog, slow: SlowScan) -> None:
    """Start a scan with Enter and wait until it is running in the background."""
    qtbot.keyClick(child(dialog, QLineEdit, "folderEdit"), Qt.Key.Key_Return)
    assert dialog.scanning
    assert slow.started.wait(5)


def test_esc_closes_when_idle(qtbot: Any, dialog: ScanDialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


# -- the window ---------------------------------------------------------------------------------


def test_file_menu_opens_the_scan_and_a_revocation_reaches_the_keys_page(
        qtbot: Any, timed: Store, runner: TaskRunner, settings: AppSettings, tokens: Tokens,
        confirm: Confirmations, picked: list[str]) -> None:
    window = MainWindow(timed, settings, runner)
    qtbot.addWidget(window)
    window.show()
    page = window.keys_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)  # live, paused, rolling, short-lived
    window.scan_action.trigger()
    dialog = window.findChild(ScanDialog)
    assert dialog is not None and dialog.isVisible() and dialog.isModal()
    picked[0] = str(tokens.root)
    child(dialog, QAbstractButton, "chooseFolderButton").click()
    scan_with_enter(qtbot, dialog)
    dialog.select_key(key_id(tokens.live))
    child(dialog, QAbstractButton, "revokeButton").click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)  # through the registry's watcher
    qtbot.waitUntil(lambda: "Deploy bot" in window.statusBar().currentMessage())
    dialog.reject()
    qtbot.waitUntil(lambda: window.findChild(ScanDialog) is None)


def test_results_model_is_empty_until_a_scan(qtmodeltester: Any) -> None:
    model = ScanResultsModel()
    assert model.rowCount() == 0 and model.columnCount() == 4
    assert model.index(0, 0).data() is None
    assert model.data(QModelIndex()) is None
    qtmodeltester.check(model)
