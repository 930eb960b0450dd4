"""Edit → Settings: how copied keys are cleared, where keychain keys go, defaults for new keys.

The dialog is a column of titled sections. Other parts add theirs with :meth:`add_section`
(the Database section does), each with a callback that saves it when OK is pressed, and may add
a check (:meth:`add_check`) that runs first and can hold the save back — to test a registry, say.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import ValidationError
from ..core.expiration import DEFAULT_PRESET
from ..core.keychain import read_back_command
from ..core.validation import clean_name
from .clipboard import set_clipboard_timeout
from .settings import DELIVERY_CLIPBOARD, DELIVERY_KEYCHAIN, AppSettings
from .widgets import SPACING, FieldMessage, separator
from .wording import EXPIRATION_PRESETS, NO_EXPIRATION

MAX_CLIPBOARD_TIMEOUT = 3600
SECTION_WIDTH = 66 * SPACING
EXPIRATION_CHOICES = (*EXPIRATION_PRESETS, NO_EXPIRATION)
DELIVERY_CHOICES = (
    (DELIVERY_CLIPBOARD, "Copy to clipboard"),
    (DELIVERY_KEYCHAIN, "Save to OS keychain"),
)


class SettingsDialog(QDialog):
    """The preferences; OK saves them (and applies the clipboard timeout), Cancel discards."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._savers: list[Callable[[], None]] = []
        self._checks: list[Callable[[Callable[[], None]], None]] = []
        self._attempt = 0  # each OK press; a check answering for an older one is ignored
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self._buttons = self._build_buttons()
        self._sections = QVBoxLayout()
        self._sections.setSpacing(2 * SPACING)
        self._build_clipboard_section()
        self._build_keychain_section()
        self._build_new_keys_section()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * SPACING, 3 * SPACING, 3 * SPACING, 2 * SPACING)
        layout.setSpacing(2 * SPACING)
        layout.addLayout(self._sections)
        layout.addStretch(1)
        layout.addWidget(separator())
        layout.addWidget(self._buttons)
        self._validate()

    # -- sections ---------------------------------------------------------------------------

    def add_section(
        self, title: str, object_name: str, on_save: Callable[[], None] | None = None
    ) -> QFormLayout:
        """Append a titled section and return its form; ``on_save`` runs when OK is pressed."""
        box = QGroupBox(title)
        box.setObjectName(object_name)
        box.setMinimumWidth(SECTION_WIDTH)
        form = QFormLayout(box)
        form.setContentsMargins(2 * SPACING, 2 * SPACING, 2 * SPACING, 2 * SPACING)
        form.setHorizontalSpacing(2 * SPACING)
        form.setVerticalSpacing(SPACING)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._sections.addWidget(box)
        if on_save is not None:
            self._savers.append(on_save)
        return form

    def add_check(self, check: Callable[[Callable[[], None]], None]) -> None:
        """``check(proceed)`` runs when OK is pressed, before anything is saved. It calls
        ``proceed()`` — at once, or later (after a background test or a question) — to go on
        saving, or never, to keep the dialog open. Cancel meanwhile voids its ``proceed``."""
        self._checks.append(check)

    def _build_clipboard_section(self) -> None:
        form = self.add_section("Clipboard", "clipboardSection")
        spin = QSpinBox()
        spin.setObjectName("clipboardTimeout")
        spin.setAccessibleName("Clear the clipboard after, in seconds")
        spin.setRange(0, MAX_CLIPBOARD_TIMEOUT)
        spin.setSuffix(" s")
        spin.setSpecialValueText("Never")
        spin.setValue(min(self.settings.clipboard_timeout, MAX_CLIPBOARD_TIMEOUT))
        spin.setMinimumWidth(15 * SPACING)
        spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        spin.setToolTip(
            "Seconds after which a copied key is removed from the clipboard, unless something "
            "else was copied since. 0 means never."
        )
        self.clipboard_timeout = spin
        hint = FieldMessage("clipboardTimeoutHint")
        form.addRow("Clear copied keys after:", _with_message(spin, hint))
        hint.show_message(  # once parented: a shown parentless widget would be a window
            "hint", "Only a key qkeys copied is cleared, never what you copied since."
        )

    def _build_keychain_section(self) -> None:
        form = self.add_section("OS keychain", "keychainSection")
        edit = QLineEdit(self.settings.keychain_service)
        edit.setObjectName("keychainService")
        edit.setAccessibleName("Keychain service name")
        edit.setToolTip("The service under which keys are saved; the account is the key's name.")
        edit.setClearButtonEnabled(True)
        edit.textChanged.connect(self._validate)
        self.keychain_service = edit
        self.keychain_message = FieldMessage("keychainServiceMessage")
        form.addRow("Service name:", _with_message(edit, self.keychain_message))

    def _build_new_keys_section(self) -> None:
        form = self.add_section("New keys", "newKeysSection")
        self.default_expiration = _choice_box(
            "defaultExpiration",
            "Default expiration",
            EXPIRATION_CHOICES,
            self.settings.default_expiration,
            fallback=DEFAULT_PRESET,
        )
        self.default_expiration.setToolTip("Preselected in the Create API Key dialog.")
        form.addRow("Default expiration:", self.default_expiration)
        self.default_delivery = _choice_box(
            "defaultDelivery",
            "Default delivery",
            DELIVERY_CHOICES,
            self.settings.default_delivery,
            fallback=DELIVERY_CLIPBOARD,
        )
        self.default_delivery.setToolTip("Where a new key goes once it is created.")
        form.addRow("Default delivery:", self.default_delivery)

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("settingsButtons")
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        ok.setObjectName("settingsOk")
        ok.setAccessibleName("Save settings")
        ok.setDefault(True)
        cancel.setObjectName("settingsCancel")
        cancel.setAccessibleName("Discard changes")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    # -- behaviour --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Line up the label column of every section, including sections added later."""
        self._align_labels()
        super().showEvent(event)

    def _align_labels(self) -> None:
        labels = self._form_labels()
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)

    def _form_labels(self) -> list[QLabel]:
        """The row labels of every section's form."""
        labels: list[QLabel] = []
        for form in self.findChildren(QFormLayout):
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                widget = item.widget() if item is not None else None
                if isinstance(widget, QLabel):
                    labels.append(widget)
        return labels

    @property
    def ok_button(self) -> QPushButton:
        """The OK button (disabled while a field is invalid)."""
        return self._buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _service_name(self) -> str:
        """The cleaned service name; raises ValidationError naming the fix."""
        return clean_name(self.keychain_service.text(), "keychain_service", "keychain service")

    def _validate(self) -> None:
        """Show the service name's error or read-back hint, and allow OK only when valid."""
        try:
            service = self._service_name()
        except ValidationError as error:
            self.keychain_message.show_message("error", error.message)
            valid = False
        else:
            command = read_back_command(service, "NAME")
            self.keychain_message.show_message("hint", f"Read a saved key back with: {command}")
            valid = True
        self.ok_button.setEnabled(valid)

    def accept(self) -> None:
        """Run the sections' checks, then save every section, apply the clipboard timeout now,
        and close."""
        try:
            self._service_name()
        except ValidationError:
            return  # OK is disabled then; Enter in a field must not save either
        self._attempt += 1
        self._run_checks(self._attempt, list(self._checks))

    def _run_checks(self, attempt: int, checks: list[Callable[[Callable[[], None]], None]]) -> None:
        if attempt != self._attempt:
            return  # cancelled, or OK pressed again, while a check was running
        if not checks:
            self._save_and_close()
            return
        first, rest = checks[0], checks[1:]
        first(lambda: self._run_checks(attempt, rest))

    def done(self, result: int) -> None:
        """Closing (OK or Cancel) voids any check still under way."""
        self._attempt += 1
        super().done(result)

    def _save_and_close(self) -> None:
        try:
            service = self._service_name()
        except ValidationError:
            return
        timeout = self.clipboard_timeout.value()
        self.settings.clipboard_timeout = timeout
        self.settings.keychain_service = service
        self.settings.default_expiration = self.default_expiration.currentData()
        self.settings.default_delivery = self.default_delivery.currentData()
        for save in self._savers:
            save()
        set_clipboard_timeout(timeout)
        super().accept()


def _with_message(field: QWidget, message: FieldMessage) -> QWidget:
    """A field with its message line right under it, as one cell of a form."""
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(SPACING // 2)
    column.addWidget(field)
    column.addWidget(message)
    # FieldMessage's fixed height is its sizeHint, guessed for a narrow width: far too tall here
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    message.setSizePolicy(policy)
    return cell


def _choice_box(
    object_name: str,
    accessible_name: str,
    choices: tuple[tuple[str, str], ...],
    current: str,
    fallback: str,
) -> QComboBox:
    """A combo box of (value, label) choices with ``current`` (else ``fallback``) selected."""
    box = QComboBox()
    box.setObjectName(object_name)
    box.setAccessibleName(accessible_name)
    for value, label in choices:
        box.addItem(label, value)
    index = box.findData(current)
    box.setCurrentIndex(index if index >= 0 else box.findData(fallback))
    return box
