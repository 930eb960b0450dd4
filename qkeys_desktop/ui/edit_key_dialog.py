"""The Edit API Key dialog: change a key in place — name, description, permissions, scope,
expiry, limits — without a new token.

How to open it (the keys page's Edit… action, the details dialog's Edit… button)::

    from .edit_key_dialog import open_edit_key
    open_edit_key(self.window(), store, runner, settings, record,
                  on_written=self._after_write)

It opens window-modal and deletes itself when closed. ``on_written(key_id, notice)`` is called
once the store saved the change (not when nothing changed or on Cancel), with a sentence for the
status bar. The same form and rules as creation (:class:`~.key_form.KeyForm`), with "Keep
current" as the expiration; Save (Enter, Ctrl+Enter) runs ``store.edit_key`` on the TaskRunner;
a refusal is shown next to its field and the form keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from ..core.errors import NotFoundError
from ..core.records import KeyRecord
from ..core.store import Store
from .create_dialog import KeyFormDialog
from .key_form import KeyForm
from .settings import AppSettings
from .tasks import TaskRunner, describe_error

Written = Callable[[str, str], None]


class EditKeyDialog(KeyFormDialog):
    """Edits one key; ``saved`` holds the key as stored afterwards (None until then)."""

    written = Signal(str, str)  # (key id, a sentence): the store saved a change

    def __init__(self, store: Store, runner: TaskRunner, settings: AppSettings,
                 record: KeyRecord, parent: QWidget | None = None, *,
                 taken: set[str] | None = None) -> None:
        """``record``: the key as last read; ``taken``: the existing names, folded, if the
        caller has them (else they are read from the store)."""
        super().__init__(store, runner, settings, parent,
                         action=("saveButton", self.tr("Save"),
                                 self.tr("Save the changes (Ctrl+Enter)"), self.tr("Saving…")))
        self.record = record
        self.saved: KeyRecord | None = None
        self.setObjectName("editKeyDialog")
        self.setWindowTitle(self.tr("Edit API Key “{name}”").format(name=record.name))
        self.use_form(KeyForm(store, runner, settings, current=record))
        self.build("settings", self.tr("Edit API Key"),
                   self.tr("{key_id} keeps its token: a change applies from the very next check, "
                           "in every app.").format(key_id=record.key_id), self.form)
        self.start_loads(self.form_jobs(taken))
        self.validate()
        self.form.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        """Save the changes in the background."""
        if not self.checked():
            return
        form = self.form
        name, note, permissions = form.name(), form.description(), form.permissions()
        projects, expiry = form.projects(), form.expiry_value()
        limits = form.limits.edit_values()
        store, key_id = self.store, self.record.key_id
        self.run_action(lambda: store.edit_key(key_id, name=name, description=note,
                                               permissions=permissions, projects=projects,
                                               expires_at=expiry, **limits), self._saved)

    def _saved(self, record: KeyRecord) -> None:
        self.saved = record
        if record != self.record:
            self.written.emit(record.key_id, self.tr("Saved the changes to “{name}”.").format(
                name=record.name))
        self.accept()

    def failure_text(self, error: Exception) -> str:
        if isinstance(error, NotFoundError):
            return self.vanished_text(self.record)
        return self.tr("The changes were not saved. {error}").format(
            error=describe_error(error))


def open_edit_key(parent: QWidget | None, store: Store, runner: TaskRunner,
                  settings: AppSettings, record: KeyRecord, *,
                  on_written: Written | None = None,
                  taken: set[str] | None = None) -> EditKeyDialog:
    """Open the Edit dialog for ``record`` window-modally (it deletes itself when closed);
    ``on_written`` hears of a saved change: (key id, a sentence for the status bar)."""
    dialog = EditKeyDialog(store, runner, settings, record, parent, taken=taken)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_written is not None:
        dialog.written.connect(on_written)
    dialog.open()
    return dialog
