"""Starting the desktop application."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication

from .. import APP_NAME, __version__
from ..core.database import describe
from ..core.errors import StoreError
from ..core.paths import DB_ENV, default_database
from ..core.store import Store
from . import prompts
from .database_section import remembered_password
from .icons import app_icon
from .settings import AppSettings
from .style import apply_style


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our names, icon and style (reused if one exists, as in tests)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("qkeys")
    app.setWindowIcon(app_icon())
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


def run_app(db: str | None = None) -> int:
    """Open the main window on ``db`` (default database when None) and run until it closes."""
    app = create_application()
    target = choose_target(db, AppSettings())
    try:
        store = Store.open(target, password=remembered_password(target))
    except StoreError as error:
        prompts.inform(None, "qkeys cannot open the registry", f"{describe(target)}\n\n{error}",
                       error=True)
        return 1
    from .main_window import MainWindow  # after the store: a bad path fails fast

    window = MainWindow(store)
    window.show()
    return app.exec()
