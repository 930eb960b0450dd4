"""The app side of tests/ui/test_window_start.py: the real ``qkeys --db DB``, as the ``qkeys``
script runs it, reporting what its window showed when it first appeared.

Usage: ``QT_QPA_PLATFORM=offscreen python window_start_app.py DB``. Once the window is shown
and its keys table has its rows, it prints one JSON line — ``shown`` (the key names the table
lists), ``keys_at_show`` (how many rows it had at the moment it appeared), ``psycopg2`` (whether
the process had imported it) — and closes the window, which ends the process as Ctrl+Q would.
Nothing of the app is imported before its entry point runs: the window class is wrapped as the
app imports it, so what the start imports, and in which order, is the app's own.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable
from importlib.machinery import ModuleSpec
from types import ModuleType


def when_imported(name: str, then: Callable[[ModuleType], None]) -> None:
    """Call ``then(module)`` right after module ``name`` is first imported (by anyone)."""

    class Finder:
        @staticmethod
        def find_spec(fullname: str, path: object = None,
                      target: object = None) -> ModuleSpec | None:
            if fullname != name:
                return None
            sys.meta_path.remove(Finder)
            spec = importlib.util.find_spec(name)
            assert spec is not None and spec.loader is not None
            execute = spec.loader.exec_module

            def exec_module(module: ModuleType) -> None:
                execute(module)
                then(module)

            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Finder)  # type: ignore[arg-type]


def _reporting_show(original):  # type: ignore[no-untyped-def]
    def show(window):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QTimer

        model = window.keys_page.table.model()
        at_show = model.rowCount()
        original(window)

        def report(*_count: int) -> None:
            names = sorted(model.index(row, 0).data() for row in range(model.rowCount()))
            print(json.dumps({"shown": names, "keys_at_show": at_show,
                              "psycopg2": "psycopg2" in sys.modules}), flush=True)
            QTimer.singleShot(0, window.close)

        if at_show:
            QTimer.singleShot(0, report)
        else:  # shown before its keys (a slow read): report once they are there
            window.keys_page.count_changed.connect(report)

    return show


def _instrument(main_window: ModuleType) -> None:
    main_window.MainWindow.show = _reporting_show(main_window.MainWindow.show)


when_imported("qkeys_desktop.ui.main_window", _instrument)
sys.argv = ["qkeys", "--db", sys.argv[1]]
from qkeys_desktop.__main__ import main  # noqa: E402 (after the reporting is in place)

sys.exit(main())
