"""The Create API Key dialog: the form, what it needs loaded, and creating the key off the UI
thread so argon2 and the database write never freeze the window.

:class:`FormDialog` is what it shares with the Edit and Rotate dialogs: loading what the form
needs in the background, the footer with its one action, the busy state while the store works,
and refusing to close meanwhile (a new token must not be lost).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..core.errors import ValidationError
from ..core.keychain import Keychain
from ..core.policy import RegistryPolicy
from ..core.records import CreatedKey, KeyRecord, ProjectRecord
from ..core.store import Store
from .key_form import FIELDS, KeyForm, taken_name_keys
from .settings import AppSettings
from .tasks import TaskRunner, describe_error, guarded
from .widgets import (
    Banner,
    FieldMessage,
    FittedDialog,
    ScrollingBody,
    badge,
    control,
    dialog_title,
    heading_row,
    muted_label,
    with_role,
)

_SPINNER = "◐◓◑◒"
_FORM_WIDTH = 520
Job = tuple[Callable[[], Any], Callable[[Any], None]]


def _summary(problem: str, limit: int = 90) -> str:
    """The footer's short form of a field's problem (the whole of it shows by the field)."""
    if len(problem) <= limit or "; " not in problem:
        return problem
    return problem.split("; ", 1)[0].rstrip(".") + "."


class FormDialog(FittedDialog):
    """A dialog with a form, one action that runs in the background, and Cancel.

    Subclasses build their content, list what to load (:meth:`start_loads`), say what keeps
    the action from running (:meth:`problems`) and start it with :meth:`run_action`. Enter and
    Ctrl+Enter run the action; Esc cancels, except while the action runs.
    """

    loaded = Signal()  # everything the form needed has answered

    def __init__(self, store: Store, runner: TaskRunner, settings: AppSettings,
                 parent: QWidget | None, *, action: tuple[str, str, str, str]) -> None:
        """``action``: (the button's objectName, its text, its tooltip, the busy text)."""
        super().__init__(parent)
        self.store, self.runner, self.settings = store, runner, settings
        self._action_name, self._action_text, self._action_tip, self._busy_text = action
        self._pending_loads = 0
        self._busy = False
        self._spin = 0
        self._spinner = QTimer(self)
        self._spinner.setInterval(120)
        self._spinner.timeout.connect(self._tick_spinner)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # from the multi-line description too
            QShortcut(QKeySequence(keys), self, self.submit)

    # -- layout -----------------------------------------------------------------------------

    def build(self, icon_name: str, title: str, subtitle: str, content: QWidget,
              width: int = _FORM_WIDTH) -> None:
        """Lay out the header, ``content``, the error banner and the footer."""
        content.setFixedWidth(width)
        self.form_error = Banner("formError", "error", icon_name="error")
        self.form_error.hide()
        body = QVBoxLayout()
        body.setContentsMargins(24, 24, 24, 24)
        body.setSpacing(0)
        body.addLayout(self._header(icon_name, title, subtitle, width))
        body.addSpacing(24)
        body.addWidget(ScrollingBody(content), 1)  # scrolls only on a screen too short for it
        body.addSpacing(8)
        body.addWidget(self.form_error)
        self.lay_out(body, self._footer())

    def _header(self, icon_name: str, title: str, subtitle: str, width: int) -> QHBoxLayout:
        mark = badge(icon_name, "info", self.palette())
        self.title_label = dialog_title(title, "dialogTitle")
        self.subtitle_label = muted_label(subtitle)
        self.subtitle_label.setFixedWidth(width - 48)
        return heading_row(mark, self.title_label, self.subtitle_label)

    def _footer(self) -> QHBoxLayout:
        self.blocker = FieldMessage(f"{self._action_name.removesuffix('Button')}Blocker")
        self.cancel_button = control(QPushButton(self.tr("Cancel")), "cancelButton",
                                     self.tr("Cancel"),
                                     self.tr("Close without changing anything (Esc)"))
        self.cancel_button.clicked.connect(self.reject)
        self.action_button = control(QPushButton(self._action_text), self._action_name,
                                     self._action_text, self._action_tip)
        self.action_button.setDefault(True)
        with_role(self.action_button, "primary")  # style.py's accent button
        self.action_button.setMinimumWidth(128)
        self.blocker.describe(self.action_button)  # why it is disabled, read out with it
        self.action_button.clicked.connect(self.submit)
        row = QHBoxLayout()
        row.setContentsMargins(24, 16, 24, 16)
        row.setSpacing(8)
        row.addWidget(self.blocker, 1)
        row.addStretch(0)  # keeps the buttons right-aligned when there is nothing to say
        row.addSpacing(16)
        row.addWidget(self.cancel_button)
        row.addWidget(self.action_button)
        return row

    # -- background loading -----------------------------------------------------------------

    def start_loads(self, jobs: Sequence[Job]) -> None:
        """Run each (work, done) off the UI thread; ``loaded`` once all have answered."""
        self._pending_loads = len(jobs)
        for work, done in jobs:
            self.runner.run(work, guarded(self, self._answered(done)),
                            guarded(self, self._load_failed))

    def _answered(self, done: Callable[[Any], None]) -> Callable[[Any], None]:
        def answered(value: Any) -> None:
            done(value)
            self._loaded_one()

        return answered

    @property
    def loading(self) -> bool:
        """Whether some background lookup has not answered yet."""
        return self._pending_loads > 0

    def _loaded_one(self) -> None:
        self._pending_loads -= 1
        if not self._pending_loads:  # once all have answered: a validation re-words every field
            self.validate()  # (10–20 ms of the UI thread at 1,000 projects; it was once per load)
            self.loaded.emit()

    def _load_failed(self, error: Exception) -> None:
        self.show_form_error(self.tr("Could not load what this form needs. {error}").format(
            error=describe_error(error)))
        self._loaded_one()

    # -- validity ---------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """What keeps the action from running, most important first (subclasses say)."""
        return []

    def validate(self) -> bool:
        """Refresh the footer and the action button; True when the action can run."""
        problems = self.problems()
        first = problems[0] if problems else ""
        self.blocker.show_message("hint", _summary(first), "info" if first else None)
        self.action_button.setEnabled(not problems and not self._busy)
        self.action_button.setToolTip(first or self._action_tip)
        return not problems

    # -- the action -------------------------------------------------------------------------

    def submit(self) -> None:
        """Run the action, when the form allows it (subclasses)."""

    def run_action(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run ``work`` off the UI thread with the form locked; then ``done`` or
        :meth:`action_failed`."""
        self.form_error.hide()
        self._set_busy(True)

        def finished(result: Any) -> None:
            self._set_busy(False)
            done(result)

        def failed(error: Exception) -> None:
            self._set_busy(False)
            self.action_failed(error)

        self.runner.run(work, guarded(self, finished), guarded(self, failed))

    def action_failed(self, error: Exception) -> None:
        """Show why the action failed; the form keeps its input."""
        self.show_form_error(describe_error(error))

    def vanished_text(self, record: KeyRecord) -> str:
        """What to say when the key being changed was deleted or rotated elsewhere meanwhile."""
        return self.tr("“{name}” ({key_id}) no longer exists: it was deleted or rotated elsewhere "
                       "meanwhile. Nothing was changed.").format(name=record.name,
                                                                 key_id=record.key_id)

    def show_form_error(self, text: str) -> None:
        """Say what went wrong below the form."""
        self.form_error.set_text(text)
        self.form_error.show()

    @property
    def busy(self) -> bool:
        """Whether the action is running in the background."""
        return self._busy

    def content_enabled(self, enabled: bool) -> None:
        """Lock or unlock the form while the action runs (subclasses)."""

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.content_enabled(not busy)
        self.cancel_button.setEnabled(not busy)
        if busy:
            self._spin = 0
            self._tick_spinner()
            self._spinner.start()
        else:
            self._spinner.stop()
            self.action_button.setText(self._action_text)
        self.validate()

    def _tick_spinner(self) -> None:
        self.action_button.setText(f"{_SPINNER[self._spin % len(_SPINNER)]}  {self._busy_text}")
        self._spin += 1

    # -- keyboard and closing ---------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        """A key for a field rather than the dialog (subclasses); whether it was taken."""
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter runs the action (unless a button has the focus: it presses that one)."""
        if self.handle_key(event):
            return
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not isinstance(self.focusWidget(), QPushButton):
            self.submit()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Cancel, except while the action runs (its result must not be lost)."""
        if not self._busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window is Cancel; refused while the action runs."""
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)


class KeyFormDialog(FormDialog):
    """A :class:`FormDialog` around a :class:`KeyForm`: Create and Edit."""

    form: KeyForm

    def use_form(self, form: KeyForm) -> None:
        """Take ``form`` as the dialog's content (call before :meth:`build`)."""
        self.form = form
        form.changed.connect(self.validate)

    def form_jobs(self, taken: set[str] | None) -> list[Job]:
        """Existing names (unless given), the projects and the lifetime policy."""
        store = self.store
        names = (lambda: taken) if taken is not None else (
            lambda: taken_name_keys(store.key_names()))
        return [(names, self.form.set_taken), (store.list_projects, self._projects_loaded),
                (store.policy, self._policy_loaded)]

    def _projects_loaded(self, projects: list[ProjectRecord]) -> None:
        self.form.set_projects(projects)

    def _policy_loaded(self, policy: RegistryPolicy) -> None:
        self.form.set_policy(policy)

    def problems(self) -> list[str]:
        """The form's problems, in the order of its fields."""
        return list(self.form.validate().values())

    def content_enabled(self, enabled: bool) -> None:
        """Lock the form while the store works."""
        self.form.setEnabled(enabled)

    def checked(self) -> bool:
        """Show every problem; whether the action may run."""
        self.form.touch_all()
        return not self._busy and self.validate()

    def action_failed(self, error: Exception) -> None:
        """A field the store refused is marked next to it; anything else goes below the form."""
        if isinstance(error, ValidationError) and error.field in FIELDS:
            self.form.set_server_error(error.field, error.message)
            self.validate()
        else:
            self.show_form_error(self.failure_text(error))

    def failure_text(self, error: Exception) -> str:
        """What to say below the form when the action failed for another reason."""
        return describe_error(error)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Enter and Esc in the new-project field belong to it."""
        return self.form.handle_picker_key(event)


class CreateKeyDialog(KeyFormDialog):
    """Collects a new key's settings and creates it; ``created`` and ``delivery`` hold the result.

    ``created`` is the new key with its token, ``delivery`` 'clipboard' or 'keychain'; the
    caller hands both to :func:`qkeys_desktop.ui.delivery.deliver_new_key`.
    """

    def __init__(self, store: Store, runner: TaskRunner, settings: AppSettings,
                 parent: QWidget | None = None, *, taken: set[str] | None = None) -> None:
        """``taken``: the existing names, folded (key_form.taken_name_keys), when the caller
        has them already (the keys page does); else they are read from the store."""
        super().__init__(store, runner, settings, parent,
                         action=("createButton", self.tr("Create key"),
                                 self.tr("Create the key (Enter)"), self.tr("Creating…")))
        self.created: CreatedKey | None = None
        self.delivery: str | None = None
        self.setObjectName("createKeyDialog")
        self.setWindowTitle(self.tr("Create API Key"))
        self.use_form(KeyForm(store, runner, settings))
        self.build("key", self.tr("Create API Key"),
                   self.tr("Apps present the key to call your services. Its secret is shown "
                           "only once."), self.form)
        self.create_button = self.action_button
        service = settings.keychain_service
        self.start_loads([*self.form_jobs(taken),
                          (lambda: Keychain(service).unavailable_reason(),
                           self.form.set_keychain_reason)])
        self.validate()
        self.form.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        """Create the key in the background; the form keeps its input if the store refuses."""
        self.create_key()

    def create_key(self) -> None:
        """Create the key in the background; the form keeps its input if the store refuses."""
        if not self.checked():
            return
        form = self.form
        request = (form.name_edit.text(), form.permissions(), form.expires_at(), form.projects(),
                   form.description())
        limits = form.limits.create_values()
        store = self.store
        self.run_action(lambda: store.create_key(*request, **limits), self._created)

    def _created(self, created: CreatedKey) -> None:
        self.created = created
        self.delivery = self.form.delivery()
        self.settings.default_delivery = self.delivery
        self.accept()

    def failure_text(self, error: Exception) -> str:
        return self.tr("The key was not created. {error}").format(
            error=describe_error(error))
