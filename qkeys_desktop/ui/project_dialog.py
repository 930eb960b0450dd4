"""The small dialog that asks for a project's name, for adding and renaming projects.

Renaming warns before it is confirmed: a key limited to a project is checked against the name
an app passes, so apps still passing the old name are refused by those keys afterwards (the
audit event says so too).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from ..core.errors import ValidationError
from ..core.validation import NAME_MAX, clean_name, name_key
from .i18n import translate
from .rule_messages import rule_message
from .widgets import Banner, FieldMessage, section_label, with_role


class ProjectNameDialog(QDialog):
    """Asks for a project name, checking it as the user types; the page does the store write."""

    submitted = Signal(str)  # a name that passed every local check

    def __init__(self, parent: QWidget, *, title: str, action: str, initial: str,
                 taken: Iterable[str], original: str | None, scoped_keys: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName("projectNameDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(440)
        self._original = original
        self.original = original  # the name being renamed (None when adding)
        self._taken = {name_key(n): n for n in taken
                       if original is None or name_key(n) != name_key(original)}
        self._hint = (self.tr("Up to {most} characters. Names are unique regardless of case.")
                      if original is None else
                      self.tr("Up to {most} characters. Names are unique regardless of case. "
                              "Keys limited to “{name}” follow the new name.")
                      ).format(most=NAME_MAX, name=original)
        self._refused: dict[str, str] = {}  # names the store refused, and why
        self._busy = False
        self._scoped_keys = scoped_keys  # keys limited to the project being renamed
        self.warning: Banner | None = None
        self._build(action, initial)
        self._validate()

    def _build(self, action: str, initial: str) -> None:
        self.edit = QLineEdit(initial, self)
        self.edit.setObjectName("projectNameEdit")
        self.edit.setAccessibleName(self.tr("Project name"))
        self.edit.setPlaceholderText(self.tr("e.g. billing-service"))
        # no maxLength: too long is explained, and a pasted token refused as one, not cut short
        self.edit.selectAll()
        self.message = FieldMessage("projectNameError", self)
        self.message.describe(self.edit)
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("projectNameOk")
        self.ok.setAccessibleName(action)
        with_role(self.ok, "primary")
        self.ok.setDefault(True)
        self.cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setObjectName("projectNameCancel")
        self.cancel.setAccessibleName(self.tr("Cancel"))
        self.ok.clicked.connect(self._submit)
        self.cancel.clicked.connect(self.reject)
        self.edit.textChanged.connect(self._validate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(section_label(self.tr("Project &name"), self.edit))
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        if self._original is not None:
            self.warning = Banner("projectRenameWarning", "warning", parent=self)
            layout.addSpacing(8)
            layout.addWidget(self.warning)
        layout.addSpacing(16)
        layout.addWidget(buttons)

    def _check(self) -> tuple[str | None, str]:
        """The cleaned name (None when it cannot be submitted) and an error sentence, if any."""
        text = self.edit.text()
        if text in self._refused:
            return None, self._refused[text]
        try:
            name = clean_name(text, "project", "project")
        except ValidationError as error:
            return None, ("" if not text and self._original is None
                          else rule_message(error.message))
        if name == self._original:
            return None, ""
        if name_key(name) in self._taken:
            existing = self._taken[name_key(name)]
            return None, self.tr("A project named “{name}” already exists; choose another "
                                 "name.").format(name=existing)
        return name, ""

    def _validate(self) -> None:
        name, problem = self._check()
        if problem:
            self.message.show_message("error", problem)
        else:
            self.message.show_message("hint", self._hint)
        self.ok.setEnabled(name is not None and not self._busy)
        if self.warning is not None and self._original is not None:
            self.warning.set_text(rename_warning(self._original, name, self._scoped_keys))

    def _submit(self) -> None:
        name, _ = self._check()
        if name is not None and not self._busy:
            self._set_busy(True)
            self.submitted.emit(name)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.edit.setReadOnly(busy)
        self.cancel.setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
        self._validate()

    def show_error(self, message: str, retry: bool = True) -> None:
        """The store refused: say why next to the field and keep what the user typed."""
        if not retry:
            self._refused[self.edit.text()] = message
        self._set_busy(False)
        self.message.show_message("error", message)
        self.edit.setFocus()

    def reject(self) -> None:
        """Esc and Cancel close the dialog, except while the write is running."""
        if not self._busy:
            super().reject()


def rename_warning(old: str, new: str | None, scoped_keys: int) -> str:
    """What renaming ``old`` does to apps: keys limited to it refuse the old name from then on
    (keys for all projects accept any name, so they are not counted)."""
    instead = (translate("ProjectNameDialog", "“{name}”").format(name=new) if new
               else translate("ProjectNameDialog", "the new name"))
    if scoped_keys:
        text = translate("ProjectNameDialog", "Apps that pass “{old}” will be refused by the %n "
                         "key(s) limited to it once it is renamed: update them to pass {new} "
                         "instead.", "", scoped_keys)
    else:
        text = translate("ProjectNameDialog", "Apps that pass “{old}” will be refused by keys "
                         "limited to it (none is now) once it is renamed: update them to pass "
                         "{new} instead.")
    return text.format(old=old, new=instead)

