"""Edit → Settings: how copied keys are cleared, where keychain keys go, defaults for new keys,
expiry reminders, the window's language.

The dialog is two columns of titled sections: this computer's preferences on the left, and on
the right the sections other parts add with :meth:`add_section` (the Database and Key policy
sections: the registry's) — one column of six would be taller than a laptop's screen. Each has a
callback that saves it when OK is pressed, and may add a check (:meth:`add_check`) that runs
first and can hold the save back — to test a registry, say.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
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
from .i18n import LANGUAGES, QT_TRANSLATE_NOOP, system_language, translate
from .rule_messages import rule_message
from .settings import DELIVERY_CLIPBOARD, DELIVERY_KEYCHAIN, AppSettings
from .widgets import SPACING, FieldMessage, separator
from .wording import expiration_presets, no_expiration

MAX_CLIPBOARD_TIMEOUT = 3600
SECTION_WIDTH = 66 * SPACING
DELIVERY_CHOICES = (  # translated where shown
    (DELIVERY_CLIPBOARD, QT_TRANSLATE_NOOP("SettingsDialog", "Copy to clipboard")),
    (DELIVERY_KEYCHAIN, QT_TRANSLATE_NOOP("SettingsDialog", "Save to OS keychain")),
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
        self.setWindowTitle(self.tr("Settings"))
        self._buttons = self._build_buttons()
        self._own, self._added = _column(), _column()
        self._sections = self._own  # where add_section puts a section: ours while building
        self._build_clipboard_section()
        self._build_keychain_section()
        self._build_new_keys_section()
        self._build_reminders_section()
        self._build_language_section()
        self._sections = self._added
        columns = QHBoxLayout()
        columns.setSpacing(3 * SPACING)
        columns.addLayout(self._own)
        columns.addLayout(self._added)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * SPACING, 3 * SPACING, 3 * SPACING, 2 * SPACING)
        layout.setSpacing(2 * SPACING)
        layout.addLayout(columns, 1)
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
        self._sections.insertWidget(self._sections.count() - 1, box)  # above the stretch
        if on_save is not None:
            self._savers.append(on_save)
        return form

    def add_check(self, check: Callable[[Callable[[], None]], None]) -> None:
        """``check(proceed)`` runs when OK is pressed, before anything is saved. It calls
        ``proceed()`` — at once, or later (after a background test or a question) — to go on
        saving, or never, to keep the dialog open. Cancel meanwhile voids its ``proceed``."""
        self._checks.append(check)

    def _build_clipboard_section(self) -> None:
        form = self.add_section(self.tr("Clipboard"), "clipboardSection")
        spin = QSpinBox()
        spin.setObjectName("clipboardTimeout")
        spin.setAccessibleName(self.tr("Clear the clipboard after, in seconds"))
        spin.setRange(0, MAX_CLIPBOARD_TIMEOUT)
        spin.setSuffix(self.tr(" s", "the unit after a number of seconds"))
        spin.setSpecialValueText(self.tr("Never"))
        spin.setValue(min(self.settings.clipboard_timeout, MAX_CLIPBOARD_TIMEOUT))
        spin.setMinimumWidth(15 * SPACING)
        spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        spin.setToolTip(self.tr(
            "Seconds after which a copied key is removed from the clipboard, unless something "
            "else was copied since. 0 means never."
        ))
        self.clipboard_timeout = spin
        hint = FieldMessage("clipboardTimeoutHint")
        hint.describe(spin)
        form.addRow(self.tr("Clear copied keys after:"), with_message(spin, hint))
        hint.show_message(  # once parented: a shown parentless widget would be a window
            "hint", self.tr("Only a key qkeys copied is cleared, never what you copied since.")
        )

    def _build_keychain_section(self) -> None:
        form = self.add_section(self.tr("OS keychain"), "keychainSection")
        edit = QLineEdit(self.settings.keychain_service)
        edit.setObjectName("keychainService")
        edit.setAccessibleName(self.tr("Keychain service name"))
        edit.setToolTip(
            self.tr("The service under which keys are saved; the account is the key's name."))
        edit.setClearButtonEnabled(True)
        edit.textChanged.connect(self._validate)
        self.keychain_service = edit
        self.keychain_message = FieldMessage("keychainServiceMessage")
        self.keychain_message.describe(edit)
        form.addRow(self.tr("Service name:"), with_message(edit, self.keychain_message))

    def _build_new_keys_section(self) -> None:
        form = self.add_section(self.tr("New keys"), "newKeysSection")
        self.default_expiration = _choice_box(
            "defaultExpiration",
            self.tr("Default expiration"),
            (*expiration_presets(), no_expiration()),
            self.settings.default_expiration,
            fallback=DEFAULT_PRESET,
        )
        self.default_expiration.setToolTip(self.tr("Preselected in the Create API Key dialog."))
        form.addRow(self.tr("Default expiration:"), self.default_expiration)
        self.default_delivery = _choice_box(
            "defaultDelivery",
            self.tr("Default delivery"),
            [(value, translate("SettingsDialog", label)) for value, label in DELIVERY_CHOICES],
            self.settings.default_delivery,
            fallback=DELIVERY_CLIPBOARD,
        )
        self.default_delivery.setToolTip(self.tr("Where a new key goes once it is created."))
        form.addRow(self.tr("Default delivery:"), self.default_delivery)

    def _build_reminders_section(self) -> None:
        form = self.add_section(self.tr("Reminders"), "remindersSection")
        box = QCheckBox(self.tr("Notify me when keys are about to expire"))
        box.setObjectName("expiryReminders")
        box.setAccessibleName(box.text())
        box.setToolTip(self.tr("A desktop notification when qkeys starts, and once a day while "
                               "it runs, about keys that expire within a week or have just "
                               "expired."))
        box.setChecked(self.settings.expiry_reminders)
        self.expiry_reminders = box
        form.addRow(self.tr("Expiry:"), box)

    def _build_language_section(self) -> None:
        """The window's language: the system's (named) or one chosen, each language named in
        itself so that whoever reads none of the others finds theirs. Like KeePassXC, it takes
        effect at the next start: every open window would have to be rebuilt."""
        form = self.add_section(self.tr("Language"), "languageSection")
        system = self.tr("System default ({language})").format(
            language=LANGUAGES[system_language()])
        self.language = _choice_box(
            "language", self.tr("Language"), [("", system), *LANGUAGES.items()],
            self.settings.language, fallback="")
        self.language.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        hint = FieldMessage("languageHint")
        hint.describe(self.language)
        form.addRow(self.tr("Language:"), with_message(self.language, hint))
        hint.show_message("hint", self.tr("Takes effect when qkeys restarts."))

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("settingsButtons")
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        ok.setObjectName("settingsOk")
        ok.setAccessibleName(self.tr("Save settings"))
        ok.setDefault(True)
        cancel.setObjectName("settingsCancel")
        cancel.setAccessibleName(self.tr("Discard changes"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    # -- behaviour --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Line up the label column of every section, including sections added later."""
        self._align_labels()
        self._fit_height()
        super().showEvent(event)

    def event(self, event: QEvent) -> bool:
        """A message grew a line (the layout posts LayoutRequest): make room for it."""
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            self._fit_height()
        return handled

    def _fit_height(self) -> None:
        """Be exactly as tall as the wrapped messages need at this width: a window's minimum
        size ignores height-for-width (they would be cut), and any height beyond it would be
        shared out among them (their text floating below their icons)."""
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        layout.activate()
        width = max(self.width(), layout.totalSizeHint().width())
        size = QSize(width, layout.totalHeightForWidth(width))
        if size != self.size():
            self.resize(size)

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
            self.keychain_message.show_message("error", rule_message(error.message))
            valid = False
        else:
            command = read_back_command(service, "NAME")
            self.keychain_message.show_message(
                "hint", self.tr("Read a saved key back with: {command}").format(command=command))
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
        self.settings.expiry_reminders = self.expiry_reminders.isChecked()
        self.settings.language = self.language.currentData()
        for save in self._savers:
            save()
        set_clipboard_timeout(timeout)
        super().accept()


def with_message(field: QWidget, *messages: FieldMessage) -> QWidget:
    """A field with its message lines right under it, as one cell of a form (a cell of its
    own: a form row gives a wrapped message its guessed height, not the one its width needs)."""
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(SPACING // 2)
    column.addWidget(field)
    for message in messages:
        column.addWidget(_fit_message(message))
    return cell


def _column() -> QVBoxLayout:
    """A column of sections, kept at the top by a stretch below them."""
    column = QVBoxLayout()
    column.setSpacing(2 * SPACING)
    column.addStretch(1)
    return column


def _fit_message(message: FieldMessage) -> FieldMessage:
    """Let a message take the height its width needs: FieldMessage's fixed height is its
    sizeHint, guessed for a narrow width, far too tall here (its text then floats in the
    middle, below its icon)."""
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    message.setSizePolicy(policy)
    return message


def _choice_box(
    object_name: str,
    accessible_name: str,
    choices: Sequence[tuple[str, str]],
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
