"""The Create API Key dialog against a real store: inline rules, creating off the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

import keyring
import pytest
import shiboken6
from keyring.backends import fail
from PySide6.QtCore import QDate, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPalette, QTextFormat
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QWidget,
)

from qkeys_desktop.core.errors import StoreError, ValidationError
from qkeys_desktop.core.expiration import start_of_local_day
from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import TOKEN_LENGTH
from qkeys_desktop.core.validation import clean_name
from qkeys_desktop.ui import window_fit
from qkeys_desktop.ui.create_dialog import CreateKeyDialog
from qkeys_desktop.ui.key_form import DeliveryChoice
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.style import apply_style
from qkeys_desktop.ui.tasks import TaskRunner
from qkeys_desktop.ui.theme import dark_palette
from qkeys_desktop.ui.widgets import FieldMessage, ScrollingBody

PERMISSIONS = ("create", "read", "write", "delete", "invite")


def open_dialog(qtbot: Any, store: Store, runner: TaskRunner,
                settings: AppSettings) -> CreateKeyDialog:
    dialog = CreateKeyDialog(store, runner, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading)
    return dialog


@pytest.fixture
def dialog(qtbot: Any, store: Store, runner: TaskRunner,
           settings: AppSettings) -> CreateKeyDialog:
    return open_dialog(qtbot, store, runner, settings)


def child(dialog: QWidget, kind: type, name: str) -> Any:
    widget = dialog.findChild(kind, name)
    assert widget is not None, name
    return widget


def message(dialog: QWidget, field: str) -> FieldMessage:
    return child(dialog, FieldMessage, f"{field}Message")


def type_name(qtbot: Any, dialog: QWidget, text: str) -> None:
    edit = child(dialog, QLineEdit, "nameEdit")
    edit.clear()
    qtbot.keyClicks(edit, text)


def create_button(dialog: QWidget) -> QPushButton:
    return child(dialog, QPushButton, "createButton")


def submit(qtbot: Any, dialog: CreateKeyDialog) -> None:
    create_button(dialog).click()
    qtbot.waitUntil(lambda: dialog.created is not None)
    assert dialog.result() == QDialog.DialogCode.Accepted


# -- the form as it opens ---------------------------------------------------------------------


def test_opens_with_defaults_and_names_the_missing_field(dialog: CreateKeyDialog) -> None:
    assert dialog.windowTitle() == "Create API Key"
    name = child(dialog, QLineEdit, "nameEdit")
    assert name.placeholderText().startswith("e.g.")
    assert name.maxLength() > TOKEN_LENGTH  # nothing pasted is cut short (see below)
    assert dialog.focusWidget() is name
    assert child(dialog, QComboBox, "expirationCombo").currentText() == "30 days"
    assert not child(dialog, QDateEdit, "customDateEdit").isVisible()
    assert child(dialog, QCheckBox, "perm_read").isChecked()
    assert not create_button(dialog).isEnabled()
    assert dialog.blocker.text() == "Enter a name for the key."
    assert message(dialog, "name").kind == "hint"  # no scolding before anything was typed
    interactive = QLineEdit | QCheckBox | QComboBox | QPushButton | QRadioButton
    for control in dialog.findChildren(QWidget):
        if isinstance(control, interactive) and not control.objectName().startswith("qt_"):
            assert control.objectName() and control.accessibleName(), control


def test_every_permission_has_a_description(dialog: CreateKeyDialog) -> None:
    for name in PERMISSIONS:
        box = child(dialog, QCheckBox, f"perm_{name}")
        assert box.toolTip().startswith(name.capitalize() + ":")


def test_a_visible_line_says_what_the_permission_pointed_at_or_focused_allows(
        qtbot: Any, dialog: CreateKeyDialog) -> None:
    help_line = child(dialog, QLabel, "permissionHelp")
    assert help_line.isVisible()
    assert help_line.text() == "Read: read and list resources"  # the one ticked at first
    invite = child(dialog, QCheckBox, "perm_invite")
    qtbot.mouseMove(invite)
    qtbot.waitUntil(lambda: help_line.text() == "Invite: invite people to projects")
    qtbot.mouseMove(child(dialog, QLineEdit, "nameEdit"))
    assert help_line.text().startswith("Invite:")  # stays put as the pointer moves on
    child(dialog, QCheckBox, "perm_create").setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: help_line.text() == "Create: create new resources")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: help_line.text() == "Read: read and list resources")
    assert help_line.isVisible() and not message(dialog, "permissions").isVisible()


def test_the_permission_help_is_told_to_screen_readers(dialog: CreateKeyDialog) -> None:
    delete = child(dialog, QCheckBox, "perm_delete")
    assert "Delete resources" in delete.accessibleDescription()


# -- each rule shows its message next to its field and creates nothing -----------------------


@pytest.mark.parametrize(("typed", "expected"), [
    ("   ", "Enter a name for the key."),
    ("bad\u202ename", "text-direction control character"),
    ("bell\x07name", "control or invisible character"),
])
def test_bad_names_are_explained_next_to_the_field(
        qtbot: Any, dialog: CreateKeyDialog, store: Store, typed: str, expected: str) -> None:
    child(dialog, QLineEdit, "nameEdit").setText(typed)
    assert message(dialog, "name").kind == "error"
    assert expected in message(dialog, "name").text()
    assert not create_button(dialog).isEnabled()
    qtbot.keyClick(child(dialog, QLineEdit, "nameEdit"), Qt.Key.Key_Return)
    assert dialog.isVisible() and store.list_keys() == []


def paste(qtbot: Any, edit: QLineEdit, text: str) -> None:
    """Ctrl+V of ``text`` into ``edit``, through the clipboard, as a person would."""
    QGuiApplication.clipboard().setText(text)
    edit.setFocus()
    qtbot.keyClick(edit, "v", modifier=Qt.KeyboardModifier.ControlModifier)
    QGuiApplication.clipboard().clear()


def core_refusal(name: str, field: str = "name", what: str = "key") -> str:
    with pytest.raises(ValidationError) as refused:
        clean_name(name, field, what)
    return refused.value.message


def test_a_pasted_token_is_refused_whole_not_cut_to_64_characters(
        qtbot: Any, dialog: CreateKeyDialog, store: Store) -> None:
    other = store.create_key("Existing", ["read"], None)
    edit = child(dialog, QLineEdit, "nameEdit")
    paste(qtbot, edit, other.token)
    assert edit.text() == other.token  # all 66 characters: not silently cut to 64
    shown = message(dialog, "name")
    assert shown.kind == "error" and shown.text() == core_refusal(other.token)
    assert "secret token" in shown.text() and "shorten" not in shown.text()
    assert other.token not in shown.text() and other.token[16:40] not in dialog.blocker.text()
    assert not create_button(dialog).isEnabled()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and [k.name for k in store.list_keys()] == ["Existing"]


@pytest.mark.parametrize("pasted", [
    lambda token: token[:22],  # cut short: the id and six characters of the secret
    lambda token: f"deploy {token} (old)",  # inside other words
    lambda token: token[16:60],  # the bare secret, without qk_<id>_
])
def test_pieces_of_a_token_are_refused_with_the_cores_message(
        qtbot: Any, dialog: CreateKeyDialog, store: Store, pasted: Any) -> None:
    text = pasted(store.create_key("Existing", ["read"], None).token)
    edit = child(dialog, QLineEdit, "nameEdit")
    paste(qtbot, edit, text)
    assert edit.text() == text
    assert message(dialog, "name").text() == core_refusal(text)
    assert not create_button(dialog).isEnabled()


def test_a_token_pasted_as_a_new_project_is_refused_whole(
        qtbot: Any, dialog: CreateKeyDialog, store: Store) -> None:
    token = store.create_key("Existing", ["read"], None).token
    type_name(qtbot, dialog, "billing key")
    child(dialog, QCheckBox, "limitProjectsCheck").click()
    new_name = child(dialog, QLineEdit, "newProjectEdit")
    paste(qtbot, new_name, token)
    assert new_name.text() == token
    shown = child(dialog, FieldMessage, "newProjectMessage")
    assert shown.text() == core_refusal(token, "project", "project")
    assert not child(dialog, QPushButton, "addProjectButton").isEnabled()
    qtbot.keyClick(new_name, Qt.Key.Key_Return)
    assert store.list_projects() == []


def test_clearing_the_name_asks_for_one(qtbot: Any, dialog: CreateKeyDialog) -> None:
    type_name(qtbot, dialog, "x")
    assert create_button(dialog).isEnabled()
    qtbot.keyClick(child(dialog, QLineEdit, "nameEdit"), Qt.Key.Key_Backspace)
    assert message(dialog, "name").text() == "Enter a name for the key."


def test_a_taken_name_is_refused_as_you_type(qtbot: Any, store: Store, runner: TaskRunner,
                                             settings: AppSettings) -> None:
    store.create_key("Deploy bot", ["read"], None)
    dialog = open_dialog(qtbot, store, runner, settings)
    type_name(qtbot, dialog, "deploy BOT")
    assert message(dialog, "name").text() == (
        "A key named “deploy BOT” already exists; choose another name.")  # the window's quotes
    assert not create_button(dialog).isEnabled()
    type_name(qtbot, dialog, "deploy bot 2")
    assert message(dialog, "name").kind == "hint"
    assert create_button(dialog).isEnabled()


def test_the_store_refusing_a_name_shows_it_next_to_the_field(
        qtbot: Any, dialog: CreateKeyDialog, store: Store) -> None:
    store.create_key("Nightly", ["read"], None)  # another process, after the dialog loaded
    type_name(qtbot, dialog, "Nightly")
    assert create_button(dialog).isEnabled()
    create_button(dialog).click()
    qtbot.waitUntil(lambda: message(dialog, "name").kind == "error")
    # the core's words, with the window's quotes rather than its repr ones
    assert message(dialog, "name").text() == (
        "A key named “Nightly” already exists; choose another name.")
    assert child(dialog, QLineEdit, "nameEdit").text() == "Nightly"  # the form keeps its input
    assert dialog.isVisible() and dialog.created is None
    assert len(store.list_keys()) == 1
    type_name(qtbot, dialog, "Nightly 2")
    submit(qtbot, dialog)


def test_no_permission_is_refused(qtbot: Any, dialog: CreateKeyDialog, store: Store) -> None:
    type_name(qtbot, dialog, "reader")
    child(dialog, QCheckBox, "perm_read").click()
    assert message(dialog, "permissions").text() == "Choose at least one permission."
    assert not create_button(dialog).isEnabled()
    assert dialog.blocker.text() == "Choose at least one permission."
    qtbot.keyClick(child(dialog, QLineEdit, "nameEdit"), Qt.Key.Key_Return)
    assert store.list_keys() == []


def test_a_limited_scope_needs_a_project(qtbot: Any, store: Store, runner: TaskRunner,
                                         settings: AppSettings) -> None:
    store.add_project("alpha")
    dialog = open_dialog(qtbot, store, runner, settings)
    type_name(qtbot, dialog, "scoped")
    child(dialog, QCheckBox, "limitProjectsCheck").click()
    assert child(dialog, QListWidget, "projectList").isVisible()
    assert "Choose at least one project" in message(dialog, "projects").text()
    assert not create_button(dialog).isEnabled()
    qtbot.keyClick(child(dialog, QLineEdit, "nameEdit"), Qt.Key.Key_Return)
    assert store.list_keys() == []


def test_select_all_is_tristate(dialog: CreateKeyDialog) -> None:
    select_all = child(dialog, QCheckBox, "selectAllPermissions")
    assert select_all.checkState() == Qt.CheckState.PartiallyChecked  # Read only
    select_all.click()
    assert all(child(dialog, QCheckBox, f"perm_{p}").isChecked() for p in PERMISSIONS)
    assert select_all.checkState() == Qt.CheckState.Checked
    select_all.click()
    assert not any(child(dialog, QCheckBox, f"perm_{p}").isChecked() for p in PERMISSIONS)
    assert select_all.checkState() == Qt.CheckState.Unchecked
    assert message(dialog, "permissions").kind == "error"
    child(dialog, QCheckBox, "perm_write").click()
    assert select_all.checkState() == Qt.CheckState.PartiallyChecked


# -- creating ---------------------------------------------------------------------------------


def test_a_valid_form_creates_a_key_that_verifies(qtbot: Any, dialog: CreateKeyDialog,
                                                  store: Store, settings: AppSettings) -> None:
    type_name(qtbot, dialog, "  GitHub Actions deploy ")
    child(dialog, QCheckBox, "perm_write").click()
    submit(qtbot, dialog)
    created = dialog.created
    assert created is not None
    assert created.record.name == "GitHub Actions deploy"
    assert created.record.permission_names == ["read", "write"]
    assert created.record.all_projects
    assert store.verify(created.token, "read").ok
    assert store.verify(created.token, "write").ok
    assert not store.verify(created.token, "delete").ok
    assert dialog.delivery == "clipboard" and settings.default_delivery == "clipboard"
    assert [k.key_id for k in store.list_keys()] == [created.record.key_id]


@pytest.mark.parametrize(("label", "days"), [
    ("7 days", 7), ("30 days", 30), ("60 days", 60), ("90 days", 90), ("1 year", 365),
])
def test_expiration_presets(qtbot: Any, dialog: CreateKeyDialog, store: Store,
                            label: str, days: int) -> None:
    combo = child(dialog, QComboBox, "expirationCombo")
    combo.setCurrentIndex(combo.findText(label))
    expected_day = date.today() + timedelta(days=days)
    assert f"{expected_day.day}, {expected_day.year}" in message(dialog, "expiration").text()
    type_name(qtbot, dialog, f"preset {label}")
    before = store.clock()
    submit(qtbot, dialog)
    assert dialog.created is not None
    expires = dialog.created.record.expires_at
    assert expires is not None
    assert before + timedelta(days=days) - timedelta(seconds=2) <= expires
    assert expires <= store.clock() + timedelta(days=days)


def test_no_expiration_warns_and_creates_a_key_that_never_expires(
        qtbot: Any, dialog: CreateKeyDialog) -> None:
    combo = child(dialog, QComboBox, "expirationCombo")
    combo.setCurrentIndex(combo.findText("No expiration"))
    assert message(dialog, "expiration").kind == "warning"
    assert "never expire are a risk if leaked" in message(dialog, "expiration").text()
    type_name(qtbot, dialog, "forever")
    submit(qtbot, dialog)
    assert dialog.created is not None and dialog.created.record.expires_at is None


def test_a_custom_date_expires_at_the_start_of_that_day(qtbot: Any, dialog: CreateKeyDialog,
                                                        store: Store) -> None:
    combo = child(dialog, QComboBox, "expirationCombo")
    combo.setCurrentIndex(combo.findText("Custom date…"))
    picker = child(dialog, QDateEdit, "customDateEdit")
    assert picker.isVisible() and picker.calendarPopup()
    assert picker.minimumDate() == QDate.currentDate().addDays(1)
    picker.setDate(QDate.currentDate())  # clamped: today is not allowed
    assert picker.date() == QDate.currentDate().addDays(1)
    assert "(tomorrow)" in message(dialog, "expiration").text()
    day = date.today() + timedelta(days=45)
    picker.setDate(QDate(day.year, day.month, day.day))
    assert "(in 45 days)" in message(dialog, "expiration").text()
    type_name(qtbot, dialog, "custom")
    submit(qtbot, dialog)
    assert dialog.created is not None
    assert dialog.created.record.expires_at == start_of_local_day(day)


def test_the_default_expiration_comes_from_the_settings(qtbot: Any, store: Store,
                                                        runner: TaskRunner,
                                                        settings: AppSettings) -> None:
    settings.default_expiration = "never"
    dialog = open_dialog(qtbot, store, runner, settings)
    assert child(dialog, QComboBox, "expirationCombo").currentText() == "No expiration"
    settings.default_expiration = "2031-01-01"  # not a preset: falls back to 30 days
    other = open_dialog(qtbot, store, runner, settings)
    assert child(other, QComboBox, "expirationCombo").currentText() == "30 days"


def test_scope_limited_to_ticked_projects(qtbot: Any, store: Store, runner: TaskRunner,
                                          settings: AppSettings) -> None:
    for name in ("alpha", "beta", "gamma"):
        store.add_project(name)
    dialog = open_dialog(qtbot, store, runner, settings)
    type_name(qtbot, dialog, "scoped")
    child(dialog, QCheckBox, "limitProjectsCheck").click()
    projects = child(dialog, QListWidget, "projectList")
    assert [projects.item(i).text() for i in range(projects.count())] == [
        "alpha", "beta", "gamma"]
    projects.item(0).setCheckState(Qt.CheckState.Checked)
    projects.item(2).setCheckState(Qt.CheckState.Checked)
    submit(qtbot, dialog)
    assert dialog.created is not None
    record = dialog.created.record
    assert record.projects == ("alpha", "gamma") and not record.all_projects
    assert store.verify(dialog.created.token, "read", "alpha").ok
    assert not store.verify(dialog.created.token, "read", "beta").ok


def test_a_new_project_is_added_inline_and_ticked(qtbot: Any, dialog: CreateKeyDialog,
                                                  store: Store) -> None:
    type_name(qtbot, dialog, "billing key")
    child(dialog, QCheckBox, "limitProjectsCheck").click()
    new_name = child(dialog, QLineEdit, "newProjectEdit")
    assert new_name.isVisible() and new_name.hasFocus()  # no projects yet: ready to type one
    assert "No projects yet" in message(dialog, "projects").text()
    qtbot.keyClicks(new_name, "billing")
    qtbot.keyClick(new_name, Qt.Key.Key_Return)  # Enter adds the project, not the key
    projects = child(dialog, QListWidget, "projectList")
    qtbot.waitUntil(lambda: projects.count() == 1)
    assert projects.item(0).checkState() == Qt.CheckState.Checked
    assert [p.name for p in store.list_projects()] == ["billing"]
    assert store.list_keys() == [] and dialog.isVisible()
    assert child(dialog, QPushButton, "newProjectButton").isVisible()
    child(dialog, QPushButton, "newProjectButton").click()
    qtbot.keyClicks(new_name, "BILLING")
    assert child(dialog, FieldMessage, "newProjectMessage").text() == (
        "A project named “billing” already exists; tick it in the list above.")  # as listed
    assert not child(dialog, QPushButton, "addProjectButton").isEnabled()
    qtbot.keyClick(new_name, Qt.Key.Key_Escape)  # closes the field, not the dialog
    assert dialog.isVisible() and not new_name.isVisible()
    submit(qtbot, dialog)
    assert dialog.created is not None and dialog.created.record.projects == ("billing",)


MANY_PROJECTS = ("api-gateway", "Backend", "billing", "Data platform", "docs", "iOS app",
                 "marketing-site", "Mobile app", "search")


def shown_projects(dialog: QWidget) -> list[str]:
    projects = child(dialog, QListWidget, "projectList")
    return [projects.item(i).text() for i in range(projects.count())
            if not projects.item(i).isHidden()]


def scoped_dialog(qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings,
                  names: Sequence[str]) -> CreateKeyDialog:
    for name in names:
        store.add_project(name)
    dialog = open_dialog(qtbot, store, runner, settings)
    type_name(qtbot, dialog, "scoped")
    child(dialog, QCheckBox, "limitProjectsCheck").click()
    return dialog


def test_eight_projects_need_no_filter(qtbot: Any, store: Store, runner: TaskRunner,
                                       settings: AppSettings) -> None:
    dialog = scoped_dialog(qtbot, store, runner, settings, MANY_PROJECTS[:8])
    assert len(shown_projects(dialog)) == 8
    assert not child(dialog, QLineEdit, "projectFilter").isVisible()


def test_many_projects_get_a_filter_that_keeps_hidden_ticks(
        qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings) -> None:
    dialog = scoped_dialog(qtbot, store, runner, settings, MANY_PROJECTS)
    projects = child(dialog, QListWidget, "projectList")
    height = projects.height()
    field = child(dialog, QLineEdit, "projectFilter")
    assert field.isVisible() and field.placeholderText() == "Filter projects"
    dialog.form.picker.set_checked("docs")
    qtbot.keyClicks(field, "B")
    assert shown_projects(dialog) == ["Backend", "billing", "Mobile app"]  # any case, anywhere
    assert projects.height() == height  # the dialog keeps still while filtering
    dialog.form.picker.set_checked("billing")
    qtbot.keyClicks(field, "ill")
    assert shown_projects(dialog) == ["billing"]
    assert dialog.form.picker.checked_names() == ["billing", "docs"]  # docs hidden, still ticked
    qtbot.keyClicks(field, "zz")
    no_match = child(dialog, QLabel, "noProjectMatch")
    assert shown_projects(dialog) == [] and no_match.isVisible()
    assert no_match.text() == "No project matches “Billzz”."
    qtbot.keyClick(field, Qt.Key.Key_Escape)  # clears the filter, not the dialog
    assert dialog.isVisible() and field.text() == ""
    assert shown_projects(dialog) == sorted(MANY_PROJECTS, key=str.casefold)
    assert not no_match.isVisible()
    submit(qtbot, dialog)
    assert dialog.created is not None
    assert dialog.created.record.projects == ("billing", "docs")


def test_enter_in_the_project_filter_moves_into_the_list_and_esc_then_closes(
        qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings) -> None:
    dialog = scoped_dialog(qtbot, store, runner, settings, MANY_PROJECTS)
    field = child(dialog, QLineEdit, "projectFilter")
    qtbot.keyClicks(field, "mob")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # not "Create": the filter is no place to submit
    projects = child(dialog, QListWidget, "projectList")
    assert dialog.isVisible() and store.list_keys() == []
    assert projects.hasFocus() and projects.currentItem().text() == "Mobile app"
    qtbot.keyClick(projects, Qt.Key.Key_Space)
    assert dialog.form.picker.checked_names() == ["Mobile app"]
    field.clear()
    qtbot.keyClick(field, Qt.Key.Key_Escape)  # nothing to clear: Esc cancels the dialog
    assert not dialog.isVisible() and store.list_keys() == []


def test_a_project_added_while_filtering_shows_ticked(
        qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings) -> None:
    dialog = scoped_dialog(qtbot, store, runner, settings, MANY_PROJECTS)
    field = child(dialog, QLineEdit, "projectFilter")
    qtbot.keyClicks(field, "docs")
    child(dialog, QPushButton, "newProjectButton").click()
    new_name = child(dialog, QLineEdit, "newProjectEdit")
    qtbot.keyClicks(new_name, "warehouse")
    qtbot.keyClick(new_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "warehouse" in shown_projects(dialog))
    assert field.text() == "" and len(shown_projects(dialog)) == len(MANY_PROJECTS) + 1
    assert dialog.form.picker.checked_names() == ["warehouse"]


def test_a_project_added_elsewhere_meanwhile_is_refused_in_the_windows_quotes(
        qtbot: Any, dialog: CreateKeyDialog, store: Store) -> None:
    child(dialog, QCheckBox, "limitProjectsCheck").click()
    store.add_project("Billing")  # another process, after the dialog loaded its projects
    new_name = child(dialog, QLineEdit, "newProjectEdit")
    qtbot.keyClicks(new_name, "Billing")
    qtbot.keyClick(new_name, Qt.Key.Key_Return)
    refusal = child(dialog, FieldMessage, "newProjectMessage")
    qtbot.waitUntil(lambda: refusal.kind == "error")
    assert refusal.text() == "A project named “Billing” already exists; choose another."


def test_enter_creates(qtbot: Any, dialog: CreateKeyDialog, store: Store) -> None:
    type_name(qtbot, dialog, "by keyboard")
    qtbot.keyClick(child(dialog, QLineEdit, "nameEdit"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert [k.name for k in store.list_keys()] == ["by keyboard"]


def test_escape_cancels(qtbot: Any, dialog: CreateKeyDialog, store: Store) -> None:
    type_name(qtbot, dialog, "never mind")
    qtbot.keyClick(child(dialog, QLineEdit, "nameEdit"), Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.created is None and store.list_keys() == []


class SlowHasher(SecretHasher):
    """Hashes only when the test says so, like argon2 on a slow machine."""

    def __init__(self, inner: SecretHasher) -> None:
        super().__init__(inner.params)
        self.release = threading.Event()

    def hash(self, secret: str) -> str:
        self.release.wait(10)
        return super().hash(secret)


def test_the_window_keeps_working_while_the_key_is_hashed(
        qtbot: Any, dialog: CreateKeyDialog, store: Store, fast_hasher: SecretHasher) -> None:
    slow = SlowHasher(fast_hasher)
    store.hasher = slow
    ticks: list[int] = []
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: ticks.append(1))
    heartbeat.start()
    type_name(qtbot, dialog, "slow")
    create_button(dialog).click()
    try:
        assert dialog.busy
        assert "Creating…" in create_button(dialog).text()
        assert not create_button(dialog).isEnabled()
        assert not child(dialog, QLineEdit, "nameEdit").isEnabled()
        assert not child(dialog, QPushButton, "cancelButton").isEnabled()
        first = create_button(dialog).text()
        qtbot.waitUntil(lambda: len(ticks) >= 5 and create_button(dialog).text() != first)
        dialog.reject()  # Esc while creating would lose the token: ignored
        assert dialog.isVisible() and dialog.busy
    finally:
        slow.release.set()
        heartbeat.stop()
    qtbot.waitUntil(lambda: dialog.created is not None)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert store.verify(dialog.created.token, "read").ok


def test_other_failures_show_at_the_bottom_and_keep_the_form(
        qtbot: Any, dialog: CreateKeyDialog, store: Store,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(*_args: Any, **_kwargs: Any) -> None:
        raise StoreError("The disk holding keys.db is full; free some space and try again.")

    monkeypatch.setattr(store, "create_key", full_disk)
    type_name(qtbot, dialog, "unlucky")
    create_button(dialog).click()
    qtbot.waitUntil(lambda: dialog.form_error.isVisible())
    assert "disk holding keys.db is full" in dialog.form_error.text()
    assert dialog.isVisible() and not dialog.busy
    assert create_button(dialog).isEnabled() and create_button(dialog).text() == "Create key"
    assert child(dialog, QLineEdit, "nameEdit").text() == "unlucky"


# -- delivery choice --------------------------------------------------------------------------


def test_the_delivery_choice_defaults_and_is_remembered(qtbot: Any, store: Store,
                                                        runner: TaskRunner,
                                                        settings: AppSettings) -> None:
    settings.default_delivery = "keychain"
    dialog = open_dialog(qtbot, store, runner, settings)
    assert child(dialog, QRadioButton, "deliverKeychain").isChecked()
    assert child(dialog, QRadioButton, "deliverKeychain").isEnabled()
    child(dialog, QRadioButton, "deliverClipboard").click()
    type_name(qtbot, dialog, "clip")
    submit(qtbot, dialog)
    assert dialog.delivery == "clipboard"
    assert settings.default_delivery == "clipboard"
    again = open_dialog(qtbot, store, runner, settings)
    child(again, QRadioButton, "deliverKeychain").click()
    type_name(qtbot, again, "chain")
    submit(qtbot, again)
    assert again.delivery == "keychain" and settings.default_delivery == "keychain"


def test_an_unavailable_keychain_is_disabled_with_the_reason(
        qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings) -> None:
    keyring.set_keyring(fail.Keyring())
    settings.default_delivery = "keychain"
    dialog = open_dialog(qtbot, store, runner, settings)
    option = child(dialog, QRadioButton, "deliverKeychain")
    assert not option.isEnabled()
    assert "No OS keychain is available" in option.toolTip()
    assert "No OS keychain is available" in message(dialog, "delivery").text()
    assert child(dialog, QRadioButton, "deliverClipboard").isChecked()
    type_name(qtbot, dialog, "fallback")
    submit(qtbot, dialog)
    assert dialog.delivery == "clipboard"


# -- description and the registry's lifetime policy -----------------------------------------


def test_the_description_is_counted_and_stored(qtbot: Any, dialog: CreateKeyDialog) -> None:
    edit = child(dialog, QPlainTextEdit, "descriptionEdit")
    counter = child(dialog, QLabel, "descriptionCounter")
    assert counter.text() == "0/500"
    edit.setPlainText("Deploys the web app\nowned by the platform team")
    assert counter.text() == "46/500"
    type_name(qtbot, dialog, "described")
    submit(qtbot, dialog)
    assert dialog.created is not None
    assert dialog.created.record.description == "Deploys the web app\nowned by the platform team"


def test_a_long_or_secret_description_is_refused(qtbot: Any, dialog: CreateKeyDialog,
                                                 store: Store) -> None:
    type_name(qtbot, dialog, "described")
    edit = child(dialog, QPlainTextEdit, "descriptionEdit")
    edit.setPlainText("x" * 501)
    assert message(dialog, "description").kind == "error"
    assert "shorten it to 500" in message(dialog, "description").text()
    assert not create_button(dialog).isEnabled()
    token = store.create_key("Existing", ["read"], None).token
    edit.setPlainText(f"old key {token}")
    assert "secret" in message(dialog, "description").text()
    assert token not in message(dialog, "description").text()
    assert not create_button(dialog).isEnabled()
    edit.setPlainText("fine")
    assert create_button(dialog).isEnabled()


def test_presets_beyond_the_policy_are_disabled_with_the_policy_as_reason(
        qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings) -> None:
    store.set_policy(max_lifetime_days=60, allow_never=False)
    dialog = open_dialog(qtbot, store, runner, settings)
    combo = child(dialog, QComboBox, "expirationCombo")
    for text, allowed in (("7 days", True), ("60 days", True), ("90 days", False),
                          ("1 year", False), ("No expiration", False), ("Custom date…", True)):
        assert combo.model().item(combo.findText(text)).isEnabled() is allowed, text
    assert "at most 60 days" in combo.itemData(combo.findText("90 days"),
                                               Qt.ItemDataRole.ToolTipRole)
    assert "requires every key to expire" in combo.itemData(
        combo.findText("No expiration"), Qt.ItemDataRole.ToolTipRole)
    assert combo.currentText() == "30 days"
    assert "at most 60 days" in message(dialog, "expiration").text()
    picker = child(dialog, QDateEdit, "customDateEdit")
    assert picker.maximumDate() == QDate.currentDate().addDays(60)


@pytest.mark.parametrize(("default", "limit", "expected"), [
    ("90d", 30, "30 days"),  # the user's default is too long: the app's default
    ("30d", 14, "7 days"),  # both too long: the longest the policy allows
    ("never", None, "30 days"),  # never is not allowed
])
def test_the_default_choice_is_within_the_policy(qtbot: Any, store: Store, runner: TaskRunner,
                                                 settings: AppSettings, default: str,
                                                 limit: int | None, expected: str) -> None:
    store.set_policy(max_lifetime_days=limit, allow_never=False)
    settings.default_expiration = default
    dialog = open_dialog(qtbot, store, runner, settings)
    assert child(dialog, QComboBox, "expirationCombo").currentText() == expected
    type_name(qtbot, dialog, "within policy")
    submit(qtbot, dialog)
    assert dialog.created is not None and dialog.created.record.expires_at is not None


def set_limits(dialog: QWidget, uses: int | None = None, refill: str = "never",
               rate: tuple[int, str] | None = None) -> None:
    """Unfold the Limits area and fill it in through its widgets."""
    toggle = child(dialog, QToolButton, "limitsToggle")
    if not child(dialog, QWidget, "limitsBody").isVisible():
        toggle.click()
    if uses is not None:
        child(dialog, QCheckBox, "limitUsesCheck").setChecked(True)
        child(dialog, QSpinBox, "usesSpin").setValue(uses)
        refills = child(dialog, QComboBox, "refillCombo")
        refills.setCurrentIndex(refills.findText(refill))
    if rate is not None:
        child(dialog, QCheckBox, "limitRateCheck").setChecked(True)
        child(dialog, QSpinBox, "rateSpin").setValue(rate[0])
        windows = child(dialog, QComboBox, "rateWindowCombo")
        windows.setCurrentIndex(windows.findText(rate[1]))


def test_limits_are_folded_away_and_none_by_default(qtbot: Any, dialog: CreateKeyDialog,
                                                   store: Store) -> None:
    assert not child(dialog, QWidget, "limitsBody").isVisible()
    assert child(dialog, QLabel, "limitsSummary").text() == \
        "None: any number of checks, at any rate"
    type_name(qtbot, dialog, "unlimited")
    submit(qtbot, dialog)
    assert dialog.created is not None
    record = dialog.created.record
    assert (record.uses_limit, record.uses_refill, record.rate_limit) == (None, None, None)


def test_a_key_created_with_limits_is_held_to_them(qtbot: Any, dialog: CreateKeyDialog,
                                                  store: Store) -> None:
    type_name(qtbot, dialog, "metered")
    child(dialog, QToolButton, "limitsToggle").click()
    assert child(dialog, QWidget, "limitsBody").isVisible()
    assert not child(dialog, QSpinBox, "usesSpin").isEnabled()  # until the box is ticked
    set_limits(dialog, uses=2, refill="monthly", rate=(5, "hour"))
    assert child(dialog, QLabel, "limitsSummary").text() == "2 uses, refilled monthly · 5/h"
    submit(qtbot, dialog)
    assert dialog.created is not None
    record = dialog.created.record
    assert (record.uses_limit, record.uses_refill) == (2, "monthly")
    assert (record.rate_limit, record.rate_window) == (5, 3600)
    token = dialog.created.token
    assert store.verify(token, "read").ok and store.verify(token, "read").ok
    refused = store.verify(token, "read")
    assert not refused.ok and refused.reason == "usage exhausted"


def test_the_stores_refusal_of_a_limit_shows_by_its_row(
        qtbot: Any, dialog: CreateKeyDialog, store: Store,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise ValidationError("rate", "A rate limit is a number of at least 1 per second, "
                                      "minute or hour.")

    monkeypatch.setattr(store, "create_key", refuse)
    type_name(qtbot, dialog, "metered")
    set_limits(dialog, rate=(10, "minute"))
    child(dialog, QToolButton, "limitsToggle").click()  # folded again: the error unfolds it
    create_button(dialog).click()
    qtbot.waitUntil(lambda: message(dialog, "rate").kind == "error")
    assert "rate limit is a number" in message(dialog, "rate").text()
    assert child(dialog, QWidget, "limitsBody").isVisible()
    assert message(dialog, "uses").kind == "hint"
    assert not create_button(dialog).isEnabled()  # until the rate is changed
    child(dialog, QSpinBox, "rateSpin").setValue(11)
    assert message(dialog, "rate").kind == "hint" and create_button(dialog).isEnabled()


# -- the custom date: its hint, its calendar, a past date ----------------------------------------


def custom_date(dialog: CreateKeyDialog) -> QDateEdit:
    combo = child(dialog, QComboBox, "expirationCombo")
    combo.setCurrentIndex(combo.findText("Custom date…"))
    picker: QDateEdit = child(dialog, QDateEdit, "customDateEdit")
    return picker


def test_stepping_the_month_below_the_earliest_day_keeps_field_value_and_hint_together(
        qtbot: Any, dialog: CreateKeyDialog) -> None:
    # Qt itself would show "Dec 31" but hold Dec 30 when December's 31st steps down to a
    # November day before the minimum: the hint followed the value, not the field
    picker = custom_date(dialog)
    earliest = picker.minimumDate()
    start = QDate(earliest.year(), earliest.month(), earliest.daysInMonth())
    picker.setDate(start)
    picker.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
        picker.setCurrentSection(QDateEdit.Section.MonthSection)
        qtbot.keyClick(picker, key)
        assert picker.date() == start and picker.text() == start.toString("MMM d, yyyy")
        assert picker.date() >= earliest
        assert f"{picker.text()} (" in message(dialog, "expiration").text()


def test_a_typed_past_date_is_explained_not_silently_dropped(
        qtbot: Any, dialog: CreateKeyDialog) -> None:
    picker = custom_date(dialog)
    kept = QDate(QDate.currentDate().year() + 1, 1, 15)
    picker.setDate(kept)
    picker.setFocus()
    picker.setSelectedSection(QDateEdit.Section.YearSection)
    last_year = QDate.currentDate().year() - 1
    qtbot.keyClicks(picker, str(last_year))
    assert picker.date() == kept  # still refused: the key would be born expired
    shown = message(dialog, "expiration")
    assert shown.kind == "warning"
    assert shown.text() == (f"Jan 15, {last_year} is in the past: a key must expire tomorrow "
                            f"or later. The date stays Jan 15, {kept.year()}.")
    picker.setDate(kept.addDays(1))  # any new choice replaces the explanation
    assert message(dialog, "expiration").kind == "hint"


def open_calendar(qtbot: Any, picker: QDateEdit) -> QCalendarWidget:
    qtbot.mouseClick(picker, Qt.MouseButton.LeftButton,
                     pos=QPoint(picker.width() - 8, picker.height() // 2))
    calendar = picker.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    return calendar


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[None]:
    """The application's own style and stylesheet, as the window runs with, then Qt's again."""
    palette, sheet, style = qapp.palette(), qapp.styleSheet(), qapp.style().name()
    apply_style(qapp)
    yield
    shiboken6.delete(qapp.findChild(QObject, "paletteWatcher"))
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)


@pytest.mark.qt_log_ignore("This plugin does not support")  # the popup, offscreen
def test_the_calendar_shows_whole_weekday_names_and_whole_weeks(
        qtbot: Any, styled: None, dialog: CreateKeyDialog) -> None:
    picker = custom_date(dialog)
    calendar = open_calendar(qtbot, picker)
    view = calendar.findChild(QTableView)
    metrics = view.fontMetrics()
    for column in range(7):  # the weekday names' row: the space the style leaves for the text
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = view.visualRect(view.model().index(0, column))
        option.text = str(view.model().index(0, column).data())
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        room = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        assert room.width() >= metrics.horizontalAdvance(option.text), option.text
    rows = [view.rowHeight(row) for row in range(7)]
    assert all(height >= metrics.height() + 4 for height in rows), rows
    assert sum(rows) <= view.viewport().height()  # the last week is not cut
    assert view.viewport().rect().bottom() <= calendar.rect().bottom()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_days_before_the_earliest_look_unavailable_in_the_calendar(
        qtbot: Any, dialog: CreateKeyDialog) -> None:
    picker = custom_date(dialog)
    calendar = open_calendar(qtbot, picker)
    today, earliest = QDate.currentDate(), picker.minimumDate()
    grey = calendar.dateTextFormat(today).foreground().color()
    normal = calendar.dateTextFormat(earliest).foreground().color()
    assert calendar.dateTextFormat(today).hasProperty(QTextFormat.Property.ForegroundBrush)
    assert not calendar.dateTextFormat(earliest).hasProperty(
        QTextFormat.Property.ForegroundBrush)
    assert grey.lightness() != normal.lightness()


def highlight_share(button: QRadioButton) -> float:
    """How much of the button's indicator is painted in the palette's highlight colour."""
    option = QStyleOptionButton()
    option.initFrom(button)
    box = button.style().subElementRect(QStyle.SubElement.SE_RadioButtonIndicator, option, button)
    image = button.grab().toImage()
    highlight = button.palette().color(QPalette.ColorRole.Highlight)
    near = sum(1 for x in range(box.left(), box.right() + 1)
               for y in range(box.top(), box.bottom() + 1)
               if max(abs(image.pixelColor(x, y).red() - highlight.red()),
                      abs(image.pixelColor(x, y).green() - highlight.green()),
                      abs(image.pixelColor(x, y).blue() - highlight.blue())) < 40)
    return near / (box.width() * box.height())


@pytest.mark.parametrize("dark", [False, True])
def test_the_chosen_radio_button_stands_out_light_and_dark(
        qtbot: Any, qapp: QApplication, styled: None, settings: AppSettings, dark: bool) -> None:
    if dark:
        qapp.setPalette(dark_palette())  # the stylesheet follows the palette
    choice = DeliveryChoice(settings)
    qtbot.addWidget(choice)
    choice.show()
    choice.select("clipboard")
    assert choice.clipboard.isChecked() and not choice.keychain.isChecked()
    assert highlight_share(choice.clipboard) > 0.3  # an accent disc, not a grey dot on grey
    assert highlight_share(choice.keychain) < 0.05


def test_a_name_over_64_characters_is_kept_whole_and_explained(
        qtbot: Any, dialog: CreateKeyDialog) -> None:
    assert "up to 64 characters" in message(dialog, "name").text()  # said before it matters
    long_name = "n" * 70
    type_name(qtbot, dialog, long_name)
    assert child(dialog, QLineEdit, "nameEdit").text() == long_name  # nothing silently cut
    assert message(dialog, "name").kind == "error"
    assert message(dialog, "name").text() == core_refusal(long_name)
    assert not create_button(dialog).isEnabled()


# -- a screen too short for the whole form -----------------------------------------------------


def open_tallest(qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings,
                 monkeypatch: pytest.MonkeyPatch, screen: tuple[int, int],
                 ) -> tuple[CreateKeyDialog, ScrollingBody]:
    """The dialog at its tallest (scoped to projects, Limits unfolded) on a screen of that size."""
    area = QRect(0, 0, *screen)
    monkeypatch.setattr(window_fit, "available_area", lambda _widget: area)
    for name in ("alpha", "beta", "gamma"):
        store.add_project(name)
    dialog = open_dialog(qtbot, store, runner, settings)
    child(dialog, QCheckBox, "limitProjectsCheck").click()
    child(dialog, QToolButton, "limitsToggle").click()
    body = child(dialog, ScrollingBody, "scrollingBody")
    qtbot.waitUntil(lambda: child(dialog, QWidget, "limitsBody").isVisible())
    QApplication.processEvents()
    return dialog, body


def assert_form_whole_and_unstretched(body: ScrollingBody) -> None:
    """The form is as tall as its own fields need (no gaps opened between them), and the part
    of the scroll area it is seen through is at least as wide as it (no right edge cut off)."""
    form = body.content
    assert form.height() == form.heightForWidth(form.width())
    assert body.viewport().width() >= form.width()


def test_on_a_laptop_screen_the_form_scrolls_and_its_buttons_stay_in_view(
        qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog, body = open_tallest(qtbot, store, runner, settings, monkeypatch, (1366, 768))
    room = window_fit.room_for(dialog)
    qtbot.waitUntil(lambda: dialog.height() == room.height())  # capped, not the form's height
    qtbot.waitUntil(body.verticalScrollBar().isVisible)
    assert body.content.height() > body.viewport().height()
    assert QRect(0, 0, 1366, 768).contains(dialog.frameGeometry())  # moved up as it grew
    # widened by the bar, so that the form keeps its whole width beside it
    assert dialog.width() == dialog.layout().totalSizeHint().width() + body.bar_width()
    assert_form_whole_and_unstretched(body)
    for button in (dialog.action_button, dialog.cancel_button):  # the footer stays in view
        assert button.isVisible()
        place = QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())
        assert dialog.rect().contains(place), button.objectName()
    fields = [widget for widget in body.content.findChildren(QWidget)
              if widget.isVisibleTo(dialog) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert child(dialog, QCheckBox, "limitProjectsCheck") in fields
    last = max(fields, key=lambda widget: widget.mapTo(body.content, QPoint(0, 0)).y())
    for field in [*fields, last]:  # every field can be scrolled to, the lowest one included
        body.ensureWidgetVisible(field, 0, 0)
        place = QRect(field.mapTo(body.viewport(), QPoint(0, 0)), field.size())
        assert body.viewport().rect().contains(place), field.objectName()
    assert body.verticalScrollBar().value() > 0  # the lowest one was below the fold


def test_on_a_laptop_screen_tabbing_to_a_field_below_the_fold_scrolls_to_it(
        qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog, body = open_tallest(qtbot, store, runner, settings, monkeypatch, (1366, 768))
    lowest = max((widget for widget in body.content.findChildren(QWidget)
                  if widget.isVisibleTo(dialog) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus),
                 key=lambda widget: widget.mapTo(body.content, QPoint(0, 0)).y())
    assert body.verticalScrollBar().value() == 0
    dialog.activateWindow()
    for _ in range(60):
        if lowest.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Tab)
    assert lowest.hasFocus()
    assert body.verticalScrollBar().value() > 0
    place = QRect(lowest.mapTo(body.viewport(), QPoint(0, 0)), lowest.size())
    assert body.viewport().rect().contains(place)


def test_on_a_large_screen_the_whole_form_shows_without_a_scroll_bar(
        qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog, body = open_tallest(qtbot, store, runner, settings, monkeypatch, (2560, 1440))
    qtbot.waitUntil(lambda: body.height() == body.content.height())
    assert not body.verticalScrollBar().isVisible()
    assert_form_whole_and_unstretched(body)
    assert body.sizeHint().height() == body.content.height() > 600  # all of it, not ~24 lines
    # laid out as without a scroll area: the form where it always stood, no room for a bar
    assert body.content.mapTo(dialog, QPoint(0, 0)).x() == 24
    assert dialog.width() == dialog.layout().totalSizeHint().width()
    assert dialog.height() < window_fit.room_for(dialog).height()
