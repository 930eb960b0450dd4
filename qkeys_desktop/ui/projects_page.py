"""The Projects page: the projects keys can be limited to, and adding, renaming, removing them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QWidget,
)

from ..core.errors import NotFoundError, ValidationError
from ..core.records import KeyRecord, ProjectRemoval
from ..core.store import Store
from . import prompts
from .filter_proxy import FilterProxy
from .i18n import translate
from .project_dialog import ProjectNameDialog
from .project_model import CREATED, KEYS, NAME, ProjectTableModel, describe_key_count
from .reloading import Reloads
from .rule_messages import rule_message
from .tables import configure_table, select_row, selected_source_row, table_or_empty
from .tasks import TaskRunner, describe_error, guarded
from .widgets import EmptyState, PageHeader, make_button, muted, page_column
from .wording import bullet_list


def removal_question(project: str, scoped: Sequence[KeyRecord]) -> tuple[str, str, str]:
    """Title, question and details for removing ``project``, saying exactly what keys it changes.

    Mirrors the store's rule: keys limited to this project only are revoked, never widened.
    """
    title = translate("ProjectsPage", "Remove Project")
    if not scoped:
        return (title, translate("ProjectsPage", "Remove the project “{name}”?").format(
            name=project), translate("ProjectsPage", "No keys are limited to it."))
    revoked = [k.name for k in scoped if len(k.projects) == 1]
    narrowed = [k.name for k in scoped if len(k.projects) > 1]
    count = len(scoped)
    text = translate("ProjectsPage", "%n key(s) limited to “{name}” will change. Remove it "
                     "anyway?", "", count).format(name=project)
    parts = [translate("ProjectsPage", "“{name}” is taken out of the scope of %n key(s).", "",
                       count).format(name=project)]

    if revoked:
        parts.append(translate(
            "ProjectsPage", "Revoked at once, because limited to no other project — apps using "
            "a revoked key lose access immediately:\n{keys}").format(keys=bullet_list(revoked)))
    if narrowed:
        parts.append(translate(
            "ProjectsPage", "Kept, still valid for their other projects:\n{keys}").format(
                keys=bullet_list(narrowed)))
    parts.append(translate("ProjectsPage", "This cannot be undone."))
    return title, text, "\n\n".join(parts)


def removal_notice(project: str, result: ProjectRemoval) -> str:
    """One line saying what a removal did, for the status bar."""
    parts = [translate("ProjectsPage", "Removed project “{name}”.").format(name=project)]
    if result.revoked:
        parts.append(translate("ProjectsPage", "Revoked: {keys}.").format(
            keys=", ".join(k.name for k in result.revoked)))
    if result.narrowed:
        parts.append(translate("ProjectsPage", "No longer limited to it: {keys}.").format(
            keys=describe_key_count(len(result.narrowed))))
    return " ".join(parts)


class ProjectsPage(QWidget):
    """Lists projects with their key counts; every store call runs in the TaskRunner."""

    changed = Signal()  # a write succeeded: keys or projects may differ now
    notice = Signal(str)  # a sentence about what just happened, for the status bar

    def __init__(self, store: Store, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectsPage")
        self.store = store
        self.runner = runner
        self.model = ProjectTableModel(self)
        self.proxy = FilterProxy(self)  # sorting is the model's, in one pass
        self.proxy.setSourceModel(self.model)
        self._select_after_load: str | None = None
        self._loaded_once = False
        self._reloads = Reloads(self, self._start_reload, store)
        self.watcher = self._reloads.watcher
        self._build()
        self._update_state()

    # -- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = page_column(self)
        self.add_button = make_button(self, self.tr("Add Project"), "addProjectButton",
                                      self.add_project,
                                      self.tr("Add a project that keys can be limited to"),
                                      "primary")
        layout.addWidget(PageHeader(
            self.tr("Projects"),
            self.tr("Keys can be limited to specific projects; a key without projects works for "
                    "all of them."), self.add_button))
        layout.addLayout(self._action_row())
        self.table = self._build_table()
        cta = make_button(self, self.tr("Add Project"), "emptyAddProjectButton", self.add_project,
                          self.tr("Add your first project"), "primary")
        self.empty = EmptyState(
            "folder", self.tr("No projects yet"),
            self.tr("Add a project, then limit keys to it when you create them. Apps name the "
                    "project when they verify a key."), self, cta)
        self.stack = table_or_empty(self, self.table, self.empty)
        layout.addWidget(self.stack, 1)

    def _action_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.rename_button = make_button(
            self, self.tr("Rename…"), "renameProjectButton", self.rename_selected,
            self.tr("Rename the selected project (F2); keys limited to it follow"),
            accessible=self.tr("Rename project"))
        self.remove_button = make_button(
            self, self.tr("Remove…"), "removeProjectButton", self.remove_selected,
            self.tr("Remove the selected project (Del)"), "danger", self.tr("Remove project"))
        self.count_label = muted(QLabel(self))
        self.count_label.setObjectName("projectsCount")
        row.addWidget(self.rename_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(self.count_label)
        self.rename_action = self._action(self.tr("Rename…"), "F2", self.rename_selected)
        self.remove_action = self._action(self.tr("Remove…"), "Del", self.remove_selected)
        return row

    def _action(self, text: str, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))  # shown in the menu; the table handles the key
        action.setShortcutVisibleInContextMenu(True)
        action.triggered.connect(slot)
        return action

    def shortcut_actions(self) -> list[QAction]:
        """The actions with keys of their own on this page (the help window lists them)."""
        return [self.rename_action, self.remove_action]

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("projectsTable")
        table.setAccessibleName(self.tr("Projects"))
        configure_table(table, self.proxy)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(KEYS, 96)
        header.resizeSection(CREATED, 160)
        table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(
            lambda pos: self.context_menu().popup(table.viewport().mapToGlobal(pos)))
        table.selectionModel().selectionChanged.connect(self._update_state)
        table.doubleClicked.connect(lambda _index: self.rename_selected())
        table.installEventFilter(self)
        return table

    def context_menu(self) -> QMenu:
        """The row menu (Rename…, Remove…) for the current selection."""
        menu = QMenu(self)
        menu.setObjectName("projectsMenu")
        menu.addAction(self.rename_action)
        menu.addAction(self.remove_action)
        menu.aboutToHide.connect(menu.deleteLater)
        return menu

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """F2 and Del act on the table while it has focus, even if the window binds Del too."""
        if watched is self.table and event.type() in (QEvent.Type.ShortcutOverride,
                                                      QEvent.Type.KeyPress):
            key = event.key() if isinstance(event, QKeyEvent) else -1
            handlers: dict[int, Callable[[], None]] = {Qt.Key.Key_F2: self.rename_selected,
                                                       Qt.Key.Key_Delete: self.remove_selected}
            if key in handlers and self.selected_name() is not None:
                if event.type() == QEvent.Type.KeyPress:
                    handlers[key]()
                event.accept()
                return True
        return super().eventFilter(watched, event)

    # -- state ------------------------------------------------------------------------------

    def selected_name(self) -> str | None:
        """The selected project's name, if a row is selected."""
        row = selected_source_row(self.table, self.proxy)
        return None if row is None else self.model.project_at(row).name

    def select_project(self, name: str) -> bool:
        """Select and show a project by name; False when there is none by that name."""
        row = self.model.row_of(name)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, NAME))
        select_row(self.table, index)
        self.table.scrollTo(index)
        return True

    def _update_state(self) -> None:
        count = self.model.rowCount()
        has_selection = self.selected_name() is not None
        for widget in (self.rename_button, self.remove_button):
            widget.setEnabled(has_selection)
            widget.setVisible(count > 0 or not self._loaded_once)  # nothing to act on
        self.rename_action.setEnabled(has_selection)
        self.remove_action.setEnabled(has_selection)
        self.stack.setCurrentWidget(self.table if count or not self._loaded_once else self.empty)
        self.count_label.setText(self.tr("%n project(s)", "", count) if count else "")

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the projects in the background; the selection survives by name."""
        self._reloads.now()

    def _start_reload(self) -> None:
        self.runner.run(self.store.list_projects, guarded(self, self._loaded),
                        guarded(self, self._load_failed))

    def _loaded(self, rows: Any) -> None:
        self._reloads.finished()
        keep = self._select_after_load or self.selected_name()
        self._select_after_load = None
        self.model.set_projects(rows)
        self._loaded_once = True
        if keep:
            self.select_project(keep)
        self._update_state()

    def _load_failed(self, error: Exception) -> None:
        self._reloads.finished()
        self.notice.emit(self.tr("Could not load projects: {error}").format(
            error=describe_error(error)))

    # -- writes -----------------------------------------------------------------------------

    def add_project(self) -> None:
        """Ask for a name and add the project."""
        dialog = self._name_dialog(self.tr("Add Project"), self.tr("Add Project"), "", None)
        dialog.submitted.connect(
            lambda name: self._write(dialog, lambda: self.store.add_project(name), name,
                                     self.tr("Added project “{name}”.").format(name=name)))

    def rename_selected(self) -> None:
        """Ask for a new name for the selected project and rename it."""
        old = self.selected_name()
        if old is None:
            return
        row = self.model.row_of(old)
        scoped = self.model.project_at(row).key_count if row >= 0 else 0
        dialog = self._name_dialog(self.tr("Rename “{name}”").format(name=old), self.tr("Rename"),
                                   old, old, scoped)
        dialog.submitted.connect(
            lambda new: self._write(dialog, lambda: self.store.rename_project(old, new), new,
                                    self.tr("Renamed project “{old}” to “{new}”.").format(
                                        old=old, new=new)))

    def _name_dialog(self, title: str, action: str, initial: str,
                     original: str | None, scoped_keys: int = 0) -> ProjectNameDialog:
        dialog = ProjectNameDialog(self, title=title, action=action, initial=initial,
                                   taken=self.model.names(), original=original,
                                   scoped_keys=scoped_keys)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _write(self, dialog: ProjectNameDialog, work: Callable[[], object], select: str,
               notice: str) -> None:
        def succeeded(_: object) -> None:
            dialog.accept()
            self._after_write(select, notice)

        def failed(error: Exception) -> None:
            if isinstance(error, NotFoundError):  # renamed or removed elsewhere meanwhile
                self.reload()
                dialog.show_error(self.tr(
                    "“{name}” was renamed or removed elsewhere meanwhile, so there is nothing to "
                    "rename; cancel and look at the list again.").format(name=dialog.original),
                    retry=False)
                return
            dialog.show_error(rule_message(describe_error(error)),
                              retry=not isinstance(error, ValidationError))

        self.runner.run(work, guarded(self, succeeded), guarded(self, failed))

    def _after_write(self, select: str | None, notice: str) -> None:
        """Our write shows through the watcher, like anyone's: ask it now, not at its tick."""
        self._select_after_load = select
        self.changed.emit()
        self.notice.emit(notice)
        self.watcher.check_now()

    def remove_selected(self) -> None:
        """Remove the selected project after saying what it does to the keys limited to it."""
        name = self.selected_name()
        if name is not None:
            self.remove_project(name)

    def remove_project(self, name: str) -> None:
        """Look up the keys limited to ``name``, confirm, then remove it."""
        self.remove_button.setEnabled(False)
        self.runner.run(lambda: self.store.keys_scoped_to(name),
                        guarded(self, lambda keys: self._confirm_removal(name, keys)),
                        guarded(self, lambda error: self._removal_failed(name, error)))

    def _confirm_removal(self, name: str, scoped: list[KeyRecord]) -> None:
        self._update_state()
        title, text, details = removal_question(name, scoped)
        if not prompts.confirm(self, title, text, details, action=self.tr("Remove Project"),
                               destructive=True):
            return
        self.runner.run(lambda: self.store.remove_project(name, force=bool(scoped)),
                        guarded(self, lambda done: self._removed(name, done)),
                        guarded(self, lambda error: self._removal_failed(name, error)))

    def _removed(self, name: str, result: ProjectRemoval) -> None:
        self._after_write(None, removal_notice(name, result))

    def _removal_failed(self, name: str, error: Exception) -> None:
        if isinstance(error, NotFoundError):  # the wish came true elsewhere: not an error
            self._after_write(None, self.tr("Project “{name}” was already removed elsewhere."
                                            ).format(name=name))
        elif isinstance(error, ValidationError) and error.field == "project":
            self.remove_project(name)  # keys were limited to it meanwhile: ask again, accurately
        else:
            self._write_failed(error)

    def _write_failed(self, error: Exception) -> None:
        self._update_state()
        self.reload()  # the failure may mean someone else changed the projects
        prompts.inform(self, self.tr("Projects"), rule_message(describe_error(error)),
                       error=True)

