"""Parts every page of the window shares: heading, empty state, buttons, table setup, selection.

Widgets carry a ``role`` property (and a boolean of the same name) for the stylesheet in
``style.py``; the fonts and colours set here are the fallback when no sheet is applied.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .dialog_parts import scaled_font, set_text_color, tone_color
from .icons import icon

_LISTED = 8  # lines a bulleted list spells out before "and N more"


def with_role(widget: QWidget, role: str) -> QWidget:
    """Tag a widget for the shared stylesheet: role 'heading', 'muted', 'primary' or 'danger'."""
    widget.setProperty("role", role)
    widget.setProperty(role, True)
    return widget


def muted(label: QLabel) -> QLabel:
    """Secondary text: the stylesheet's muted colour, or the palette's when there is no sheet."""
    with_role(label, "muted")
    set_text_color(label, tone_color("muted", label.palette()))
    return label


def page_column(page: QWidget) -> QVBoxLayout:
    """The page's own layout, with the margins and spacing the list pages share."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(32, 24, 32, 24)
    layout.setSpacing(16)
    return layout


def table_or_empty(parent: QWidget, table: QTableView, empty: QWidget) -> QStackedWidget:
    """A stack that shows the table, or in its place what to show when it has no rows."""
    stack = QStackedWidget(parent)
    stack.addWidget(table)
    stack.addWidget(empty)
    return stack


class PageHeader(QWidget):
    """A page's heading and one line of explanation, with an optional button on the right."""

    def __init__(self, title: str, explanation: str, trailing: QWidget | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = with_role(QLabel(title, self), "heading")
        self.heading.setObjectName("pageHeading")
        self.heading.setFont(scaled_font(self.heading, 1.6, QFont.Weight.DemiBold))
        self.heading.setAccessibleName(title)
        self.subheading = muted(QLabel(explanation, self))
        self.subheading.setObjectName("pageSubheading")
        self.subheading.setWordWrap(True)
        texts = QVBoxLayout()
        texts.setSpacing(4)
        texts.addWidget(self.heading)
        texts.addWidget(self.subheading)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        row.addLayout(texts, 1)
        if trailing is not None:
            row.addWidget(trailing, 0, Qt.AlignmentFlag.AlignTop)


class EmptyState(QWidget):
    """What a table shows when it has no rows: an icon, a sentence, and what to do next."""

    def __init__(self, icon_name: str, title: str, text: str, parent: QWidget | None = None,
                 action: QPushButton | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self._icon_name = icon_name
        self.picture = QLabel(self)
        self.title = QLabel(title, self)
        self.title.setObjectName("emptyTitle")
        self.title.setFont(scaled_font(self.title, 1.25, QFont.Weight.DemiBold))
        self.text = muted(QLabel(text, self))
        self.text.setObjectName("emptyText")
        self.text.setWordWrap(True)
        self.text.setFixedWidth(400)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addStretch(2)
        for widget in (self.picture, self.title, self.text):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        self.button = action
        if action is not None:
            layout.addSpacing(8)
            layout.addWidget(action, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self._paint_icon()
        self._fit_text()

    def set_message(self, title: str, text: str) -> None:
        """Change the wording (for example, 'nothing matches' instead of 'nothing yet')."""
        self.title.setText(title)
        self.text.setText(text)
        self._fit_text()

    def _fit_text(self) -> None:
        # a centred, wrapped label gets no height-for-width from the layout: give it its height
        self.text.setVisible(bool(self.text.text()))
        self.text.setFixedHeight(max(0, self.text.heightForWidth(self.text.width())))

    def _paint_icon(self) -> None:
        color = tone_color("muted", self.palette())
        self.picture.setPixmap(
            icon(self._icon_name, color.name()).pixmap(QSize(48, 48), self.devicePixelRatioF()))

    def showEvent(self, event: QShowEvent) -> None:
        """Measure the text once the stylesheet has settled its font."""
        self._fit_text()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """Recolour the icon when the palette switches between light and dark."""
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_icon()
        elif event.type() == QEvent.Type.FontChange:
            self._fit_text()
        super().changeEvent(event)


def make_button(parent: QWidget, text: str, name: str, slot: Callable[[], None], tip: str,
                role: str = "", accessible: str = "") -> QPushButton:
    """A push button with the objectName, accessible name and tooltip every control needs."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible or text.rstrip("…"))
    button.setToolTip(tip)
    if role:
        with_role(button, role)
    button.clicked.connect(slot)
    return button


def configure_table(table: QTableView, model: QAbstractItemModel) -> None:
    """The look every list in the window shares: whole rows, no grid, roomy, sortable."""
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(max(36, table.fontMetrics().height() + 18))
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setMinimumSectionSize(64)


def selected_source_row(table: QTableView, proxy: QAbstractProxyModel) -> int | None:
    """The source-model row of the table's first selected row, or None when none is selected."""
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    return proxy.mapToSource(rows[0]).row()


def select_row(table: QTableView, index: QModelIndex) -> None:
    """Make ``index`` current and select its whole row, and nothing else."""
    flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
             | QItemSelectionModel.SelectionFlag.Rows)
    table.selectionModel().setCurrentIndex(index, flags)


def bullet_list(lines: Sequence[str]) -> str:
    """The lines as a bulleted list for a confirmation: the first eight, then "and N more"."""
    shown = [f"• {line}" for line in lines[:_LISTED]]
    if len(lines) > _LISTED:
        shown.append(f"• and {len(lines) - _LISTED} more")
    return "\n".join(shown)
