"""What a screen reader hears: every control of the window, its pages and its dialogs has a
meaningful name through Qt's accessibility interface, and a field's validation message reaches
the field it is about (its accessible description, and the message's label relation)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from doubles import Confirmations
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from qkeys_desktop.core.records import CreatedKey
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.create_dialog import CreateKeyDialog
from qkeys_desktop.ui.database_section import DatabaseSection
from qkeys_desktop.ui.edit_key_dialog import EditKeyDialog
from qkeys_desktop.ui.help_dialog import ShortcutsDialog
from qkeys_desktop.ui.key_details_dialog import open_key_details
from qkeys_desktop.ui.main_window import ACTIVITY_PAGE, PROJECTS_PAGE, MainWindow
from qkeys_desktop.ui.policy_section import PolicySection
from qkeys_desktop.ui.reveal_dialog import RevealDialog
from qkeys_desktop.ui.rotate_dialog import open_rotate_key
from qkeys_desktop.ui.scan_dialog import ScanDialog
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.settings_dialog import SettingsDialog
from qkeys_desktop.ui.tasks import TaskRunner
from qkeys_desktop.ui.widgets import FieldMessage

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                        "This plugin does not support raise"),
              pytest.mark.usefixtures("clipboard")]

#: How a developer's identifier looks (objectNames here are camelCase): no space, and a capital
#: or an underscore after the first letter — "nameMessage", "copy_id", "keysTable".
IDENTIFIER = re.compile(r"^[a-z]\w*[A-Z_]\w*$")


def accessible_name(widget: QWidget) -> str:
    """The name assistive technology reads for ``widget``, through Qt's own interface."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None, widget.objectName()
    return interface.text(QAccessible.Text.Name)


def is_meaningful(name: str, widget: QWidget) -> bool:
    name = name.strip()
    return bool(name) and not IDENTIFIER.match(name) and name != widget.objectName()


def is_internal(widget: QWidget) -> bool:
    """A part of a spin or combo box (its editor, a combo's popup list): the box itself is
    what is announced, and its items in the list."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def keyboard_widgets(root: QWidget) -> Iterator[QWidget]:
    """Every widget Tab can reach (shown or not yet), and every widget named explicitly."""
    for widget in [root, *root.findChildren(QWidget)]:
        reachable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if (reachable and not is_internal(widget)) or widget.accessibleName():
            yield widget


def unnamed(root: QWidget) -> list[str]:
    """Each widget without a meaningful name, as "Class objectName: 'name'"."""
    return [f"{type(w).__name__} {w.objectName()!r}: {accessible_name(w)!r}"
            for w in keyboard_widgets(root) if not is_meaningful(accessible_name(w), w)]


def assert_named(root: QWidget) -> None:
    problems = unnamed(root)
    assert not problems, "without a meaningful name:\n" + "\n".join(problems)


def test_the_name_check_can_fail(qtbot: Any) -> None:
    """The check itself: an identifier, an empty name, or a bare objectName is not a name."""
    edit, label = QLineEdit(), QLabel()
    qtbot.addWidget(edit)
    qtbot.addWidget(label)
    edit.setObjectName("searchField")
    assert unnamed(edit) == ["QLineEdit 'searchField': ''"]
    label.setAccessibleName("nameMessage")
    assert unnamed(label) == ["QLabel '': 'nameMessage'"]
    edit.setAccessibleName("Search keys")
    assert_named(edit)


# -- the window and its pages ---------------------------------------------------------------------


@pytest.fixture
def main_window(qtbot: Any, store: Store, settings: AppSettings,
                runner: TaskRunner) -> Iterator[MainWindow]:
    store.add_project("backend")
    store.create_key("Importer", ["read"], store.clock() + timedelta(days=3), ["backend"])
    window = MainWindow(store, settings, runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.keys_page._loaded_once)
    yield window
    window.close()
    qtbot.waitUntil(lambda: window.watcher.pending == 0)


def test_every_control_of_the_window_and_its_pages_has_a_name(
        qtbot: Any, main_window: MainWindow) -> None:
    for page in (PROJECTS_PAGE, ACTIVITY_PAGE):  # each page built and loaded
        main_window.show_page(page)
    qtbot.waitUntil(lambda: main_window.activity_page._loaded_once)
    assert_named(main_window)


# -- the dialogs ----------------------------------------------------------------------------------


@pytest.fixture
def created(store: Store) -> CreatedKey:
    if "backend" not in {project.name for project in store.list_projects()}:
        store.add_project("backend")
    return store.create_key("CI deploy", ["read"], store.clock() + timedelta(days=30),
                            ["backend"])


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def shown(qtbot: Any, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_create_dialog_names_every_control(qtbot: Any, store: Store, runner: TaskRunner,
                                               settings: AppSettings, created: CreatedKey) -> None:
    dialog = shown(qtbot, CreateKeyDialog(store, runner, settings))
    assert_named(dialog)


def test_the_edit_dialog_names_every_control(qtbot: Any, store: Store, runner: TaskRunner,
                                             settings: AppSettings, created: CreatedKey) -> None:
    dialog = shown(qtbot, EditKeyDialog(store, runner, settings, created.record))
    assert_named(dialog)


def test_the_rotate_dialog_names_every_control(
        qtbot: Any, parent: QWidget, store: Store, runner: TaskRunner, settings: AppSettings,
        created: CreatedKey) -> None:
    dialog = open_rotate_key(parent, store, runner, settings, created.record,
                             on_written=lambda *_: None)
    qtbot.waitUntil(lambda: not dialog.loading)
    assert_named(dialog)
    dialog.reject()


def test_the_details_dialog_names_every_control(
        qtbot: Any, parent: QWidget, store: Store, runner: TaskRunner, settings: AppSettings,
        created: CreatedKey) -> None:
    dialog = open_key_details(parent, store, runner, settings, created.record.key_id)
    qtbot.waitUntil(lambda: dialog.findChild(QWidget, "historyTable") is not None)
    assert_named(dialog)
    dialog.reject()


def test_the_settings_dialog_names_every_control(qtbot: Any, store: Store, runner: TaskRunner,
                                                 settings: AppSettings) -> None:
    dialog = SettingsDialog(settings)
    DatabaseSection(dialog, settings, runner)
    PolicySection(dialog, store, runner)
    shown(qtbot, dialog)
    assert_named(dialog)
    dialog.reject()


def test_the_scan_dialog_names_every_control(qtbot: Any, store: Store,
                                             runner: TaskRunner) -> None:
    dialog = shown(qtbot, ScanDialog(store, runner))
    assert_named(dialog)
    dialog.reject()


def test_the_reveal_and_the_shortcuts_window_name_every_control(
        qtbot: Any, confirm: Confirmations, main_window: MainWindow,
        created: CreatedKey) -> None:
    reveal = shown(qtbot, RevealDialog(created, main_window))
    assert_named(reveal)
    reveal.reject()
    help_window = main_window.show_shortcuts()
    assert isinstance(help_window, ShortcutsDialog)
    assert_named(help_window)


# -- messages tied to their fields ----------------------------------------------------------------


def description(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Description)


def test_a_validation_error_is_the_fields_description_while_it_shows(
        qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings,
        created: CreatedKey) -> None:
    dialog = shown(qtbot, CreateKeyDialog(store, runner, settings))
    edit = dialog.findChild(QLineEdit, "nameEdit")
    message = dialog.findChild(FieldMessage, "nameMessage")
    edit.setFocus()
    qtbot.keyClicks(edit, "CI deploy")  # taken
    qtbot.waitUntil(lambda: message.kind == "error")  # once the names taken are read
    assert "already" in message.text()
    assert description(edit) == f"Error: {message.text()}"
    assert accessible_name(edit) == "Key name"  # the name stays the field's own
    qtbot.keyClicks(edit, " 2")
    qtbot.waitUntil(lambda: message.kind != "error")
    assert "Error" not in description(edit) and "already" not in description(edit)


def test_every_field_message_describes_a_field(qtbot: Any, store: Store, runner: TaskRunner,
                                               settings: AppSettings) -> None:
    """No message floats free of the field it is about (Create, Settings, with sections)."""
    create = shown(qtbot, CreateKeyDialog(store, runner, settings))
    preferences = SettingsDialog(settings)
    DatabaseSection(preferences, settings, runner)
    PolicySection(preferences, store, runner)
    shown(qtbot, preferences)
    for dialog in (create, preferences):
        messages = dialog.findChildren(FieldMessage)
        assert messages
        for message in messages:
            if message.objectName() == "policyScope":
                continue  # a fixed explanation of the section, not about one field
            assert message._fields, message.objectName()
            if message.text():
                field = message._fields[0][0]
                assert message.text() in description(field), message.objectName()
    preferences.reject()
