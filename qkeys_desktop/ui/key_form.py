"""The fields of a new key, checked as the user types with the core's own rules.

The form only reads and checks; the Create dialog around it loads what the checks need
(existing names, projects, the keychain's availability) and does the creating.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import ValidationError
from ..core.expiration import DEFAULT_PRESET, parse_expiration, start_of_local_day
from ..core.permissions import ALL_PERMISSIONS, Permission
from ..core.store import Store
from ..core.validation import (
    check_expiration,
    check_permissions,
    check_scope,
    clean_name,
    name_key,
)
from .icons import icon
from .project_picker import ProjectPicker
from .settings import DELIVERY_CLIPBOARD, DELIVERY_KEYCHAIN, AppSettings
from .tasks import TaskRunner
from .theme import tone_color
from .widgets import FieldMessage, control, section_label
from .wording import (
    DATE_PATTERN,
    EXPIRATION_PRESETS,
    NEVER,
    NO_EXPIRATION,
    expiry_date,
    format_full,
    permission_label,
)

CUSTOM = "custom"
#: (preset, label) as the expiration menu lists them
EXPIRATION_CHOICES = (*EXPIRATION_PRESETS, (CUSTOM, "Custom date…"), NO_EXPIRATION)
PERMISSION_HELP = {
    Permission.CREATE: "Create new resources",
    Permission.READ: "Read and list resources",
    Permission.WRITE: "Change existing resources",
    Permission.DELETE: "Delete resources",
    Permission.INVITE: "Invite people to projects",
}
FIELDS = ("name", "expiration", "permissions", "projects")


def taken_name_keys(names: Iterable[str]) -> set[str]:
    """Existing key names as the uniqueness rule compares them (case-insensitively)."""
    return {name_key(n) for n in names}


def _section(*rows: QWidget | QLayout) -> QVBoxLayout:
    layout = QVBoxLayout()
    layout.setSpacing(6)
    for row in rows:
        if isinstance(row, QLayout):
            layout.addLayout(row)
        else:
            layout.addWidget(row)
    return layout


class KeyForm(QWidget):
    """Name, expiration, permissions, scope and delivery, each with its message line."""

    changed = Signal()  # any field changed: the dialog refreshes its Create button

    def __init__(self, store: Store, runner: TaskRunner, settings: AppSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.settings = store, settings
        self.keychain_reason: str | None = None
        self._taken: set[str] = set()
        self._server_errors: dict[str, str] = {}
        self._touched: set[str] = {"expiration"}  # nothing to type: its problems show at once
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        for section in (self._name_section(), self._expiration_section(),
                        self._permission_section(), self._scope_section(runner),
                        self._delivery_section()):
            layout.addLayout(section)
        self._apply_defaults()

    # -- sections ---------------------------------------------------------------------------

    def _name_section(self) -> QVBoxLayout:
        self.name_edit = control(QLineEdit(), "nameEdit", "Key name",
                                 "A name that says where the key is used; it must be unique")
        self.name_edit.setPlaceholderText("e.g. GitHub Actions deploy")
        # No maxLength: it would cut a pasted token (66 characters) to 64 without a word, and
        # the core's rules must see what was pasted to refuse it for what it is.
        self.name_edit.setClearButtonEnabled(True)
        self.name_edit.textChanged.connect(self._name_changed)
        self.name_message = FieldMessage("nameMessage")
        return _section(section_label("&Name", self.name_edit), self.name_edit,
                        self.name_message)

    def _expiration_section(self) -> QVBoxLayout:
        self.expiration_combo = control(QComboBox(), "expirationCombo", "Expiration",
                                        "When the key stops working")
        for preset, text in EXPIRATION_CHOICES:
            self.expiration_combo.addItem(text, preset)
        self.expiration_combo.currentIndexChanged.connect(lambda _i: self._expiration_changed())
        self.date_edit = control(QDateEdit(), "customDateEdit", "Custom expiration date",
                                 "The key stops working at the start of this day (local time)")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_PATTERN)
        self.date_edit.dateChanged.connect(lambda _d: self._changed("expiration"))
        height = self.name_edit.sizeHint().height()  # line up with the styled text fields
        for widget in (self.expiration_combo, self.date_edit):
            widget.setMinimumHeight(height)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.expiration_combo, 1)
        row.addWidget(self.date_edit, 1)
        self.expiration_message = FieldMessage("expirationMessage")
        return _section(section_label("&Expiration", self.expiration_combo), row,
                        self.expiration_message)

    def _permission_section(self) -> QVBoxLayout:
        self.permission_boxes: dict[Permission, QCheckBox] = {}
        row = QHBoxLayout()
        row.setSpacing(24)
        for permission in ALL_PERMISSIONS:
            name = permission_label(permission)
            box = control(QCheckBox(name), f"perm_{name.lower()}", f"{name} permission",
                          f"{name}: {PERMISSION_HELP[permission]}")
            box.toggled.connect(lambda _c: self._permissions_changed())
            self.permission_boxes[permission] = box
            row.addWidget(box)
        row.addStretch(1)
        self.select_all = control(QCheckBox("Select all"), "selectAllPermissions",
                                  "Select all permissions", "Tick or untick every permission")
        self.select_all.setTristate(True)
        self.select_all.clicked.connect(self._select_all_clicked)
        header = QHBoxLayout()
        header.addWidget(section_label("Permissions"))
        header.addStretch(1)
        header.addWidget(self.select_all)
        self.permissions_message = FieldMessage("permissionsMessage")
        return _section(header, row, self.permissions_message)

    def _scope_section(self, runner: TaskRunner) -> QVBoxLayout:
        self.limit_check = control(
            QCheckBox("Limit to specific projects"), "limitProjectsCheck",
            "Limit to specific projects",
            "Off: the key works for every project. On: only for the ticked ones")
        self.limit_check.toggled.connect(self._limit_toggled)
        self.picker = ProjectPicker(self.store, runner)
        self.picker.changed.connect(lambda: self._changed("projects"))
        self.picker.project_added.connect(lambda _n: self._touched.add("projects"))
        self.picker.setVisible(False)
        self.projects_message = FieldMessage("projectsMessage")
        return _section(section_label("Scope"), self.limit_check, self.picker,
                        self.projects_message)

    def _delivery_section(self) -> QVBoxLayout:
        muted = tone_color("muted", self.palette()).name()
        self.deliver_clipboard = control(QRadioButton("Copy to clipboard"), "deliverClipboard",
                                         "Copy the new key to the clipboard",
                                         "Show the key once, with a button to copy it")
        self.deliver_clipboard.setIcon(icon("clipboard", muted))
        self.deliver_keychain = control(QRadioButton("Save to OS keychain"), "deliverKeychain",
                                        "Save the new key to the OS keychain",
                                        "Store the key in the system keychain (keyring)")
        self.deliver_keychain.setIcon(icon("keychain", muted))
        self.delivery_group = QButtonGroup(self)
        row = QHBoxLayout()
        row.setSpacing(24)
        for button in (self.deliver_clipboard, self.deliver_keychain):
            button.setIconSize(QSize(16, 16))
            self.delivery_group.addButton(button)
            button.toggled.connect(lambda _c: self._update_delivery_message())
            row.addWidget(button)
        row.addStretch(1)
        self.delivery_message = FieldMessage("deliveryMessage")
        return _section(section_label("Delivery"), row, self.delivery_message)

    def _apply_defaults(self) -> None:
        today = QDate.currentDate()
        self.date_edit.setMinimumDate(today.addDays(1))
        self.date_edit.setMaximumDate(today.addDays(3650))
        self.date_edit.setDate(today.addDays(30))
        index = self.expiration_combo.findData(self.settings.default_expiration)
        if index < 0:
            index = self.expiration_combo.findData(DEFAULT_PRESET)
        self.expiration_combo.setCurrentIndex(index)
        self._expiration_changed()
        self.permission_boxes[Permission.READ].setChecked(True)  # least privilege that is useful
        self._touched.discard("permissions")
        keychain = self.settings.default_delivery == DELIVERY_KEYCHAIN
        (self.deliver_keychain if keychain else self.deliver_clipboard).setChecked(True)

    # -- what the dialog loads --------------------------------------------------------------

    def set_taken(self, keys: set[str]) -> None:
        """Names of existing keys, for the uniqueness rule as the user types, already folded
        (:func:`taken_name_keys`, in a worker thread): 100,000 of them then cost the UI thread
        nothing."""
        self._taken = keys
        self._changed("")

    def set_keychain_reason(self, reason: str | None) -> None:
        """Disable keychain delivery with ``reason`` (None: the keychain looks usable)."""
        self.keychain_reason = reason
        self.deliver_keychain.setEnabled(reason is None)
        self.deliver_keychain.setToolTip(reason or "Store the key in the system keychain")
        if reason and self.deliver_keychain.isChecked():
            self.deliver_clipboard.setChecked(True)
        self._update_delivery_message()

    def set_server_error(self, field: str, message: str) -> None:
        """Show the store's refusal next to its field until that field changes."""
        self._server_errors[field] = message
        self._touched.add(field)
        self.validate()
        target = {"name": self.name_edit, "expiration": self.expiration_combo,
                  "permissions": self.permission_boxes[Permission.READ],
                  "projects": self.picker.list}[field]
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def touch_all(self) -> None:
        """Show every field's problem (after an attempt to create)."""
        self._touched.update(FIELDS)

    # -- values and rules -------------------------------------------------------------------

    def name(self) -> str:
        """The trimmed name; raises ValidationError with the core's message."""
        name = clean_name(self.name_edit.text())
        if name_key(name) in self._taken:
            raise ValidationError("name", f"A key named {name!r} already exists; "
                                          "choose another name.")
        return name

    def expires_at(self) -> datetime | None:
        """The moment the chosen expiration means now; raises ValidationError if refused."""
        now = self.store.clock()
        preset = self.expiration_combo.currentData()
        if preset == CUSTOM:
            day = self.date_edit.date()
            moment: datetime | None = start_of_local_day(
                date(day.year(), day.month(), day.day()))
        else:
            moment = parse_expiration(str(preset), now)
        return check_expiration(moment, now)

    def permissions(self) -> list[Permission]:
        """The ticked permissions; raises ValidationError when none is."""
        chosen = [p for p, box in self.permission_boxes.items() if box.isChecked()]
        check_permissions(chosen)
        return chosen

    def projects(self) -> list[str] | None:
        """None for all projects, else the ticked ones; raises ValidationError when none is."""
        if not self.limit_check.isChecked():
            return None
        return check_scope(self.picker.checked_names())

    def delivery(self) -> str:
        """'clipboard' or 'keychain', as picked."""
        return DELIVERY_KEYCHAIN if self.deliver_keychain.isChecked() else DELIVERY_CLIPBOARD

    def problems(self) -> dict[str, str]:
        """What keeps the key from being created, by field, in the core's words."""
        found: dict[str, str] = {}
        for field, check in (("name", self.name), ("expiration", self.expires_at),
                             ("permissions", self.permissions), ("projects", self.projects)):
            try:
                check()
            except ValidationError as error:
                found[field] = error.message
        found.update(self._server_errors)
        return {field: found[field] for field in FIELDS if field in found}

    def validate(self) -> dict[str, str]:
        """Refresh each field's message; returns the problems (empty when valid)."""
        problems = self.problems()
        for field, message in self._messages().items():
            if field in problems and field in self._touched:
                message.show_message("error", problems[field])
            else:
                self._show_hint(field)
        return problems

    def _messages(self) -> dict[str, FieldMessage]:
        return {"name": self.name_message, "expiration": self.expiration_message,
                "permissions": self.permissions_message, "projects": self.projects_message}

    def _show_hint(self, field: str) -> None:
        if field == "expiration":
            self._show_expiry_hint()
        elif field == "projects" and self.limit_check.isChecked() and not self.picker.names():
            self.projects_message.show_message(
                "hint", "No projects yet: add one with “New project…”.", "info")
        elif field == "name":
            self.name_message.show_message("hint", "Shown in the key list and the activity log; "
                                                   "it must be unique.")
        else:
            self._messages()[field].show_message("hint", "")

    def _show_expiry_hint(self) -> None:
        if self.expiration_combo.currentData() == NEVER:
            self.expiration_message.show_message(
                "warning", "Keys that never expire are a risk if leaked. Prefer a date and "
                           "regenerate the key when it is due.")
            self.expiration_message.setToolTip("")
            return
        try:
            moment = self.expires_at()
        except ValidationError as error:
            self.expiration_message.show_message("error", error.message)
            return
        assert moment is not None
        self.expiration_message.show_message("hint", f"Expires on {expiry_date(moment)}",
                                             "calendar")
        self.expiration_message.setToolTip(format_full(moment))

    # -- reactions --------------------------------------------------------------------------

    def _changed(self, field: str) -> None:
        self._server_errors.pop(field, None)
        self.validate()
        self.changed.emit()

    def _name_changed(self, text: str) -> None:
        if text:  # "Enter a name" only once something was typed (or Create was tried)
            self._touched.add("name")
        self._changed("name")

    def _expiration_changed(self) -> None:
        self.date_edit.setVisible(self.expiration_combo.currentData() == CUSTOM)
        self._changed("expiration")

    def _permissions_changed(self) -> None:
        self._touched.add("permissions")
        ticked = sum(box.isChecked() for box in self.permission_boxes.values())
        state = (Qt.CheckState.Unchecked if not ticked else Qt.CheckState.Checked
                 if ticked == len(self.permission_boxes) else Qt.CheckState.PartiallyChecked)
        self.select_all.setCheckState(state)
        self._changed("permissions")

    def _select_all_clicked(self) -> None:
        tick = not all(box.isChecked() for box in self.permission_boxes.values())
        for box in self.permission_boxes.values():
            box.blockSignals(True)
            box.setChecked(tick)
            box.blockSignals(False)
        self._permissions_changed()

    def _limit_toggled(self, limited: bool) -> None:
        self.picker.setVisible(limited)
        if limited and self.picker.names():
            self._touched.add("projects")
        elif limited:  # nothing to tick yet: straight to naming the first project
            self.picker.start_new_project()
        self._changed("projects")

    def _update_delivery_message(self) -> None:
        if self.keychain_reason:
            self.delivery_message.show_message(
                "warning", f"The OS keychain can't be used: {self.keychain_reason}")
        elif self.deliver_keychain.isChecked():
            self.delivery_message.show_message(
                "hint", f"Saved under service “{self.settings.keychain_service}”, with the "
                        "key's name as account.")
        else:
            seconds = self.settings.clipboard_timeout
            self.delivery_message.show_message(
                "hint", f"Shown once; the clipboard is cleared {seconds} s after copying."
                if seconds else "Shown once, with a button to copy it.")
