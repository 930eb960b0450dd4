"""A checkable list of projects with an inline "New project…", for limiting a key's scope.

With more than :data:`FILTER_OVER` projects a filter field above the list narrows it as the user
types; ticked projects stay ticked while hidden, Esc clears the filter, Enter moves into the
list (it never submits the dialog).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import ValidationError
from ..core.records import ProjectRecord
from ..core.store import Store
from ..core.validation import clean_name, name_key
from .icons import icon
from .rule_messages import rule_message
from .tasks import TaskRunner, describe_error, guarded
from .theme import tone_color
from .widgets import FieldMessage, muted
from .wording import in_window_quotes

#: A filter field appears above the list when it holds more projects than this.
FILTER_OVER = 8


def _folder_icon() -> QIcon:
    """A project's icon in the list, in the project tone of the palette now."""
    return icon("folder", tone_color("project").name())


class ProjectPicker(QWidget):
    """Projects to tick; a new one is added through the store (off the UI thread) and ticked."""

    changed = Signal()  # the ticked set changed
    project_added = Signal(str)

    def __init__(self, store: Store, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.runner = runner
        self.adding = False
        self._filling = False  # set_projects fits the list once, not after every row
        self._build()
        self._show_new_row(False)

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.list = QListWidget()
        self.list.setObjectName("projectList")
        self.list.setAccessibleName(self.tr("Projects the key may be used for"))
        self.list.setToolTip(self.tr("Tick the projects this key may be used for"))
        self.list.setUniformItemSizes(True)
        self.list.setIconSize(QSize(16, 16))
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.list.model().rowsInserted.connect(self._fit_list)
        self.list.model().rowsRemoved.connect(self._fit_list)
        self.list.model().modelReset.connect(self._fit_list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self._build_filter())
        layout.addWidget(self.list)
        self.no_match = muted(QLabel())
        self.no_match.setObjectName("noProjectMatch")
        self.no_match.setVisible(False)
        layout.addWidget(self.no_match)
        layout.addLayout(self._build_new_row())
        self.message = FieldMessage("newProjectMessage")
        self.message.describe(self.edit)
        layout.addWidget(self.message)
        self._fit_list()

    def _build_filter(self) -> QLineEdit:
        self.filter = QLineEdit()
        self.filter.setObjectName("projectFilter")
        self.filter.setAccessibleName(self.tr("Filter projects"))
        self.filter.setToolTip(
            self.tr("Type to narrow the list; ticked projects stay ticked (Esc clears)"))
        self.filter.setPlaceholderText(self.tr("Filter projects"))
        self.filter.addAction(icon("search", tone_color("muted", self.palette()).name()),
                              QLineEdit.ActionPosition.LeadingPosition)
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.installEventFilter(self)  # its Esc and Enter, before the dialog's
        self.filter.setVisible(False)
        return self.filter

    def _build_new_row(self) -> QHBoxLayout:
        muted = tone_color("muted", self.palette()).name()
        self.new_button = QPushButton(icon("plus", muted), self.tr("New project…"))
        self.new_button.setObjectName("newProjectButton")
        self.new_button.setAccessibleName(self.tr("New project"))
        self.new_button.setToolTip(self.tr("Add a project and limit this key to it"))
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.start_new_project)
        self.edit = QLineEdit()
        self.edit.setObjectName("newProjectEdit")
        self.edit.setAccessibleName(self.tr("New project name"))
        self.edit.setPlaceholderText(self.tr("New project name, e.g. billing-service"))
        # no maxLength: a pasted token must be refused as one, not cut to 64 characters first
        self.edit.textChanged.connect(self._check_new_name)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setObjectName("addProjectButton")
        self.add_button.setAccessibleName(self.tr("Add project"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_project)
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("cancelNewProjectButton")
        self.cancel_button.setAccessibleName(self.tr("Cancel new project"))
        self.cancel_button.setToolTip(self.tr("Cancel (Esc)"))
        self.cancel_button.setIcon(icon("close", muted))
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.clicked.connect(lambda: self._show_new_row(False))
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.new_button)
        row.addWidget(self.edit, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.cancel_button)
        row.addStretch(0)
        return row

    # -- the list ---------------------------------------------------------------------------

    def _fit_list(self) -> None:
        """As tall as its rows, up to five (then it scrolls); hidden while there are none."""
        if self._filling:
            return
        rows = self.list.count()
        row_height = self.list.sizeHintForRow(0) if rows else 0
        frame = 2 * self.list.frameWidth()
        # sized by all the rows, not the matching ones: the dialog keeps still while filtering
        self.list.setFixedHeight(min(rows, 5) * row_height + frame + 2)
        self.list.setVisible(rows > 0)
        self.filter.setVisible(rows > FILTER_OVER)
        if rows <= FILTER_OVER:
            self.filter.clear()

    def _apply_filter(self) -> None:
        """Hide the projects whose names lack the filter's text (any case); ticks are kept."""
        wanted = name_key(self.filter.text().strip())
        shown = 0
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = wanted not in name_key(item.text())
            item.setHidden(hidden)
            shown += not hidden
        self.no_match.setText(self.tr("No project matches “{text}”.").format(
            text=self.filter.text().strip()))
        self.no_match.setVisible(shown == 0 and self.list.count() > 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the filter field, Esc clears it (the dialog stays) and Enter moves into the list."""
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and self.filter.text():
                self.filter.clear()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._focus_first_match()
                return True
        return super().eventFilter(watched, event)

    def _focus_first_match(self) -> None:
        """Put the focus on the first shown project, where Space ticks it."""
        for i in range(self.list.count()):
            if not self.list.item(i).isHidden():
                self.list.setCurrentRow(i)
                self.list.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def set_projects(self, projects: Sequence[ProjectRecord]) -> None:
        """Fill the list, keeping what was ticked."""
        ticked = {name_key(n) for n in self.checked_names()}
        self.list.blockSignals(True)
        self._filling = True
        try:
            self.list.clear()
            folder = _folder_icon()  # one icon for all: made per item, it was most of the fill
            for key, name in sorted((name_key(p.name), p.name) for p in projects):  # one pass
                self.list.addItem(self._item(name, key in ticked, folder))
        finally:
            self._filling = False
            self.list.blockSignals(False)
        self._fit_list()
        self._apply_filter()
        self.changed.emit()

    @staticmethod
    def _item(name: str, checked: bool, folder: QIcon | None = None) -> QListWidgetItem:
        item = QListWidgetItem(folder or _folder_icon(), name)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                      | Qt.ItemFlag.ItemIsSelectable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return item

    def _insert(self, name: str, checked: bool) -> QListWidgetItem:
        item = self._item(name, checked)
        row = next((i for i in range(self.list.count())
                    if name_key(self.list.item(i).text()) > name_key(name)), self.list.count())
        self.list.insertItem(row, item)
        return item

    def names(self) -> list[str]:
        """Every project in the list."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def checked_names(self) -> list[str]:
        """The ticked projects, in list order."""
        return [self.list.item(i).text() for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, name: str, checked: bool = True) -> None:
        """Tick (or untick) a project by name, case-insensitively."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if name_key(item.text()) == name_key(name):
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    # -- new project ------------------------------------------------------------------------

    def start_new_project(self) -> None:
        """Reveal the name field for a new project and focus it."""
        self._show_new_row(True)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def editing_new_project(self) -> bool:
        """Whether the new-project field is open (Enter then adds, Esc closes it)."""
        return self.edit.isVisibleTo(self)

    def cancel_new_project(self) -> None:
        """Close the name field without adding."""
        if not self.adding:
            self._show_new_row(False)
            self.new_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_new_row(self, editing: bool) -> None:
        self.new_button.setVisible(not editing)
        for widget in (self.edit, self.add_button, self.cancel_button):
            widget.setVisible(editing)
        if not editing:
            self.edit.clear()
            self.message.show_message("hint", "")
        self._check_new_name()

    def _new_name_problem(self) -> str | None:
        try:
            name = clean_name(self.edit.text(), "project", "project")
        except ValidationError as error:
            return rule_message(error.message) if self.edit.text() else ""
        existing = next((n for n in self.names() if name_key(n) == name_key(name)), None)
        if existing is not None:  # quoted as listed: "billing" is taken by "Billing"
            return self.tr("A project named “{name}” already exists; tick it in the list "
                           "above.").format(name=existing)
        return None

    def _check_new_name(self) -> None:
        problem = self._new_name_problem()
        self.add_button.setEnabled(problem is None and not self.adding)
        if self.edit.isVisibleTo(self) and not self.adding:
            self.message.show_message("error" if problem else "hint", problem or "")

    def add_project(self) -> None:
        """Add the typed project through the store, then tick it."""
        if self.adding or self._new_name_problem() is not None:
            return
        name = self.edit.text()
        self._set_adding(True)
        store = self.store
        self.runner.run(
            lambda: store.add_project(name), guarded(self, self._added),
            guarded(self, self._add_failed),
        )

    def _set_adding(self, adding: bool) -> None:
        self.adding = adding
        self.edit.setEnabled(not adding)
        self.cancel_button.setEnabled(not adding)
        self.add_button.setText(self.tr("Adding…") if adding else self.tr("Add"))
        self._check_new_name()

    def _added(self, record: ProjectRecord) -> None:
        self._set_adding(False)
        self.filter.clear()  # the new project, ticked, in view whatever was filtered
        item = self._insert(record.name, True)
        self.list.scrollToItem(item)
        self._show_new_row(False)
        self.project_added.emit(record.name)
        self.changed.emit()

    def _add_failed(self, error: Exception) -> None:
        self._set_adding(False)
        # the core quotes the name its way, the window its own (then in the language's marks)
        message = error.message if isinstance(error, ValidationError) else describe_error(error)
        with suppress(ValidationError):
            message = in_window_quotes(message, clean_name(self.edit.text(), "project", "project"))
        self.message.show_message("error", rule_message(message))
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
