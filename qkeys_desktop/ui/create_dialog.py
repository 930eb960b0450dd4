"""The Create API Key dialog: the form, what it needs loaded, and creating the key off the UI
thread so argon2 and the database write never freeze the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..core.errors import ValidationError
from ..core.keychain import Keychain
from ..core.records import CreatedKey, ProjectRecord
from ..core.store import Store
from .key_form import FIELDS, KeyForm, taken_name_keys
from .settings import AppSettings
from .tasks import TaskRunner, describe_error, guarded
from .widgets import (
    Banner,
    FieldMessage,
    FittedDialog,
    badge,
    control,
    dialog_title,
    heading_row,
    muted_label,
    with_role,
)

_SPINNER = "◐◓◑◒"
_FORM_WIDTH = 520
_CREATE_TEXT = "Create key"


def _summary(problem: str, limit: int = 90) -> str:
    """The footer's short form of a field's problem (the whole of it shows by the field)."""
    if len(problem) <= limit or "; " not in problem:
        return problem
    return problem.split("; ", 1)[0].rstrip(".") + "."


class CreateKeyDialog(FittedDialog):
    """Collects a new key's settings and creates it; ``created`` and ``delivery`` hold the result.

    ``created`` is the new key with its token, ``delivery`` 'clipboard' or 'keychain'; the
    caller hands both to :func:`qkeys_desktop.ui.delivery.deliver_new_key`.
    """

    loaded = Signal()  # existing names, projects and the keychain probe have all answered

    def __init__(self, store: Store, runner: TaskRunner, settings: AppSettings,
                 parent: QWidget | None = None, *, taken: set[str] | None = None) -> None:
        """``taken``: the existing names, folded (key_form.taken_name_keys), when the caller
        has them already (the keys page does); else they are read from the store."""
        super().__init__(parent)
        self.store, self.runner, self.settings = store, runner, settings
        self._taken = taken
        self.created: CreatedKey | None = None
        self.delivery: str | None = None
        self._pending_loads = 0
        self._busy = False
        self._spin = 0
        self._spinner = QTimer(self)
        self._spinner.setInterval(120)
        self._spinner.timeout.connect(self._tick_spinner)
        self.setObjectName("createKeyDialog")
        self.setWindowTitle("Create API Key")
        self._build()
        self.form.changed.connect(self.validate)
        self._load()
        self.validate()
        self.form.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.form = KeyForm(self.store, self.runner, self.settings)
        self.form.setFixedWidth(_FORM_WIDTH)
        self.form_error = Banner("formError", "error", icon_name="error")
        self.form_error.hide()
        body = QVBoxLayout()
        body.setContentsMargins(24, 24, 24, 24)
        body.setSpacing(0)
        body.addLayout(self._header())
        body.addSpacing(24)
        body.addWidget(self.form)
        body.addSpacing(8)
        body.addWidget(self.form_error)
        self.lay_out(body, self._footer())

    def _header(self) -> QHBoxLayout:
        mark = badge("key", "info", self.palette())
        title = dialog_title("Create API Key", "dialogTitle")
        subtitle = muted_label("Apps present the key to call your services. "
                               "Its secret is shown only once.")
        subtitle.setFixedWidth(_FORM_WIDTH - 48)
        return heading_row(mark, title, subtitle)

    def _footer(self) -> QHBoxLayout:
        self.blocker = FieldMessage("createBlocker")
        self.cancel_button = control(QPushButton("Cancel"), "cancelButton", "Cancel",
                                     "Close without creating a key (Esc)")
        self.cancel_button.clicked.connect(self.reject)
        self.create_button = control(QPushButton(_CREATE_TEXT), "createButton", "Create key",
                                     "Create the key (Enter)")
        self.create_button.setDefault(True)
        with_role(self.create_button, "primary")  # style.py's accent button
        self.create_button.setMinimumWidth(128)
        self.create_button.clicked.connect(self.create_key)
        row = QHBoxLayout()
        row.setContentsMargins(24, 16, 24, 16)
        row.setSpacing(8)
        row.addWidget(self.blocker, 1)
        row.addStretch(0)  # keeps the buttons right-aligned when there is nothing to say
        row.addSpacing(16)
        row.addWidget(self.cancel_button)
        row.addWidget(self.create_button)
        return row

    # -- background loading -----------------------------------------------------------------

    def _load(self) -> None:
        """Existing names, projects and the keychain's availability, fetched off the UI thread."""
        store, service, taken = self.store, self.settings.keychain_service, self._taken
        names = (lambda: taken) if taken is not None else (
            lambda: taken_name_keys(store.key_names()))
        jobs = ((names, self._names_loaded),
                (store.list_projects, self._projects_loaded),
                (lambda: Keychain(service).unavailable_reason(), self._keychain_probed))
        self._pending_loads = len(jobs)
        for work, done in jobs:
            self.runner.run(work, guarded(self, done), guarded(self, self._load_failed))

    @property
    def loading(self) -> bool:
        """Whether some background lookup has not answered yet."""
        return self._pending_loads > 0

    def _loaded_one(self) -> None:
        self._pending_loads -= 1
        self.validate()
        if not self._pending_loads:
            self.loaded.emit()

    def _names_loaded(self, taken: set[str]) -> None:
        self.form.set_taken(taken)
        self._loaded_one()

    def _projects_loaded(self, projects: list[ProjectRecord]) -> None:
        self.form.picker.set_projects(projects)
        self._loaded_one()

    def _keychain_probed(self, reason: str | None) -> None:
        self.form.set_keychain_reason(reason)
        self._loaded_one()

    def _load_failed(self, error: Exception) -> None:
        self._show_form_error(f"Could not load the existing keys and projects. "
                              f"{describe_error(error)}")
        self._loaded_one()

    # -- validity ---------------------------------------------------------------------------

    def validate(self) -> bool:
        """Refresh the messages and the Create button; True when the form can be created."""
        problems = self.form.validate()
        first = next(iter(problems.values()), "")
        self.blocker.show_message("hint", _summary(first), "info" if first else None)
        self.create_button.setEnabled(not problems and not self._busy)
        self.create_button.setToolTip(first or "Create the key (Enter)")
        return not problems

    # -- creating ---------------------------------------------------------------------------

    def create_key(self) -> None:
        """Create the key in the background; the form keeps its input if the store refuses."""
        self.form.touch_all()
        if self._busy or not self.validate():
            return
        form = self.form
        request = (form.name_edit.text(), form.permissions(), form.expires_at(), form.projects())
        self.form_error.hide()
        self._set_busy(True)
        store = self.store
        self.runner.run(lambda: store.create_key(*request),
                        guarded(self, self._created), guarded(self, self._create_failed))

    def _created(self, created: CreatedKey) -> None:
        self._set_busy(False)
        self.created = created
        self.delivery = self.form.delivery()
        self.settings.default_delivery = self.delivery
        self.accept()

    def _create_failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, ValidationError) and error.field in FIELDS:
            self.form.set_server_error(error.field, error.message)
            self.validate()
        else:
            self._show_form_error(f"The key was not created. {describe_error(error)}")

    def _show_form_error(self, text: str) -> None:
        self.form_error.set_text(text)
        self.form_error.show()

    @property
    def busy(self) -> bool:
        """Whether the key is being created in the background."""
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.form.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        if busy:
            self._spin = 0
            self._tick_spinner()
            self._spinner.start()
        else:
            self._spinner.stop()
            self.create_button.setText(_CREATE_TEXT)
        self.validate()

    def _tick_spinner(self) -> None:
        self.create_button.setText(f"{_SPINNER[self._spin % len(_SPINNER)]}  Creating…")
        self._spin += 1

    # -- keyboard and closing ---------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter creates (or adds the project being typed); Esc first closes that field."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        picker = self.form.picker
        if picker.edit.hasFocus() and (enter or event.key() == Qt.Key.Key_Escape):
            if enter:
                picker.add_project()
            else:
                picker.cancel_new_project()
            return
        if enter and not isinstance(self.focusWidget(), QPushButton):
            self.create_key()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Cancel, except while the key is being created (its token must not be lost)."""
        if not self._busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window is Cancel; refused while creating."""
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)
