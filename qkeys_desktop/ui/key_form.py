"""The fields of a key, checked as the user types with the core's own rules.

The form only reads and checks; the dialog around it (Create, Edit) loads what the checks need
(existing names, projects, the registry's lifetime policy, the keychain's availability) and does
the writing. Two of its parts stand on their own, for the Rotate dialog too: the expiration
menu (:class:`ExpirationField`, which knows the registry's policy) and the delivery choice
(:class:`DeliveryChoice`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QStandardItemModel, QTextCharFormat, QValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.changes import UNCHANGED, Unchanged
from ..core.errors import ValidationError
from ..core.expiration import DEFAULT_PRESET, PRESET_DAYS, parse_expiration, start_of_local_day
from ..core.limits import USES_MAX, Rate, check_rate, check_refill, check_uses, describe_rate
from ..core.permissions import ALL_PERMISSIONS, Permission
from ..core.policy import NO_POLICY, RegistryPolicy, check_against
from ..core.records import KeyRecord, ProjectRecord
from ..core.store import Store
from ..core.validation import (
    DESCRIPTION_MAX,
    NAME_MAX,
    check_expiration,
    check_permissions,
    check_scope,
    clean_description,
    clean_name,
    name_key,
)
from .i18n import QT_TRANSLATE_NOOP, translate
from .icons import icon
from .project_picker import ProjectPicker
from .rule_messages import rule_message
from .settings import DELIVERY_CLIPBOARD, DELIVERY_KEYCHAIN, AppSettings
from .tasks import TaskRunner
from .theme import muted_color, tone_color
from .usage_chart import count_text
from .widgets import FieldMessage, control, muted, scaled_font, section_label, set_text_color
from .wording import (
    NEVER,
    date_pattern,
    expiration_presets,
    expiry_date,
    format_date,
    format_full,
    in_window_quotes,
    no_expiration,
    permission_label,
)

CUSTOM = "custom"
KEEP = "keep"  # the Edit and Rotate dialogs' first choice: leave the expiry as it is
# The English below is translated where it is shown (``translate(context, constant)``); the
# QT_TRANSLATE_NOOP marks let lupdate find it. Each is a whole sentence, for German to reorder.
#: what each permission allows: the checkbox's accessible description
PERMISSION_HELP = {
    Permission.CREATE: QT_TRANSLATE_NOOP("KeyForm", "Create new resources"),
    Permission.READ: QT_TRANSLATE_NOOP("KeyForm", "Read and list resources"),
    Permission.WRITE: QT_TRANSLATE_NOOP("KeyForm", "Change existing resources"),
    Permission.DELETE: QT_TRANSLATE_NOOP("KeyForm", "Delete resources"),
    Permission.INVITE: QT_TRANSLATE_NOOP("KeyForm", "Invite people to projects"),
}
#: the permission's name and what it allows: the help line and the checkbox's tooltip
PERMISSION_LINES = {
    Permission.CREATE: QT_TRANSLATE_NOOP("KeyForm", "Create: create new resources"),
    Permission.READ: QT_TRANSLATE_NOOP("KeyForm", "Read: read and list resources"),
    Permission.WRITE: QT_TRANSLATE_NOOP("KeyForm", "Write: change existing resources"),
    Permission.DELETE: QT_TRANSLATE_NOOP("KeyForm", "Delete: delete resources"),
    Permission.INVITE: QT_TRANSLATE_NOOP("KeyForm", "Invite: invite people to projects"),
}
LIMIT_FIELDS = ("uses", "refill", "rate")
FIELDS = ("name", "description", "expiration", "permissions", "projects", *LIMIT_FIELDS)
#: (value, label) of the refill and rate-window menus
REFILL_CHOICES = ((None, QT_TRANSLATE_NOOP("LimitsField", "never")),
                  ("daily", QT_TRANSLATE_NOOP("LimitsField", "daily")),
                  ("monthly", QT_TRANSLATE_NOOP("LimitsField", "monthly")))
WINDOW_CHOICES = ((1, QT_TRANSLATE_NOOP("LimitsField", "second")),
                  (60, QT_TRANSLATE_NOOP("LimitsField", "minute")),
                  (3600, QT_TRANSLATE_NOOP("LimitsField", "hour")))
NO_LIMITS = QT_TRANSLATE_NOOP("LimitsField", "None: any number of checks, at any rate")
NEVER_WARNING = QT_TRANSLATE_NOOP("ExpirationField", "Keys that never expire are a risk if "
                                                     "leaked. Prefer a date and rotate the key "
                                                     "when it is due.")


def permission_help(permission: Permission) -> str:
    """The permission's name and what it allows, e.g. "Read: read and list resources"."""
    return translate("KeyForm", PERMISSION_LINES[permission])


def taken_name_keys(names: Iterable[str]) -> set[str]:
    """Existing key names as the uniqueness rule compares them (case-insensitively)."""
    return {name_key(n) for n in names}


def policy_refusal(preset: str, policy: RegistryPolicy) -> str | None:
    """Why the registry's policy rules out an expiration preset, or None when it allows it."""
    limit = policy.max_lifetime_days
    if preset in PRESET_DAYS and limit is not None and PRESET_DAYS[preset] > limit:
        return translate("ExpirationField",
                         "This registry's policy allows keys to live at most %n day(s).", "", limit)
    if preset == NEVER and not policy.allow_never:
        return translate("ExpirationField", "This registry's policy requires every key to expire.")
    return None


def _local_date(day: QDate) -> str:
    """A picked day in the window's date words."""
    return format_date(start_of_local_day(date(day.year(), day.month(), day.day())))


def _section(*rows: QWidget | QLayout) -> QVBoxLayout:
    layout = QVBoxLayout()
    layout.setSpacing(6)
    for row in rows:
        if isinstance(row, QLayout):
            layout.addLayout(row)
        else:
            layout.addWidget(row)
    return layout


@dataclass(frozen=True, slots=True)
class KeepChoice:
    """The "leave it" entry of an expiration menu: its label, the moment it means at a given
    now, and whether that moment must pass the rules (a rotation's new lifetime must; an edit
    that keeps an expiry changes nothing, so it need not)."""

    label: str
    moment: Callable[[datetime], datetime | None]
    checked: bool


class ExpiryDateEdit(QDateEdit):
    """The custom expiry date: a date field with a calendar popup, from ``earliest`` on.

    Qt's own field has three flaws fixed here: a month or year step that would land before the
    minimum changes the value but not the text (December 31 shown, December 30 meant), a typed
    date before the minimum is refused keystroke by keystroke without a word (``past_typed``
    says which date was refused, for the form to explain), and in the popup the days before the
    minimum look just as pickable as the others.
    """

    past_typed = Signal(QDate)

    def __init__(self) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_pattern())  # the window's language's order of day and month
        self._greyed: list[QDate] = []
        self._fit_calendar()

    def set_earliest(self, day: QDate) -> None:
        """Allow ``day`` and later; the calendar shows the days before it as unavailable."""
        self.setMinimumDate(day)
        calendar = self.calendarWidget()
        for old in self._greyed:
            calendar.setDateTextFormat(old, QTextCharFormat())
        unavailable = QTextCharFormat()
        unavailable.setForeground(muted_color(self.palette()))
        # the first page the calendar can show starts at most six weeks before ``day``
        self._greyed = [day.addDays(-offset) for offset in range(1, 43)]
        for past in self._greyed:
            calendar.setDateTextFormat(past, unavailable)

    def _fit_calendar(self) -> None:
        """Room for whole weekday names and six whole weeks in the popup, at any font size."""
        calendar = self.calendarWidget()
        metrics = calendar.fontMetrics()
        names = [QLocale().dayName(day, QLocale.FormatType.ShortFormat) for day in range(1, 8)]
        cell = QSize(max(metrics.horizontalAdvance(name) for name in [*names, "00"]) + 14,
                     metrics.height() + 8)
        navigation = calendar.findChild(QWidget, "qt_calendar_navigationbar")
        top = navigation.sizeHint().height() if navigation is not None else cell.height()
        calendar.setMinimumSize(cell.width() * 7, top + cell.height() * 7)
        view = calendar.findChild(QTableView)
        if view is not None:
            view.setObjectName("expiryCalendarView")

    def stepBy(self, steps: int) -> None:
        before = self.date()
        super().stepBy(steps)
        shown = self.locale().toDate(self.text(), self.displayFormat())
        if shown.isValid() and shown != self.date():
            # Qt clamped the value at the minimum but left the text: keep what is shown
            self.setDate(shown if shown >= self.minimumDate() else before)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        result = super().validate(text, pos)
        if result[0] == QValidator.State.Invalid:
            typed = self.locale().toDate(text, self.displayFormat())
            if typed.isValid() and typed < self.minimumDate():
                self.past_typed.emit(typed)
        return result


class ExpirationField(QWidget):
    """The expiration menu (presets, a custom date, never, and maybe "keep"), its date picker
    and its message line, checked against the general rules and the registry's lifetime policy:
    presets the policy rules out are disabled, with the policy as their tooltip."""

    changed = Signal()

    def __init__(self, store: Store, settings: AppSettings, parent: QWidget | None = None,
                 *, keep: KeepChoice | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.policy = NO_POLICY
        self._keep = keep
        self._default = settings.default_expiration
        self._server_error = ""
        self.combo = control(QComboBox(), "expirationCombo", self.tr("Expiration"),
                             self.tr("When the key stops working"))
        if keep is not None:
            self.combo.addItem(keep.label, KEEP)
        for choice, text in (*expiration_presets(), (CUSTOM, self.tr("Custom date…")),
                             no_expiration()):
            self.combo.addItem(text, choice)
        self.date_edit = control(
            ExpiryDateEdit(), "customDateEdit", self.tr("Custom expiration date"),
            self.tr("The key stops working at the start of this day (local time)"))
        self._refused: QDate | None = None  # a past date typed and refused, until explained
        self.message = FieldMessage("expirationMessage")
        self.message.describe(self.combo, self.date_edit)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.combo, 1)
        row.addWidget(self.date_edit, 1)
        layout = _section(row, self.message)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setLayout(layout)
        today = QDate.currentDate()
        self.date_edit.set_earliest(today.addDays(1))
        self.date_edit.setMaximumDate(today.addDays(3650))
        self.date_edit.setDate(today.addDays(30))
        self.combo.setCurrentIndex(self._default_index())
        self.combo.currentIndexChanged.connect(lambda _i: self._changed())
        self.date_edit.dateChanged.connect(lambda _d: self._changed())
        self.date_edit.past_typed.connect(self._past_typed)
        self._changed()

    def match_height(self, height: int) -> None:
        """Line the menu and the date picker up with the styled text fields."""
        for widget in (self.combo, self.date_edit):
            widget.setMinimumHeight(height)

    # -- the registry's policy --------------------------------------------------------------

    def set_policy(self, policy: RegistryPolicy) -> None:
        """Disable what the policy rules out (saying why), and move off a ruled-out choice."""
        self.policy = policy
        model = self.combo.model()
        assert isinstance(model, QStandardItemModel)  # QComboBox's own model
        for index in range(self.combo.count()):
            choice = str(self.combo.itemData(index))
            refusal = (self._keep_refusal() if choice == KEEP
                       else policy_refusal(choice, policy))
            item = model.item(index)
            item.setEnabled(refusal is None)
            item.setToolTip(refusal or "")
        today = QDate.currentDate()
        limit = policy.max_lifetime_days
        self.date_edit.setMaximumDate(today.addDays(3650 if limit is None else limit))
        if not self._allowed(self.combo.currentIndex()):
            self.combo.setCurrentIndex(self._default_index())
        self._changed()

    def _keep_refusal(self) -> str | None:
        """Why "keep" breaks the rules when it must pass them (a rotation's same lifetime
        beyond the policy), or None."""
        if self._keep is None or not self._keep.checked:
            return None
        now = self.store.clock()
        try:
            self._check(self._keep.moment(now), now)
        except ValidationError as error:
            return rule_message(error.message)
        return None

    def _allowed(self, index: int) -> bool:
        model = self.combo.model()
        assert isinstance(model, QStandardItemModel)
        item = model.item(index)
        return item is not None and item.isEnabled()

    def _default_index(self) -> int:
        """"Keep" when offered, else the user's default or the app's, else the longest preset
        the policy allows, else a custom date (which the policy caps)."""
        for preset in (KEEP, self._default, DEFAULT_PRESET):
            index = self.combo.findData(preset)
            if index >= 0 and self._allowed(index):
                return index
        allowed = [self.combo.findData(p) for p in PRESET_DAYS
                   if self._allowed(self.combo.findData(p))]
        return allowed[-1] if allowed else self.combo.findData(CUSTOM)

    # -- value ------------------------------------------------------------------------------

    def choice(self) -> str:
        """The chosen entry: a preset ('30d'), 'custom', 'never' or 'keep'."""
        return str(self.combo.currentData())

    def value(self) -> datetime | Unchanged | None:
        """The chosen expiry (UNCHANGED for "keep"); raises ValidationError if refused."""
        now = self.store.clock()
        choice = self.choice()
        if choice == KEEP:
            assert self._keep is not None
            if self._keep.checked:
                self._check(self._keep.moment(now), now)
            return UNCHANGED
        if choice == CUSTOM:
            day = self.date_edit.date()
            moment: datetime | None = start_of_local_day(date(day.year(), day.month(), day.day()))
        else:
            moment = parse_expiration(choice, now)
        return self._check(moment, now)

    def moment(self) -> datetime | None:
        """The moment the choice means now ("keep" included); raises ValidationError."""
        value = self.value()
        if isinstance(value, Unchanged):
            assert self._keep is not None
            return self._keep.moment(self.store.clock())
        return value

    def _check(self, moment: datetime | None, now: datetime) -> datetime | None:
        expiry = check_expiration(moment, now)
        check_against(self.policy, expiry, now)
        return expiry

    def problem(self) -> str | None:
        """What is wrong with the choice, in the core's words (or the store's), or None."""
        if self._server_error:
            return rule_message(self._server_error)
        try:
            self.value()
        except ValidationError as error:
            return rule_message(error.message)
        return None

    def set_server_error(self, message: str) -> None:
        """Show the store's refusal until the choice changes."""
        self._server_error = message
        self.refresh()
        self.combo.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- message ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the problem, or what the choice means: the date, or a warning for "never"."""
        problem = self.problem()
        self.message.setToolTip("")
        if problem:
            self.message.show_message("error", problem)
            return
        if self._refused is not None and self.choice() == CUSTOM:
            self.message.show_message("warning", self.tr(
                "{refused} is in the past: a key must expire tomorrow or later. The date stays "
                "{kept}.").format(refused=_local_date(self._refused),
                                  kept=_local_date(self.date_edit.date())))
            return
        moment = self.moment()
        now = self.store.clock()
        if moment is None:
            self.message.show_message("warning", translate("ExpirationField", NEVER_WARNING))
        elif moment <= now:  # kept as it is by an edit: say so, plainly
            self.message.show_message("warning", self.tr(
                "Expired on {date}; choose a new expiration to bring the key back.").format(
                    date=format_date(moment)))
        else:
            self.message.show_message("hint", self._expires_text(moment), "calendar")
            self.message.setToolTip(format_full(moment))

    def _expires_text(self, moment: datetime) -> str:
        """ "Expires on Mar 2, 2027 (in 90 days)", and the policy's limit when there is one."""
        days = self.policy.max_lifetime_days
        if days is None:
            return self.tr("Expires on {date}").format(date=expiry_date(moment))
        return self.tr("Expires on {date} — this registry allows at most %n day(s)", "",
                       days).format(date=expiry_date(moment))

    def _past_typed(self, day: QDate) -> None:
        """Explain a refused past date (Qt drops the keystroke and says nothing)."""
        self._refused = day
        self.refresh()

    def _changed(self) -> None:
        self._server_error = ""
        self._refused = None
        self.date_edit.setVisible(self.choice() == CUSTOM)
        self.refresh()
        self.changed.emit()


class DeliveryChoice(QWidget):
    """Where a new token goes: shown once for copying, or saved to the OS keychain."""

    changed = Signal()

    def __init__(self, settings: AppSettings, parent: QWidget | None = None, *,
                 service: str | None = None, keychain_note: str = "") -> None:
        """``service``: the keychain service it would be saved under (the settings' when None);
        ``keychain_note``: a sentence added to the keychain hint (the Rotate dialog's)."""
        super().__init__(parent)
        self.settings = settings
        self.service = service or settings.keychain_service
        self.keychain_note = keychain_note
        self.keychain_reason: str | None = None
        muted_tone = tone_color("muted", self.palette()).name()
        self.clipboard = control(QRadioButton(self.tr("Copy to clipboard")), "deliverClipboard",
                                 self.tr("Copy the new key to the clipboard"),
                                 self.tr("Show the key once, with a button to copy it"))
        self.clipboard.setIcon(icon("clipboard", muted_tone))
        self.keychain = control(QRadioButton(self.tr("Save to OS keychain")), "deliverKeychain",
                                self.tr("Save the new key to the OS keychain"),
                                self.tr("Store the key in the system keychain (keyring)"))
        self.keychain.setIcon(icon("keychain", muted_tone))
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        row.setSpacing(24)
        for button in (self.clipboard, self.keychain):
            button.setIconSize(QSize(16, 16))
            self.group.addButton(button)
            button.toggled.connect(lambda _c: self._update_message())
            row.addWidget(button)
        row.addStretch(1)
        self.message = FieldMessage("deliveryMessage")
        self.message.describe(self.clipboard, self.keychain)
        layout = _section(row, self.message)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setLayout(layout)
        self.select(settings.default_delivery)

    def select(self, method: str) -> None:
        """Pick 'clipboard' or 'keychain' (the clipboard while the keychain can't be used)."""
        keychain = method == DELIVERY_KEYCHAIN and self.keychain_reason is None
        (self.keychain if keychain else self.clipboard).setChecked(True)
        self._update_message()

    def method(self) -> str:
        """'clipboard' or 'keychain', as picked."""
        return DELIVERY_KEYCHAIN if self.keychain.isChecked() else DELIVERY_CLIPBOARD

    def set_keychain_reason(self, reason: str | None) -> None:
        """Disable keychain delivery with ``reason`` (None: the keychain looks usable)."""
        self.keychain_reason = None if reason is None else rule_message(reason)
        self.keychain.setEnabled(reason is None)
        self.keychain.setToolTip(self.keychain_reason
                                 or self.tr("Store the key in the system keychain"))
        if reason and self.keychain.isChecked():
            self.clipboard.setChecked(True)
        self._update_message()

    def _update_message(self) -> None:
        if self.keychain_reason:
            self.message.show_message("warning", self.tr(
                "The OS keychain can't be used: {reason}").format(reason=self.keychain_reason))
        elif self.keychain.isChecked():
            saved = self.tr("Saved under service “{service}”, with the key's name as "
                            "account.").format(service=self.service)
            self.message.show_message("hint", " ".join(filter(None, (saved, self.keychain_note))))
        else:
            seconds = self.settings.clipboard_timeout
            self.message.show_message("hint", self.tr(
                "Shown once; the clipboard is cleared {seconds} s after copying.").format(
                    seconds=seconds) if seconds else self.tr(
                "Shown once, with a button to copy it."))
        self.changed.emit()


class LimitsField(QWidget):
    """The optional limits, folded away under one "Limits" line that says what is set: a number
    of uses (refilled daily or monthly, or never) and a rate limit (N per second, minute or
    hour). Checked by the core's rules (:mod:`qkeys_desktop.core.limits`); the store's refusals
    show next to their row ("uses" and "refill" by the uses, "rate" by the rate)."""

    changed = Signal()

    def __init__(self, current: KeyRecord | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = current
        self._server_errors: dict[str, str] = {}
        self.toggle = control(QToolButton(), "limitsToggle", self.tr("Limits"),
                              self.tr("Show or hide the key's optional limits: a number of uses "
                                      "and a rate limit"))
        self.toggle.setText(self.tr("Limits"))
        self.toggle.setAutoRaise(True)
        self.toggle.setFont(scaled_font(self.toggle, 1.0, QFont.Weight.DemiBold))  # a heading
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.clicked.connect(lambda: self.unfold(not self.unfolded()))
        self.summary = muted(QLabel())
        self.summary.setObjectName("limitsSummary")
        header = QHBoxLayout()
        header.setSpacing(8)
        header.addWidget(self.toggle)
        header.addWidget(self.summary, 1)
        self.body = QWidget()
        self.body.setObjectName("limitsBody")
        rows = QGridLayout(self.body)
        rows.setContentsMargins(20, 0, 0, 0)
        rows.setHorizontalSpacing(8)
        rows.setVerticalSpacing(6)
        self.uses_message = FieldMessage("usesMessage")
        self.rate_message = FieldMessage("rateMessage")
        for row, (parts, message) in enumerate(((self._uses_row(), self.uses_message),
                                                (self._rate_row(), self.rate_message))):
            for column, part in enumerate(parts):
                rows.addWidget(part, 2 * row, column)
            rows.addWidget(message, 2 * row + 1, 0, 1, len(parts))
            message.describe(*parts)
        rows.setColumnStretch(0, 1)
        for spin in (self.uses_spin, self.rate_spin):
            spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("1,000,000,000") + 40)
        layout = _section(header, self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setLayout(layout)
        if current is not None:
            self._apply(current)
        self.unfold(False)
        self._update()

    def _uses_row(self) -> tuple[QWidget, ...]:
        self.uses_check = control(QCheckBox(self.tr("Limit the number of uses")),
                                  "limitUsesCheck", self.tr("Limit the number of uses"),
                                  self.tr("Accept this many valid checks in all; then refuse "
                                          "them with “usage exhausted”"))
        self.uses_spin = control(QSpinBox(), "usesSpin", self.tr("Number of uses"),
                                 self.tr("How many valid checks the key accepts"))
        self.uses_spin.setRange(1, USES_MAX)
        self.uses_spin.setValue(1000)
        self.uses_spin.setGroupSeparatorShown(True)
        self.refill_combo = control(
            QComboBox(), "refillCombo", self.tr("Refill"),
            self.tr("Give the key its uses back every day or every month (UTC)"))
        for value, label in REFILL_CHOICES:
            self.refill_combo.addItem(translate("LimitsField", label), value)
        self.uses_check.toggled.connect(lambda _c: self._edited("uses"))
        self.uses_spin.valueChanged.connect(lambda _v: self._edited("uses"))
        self.refill_combo.currentIndexChanged.connect(lambda _i: self._edited("refill"))
        return self.uses_check, self.uses_spin, QLabel(self.tr("refilled")), self.refill_combo

    def _rate_row(self) -> tuple[QWidget, ...]:
        self.rate_check = control(QCheckBox(self.tr("Limit the rate")), "limitRateCheck",
                                  self.tr("Limit the rate"),
                                  self.tr("Accept at most this many valid checks per second, "
                                          "minute or hour; refuse the rest with “rate limited”"))
        self.rate_spin = control(QSpinBox(), "rateSpin", self.tr("Checks per window"),
                                 self.tr("How many valid checks the key accepts per window"))
        self.rate_spin.setRange(1, USES_MAX)
        self.rate_spin.setValue(60)
        self.rate_spin.setGroupSeparatorShown(True)
        self.window_combo = control(QComboBox(), "rateWindowCombo", self.tr("Rate window"),
                                    self.tr("Per second, minute or hour"))
        for seconds, label in WINDOW_CHOICES:
            self.window_combo.addItem(translate("LimitsField", label), seconds)
        self.window_combo.setCurrentIndex(1)  # per minute
        for signal in (self.rate_check.toggled, self.rate_spin.valueChanged,
                       self.window_combo.currentIndexChanged):
            signal.connect(lambda _v: self._edited("rate"))
        return self.rate_check, self.rate_spin, QLabel(self.tr("per")), self.window_combo

    def _apply(self, record: KeyRecord) -> None:
        """Show an edited key's limits."""
        if record.uses_limit is not None:
            self.uses_check.setChecked(True)
            self.uses_spin.setValue(record.uses_limit)
            self.refill_combo.setCurrentIndex(self.refill_combo.findData(record.uses_refill))
        if record.rate_limit is not None:
            self.rate_check.setChecked(True)
            self.rate_spin.setValue(record.rate_limit)
            self.window_combo.setCurrentIndex(
                max(0, self.window_combo.findData(record.rate_window or 1)))

    # -- values -----------------------------------------------------------------------------

    def uses(self) -> int | None:
        """The number of uses, or None for unlimited; raises ValidationError."""
        return check_uses(self.uses_spin.value() if self.uses_check.isChecked() else None)

    def refill(self) -> str | None:
        """ "daily", "monthly" or None; raises ValidationError."""
        refill = self.refill_combo.currentData() if self.uses_check.isChecked() else None
        return check_refill(refill, self.uses())

    def rate(self) -> Rate | None:
        """(N, window seconds), or None for no rate limit; raises ValidationError."""
        if not self.rate_check.isChecked():
            return None
        return check_rate((self.rate_spin.value(), int(self.window_combo.currentData())))

    def create_values(self) -> dict[str, Any]:
        """``uses``, ``refill`` and ``rate`` for ``Store.create_key``."""
        return {"uses": self.uses(), "refill": self.refill(), "rate": self.rate()}

    def edit_values(self) -> dict[str, Any]:
        """``uses``, ``refill`` and ``rate`` for ``Store.edit_key``: the number of uses only
        when it changed (giving it starts the count afresh, which keeping a limit must not)."""
        values = self.create_values()
        current = self.current
        if current is not None and values["uses"] == current.uses_limit:
            values["uses"] = UNCHANGED
        return values

    def problems(self) -> dict[str, str]:
        """What is wrong with the limits, by field (uses, refill, rate)."""
        found: dict[str, str] = {}
        for field, check in (("uses", self.uses), ("refill", self.refill), ("rate", self.rate)):
            try:
                check()
            except ValidationError as error:
                found[field] = rule_message(error.message)
        found.update((field, rule_message(text)) for field, text in self._server_errors.items())
        return found

    def set_server_error(self, field: str, message: str) -> None:
        """Show the store's refusal next to its row (unfolded) until that row changes."""
        self._server_errors[field] = message
        self.unfold(True)
        self._update()
        target = self.rate_spin if field == "rate" else self.uses_spin
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- showing ----------------------------------------------------------------------------

    def summary_text(self) -> str:
        """The limits set, in a few words: "1,000 uses, refilled daily · 60/min"."""
        parts = []
        if self.uses_check.isChecked():
            uses, refill = self.uses_spin.value(), self.refill_combo.currentData()
            parts.append(self.tr("%Ln use(s), refilled daily", "", uses) if refill == "daily"
                         else self.tr("%Ln use(s), refilled monthly", "", uses)
                         if refill == "monthly" else self.tr("%Ln use(s)", "", uses))
        if self.rate_check.isChecked():  # "60/min": the units' symbols, in every language
            parts.append(describe_rate((self.rate_spin.value(),
                                        int(self.window_combo.currentData()))))
        return " · ".join(parts) or translate("LimitsField", NO_LIMITS)

    def unfold(self, unfolded: bool) -> None:
        """Show the limits' rows, or fold them away under the summary line."""
        self.body.setVisible(unfolded)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if unfolded else Qt.ArrowType.RightArrow)
        self.toggle.setAccessibleDescription(self.tr("Shown") if unfolded else self.tr("Hidden"))

    def unfolded(self) -> bool:
        """Whether the limits' rows are shown."""
        return not self.body.isHidden()

    def _edited(self, field: str) -> None:
        self._server_errors.pop(field, None)
        if field == "uses":
            self._server_errors.pop("refill", None)
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        uses, rate = self.uses_check.isChecked(), self.rate_check.isChecked()
        for widget in (self.uses_spin, self.refill_combo):
            widget.setEnabled(uses)
        for widget in (self.rate_spin, self.window_combo):
            widget.setEnabled(rate)
        self.summary.setText(self.summary_text())
        problems = self.problems()
        uses_problem = problems.get("uses") or problems.get("refill")
        if uses_problem:
            self.uses_message.show_message("error", uses_problem)
        else:
            self.uses_message.show_message("hint", self._uses_hint())
        if problems.get("rate"):
            self.rate_message.show_message("error", problems["rate"])
        else:
            self.rate_message.show_message("hint", "")

    def _uses_hint(self) -> str:
        """What saving the number of uses does to an edited key's count."""
        current = self.current
        if current is None or not self.uses_check.isChecked():
            return ""
        if self.uses_spin.value() == current.uses_limit:
            left = current.uses_remaining if current.uses_remaining is not None else 0
            return self.tr("{left} of {limit} left now; the count goes on.").format(
                left=count_text(left), limit=count_text(current.uses_limit))
        return self.tr("Saving starts the count afresh at this number.")


class KeyForm(QWidget):
    """Name, description, expiration, permissions, scope (and, for a new key, delivery), each
    with its message line. Given ``current``, it edits that key: its values filled in, "Keep
    current" as the expiration, no delivery (an edit makes no token)."""

    changed = Signal()  # any field changed: the dialog refreshes its button

    def __init__(self, store: Store, runner: TaskRunner, settings: AppSettings,
                 parent: QWidget | None = None, *, current: KeyRecord | None = None) -> None:
        super().__init__(parent)
        self.store, self.settings, self.current = store, settings, current
        self._taken: set[str] = set()
        self._server_errors: dict[str, str] = {}
        # nothing to type in these: their problems show at once
        self._touched: set[str] = {"expiration", "description"}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        sections = [self._name_section(), self._description_section(),
                    self._expiration_section(), self._permission_section(),
                    self._scope_section(runner), self._limits_section()]
        if current is None:
            sections.append(self._delivery_section())
        for section in sections:
            layout.addLayout(section)
        if current is None:
            self._apply_defaults()
        else:
            self._apply_current(current)

    # -- sections ---------------------------------------------------------------------------

    def _name_section(self) -> QVBoxLayout:
        self.name_edit = control(
            QLineEdit(), "nameEdit", self.tr("Key name"),
            self.tr("A name that says where the key is used; it must be unique"))
        self.name_edit.setPlaceholderText(self.tr("e.g. GitHub Actions deploy"))
        # No maxLength: it would cut a pasted token (66 characters) to 64 without a word, and
        # the core's rules must see what was pasted to refuse it for what it is.
        self.name_edit.setClearButtonEnabled(True)
        self.name_edit.textChanged.connect(self._name_changed)
        self.name_message = FieldMessage("nameMessage")
        self.name_message.describe(self.name_edit)
        return _section(section_label(self.tr("&Name"), self.name_edit), self.name_edit,
                        self.name_message)

    def _description_section(self) -> QVBoxLayout:
        self.description_edit = control(
            QPlainTextEdit(), "descriptionEdit", self.tr("Description"),
            self.tr("Optional: where the key is deployed, who owns it. Stored in clear, so never "
                    "a secret"))
        self.description_edit.setPlaceholderText(
            self.tr("Optional — e.g. deploys the web app; owned by the platform team"))
        self.description_edit.setTabChangesFocus(True)  # Tab moves on, as from every field
        self.description_edit.document().setDocumentMargin(6)  # the line edits' inset
        lines = self.description_edit.fontMetrics().lineSpacing()
        self.description_edit.setFixedHeight(lines * 3 + 14)
        # No maximum either (like the name): the core says what is wrong with a long text
        self.description_edit.textChanged.connect(self._description_changed)
        self.description_counter = muted(QLabel())
        self.description_counter.setObjectName("descriptionCounter")
        self.description_message = FieldMessage("descriptionMessage")
        self.description_message.describe(self.description_edit)
        header = QHBoxLayout()
        header.addWidget(section_label(self.tr("&Description"), self.description_edit))
        header.addStretch(1)
        header.addWidget(self.description_counter)
        self._count_description()
        return _section(header, self.description_edit, self.description_message)

    def _expiration_section(self) -> QVBoxLayout:
        keep = None if self.current is None else _keep_current(self.current)
        self.expiration = ExpirationField(self.store, self.settings, keep=keep)
        self.expiration.match_height(self.name_edit.sizeHint().height())
        self.expiration.changed.connect(lambda: self._changed("expiration"))
        # the names the Create dialog's callers and tests know these parts by
        self.expiration_combo = self.expiration.combo
        self.date_edit = self.expiration.date_edit
        self.expiration_message = self.expiration.message
        return _section(section_label(self.tr("&Expiration"), self.expiration_combo),
                        self.expiration)

    def _permission_section(self) -> QVBoxLayout:
        self.permission_boxes: dict[Permission, QCheckBox] = {}
        row = QHBoxLayout()
        row.setSpacing(24)
        for permission in ALL_PERMISSIONS:
            name = permission_label(permission)
            box = control(QCheckBox(name), f"perm_{(permission.name or '').lower()}",
                          self.tr("{permission} permission").format(permission=name),
                          permission_help(permission))
            box.setAccessibleDescription(translate("KeyForm", PERMISSION_HELP[permission]))
            box.toggled.connect(lambda _c: self._permissions_changed())
            box.installEventFilter(self)  # hover and focus say what the permission allows
            self.permission_boxes[permission] = box
            row.addWidget(box)
        row.addStretch(1)
        # One line for the permission pointed at or focused (the last one stays): always in
        # view, unlike a tooltip, for one line of height rather than one per permission.
        self.permission_help = muted(QLabel())
        self.permission_help.setObjectName("permissionHelp")
        self.select_all = control(QCheckBox(self.tr("Select all")), "selectAllPermissions",
                                  self.tr("Select all permissions"),
                                  self.tr("Tick or untick every permission"))
        self.select_all.setTristate(True)
        self.select_all.clicked.connect(self._select_all_clicked)
        header = QHBoxLayout()
        header.addWidget(section_label(self.tr("Permissions")))
        header.addStretch(1)
        header.addWidget(self.select_all)
        self.permissions_message = FieldMessage("permissionsMessage")
        self.permissions_message.describe(*self.permission_boxes.values())
        return _section(header, row, self.permission_help, self.permissions_message)

    def _scope_section(self, runner: TaskRunner) -> QVBoxLayout:
        self.limit_check = control(
            QCheckBox(self.tr("Limit to specific projects")), "limitProjectsCheck",
            self.tr("Limit to specific projects"),
            self.tr("Off: the key works for every project. On: only for the ticked ones"))
        self.limit_check.toggled.connect(self._limit_toggled)
        self.picker = ProjectPicker(self.store, runner)
        self.picker.changed.connect(lambda: self._changed("projects"))
        self.picker.project_added.connect(lambda _n: self._touched.add("projects"))
        self.picker.setVisible(False)
        self.projects_message = FieldMessage("projectsMessage")
        self.projects_message.describe(self.limit_check, self.picker.list)
        return _section(section_label(self.tr("Scope")), self.limit_check, self.picker,
                        self.projects_message)

    def _limits_section(self) -> QVBoxLayout:
        self.limits = LimitsField(self.current)
        self.limits.changed.connect(lambda: self._changed(""))
        return _section(self.limits)

    def _delivery_section(self) -> QVBoxLayout:
        self.delivery_choice = DeliveryChoice(self.settings)
        self.deliver_clipboard = self.delivery_choice.clipboard
        self.deliver_keychain = self.delivery_choice.keychain
        self.delivery_message = self.delivery_choice.message
        return _section(section_label(self.tr("Delivery")), self.delivery_choice)

    def _apply_defaults(self) -> None:
        self.permission_boxes[Permission.READ].setChecked(True)  # least privilege that is useful
        self._touched.discard("permissions")
        self.explain_permission(Permission.READ)

    def _apply_current(self, record: KeyRecord) -> None:
        """Fill in the key being edited; the projects are ticked once the picker has them."""
        self.name_edit.setText(record.name)
        self.description_edit.setPlainText(record.description)
        for permission, box in self.permission_boxes.items():
            box.setChecked(bool(record.permissions & permission))
        self._touched.discard("permissions")
        self.explain_permission(next(
            (p for p in ALL_PERMISSIONS if record.permissions & p), Permission.READ))
        self.limit_check.blockSignals(True)  # no "name the first project" for a scoped key
        self.limit_check.setChecked(not record.all_projects)
        self.limit_check.blockSignals(False)
        self.picker.setVisible(not record.all_projects)

    # -- what the dialog loads --------------------------------------------------------------

    @property
    def keychain_reason(self) -> str | None:
        """Why the keychain can't be used (None: it looks usable, or there is no delivery)."""
        return self.delivery_choice.keychain_reason if self.current is None else None

    def set_taken(self, keys: set[str]) -> None:
        """Names of existing keys, for the uniqueness rule as the user types, already folded
        (:func:`taken_name_keys`, in a worker thread): 100,000 of them then cost the UI thread
        nothing. The key being edited may keep its own name."""
        if self.current is not None:
            keys = keys - {name_key(self.current.name)}
        self._taken = keys
        self._changed("")

    def set_projects(self, projects: Sequence[ProjectRecord]) -> None:
        """The registry's projects for the picker; an edited key's own are ticked."""
        self.picker.set_projects(projects)
        if self.current is not None and not self.current.all_projects:
            for name in self.current.projects:
                self.picker.set_checked(name)
        self._changed("")

    def set_policy(self, policy: RegistryPolicy) -> None:
        """The registry's lifetime policy, for the expiration menu."""
        self.expiration.set_policy(policy)

    def set_keychain_reason(self, reason: str | None) -> None:
        """Disable keychain delivery with ``reason`` (None: the keychain looks usable)."""
        self.delivery_choice.set_keychain_reason(reason)

    def set_server_error(self, field: str, message: str) -> None:
        """Show the store's refusal next to its field until that field changes."""
        if field in LIMIT_FIELDS:
            self.limits.set_server_error(field, message)
            self.validate()
            return
        if field == "expiration":
            self.expiration.set_server_error(message)
            self.validate()
            return
        if field == "name":  # the core quotes the name (as stored) its way, the window its own
            with suppress(ValidationError):  # else a name the core cannot have quoted
                message = in_window_quotes(message, clean_name(self.name_edit.text()))
        self._server_errors[field] = message
        self._touched.add(field)
        self.validate()
        target: QWidget = {"name": self.name_edit, "description": self.description_edit,
                           "permissions": self.permission_boxes[Permission.READ],
                           "projects": self.picker.list}[field]
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def handle_picker_key(self, event: QKeyEvent) -> bool:
        """Enter adds the project being typed and Esc closes that field (not the dialog);
        whether the key was taken."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if not self.picker.edit.hasFocus() or not (enter or event.key() == Qt.Key.Key_Escape):
            return False
        if enter:
            self.picker.add_project()
        else:
            self.picker.cancel_new_project()
        return True

    def touch_all(self) -> None:
        """Show every field's problem (after an attempt to create or save)."""
        self._touched.update(FIELDS)

    # -- values and rules -------------------------------------------------------------------

    def name(self) -> str:
        """The trimmed name; raises ValidationError with the core's message."""
        name = clean_name(self.name_edit.text())
        if name_key(name) in self._taken:
            raise ValidationError("name", f"A key named “{name}” already exists; "
                                          "choose another name.")
        return name

    def description(self) -> str:
        """The trimmed description ("" for none); raises ValidationError."""
        return clean_description(self.description_edit.toPlainText())

    def expires_at(self) -> datetime | None:
        """The moment the chosen expiration means now; raises ValidationError if refused."""
        return self.expiration.moment()

    def expiry_value(self) -> datetime | Unchanged | None:
        """The chosen expiration for an edit: UNCHANGED when "Keep current" is chosen."""
        return self.expiration.value()

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
        return self.delivery_choice.method()

    def problems(self) -> dict[str, str]:
        """What keeps the key from being saved, by field, in the core's words."""
        found: dict[str, str] = {}
        for field, check in (("name", self.name), ("description", self.description),
                             ("permissions", self.permissions), ("projects", self.projects)):
            try:
                check()
            except ValidationError as error:
                found[field] = rule_message(error.message)
        expiry = self.expiration.problem()
        if expiry:
            found["expiration"] = expiry
        found.update(self.limits.problems())
        found.update((field, rule_message(text)) for field, text in self._server_errors.items())
        return {field: found[field] for field in FIELDS if field in found}

    def validate(self) -> dict[str, str]:
        """Refresh each field's message; returns the problems (empty when valid)."""
        problems = self.problems()
        for field, message in self._messages().items():
            if field in problems and field in self._touched:
                message.show_message("error", problems[field])
            else:
                self._show_hint(field)
        self.expiration.refresh()
        return problems

    def _messages(self) -> dict[str, FieldMessage]:
        return {"name": self.name_message, "description": self.description_message,
                "permissions": self.permissions_message, "projects": self.projects_message}

    def _show_hint(self, field: str) -> None:
        if field == "projects" and self.limit_check.isChecked() and not self.picker.names():
            self.projects_message.show_message(
                "hint", self.tr("No projects yet: add one with “New project…”."), "info")
        elif field == "name":
            self.name_message.show_message("hint", self.tr(
                "Shown in the key list and the activity log; up to {most} characters, "
                "unique.").format(most=NAME_MAX))
        else:
            self._messages()[field].show_message("hint", "")

    # -- reactions --------------------------------------------------------------------------

    def _changed(self, field: str) -> None:
        self._server_errors.pop(field, None)
        self.validate()
        self.changed.emit()

    def _name_changed(self, text: str) -> None:
        if text:  # "Enter a name" only once something was typed (or Create was tried)
            self._touched.add("name")
        self._changed("name")

    def _description_changed(self) -> None:
        self._count_description()
        self._changed("description")

    def _count_description(self) -> None:
        length = len(self.description_edit.toPlainText().strip())
        self.description_counter.setText(self.tr("{length}/{most}").format(
            length=length, most=DESCRIPTION_MAX))
        over = length > DESCRIPTION_MAX
        set_text_color(self.description_counter,
                       tone_color("error" if over else "muted", self.palette()))

    def explain_permission(self, permission: Permission) -> None:
        """Say on the help line what ``permission`` allows."""
        self.permission_help.setText(permission_help(permission))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A permission's box pointed at or focused: explain that permission."""
        if event.type() in (QEvent.Type.Enter, QEvent.Type.FocusIn):
            for permission, box in self.permission_boxes.items():
                if box is watched:
                    self.explain_permission(permission)
        return super().eventFilter(watched, event)

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


def _keep_current(record: KeyRecord) -> KeepChoice:
    """An edit's "Keep current" entry: the key's expiry as it is (no rule applies to it)."""
    label = (translate("KeyForm", "Keep current (never expires)") if record.expires_at is None
             else translate("KeyForm", "Keep current ({date})").format(
                 date=format_date(record.expires_at)))
    return KeepChoice(label, lambda _now: record.expires_at, checked=False)
