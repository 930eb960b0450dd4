"""The window in German (issue 15): the main window on each page, its menus, tables, status bar
and the Create dialog (limits unfolded, projects to pick) show no English — neither a string the
catalogue translates differently, nor a common English word. The catalogue is the one shipped
(resources/translations); tools/update_translations.py --check says it is complete."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QSettings,
    Qt,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qkeys_desktop.core.store import Store, utc_now
from qkeys_desktop.resource_paths import translations_dir
from qkeys_desktop.ui import prompts
from qkeys_desktop.ui.app import FROM_SETTINGS, open_registry
from qkeys_desktop.ui.create_dialog import CreateKeyDialog
from qkeys_desktop.ui.i18n import install_translators
from qkeys_desktop.ui.key_details_dialog import open_key_details
from qkeys_desktop.ui.main_window import ACTIVITY_PAGE, KEYS_PAGE, PROJECTS_PAGE, MainWindow
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.settings_dialog import SettingsDialog
from qkeys_desktop.ui.tasks import TaskRunner
from qkeys_desktop.ui.widgets import Banner
from qkeys_desktop.ui.wording import expiry_date, format_ago, format_date, format_expiry

# the offscreen platform warns whenever a window is shown or raised
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")

# Common English words of this window's UI. Matched as whole words, ignoring case — except
# "name", which German writes too ("Name"), so only the lower-case English one counts.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|with|for|your|this|key|keys|never|expires|expired|create|created|delete|"
    r"search|project|projects|cancel|settings|activity|used|days|hours|ago|copy|show|new|"
    r"edit|rotate|revoke|usage|close|help|file|view|quit|scope|permissions|description|"
    r"yesterday|loading|none|all)\b", re.IGNORECASE)
LOWER_CASE_ENGLISH = re.compile(r"\bname\b")
PATH = re.compile(r"\S*[/\\]\S*")  # a registry's file path is data, not words
# a quoted name or identifier (“usage exhausted”, the reason an app is given) is not a word
QUOTED = re.compile(r"[„“\"][^„“”\"]*[“”\"]")
# an event's kind as the registry records it (key.created, a tooltip's detail) is an identifier
IDENTIFIER = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b")


@dataclass(frozen=True)
class Shown:
    """One string the user can see or hear, and where."""

    where: str
    text: str


def english_sources() -> set[str]:
    """The source texts the German catalogue translates into something else."""
    root = ET.parse(translations_dir() / "qkeys_de.ts").getroot()
    sources = set()
    for message in root.iter("message"):
        translation = message.find("translation")
        text = translation.text if translation is not None else None
        source = message.findtext("source", "")
        if message.get("numerus") != "yes" and text and text != source:
            sources.add(source)
    return sources


def english_in(shown: Iterable[Shown]) -> list[str]:
    """Each string that is an English source text or has a common English word in it."""
    sources = english_sources()
    found = []
    for item in shown:
        words = IDENTIFIER.sub("", QUOTED.sub("", PATH.sub("", item.text)))
        if (item.text in sources or item.text.replace("&", "") in sources
                or ENGLISH_WORDS.search(words) or LOWER_CASE_ENGLISH.search(words)):
            found.append(f"{item.where}: {item.text!r}")
    return sorted(set(found))


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}#{widget.objectName() or '?'}"


def widget_texts(root: QWidget) -> Iterator[Shown]:
    """Every text ``root`` and its descendants show or tell a screen reader."""
    for widget in [root, *root.findChildren(QWidget)]:
        where = _name(widget)
        texts = [widget.toolTip(), widget.statusTip(), widget.whatsThis(),
                 widget.accessibleName(), widget.accessibleDescription()]
        if widget.isWindow():
            texts.append(widget.windowTitle())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QAbstractSpinBox):
            texts += [widget.specialValueText(), widget.text()]
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
            texts += [str(widget.itemData(i, Qt.ItemDataRole.ToolTipRole) or "")
                      for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QListWidget):
            for row in range(widget.count()):
                item = widget.item(row)
                texts += [item.text(), item.toolTip()]
        if (isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView)
                and widget.model() is not None):  # (a header's texts are its table's)
            texts += list(model_texts(widget.model()))
        for action in widget.actions():
            texts += action_texts(action)
        yield from (Shown(where, text) for text in texts if text and text.strip())


def model_texts(model: QAbstractItemModel, rows: int = 4) -> Iterator[str]:
    """A table's headers and its first rows' text, tooltips and accessible texts (the Activity
    page's Details too: the audit trail's English, said in the window's language)."""
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
             Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.AccessibleDescriptionRole)
    root = QModelIndex()
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    for column in range(columns):
        for role in roles:
            yield str(model.headerData(column, Qt.Orientation.Horizontal, role) or "")
        for row in range(min(rows, model.rowCount(root))):
            for role in roles:
                value = model.index(row, column).data(role)
                if isinstance(value, str):
                    yield value


def action_texts(action: QAction) -> list[str]:
    """An action's words, and those of its menu's actions."""
    texts = [action.text(), action.toolTip(), action.statusTip(), action.whatsThis()]
    menu = action.menu()
    if isinstance(menu, QMenu):
        texts.append(menu.title())
        for inner in menu.actions():
            texts += action_texts(inner)
    return texts


def window_texts(window: MainWindow) -> list[Shown]:
    shown = list(widget_texts(window))
    shown += [Shown(f"menu bar {action.text()}", text)
              for action in window.menuBar().actions() for text in action_texts(action) if text]
    message = window.statusBar().currentMessage()
    return [*shown, *([Shown("status bar", message)] if message else [])]


@pytest.fixture
def german(qapp: QCoreApplication) -> Iterator[None]:
    """The application in German for one test, and back in English after it, whatever fails."""
    assert install_translators(qapp, "de") == "de"
    try:
        yield
    finally:
        install_translators(qapp, "en")
        QLocale.setDefault(QLocale("en_US"))


@pytest.fixture
def sample(store: Store) -> Store:
    """Keys and projects with German-neutral names: any English the window shows is its own."""
    for project in ("Zahlungsdienst", "Lagerverwaltung", "Kundenportal"):
        store.add_project(project)
    now = utc_now()
    store.create_key("Zahlungsdienst Produktion", ["read", "write"], now + timedelta(days=3),
                     ["Zahlungsdienst"])
    store.create_key("Lagerverwaltung Abgleich", ["read"], None, None)
    store.create_key("Kundenportal Anmeldung", ["create", "read", "write", "delete", "invite"],
                     now + timedelta(days=90), ["Kundenportal", "Lagerverwaltung"])
    return store


def open_window(qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner,
                ) -> MainWindow:
    window = MainWindow(store, settings, runner)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: window.keys_page._loaded_once)
    return window


def test_the_main_window_speaks_german_on_every_page(
        qtbot: Any, german: None, sample: Store, settings: AppSettings,
        runner: TaskRunner) -> None:
    window = open_window(qtbot, sample, settings, runner)
    keys = window.findChild(QAbstractItemView, "keysTable")
    assert keys is not None and keys.model().rowCount() == 3
    keys.selectRow(0)  # the actions for a selected key are enabled and say so
    shown = window_texts(window)
    for page in (PROJECTS_PAGE, ACTIVITY_PAGE):
        window.show_page(page)
        view = (window.projects_page if page == PROJECTS_PAGE else window.activity_page)
        qtbot.waitUntil(lambda view=view: any(
            table.model() is not None and table.model().rowCount() > 0
            for table in view.findChildren(QAbstractItemView)), timeout=5000)
        shown += window_texts(window)
    window.show_page(KEYS_PAGE)
    menus = [action.text() for action in window.menuBar().actions()]
    assert "&Datei" in menus or "&File" not in menus  # the menus are the German ones

    english = english_in(shown)
    assert not english, "English in the German window:\n" + "\n".join(english)
    window.close()


def test_the_create_dialog_speaks_german_with_its_limits_and_projects(
        qtbot: Any, german: None, sample: Store, settings: AppSettings,
        runner: TaskRunner) -> None:
    dialog = CreateKeyDialog(sample, runner, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading)
    dialog.form.limits.unfold(True)
    shown = list(widget_texts(dialog))
    assert any("Zahlungsdienst" in item.text for item in shown)  # the project picker's list

    english = english_in(shown)
    assert not english, "English in the German Create dialog:\n" + "\n".join(english)
    assert dialog.windowTitle() != "Create API Key"


def test_a_keys_details_speak_german_on_both_tabs(
        qtbot: Any, german: None, window: QWidget, sample: Store, settings: AppSettings,
        runner: TaskRunner) -> None:
    key = next(k for k in sample.list_keys() if k.name == "Zahlungsdienst Produktion")
    dialog = open_key_details(window, sample, runner, settings, key.key_id)
    qtbot.waitUntil(lambda: dialog.loaded_record is not None)
    shown = list(widget_texts(dialog))
    dialog.tabs.setCurrentIndex(1)
    shown += widget_texts(dialog)
    english = english_in(shown)
    assert not english, "English in the German key details:\n" + "\n".join(english)


def test_the_keyboard_shortcuts_speak_german(
        qtbot: Any, german: None, sample: Store, settings: AppSettings,
        runner: TaskRunner) -> None:
    window = open_window(qtbot, sample, settings, runner)
    dialog = window.show_shortcuts()  # the window's child, deleted when it closes
    keys = [keys for _section, _what, keys in dialog.listed]
    assert "Strg+N" in keys  # Qt writes the keys in German too
    shown = [*widget_texts(dialog),
             *(Shown(f"shortcut {what}", text) for section, what, keys in dialog.listed
               for text in (section, what, keys))]
    english = english_in(shown)
    assert not english, "English in the German shortcuts:\n" + "\n".join(english)
    window.close()


def test_settings_speak_german(qtbot: Any, german: None, settings: AppSettings) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    english = english_in(widget_texts(dialog))
    assert not english, "English in the German Settings:\n" + "\n".join(english)
    buttons = [button.text() for button in dialog.findChildren(QAbstractButton)]
    assert "Abbrechen" in buttons  # Qt's own buttons in German too (qtbase_de)


def test_relative_times_and_dates_in_german(german: None) -> None:
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert format_ago(now - timedelta(seconds=5), now) == "gerade eben"
    assert format_ago(now - timedelta(minutes=5), now) == "vor 5 Min."
    assert format_ago(now - timedelta(hours=1), now) == "vor 1 Stunde"
    assert format_ago(now - timedelta(hours=3), now) == "vor 3 Stunden"
    assert format_ago(now - timedelta(days=1, hours=1), now) == "gestern"
    assert format_ago(now - timedelta(days=4), now) == "vor 4 Tagen"
    assert format_ago(None, now) == "Nie"
    assert format_expiry(now + timedelta(days=3), now) == "in 3 Tagen"
    assert format_expiry(now + timedelta(hours=1), now) == "in 1 Stunde"
    assert format_expiry(now - timedelta(days=1), now) == "Abgelaufen"
    assert format_date(now) == "1. Dez. 2026"
    assert expiry_date(datetime.now(UTC) + timedelta(days=40)).endswith("(in 40 Tagen)")


def test_english_again_after_german(qapp: QCoreApplication) -> None:
    """The fixture's promise: German for one test leaves the next in English."""
    install_translators(qapp, "de")
    install_translators(qapp, "en")
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert format_ago(now - timedelta(days=3), now) == "3 days ago"
    assert format_ago(now - timedelta(hours=1), now) == "1 hour ago"


STARTS = """
from PySide6.QtCore import QLocale
from qkeys_desktop.ui.app import create_application
from qkeys_desktop.ui.i18n import translate
create_application(["qkeys"])
print(translate("SettingsDialog", "Settings"), QLocale().name(),
      translate("Wording", "%n day(s) ago", "", 3), sep="|")
"""


@pytest.mark.parametrize(("chosen", "expected"), [
    ("", "Einstellungen|de_DE|vor 3 Tagen"),  # the system's language
    ("en", "Settings|en_US|3 days ago"),  # Settings → Language wins over the system's
])
def test_the_application_starts_in_the_systems_language_unless_settings_chose_one(
        tmp_path: Path, chosen: str, expected: str) -> None:
    """A real start (create_application) in a German session, with and without a choice."""
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "qkeys" / "qkeys.ini"  # conftest's
    saved = AppSettings(QSettings(str(config), QSettings.Format.IniFormat))
    saved.language = chosen
    saved.q.sync()
    german = {**os.environ, "LANGUAGE": "de", "LC_ALL": "de_DE.UTF-8",
              "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", STARTS], env=german, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected


def test_a_registry_that_cannot_be_opened_is_explained_in_german(
        german: None, tmp_path: Path, settings: AppSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The start-up's question (before any window): title, sentence, advice and buttons."""
    asked: list[Shown] = []

    def choose(parent: Any, title: str, text: str, details: str,
               choices: list[tuple[str, str]], escape: str, error: bool = False) -> str:
        reason = details.split("\n\n")[0]  # the core's own reason comes first, as it said it
        asked.extend(Shown("start-up question", shown) for shown in (
            title, text, details.removeprefix(reason), *(label for _key, label in choices)))
        return escape

    monkeypatch.setattr(prompts, "choose", choose)
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"not a database" * 100)
    assert open_registry(str(junk), settings, FROM_SETTINGS) is None
    assert any("in den Einstellungen gewählt" in item.text for item in asked)
    english = english_in(asked)
    assert not english, "English in the German start-up question:\n" + "\n".join(english)


class PaintedHeights(QObject):
    """Records, at each paint of a label, whether it had the height its lines need."""

    def __init__(self) -> None:
        super().__init__()
        self.whole: list[bool] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QLabel):
            self.whole.append(watched.height() >= watched.heightForWidth(watched.width()))
        return False


def test_a_banner_that_wraps_anew_is_painted_whole_from_its_first_frame(qtbot: Any) -> None:
    """German wraps where English did not: a banner's sentence that grows a line must not be
    painted once with that line cut in half (the layouts take it before the next paint)."""
    window = QWidget()
    page = QWidget(window)
    column = QVBoxLayout(page)
    banner = Banner("expiryBanner", "warning")
    column.addWidget(banner)
    column.addStretch(1)
    QVBoxLayout(window).addWidget(page)
    qtbot.addWidget(window)
    window.resize(360, 400)
    window.show()
    qtbot.waitExposed(window)
    banner.set_text("Ein Schlüssel ist abgelaufen.")
    qtbot.wait(50)
    painted = PaintedHeights()
    banner.label.installEventFilter(painted)
    banner.set_text("1 Schlüssel abgelaufen, 2 mit Ablauf innerhalb von 7 Tagen. Apps mit einem "
                    "abgelaufenen Schlüssel werden abgewiesen; bearbeiten oder rotieren Sie ihn.")
    qtbot.waitUntil(lambda: bool(painted.whole))
    assert painted.whole[0]
