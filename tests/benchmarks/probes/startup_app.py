"""Child: start qkeys as ``qkeys --db DB`` does; say when the window shows its keys (argv: DB).

The parent times from spawning this process to each line it prints:
  window   the main window is built (MainWindow.__init__ returned)
  painted  the main window's first frame is painted
  keys     the keys table has painted rows (what a person sees as "started")
  loaded   which of HEAVY the process had imported by then (a list after the word)
then the app quits as it does after Ctrl+Q. Only the measuring is added: the window module is
instrumented as the app itself imports it (a meta path finder that only watches), so the probe
changes neither what is imported nor in which order; the paint timestamps come from event
filters (probes/_paint_watch.py).
"""

import importlib.util
import sys
from types import ModuleType

WINDOW_MODULE = "qkeys_desktop.ui.main_window"
#: What the start of a window on an existing SQLite registry needs none of.
HEAVY = ("psycopg2", "playhouse", "keyring", "argon2")


def instrument(module: ModuleType) -> None:
    from _paint_watch import PaintWatch
    from PySide6.QtWidgets import QApplication

    def shown() -> None:
        print("loaded", *sorted({name.split(".")[0] for name in sys.modules} & set(HEAVY)),
              flush=True)
        QApplication.quit()

    original = module.MainWindow.__init__

    def init(window, *args, **kwargs):  # type: ignore[no-untyped-def]
        original(window, *args, **kwargs)
        print("window", flush=True)
        table = window.keys_page.table
        watches = (PaintWatch("painted", lambda: True),
                   PaintWatch("keys", lambda: table.model().rowCount() > 0, shown))
        window.installEventFilter(watches[0])
        table.viewport().installEventFilter(watches[1])
        window._startup_watches = watches  # alive as long as the window

    module.MainWindow.__init__ = init


class WatchWindowImport:
    """Runs :func:`instrument` on the window module right after the app imports it."""

    @staticmethod
    def find_spec(name, path=None, target=None):  # type: ignore[no-untyped-def]
        if name != WINDOW_MODULE:
            return None
        sys.meta_path.remove(WatchWindowImport)
        spec = importlib.util.find_spec(name)
        execute = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            execute(module)
            instrument(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, WatchWindowImport)
sys.argv = ["qkeys", "--db", sys.argv[1]]
from qkeys_desktop.__main__ import main  # noqa: E402 (after the instrumentation)

sys.exit(main())
