"""Expiry reminders: a desktop notification about keys that expire within a week, or just did.

The window checks when it starts and then once a day while it runs; a click on the notification
asks for the key (:attr:`ExpiryReminders.key_requested`; the window selects it and opens its
details). Notifications go through the system tray (``QSystemTrayIcon.showMessage``, which Qt
sends to the desktop's notification service); with no tray the sentence goes to the window's
status bar instead (:attr:`ExpiryReminders.notice`) — a desktop without one never breaks this.

What was said is remembered in the settings (:attr:`AppSettings.reminded`), so starting again the
same day says nothing new: a key expiring soon is mentioned once a day, a key that has expired
once. The keys are read off the UI thread; disabled keys are left out (someone paused them on
purpose, and they cannot be used anyway).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from ..core.expiration import EXPIRY_SOON
from ..core.records import KEY_DISABLED_AT, KEY_EXPIRES_AT, KEY_ID, KEY_NAME, KeyRow, from_epoch
from ..core.store import Store
from .i18n import translate
from .icons import app_icon
from .settings import AppSettings, marks_text, parse_marks
from .tasks import TaskRunner, describe_error, guarded
from .wording import format_date, format_expiry

#: How often the window looks whether a new day began (a suspended laptop's timers run late,
#: so "once a day" is "at the first tick of each day", not a 24-hour timer).
TICK_MS = 15 * 60 * 1000
MESSAGE_MS = 15_000  # how long the notification stays, where the desktop lets us choose
EMBED_WAIT_MS, EMBED_TRIES = 100, 20  # up to 2 s for the tray to take a new icon in
_NAMED = 3  # keys named in a notification before "and N more"


@dataclass(frozen=True, slots=True)
class DueKey:
    """A key that expires within a week, or has expired."""

    key_id: str
    name: str
    expires_at: datetime
    expired: bool


def due_keys(rows: Sequence[KeyRow], now: datetime) -> list[DueKey]:
    """The keys to remind about, soonest expiry first (in a worker, from the rows of the keys
    that expire within EXPIRY_SOON: an indexed read, not the whole table)."""
    limit = int((now + EXPIRY_SOON).timestamp())
    due = []
    for row in rows:
        expires = row[KEY_EXPIRES_AT]
        if expires is None or expires > limit or row[KEY_DISABLED_AT] is not None:
            continue
        moment = from_epoch(expires)
        assert moment is not None
        due.append(DueKey(row[KEY_ID], row[KEY_NAME], moment, moment <= now))
    return sorted(due, key=lambda key: key.expires_at)


def _mark(key: DueKey, today: date) -> str:
    return "expired" if key.expired else f"expiring {today.isoformat()}"


def news(due: Sequence[DueKey], said: dict[str, str], today: date
         ) -> tuple[list[DueKey], dict[str, str]]:
    """What to say now — a key expiring soon once a day, an expired key once — and what will
    have been said then. Marks of keys no longer due (extended, rotated, deleted) are dropped,
    so a key that comes due again is mentioned again."""
    marks = {key.key_id: _mark(key, today) for key in due}
    return [key for key in due if said.get(key.key_id) != marks[key.key_id]], marks


def _listed(keys: Sequence[DueKey], when: Callable[[DueKey], str]) -> str:
    named = translate("ExpiryReminders", "“{name}” {when}")
    shown = ", ".join(named.format(name=key.name, when=when(key)) for key in keys[:_NAMED])
    more = len(keys) - _NAMED
    return (translate("ExpiryReminders", "{keys} and %n more", "", more).format(keys=shown)
            if more > 0 else shown)


def wording(keys: Sequence[DueKey], now: datetime) -> tuple[str, str]:
    """The notification's title and text: expiring and expired keys, each said as such."""
    expiring = [key for key in keys if not key.expired]
    expired = [key for key in keys if key.expired]
    parts, soon, gone = [], len(expiring), len(expired)
    if soon:
        parts.append(translate("ExpiryReminders", "%n API key(s) will expire soon", "", soon))
    if gone:
        parts.append(translate("ExpiryReminders", "%n API key(s) expired", "", gone))

    lines = []
    if expiring:
        lines.append(translate("ExpiryReminders", "Expiring: {keys}.").format(keys=_listed(
            expiring, lambda key: format_expiry(key.expires_at, now))))
    if expired:
        on = translate("ExpiryReminders", "on {date}")
        lines.append(translate("ExpiryReminders", "Expired: {keys}.").format(keys=_listed(
            expired, lambda key: on.format(date=format_date(key.expires_at)))))
    lines.append(translate("ExpiryReminders", "Click to open the key in qkeys.") if len(keys) == 1
                 else translate("ExpiryReminders", "Click to open the soonest in qkeys."))
    return "; ".join(parts), "\n".join(lines)


def opened_by_click(keys: Sequence[DueKey]) -> str:
    """The key a click opens: the next to expire, else the one that expired last."""
    expiring = [key for key in keys if not key.expired]
    return expiring[0].key_id if expiring else keys[-1].key_id


class ExpiryReminders(QObject):
    """Checks at :meth:`start` and once a day; tells the desktop, or the window without a tray."""

    key_requested = Signal(str)  # the key id a click on the notification asks to open
    notice = Signal(str)  # the reminder as a sentence, where no tray can show it (or a failure)

    def __init__(self, store: Store, runner: TaskRunner, settings: AppSettings,
                 parent: QObject | None = None, *,
                 clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expiryReminders")
        self.store = store
        self.runner = runner
        self.settings = settings
        self.clock = clock or store.clock
        self.tray: QSystemTrayIcon | None = None  # made at the first notification
        self._checked: date | None = None  # the day of the last check
        self._target: str | None = None  # the key the last notification opens
        self.timer = QTimer(self)
        self.timer.setObjectName("expiryReminderTimer")
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def _today(self) -> date:
        return self.clock().astimezone().date()  # the person's day, not UTC's

    def start(self) -> None:
        """Check now, then at the first tick of every new day."""
        self.tick()
        self.timer.start()

    def tick(self) -> None:
        """Check, unless today was checked already or reminders are off."""
        if self.settings.expiry_reminders and self._today() != self._checked:
            self.check()

    def check(self) -> None:
        """Read the keys in the background and notify about what is new today."""
        self._checked = today = self._today()
        store, now, said = self.store, self.clock(), self.settings.reminded_text

        def read() -> tuple[list[DueKey], str]:
            # what is new, and the marks to keep, worked out here too: with tens of thousands
            # of keys due, decoding and encoding the marks cost the UI thread ~80 ms
            due = due_keys(store.key_rows(expiring_by=now + EXPIRY_SOON), now)
            tell, marks = news(due, parse_marks(said), today)
            return tell, marks_text(marks)

        self.runner.run(read, guarded(self, self._read), guarded(self, self._failed))

    def _failed(self, error: Exception) -> None:
        self._checked = None  # try again at the next tick
        self.notice.emit(self.tr("Could not check for expiring keys: {error}").format(
            error=describe_error(error)))


    def _read(self, found: tuple[list[DueKey], str]) -> None:
        if not self.settings.expiry_reminders:
            return  # turned off while the keys were read
        tell, marks = found
        self.settings.reminded_text = marks
        if tell:
            self._notify(tell)

    def _notify(self, keys: list[DueKey]) -> None:
        title, text = wording(keys, self.clock())
        self._target = opened_by_click(keys)
        if not (QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()):
            self.notice.emit(f"{title}. {text.splitlines()[0]}")
            return
        tray = self._tray()
        tray.setToolTip(f"qkeys — {title}")
        tray.show()
        icon = (QSystemTrayIcon.MessageIcon.Critical if keys[0].expired and len(keys) == 1
                else QSystemTrayIcon.MessageIcon.Warning)
        self._show_message(title, text, icon, EMBED_TRIES)

    def _show_message(self, title: str, text: str, icon: QSystemTrayIcon.MessageIcon,
                      tries: int) -> None:
        """Show the message once the icon sits in the tray: an X11 (XEmbed) tray takes a new
        icon in a moment after ``show()``, and until then the icon is said to be at the screen's
        origin — a message shown then points at the top-left corner, far from the tray. Trays
        that never report a place (D-Bus ones) get it after EMBED_TRIES waits."""
        tray = self._tray()
        place = tray.geometry()
        if (place.isEmpty() or place.topLeft().isNull()) and tries > 0:
            QTimer.singleShot(EMBED_WAIT_MS, lambda: self._show_message(title, text, icon,
                                                                        tries - 1))
            return
        tray.showMessage(title, text, icon, MESSAGE_MS)

    def _tray(self) -> QSystemTrayIcon:
        if self.tray is None:
            self.tray = QSystemTrayIcon(app_icon(), self)
            self.tray.setObjectName("expiryTrayIcon")
            self.tray.messageClicked.connect(self.open_key)
            self.tray.activated.connect(lambda _reason: self.open_key())
        return self.tray

    def open_key(self) -> None:
        """The notification (or the tray icon) was clicked: ask for its key, and put the icon
        away — it was only there to carry the reminder."""
        if self.tray is not None:
            self.tray.hide()
        if self._target is not None:
            self.key_requested.emit(self._target)
