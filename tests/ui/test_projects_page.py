"""The Projects page driven through its buttons and name dialog, against a real store."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import shiboken6
from doubles import Confirmations
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPushButton, QStackedWidget, QTableView

from qkeys_desktop.core.errors import DatabaseBusyError, ValidationError
from qkeys_desktop.core.records import KeyRecord, ProjectRecord
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.validation import clean_name
from qkeys_desktop.ui import prompts
from qkeys_desktop.ui.project_dialog import ProjectNameDialog, rename_warning
from qkeys_desktop.ui.project_model import CREATED, KEYS, NAME, SORT_ROLE, ProjectTableModel
from qkeys_desktop.ui.projects_page import ProjectsPage, removal_question
from qkeys_desktop.ui.tasks import TaskRunner
from qkeys_desktop.ui.widgets import Banner, FieldMessage
from qkeys_desktop.ui.wording import format_date

pytestmark = [
    # The offscreen platform cannot pass a window's size hints on; that is no fault of ours.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    # Errors must not pop a real box in tests; they are collected instead.
    pytest.mark.usefixtures("informed"),
]


@pytest.fixture
def page(qtbot: Any, store: Store, runner: TaskRunner) -> ProjectsPage:
    widget = ProjectsPage(store, runner)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def load(qtbot: Any, page: ProjectsPage) -> None:
    page.reload()
    qtbot.waitUntil(lambda: page.runner.pending == 0)


def button(page: ProjectsPage, name: str) -> QPushButton:
    found = page.findChild(QPushButton, name)
    assert found is not None, name
    return found


def open_dialog(qtbot: Any, page: ProjectsPage) -> ProjectNameDialog:
    dialogs: list[ProjectNameDialog] = []

    def visible() -> bool:
        dialogs[:] = [d for d in page.findChildren(ProjectNameDialog, "projectNameDialog")
                      if shiboken6.isValid(d) and d.isVisible()]
        return len(dialogs) == 1

    qtbot.waitUntil(visible)
    return dialogs[0]


def name_edit(dialog: ProjectNameDialog) -> QLineEdit:
    edit = dialog.findChild(QLineEdit, "projectNameEdit")
    assert edit is not None
    return edit


def ok_button(dialog: ProjectNameDialog) -> QPushButton:
    ok = dialog.findChild(QPushButton, "projectNameOk")
    assert ok is not None
    return ok


def shown_names(page: ProjectsPage) -> list[str]:
    proxy = page.table.model()
    return [proxy.index(row, NAME).data() for row in range(proxy.rowCount())]


def project_names(store: Store) -> list[str]:
    return [p.name for p in store.list_projects()]


def add_through_dialog(qtbot: Any, page: ProjectsPage, name: str) -> None:
    button(page, "addProjectButton").click()
    dialog = open_dialog(qtbot, page)
    name_edit(dialog).setText(name)
    with qtbot.waitSignal(page.changed):
        ok_button(dialog).click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    qtbot.waitUntil(lambda: page.runner.pending == 0)


def test_empty_state_offers_to_add_a_project(qtbot: Any, page: ProjectsPage) -> None:
    load(qtbot, page)
    stack = page.findChild(QStackedWidget)
    assert stack.currentWidget().objectName() == "emptyState"
    button(page, "emptyAddProjectButton").click()
    dialog = open_dialog(qtbot, page)
    assert dialog.windowTitle() == "Add Project"
    assert not ok_button(dialog).isEnabled()  # nothing typed yet
    qtbot.keyClick(name_edit(dialog), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    assert project_names(page.store) == []


def test_add_project_through_dialog(qtbot: Any, page: ProjectsPage) -> None:
    load(qtbot, page)
    notices: list[str] = []
    page.notice.connect(notices.append)
    add_through_dialog(qtbot, page, "  billing  ")
    assert project_names(page.store) == ["billing"]
    qtbot.waitUntil(lambda: shown_names(page) == ["billing"])
    assert page.selected_name() == "billing"
    assert page.findChild(QTableView, "projectsTable").isVisible()
    assert notices == ["Added project “billing”."]


def test_enter_submits_the_dialog(qtbot: Any, page: ProjectsPage) -> None:
    load(qtbot, page)
    button(page, "addProjectButton").click()
    dialog = open_dialog(qtbot, page)
    with qtbot.waitSignal(page.changed):
        qtbot.keyClicks(name_edit(dialog), "web")
        qtbot.keyClick(name_edit(dialog), Qt.Key.Key_Return)
    assert project_names(page.store) == ["web"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("x" * 65, "shorten it to 64"),
        ("a\u202eb", "text-direction control"),
        ("a\x07b", "control or invisible"),
        ("   ", "Enter a name for the project."),
    ],
)
def test_invalid_names_are_explained_inline(
    qtbot: Any, page: ProjectsPage, typed: str, message: str
) -> None:
    load(qtbot, page)
    button(page, "addProjectButton").click()
    dialog = open_dialog(qtbot, page)
    name_edit(dialog).setText(typed)
    assert message in dialog.message.text()
    assert dialog.message.kind == "error"
    assert not ok_button(dialog).isEnabled()
    qtbot.keyClick(name_edit(dialog), Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert project_names(page.store) == []


def test_a_pasted_token_is_refused_whole_as_a_project_name(
    qtbot: Any, page: ProjectsPage, store: Store
) -> None:
    token = store.create_key("Existing", ["read"], None).token
    text = f"{token} and some words after it, to make it far too long for a name" * 2
    load(qtbot, page)
    button(page, "addProjectButton").click()
    dialog = open_dialog(qtbot, page)
    QGuiApplication.clipboard().setText(text)
    name_edit(dialog).setFocus()
    qtbot.keyClick(name_edit(dialog), "v", modifier=Qt.KeyboardModifier.ControlModifier)
    QGuiApplication.clipboard().clear()
    assert name_edit(dialog).text() == text  # whole: nothing cut at 128 characters
    with pytest.raises(ValidationError) as refused:
        clean_name(text, "project", "project")
    assert dialog.message.text() == refused.value.message
    assert "secret token" in dialog.message.text() and token not in dialog.message.text()
    assert not ok_button(dialog).isEnabled()
    qtbot.keyClick(name_edit(dialog), Qt.Key.Key_Return)
    assert project_names(store) == []


def test_duplicate_name_shows_inline_error_and_creates_nothing(
    qtbot: Any, page: ProjectsPage, store: Store
) -> None:
    store.add_project("Alpha")
    load(qtbot, page)
    store.add_project("Beta")  # added elsewhere after the page loaded: only the store knows
    button(page, "addProjectButton").click()
    dialog = open_dialog(qtbot, page)

    name_edit(dialog).setText("ALPHA")  # known locally: refused as you type
    assert "already exists" in dialog.message.text()
    assert not ok_button(dialog).isEnabled()

    name_edit(dialog).setText("beta")  # unknown locally: the store refuses it
    assert ok_button(dialog).isEnabled()
    ok_button(dialog).click()
    qtbot.waitUntil(lambda: "already exists" in dialog.message.text())
    qtbot.waitUntil(lambda: page.runner.pending == 0)
    assert dialog.isVisible()
    assert dialog.message.kind == "error"
    assert name_edit(dialog).text() == "beta"  # the input is kept
    assert not ok_button(dialog).isEnabled()  # until the name changes
    name_edit(dialog).setText("beta2")
    assert ok_button(dialog).isEnabled()
    assert sorted(project_names(store)) == ["Alpha", "Beta"]


def test_rename_through_button_keeps_scoped_keys(
    qtbot: Any, page: ProjectsPage, store: Store
) -> None:
    store.add_project("alpha")
    created = store.create_key("ci", ["read"], None, ["alpha"])
    load(qtbot, page)
    assert not button(page, "renameProjectButton").isEnabled()  # nothing selected
    page.select_project("alpha")
    button(page, "renameProjectButton").click()
    dialog = open_dialog(qtbot, page)
    assert name_edit(dialog).text() == "alpha"
    assert not ok_button(dialog).isEnabled()  # unchanged name: nothing to do
    name_edit(dialog).setText("Alpha")  # a change of case is a rename
    assert ok_button(dialog).isEnabled()
    name_edit(dialog).setText("gamma")
    with qtbot.waitSignal(page.changed):
        ok_button(dialog).click()
    qtbot.waitUntil(lambda: shown_names(page) == ["gamma"])
    assert page.selected_name() == "gamma"
    assert store.get_key("ci").projects == ("gamma",)
    assert store.verify(created.token, "read", "gamma").ok


def test_renaming_warns_before_it_is_confirmed_that_apps_passing_the_old_name_are_refused(
    qtbot: Any, page: ProjectsPage, store: Store
) -> None:
    store.add_project("alpha")
    store.add_project("beta")
    scoped = store.create_key("ci", ["read"], None, ["alpha"])
    store.create_key("web", ["read"], None, ["alpha", "beta"])
    store.create_key("admin", ["read"], None)  # all projects: any name does
    load(qtbot, page)
    page.select_project("alpha")
    button(page, "renameProjectButton").click()
    dialog = open_dialog(qtbot, page)
    warning = dialog.findChild(Banner, "projectRenameWarning")
    assert warning is not None and warning.isVisible()
    assert warning.text() == ("Apps that pass “alpha” will be refused by the 2 keys limited to "
                              "it once it is renamed: update them to pass the new name instead.")
    name_edit(dialog).setText("payments")
    assert warning.text().endswith("update them to pass “payments” instead.")
    assert project_names(store) == ["alpha", "beta"]  # warned before anything happened
    with qtbot.waitSignal(page.changed):
        ok_button(dialog).click()
    assert not store.verify(scoped.token, "read", "alpha").ok  # what the warning said
    event = store.list_events(limit=1)[0]
    assert event.kind == "project.renamed" and "'alpha' are now refused" in event.details


def test_adding_a_project_warns_of_nothing(qtbot: Any, page: ProjectsPage) -> None:
    load(qtbot, page)
    button(page, "addProjectButton").click()
    dialog = open_dialog(qtbot, page)
    assert dialog.findChild(Banner, "projectRenameWarning") is None


def test_rename_warning_wording() -> None:
    assert rename_warning("web", None, 1).startswith(
        "Apps that pass “web” will be refused by the 1 key limited to it once")
    assert "by keys limited to it (none is now)" in rename_warning("web", "site", 0)


def test_f2_renames_and_escape_cancels(qtbot: Any, page: ProjectsPage, store: Store) -> None:
    store.add_project("alpha")
    load(qtbot, page)
    page.select_project("alpha")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    dialog = open_dialog(qtbot, page)
    assert "alpha" in dialog.windowTitle()
    name_edit(dialog).setText("beta")
    qtbot.keyClick(name_edit(dialog), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    assert project_names(store) == ["alpha"]


def test_remove_without_keys_confirms_simply(
    qtbot: Any, page: ProjectsPage, store: Store, confirm: Confirmations
) -> None:
    store.add_project("alpha")
    store.add_project("beta")
    load(qtbot, page)
    page.select_project("alpha")
    with qtbot.waitSignal(page.changed):
        button(page, "removeProjectButton").click()
    assert project_names(store) == ["beta"]
    (asked,) = confirm.asked
    assert asked["destructive"] is True
    assert "alpha" in asked["text"]
    assert "No keys" in asked["details"]
    qtbot.waitUntil(lambda: shown_names(page) == ["beta"])


def test_declining_removes_nothing(
    qtbot: Any, page: ProjectsPage, store: Store, confirm: Confirmations
) -> None:
    confirm.answer = False
    store.add_project("alpha")
    load(qtbot, page)
    page.select_project("alpha")
    button(page, "removeProjectButton").click()
    qtbot.waitUntil(lambda: len(confirm.asked) == 1)
    qtbot.waitUntil(lambda: page.runner.pending == 0)
    assert project_names(store) == ["alpha"]
    assert button(page, "removeProjectButton").isEnabled()


def test_remove_with_scoped_keys_narrows_and_revokes_as_the_store_says(
    qtbot: Any, page: ProjectsPage, store: Store, confirm: Confirmations
) -> None:
    for name in ("alpha", "beta"):
        store.add_project(name)
    only = store.create_key("only-alpha", ["read"], None, ["alpha"])
    both = store.create_key("both", ["read"], None, ["alpha", "beta"])
    everywhere = store.create_key("everywhere", ["read"], None)
    assert store.verify(only.token, "read", "alpha").ok
    load(qtbot, page)
    counts = {page.table.model().index(r, NAME).data(): page.table.model().index(r, KEYS).data()
              for r in range(2)}
    assert counts == {"alpha": "2", "beta": "1"}

    page.select_project("alpha")
    changed: list[bool] = []
    page.changed.connect(lambda: changed.append(True))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # Del removes while the table has focus
    qtbot.waitUntil(lambda: bool(changed))

    (asked,) = confirm.asked
    assert asked["destructive"] is True
    assert "2 keys limited to “alpha” will change" in asked["text"]
    revoked_part, kept_part = asked["details"].split("\n\n")[1:3]
    assert "Revoked at once" in revoked_part and "only-alpha" in revoked_part
    assert "both" not in revoked_part
    assert "other projects" in kept_part and "both" in kept_part

    assert project_names(store) == ["beta"]
    assert sorted(k.name for k in store.list_keys()) == ["both", "everywhere"]
    assert store.get_key("both").projects == ("beta",)
    rejected = store.verify(only.token, "read", "alpha")
    assert not rejected.ok and rejected.reason is not None
    assert store.verify(both.token, "read", "beta").ok
    assert not store.verify(both.token, "read", "alpha").ok
    assert store.verify(everywhere.token, "read", "anything").ok


def test_context_menu_offers_rename_and_remove(
    qtbot: Any, page: ProjectsPage, store: Store
) -> None:
    store.add_project("alpha")
    load(qtbot, page)
    menu = page.context_menu()
    assert [a.text() for a in menu.actions()] == ["Rename…", "Remove…"]
    assert not any(a.isEnabled() for a in menu.actions())
    page.select_project("alpha")
    assert all(a.isEnabled() for a in menu.actions())
    menu.actions()[0].trigger()
    dialog = open_dialog(qtbot, page)
    assert name_edit(dialog).text() == "alpha"
    dialog.reject()


def test_reload_keeps_the_selection(qtbot: Any, page: ProjectsPage, store: Store) -> None:
    for name in ("a", "b", "c"):
        store.add_project(name)
    load(qtbot, page)
    page.select_project("b")
    store.add_project("aa")  # shifts "b" down a row
    load(qtbot, page)
    assert shown_names(page) == ["a", "aa", "b", "c"]
    assert page.selected_name() == "b"


def test_table_sorts_by_raw_values(qtbot: Any, page: ProjectsPage, store: Store) -> None:
    for name in ("b", "a", "c"):
        store.add_project(name)
    for index in range(10):
        store.create_key(f"k{index}", ["read"], None, ["a"] if index else ["c"])
    load(qtbot, page)
    page.table.sortByColumn(KEYS, Qt.SortOrder.DescendingOrder)
    assert shown_names(page) == ["a", "c", "b"]  # 9 > 1 > 0, not "9" < "1" as text
    page.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    assert shown_names(page) == ["c", "b", "a"]


def test_removal_question_wording() -> None:
    _, text, details = removal_question("x", [])
    assert text == "Remove the project “x”?" and details == "No keys are limited to it."
    when = datetime(2026, 11, 29, 14, 5, tzinfo=UTC)
    key = KeyRecord("qk_000000000000", "solo", 1, ("x",), False, None, when, None)
    _, text, details = removal_question("x", [key])
    assert text == "1 key limited to “x” will change. Remove it anyway?"
    assert "apps using a revoked key lose access immediately:\n• solo" in details
    assert details.endswith("This cannot be undone.")


def test_project_model_passes_modeltester(qtmodeltester: Any) -> None:
    model = ProjectTableModel()
    when = datetime(2026, 11, 29, 14, 5, tzinfo=UTC)
    model.set_projects([ProjectRecord("web", 3, when), ProjectRecord("api", 0, when)])
    qtmodeltester.check(model)
    assert model.index(0, KEYS).data(SORT_ROLE) == 3
    assert model.index(0, CREATED).data() == format_date(when)
    assert model.index(0, CREATED).data(SORT_ROLE) == when.timestamp()
    assert model.row_of("API") == 1
    model.set_projects([])
    qtmodeltester.check(model)


def test_keys_scoped_meanwhile_are_asked_about_again(
    qtbot: Any, page: ProjectsPage, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_project("alpha")
    load(qtbot, page)
    asked: list[str] = []

    def confirm(parent: Any, title: str, text: str, details: str = "", action: str = "OK",
                destructive: bool = False) -> bool:
        asked.append(text)
        if len(asked) == 1:  # another process limits a key to it while the question is open
            store.create_key("late", ["read"], None, ["alpha"])
        return True

    monkeypatch.setattr(prompts, "confirm", confirm)
    page.select_project("alpha")
    with qtbot.waitSignal(page.changed):
        button(page, "removeProjectButton").click()
    assert asked[0] == "Remove the project “alpha”?"
    assert asked[1].startswith("1 key limited to “alpha” will change")
    assert project_names(store) == [] and store.list_keys() == []


def test_failure_is_explained(
    qtbot: Any, page: ProjectsPage, store: Store, confirm: Confirmations, informed: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store.add_project("alpha")
    load(qtbot, page)
    page.select_project("alpha")

    def busy(name: str) -> list[KeyRecord]:
        raise DatabaseBusyError("The registry is busy (another program is writing); try again.")

    monkeypatch.setattr(store, "keys_scoped_to", busy)
    button(page, "removeProjectButton").click()
    qtbot.waitUntil(lambda: bool(informed))
    assert "The registry is busy" in informed[0]
    assert confirm.asked == []
    assert project_names(store) == ["alpha"]


def test_removing_a_project_already_removed_elsewhere_is_done(
    qtbot: Any, page: ProjectsPage, store: Store, confirm: Confirmations, informed: list[str]
) -> None:
    store.add_project("alpha")
    store.add_project("beta")
    load(qtbot, page)
    page.select_project("alpha")
    store.remove_project("alpha")  # gone elsewhere
    notices: list[str] = []
    page.notice.connect(notices.append)
    with qtbot.waitSignal(page.changed):
        button(page, "removeProjectButton").click()
    qtbot.waitUntil(lambda: shown_names(page) == ["beta"])
    assert informed == [] and confirm.asked == []  # nothing to ask, nothing went wrong
    assert notices == ["Project “alpha” was already removed elsewhere."]


def test_removed_elsewhere_while_the_question_was_open_is_done(
    qtbot: Any, page: ProjectsPage, store: Store, informed: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store.add_project("alpha")
    load(qtbot, page)

    def confirm(parent: Any, title: str, text: str, details: str = "", action: str = "OK",
                destructive: bool = False) -> bool:
        store.remove_project("alpha")  # another process, while the box is open
        return True

    monkeypatch.setattr(prompts, "confirm", confirm)
    page.select_project("alpha")
    with qtbot.waitSignal(page.changed):
        button(page, "removeProjectButton").click()
    qtbot.waitUntil(lambda: shown_names(page) == [])
    assert informed == []


def test_renaming_a_project_removed_elsewhere_says_so_in_the_dialog(
    qtbot: Any, page: ProjectsPage, store: Store
) -> None:
    store.add_project("alpha")
    load(qtbot, page)
    page.select_project("alpha")
    button(page, "renameProjectButton").click()
    dialog = open_dialog(qtbot, page)
    store.remove_project("alpha")  # another process, while the dialog is open
    name_edit(dialog).setText("gamma")
    ok_button(dialog).click()
    message = dialog.findChild(FieldMessage, "projectNameError")
    qtbot.waitUntil(lambda: "removed elsewhere" in message.text())
    assert "“alpha”" in message.text() and "qkeys projects list" not in message.text()
    assert not ok_button(dialog).isEnabled()  # the same rename cannot succeed on a retry
    qtbot.waitUntil(lambda: shown_names(page) == [])
    assert project_names(store) == []
