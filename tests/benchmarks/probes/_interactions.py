"""Every interaction of the stall benchmark, one after another, each timed on its own.

Driven as a user drives the window: menu actions, buttons, the sidebar, typing into fields,
the real confirmation dialogs. Dialogs that run their own (modal) event loop are reached from a
timer, so the script is a generator of steps: each ``yield`` hands back a condition, and a 2 ms
timer moves on once it holds. Each interaction's figure is the longest gap of the 10 ms
heartbeat between its first action and the window having shown its outcome (the table listing
the change, no job in flight).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from _probe import Heartbeat, StackSampler
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from qkeys_desktop.core.store import Store
from qkeys_desktop.ui import delivery
from qkeys_desktop.ui.main_window import MainWindow

Condition = Callable[[], bool]
Steps = Iterator[Condition]

#: The interactions, in the order they run (and are reported).
NAMES = ("load", "reload_other_process", "page_projects", "page_activity", "page_keys",
         "create_dialog", "create", "reveal_copy", "edit", "rotate", "delete_one",
         "delete_1000")


def _now() -> bool:
    return True


class Interactions:
    """Runs the script; ``stalls`` maps each interaction to its worst gap in ms."""

    def __init__(self, window: MainWindow, store: Store, keys: int, beat: Heartbeat,
                 sampler: StackSampler | None = None) -> None:
        self.window, self.page, self.store, self.keys = window, window.keys_page, store, keys
        self.beat, self.sampler = beat, sampler
        self.stalls: dict[str, float] = {}
        self.busy: dict[str, float] = {}  # the UI thread's CPU ms within each worst gap
        self.done = False
        self._script = self._run()
        self._waiting: Condition = _now
        self._inside = False
        self.timer = QTimer()
        self.timer.setInterval(2)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        if self._inside:  # an action ran a nested event loop: never re-enter the script
            return
        self._inside = True
        try:
            while not self.done and self._waiting():
                self._waiting = next(self._script)
        except StopIteration:
            self.timer.stop()
            self.done = True
        finally:
            self._inside = False

    # -- timing -----------------------------------------------------------------------------

    def _begin(self, name: str) -> None:
        if self.sampler is not None:
            self.sampler.label = name
        self.beat.start()

    def _end(self, name: str) -> None:
        self.stalls[name] = round(self.beat.stop(), 1)
        self.busy[name] = round(self.beat.worst_cpu * 1000, 1)
        if self.sampler is not None:
            self.sampler.explain(name, self.beat.gaps)

    # -- what "done" looks like ----------------------------------------------------------------

    def _idle(self) -> bool:
        """No reload of the keys in flight and no background job running."""
        return not self.page._reloads.loading and not self.window.runner.pending

    def _rows(self) -> int:
        return int(self.page.model.rowCount())

    def _listed(self, key_id: str, name: str | None = None) -> bool:
        row = self.page.model.row_of(key_id)
        return row >= 0 and (name is None or self.page.model.record(row).name == name)

    def _dialog(self, name: str) -> Any:
        """The visible dialog with this object name, or None."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.objectName() == name and widget.isVisible():
                return widget
        return None

    def _reveal(self) -> Any:
        shown = [d for d in delivery.open_reveal_dialogs() if d.isVisible()]
        return shown[0] if shown else None

    def _select_rows(self, first: int, count: int) -> list[str]:
        """Select ``count`` rows of the table from ``first`` (a click, then a Shift+click) and
        return their key ids."""
        table = self.page.table
        proxy = table.model()
        top, bottom = proxy.index(first, 0), proxy.index(first + count - 1, 0)
        table.setCurrentIndex(top)
        table.selectionModel().select(
            QItemSelection(top, bottom),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        return [r.key_id for r in self.page.selected_records()]

    def _click_sidebar(self, row: int) -> None:
        sidebar = self.window.sidebar
        rect = sidebar.visualItemRect(sidebar.item(row))
        QTest.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, rect.center())

    # -- the script -------------------------------------------------------------------------

    def _run(self) -> Steps:
        yield from self._load()
        yield from self._reload_after_other_process()
        yield from self._switch_pages()
        yield from self._create()
        yield from self._edit()
        yield from self._rotate()
        yield from self._delete_one()
        yield from self._delete_many(1000)

    def _load(self) -> Steps:
        self._begin("load")  # the window was just shown; its first reload is running
        yield lambda: self._rows() == self.keys and self._idle()
        self._end("load")

    def _reload_after_other_process(self) -> Steps:
        """Another process renames one key and deletes another; the window follows."""
        model = self.page.model
        renamed, deleted = model.record(self.keys // 2), model.record(self.keys // 3)
        other = Store.open(self.store.db.database)  # its own connection, as a CLI would have
        try:
            other.edit_key(renamed.key_id, name="renamed elsewhere")
            other.delete_key(deleted.key_id)
        finally:
            other.close()
        self._begin("reload_other_process")  # the watcher notices within its 250 ms tick
        yield lambda: (self._listed(renamed.key_id, "renamed elsewhere")
                       and not self._listed(deleted.key_id) and self._idle())
        self._end("reload_other_process")

    def _switch_pages(self) -> Steps:
        window = self.window
        for row, name, page in ((1, "page_projects", window.projects_page),
                                (2, "page_activity", window.activity_page),
                                (0, "page_keys", window.keys_page)):
            self._begin(name)
            self._click_sidebar(row)
            yield lambda page=page: (  # type: ignore[misc]
                window.stack.currentWidget() is page and page.isVisible()
                and not page._reloads.loading and page.model.rowCount() > 0
                and not window.runner.pending)
            self._end(name)

    def _create(self) -> Steps:
        before = self._rows()
        self._begin("create_dialog")
        QTimer.singleShot(0, self.window.new_key_action.trigger)  # it runs its own loop
        yield lambda: self._dialog("createKeyDialog") is not None
        dialog = self._dialog("createKeyDialog")
        yield lambda: not dialog.loading
        self._end("create_dialog")
        self._begin("create")
        dialog.form.name_edit.setText("benchmark key")
        dialog.create_button.click()  # argon2 and the write run in the background
        yield lambda: self._reveal() is not None and self._rows() == before + 1 and self._idle()
        self._end("create")
        self._begin("reveal_copy")
        yield from self._copy_and_close()
        self._end("reveal_copy")

    def _copy_and_close(self) -> Steps:
        """Copy in the reveal dialog shown, then Done, until it has closed."""
        reveal = self._reveal()
        reveal.copy_button.click()
        yield _now
        reveal.done_button.click()
        yield lambda: self._reveal() is None and self._idle()

    def _edit(self) -> Steps:
        row = self.keys // 4
        (key_id,) = self._select_rows(row, 1)
        self._begin("edit")
        self.window.key_actions["edit"].trigger()
        yield lambda: self._dialog("editKeyDialog") is not None
        dialog = self._dialog("editKeyDialog")
        yield lambda: not dialog.loading
        dialog.form.name_edit.setText("edited in the window")
        yield _now
        dialog.action_button.click()
        yield lambda: self._listed(key_id, "edited in the window") and self._idle()
        self._end("edit")

    def _rotate(self) -> Steps:
        before = self.page.model.record(self.keys // 5)
        self._select_rows(self.keys // 5, 1)
        self._begin("rotate")
        self.window.key_actions["rotate"].trigger()
        yield lambda: self._dialog("rotateKeyDialog") is not None
        dialog = self._dialog("rotateKeyDialog")
        yield lambda: not dialog.loading
        dialog.action_button.click()
        yield lambda: (self._reveal() is not None and not self._listed(before.key_id)
                       and self._idle())
        yield from self._copy_and_close()
        self._end("rotate")

    def _delete_one(self) -> Steps:
        (key_id,) = self._select_rows(self.keys // 6, 1)
        before = self._rows()
        self._begin("delete_one")
        QTimer.singleShot(0, self.window.delete_action.trigger)  # the question runs its loop
        yield lambda: isinstance(QApplication.activeModalWidget(), QMessageBox)
        box = QApplication.activeModalWidget()
        (button,) = [b for b in box.buttons()
                     if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole]
        button.click()
        yield lambda: self._rows() == before - 1 and not self._listed(key_id) and self._idle()
        self._end("delete_one")

    def _delete_many(self, count: int) -> Steps:
        ids = self._select_rows(self.keys // 7, count)
        assert len(ids) == count, len(ids)
        before = self._rows()
        self._begin(f"delete_{count}")
        QTimer.singleShot(0, self.window.delete_action.trigger)
        yield lambda: self._dialog("typedConfirmDialog") is not None
        dialog = self._dialog("typedConfirmDialog")
        QTest.keyClicks(dialog.field, str(count))
        yield _now
        dialog.confirm_button.click()
        yield lambda: self._rows() == before - count and self._idle()
        self._end(f"delete_{count}")

