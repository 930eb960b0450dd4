"""The Rotate API Key dialog (Stripe's "roll"): a new token with the same settings, the old one
working on for a chosen overlap, and the new one delivered where the old one lives.

How to open it (the keys page's Rotate… action, the details dialog's Rotate… button)::

    from .rotate_dialog import open_rotate_key
    open_rotate_key(self.window(), store, runner, settings, record,
                    on_written=self._after_write, on_notice=self.notice.emit)

It opens window-modal and deletes itself when closed. Once ``store.rotate_key`` (run on the
TaskRunner) succeeds it hands the new token over exactly as a new key's
(:func:`~.delivery.deliver_rotated_key`: shown once, or into the OS keychain in place of the old
token's entry), then calls ``on_written(new_key_id, notice)``; ``on_notice`` hears of keychain
clean-up problems. Nothing is delivered or written on Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import NotFoundError, ValidationError
from ..core.keychain import Keychain
from ..core.records import CreatedKey, KeyRecord
from ..core.store import Store
from .create_dialog import FormDialog
from .delivery import deliver_rotated_key, delivery_for
from .i18n import QT_TRANSLATE_NOOP, translate
from .key_form import DeliveryChoice, ExpirationField, KeepChoice
from .settings import AppSettings
from .tasks import TaskRunner, describe_error
from .widgets import FieldMessage, control, section_label
from .wording import format_date_time

Written = Callable[[str, str], None]
Report = Callable[[str], None]
CUSTOM = "custom"
#: the overlaps the menu lists, in hours (their words: :func:`overlap_label`); then "Custom…"
OVERLAPS: tuple[int, ...] = (0, 1, 24, 168)
DEFAULT_OVERLAP = 24  # long enough for a deploy to pick the new token up, short enough to end
MAX_OVERLAP = timedelta(days=30)  # the core's limit
#: the custom overlap's units: (name, span, most), the name translated where shown
_UNITS = ((QT_TRANSLATE_NOOP("OverlapField", "hours"), timedelta(hours=1), 720),
          (QT_TRANSLATE_NOOP("OverlapField", "days"), timedelta(days=1), 30))


def overlap_label(hours: int) -> str:
    """An overlap as the menu says it: "None — the old token stops at once", "24 hours",
    "7 days" (whole days beyond one)."""
    if hours == 0:
        return translate("OverlapField", "None — the old token stops at once")
    days, rest = divmod(hours, 24)  # (no floor division inside the call: lupdate misreads it)
    if days > 1 and not rest:
        return translate("OverlapField", "%n day(s)", "", days)
    return translate("OverlapField", "%n hour(s)", "", hours)


def when_text(moment: datetime, now: datetime) -> str:
    """A moment soon, as people say it: "15:00 today", "Tue 15:00", later "Dec 9, 2026 15:00"."""
    local, today = moment.astimezone(), now.astimezone().date()
    clock = QLocale().toString(QTime(local.hour, local.minute), "HH:mm")
    days = (local.date() - today).days
    if days == 0:
        return translate("OverlapField", "{time} today").format(time=clock)
    if 0 < days < 7:
        day = QLocale().toString(QDate(local.year, local.month, local.day), "ddd")
        return translate("OverlapField", "{weekday} {time}").format(weekday=day, time=clock)
    return format_date_time(moment)


def overlap_sentence(overlap: timedelta, now: datetime) -> str:
    """What the overlap means for the apps still using the old token."""
    if overlap <= timedelta(0):
        return translate("OverlapField", "The old token stops working at once: apps still using "
                                         "it are refused with “rotated”.")
    return translate("OverlapField", "The old token keeps working until {when}, then stops with "
                                     "“rotated”.").format(when=when_text(now + overlap, now))


def same_lifetime(record: KeyRecord) -> KeepChoice:
    """The Rotate dialog's default expiry: the key's lifetime, counted from the rotation."""
    if record.expires_at is None:
        return KeepChoice(translate("RotateKeyDialog", "Same as now (no expiration)"),
                          lambda _now: None, checked=True)
    lifetime = record.expires_at - record.created_at
    days = max(1, round(lifetime.total_seconds() / 86400))
    return KeepChoice(translate("RotateKeyDialog", "Same lifetime (%n day(s))", "", days),
                      lambda now: now + lifetime, checked=True)


class OverlapField(QWidget):
    """How long the old token keeps working: a menu, hours or days when custom, a sentence."""

    changed = Signal()

    def __init__(self, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.combo = control(QComboBox(), "overlapCombo", self.tr("Overlap"),
                             self.tr("How long the old token keeps working alongside the new one"))
        for hours in OVERLAPS:
            self.combo.addItem(overlap_label(hours), hours)
        self.combo.addItem(self.tr("Custom…"), CUSTOM)
        self.combo.setCurrentIndex(self.combo.findData(DEFAULT_OVERLAP))
        self.amount = control(QSpinBox(), "overlapAmount", self.tr("Custom overlap"),
                              self.tr("How many hours or days the old token keeps working"))
        self.unit = control(QComboBox(), "overlapUnit", self.tr("Overlap unit"),
                            self.tr("Hours or days"))
        for name, _span, _most in _UNITS:
            self.unit.addItem(translate("OverlapField", name))
        self.unit.setCurrentIndex(1)
        self.amount.setRange(1, 30)
        self.amount.setValue(3)
        self.message = FieldMessage("overlapMessage")
        self.message.describe(self.combo, self.amount, self.unit)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.combo, 2)
        row.addWidget(self.amount, 1)
        row.addWidget(self.unit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.combo.currentIndexChanged.connect(lambda _i: self._changed())
        self.amount.valueChanged.connect(lambda _v: self._changed())
        self.unit.currentIndexChanged.connect(lambda _i: self._unit_changed())
        self._changed()

    def overlap(self) -> timedelta:
        """The chosen overlap (at most the core's 30 days: the spin box is capped)."""
        chosen = self.combo.currentData()
        if chosen != CUSTOM:
            return timedelta(hours=int(chosen))
        return self.amount.value() * _UNITS[self.unit.currentIndex()][1]

    def refresh(self) -> None:
        """Say again what the overlap means (the clock moves on)."""
        self.message.show_message("hint", overlap_sentence(self.overlap(), self.clock()), "info")

    def _unit_changed(self) -> None:
        self.amount.setMaximum(_UNITS[self.unit.currentIndex()][2])
        self._changed()

    def _changed(self) -> None:
        custom = self.combo.currentData() == CUSTOM
        self.amount.setVisible(custom)
        self.unit.setVisible(custom)
        self.refresh()
        self.changed.emit()


class RotateKeyDialog(FormDialog):
    """Asks how to rotate one key, rotates it; ``created`` and ``delivery`` hold the result."""

    written = Signal(str, str)  # (the new key id, a sentence): the key was rotated

    def __init__(self, store: Store, runner: TaskRunner, settings: AppSettings,
                 record: KeyRecord, parent: QWidget | None = None) -> None:
        super().__init__(store, runner, settings, parent,
                         action=("rotateButton", self.tr("Rotate key"),
                                 self.tr("Issue the new token (Enter)"), self.tr("Rotating…")))
        self.record = record
        self.created: CreatedKey | None = None
        self.delivery: str | None = None
        self.setObjectName("rotateKeyDialog")
        self.setWindowTitle(self.tr("Rotate API Key “{name}”").format(name=record.name))
        self.build("refresh", self.tr("Rotate API Key"),
                   self.tr("“{name}” ({key_id}) gets a new token with the same name, permissions "
                           "and scope. Put it into your apps before the old one stops.").format(
                       name=record.name, key_id=record.key_id),
                   self._content())
        service = record.keychain_service or settings.keychain_service
        self.start_loads([(store.policy, self.expiration.set_policy),
                          (lambda: Keychain(service).unavailable_reason(),
                           self._keychain_probed)])
        self.validate()
        self.action_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _content(self) -> QWidget:
        record = self.record
        self.overlap = OverlapField(self.store.clock)
        self.overlap.changed.connect(self.validate)
        note = (self.tr("It replaces the old token's entry there.") if record.keychain_service
                else "")
        self.delivery_choice = DeliveryChoice(self.settings, service=record.keychain_service,
                                              keychain_note=note)
        self.delivery_choice.select(delivery_for(record))  # the new token goes where the old is
        self.expiration = ExpirationField(self.store, self.settings, keep=same_lifetime(record))
        self.expiration.changed.connect(self.validate)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        for label, buddy, part in (
                (self.tr("&Overlap"), self.overlap.combo, self.overlap),
                (self.tr("New token &goes to"), None, self.delivery_choice),
                (self.tr("&Expiration"), self.expiration.combo, self.expiration)):
            section = QVBoxLayout()
            section.setSpacing(6)
            section.addWidget(section_label(label, buddy or self.delivery_choice.clipboard))
            section.addWidget(part)
            layout.addLayout(section)
        return content

    def _keychain_probed(self, reason: str | None) -> None:
        self.delivery_choice.set_keychain_reason(reason)

    def problems(self) -> list[str]:
        problem = self.expiration.problem()
        return [problem] if problem else []

    def content_enabled(self, enabled: bool) -> None:
        for part in (self.overlap, self.delivery_choice, self.expiration):
            part.setEnabled(enabled)

    def submit(self) -> None:
        """Rotate in the background (argon2 hashes the new secret)."""
        if self._busy or not self.validate():
            return
        try:
            expiry = self.expiration.value()
        except ValidationError:  # validate() just said there is none; the clock moved on
            self.validate()
            return
        overlap, key_id, store = self.overlap.overlap(), self.record.key_id, self.store
        self.run_action(lambda: store.rotate_key(key_id, overlap, expiry), self._rotated)

    def _rotated(self, created: CreatedKey) -> None:
        self.created = created
        self.delivery = self.delivery_choice.method()
        old, new = self.record, created.record
        until = new.previous_until
        if until is None:
            notice = self.tr("Rotated “{name}”: the old token {key_id} stopped working.").format(
                name=old.name, key_id=old.key_id)
        else:
            notice = self.tr("Rotated “{name}”: the old token {key_id} works until {when}.").format(
                name=old.name, key_id=old.key_id, when=format_date_time(until))
        self.written.emit(new.key_id, notice)
        self.accept()

    def action_failed(self, error: Exception) -> None:
        if isinstance(error, ValidationError) and error.field == "expiration":
            self.expiration.set_server_error(error.message)  # translated where shown
            self.validate()
        elif isinstance(error, NotFoundError):
            self.show_form_error(self.vanished_text(self.record))
        else:
            self.show_form_error(self.tr("The key was not rotated. {error}").format(
                error=describe_error(error)))


def open_rotate_key(parent: QWidget | None, store: Store, runner: TaskRunner,
                    settings: AppSettings, record: KeyRecord, *,
                    on_written: Written | None = None,
                    on_notice: Report | None = None) -> RotateKeyDialog:
    """Open the Rotate dialog for ``record`` window-modally (it deletes itself when closed);
    once rotated, the new token is delivered (over ``parent``) and ``on_written`` hears of it:
    (the new key id, a sentence for the status bar)."""
    dialog = RotateKeyDialog(store, runner, settings, record, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def rotated(key_id: str, notice: str) -> None:
        created = dialog.created
        assert created is not None
        deliver_rotated_key(parent, created, record, dialog.delivery, settings, runner, store,
                            on_message=on_notice)
        if on_written is not None:
            on_written(key_id, notice)

    dialog.written.connect(rotated)
    dialog.open()
    return dialog
