"""Projects as a Qt table: name, how many keys are limited to it, and when it was added."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QIcon

from ..core.records import ProjectRecord
from ..core.validation import name_key
from .i18n import QT_TRANSLATE_NOOP, translate
from .icons import themed_icon
from .tables import AnyIndex, ReadOnlyTableModel
from .theme import tone_color
from .wording import format_date, format_full

#: Raw, comparable values to sort by (counts as ints, times as epoch seconds).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

#: The headers, English; translated where shown (:meth:`ProjectTableModel.headerData`)
COLUMNS = (QT_TRANSLATE_NOOP("ProjectTableModel", "Project"),
           QT_TRANSLATE_NOOP("ProjectTableModel", "Keys"),
           QT_TRANSLATE_NOOP("ProjectTableModel", "Created"))
NAME, KEYS, CREATED = range(len(COLUMNS))


def describe_key_count(count: int) -> str:
    """'No keys', '1 key', '3 keys' — for tooltips and confirmations."""
    if count == 0:
        return translate("ProjectTableModel", "No keys")
    return translate("ProjectTableModel", "%n key(s)", "", count)


class ProjectTableModel(ReadOnlyTableModel):
    """Read-only view of the projects. It sorts itself, in one ``sorted`` over ``SORT_ROLE``'s
    raw values, for a :class:`~.filter_proxy.FilterProxy`: a QSortFilterProxyModel would call
    :meth:`data` twice per comparison, ~0.4 s on the UI thread at 1,000 projects per reload."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._projects: list[ProjectRecord] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_projects(self, projects: Sequence[ProjectRecord]) -> None:
        """Replace every row; the view restores its selection by name afterwards."""
        self.beginResetModel()
        self._projects = self._sorted(list(projects))
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's raw values; selections follow their rows."""
        self._sort = (column, order) if 0 <= column < len(COLUMNS) else None
        if self._sort is None:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        moved = [self._projects[index.row()] for index in old]
        self._projects = self._sorted(self._projects)
        where = {id(project): row for row, project in enumerate(self._projects)}
        self.changePersistentIndexList(
            old, [self.index(where[id(project)], index.column())
                  for index, project in zip(old, moved, strict=True)])
        self.layoutChanged.emit()

    def _sorted(self, projects: list[ProjectRecord]) -> list[ProjectRecord]:
        if self._sort is None:
            return projects
        column, order = self._sort
        return sorted(projects, key=lambda project: self._sort_value(project, column),
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def haystacks(self) -> list[str]:
        """Project names, folded, for a filter proxy."""
        return [name_key(project.name) for project in self._projects]

    def project_at(self, row: int) -> ProjectRecord:
        """The record behind a source row."""
        return self._projects[row]

    def row_of(self, name: str) -> int:
        """The source row of a project by name (case-insensitive), or -1."""
        wanted = name_key(name)
        return next((i for i, p in enumerate(self._projects) if name_key(p.name) == wanted), -1)

    def names(self) -> list[str]:
        """Every project name, for checking a new name before asking the store."""
        return [p.name for p in self._projects]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._projects)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("ProjectTableModel", COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section == KEYS:
            return self.tr("How many keys are limited to the project")
        if role == Qt.ItemDataRole.TextAlignmentRole and section == KEYS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._projects):
            return None
        project = self._projects[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(project, column)
        if role == SORT_ROLE:
            return self._sort_value(project, column)
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return self._folder_icon()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == KEYS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(project, column)
        return None

    @staticmethod
    def _folder_icon() -> QIcon:
        return themed_icon("folder", tone_color("project"))

    @staticmethod
    def _display(project: ProjectRecord, column: int) -> str:
        if column == NAME:
            return project.name
        if column == KEYS:
            return str(project.key_count)
        return format_date(project.created_at)

    @staticmethod
    def _sort_value(project: ProjectRecord, column: int) -> Any:
        if column == NAME:
            return name_key(project.name)
        if column == KEYS:
            return project.key_count
        return project.created_at.timestamp()

    @staticmethod
    def _tooltip(project: ProjectRecord, column: int) -> str:
        if column == KEYS:
            count = project.key_count
            if not count:
                return translate("ProjectTableModel", "No keys limited to {name}").format(
                    name=project.name)
            return translate("ProjectTableModel", "%n key(s) limited to {name}", "",
                             count).format(name=project.name)

        if column == CREATED:
            return translate("ProjectTableModel", "Added {date}").format(
                date=format_full(project.created_at))

        return project.name
