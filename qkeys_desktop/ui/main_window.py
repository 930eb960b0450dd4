"""The main window: the Credentials sidebar, the three pages, menus, status bar, live reload.

Another process (the CLI, another window, an app recording a key's last use) may change the
registry at any time: every page listens to the registry's watcher (:mod:`.registry_watcher`),
the one way a change — ours included — reaches the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core.store import Store
from .clipboard import cleared_text, secure_clipboard
from .i18n import translate
from .icons import app_icon, icon
from .keys_page import ACTIONS, COPY_ID, DELETE, DETAILS, DISABLE, EDIT, ROTATE, KeysPage
from .registry_watcher import watcher_for
from .reminders import ExpiryReminders
from .settings import AppSettings
from .tasks import TaskRunner
from .theme import accent_text, mix, muted_color
from .window_fit import fit_to_screen

if TYPE_CHECKING:
    from .activity_page import ActivityPage
    from .help_dialog import ShortcutsDialog
    from .projects_page import ProjectsPage

KEYS_PAGE, PROJECTS_PAGE, ACTIVITY_PAGE = range(3)
# English here, translated where shown (no translator is installed at import time)
_PAGES = ((str(QT_TRANSLATE_NOOP("MainWindow", "API Keys")), "key"),
          (str(QT_TRANSLATE_NOOP("MainWindow", "Projects")), "folder"),
          (str(QT_TRANSLATE_NOOP("MainWindow", "Activity")), "activity"))
_PAGE_MNEMONICS = (str(QT_TRANSLATE_NOOP("MainWindow", "&API Keys")),  # the View menu's items
                   str(QT_TRANSLATE_NOOP("MainWindow", "&Projects")),
                   str(QT_TRANSLATE_NOOP("MainWindow", "A&ctivity")))
# The Key menu's items, each with its own mnemonic so a translation can pick letters that do
# not clash (the row menu's texts in ACTIONS have none)
_KEY_MENU_TEXTS = {DETAILS: str(QT_TRANSLATE_NOOP("MainWindow", "&Details…")),
                   EDIT: str(QT_TRANSLATE_NOOP("MainWindow", "&Edit…")),
                   ROTATE: str(QT_TRANSLATE_NOOP("MainWindow", "&Rotate…")),
                   COPY_ID: str(QT_TRANSLATE_NOOP("MainWindow", "&Copy Key ID")),
                   DELETE: str(QT_TRANSLATE_NOOP("MainWindow", "&Delete…"))}
COUNT_ROLE = Qt.ItemDataRole.UserRole + 1
Standard = QKeySequence.StandardKey
_STATUS_MS = 6000
DEFAULT_SIZE = QSize(1200, 760)  # shrunk to the screen when it does not fit
#: How long a start waits for the keys before showing the window without them: 1,000 keys take
#: ≈20 ms to read; a big or a remote registry shows the window first (see tests/benchmarks).
SHOW_WAIT_MS = 150


def standard_keys(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's keys for a standard action (KDE, GNOME, macOS differ), or ``fallback``
    where it has none (Quit and Preferences have none on some platforms)."""
    return QKeySequence.keyBindings(standard) or [QKeySequence(fallback)]


def drop_clashes(actions: Sequence[QAction]) -> None:
    """Take from each action the alternate keys another action has as its own: GNOME's Refresh
    also binds Ctrl+R, which is Rotate here; an ambiguous key would do nothing at all."""
    primary = {action.shortcut().toString() for action in actions
               if not action.shortcut().isEmpty()}
    for action in actions:
        keys = action.shortcuts()
        kept = keys[:1] + [key for key in keys[1:] if key.toString() not in primary]
        if len(kept) != len(keys):
            action.setShortcuts(kept)


class _SidebarDelegate(QStyledItemDelegate):
    """Draws the sidebar items and a pill with the item's count on the right."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        count = index.data(COUNT_ROLE)
        if count is None:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = QGuiApplication.palette()  # the list's own is transparent (stylesheet)
        text = palette.color(QPalette.ColorRole.WindowText)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        font = QFont(option.font)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        font.setWeight(QFont.Weight.DemiBold)
        label = f"{count:,}"
        width = max(22, QFontMetrics(font).horizontalAdvance(label) + 14)
        rect: QRect = option.rect
        pill = QRect(rect.right() - 18 - width, rect.center().y() - 9, width, 18)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(highlight if selected else mix(palette.color(QPalette.ColorRole.Window),
                                                        text, 0.12))
        painter.drawRoundedRect(pill, 9, 9)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText) if selected else text)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()


class MainWindow(QMainWindow):
    """The qkeys window."""

    def __init__(self, store: Store, settings: AppSettings | None = None,
                 runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("qkeys")
        self.setWindowIcon(app_icon())
        self.store = store
        self.settings = settings or AppSettings()
        self.runner = runner or TaskRunner(self)
        self._build_central()  # the frame first: the pages are made inside it (_build_central)
        self.keys_page = KeysPage(store, self.runner, self.settings, self.stack)
        self.stack.insertWidget(KEYS_PAGE, self.keys_page)
        # the keys are read at once, in the saved order, while this thread builds the rest; the
        # other pages are built, and load, when first shown (_page)
        self._restore_keys_order()
        self.keys_page.reload()
        self._pages: dict[int, QWidget] = {KEYS_PAGE: self.keys_page}
        self._build_menus()
        self._build_status_bar()
        self._connect_pages()
        self._restore_state()
        self.watcher = watcher_for(store)
        self.watcher.failed.connect(lambda text: self.show_status(text, 0))
        self.reminders = ExpiryReminders(store, self.runner, self.settings, self)
        self.reminders.notice.connect(lambda text: self.show_status(text, 0))
        self.reminders.key_requested.connect(self.open_key)
        self.reminders.start()

    # -- building ---------------------------------------------------------------------------

    def show_when_keys_loaded(self, wait_ms: int = SHOW_WAIT_MS) -> None:
        """Show the window once its keys are read, so the first frame shows them (not an empty
        table that fills a moment later), or after ``wait_ms`` if reading takes longer (a big or
        a remote registry, a failed read: the keys then follow as they arrive)."""
        pending = [True]

        def show(*_count: int) -> None:
            if pending[0]:
                pending[0] = False
                self.show()

        self.keys_page.count_changed.connect(show, Qt.ConnectionType.SingleShotConnection)
        QTimer.singleShot(wait_ms, self, show)

    def _build_central(self) -> None:
        """The frame — the sidebar, and the stack the pages go in — built from the window down,
        before the pages, which are then made in place: under the application's style sheet a
        widget moved to another parent is polished again with all its children, at each move
        (the keys page, built apart and moved in three times, cost ≈20 ms more)."""
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setHandleWidth(1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.splitter.addWidget(self._build_sidebar())
        content = QWidget(self.splitter)
        content.setObjectName("contentArea")
        content.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.splitter.addWidget(content)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([200, 1000])
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(content)
        self.stack.setObjectName("pages")
        layout.addWidget(self.stack)
        # stand-ins for the other pages until they are first shown (_page)
        self._stand_ins = {index: QWidget(self.stack) for index in (PROJECTS_PAGE, ACTIVITY_PAGE)}
        for stand_in in self._stand_ins.values():
            self.stack.addWidget(stand_in)

    def _build_sidebar(self) -> QFrame:
        panel = QFrame(self)
        panel.setObjectName("sidebarPanel")
        panel.setMinimumWidth(168)
        header = QLabel(self.tr("CREDENTIALS"), panel)
        header.setObjectName("sidebarHeader")
        font = QFont(header.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        font.setWeight(QFont.Weight.Bold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        header.setFont(font)
        self.sidebar = QListWidget(panel)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(self.tr("Credentials"))
        self.sidebar.setItemDelegate(_SidebarDelegate(self.sidebar))
        self.sidebar.setIconSize(QSize(18, 18))
        self.sidebar.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for title, _icon in _PAGES:
            item = QListWidgetItem(translate("MainWindow", title), self.sidebar)
            item.setSizeHint(QSize(0, 38))
            item.setToolTip(self._show_page_tip(title))
        self._paint_sidebar_icons()
        self.sidebar.currentRowChanged.connect(self._page_chosen)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 24, 0, 16)
        layout.setSpacing(8)
        layout.addWidget(header)
        layout.addWidget(self.sidebar, 1)
        return panel

    def _paint_sidebar_icons(self) -> None:
        """Muted icons, and the selected item's in the same colour as its text."""
        palette = self.palette()
        selected = accent_text(palette)
        for row, (_title, name) in enumerate(_PAGES):
            combined = QIcon()
            for mode, color in ((QIcon.Mode.Normal, muted_color(palette)),
                                (QIcon.Mode.Selected, selected)):
                for scale in (1.0, 2.0):
                    combined.addPixmap(icon(name, color.name()).pixmap(QSize(18, 18), scale), mode)
            self.sidebar.item(row).setIcon(combined)

    def _show_page_tip(self, title: str) -> str:
        """ "Show API Keys": a page's tooltip and its View item's status tip."""
        return self.tr("Show {page}").format(page=translate("MainWindow", title))

    def _action(self, menu_title: str, text: str, name: str, slot: Callable[[], object],
                keys: Sequence[QKeySequence | str] = (), tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(key) for key in keys])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self._menus[menu_title].addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        # keyed by the English title, shown translated
        titles = {"&File": self.tr("&File"), "&Edit": self.tr("&Edit"),
                  "&View": self.tr("&View"), "&Key": self.tr("&Key"), "&Help": self.tr("&Help")}
        self._menus = {key: bar.addMenu(title) for key, title in titles.items()}
        self.new_key_action = self._action("&File", self.tr("&New API Key…"), "newKeyAction",
                                           self.create_key, standard_keys(Standard.New, "Ctrl+N"),
                                           self.tr("Create a new API key"))
        self.scan_action = self._action(
            "&File", self.tr("&Scan for Leaked Keys…"), "scanAction", self.scan_for_leaks,
            tip=self.tr("Find this registry's tokens in a folder (and its git history), "
                        "and revoke them"))
        self._menus["&File"].addSeparator()
        self.quit_action = self._action("&File", self.tr("&Quit"), "quitAction", self.close,
                                        standard_keys(Standard.Quit, "Ctrl+Q"))
        self._build_key_menu()
        self.find_action = self._action("&Edit", self.tr("&Find"), "findAction",
                                        self.find_in_page,
                                        standard_keys(Standard.Find, "Ctrl+F"),
                                        self.tr("Search the keys, or filter the activity"))
        self.refresh_action = self._action("&Edit", self.tr("&Refresh"), "refreshAction",
                                           self.reload_all,
                                           standard_keys(Standard.Refresh, "F5"),
                                           self.tr("Read the registry again"))
        self._menus["&Edit"].addSeparator()
        self.settings_action = self._action("&Edit", self.tr("&Settings…"), "settingsAction",
                                            self.open_settings,
                                            standard_keys(Standard.Preferences, "Ctrl+,"),
                                            self.tr("Preferences"))
        self._build_view_menu()
        self.shortcuts_action = self._action(
            "&Help", self.tr("&Keyboard Shortcuts"), "shortcutsAction", self.show_shortcuts,
            standard_keys(Standard.HelpContents, "F1"), self.tr("Every shortcut of this window"))
        self.about_action = self._action("&Help", self.tr("&About qkeys"), "aboutAction",
                                         self.show_about)
        self.about_action.setIcon(app_icon())
        drop_clashes(self.findChildren(QAction))
        self._update_actions()

    def _build_view_menu(self) -> None:
        """View ▸ one item per page, Ctrl+1/2/3 and Alt+1/2/3 (as browsers switch tabs; no menu
        or label of the window has a digit for its mnemonic, so Alt+digit is free)."""
        self.page_actions = QActionGroup(self)
        self.page_actions.setExclusive(True)
        for row, (title, _icon) in enumerate(_PAGES):
            digit = row + 1
            action = self._action("&View", translate("MainWindow", _PAGE_MNEMONICS[row]),
                                  f"page{digit}Action", partial(self.show_page, row),
                                  (f"Ctrl+{digit}", f"Alt+{digit}"), self._show_page_tip(title))
            action.setCheckable(True)
            self.page_actions.addAction(action)

    def _build_key_menu(self) -> None:
        """Key ▸ Details…, Edit…, Rotate…, Disable/Enable, Copy Key ID, Delete…: the keys page's
        actions on the selected keys, with the shortcuts its row menu shows."""
        self.key_actions: dict[str, QAction] = {}
        menu = self._menus["&Key"]
        for name, (_text, _icon, keys, tip) in ACTIONS.items():
            if name == DELETE:
                menu.addSeparator()
            shortcuts = (standard_keys(Standard.Delete, keys) if name == DELETE
                         else [keys] if keys else [])
            text = _KEY_MENU_TEXTS.get(name, "")  # Disable/Enable: set by _update_actions
            action = self._action("&Key", translate("MainWindow", text) if text else "",
                                  f"{name}Action" if name != DELETE else "deleteAction",
                                  self.keys_page.slot(name), shortcuts,
                                  translate("KeysPage", tip))
            if name == DETAILS:  # Return is the table's own (the page binds it there): a
                # window-wide Return would take Enter from the search field and the sidebar
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.key_actions[name] = action
        self.delete_action = self.key_actions[DELETE]

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.database_label = QLabel(self)
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setText(self.tr("Database: {target}").format(
            target=self.store.target))
        self.database_label.setToolTip(self.tr("The registry this window shows: {target}").format(
            target=self.store.target))
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("keyCountLabel")
        self.clipboard_label = QLabel(self)  # the copied key's countdown, like KeePassXC's
        self.clipboard_label.setObjectName("clipboardStatus")
        self.clipboard_label.setAccessibleName(self.tr("Clipboard status"))
        self.clipboard_label.hide()
        bar.addWidget(self.database_label, 1)
        bar.addPermanentWidget(self.clipboard_label)
        bar.addPermanentWidget(self.count_label)
        secure_clipboard().status_changed.connect(self._show_clipboard_status)

    def _show_clipboard_status(self, text: str) -> None:
        """A countdown stays in view; the final "cleared" is a passing message."""
        cleared = cleared_text()  # what the clipboard says, in the window's language
        counting = bool(text) and text != cleared
        self.clipboard_label.setText(text if counting else "")
        self.clipboard_label.setVisible(counting)
        if text == cleared:
            self.show_status(text)

    def _connect_pages(self) -> None:
        self.keys_page.count_changed.connect(self._key_count_changed)
        self.keys_page.counts_changed.connect(self._shown_count_changed)
        self.keys_page.actions_changed.connect(self._update_actions)
        self.keys_page.notice.connect(self.show_status)

    def _page(self, index: int) -> QWidget:
        """The page at ``index``, built the first time it is needed: the Projects and Activity
        pages (their modules, tables and models) cost the start-up time of the keys the window
        opens on, and load only when first shown anyway."""
        page = self._pages.get(index)
        if page is None:
            if index == PROJECTS_PAGE:
                from .projects_page import ProjectsPage

                page = ProjectsPage(self.store, self.runner, self.stack)
            else:
                from .activity_page import ActivityPage

                page = ActivityPage(self.store, self.runner, self.stack)
            page.notice.connect(self.show_status)
            stand_in = self._stand_ins.pop(index)
            self.stack.insertWidget(index, page)  # the current page stays current
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
            self._pages[index] = page
        return page

    @property
    def projects_page(self) -> ProjectsPage:
        """The Projects page (built on first use)."""
        return cast("ProjectsPage", self._page(PROJECTS_PAGE))

    @property
    def activity_page(self) -> ActivityPage:
        """The Activity page (built on first use)."""
        return cast("ActivityPage", self._page(ACTIVITY_PAGE))

    # -- state ------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.window_state("geometry")
        restored = geometry is not None and self.restoreGeometry(geometry)
        # a remembered size may come from a bigger screen or a smaller scale factor
        fit_to_screen(self, None if restored else DEFAULT_SIZE, keep_position=restored)
        splitter = self.settings.window_state("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self.show_page(min(max(self.settings.last_page, 0), len(_PAGES) - 1))
        if self.stack.currentIndex() == KEYS_PAGE:
            self.keys_page.table.setFocus()  # arrows and Del work at once

    def _restore_keys_order(self) -> None:
        """The keys table's columns and sort as they were left."""
        header_state = self.settings.window_state("keys_header")
        header = self.keys_page.table.horizontalHeader()
        if header_state is not None and header.restoreState(header_state):
            self.keys_page.table.sortByColumn(header.sortIndicatorSection(),
                                              header.sortIndicatorOrder())

    def save_state(self) -> None:
        """Remember geometry, splitter, the keys table's columns and the page shown."""
        self.settings.save_window_state("geometry", self.saveGeometry())
        self.settings.save_window_state("splitter", self.splitter.saveState())
        self.settings.save_window_state(
            "keys_header", self.keys_page.table.horizontalHeader().saveState())
        self.settings.last_page = self.stack.currentIndex()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save the layout and stop watching; background jobs report into nothing."""
        self.save_state()
        self.watcher.stop()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """Recolour the sidebar icons when the palette switches between light and dark."""
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "sidebar"):
            self._paint_sidebar_icons()
        super().changeEvent(event)

    # -- pages ------------------------------------------------------------------------------

    def show_page(self, index: int) -> None:
        """Show API Keys (0), Projects (1) or Activity (2)."""
        self.sidebar.setCurrentRow(index)

    def _page_chosen(self, row: int) -> None:
        if row < 0:
            return
        self._page(row)
        self.stack.setCurrentIndex(row)  # a page that missed changes catches up as it shows
        self.page_actions.actions()[row].setChecked(True)
        self._update_actions()

    def _update_actions(self) -> None:
        """The Key menu acts on the keys page's selection, and only while that page shows."""
        on_keys = self.stack.currentIndex() == KEYS_PAGE
        available = self.keys_page.available() if on_keys else set()
        for name, action in self.key_actions.items():
            action.setEnabled(name in available)
        self.key_actions[DISABLE].setText(self.tr("&Enable") if self.keys_page.will_enable()
                                          else self.tr("&Disable"))

    def _key_count_changed(self, count: int) -> None:
        self.sidebar.item(KEYS_PAGE).setData(COUNT_ROLE, count)

    def _shown_count_changed(self, shown: int, total: int) -> None:
        """ "4 keys", or "1 of 4 keys" while a search or a filter hides some (%Ln: the
        locale's digit grouping, "100,000")."""
        self.count_label.setText(
            self.tr("%Ln key(s)", "", total) if shown == total
            else self.tr("{shown} of %Ln key(s)", "", total).format(
                shown=QLocale().toString(shown)))

    def show_status(self, text: str, msecs: int = _STATUS_MS) -> None:
        """Show a transient sentence in the status bar."""
        self.statusBar().showMessage(text, msecs)

    # -- actions ----------------------------------------------------------------------------

    def create_key(self) -> None:
        """File ▸ New API Key: on the keys page, open the Create dialog."""
        self.show_page(KEYS_PAGE)
        self.keys_page.create_key()

    def scan_for_leaks(self) -> None:
        """File ▸ Scan for Leaked Keys…: the scan dialog (its revocations reach every page
        through the registry's watcher)."""
        from .scan_dialog import open_scan_dialog

        open_scan_dialog(self, self.store, self.runner, on_notice=self.show_status)

    def find_in_page(self) -> None:
        """Edit ▸ Find: the current page's filter, or the key search."""
        page = self.stack.currentWidget()
        focus_filter = getattr(page, "focus_filter", None)
        if callable(focus_filter):
            focus_filter()
            return
        self.show_page(KEYS_PAGE)
        self.keys_page.focus_search()

    def reload_all(self) -> None:
        """Edit ▸ Refresh: read everything again, as if the registry had changed."""
        self.watcher.changed.emit()

    def open_settings(self) -> None:
        """Edit ▸ Settings…, with the Database section for choosing a (team) registry."""
        from .database_section import DatabaseSection
        from .policy_section import PolicySection
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        DatabaseSection(dialog, self.settings, self.runner)
        PolicySection(dialog, self.store, self.runner)
        dialog.exec()
        dialog.deleteLater()

    def open_key(self, key_id: str) -> None:
        """A reminder was clicked: bring the window up on that key's details."""
        self.show_page(KEYS_PAGE)
        self.showNormal()
        self.raise_()
        self.activateWindow()
        if self.keys_page.select_key(key_id):
            self.keys_page.show_details()
        else:
            self.show_status(self.tr("Key {key_id} is not listed now (deleted, or hidden by the "
                                     "search).").format(key_id=key_id))

    def show_shortcuts(self) -> ShortcutsDialog:
        """Help ▸ Keyboard Shortcuts (F1): every key of the window, read from its actions; one
        window, raised again when asked again."""
        from .help_dialog import ShortcutsDialog, shortcut_sections

        dialog = self.findChild(ShortcutsDialog)
        if dialog is None:
            dialog = ShortcutsDialog(self, shortcut_sections(
                self.menuBar(),
                (self.tr("Projects page"), self.projects_page.shortcut_actions())))
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def show_about(self) -> QMessageBox:
        """Help ▸ About: version, what the program does, where the registry lives."""
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About qkeys"))
        box.setIconPixmap(app_icon().pixmap(QSize(64, 64), self.devicePixelRatioF()))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(f"<h3>qkeys {__version__}</h3><p>"
                    + self.tr("Issue, manage and verify API keys from your desktop.") + "</p>")
        box.setInformativeText(
            self.tr("Each key's secret is shown once and stored only as an argon2id hash; "
                    "deleting a key revokes it at once.<br><br>Registry: {target}").format(
                target=self.store.target))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box
