"""The window writes a thing one way wherever it shows it: dates, scopes, permissions, presets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt

from qkeys_desktop.core.expiration import PRESET_DAYS
from qkeys_desktop.core.permissions import Permission
from qkeys_desktop.core.records import EventRecord, KeyRecord, ProjectRecord
from qkeys_desktop.ui.event_model import TIME, EventTableModel
from qkeys_desktop.ui.key_model import Column, KeyTableModel
from qkeys_desktop.ui.project_model import CREATED, ProjectTableModel
from qkeys_desktop.ui.wording import (
    bullet_list,
    expiration_presets,
    format_date,
    permission_list,
    permission_summary,
    scope_text,
)

MOMENT = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # in December in every time zone
TOOLTIP = Qt.ItemDataRole.ToolTipRole


@pytest.fixture
def german() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale("de_DE"))
    try:
        yield
    finally:
        QLocale.setDefault(previous)


def test_key_table_and_activity_write_a_moment_alike_in_german(qtbot, german: None) -> None:
    keys = KeyTableModel(clock=lambda: MOMENT + timedelta(days=60))
    keys.set_keys([KeyRecord("qk_AAAAAAAAAAA1", "ci", int(Permission.READ), (), True, None,
                             MOMENT, MOMENT)])
    events = EventTableModel()
    events.set_events([EventRecord(MOMENT, "key.created", "qk_AAAAAAAAAAA1", "ci", "")])
    projects = ProjectTableModel()
    projects.set_projects([ProjectRecord("Backend", 0, MOMENT)])

    created = keys.index(0, Column.CREATED).data()
    assert "Dez" in created  # the month in the locale's words, not English
    assert keys.index(0, Column.LAST_USED).data() == created  # used long ago: a date too
    assert events.index(0, TIME).data().startswith(f"{created} ")  # then the time
    assert projects.index(0, CREATED).data() == created
    tooltip = events.index(0, TIME).data(TOOLTIP)
    assert "Dezember" in tooltip
    assert keys.index(0, Column.CREATED).data(TOOLTIP) == tooltip
    assert projects.index(0, CREATED).data(TOOLTIP) == f"Added {tooltip}"


def test_dates_in_english(qtbot) -> None:  # the tests' locale: see conftest.english_dates
    assert format_date(datetime(2026, 12, 1, 12, 0).astimezone()) == "Dec 1, 2026"


def test_scope_and_permission_words() -> None:
    assert scope_text(True, ()) == "All projects"
    assert scope_text(False, ("Backend", "Mobile app")) == "Backend, Mobile app"
    assert permission_list(Permission.WRITE | Permission.READ) == "Read, Write"
    assert permission_summary(sum(Permission)) == "All"
    assert permission_list(sum(Permission)) == "Create, Read, Write, Delete, Invite"


def test_expiration_presets_are_the_cores() -> None:
    assert [preset for preset, _ in expiration_presets()] == list(PRESET_DAYS)
    assert [label for _, label in expiration_presets()] == [
        "7 days", "30 days", "60 days", "90 days", "1 year"]


def test_bullet_list_names_eight_then_counts() -> None:
    assert bullet_list(["a", "b"]) == "• a\n• b"
    listed = bullet_list([str(i) for i in range(10)]).splitlines()
    assert len(listed) == 9 and listed[-1] == "• and 2 more"
