"""The pages and secondary dialogs — key details (both tabs), the scan dialog, Projects and its
name dialog, Activity, Settings' policy and database sections, the expiry reminder — say nothing
that bypasses Qt's translation.

The marking translator of test_key_dialogs_translated stands in for a language: every text it
is asked for comes back wrapped in ⟪…⟫, so a text on screen without the mark was never offered
for translation (data — names, ids, paths, dates, numbers — aside).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QComboBox, QWidget
from translation_probes import shown_texts

from qkeys_desktop.core.records import CreatedKey
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.activity_page import ActivityPage
from qkeys_desktop.ui.database_section import DatabaseSection, probe_summary
from qkeys_desktop.ui.event_model import EVENT, WHO
from qkeys_desktop.ui.i18n import LANGUAGES
from qkeys_desktop.ui.key_details_dialog import KeyDetailsDialog, open_key_details
from qkeys_desktop.ui.policy_section import PolicySection
from qkeys_desktop.ui.project_model import KEYS
from qkeys_desktop.ui.projects_page import ProjectsPage
from qkeys_desktop.ui.reminders import DueKey, wording
from qkeys_desktop.ui.scan_dialog import (
    ScanDialog,
    ScanResultsModel,
    revoked_notice,
    skipped_reason,
)
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.settings_dialog import SettingsDialog
from qkeys_desktop.ui.tasks import TaskRunner
from qkeys_desktop.ui.wording import format_date_time

KEY, PROJECT, CLIENT = "Release pipeline", "billing-service", "web-1"

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def unmarked(texts: Iterable[object], data: set[str]) -> list[str]:
    """The texts that were never offered for translation: not marked, and not data."""
    return sorted({text for text in map(str, texts) if text and "⟪" not in text
                   and text not in data and not text.isdigit()})


def on_screen(widget: QWidget) -> list[str]:
    """What a widget and its visible children show or tell a screen reader."""
    texts = shown_texts(widget)
    texts += [child.accessibleDescription() for child in widget.findChildren(QWidget)
              if child.isVisibleTo(widget)]
    return texts


def headers(model: QAbstractItemModel) -> list[str]:
    return [model.headerData(column, Qt.Orientation.Horizontal)
            for column in range(model.columnCount())]


def cells(model: QAbstractItemModel, column: int, role: int = Qt.ItemDataRole.DisplayRole
          ) -> list[str]:
    return [model.index(row, column).data(role) for row in range(model.rowCount())]


@pytest.fixture
def used(store: Store) -> CreatedKey:
    """A key with limits, a month's use (valid and refused, by a client) and a rotation whose
    old token still works: every part of the details dialog has something to say."""
    store.add_project(PROJECT)
    created = store.create_key(KEY, ["read", "write"], store.clock() + timedelta(days=90),
                               [PROJECT], "Deploys the web app", uses=1000, refill="daily")
    store.verify(created.token, "read", PROJECT, CLIENT)
    store.verify(created.token, "delete", PROJECT, CLIENT)  # not permitted
    return store.rotate_key(created.record.key_id, overlap=timedelta(hours=5))


def dates_of(store: Store) -> set[str]:
    """Every moment the store holds, as the window writes it (dates are data here)."""
    moments: list[datetime | None] = [store.clock()]
    for record in store.list_keys():
        moments += [record.created_at, record.last_used_at, record.disabled_at]
    moments += [event.at for event in store.list_events(100)]
    return {format_date_time(moment) for moment in moments if moment is not None}


@pytest.mark.usefixtures("marked")
def test_key_details_say_nothing_untranslated(
        qtbot: Any, window: QWidget, store: Store, runner: TaskRunner, settings: AppSettings,
        used: CreatedKey) -> None:
    record = used.record
    dialog = open_key_details(window, store, runner, settings, record.key_id)
    qtbot.waitUntil(lambda: dialog.loaded_record is not None)
    data = {record.name, record.key_id, record.description, PROJECT, "—", *dates_of(store),
            # by client: the client's label (an app's data) and its count, nothing else
            dialog.by_client.text(), dialog.by_client.accessibleDescription()}
    assert dialog.by_client.accessibleDescription() == f"{CLIENT}: 2"
    assert dialog.banner.isVisible() and "⟪" in dialog.banner.text()  # rotating
    assert unmarked(on_screen(dialog), data) == []
    dialog.tabs.setCurrentIndex(1)
    assert unmarked(on_screen(dialog), data) == []
    assert unmarked(headers(dialog.history_model), data) == []
    assert unmarked(cells(dialog.history_model, 1), data) == []  # the events' words
    assert "⟪" in dialog.chart.accessibleDescription()


@pytest.mark.usefixtures("marked")
def test_a_deleted_keys_details_say_nothing_untranslated(
        qtbot: Any, window: QWidget, store: Store, runner: TaskRunner, settings: AppSettings,
        used: CreatedKey) -> None:
    store.delete_keys([used.record.key_id])
    dialog: KeyDetailsDialog = open_key_details(window, store, runner, settings,
                                                used.record.key_id)
    qtbot.waitUntil(lambda: dialog.view is not None)
    assert dialog.banner.isVisible()
    data = {used.record.name, used.record.key_id, "—", *dates_of(store)}
    assert unmarked(on_screen(dialog), data) == []


@pytest.mark.usefixtures("marked")
def test_the_scan_dialog_says_nothing_untranslated(
        qtbot: Any, store: Store, runner: TaskRunner, used: CreatedKey, tmp_path: Path) -> None:
    gone = store.create_key("Old staging", ["read"], None)
    store.delete_keys([gone.record.key_id])
    (tmp_path / "app.env").write_text(f"TOKEN={used.token}\nOLD={gone.token}\n")
    dialog = ScanDialog(store, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert unmarked(on_screen(dialog), set()) == []
    dialog.set_folder(str(tmp_path))
    dialog.start_scan()
    qtbot.waitUntil(lambda: not dialog.scanning and dialog.report is not None)
    data = {str(tmp_path), used.record.name}
    assert unmarked(on_screen(dialog), data) == []
    model = dialog.model
    assert unmarked(headers(model), data) == []
    assert unmarked(cells(model, ScanResultsModel.STATUS), data) == []
    assert unmarked(cells(model, ScanResultsModel.STATUS, Qt.ItemDataRole.ToolTipRole),
                    data) == []


def test_what_revoking_did_is_said_in_translation(marked: None, store: Store) -> None:
    from qkeys_desktop.ui.scan_dialog import RevokeOutcome

    one = store.create_key("Deploy bot", ["read"], None).record
    other = store.create_key("Staging", ["read"], None).record
    assert unmarked([revoked_notice(RevokeOutcome([one], ["qk_gone"]))], set()) == []
    assert unmarked([revoked_notice(RevokeOutcome([one, other], []))], set()) == []


@pytest.mark.usefixtures("marked")
def test_projects_and_their_name_dialog_say_nothing_untranslated(
        qtbot: Any, store: Store, runner: TaskRunner, used: CreatedKey) -> None:
    page = ProjectsPage(store, runner)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert unmarked(on_screen(page), {PROJECT}) == []
    assert unmarked(headers(page.model), set()) == []
    assert unmarked(cells(page.model, KEYS, Qt.ItemDataRole.ToolTipRole), set()) == []
    page.select_project(PROJECT)
    page.rename_selected()
    dialog = page.findChild(QWidget, "projectNameDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert unmarked(on_screen(dialog), {PROJECT}) == []
    dialog.reject()


@pytest.mark.usefixtures("marked")
def test_activity_says_nothing_untranslated(
        qtbot: Any, store: Store, runner: TaskRunner, used: CreatedKey) -> None:
    page = ActivityPage(store, runner)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    assert unmarked(on_screen(page), set()) == []
    assert unmarked(headers(page.model), set()) == []
    assert unmarked(cells(page.model, EVENT), set()) == []
    assert unmarked(cells(page.model, WHO, Qt.ItemDataRole.ToolTipRole), {store.actor}) == []
    page.filter.setText("nothing has this")
    assert unmarked(on_screen(page), {"nothing has this"}) == []


@pytest.mark.usefixtures("marked")
def test_settings_policy_and_database_say_nothing_untranslated(
        qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings,
        used: CreatedKey) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    DatabaseSection(dialog, settings, runner)
    policy = PolicySection(dialog, store, runner)
    dialog.show()
    qtbot.waitUntil(lambda: policy.loaded is not None)
    lifetime = dialog.findChild(QComboBox, "policyMaxLifetime")
    assert lifetime is not None
    lifetime.setCurrentIndex(lifetime.findData(30))  # the key's 90 days break it
    assert "⟪" in policy.message.text()
    data = {store.target, *LANGUAGES.values()}  # each language in its own words
    assert unmarked(on_screen(dialog), data) == []


def test_the_probes_answers_and_the_reminder_are_translated(marked: None) -> None:
    for summary in ("No database at /tmp/keys.db yet: qkeys will create it there.",
                    "Connected to SQLite: an empty database, qkeys will create its tables.",
                    "Connected to PostgreSQL: a qkeys registry with 3 key(s)."):
        assert probe_summary(summary).startswith("⟪"), summary
    now = datetime(2030, 6, 1, 12, 0).astimezone()
    due = [DueKey("qk_a", "soon", now + timedelta(days=2), False),
           DueKey("qk_b", "gone", now - timedelta(days=1), True)]
    title, text = wording(due, now)
    assert unmarked(title.split("; ") + text.splitlines(), set()) == []


def test_why_a_file_was_not_scanned_is_translated(marked: None) -> None:
    assert skipped_reason("not a regular file") == "⟪not a regular file⟫"
    assert skipped_reason("larger than 10 MB; not scanned") == (
        "⟪larger than 10 MB; not scanned⟫")
    assert skipped_reason("Permission denied") == "Permission denied"  # the system's words
