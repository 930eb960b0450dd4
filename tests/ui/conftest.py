"""UI test fixtures: isolated settings, English dates, a task runner, and stand-ins for the
modal prompts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from doubles import Confirmations, FakeClipboard
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from translation_probes import MarkingTranslator

from qkeys_desktop.core.key_listing import KeyChanges, KeyListing
from qkeys_desktop.ui import clipboard as clipboard_module
from qkeys_desktop.ui import delivery, prompts
from qkeys_desktop.ui.i18n import install_translators
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.tasks import TaskRunner


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    """Preferences in a private INI file, fresh for each test."""
    return AppSettings(QSettings(str(tmp_path / "qkeys.ini"), QSettings.Format.IniFormat))


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path) -> None:
    """Anything that opens the default QSettings writes under tmp_path, not the real config."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))


@pytest.fixture(autouse=True)
def english_dates() -> Iterator[None]:
    """Dates are written in the locale's words (wording.py): tests read them in English,
    whatever this machine's locale; a test may switch to another one and back."""
    previous = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    """A runner whose jobs all report before the test's widgets and store go away."""
    tasks = TaskRunner()
    yield tasks
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=10_000)


@pytest.fixture
def confirm(monkeypatch: pytest.MonkeyPatch) -> Confirmations:
    """prompts.confirm answers yes (set ``answer`` to change that) and records each question."""
    answers = Confirmations(True)
    monkeypatch.setattr(prompts, "confirm", answers)
    return answers


@pytest.fixture
def informed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """prompts.inform collects each message's text instead of showing a box."""
    messages: list[str] = []
    monkeypatch.setattr(prompts, "inform", lambda parent, title, text, error=False:
                        messages.append(text))
    return messages


@pytest.fixture
def app_clipboard(qapp: QCoreApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A fresh app-wide clipboard service for the test, removed afterwards."""
    monkeypatch.setattr(clipboard_module, "_instance", None)
    yield
    created = clipboard_module._instance
    if created is not None:
        qapp.aboutToQuit.disconnect(created.clear_now)
        created.deleteLater()


@pytest.fixture
def clipboard(monkeypatch: pytest.MonkeyPatch) -> FakeClipboard:
    """New tokens delivered "to the clipboard" land here instead."""
    fake = FakeClipboard()
    monkeypatch.setattr(delivery, "default_clipboard", lambda: fake)
    return fake


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    """Stands in for the main window: the parent dialogs open over."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture(scope="session", autouse=True)
def english_catalogue(qapp: QCoreApplication) -> None:
    """The window in English, whatever this machine's language, with the English plural
    catalogue: "%n key(s)" reads "3 keys" as users see it (a test may switch to German and
    back: tests/ui/test_german.py)."""
    install_translators(qapp, "en")


@pytest.fixture
def marked(qapp: QCoreApplication) -> Iterator[None]:
    """Every text the window translates comes out marked ⟪…⟫ (translation_probes): a text
    shown without the mark was never offered for translation."""
    translator = MarkingTranslator()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def listing_reads(monkeypatch: pytest.MonkeyPatch) -> list[KeyChanges]:
    """Every read the keys table's listing makes (core.key_listing), in order."""
    made: list[KeyChanges] = []
    original = KeyListing.read

    def counted(listing: KeyListing) -> KeyChanges:
        changes = original(listing)
        made.append(changes)
        return changes

    monkeypatch.setattr(KeyListing, "read", counted)
    return made
