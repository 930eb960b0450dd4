"""Settings → Database: which registry the window opens, and a "Test connection" button.

The target is saved in settings without a password; a server password is typed separately and
kept, if the user asks, in the OS keychain — never in the settings file.

A registry that cannot be opened is not saved silently: OK tests a new target first (unless
"Test connection" just vouched for it) and asks before saving one that failed, since qkeys
would not be able to open it at the next start.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from ..core.database import describe, is_url
from ..core.keychain import Keychain, KeychainError
from ..core.paths import default_database
from ..core.probe import has_password, probe
from . import prompts
from .i18n import QT_TRANSLATE_NOOP, translate
from .settings import AppSettings
from .settings_dialog import SettingsDialog
from .tasks import TaskRunner, describe_error, guarded
from .widgets import FieldMessage

PASSWORD_SERVICE = "qkeys-database"


def without_password(target: str) -> tuple[str, str]:
    """Split a URL's password out of it: (URL without it, password or "")."""
    if not has_password(target):
        return target, ""
    parts = urlsplit(target)
    password = parts.password or ""
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc)), password


def remembered_password(target: str, timeout: float = 5.0) -> str | None:
    """The password saved for a server URL in the OS keychain, if any (None on any failure)."""
    if not is_url(target) or target.startswith("sqlite"):
        return None
    try:
        return Keychain(PASSWORD_SERVICE, timeout=timeout).read(target)
    except KeychainError:
        return None


# English; translated where shown (a constant is made before any translator is installed)
UNUSABLE_TITLE = QT_TRANSLATE_NOOP("DatabaseSection", "Save a registry that cannot be opened?")
NEXT_START_HINT = QT_TRANSLATE_NOOP("DatabaseSection",
                                    "A new registry is used the next time qkeys starts.")
NOW_HINT = QT_TRANSLATE_NOOP("DatabaseSection", "qkeys opens the registry you save here.")

# The core's answers to a probe (core/probe.py, English: the CLI shows them too), matched to be
# said in the window's language
_NO_DATABASE = re.compile(r"No database at (?P<path>.+) yet: qkeys will create it there\.", re.S)
_EMPTY = re.compile(r"Connected to (?P<engine>\w+): an empty database, qkeys will create its "
                    r"tables\.")
_REGISTRY = re.compile(r"Connected to (?P<engine>\w+): a qkeys registry with (?P<keys>\d+) "
                       r"key\(s\)\.")


def probe_summary(summary: str) -> str:
    """What :func:`probe` found, in the window's language (a sentence it doesn't know: as is)."""
    if found := _NO_DATABASE.fullmatch(summary):
        return translate("DatabaseSection", "No database at {path} yet: qkeys will create it "
                         "there.").format(path=found["path"])
    if found := _EMPTY.fullmatch(summary):
        return translate("DatabaseSection", "Connected to {engine}: an empty database, qkeys "
                         "will create its tables.").format(engine=found["engine"])
    if found := _REGISTRY.fullmatch(summary):
        keys = int(found["keys"])
        return translate("DatabaseSection", "Connected to {engine}: a qkeys registry with %n "
                         "key(s).", "", keys).format(engine=found["engine"])

    return summary


class DatabaseSection:
    """Adds the Database group to a SettingsDialog and saves it with the dialog's OK.

    ``applies_now``: the dialog was opened because the registry could not be opened at start,
    and what is saved is opened right away (the hint says so).
    """

    def __init__(self, dialog: SettingsDialog, settings: AppSettings, runner: TaskRunner,
                 *, applies_now: bool = False) -> None:
        self.settings = settings
        self.runner = runner
        self.dialog = dialog
        # (target, password, None if usable else why not) of the last test, in memory only
        self._last_test: tuple[str, str, str | None] | None = None
        self._hint = translate("DatabaseSection", NOW_HINT if applies_now else NEXT_START_HINT)
        self._checking = 0  # each check OK started; a dialog closed meanwhile voids them
        dialog.finished.connect(self._void_checks)
        form = dialog.add_section(translate("DatabaseSection", "Database"), "databaseSection",
                                  self.save)
        dialog.add_check(self.check_before_save)
        self.target = QLineEdit(settings.database)
        self.target.setObjectName("databaseTarget")
        self.target.setAccessibleName(translate("DatabaseSection", "Registry path or URL"))
        self.target.setPlaceholderText(translate("DatabaseSection", "Default: {path}").format(
            path=default_database()))
        self.target.setToolTip(translate(
            "DatabaseSection", "A file path, or postgresql://USER@HOST:PORT/DBNAME for a team."))
        self.target.setClearButtonEnabled(True)
        self.target.editingFinished.connect(self._move_password_out_of_url)
        self.password = QLineEdit()
        self.password.setObjectName("databasePassword")
        self.password.setAccessibleName(translate("DatabaseSection", "Database password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(translate(
            "DatabaseSection", "PostgreSQL only; or use PGPASSWORD / ~/.pgpass"))
        self.remember = QCheckBox(translate("DatabaseSection", "Remember in the OS keychain"))
        self.remember.setObjectName("rememberDatabasePassword")
        self.test_button = QPushButton(translate("DatabaseSection", "Test connection"))
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.clicked.connect(self.test_connection)
        self.message = FieldMessage("databaseMessage")
        self.message.describe(self.target, self.password)
        form.addRow(translate("DatabaseSection", "Registry:"), self.target)
        form.addRow(translate("DatabaseSection", "Password:"), self.password)
        form.addRow("", self.remember)
        form.addRow("", _row(self.test_button))
        form.addRow("", self.message)
        self.message.show_message("hint", self._hint)

    def show_problem(self, target: str, reason: str) -> None:
        """Say why ``target`` could not be opened (at start-up) and put the cursor in the field.
        Saving it unchanged then asks first, like a failed test."""
        shown = self.target.text().strip() or default_database()
        if os.path.abspath(os.path.expanduser(shown)) == os.path.abspath(
                os.path.expanduser(target)) or shown == target:
            self._last_test = (self.target.text().strip(), self.password.text(), reason)
            text = translate("DatabaseSection", "qkeys could not open this registry: {reason}"
                             ).format(reason=reason)
        else:
            text = translate("DatabaseSection", "qkeys could not open {registry}: {reason}"
                             ).format(registry=describe(target), reason=reason)
        self.message.show_message("error", text)
        self.target.setFocus()

    def _move_password_out_of_url(self) -> None:
        """A password typed into the URL is moved to the password field, so it isn't saved."""
        target, password = without_password(self.target.text().strip())
        if password:
            self.target.setText(target)
            self.password.setText(password)
            self.message.show_message("hint", translate(
                "DatabaseSection",
                "The password was moved out of the URL so it is not saved in clear."))

    def test_connection(self) -> None:
        """Probe the target off the UI thread and say what is there."""
        self._move_password_out_of_url()
        target = self.target.text().strip() or default_database()
        password = self.password.text() or None
        self.test_button.setEnabled(False)
        self.message.show_message("hint", translate(
            "DatabaseSection", "Connecting to {registry}…").format(registry=describe(target)))
        key = (self.target.text().strip(), self.password.text())
        self.runner.run(lambda: probe(target, password),
                        guarded(self.target, lambda summary: self._tested(key, summary)),
                        guarded(self.target, lambda error: self._failed(key, error)))

    def _tested(self, key: tuple[str, str], summary: str) -> None:
        self.test_button.setEnabled(True)
        self._last_test = (*key, None)
        self.message.show_message("success", probe_summary(summary))


    def _failed(self, key: tuple[str, str], error: Exception) -> None:
        self.test_button.setEnabled(True)
        self._last_test = (*key, describe_error(error))
        self.message.show_message("error", describe_error(error))

    # -- before saving ----------------------------------------------------------------------

    def check_before_save(self, proceed: Callable[[], None]) -> None:
        """The dialog's OK: a changed registry must open, or the user must say to save it anyway.

        Unchanged: nothing to check. Tested just now: that answer stands. Otherwise a quick test
        runs first (off the UI thread; OK waits, Cancel still works).
        """
        self._move_password_out_of_url()
        target, password = self.target.text().strip(), self.password.text()
        last = self._last_test
        if last is not None and last[:2] == (target, password):
            if last[2] is None:
                proceed()
            else:
                self._confirm_unusable(target, last[2], proceed)
            return
        if target == self.settings.database:
            proceed()  # not changed here: the registry in use is not this dialog's business
            return
        shown = target or default_database()
        self.dialog.ok_button.setEnabled(False)
        self.test_button.setEnabled(False)
        self.message.show_message("hint", translate(
            "DatabaseSection", "Checking {registry} before saving…").format(
                registry=describe(shown)))
        self._checking += 1
        check = self._checking

        def usable(summary: str) -> None:
            self._tested((target, password), summary)
            self.dialog.ok_button.setEnabled(True)
            if check == self._checking:
                proceed()

        def unusable(error: Exception) -> None:
            self._failed((target, password), error)
            self.dialog.ok_button.setEnabled(True)
            if check == self._checking:  # not once the dialog was cancelled
                self._confirm_unusable(target, describe_error(error), proceed)

        self.runner.run(lambda: probe(shown, password or None),
                        guarded(self.target, usable), guarded(self.target, unusable))

    def _void_checks(self) -> None:
        self._checking += 1

    def _confirm_unusable(self, target: str, reason: str, proceed: Callable[[], None]) -> None:
        shown = describe(target or default_database())
        if prompts.confirm(
                self.dialog, translate("DatabaseSection", UNUSABLE_TITLE),
                translate("DatabaseSection", "qkeys could not open {registry}.\n\n{reason}"
                          ).format(registry=shown, reason=reason),
                translate("DatabaseSection", "If you save it anyway, qkeys will not be able to "
                          "open its registry the next time it starts, and will offer to open "
                          "Settings or the default registry then."),
                action=translate("DatabaseSection", "Save anyway"), destructive=True):
            proceed()
        else:
            self.target.setFocus()

    def save(self) -> None:
        """Keep the target (without password) and, if asked, the password in the keychain."""
        self._move_password_out_of_url()
        target = self.target.text().strip()
        self.settings.database = target
        password = self.password.text()
        if password and self.remember.isChecked() and is_url(target):
            keychain = Keychain(PASSWORD_SERVICE)
            self.runner.run(lambda: keychain.store(target, password), lambda _: None,
                            _password_not_saved)


def _password_not_saved(error: Exception) -> None:
    prompts.inform(None, translate("DatabaseSection", "Password not saved"), translate(
        "DatabaseSection", "The database password could not be saved in the OS keychain: "
        "{error} Use PGPASSWORD or ~/.pgpass.").format(error=describe_error(error)), error=True)



def _row(widget: QWidget) -> QWidget:
    cell = QWidget()
    row = QHBoxLayout(cell)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget)
    row.addStretch(1)
    return cell
