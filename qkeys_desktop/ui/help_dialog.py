"""Help ▸ Keyboard Shortcuts (F1): every key of the window in one list.

The list is read from the window's actions when it opens — the menus' and a page's own — so it
always says what the keys do now; only the keys no action carries (moving through lists and
fields) are written here.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .i18n import QT_TRANSLATE_NOOP, translate
from .widgets import control, dialog_title, muted_label

#: (what, keys) of one shortcut; a section is a title and its rows.
Row = tuple[str, str]
Section = tuple[str, list[Row]]

_CONTEXT = "ShortcutsDialog"
#: The keys no action carries, Qt's own and the tables': (what, keys) with the keys in Qt's
#: portable words, which QKeySequence writes in the platform's and the language's ("Strg+A").
_MOVING = (
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Next or previous control (out of a list too)"),
     ("Tab", "Shift+Tab")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Next or previous row of a list"), ("Up", "Down")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Select several rows"),
     ("Shift+Up", "Shift+Down", "Ctrl+A")),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Clear the search (again: back to the list)"),
     ("Esc",)),
)


def moving_section() -> Section:
    """The keys of lists and fields, in the window's language."""
    rows = [(translate(_CONTEXT, what), keys_text([QKeySequence(key) for key in keys]))
            for what, keys in _MOVING]
    rows.append((translate("ShortcutsDialog", "Open a menu, press a button"),
                 translate("ShortcutsDialog", "Alt + the underlined letter")))
    return translate("ShortcutsDialog", "Lists and fields"), rows


def plain(text: str) -> str:
    """A menu text as read aloud: no mnemonic ampersand, no ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


def _first_key(sequence: QKeySequence) -> Qt.Key:
    """The key (without modifiers) of a sequence's first stroke."""
    key: Qt.Key = sequence[0].key()  # type: ignore[index]  # stubs lack __getitem__
    return key


def keys_text(keys: Sequence[QKeySequence]) -> str:
    """The keys as the platform writes them ("Ctrl+N, F5"), leaving out dedicated keys of
    multimedia keyboards (a "Help" or "New" key): they work, but would only puzzle here."""
    typed = [key for key in keys if not key.isEmpty() and _first_key(key) < Qt.Key.Key_Help]
    return ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in typed)


def action_rows(actions: Sequence[QAction]) -> list[Row]:
    """(text, keys) of each action that has keys."""
    rows = [(plain(action.text()), keys_text(action.shortcuts())) for action in actions
            if not action.isSeparator()]
    return [row for row in rows if row[1]]


def shortcut_sections(bar: QMenuBar, *extra: tuple[str, Sequence[QAction]]) -> list[Section]:
    """One section per menu of ``bar`` with keys, then ``extra`` sections of actions (a page's
    own), then the keys of lists and fields."""
    menus = [(item.text(), menu.actions()) for item in bar.actions()
             if isinstance(menu := item.menu(), QMenu)]
    sections: list[Section] = []
    for title, actions in [*menus, *extra]:
        rows = action_rows(actions)
        if rows:
            sections.append((plain(title), rows))
    return [*sections, moving_section()]


class ShortcutsDialog(QDialog):
    """The shortcuts, by menu, in a list a screen reader reads row by row."""

    def __init__(self, parent: QWidget | None, sections: Sequence[Section]) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.tree = control(QTreeWidget(self), "shortcutsList", self.tr("Keyboard shortcuts"),
                            self.tr("What each key does, by menu"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setIndentation(20)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeWidget::item { min-height: 24px; }")
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self._fill(sections)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        control(close, "closeShortcutsButton", self.tr("Close"),
                self.tr("Close this window (Esc)"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(dialog_title(self.tr("Keyboard Shortcuts"), "shortcutsTitle"))
        layout.addWidget(muted_label(self.tr("The menus show the same keys beside their items.")))
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(600, 700)

    def _fill(self, sections: Sequence[Section]) -> None:
        self.listed: list[tuple[str, str, str]] = []  # (section, what, keys) of every row
        for title, rows in sections:
            head = QTreeWidgetItem(self.tree, [title])
            font = QFont(head.font(0))
            font.setWeight(QFont.Weight.DemiBold)
            head.setFont(0, font)
            head.setFirstColumnSpanned(True)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for what, keys in rows:
                QTreeWidgetItem(head, [what, keys])
                self.listed.append((title, what, keys))
            head.setExpanded(True)
        self.tree.setCurrentIndex(self.tree.model().index(0, 0))
