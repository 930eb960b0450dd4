"""Settings → Database: which registry the window opens, and a "Test connection" button.

The target is saved in settings without a password; a server password is typed separately and
kept, if the user asks, in the OS keychain — never in the settings file.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from ..core.database import describe, is_url
from ..core.keychain import Keychain, KeychainError
from ..core.paths import default_database
from ..core.probe import has_password, probe
from . import prompts
from .dialog_parts import FieldMessage
from .settings import AppSettings
from .settings_dialog import SettingsDialog
from .tasks import TaskRunner, describe_error

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


class DatabaseSection:
    """Adds the Database group to a SettingsDialog and saves it with the dialog's OK."""

    def __init__(self, dialog: SettingsDialog, settings: AppSettings, runner: TaskRunner) -> None:
        self.settings = settings
        self.runner = runner
        form = dialog.add_section("Database", "databaseSection", self.save)
        self.target = QLineEdit(settings.database)
        self.target.setObjectName("databaseTarget")
        self.target.setAccessibleName("Registry path or URL")
        self.target.setPlaceholderText(f"Default: {default_database()}")
        self.target.setToolTip("A file path, or postgresql://USER@HOST:PORT/DBNAME for a team.")
        self.target.setClearButtonEnabled(True)
        self.target.editingFinished.connect(self._move_password_out_of_url)
        self.password = QLineEdit()
        self.password.setObjectName("databasePassword")
        self.password.setAccessibleName("Database password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("PostgreSQL only; or use PGPASSWORD / ~/.pgpass")
        self.remember = QCheckBox("Remember in the OS keychain")
        self.remember.setObjectName("rememberDatabasePassword")
        self.test_button = QPushButton("Test connection")
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.clicked.connect(self.test_connection)
        self.message = FieldMessage("databaseMessage")
        form.addRow("Registry:", self.target)
        form.addRow("Password:", self.password)
        form.addRow("", self.remember)
        form.addRow("", _row(self.test_button))
        form.addRow("", self.message)
        self.message.show_message("hint", "A new registry is used the next time qkeys starts.")

    def _move_password_out_of_url(self) -> None:
        """A password typed into the URL is moved to the password field, so it isn't saved."""
        target, password = without_password(self.target.text().strip())
        if password:
            self.target.setText(target)
            self.password.setText(password)
            self.message.show_message(
                "hint", "The password was moved out of the URL so it is not saved in clear."
            )

    def test_connection(self) -> None:
        """Probe the target off the UI thread and say what is there."""
        self._move_password_out_of_url()
        target = self.target.text().strip() or default_database()
        password = self.password.text() or None
        self.test_button.setEnabled(False)
        self.message.show_message("hint", f"Connecting to {describe(target)}…")
        self.runner.run(lambda: probe(target, password), self._tested, self._failed)

    def _tested(self, summary: str) -> None:
        self.test_button.setEnabled(True)
        self.message.show_message("success", summary)

    def _failed(self, error: Exception) -> None:
        self.test_button.setEnabled(True)
        self.message.show_message("error", describe_error(error))

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
    prompts.inform(None, "Password not saved", f"The database password could not be saved in "
                   f"the OS keychain: {describe_error(error)} Use PGPASSWORD or ~/.pgpass.",
                   error=True)


def _row(widget: QWidget) -> QWidget:
    cell = QWidget()
    row = QHBoxLayout(cell)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget)
    row.addStretch(1)
    return cell
