"""Starting the desktop application."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication

from .. import APP_NAME, __version__
from ..core.database import describe, is_url
from ..core.errors import StoreError
from ..core.paths import DB_ENV, default_database, personal_database
from ..core.store import Store
from . import prompts
from .clipboard import guard_primary_selection
from .i18n import QT_TRANSLATE_NOOP, install_translators, translate
from .icons import app_icon
from .settings import AppSettings
from .style import apply_style
from .tasks import TaskRunner, finish_jobs

OPEN_SETTINGS, USE_DEFAULT, QUIT = "settings", "default", "quit"
# Where the registry was named: English, compared as they are, translated where shown.
FROM_SETTINGS = QT_TRANSLATE_NOOP("Startup", "chosen in Settings")
GIVEN_WITH_DB = QT_TRANSLATE_NOOP("Startup", "given with --db")
NAMED_BY_ENV = QT_TRANSLATE_NOOP("Startup", "named by ${variable}")
THE_DEFAULT = QT_TRANSLATE_NOOP("Startup", "the default registry")


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our names, icon, style and language — the system's or the one
    chosen in Settings (reused if one exists, as in tests)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("qkeys")
    app.setWindowIcon(app_icon())
    install_translators(app, AppSettings().language)
    guard_primary_selection(app)  # X11: no secret in the middle-click selection
    apply_style(app)  # high-DPI: Qt 6 scales by default, with fractional (pass-through) factors
    # Every call from Qt into Python (a model's data(), a slot) must take the GIL; while a worker
    # loads 100,000 keys it holds the GIL up to the switch interval (5 ms by default) each time,
    # which made painting 3x slower. 1 ms keeps the UI responsive (see tests/benchmarks).
    sys.setswitchinterval(0.001)
    return app


def choose_target(cli_target: str | None, settings: AppSettings) -> str:
    """--db wins, then $QKEYS_DB, then the registry chosen in Settings, then the default."""
    if cli_target:
        return cli_target
    if os.environ.get(DB_ENV):
        return default_database()
    return settings.database or default_database()


def target_origin(cli_target: str | None, settings: AppSettings) -> str:
    """Where the registry to open was named, in words (for a start-up failure)."""
    if cli_target:
        return GIVEN_WITH_DB
    if os.environ.get(DB_ENV):
        return NAMED_BY_ENV
    if settings.database:
        return FROM_SETTINGS
    return THE_DEFAULT


def run_app(db: str | None = None) -> int:
    """Open the main window on ``db`` (default database when None) and run until it closes."""
    app = create_application()
    settings = AppSettings()
    target = choose_target(db, settings)
    store = open_registry(target, settings, target_origin(db, settings))
    if store is None:
        return 1
    from .main_window import MainWindow  # after the store: a bad path fails fast

    window = MainWindow(store, settings)
    window.show_when_keys_loaded()  # its first frame shows the keys
    status = app.exec()
    wind_down(store, settings)
    return status


def wind_down(store: Store, settings: AppSettings) -> None:
    """After the window closed, what must be done before the process may end — and then it may
    end at once, without tearing every object down (the entry point's ``exit_now``): the
    clipboard was cleared already (as the application quit: :func:`.clipboard.secure_clipboard`),
    jobs in flight finish (a write, a token on its way to the keychain), the settings the window
    saved (its layout) are written, and the registry is closed, which flushes the usage counted.
    (Worker threads' own connections are left to the system: every write on them is committed,
    and SQLite treats a closed file like a process that ended.)"""
    finish_jobs()
    settings.q.sync()
    store.close()


def open_registry(target: str, settings: AppSettings, origin: str = "") -> Store | None:
    """Open the registry at ``target``. When it can't be opened, say why on stderr and offer to
    fix it in Settings, to use the per-user default registry (saved, if Settings named the
    broken one) or to quit (None)."""
    password: str | None = None  # typed in Settings just now: used whether remembered or not
    while True:
        try:
            return Store.open(target, password=password or _remembered_password(target),
                              surface="window")
        except StoreError as error:
            print(f"qkeys: cannot open the registry {describe(target)}: {error}", file=sys.stderr)
            reason = str(error)
        while True:  # until the user picks something to try next, or quits
            choice = ask_after_failure(target, reason, origin)
            if choice == OPEN_SETTINGS:
                saved, password = edit_registry_settings(settings, target, reason)
                if saved:
                    target, origin = settings.database or personal_database(), FROM_SETTINGS
                    break
            elif choice == USE_DEFAULT:
                password = None
                if origin == FROM_SETTINGS:
                    settings.database = ""  # the broken one must not greet the next start too
                target, origin = personal_database(), THE_DEFAULT
                break
            else:
                return None


def _remembered_password(target: str) -> str | None:
    """The keychain's password for a server URL; a file has none, and opens without loading the
    Settings dialog's modules (start-up time)."""
    if not is_url(target):
        return None
    from .database_section import remembered_password

    return remembered_password(target)


def ask_after_failure(target: str, reason: str, origin: str) -> str:
    """Open Settings, use the default registry, or quit? (Never the default when it is the one
    that failed.)"""
    choices = [(OPEN_SETTINGS, translate("Startup", "Open Settings…"))]
    advice = translate("Startup", "Choose another registry in Settings.")
    if os.path.abspath(os.path.expanduser(target)) != os.path.abspath(personal_database()):
        choices.append((USE_DEFAULT, translate("Startup", "Use the Default Registry")))
        advice = translate("Startup", "Choose another registry in Settings, or use your own "
                                      "registry on this computer ({path}).").format(
            path=personal_database())
    choices.append((QUIT, translate("Startup", "Quit")))
    if origin:
        text = translate("Startup", "qkeys cannot open the registry {target} ({origin}).").format(
            target=describe(target),
            origin=translate("Startup", origin).format(variable=DB_ENV))
    else:
        text = translate("Startup", "qkeys cannot open the registry {target}.").format(
            target=describe(target))
    return prompts.choose(
        None, translate("Startup", "qkeys cannot open the registry"), text,
        f"{reason}\n\n{advice}", choices, escape=QUIT, error=True)


def edit_registry_settings(settings: AppSettings, target: str,
                           reason: str) -> tuple[bool, str | None]:
    """The Settings dialog, with the Database section saying why ``target`` failed. Returns
    whether the user saved, and the database password typed there (None if none): it opens
    the registry now even if it was not to be remembered (or is still on its way to the
    keychain)."""
    from .database_section import DatabaseSection
    from .settings_dialog import SettingsDialog

    dialog = SettingsDialog(settings)
    # the runner outlives the dialog: remembering the password in the keychain may still run
    section = DatabaseSection(dialog, settings, TaskRunner(QApplication.instance()),
                              applies_now=True)
    section.show_problem(target, reason)
    try:
        saved = dialog.exec() == SettingsDialog.DialogCode.Accepted
        return saved, (section.password.text() or None) if saved else None
    finally:
        dialog.deleteLater()
